package woocommerce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/switchboard-hub/switchboard/connectors"
)

// subscribedTopics are the webhooks the hub needs from a store: orders for
// rules and stock, product saves for stock levels.
var subscribedTopics = []string{"order.created", "order.updated", "product.updated"}

// storeWebhook is a webhook as GET /webhooks lists it.
type storeWebhook struct {
	ID          int64  `json:"id"`
	Topic       string `json:"topic"`
	Status      string `json:"status"`
	DeliveryURL string `json:"delivery_url"`
}

// SubscribeWebhooksWithKeys implements connectors.KeyedWebhookSubscriber:
// it creates, through the REST API (POST webhooks), an active webhook per
// topic the hub needs that delivers to callbackURL, signed with the
// connection's webhook secret. Topics the store already delivers there are
// left alone, so calling it again changes nothing. WooCommerce pings the
// URL as it saves each webhook.
func (Connector) SubscribeWebhooksWithKeys(ctx context.Context, conn connectors.Conn, callbackURL string) error {
	c := ClientFor(conn.Env)
	raw, _, err := c.do(ctx, conn, http.MethodGet, "/webhooks", url.Values{"per_page": {"100"}}, nil)
	if err != nil {
		return fmt.Errorf("list webhooks: %w", err)
	}
	var existing []storeWebhook
	if err := json.Unmarshal(raw, &existing); err != nil {
		return fmt.Errorf("list webhooks: %w", err)
	}
	have := map[string]bool{}
	for _, h := range existing {
		if h.DeliveryURL == callbackURL && h.Status == "active" {
			have[h.Topic] = true
		}
	}
	for _, topic := range subscribedTopics {
		if have[topic] {
			continue
		}
		body := map[string]any{"name": "Switchboard " + topic, "topic": topic, "delivery_url": callbackURL,
			"secret": conn.Value("webhookSecret"), "status": "active"}
		if _, _, err := c.do(ctx, conn, http.MethodPost, "/webhooks", nil, body); err != nil {
			return fmt.Errorf("create the %s webhook: %w", topic, err)
		}
	}
	return nil
}
