// Package validation checks input structs with go-playground/validator and
// reports each problem under the field's name as the API spells it (the json
// tag), with a message a person can act on.
package validation

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/go-playground/validator/v10"

	"github.com/switchboard-hub/switchboard/internal/failure"
)

// Validator checks structs tagged with `validate:"…"`.
type Validator struct {
	v *validator.Validate
}

// New returns a Validator that names fields by their json tag and knows the
// hub's own rules: "name" (no control characters, not blank).
func New() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	_ = v.RegisterValidation("name", func(fl validator.FieldLevel) bool {
		s := fl.Field().String()
		if strings.TrimSpace(s) == "" {
			return false
		}
		for _, r := range s {
			if unicode.IsControl(r) {
				return false
			}
		}
		return true
	})
	return &Validator{v: v}
}

// Check validates s and returns a VALIDATION_FAILED failure naming every bad
// field, or nil.
func (v *Validator) Check(s any) error {
	err := v.v.Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return fmt.Errorf("validate: %w", err)
	}
	fields := make(map[string]string, len(verrs))
	var first string
	for _, fe := range verrs {
		name := fieldPath(fe)
		if _, seen := fields[name]; seen {
			continue
		}
		fields[name] = message(fe)
		if first == "" {
			first = name + ": " + fields[name]
		}
	}
	msg := first
	if len(fields) > 1 {
		msg = fmt.Sprintf("%s (and %d more problems)", first, len(fields)-1)
	}
	return &failure.Error{Code: failure.ValidationFailed, Message: msg, Fields: fields}
}

// fieldPath drops the struct's own name from the namespace ("Input.name" → "name").
func fieldPath(fe validator.FieldError) string {
	ns := fe.Namespace()
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return fe.Field()
}

func message(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "email":
		return "must be an email address"
	case "min":
		if fe.Kind() == reflect.String {
			return fmt.Sprintf("must be at least %s characters", fe.Param())
		}
		return fmt.Sprintf("must be at least %s", fe.Param())
	case "max":
		if fe.Kind() == reflect.String {
			return fmt.Sprintf("must be at most %s characters", fe.Param())
		}
		if fe.Kind() == reflect.Slice {
			return fmt.Sprintf("must have at most %s items", fe.Param())
		}
		return fmt.Sprintf("must be at most %s", fe.Param())
	case "name":
		return "must not be blank or contain control characters"
	case "oneof":
		return "must be one of " + strings.ReplaceAll(fe.Param(), " ", ", ")
	case "unique":
		return "must not repeat an item"
	case "timezone":
		return "must be an IANA time zone name such as Europe/Paris or America/New_York"
	}
	return "is invalid (" + fe.Tag() + ")"
}
