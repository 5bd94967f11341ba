// Package smtp is the SMTP email connector: any mail server reached with
// host, port and credentials, sending through go-mail with a TLS policy.
package smtp

import (
	"github.com/switchboard-hub/switchboard/connectors"
)

// Connector is the SMTP email connector.
type Connector struct{}

func init() { connectors.Register(Connector{}) }

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	return connectors.Spec{
		Slug: "smtp", Name: "Email (SMTP)", Category: connectors.Messaging,
		Summary:    "Send email through your own mail server or provider's SMTP relay.",
		DocsURL:    "https://www.rfc-editor.org/rfc/rfc5321",
		APIVersion: "SMTP (RFC 5321) with STARTTLS or implicit TLS",
		Auth:       connectors.Auth{Kind: connectors.AuthBasic},
		Fields: []connectors.Field{
			{Name: "host", Label: "Host", Type: connectors.Host, Required: true, MaxLength: 253},
			{Name: "port", Label: "Port", Type: connectors.Number, Required: true, Default: "587", Min: connectors.Ptr(1), Max: connectors.Ptr(65535)},
			{Name: "tls", Label: "TLS", Type: connectors.Select, Required: true, Default: "starttls", Options: []string{"starttls", "tls", "none"},
				Help: "starttls: upgrade on port 587 (required); tls: implicit TLS on port 465; none: only for servers on a trusted network"},
			{Name: "username", Label: "User name", Type: connectors.Text, MaxLength: 254},
			{Name: "password", Label: "Password", Type: connectors.Secret, MaxLength: 500},
			{Name: "from", Label: "Sender address", Type: connectors.Email, Required: true, MaxLength: 254},
			{Name: "fromName", Label: "Sender name", Type: connectors.Text, MaxLength: 100},
		},
		Actions: []connectors.Action{{Name: "send_email", Summary: "Send an email", Marketing: true, Consent: connectors.ConsentEmail, Input: []connectors.Field{
			{Name: "to", Label: "To", Type: connectors.Email, Required: true},
			{Name: "subject", Label: "Subject", Type: connectors.Text, Required: true, MaxLength: 250},
			{Name: "html", Label: "HTML body", Type: connectors.Text},
			{Name: "text", Label: "Text body", Type: connectors.Text}}}},
		SelfHosted: true,
		Budget:     connectors.RateBudget{Note: "set by your mail provider"},
	}
}
