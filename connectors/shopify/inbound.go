package shopify

import (
	"context"
	"fmt"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// TopicAppUninstalled is delivered when a merchant uninstalls the app;
// Shopify revokes the app's tokens at the same moment.
const TopicAppUninstalled = "app/uninstalled"

// The mandatory compliance topics, delivered to the app's configured
// compliance URL rather than to API subscriptions.
const (
	TopicCustomersDataRequest = "customers/data_request"
	TopicCustomersRedact      = "customers/redact"
	TopicShopRedact           = "shop/redact"
)

// SubscribedTopics are the topics the hub subscribes every Shopify
// connection to after connecting: those behind the Spec's events, and the
// uninstall notice.
var SubscribedTopics = []string{
	"orders/create", "orders/paid", "orders/cancelled", "fulfillments/create", "fulfillments/update",
	"checkouts/create", "checkouts/update", "customers/create", "customers/update",
	"refunds/create", "returns/request", "inventory_levels/update", TopicAppUninstalled,
}

// ReadWebhook implements connectors.WebhookReader: one delivery is one
// event, identified by X-Shopify-Event-Id (X-Shopify-Webhook-Id on older
// deliveries).
func (Connector) ReadWebhook(r connectors.WebhookRequest) ([]connectors.InboundEvent, error) {
	m, err := ReadWebhookMeta(r.Header)
	if err != nil {
		return nil, err
	}
	if m.ShopDomain != "" && !ValidShop(m.ShopDomain) {
		return nil, fmt.Errorf("shopify: %s is not a myshopify.com domain", HeaderShopDomain)
	}
	return []connectors.InboundEvent{{ID: m.EventID, Topic: m.Topic, Account: m.ShopDomain, Body: r.Body}}, nil
}

// SubscribeWebhooks implements connectors.WebhookSubscriber: it subscribes
// callbackURL to every topic in SubscribedTopics. Topics already subscribed
// at that address succeed, so a retry or a reconnect is harmless.
func (Connector) SubscribeWebhooks(ctx context.Context, env connectors.Env, config map[string]string, token secrets.Secret, callbackURL string) error {
	c := ClientFor(env)
	for _, topic := range SubscribedTopics {
		if err := c.SubscribeWebhook(ctx, config["shop"], token, topic, callbackURL); err != nil {
			return err
		}
	}
	return nil
}

// AppEvent implements connectors.AppEventReader for app/uninstalled and the
// three compliance topics.
func (Connector) AppEvent(topic string, body []byte) (connectors.AppEvent, bool, error) {
	switch topic {
	case TopicAppUninstalled:
		return connectors.AppEvent{Kind: connectors.AppUninstalled}, true, nil
	case TopicShopRedact:
		if _, err := ParsePayload(topic, body); err != nil {
			return connectors.AppEvent{}, true, err
		}
		return connectors.AppEvent{Kind: connectors.RedactAccount}, true, nil
	case TopicCustomersDataRequest, TopicCustomersRedact:
		p, err := ParsePayload(topic, body)
		if err != nil {
			return connectors.AppEvent{}, true, err
		}
		kind, c := connectors.DataRequest, ComplianceCustomer{}
		if r, ok := p.(*CustomersRedact); ok {
			kind, c = connectors.RedactCustomer, r.Customer
		} else {
			c = p.(*CustomersDataRequest).Customer
		}
		return connectors.AppEvent{Kind: kind, CustomerID: string(c.ID), CustomerEmail: c.Email}, true, nil
	}
	return connectors.AppEvent{}, false, nil
}
