package connectors

import (
	"context"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Conn is what a connector gets to act for one connection: the values the
// user entered, with the secret ones kept as secrets.
type Conn struct {
	Config  map[string]string
	Secrets map[string]secrets.Secret
}

// Value returns a field's value, secret or not, as text (for the one call
// that must send it).
func (c Conn) Value(name string) string {
	if s, ok := c.Secrets[name]; ok {
		return s.Reveal()
	}
	return c.Config[name]
}

// Probe is what a credential check may use: where to send a test message.
type Probe struct {
	// Recipient receives a test message, for connectors that send messages.
	Recipient string
}

// CredentialChecker checks a connection against the provider, before it is
// saved and whenever a user tests it.
type CredentialChecker interface {
	CheckCredentials(ctx context.Context, c Conn, p Probe) error
}

// CheckError is a failed check that a user can fix: it names the field at
// fault (empty when no single field is) and never contains a secret.
type CheckError struct {
	Field   string
	Message string
}

func (e *CheckError) Error() string { return e.Message }

// EmailMessage is a message to send.
type EmailMessage struct {
	To      string
	Subject string
	HTML    string
	Text    string
	// IdempotencyKey identifies the message across retries (sent as the
	// Message-ID), so a receiver can drop duplicates.
	IdempotencyKey string
}

// EmailSender sends email.
type EmailSender interface {
	SendEmail(ctx context.Context, c Conn, m EmailMessage) error
}
