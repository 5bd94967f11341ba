// Package woocommerce is the WooCommerce connector: a store's REST API
// (wc/v3) reached with a consumer key and secret over HTTPS Basic auth,
// webhooks signed with HMAC-SHA256, and product stock that syncs read and
// write.
//
// # Where the store is
//
// A connection names its store by URL (storeUrl, e.g.
// https://shop.example.com, or https://example.com/shop for WordPress in a
// subdirectory); the API root is storeUrl + "/wp-json/wc/v3". In sandbox
// mode (connectors.Env.SandboxBase set) the scheme is dropped and the
// store's host and path become the first path segments under the sandbox:
// https://demo-store.example is served at
// <SandboxBase>/demo-store.example/wp-json/wc/v3, as Shopify's shop domain
// is (see connectors/woocommerce/sandbox). The connector code is the same
// in both modes.
//
// # Stock
//
// The connector is a connectors.StockKeeper (stock.go): levels are
// products that manage stock and have a SKU, named by product id;
// WooCommerce has no compare-and-set, so SetStock reads before it writes
// (see its race window). product.updated webhooks report the same refs.
//
// # What it does not do
//
// Plain-HTTP stores (WooCommerce accepts keys over HTTP only with OAuth 1.0a
// signatures, which the connector does not send: it refuses to send keys in
// clear), product variations as sync records or stock levels (the
// products endpoint lists parent products only), creating products
// (writes update existing ones), and registering the webhooks itself
// (WooCommerce keys cannot be limited to webhooks, and connectors only
// subscribe through OAuth): the merchant adds them under WooCommerce →
// Settings → Advanced → Webhooks.
package woocommerce

import (
	"github.com/switchboard-hub/switchboard/connectors"
)

// APIVersion is the WooCommerce REST API the connector follows.
const APIVersion = "wc/v3"

// Connector is the WooCommerce connector.
type Connector struct{}

func init() { connectors.Register(Connector{}) }

// The interfaces the connector implements.
var (
	_ connectors.CredentialChecker      = Connector{}
	_ connectors.WebhookVerifier        = Connector{}
	_ connectors.WebhookReader          = Connector{}
	_ connectors.EventNormalizer        = Connector{}
	_ connectors.RecordReader           = Connector{}
	_ connectors.RecordWriter           = Connector{}
	_ connectors.StockKeeper            = Connector{}
	_ connectors.KeyedWebhookSubscriber = Connector{}
)

var orderFields = []connectors.Field{
	{Name: "id", Label: "Order id", Type: connectors.Text}, {Name: "number", Label: "Order number", Type: connectors.Text},
	{Name: "email", Label: "Customer email", Type: connectors.Email}, {Name: "total", Label: "Total", Type: connectors.Money},
	{Name: "currency", Label: "Currency", Type: connectors.Text}, {Name: "status", Label: "Status", Type: connectors.Text},
	{Name: "createdAt", Label: "Placed at", Type: connectors.Date},
}

// productFields are the product entity's fields, as ReadRecords names them
// and WriteRecords takes them.
var productFields = []connectors.Field{
	{Name: "id", Label: "Product id", Type: connectors.Text},
	{Name: "sku", Label: "SKU", Type: connectors.Text, Help: "Products without a TargetID are found by their SKU"},
	{Name: "name", Label: "Name", Type: connectors.Text},
	{Name: "stockQuantity", Label: "Stock quantity", Type: connectors.Number,
		Help: "Empty for products that do not manage stock; WooCommerce keeps a written quantity only when the product manages stock"},
	{Name: "manageStock", Label: "Manage stock", Type: connectors.Boolean},
	{Name: "price", Label: "Price", Type: connectors.Money, Help: "Reads the current price; writes set the regular price"},
}

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	return connectors.Spec{
		Slug: "woocommerce", Name: "WooCommerce", Category: connectors.Store,
		Summary:    "Orders and stock from a WooCommerce store: hear of new and paid orders, and read and update product stock.",
		DocsURL:    "https://woocommerce.github.io/woocommerce-rest-api-docs/",
		APIVersion: APIVersion,
		Auth:       connectors.Auth{Kind: connectors.AuthAPIKey},
		Fields: []connectors.Field{
			{Name: "storeUrl", Label: "Store URL", Type: connectors.URL, Required: true, MaxLength: 255,
				Pattern: `https://[^/?#@\s]+(/[^?#\s]*)?`, PatternHelp: "must be the store's https:// address, like https://shop.example.com (no query)",
				Help: "The address of the WordPress site WooCommerce runs on, e.g. https://shop.example.com (sandbox mode: https://demo-store.example)"},
			{Name: "consumerKey", Label: "Consumer key", Type: connectors.Secret, Required: true, MaxLength: 100,
				Pattern: `ck_[A-Za-z0-9_]+`, PatternHelp: "must be a WooCommerce consumer key: ck_ followed by letters and digits",
				Help: "Made under WooCommerce → Settings → Advanced → REST API, with Read/Write permission (sandbox mode: ck_sandbox_demo)"},
			{Name: "consumerSecret", Label: "Consumer secret", Type: connectors.Secret, Required: true, MaxLength: 100,
				Pattern: `cs_[A-Za-z0-9_]+`, PatternHelp: "must be a WooCommerce consumer secret: cs_ followed by letters and digits",
				Help: "Shown once, next to the consumer key (sandbox mode: cs_sandbox_demo)"},
			{Name: "webhookSecret", Label: "Webhook secret", Type: connectors.Secret, Required: true, MaxLength: 200,
				Help: "The secret set on the store's webhooks (WooCommerce → Settings → Advanced → Webhooks: Order created, Order updated and Product updated, delivered to this connection's webhook URL)"},
		},
		Events: []connectors.Event{
			{Type: "order.created", Summary: "A customer placed an order", Payload: orderFields},
			{Type: "order.paid", Summary: "An order was paid", Payload: orderFields},
			{Type: "inventory.changed", Summary: "A stock-managed product was saved, with its quantity now", Payload: []connectors.Field{
				{Name: "sku", Label: "SKU", Type: connectors.Text}, {Name: "available", Label: "Available", Type: connectors.Number},
				{Name: "productId", Label: "Product id", Type: connectors.Text}}},
		},
		Entities:      []connectors.Entity{{Name: "product", Read: true, Write: true, Fields: productFields}},
		WebhookSecret: "webhookSecret",
		Budget: connectors.RateBudget{Note: "WooCommerce publishes no REST rate limit; the store's host may answer 429 or 503 under load " +
			"(batch writes take at most 100 products)"},
	}
}
