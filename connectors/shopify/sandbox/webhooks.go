package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// event is one webhook event: every endpoint it goes to gets the same body,
// topic, event id and trigger time, each delivery with its own webhook id.
type event struct {
	shop    string // myshopify.com domain
	topic   string // as in X-Shopify-Topic, orders/create
	id      string // X-Shopify-Event-Id
	at      time.Time
	payload []byte
}

// newEvent stamps an event with the clock; an empty id is generated.
func (s *Sandbox) newEvent(shop, topic string, payload []byte, id string) event {
	if id == "" {
		id = sandboxkit.NewUUID()
	}
	return event{shop: shop, topic: topic, id: id, at: s.now(), payload: payload}
}

// send POSTs the event to url, signed and labelled as Shopify does, and
// reports what the endpoint answered.
func (s *Sandbox) send(ctx context.Context, ev event, url string) Delivery {
	d := Delivery{CallbackURL: url, WebhookID: sandboxkit.NewUUID()}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(ev.payload))
	if err != nil {
		d.Error = err.Error()
		return d
	}
	mac := hmac.New(sha256.New, []byte(s.opts.ClientSecret))
	mac.Write(ev.payload)
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Shopify-Captain-Hook")
	h.Set("X-Shopify-Topic", ev.topic)
	h.Set("X-Shopify-Hmac-Sha256", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	h.Set("X-Shopify-Shop-Domain", ev.shop)
	h.Set("X-Shopify-API-Version", APIVersion)
	h.Set("X-Shopify-Webhook-Id", d.WebhookID)
	h.Set("X-Shopify-Event-Id", ev.id)
	h.Set("X-Shopify-Triggered-At", ev.at.UTC().Format("2006-01-02T15:04:05.000000000Z"))
	resp, err := s.opts.WebhookClient.Do(req)
	if err != nil {
		d.Error = err.Error()
		return d
	}
	d.Status = resp.StatusCode
	sandboxkit.DrainAndClose(resp)
	return d
}

// sendToSubs delivers the event to each subscription in turn.
func (s *Sandbox) sendToSubs(ctx context.Context, ev event, subs []subscription) []Delivery {
	out := make([]Delivery, 0, len(subs))
	for _, sub := range subs {
		d := s.send(ctx, ev, sub.callbackURL)
		d.SubscriptionID = publicSub(&sub).ID
		out = append(out, d)
	}
	return out
}

// subsLocked copies the shop's subscriptions to the topic (enum form) and
// counts their deliveries; the caller holds s.mu.
func subsLocked(sh *shop, enum string) []subscription {
	var subs []subscription
	for _, sub := range sh.subs {
		if sub.topic == enum {
			subs = append(subs, *sub)
		}
	}
	sh.counters.WebhooksSent += len(subs)
	return subs
}

// TriggerWebhook POSTs payload to every endpoint subscribed to topic
// ("orders/create" or ORDERS_CREATE) on the shop, signed and labelled as
// Shopify does, and reports what each endpoint answered. eventID, when
// empty, is generated; every delivery of one event shares it.
func (s *Sandbox) TriggerWebhook(ctx context.Context, domain, topic string, payload []byte, eventID string) ([]Delivery, error) {
	enum := topicEnum(topic)
	if enum == "" {
		return nil, fmt.Errorf("sandbox: trigger webhook: unknown topic %q", topic)
	}
	if !json.Valid(payload) {
		return nil, errors.New("sandbox: trigger webhook: payload is not JSON")
	}
	s.mu.Lock()
	sh := s.getShop(domain)
	if sh == nil {
		s.mu.Unlock()
		return nil, ErrNoShop
	}
	subs := subsLocked(sh, enum)
	s.mu.Unlock()
	return s.sendToSubs(ctx, s.newEvent(domain, webhookTopics[enum], payload, eventID), subs), nil
}
