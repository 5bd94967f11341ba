// Package secrets keeps credentials secret: a Secret type that never prints
// itself, and a Keyring that seals values with AES-256-GCM in a versioned
// envelope naming its key and bound to the row that holds it.
package secrets

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// Secret is a credential (token, password, API key). It prints, logs and
// marshals as "[redacted]"; only Reveal gives the value.
type Secret struct{ v string }

// New wraps a value.
func New(v string) Secret { return Secret{v: v} }

const redacted = "[redacted]"

// Reveal returns the value, for the one call that must send it.
func (s Secret) Reveal() string { return s.v }

// Empty reports whether there is no value.
func (s Secret) Empty() bool { return s.v == "" }

// String implements fmt.Stringer.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer (%#v).
func (s Secret) GoString() string { return redacted }

// Format makes every fmt verb print the redaction.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON implements json.Marshaler.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// MarshalText implements encoding.TextMarshaler.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
