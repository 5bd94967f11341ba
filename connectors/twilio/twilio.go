// Package twilio is the Twilio connector: Account SID and auth token, the
// Messages API, and status callbacks signed with X-Twilio-Signature.
package twilio

import (
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Connector is the Twilio connector.
type Connector struct{}

func init() { connectors.Register(Connector{}) }

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	return connectors.Spec{
		Slug: "twilio", Name: "Twilio", Category: connectors.Messaging,
		Summary:    "Send SMS and hear whether they were delivered.",
		DocsURL:    "https://www.twilio.com/docs/messaging/api/message-resource",
		APIVersion: "2010-04-01",
		Auth:       connectors.Auth{Kind: connectors.AuthBasic},
		Fields: []connectors.Field{
			{Name: "accountSid", Label: "Account SID", Type: connectors.Text, Required: true, Pattern: `AC[0-9a-f]{32}`,
				PatternHelp: "must be an Account SID: AC followed by 32 hexadecimal characters"},
			{Name: "authToken", Label: "Auth token", Type: connectors.Secret, Required: true, MaxLength: 100},
			{Name: "from", Label: "Sender", Type: connectors.Text, Required: true, Pattern: `\+[1-9][0-9]{6,14}|MG[0-9a-f]{32}`,
				PatternHelp: "must be a phone number in E.164 form (+15551234567) or a Messaging Service SID (MG…)"},
		},
		Events: []connectors.Event{{Type: "message.status_changed", Summary: "An SMS was sent, delivered or failed", Payload: []connectors.Field{
			{Name: "messageSid", Label: "Message", Type: connectors.Text}, {Name: "status", Label: "Status", Type: connectors.Text},
			{Name: "errorCode", Label: "Error code", Type: connectors.Text}}}},
		Actions: []connectors.Action{{Name: "send_sms", Summary: "Send an SMS", Marketing: true, Consent: connectors.ConsentSMS, Input: []connectors.Field{
			{Name: "to", Label: "To", Type: connectors.Text, Required: true, Pattern: `\+[1-9][0-9]{6,14}`, PatternHelp: "must be a phone number in E.164 form (+15551234567)"},
			{Name: "body", Label: "Message", Type: connectors.Text, Required: true, MaxLength: 1600}}}},
		WebhookSecret: "authToken",
		Budget:        connectors.RateBudget{Requests: 100, Per: time.Second, Note: "account-wide concurrency; 429 (error 20429) beyond it"},
	}
}
