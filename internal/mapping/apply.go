package mapping

import (
	"errors"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Apply maps one source record to a target record. Record values are as
// JSON or a connector gives them: string, float64 (or another number
// type), bool, []any, []string or nil. Out, numbers are float64, lists
// []string, booleans bool and everything else string.
//
// A field whose value is empty (nil, "", an empty list, before or after
// its transforms) is left out, unless the target field is required: then
// it is an error. Errors are keyed by target field name; out then still
// holds the fields that did map (for previews), but the record as a whole
// should not be written.
func (c *Compiled) Apply(record map[string]any) (map[string]any, Errors) {
	out := make(map[string]any, len(c.fields))
	var errs Errors
	for _, f := range c.fields {
		v, err := f.apply(record)
		if err != nil {
			if errs == nil {
				errs = Errors{}
			}
			errs.add(f.target.Name, err.Error())
			continue
		}
		if v != nil {
			out[f.target.Name] = v
		}
	}
	return out, errs
}

// Targets lists the mapped target fields in the definition's order.
func (c *Compiled) Targets() []string {
	names := make([]string, len(c.fields))
	for i, f := range c.fields {
		names[i] = f.target.Name
	}
	return names
}

// apply makes the field's value: nil when it is empty and may be left out.
func (f compiledField) apply(record map[string]any) (any, error) {
	v, err := f.start(record)
	if err != nil {
		return nil, err
	}
	for _, s := range f.steps {
		if isEmpty(v) && s.kind != FirstNonEmpty {
			continue
		}
		if v, err = s.run(v, record); err != nil {
			return nil, err
		}
	}
	if isEmpty(v) {
		if f.target.Required {
			return nil, errors.New("is required but the source is empty")
		}
		return nil, nil
	}
	return convert(v, f.target.Type)
}

// convert writes a value as the target field's type holds it.
func convert(v any, ft connectors.FieldType) (any, error) {
	switch ft {
	case connectors.Number, connectors.Money:
		return asNumber(v)
	case connectors.Boolean:
		return asBool(v)
	case connectors.List:
		return asList(v)
	}
	return asText(v)
}
