// Package shopify is the Shopify connector: OAuth (offline, expiring
// tokens), the Admin GraphQL API at a pinned version, and webhooks.
package shopify

import (
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// APIVersion is the Admin API version the connector is pinned to.
const APIVersion = "2026-04"

// ShopPattern is what a shop's host must look like.
const ShopPattern = `[a-z0-9][a-z0-9-]*\.myshopify\.com`

// Connector is the Shopify connector.
type Connector struct{}

func init() { connectors.Register(Connector{}) }

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	return connectors.Spec{
		Slug: "shopify", Name: "Shopify", Category: connectors.Store,
		Summary:    "Orders, customers, checkouts, fulfillments and inventory from a Shopify store.",
		DocsURL:    "https://shopify.dev/docs/api/admin-graphql",
		APIVersion: APIVersion,
		Auth: connectors.Auth{Kind: connectors.AuthOAuth2, OAuth2: &connectors.OAuth2{
			AuthorizeURL: "https://{shop}/admin/oauth/authorize",
			TokenURL:     "https://{shop}/admin/oauth/access_token",
			Scopes: []string{"read_orders", "read_customers", "write_customers", "read_fulfillments",
				"read_inventory", "write_inventory", "read_products", "write_discounts", "read_checkouts", "read_returns"},
			AccessTokenLifetime:  time.Hour,
			RotatesRefreshTokens: true,
		}},
		Fields: []connectors.Field{{
			Name: "shop", Label: "Shop domain", Type: connectors.Text, Required: true, MaxLength: 255,
			Help: "The store's myshopify.com domain, e.g. acme.myshopify.com", Pattern: ShopPattern,
			PatternHelp: "must be a shop domain like acme.myshopify.com (lower case, no https:// or path)",
		}},
		Events: []connectors.Event{
			{Type: "order.created", Summary: "A customer placed an order", Payload: orderFields},
			{Type: "order.paid", Summary: "An order was paid", Payload: orderFields},
			{Type: "order.cancelled", Summary: "An order was cancelled", Payload: orderFields},
			{Type: "shipment.created", Summary: "A fulfillment got a tracking number", Payload: shipmentFields},
			{Type: "shipment.status_changed", Summary: "The carrier reported a new status for a fulfillment", Payload: shipmentFields},
			{Type: "shipment.delivered", Summary: "The carrier reported a fulfillment delivered", Payload: shipmentFields},
			{Type: "checkout.created", Summary: "A checkout was started", Payload: checkoutFields},
			{Type: "checkout.updated", Summary: "A checkout changed", Payload: checkoutFields},
			{Type: "customer.created", Summary: "A customer account was created", Payload: customerFields},
			{Type: "customer.updated", Summary: "A customer changed", Payload: customerFields},
			{Type: "refund.created", Summary: "An order was refunded", Payload: []connectors.Field{
				{Name: "orderId", Label: "Order", Type: connectors.Text}, {Name: "amount", Label: "Amount", Type: connectors.Money}}},
			{Type: "return.requested", Summary: "A customer asked to return items", Payload: []connectors.Field{
				{Name: "orderId", Label: "Order", Type: connectors.Text}, {Name: "reason", Label: "Reason", Type: connectors.Text}}},
			{Type: "inventory.changed", Summary: "Available stock of an item changed", Payload: []connectors.Field{
				{Name: "sku", Label: "SKU", Type: connectors.Text}, {Name: "available", Label: "Available", Type: connectors.Number}}},
		},
		Actions: []connectors.Action{
			{Name: "tag_customer", Summary: "Add tags to a customer", Input: []connectors.Field{
				{Name: "customerId", Label: "Customer", Type: connectors.Text, Required: true},
				{Name: "tags", Label: "Tags", Type: connectors.List, Required: true}}},
			{Name: "create_discount_code", Summary: "Create a single-use discount code", Input: []connectors.Field{
				{Name: "percentage", Label: "Percent off", Type: connectors.Number, Required: true, Min: connectors.Ptr(1), Max: connectors.Ptr(100)},
				{Name: "expiresInDays", Label: "Expires after (days)", Type: connectors.Number, Min: connectors.Ptr(1), Max: connectors.Ptr(365)}}},
		},
		Entities: []connectors.Entity{
			{Name: "customer", Read: true, Fields: customerFields},
			// customer_tags adds tags to the customer with the email (as
			// tagsAdd does): a CRM's lifecycle stage, say, as a tag that
			// segments and ad channels read.
			{Name: "customer_tags", Write: true, Fields: []connectors.Field{
				{Name: "email", Label: "Customer email", Type: connectors.Email, Required: true},
				{Name: "tags", Label: "Tags to add", Type: connectors.List, Required: true},
				{Name: "replacePrefix", Label: "Replace tags starting with", Type: connectors.Text,
					Help: "Tags of the customer that start with this (e.g. lifecycle:) are removed before the new ones are added, so only the latest stays."}}},
			{Name: "order", Read: true, Fields: orderFields},
			{Name: "inventory_level", Read: true, Write: true, Fields: []connectors.Field{
				{Name: "sku", Label: "SKU", Type: connectors.Text, Required: true},
				{Name: "available", Label: "Available", Type: connectors.Number, Required: true}}},
		},
		AccountField: "shop",
		Budget: connectors.RateBudget{CostPoints: 2000, RestorePerSec: 100,
			Note: "GraphQL cost points: a 2,000-point bucket restored at 100 points/s on standard plans; read from extensions.cost"},
	}
}

var orderFields = []connectors.Field{
	{Name: "id", Label: "Order id", Type: connectors.Text}, {Name: "name", Label: "Order number", Type: connectors.Text},
	{Name: "email", Label: "Customer email", Type: connectors.Email}, {Name: "totalPrice", Label: "Total", Type: connectors.Money},
	{Name: "currency", Label: "Currency", Type: connectors.Text}, {Name: "createdAt", Label: "Placed at", Type: connectors.Date},
}

var shipmentFields = []connectors.Field{
	{Name: "orderId", Label: "Order", Type: connectors.Text}, {Name: "orderNumber", Label: "Order number", Type: connectors.Text},
	{Name: "trackingNumber", Label: "Tracking number", Type: connectors.Text}, {Name: "trackingUrl", Label: "Tracking URL", Type: connectors.URL},
	{Name: "carrier", Label: "Carrier", Type: connectors.Text}, {Name: "status", Label: "Carrier status", Type: connectors.Text},
}

var checkoutFields = []connectors.Field{
	{Name: "id", Label: "Checkout id", Type: connectors.Text}, {Name: "email", Label: "Email", Type: connectors.Email},
	{Name: "totalPrice", Label: "Cart total", Type: connectors.Money}, {Name: "recoveryUrl", Label: "Recovery URL", Type: connectors.URL},
}

var customerFields = []connectors.Field{
	{Name: "id", Label: "Customer id", Type: connectors.Text}, {Name: "email", Label: "Email", Type: connectors.Email},
	{Name: "firstName", Label: "First name", Type: connectors.Text}, {Name: "lastName", Label: "Last name", Type: connectors.Text},
	{Name: "phone", Label: "Phone", Type: connectors.Text}, {Name: "tags", Label: "Tags", Type: connectors.List},
	{Name: "amountSpent", Label: "Total spent", Type: connectors.Money}, {Name: "numberOfOrders", Label: "Orders", Type: connectors.Number},
	{Name: "emailMarketingConsent", Label: "Email consent", Type: connectors.Boolean},
}
