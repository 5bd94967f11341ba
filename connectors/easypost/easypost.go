// Package easypost is the EasyPost connector: an API key, trackers, and
// tracker webhooks signed with HMAC-SHA256.
package easypost

import (
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Connector is the EasyPost connector.
type Connector struct{}

func init() { connectors.Register(Connector{}) }

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	tracking := []connectors.Field{
		{Name: "trackingCode", Label: "Tracking code", Type: connectors.Text}, {Name: "carrier", Label: "Carrier", Type: connectors.Text},
		{Name: "status", Label: "Status", Type: connectors.Text}, {Name: "publicUrl", Label: "Tracking page", Type: connectors.URL},
		{Name: "estDeliveryDate", Label: "Estimated delivery", Type: connectors.Date},
	}
	return connectors.Spec{
		Slug: "easypost", Name: "EasyPost", Category: connectors.Carrier,
		Summary:    "Track parcels across carriers and hear when they move or arrive.",
		DocsURL:    "https://docs.easypost.com/docs/trackers",
		APIVersion: "v2",
		Auth:       connectors.Auth{Kind: connectors.AuthAPIKey},
		Fields: []connectors.Field{
			{Name: "apiKey", Label: "API key", Type: connectors.Secret, Required: true, MaxLength: 200, Help: "A production or test key from EasyPost's dashboard (EZAK… or EZTK…)"},
			{Name: "webhookSecret", Label: "Webhook secret", Type: connectors.Secret, MaxLength: 200, Help: "The secret set on the EasyPost webhook, to verify its signatures"},
		},
		Events: []connectors.Event{
			{Type: "shipment.status_changed", Summary: "The carrier reported a new status", Payload: tracking},
			{Type: "shipment.delivered", Summary: "The carrier reported the parcel delivered", Payload: tracking},
		},
		Actions: []connectors.Action{{Name: "create_tracker", Summary: "Start tracking a parcel", Input: []connectors.Field{
			{Name: "trackingCode", Label: "Tracking code", Type: connectors.Text, Required: true, MaxLength: 100},
			{Name: "carrier", Label: "Carrier", Type: connectors.Text, MaxLength: 50}}}},
		WebhookSecret: "webhookSecret",
		Budget:        connectors.RateBudget{Requests: 5, Per: time.Second, Note: "EasyPost limits dynamically; 429 beyond it"},
	}
}
