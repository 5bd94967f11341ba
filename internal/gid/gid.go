// Package gid encodes the opaque global ids and pagination cursors of the
// GraphQL API. A global id is the base64url form of "Type:rawID", so that
// node(id:) can tell which table to read.
package gid

import (
	"encoding/base64"
	"strings"

	"github.com/switchboard-hub/switchboard/internal/failure"
)

// Encode returns the global id of a row of typeName.
func Encode(typeName, rawID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typeName + ":" + rawID))
}

// Decode splits a global id into its type name and raw id.
func Decode(id string) (typeName, rawID string, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil {
		return "", "", false
	}
	typeName, rawID, ok = strings.Cut(string(b), ":")
	if !ok || typeName == "" || rawID == "" {
		return "", "", false
	}
	return typeName, rawID, true
}

// Expect decodes a global id that must be of typeName. field names the input
// field for the error message.
func Expect(field, typeName, id string) (string, error) {
	t, raw, ok := Decode(id)
	if !ok || t != typeName {
		return "", failure.Invalid(field, "is not a valid "+typeName+" id")
	}
	return raw, nil
}

// ExpectOptional is Expect for an optional id: nil stays nil.
func ExpectOptional(field, typeName string, id *string) (*string, error) {
	if id == nil {
		return nil, nil
	}
	raw, err := Expect(field, typeName, *id)
	if err != nil {
		return nil, err
	}
	return &raw, nil
}

// Cursor returns the opaque pagination cursor for a row id.
func Cursor(rawID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("c:" + rawID))
}

// DecodeCursor returns the row id in a cursor; nil after means from the start.
func DecodeCursor(after *string) (string, error) {
	if after == nil || *after == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*after)
	if err != nil || !strings.HasPrefix(string(b), "c:") {
		return "", failure.Invalid("after", "is not a cursor returned by this API")
	}
	return strings.TrimPrefix(string(b), "c:"), nil
}
