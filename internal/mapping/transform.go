package mapping

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/currency"

	"github.com/switchboard-hub/switchboard/connectors"
)

// kinds lists the transform kinds, in the order messages name them.
var kinds = [...]string{Trim, Lower, Upper, Split, Join, E164, DateFormat, ToNumber, Currency, Lookup, FirstNonEmpty}

// maxDecimals bounds the number transform's Decimals.
const maxDecimals = 10

// step is one compiled transform. Empty values pass every step but
// first_non_empty untouched.
type step struct {
	kind string
	run  runFunc
}

// runFunc transforms a normalized value; record is the whole source
// record, for first_non_empty.
type runFunc func(v any, record map[string]any) (any, error)

// transformCheck compiles one transform of a field: at is its path
// (fields.2.transforms.0), in the type of the value it gets and input what
// that value is, for messages.
type transformCheck struct {
	at     string
	in     valueType
	input  string
	source connectors.Entity
	errs   Errors
}

// accepts tells whether the transform takes the input's type, reporting
// it at the kind when not. An unknown input (after an earlier mistake) is
// taken without a word.
func (c transformCheck) accepts(kind string, types ...valueType) bool {
	if c.in == typeUnknown || slices.Contains(types, c.in) {
		return true
	}
	wants := make([]string, len(types))
	for i, t := range types {
		wants[i] = t.String()
	}
	c.errs.add(c.at+".kind", fmt.Sprintf("%q needs %s, but %s is %s", kind, strings.Join(wants, " or "), c.input, c.in))
	return false
}

// argument reports a problem with one of the transform's arguments.
func (c transformCheck) argument(name, msg string) {
	c.errs.add(c.at+"."+name, msg)
}

// compile checks t's arguments and input type and returns the step and
// the type of its result (typeUnknown when t is wrong).
func (c transformCheck) compile(t Transform) (step, valueType) {
	run, out := c.compileKind(t)
	if run == nil {
		out = typeUnknown
	}
	return step{kind: t.Kind, run: run}, out
}

// compileKind returns a nil run when the transform cannot be used.
func (c transformCheck) compileKind(t Transform) (runFunc, valueType) {
	switch t.Kind {
	case Trim:
		return c.textOrList(t.Kind, strings.TrimSpace, true)
	case Lower:
		return c.textOrList(t.Kind, strings.ToLower, false)
	case Upper:
		return c.textOrList(t.Kind, strings.ToUpper, false)
	case Split:
		return c.split(t)
	case Join:
		return c.join(t)
	case E164:
		return c.e164(t)
	case DateFormat:
		return c.date(t)
	case ToNumber:
		return c.number(t)
	case Currency:
		return c.currency(t)
	case Lookup:
		return c.lookup(t)
	case FirstNonEmpty:
		return c.firstNonEmpty(t)
	case "":
		c.argument("kind", "is required: one of "+strings.Join(kinds[:], ", "))
		return nil, typeUnknown
	}
	msg := fmt.Sprintf("%q is not a transform", t.Kind)
	if s := closest(t.Kind, kinds[:]); s != "" {
		msg += "; did you mean " + s + "?"
	}
	c.argument("kind", msg+" (the transforms are "+strings.Join(kinds[:], ", ")+")")
	return nil, typeUnknown
}

// textOrList applies fn to text, or to each item of a list; dropEmpty
// leaves out the items fn makes empty.
func (c transformCheck) textOrList(kind string, fn func(string) string, dropEmpty bool) (runFunc, valueType) {
	if !c.accepts(kind, typeText, typeList) {
		return nil, typeUnknown
	}
	return func(v any, _ map[string]any) (any, error) {
		l, ok := v.([]string)
		if !ok {
			s, err := asText(v)
			if err != nil {
				return nil, err
			}
			return fn(s), nil
		}
		out := make([]string, 0, len(l))
		for _, s := range l {
			if s = fn(s); s != "" || !dropEmpty {
				out = append(out, s)
			}
		}
		return out, nil
	}, c.in
}

// split cuts text on Separator: the list, or the part at Index (negative
// counts from the end; a part that is not there is empty).
func (c transformCheck) split(t Transform) (runFunc, valueType) {
	ok := c.accepts(t.Kind, typeText)
	if t.Separator == "" {
		c.argument("separator", `is required: the text to split on, such as " " or ","`)
		ok = false
	}
	if !ok {
		return nil, typeUnknown
	}
	sep := t.Separator
	if t.Index == nil {
		return func(v any, _ map[string]any) (any, error) {
			s, err := asText(v)
			if err != nil {
				return nil, err
			}
			return strings.Split(s, sep), nil
		}, typeList
	}
	index := *t.Index
	return func(v any, _ map[string]any) (any, error) {
		s, err := asText(v)
		if err != nil {
			return nil, err
		}
		parts := strings.Split(s, sep)
		i := index
		if i < 0 {
			i += len(parts)
		}
		if i < 0 || i >= len(parts) {
			return "", nil
		}
		return parts[i], nil
	}, typeText
}

// join writes a list as text, items separated by Separator (", " unless set).
func (c transformCheck) join(t Transform) (runFunc, valueType) {
	if !c.accepts(t.Kind, typeList) {
		return nil, typeUnknown
	}
	sep := t.Separator
	if sep == "" {
		sep = ", "
	}
	return func(v any, _ map[string]any) (any, error) {
		l, err := asList(v)
		if err != nil {
			return nil, err
		}
		return strings.Join(l, sep), nil
	}, typeText
}

