package shopify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Webhook headers Shopify sends with every delivery.
const (
	// HeaderHMAC carries base64(HMAC-SHA256(app client secret, raw body)).
	HeaderHMAC = "X-Shopify-Hmac-Sha256"
	// HeaderTopic is the subscription topic, e.g. "orders/create".
	HeaderTopic = "X-Shopify-Topic"
	// HeaderEventID identifies the event; the same event delivered to
	// several subscriptions (or retried) keeps it. Shopify's docs name it
	// the header to deduplicate on.
	HeaderEventID = "X-Shopify-Event-Id"
	// HeaderWebhookID identifies one delivery (older stores send only this).
	HeaderWebhookID = "X-Shopify-Webhook-Id"
	// HeaderShopDomain is the shop's myshopify.com domain.
	HeaderShopDomain = "X-Shopify-Shop-Domain"
	// HeaderAPIVersion is the Admin API version the payload follows.
	HeaderAPIVersion = "X-Shopify-API-Version"
	// HeaderTriggeredAt is when Shopify triggered the delivery.
	HeaderTriggeredAt = "X-Shopify-Triggered-At"
)

// VerifyWebhook implements connectors.WebhookVerifier: the
// X-Shopify-Hmac-Sha256 header must be the base64 HMAC-SHA256 of the raw
// body, keyed with the app's client secret. Compliance webhooks
// (customers/data_request, customers/redact, shop/redact) are signed the
// same way; Shopify expects 401 when this returns an error.
func (Connector) VerifyWebhook(r connectors.WebhookRequest, secret secrets.Secret) error {
	if secret.Empty() {
		return connectors.ErrWebhookNoSecret
	}
	values := r.Header.Values(HeaderHMAC)
	if len(values) == 0 || strings.TrimSpace(values[0]) == "" {
		return fmt.Errorf("shopify: %s: %w", HeaderHMAC, connectors.ErrWebhookUnsigned)
	}
	if len(values) > 1 {
		return fmt.Errorf("shopify: %s sent %d times: %w", HeaderHMAC, len(values), connectors.ErrWebhookMalformed)
	}
	got, err := base64.StdEncoding.Strict().DecodeString(strings.TrimSpace(values[0]))
	if err != nil || len(got) != sha256.Size {
		return fmt.Errorf("shopify: %s is not a base64 SHA-256 MAC: %w", HeaderHMAC, connectors.ErrWebhookMalformed)
	}
	mac := hmac.New(sha256.New, []byte(secret.Reveal()))
	mac.Write(r.Body)
	if !hmac.Equal(mac.Sum(nil), got) {
		return fmt.Errorf("shopify: %w", connectors.ErrWebhookSignature)
	}
	return nil
}

// WebhookMeta is what Shopify says about a delivery in its headers.
type WebhookMeta struct {
	// Topic is the subscription topic, e.g. "orders/create".
	Topic string
	// EventID is the id to deduplicate on: X-Shopify-Event-Id, or
	// X-Shopify-Webhook-Id when the former is absent.
	EventID string
	// WebhookID is the delivery id (X-Shopify-Webhook-Id), possibly empty.
	WebhookID string
	// ShopDomain is the sending shop (X-Shopify-Shop-Domain). The caller
	// must match it to the connection; it is not authenticated by itself
	// beyond the body HMAC having been made with that app's secret.
	ShopDomain string
	// APIVersion is the payload's Admin API version.
	APIVersion string
	// TriggeredAt is X-Shopify-Triggered-At as sent (RFC 3339), possibly empty.
	TriggeredAt string
}

// ReadWebhookMeta reads a delivery's topic and event id (with the
// X-Shopify-Webhook-Id fallback) and the other X-Shopify-* headers. Topic
// and an event id are required.
func ReadWebhookMeta(h http.Header) (WebhookMeta, error) {
	m := WebhookMeta{
		Topic:       strings.TrimSpace(h.Get(HeaderTopic)),
		EventID:     strings.TrimSpace(h.Get(HeaderEventID)),
		WebhookID:   strings.TrimSpace(h.Get(HeaderWebhookID)),
		ShopDomain:  strings.TrimSpace(h.Get(HeaderShopDomain)),
		APIVersion:  strings.TrimSpace(h.Get(HeaderAPIVersion)),
		TriggeredAt: strings.TrimSpace(h.Get(HeaderTriggeredAt)),
	}
	if m.EventID == "" {
		m.EventID = m.WebhookID
	}
	switch {
	case m.Topic == "":
		return m, fmt.Errorf("shopify: webhook has no %s header", HeaderTopic)
	case m.EventID == "":
		return m, fmt.Errorf("shopify: webhook has neither %s nor %s", HeaderEventID, HeaderWebhookID)
	}
	return m, nil
}
