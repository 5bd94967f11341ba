// Package hubspot is the HubSpot connector: OAuth with 30-minute access
// tokens and refresh, CRM v3 contacts, tickets and lists, webhook signature v3.
package hubspot

import (
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Connector is the HubSpot connector.
type Connector struct{}

func init() { connectors.Register(Connector{}) }

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	contact := []connectors.Field{
		{Name: "email", Label: "Email", Type: connectors.Email, Required: true},
		{Name: "firstname", Label: "First name", Type: connectors.Text}, {Name: "lastname", Label: "Last name", Type: connectors.Text},
		{Name: "phone", Label: "Phone", Type: connectors.Text}, {Name: "lifecyclestage", Label: "Lifecycle stage", Type: connectors.Text},
		{Name: "total_revenue", Label: "Total revenue", Type: connectors.Money},
	}
	return connectors.Spec{
		Slug: "hubspot", Name: "HubSpot", Category: connectors.CRM,
		Summary:    "Contacts, tickets and lists in HubSpot CRM.",
		DocsURL:    "https://developers.hubspot.com/docs/api/crm/contacts",
		APIVersion: "CRM v3",
		Auth: connectors.Auth{Kind: connectors.AuthOAuth2, OAuth2: &connectors.OAuth2{
			AuthorizeURL: "https://app.hubspot.com/oauth/authorize",
			TokenURL:     "https://api.hubapi.com/oauth/v1/token",
			Scopes: []string{"oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "tickets",
				"crm.lists.read", "crm.lists.write"},
			AccessTokenLifetime: 30 * time.Minute,
		}},
		Events: []connectors.Event{
			{Type: "customer.created", Summary: "A contact was created in HubSpot", Payload: contact},
			{Type: "customer.updated", Summary: "A contact property changed in HubSpot", Payload: contact},
		},
		Actions: []connectors.Action{
			{Name: "upsert_contact", Summary: "Create or update a contact by email", Input: contact},
			{Name: "create_ticket", Summary: "Open a support ticket", Input: []connectors.Field{
				{Name: "subject", Label: "Subject", Type: connectors.Text, Required: true, MaxLength: 250},
				{Name: "content", Label: "Description", Type: connectors.Text},
				{Name: "contactEmail", Label: "Contact email", Type: connectors.Email},
				{Name: "priority", Label: "Priority", Type: connectors.Select, Options: []string{"LOW", "MEDIUM", "HIGH"}}}},
			{Name: "add_to_list", Summary: "Add a contact to a static list", Input: []connectors.Field{
				{Name: "listId", Label: "List", Type: connectors.Text, Required: true},
				{Name: "contactEmail", Label: "Contact email", Type: connectors.Email, Required: true}}},
		},
		Entities: []connectors.Entity{{Name: "contact", Read: true, Write: true, Fields: contact}},
		Budget:   connectors.RateBudget{Requests: 100, Per: 10 * time.Second, Note: "per app and account; 429 with Retry-After beyond it"},
	}
}