// e164 writes a phone number as E.164.
func (c transformCheck) e164(t Transform) (runFunc, valueType) {
	ok := c.accepts(t.Kind, typeText)
	region := strings.ToUpper(t.Region)
	if region != "" {
		if err := checkRegion(region); err != nil {
			c.argument("region", err.Error())
			ok = false
		}
	}
	if !ok {
		return nil, typeUnknown
	}
	return func(v any, _ map[string]any) (any, error) {
		s, err := asText(v)
		if err != nil {
			return nil, err
		}
		return toE164(s, region)
	}, typeText
}

// date reads a date or time and writes it in Layout and TimeZone.
func (c transformCheck) date(t Transform) (runFunc, valueType) {
	ok := c.accepts(t.Kind, typeText, typeNumber)
	layout, err := checkLayout(t.Layout)
	if err != nil {
		c.argument("layout", err.Error())
		ok = false
	}
	loc, err := loadZone(t.TimeZone)
	if err != nil {
		c.argument("timeZone", err.Error())
		ok = false
	}
	if !ok {
		return nil, typeUnknown
	}
	d := dateFormat{layout: layout, loc: loc}
	out := typeText
	if layout == layoutUnix || layout == layoutUnixMS {
		out = typeNumber
	}
	return func(v any, _ map[string]any) (any, error) { return d.format(v) }, out
}

// number reads a number (text written plainly, see parseNumber), rounded
// half away from zero to Decimals when set.
func (c transformCheck) number(t Transform) (runFunc, valueType) {
	ok := c.accepts(t.Kind, typeText, typeNumber)
	if t.Decimals != nil && (*t.Decimals < 0 || *t.Decimals > maxDecimals) {
		c.argument("decimals", fmt.Sprintf("%d is out of range: from 0 to %d", *t.Decimals, maxDecimals))
		ok = false
	}
	if !ok {
		return nil, typeUnknown
	}
	round, decimals := t.Decimals != nil, 0
	if round {
		decimals = *t.Decimals
	}
	return func(v any, _ map[string]any) (any, error) {
		n, err := asNumber(v)
		if err != nil {
			return nil, err
		}
		if round {
			n = roundHalfAway(n, decimals)
		}
		return n, nil
	}, typeNumber
}

// currency rounds an amount to the currency's minor unit.
func (c transformCheck) currency(t Transform) (runFunc, valueType) {
	ok := c.accepts(t.Kind, typeText, typeNumber)
	code := strings.ToUpper(t.Currency)
	switch {
	case code == "":
		c.argument("currency", "is required: an ISO 4217 code such as USD or JPY")
		ok = false
	case len(code) != 3 || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "":
		c.argument("currency", fmt.Sprintf("%q is not a 3-letter currency code such as USD or JPY", t.Currency))
		ok = false
	default:
		if _, err := currency.ParseISO(code); err != nil {
			c.argument("currency", fmt.Sprintf("%q is not an ISO 4217 currency code", t.Currency))
			ok = false
		}
	}
	if !ok {
		return nil, typeUnknown
	}
	digits := connectors.MinorDigits(code)
	return func(v any, _ map[string]any) (any, error) {
		n, err := asNumber(v)
		if err != nil {
			return nil, err
		}
		return roundHalfAway(n, digits), nil
	}, typeNumber
}

// lookup replaces a value (as text, matched exactly) by Table's, else by
// Default, else fails naming the value.
func (c transformCheck) lookup(t Transform) (runFunc, valueType) {
	ok := c.accepts(t.Kind, typeText, typeNumber, typeBoolean)
	if len(t.Table) == 0 {
		c.argument("table", "is required: the values to replace and their replacements")
		ok = false
	}
	if !ok {
		return nil, typeUnknown
	}
	table := maps.Clone(t.Table)
	hasDefault, def := t.Default != nil, ""
	if hasDefault {
		def = *t.Default
	}
	return func(v any, _ map[string]any) (any, error) {
		s, err := asText(v)
		if err != nil {
			return nil, err
		}
		if r, ok := table[s]; ok {
			return r, nil
		}
		if hasDefault {
			return def, nil
		}
		return nil, fmt.Errorf("%q is not in the lookup table and there is no default", s)
	}, typeText
}

// firstNonEmpty keeps a non-empty value, else takes the first non-empty
// of Paths' source fields.
func (c transformCheck) firstNonEmpty(t Transform) (runFunc, valueType) {
	ok := true
	if len(t.Paths) == 0 {
		c.argument("paths", "is required: the source fields to try, in order")
		ok = false
	}
	for _, p := range t.Paths {
		f, found := findField(c.source, p)
		if !found {
			c.argument("paths", unknownField(p, c.source))
			ok = false
			continue
		}
		if pt := typeOf(f.Type); c.in != typeUnknown && pt != c.in {
			c.argument("paths", fmt.Sprintf("%s is %s, but %s is %s: first_non_empty needs values of one type", describe(f), pt, c.input, c.in))
			ok = false
		}
	}
	if !ok {
		return nil, typeUnknown
	}
	paths := slices.Clone(t.Paths)
	return func(v any, record map[string]any) (any, error) {
		if !isEmpty(v) {
			return v, nil
		}
		for _, p := range paths {
			n, err := normalize(record[p])
			if err != nil {
				return nil, fmt.Errorf("source %s %w", p, err)
			}
			if !isEmpty(n) {
				return n, nil
			}
		}
		return nil, nil
	}, c.in
}
