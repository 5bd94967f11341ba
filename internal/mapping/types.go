package mapping

import (
	"fmt"

	"github.com/switchboard-hub/switchboard/connectors"
)

// valueType is what Compile knows a field's value to be while it walks a
// transform chain. At run time values are string, float64, bool or
// []string (see normalize).
type valueType int

const (
	// typeUnknown follows a transform that failed to compile: nothing
	// after it is type-checked, so that one mistake is reported once.
	typeUnknown valueType = iota
	typeText
	typeNumber
	typeBoolean
	typeList
)

func (t valueType) String() string {
	switch t {
	case typeText:
		return "text"
	case typeNumber:
		return "a number"
	case typeBoolean:
		return "true or false"
	case typeList:
		return "a list"
	}
	return "unknown"
}

// typeOf is the value type a field of type ft holds. Dates are text
// (RFC 3339) until a "date" transform reads them.
func typeOf(ft connectors.FieldType) valueType {
	switch ft {
	case connectors.Number, connectors.Money:
		return typeNumber
	case connectors.Boolean:
		return typeBoolean
	case connectors.List:
		return typeList
	}
	return typeText
}

// incompatible says why a value of type vt (described by input) cannot be
// written to the target field, or "" when it can. Numbers and money take
// numbers; true/false takes true/false; lists take lists and text (a list
// of one); the others take any single value, numbers written as text.
func incompatible(vt valueType, input string, target connectors.Field) string {
	var hint string
	switch target.Type {
	case connectors.Number, connectors.Money:
		if vt == typeNumber {
			return ""
		}
		if vt == typeText {
			hint = `; add a "number" transform`
			if target.Type == connectors.Money {
				hint = `; add a "number" or "currency" transform`
			}
		}
		return fmt.Sprintf("%s is %s, but %s needs a number%s", input, vt, describe(target), hint)
	case connectors.Boolean:
		if vt == typeBoolean {
			return ""
		}
		return fmt.Sprintf("%s is %s, but %s needs true or false", input, vt, describe(target))
	case connectors.List:
		if vt == typeList || vt == typeText {
			return ""
		}
		return fmt.Sprintf("%s is %s, but %s needs a list or text", input, vt, describe(target))
	}
	if vt == typeList {
		return fmt.Sprintf(`%s is a list, but %s needs a single value; add a "join" transform`, input, describe(target))
	}
	return ""
}
