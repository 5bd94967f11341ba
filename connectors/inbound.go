package connectors

import (
	"context"
	"net/url"
	"time"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// InboundEvent is one event of a verified webhook delivery.
type InboundEvent struct {
	// ID is the provider's id of the event, the key redeliveries are
	// deduplicated on (Shopify's X-Shopify-Event-Id, HubSpot's eventId).
	ID string
	// Topic is the provider's name for what happened ("orders/create").
	Topic string
	// Account is the provider account that sent it when the delivery says
	// (a shop domain); empty otherwise.
	Account string
	// Body is the event's own payload as the provider sent it (one element
	// of a batch for providers that batch).
	Body []byte
}

// WebhookReader reads a verified delivery into its events. An error means
// the delivery is not one the connector understands (400, nothing stored).
type WebhookReader interface {
	ReadWebhook(r WebhookRequest) ([]InboundEvent, error)
}

// WebhookSubscriber registers a connection's webhook URL with the provider
// through its API, after connecting. It must be idempotent: the hub calls it
// again after a retry or a reconnect.
type WebhookSubscriber interface {
	SubscribeWebhooks(ctx context.Context, env Env, config map[string]string, token secrets.Secret, callbackURL string) error
}

// KeyedWebhookSubscriber registers a key-authenticated connection's
// webhook URL with the provider through its API (as WebhookSubscriber does
// for OAuth connections), with the connection's values and secrets. It
// must be idempotent.
type KeyedWebhookSubscriber interface {
	SubscribeWebhooksWithKeys(ctx context.Context, conn Conn, callbackURL string) error
}

// AppEventKind is what a provider says about the app itself rather than
// about the account's data.
type AppEventKind string

// The app events.
const (
	// AppUninstalled: the account removed the app; its tokens are void.
	AppUninstalled AppEventKind = "uninstalled"
	// DataRequest: a customer asked the account for the data held on them.
	DataRequest AppEventKind = "data_request"
	// RedactCustomer: erase what is held on one customer.
	RedactCustomer AppEventKind = "redact_customer"
	// RedactAccount: erase everything held for the account.
	RedactAccount AppEventKind = "redact_account"
)

// AppEvent is an app lifecycle or privacy event.
type AppEvent struct {
	Kind AppEventKind
	// CustomerID and CustomerEmail name the customer of a data request or
	// customer redaction.
	CustomerID    string
	CustomerEmail string
}

// AppEventReader recognises a provider's app lifecycle and privacy topics
// (Shopify's app/uninstalled and its mandatory compliance webhooks). ok is
// false for topics about the account's data.
type AppEventReader interface {
	AppEvent(topic string, body []byte) (e AppEvent, ok bool, err error)
}

// Installer is a provider whose app store sends merchants to the hub to
// install it (Shopify's App Store). VerifyInstall checks the signed install
// request and returns the connection config it names (Shopify: the shop).
type Installer interface {
	VerifyInstall(q url.Values, clientSecret secrets.Secret, now time.Time) (config map[string]string, err error)
}
