package woocommerce

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// The headers of a WooCommerce webhook delivery (WC_Webhook::deliver).
const (
	// HeaderSignature is base64(HMAC-SHA256(webhook secret, raw body)).
	HeaderSignature = "X-WC-Webhook-Signature"
	// HeaderTopic is the webhook's topic, e.g. order.created.
	HeaderTopic = "X-WC-Webhook-Topic"
	// HeaderResource and HeaderEvent are the topic's two halves.
	HeaderResource = "X-WC-Webhook-Resource"
	HeaderEvent    = "X-WC-Webhook-Event"
	// HeaderSource is the site's home URL with a trailing slash.
	HeaderSource = "X-WC-Webhook-Source"
	// HeaderWebhookID is the webhook's id in the store.
	HeaderWebhookID = "X-WC-Webhook-ID"
	// HeaderDeliveryID identifies one delivery.
	HeaderDeliveryID = "X-WC-Webhook-Delivery-ID"
	// headerLegacyDeliveryID is what WooCommerce before 3.3 called it.
	headerLegacyDeliveryID = "X-WC-Delivery-ID"
)

// pingRE is the body of the ping WooCommerce sends when a webhook is saved
// (WC_Webhook::deliver_ping): a form body, without any X-WC-Webhook-*
// header and unsigned.
var pingRE = regexp.MustCompile(`^webhook_id=[0-9]{1,20}$`)

// IsPing tells whether a request is WooCommerce's ping: the body
// "webhook_id=<n>" and no topic.
func IsPing(r connectors.WebhookRequest) bool {
	return r.Header.Get(HeaderTopic) == "" && pingRE.Match(bytes.TrimSpace(r.Body))
}

// VerifyWebhook implements connectors.WebhookVerifier: X-WC-Webhook-Signature
// must be the base64 HMAC-SHA256 of the raw body keyed with the webhook's
// secret, compared in constant time.
//
// One unsigned request is let through: the ping WooCommerce sends when a
// merchant saves a webhook ("webhook_id=<n>", no X-WC-Webhook-* header),
// which WooCommerce never signs and wants answered 200. It carries nothing
// and ReadWebhook reads no event from it, so accepting it stores nothing;
// a ping that does carry a signature is checked like any delivery.
func (Connector) VerifyWebhook(r connectors.WebhookRequest, secret secrets.Secret) error {
	if secret.Empty() {
		return connectors.ErrWebhookNoSecret
	}
	header := strings.TrimSpace(r.Header.Get(HeaderSignature))
	if header == "" {
		if IsPing(r) {
			return nil
		}
		return fmt.Errorf("woocommerce: %s: %w", HeaderSignature, connectors.ErrWebhookUnsigned)
	}
	got, err := base64.StdEncoding.DecodeString(header)
	if err != nil || len(got) != sha256.Size {
		return fmt.Errorf("woocommerce: %s is not a base64 SHA-256 MAC: %w", HeaderSignature, connectors.ErrWebhookMalformed)
	}
	mac := hmac.New(sha256.New, []byte(secret.Reveal()))
	mac.Write(r.Body)
	if !hmac.Equal(mac.Sum(nil), got) {
		return fmt.Errorf("woocommerce: %w", connectors.ErrWebhookSignature)
	}
	return nil
}

// ReadWebhook implements connectors.WebhookReader: one event per delivery,
// keyed by X-WC-Webhook-Delivery-ID, with X-WC-Webhook-Topic as its topic
// and the host of X-WC-Webhook-Source as its account. WooCommerce's ping
// reads as no event (the hub answers it 200 with nothing stored).
func (Connector) ReadWebhook(r connectors.WebhookRequest) ([]connectors.InboundEvent, error) {
	if IsPing(r) {
		return []connectors.InboundEvent{}, nil
	}
	topic := strings.TrimSpace(r.Header.Get(HeaderTopic))
	if topic == "" {
		return nil, fmt.Errorf("woocommerce: the delivery has no %s header", HeaderTopic)
	}
	if len(topic) > 100 || strings.ContainsAny(topic, " \t\r\n") {
		return nil, fmt.Errorf("woocommerce: %.40q is not a webhook topic", topic)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(r.Body, &obj); err != nil {
		return nil, errors.New("woocommerce: the delivery's body is not a JSON object")
	}
	id := strings.TrimSpace(r.Header.Get(HeaderDeliveryID))
	if id == "" {
		id = strings.TrimSpace(r.Header.Get(headerLegacyDeliveryID))
	}
	if id == "" || len(id) > 200 {
		// No delivery id: the same topic and body are the same event.
		sum := sha256.Sum256(append([]byte(topic+"\n"), r.Body...))
		id = "sha256:" + hex.EncodeToString(sum[:16])
	}
	return []connectors.InboundEvent{{ID: id, Topic: topic, Account: sourceHost(r.Header.Get(HeaderSource)), Body: r.Body}}, nil
}

// sourceHost is the host of X-WC-Webhook-Source ("https://shop.example.com/"),
// lower case, or "" when it is not a URL.
func sourceHost(source string) string {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Hostname())
}
