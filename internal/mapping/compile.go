package mapping

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Compiled is a Definition checked against its source and target entities,
// ready to Apply. It does not change after Compile and is safe for
// concurrent use.
type Compiled struct {
	fields []compiledField
}

// compiledField makes one target field: a starting value, then steps.
type compiledField struct {
	target connectors.Field
	start  func(record map[string]any) (any, error)
	steps  []step
}

// Compile checks def against the source and target entities' fields and
// compiles it. When def is wrong the error is an *Errors naming every
// problem by its path in def: fields.<i>.target, fields.<i>.source,
// fields.<i>.template, fields.<i>.transforms.<j>.<argument> (kind for the
// transform itself, or for a value of the wrong type), and fields for a
// required target field that nothing maps.
func Compile(def Definition, source, target connectors.Entity) (*Compiled, error) {
	errs := Errors{}
	c := &Compiled{fields: make([]compiledField, 0, len(def.Fields))}
	mappedBy := map[string]int{}
	for i, fm := range def.Fields {
		at := "fields." + strconv.Itoa(i)
		if prev, dup := mappedBy[fm.Target]; dup && fm.Target != "" {
			errs.add(at+".target", fmt.Sprintf("%s is already mapped by fields.%d: map each target field once", fm.Target, prev))
		} else {
			mappedBy[fm.Target] = i
		}
		if f, ok := compileField(fm, at, source, target, errs); ok {
			c.fields = append(c.fields, f)
		}
	}
	var missing []string
	for _, f := range target.Fields {
		if _, ok := mappedBy[f.Name]; f.Required && !ok {
			missing = append(missing, describe(f))
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		errs.add("fields", fmt.Sprintf("the target field %s is required: map it", missing[0]))
	default:
		errs.add("fields", fmt.Sprintf("the target fields %s are required: map them", strings.Join(missing, ", ")))
	}
	if len(errs) > 0 {
		return nil, &errs
	}
	return c, nil
}

// compileField compiles one field mapping, adding its problems to errs.
func compileField(fm FieldMapping, at string, source, target connectors.Entity, errs Errors) (compiledField, bool) {
	before := len(errs)
	var out compiledField
	tf, targetOK := findField(target, fm.Target)
	switch {
	case fm.Target == "":
		errs.add(at+".target", "is required: one of "+strings.Join(fieldNames(target), ", "))
	case !targetOK:
		errs.add(at+".target", unknownField(fm.Target, target))
	}
	out.target = tf

	// The starting value, its type, what messages call it and where.
	vt, input, origin := typeUnknown, "", at+".source"
	var given []string
	if fm.Source != "" {
		given = append(given, "source")
	}
	if fm.Constant != nil {
		given = append(given, "constant")
	}
	if fm.Template != "" {
		given = append(given, "template")
	}
	switch {
	case len(given) == 0:
		errs.add(origin, "set one of source, constant or template")
	case len(given) > 1:
		errs.add(origin, "set only one of source, constant or template (this sets "+strings.Join(given, " and ")+")")
	case fm.Source != "":
		sf, ok := findField(source, fm.Source)
		if !ok {
			errs.add(origin, unknownField(fm.Source, source))
			break
		}
		vt, input = typeOf(sf.Type), describe(sf)
		name := sf.Name
		out.start = func(record map[string]any) (any, error) {
			v, err := normalize(record[name])
			if err != nil {
				return nil, fmt.Errorf("source %s %w", name, err)
			}
			return v, nil
		}
	case fm.Constant != nil:
		constant := *fm.Constant
		vt, input, origin = typeText, "the constant", at+".constant"
		out.start = func(map[string]any) (any, error) { return constant, nil }
	default:
		origin = at + ".template"
		t, err := parseTemplate(fm.Template, source)
		if err != nil {
			errs.add(origin, err.Error())
			break
		}
		vt, input = typeText, "the template"
		out.start = func(record map[string]any) (any, error) { return t.render(record) }
	}

	for j, t := range fm.Transforms {
		check := transformCheck{at: at + ".transforms." + strconv.Itoa(j), in: vt, input: input, source: source, errs: errs}
		var s step
		s, vt = check.compile(t)
		out.steps = append(out.steps, s)
		input, origin = fmt.Sprintf("the result of %q", t.Kind), check.at+".kind"
	}

	if targetOK && vt != typeUnknown {
		if msg := incompatible(vt, input, tf); msg != "" {
			errs.add(origin, msg)
		}
	}
	return out, len(errs) == before
}

// findField finds an entity's field by name.
func findField(e connectors.Entity, name string) (connectors.Field, bool) {
	i := slices.IndexFunc(e.Fields, func(f connectors.Field) bool { return f.Name == name })
	if i < 0 {
		return connectors.Field{}, false
	}
	return e.Fields[i], true
}
