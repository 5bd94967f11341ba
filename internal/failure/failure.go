// Package failure defines the kinds of error the hub reports to its users.
// Every layer returns these (wrapped as it likes); the GraphQL error presenter
// turns them into extensions.code, and anything else becomes a masked
// INTERNAL error.
package failure

import (
	"errors"
	"fmt"
)

// Code is the machine-readable kind of a failure, as sent in extensions.code.
type Code string

// The codes clients can rely on.
const (
	Unauthenticated  Code = "UNAUTHENTICATED"
	Forbidden        Code = "FORBIDDEN"
	NotFound         Code = "NOT_FOUND"
	ValidationFailed Code = "VALIDATION_FAILED"
	Conflict         Code = "CONFLICT"
	TooManyRequests  Code = "TOO_MANY_REQUESTS"
)

// Error is a failure a user can act on.
type Error struct {
	Code    Code
	Message string
	// Fields maps input field names (as in the GraphQL schema) to a message.
	Fields map[string]string
}

func (e *Error) Error() string { return e.Message }

// New returns a failure with a code and a message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a VALIDATION_FAILED failure for one field.
func Invalid(field, message string) *Error {
	return &Error{
		Code:    ValidationFailed,
		Message: field + ": " + message,
		Fields:  map[string]string{field: message},
	}
}

// ConflictOn returns a CONFLICT failure that also names the field at fault.
func ConflictOn(field, message string) *Error {
	return &Error{Code: Conflict, Message: message, Fields: map[string]string{field: message}}
}

// As returns the failure in err's chain, if any.
func As(err error) (*Error, bool) {
	var f *Error
	if errors.As(err, &f) {
		return f, true
	}
	return nil, false
}

// Is reports whether err carries a failure with the given code.
func Is(err error, code Code) bool {
	f, ok := As(err)
	return ok && f.Code == code
}
