// Package webhook is the outbound webhook connector: deliveries to any URL,
// each signed with a timestamped HMAC-SHA256 in the Standard Webhooks way
// (https://www.standardwebhooks.com/), so the receiver can verify it with
// any Standard Webhooks library.
package webhook

import (
	"github.com/switchboard-hub/switchboard/connectors"
)

// Connector is the outbound webhook connector.
type Connector struct{}

func init() { connectors.Register(Connector{}) }

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	return connectors.Spec{
		Slug: "webhook", Name: "Outbound webhook", Category: connectors.Other,
		Summary:    "Push events to your own app or any URL, signed so it can trust them.",
		DocsURL:    "https://www.standardwebhooks.com/",
		APIVersion: "Standard Webhooks v1 (webhook-id, webhook-timestamp, webhook-signature: v1,base64 HMAC-SHA256 of id.timestamp.body)",
		Auth:       connectors.Auth{Kind: connectors.AuthNone},
		Fields: []connectors.Field{
			{Name: "url", Label: "Endpoint URL", Type: connectors.URL, Required: true, MaxLength: 2000},
			{Name: "signingSecret", Label: "Signing secret", Type: connectors.Secret, Required: true, MaxLength: 200,
				Pattern: `.{24,}`, PatternHelp: "must be at least 24 characters (a long random string)",
				Help: "A long random string you also give the receiver, which verifies each delivery's signature with it (a Standard Webhooks whsec_… secret works as such)"},
		},
		Actions: []connectors.Action{{Name: "notify", Summary: "POST a JSON payload to the endpoint", Input: []connectors.Field{
			{Name: "event", Label: "Event name", Type: connectors.Text, Required: true, MaxLength: 100},
			{Name: "payload", Label: "Payload (JSON)", Type: connectors.Text}}}},
		SelfHosted: true,
		Budget:     connectors.RateBudget{Note: "limited by the receiver"},
	}
}
