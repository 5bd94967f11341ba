package sandbox

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Input object types whose shape the sandbox checks before anything runs,
// as Shopify's GraphQL validation does: a field the type does not define,
// or a required field left out, is an error in the variables (or in the
// literal argument) and the operation does not run. Scalar types are
// checked by the resolvers. Input types not listed here are not checked.

// inputField is one field of an input object type.
type inputField struct {
	// typ is the field's input object type ("" for scalars and enums).
	typ string
	// list marks a list of typ.
	list bool
	// required marks a non-null field.
	required bool
	// gqlType is the field's type as the schema writes it, for messages.
	gqlType string
}

var inputTypes = map[string]map[string]inputField{
	// InventorySetQuantitiesInput as of 2026-04: ignoreCompareQuantity is gone.
	"InventorySetQuantitiesInput": {
		"name":                 {required: true, gqlType: "String!"},
		"reason":               {required: true, gqlType: "String!"},
		"referenceDocumentUri": {gqlType: "String"},
		"quantities":           {typ: "InventoryQuantityInput", list: true, required: true, gqlType: "[InventoryQuantityInput!]!"},
	},
	// InventoryQuantityInput as of 2026-04: compareQuantity is gone, and
	// changeFromQuantity, nullable, must nevertheless be given (the
	// resolver checks that: Shopify answers it at run time).
	"InventoryQuantityInput": {
		"inventoryItemId":    {required: true, gqlType: "ID!"},
		"locationId":         {required: true, gqlType: "ID!"},
		"quantity":           {required: true, gqlType: "Int!"},
		"changeFromQuantity": {gqlType: "Int"},
	},
}

// inputProblem is one problem of a variable's value, as Shopify lists them
// in extensions.problems of an INVALID_VARIABLE error.
type inputProblem struct {
	path        []any
	explanation string
}

// checkInput walks a value of the input object type typ and reports the
// fields the type does not define and the required fields missing.
func checkInput(typ string, v any, path []any) []inputProblem {
	fields, ok := inputTypes[typ]
	if !ok || v == nil {
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []inputProblem{{path: path, explanation: "Expected value to be an object"}}
	}
	var out []inputProblem
	for _, name := range sortedKeys(obj) {
		f, known := fields[name]
		fpath := append(slices.Clone(path), name)
		switch {
		case !known:
			out = append(out, inputProblem{path: fpath, explanation: "Field is not defined on " + typ})
		case f.typ != "" && f.list:
			list, isList := obj[name].([]any)
			if !isList {
				out = append(out, checkInput(f.typ, obj[name], fpath)...)
				continue
			}
			for i, item := range list {
				ipath := append(slices.Clone(fpath), i)
				if item == nil {
					out = append(out, inputProblem{path: ipath, explanation: "Expected value to not be null"})
					continue
				}
				out = append(out, checkInput(f.typ, item, ipath)...)
			}
		case f.typ != "":
			out = append(out, checkInput(f.typ, obj[name], fpath)...)
		}
	}
	for _, name := range sortedKeys(fields) {
		if f := fields[name]; f.required && obj[name] == nil {
			out = append(out, inputProblem{path: append(slices.Clone(path), name), explanation: "Expected value to not be null"})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkVariableInputs checks the variables whose type is one of
// inputTypes and answers Shopify's INVALID_VARIABLE errors.
func checkVariableInputs(op *ast.OperationDefinition, vars map[string]any) []gqlError {
	var errs []gqlError
	for _, vd := range op.VariableDefinitions {
		if vd.Type == nil {
			continue
		}
		problems := checkInputList(vd.Type, vars[vd.Variable])
		if len(problems) == 0 {
			continue
		}
		var where []string
		list := make([]map[string]any, len(problems))
		for i, p := range problems {
			where = append(where, fmt.Sprintf("%s (%s)", dotted(p.path), p.explanation))
			list[i] = map[string]any{"path": p.path, "explanation": p.explanation}
		}
		errs = append(errs, gqlError{
			Message:    fmt.Sprintf("Variable $%s of type %s was provided invalid value for %s", vd.Variable, vd.Type.String(), strings.Join(where, ", ")),
			Locations:  loc(vd.Position),
			Extensions: map[string]any{"code": "INVALID_VARIABLE", "value": vars[vd.Variable], "problems": list},
		})
	}
	return errs
}

// checkInputList checks a variable's value, which may be a list of the
// input type.
func checkInputList(t *ast.Type, v any) []inputProblem {
	if t.Elem == nil {
		return checkInput(t.NamedType, v, []any{})
	}
	list, _ := v.([]any)
	var out []inputProblem
	for i, item := range list {
		for _, p := range checkInputList(t.Elem, item) {
			p.path = append([]any{i}, p.path...)
			out = append(out, p)
		}
	}
	return out
}

func dotted(path []any) string {
	parts := make([]string, len(path))
	for i, p := range path {
		switch p := p.(type) {
		case int:
			parts[i] = strconv.Itoa(p)
		default:
			parts[i] = fmt.Sprint(p)
		}
	}
	return strings.Join(parts, ".")
}

// checkLiteralInput checks an argument written in the document (not a
// variable) against its input type, with the messages Shopify's validation
// gives literals.
func (v *validator) checkLiteralInput(typ string, val *ast.Value, path []any) {
	fields, ok := inputTypes[typ]
	if !ok || val == nil {
		return
	}
	switch val.Kind {
	case ast.ListValue:
		for _, c := range val.Children {
			v.checkLiteralInput(typ, c.Value, path)
		}
		return
	case ast.ObjectValue:
	default:
		return // variables are checked with the variables; scalars by resolvers
	}
	for _, c := range val.Children {
		f, known := fields[c.Name]
		if !known {
			v.errorf(c.Position, path, map[string]any{"code": "argumentNotAccepted", "name": typ, "typeName": "InputObject", "argumentName": c.Name},
				"InputObject '%s' doesn't accept argument '%s'", typ, c.Name)
			continue
		}
		if f.typ != "" {
			v.checkLiteralInput(f.typ, c.Value, append(slices.Clone(path), c.Name))
		}
	}
	for _, name := range sortedKeys(fields) {
		f := fields[name]
		if !f.required {
			continue
		}
		if c := val.Children.ForName(name); c == nil || c.Kind == ast.NullValue {
			v.errorf(val.Position, path, map[string]any{"code": "missingRequiredInputObjectAttribute", "argumentName": name, "argumentType": f.gqlType, "inputObjectType": typ},
				"Argument '%s' on InputObject '%s' is required. Expected type %s", name, typ, f.gqlType)
		}
	}
}
