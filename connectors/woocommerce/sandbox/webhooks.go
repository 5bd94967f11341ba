package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// webhook is a registered webhook.
type webhook struct {
	id       int64
	name     string
	status   string // active, paused, disabled
	topic    string
	url      string
	secret   string
	failures int
	created  time.Time
	modified time.Time
}

// maxFailures is WooCommerce's woocommerce_max_webhook_delivery_failures:
// a webhook is disabled at the failure after it.
const maxFailures = 5

// maxDeliveries bounds the deliveries a store remembers.
const maxDeliveries = 1000

// Delivery is one webhook POST the sandbox made.
type Delivery struct {
	WebhookID  int64  `json:"webhookId"`
	URL        string `json:"url"`
	Topic      string `json:"topic"`
	DeliveryID string `json:"deliveryId"`
	// ResourceID is the order's or product's id (0 for a ping).
	ResourceID int64 `json:"resourceId"`
	// Status is the HTTP status the endpoint answered (0 when it did not).
	Status int    `json:"status"`
	Error  string `json:"error,omitempty"`
	// Signature is the X-WC-Webhook-Signature sent ("" for a ping).
	Signature string    `json:"signature,omitempty"`
	At        time.Time `json:"at"`
}

// Webhook is a webhook as the control API shows it (without its secret).
type Webhook struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Topic    string `json:"topic"`
	URL      string `json:"deliveryUrl"`
	Status   string `json:"status"`
	Failures int    `json:"failures"`
}

// validTopic tells whether WooCommerce accepts a webhook topic
// (wc_is_webhook_valid_topic): a core resource and event, or action.*.
func validTopic(topic string) bool {
	if strings.HasPrefix(topic, "action.") && len(topic) > len("action.") {
		return true
	}
	resource, event, ok := strings.Cut(topic, ".")
	if !ok {
		return false
	}
	switch resource {
	case "coupon", "customer", "order", "product":
	default:
		return false
	}
	switch event {
	case "created", "updated", "deleted", "restored":
		return !(resource == "customer" && event == "restored")
	}
	return false
}

// hooksOf are the actions a topic listens to, as WC_Webhook lists them.
func hooksOf(topic string) []string {
	switch topic {
	case "order.created":
		return []string{"woocommerce_new_order"}
	case "order.updated":
		return []string{"woocommerce_update_order", "woocommerce_order_refunded", "woocommerce_delete_order_refund"}
	case "product.created":
		return []string{"woocommerce_process_product_meta", "woocommerce_new_product", "woocommerce_new_product_variation"}
	case "product.updated":
		return []string{"woocommerce_process_product_meta", "woocommerce_update_product", "woocommerce_update_product_variation"}
	}
	if a, ok := strings.CutPrefix(topic, "action."); ok {
		return []string{a}
	}
	return []string{}
}

func validDeliveryURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (st *store) webhookJSON(h *webhook) map[string]any {
	resource, event, _ := strings.Cut(h.topic, ".")
	return map[string]any{
		"id": h.id, "name": h.name, "status": h.status, "topic": h.topic, "resource": resource, "event": event,
		"hooks": hooksOf(h.topic), "delivery_url": h.url,
		"date_created": st.local(h.created), "date_created_gmt": gmt(h.created),
		"date_modified": st.local(h.modified), "date_modified_gmt": gmt(h.modified),
		"_links": links(st, "webhooks", h.id),
	}
}

// addWebhook registers a webhook (under s.mu).
func (st *store) addWebhook(name, topic, deliveryURL, secret, status string, now time.Time) *webhook {
	st.nextHook++
	if name == "" {
		name = "Webhook created on " + now.Format("Jan 2, 2006 @ 15:04")
	}
	if status == "" {
		status = "active"
	}
	h := &webhook{id: st.nextHook, name: name, status: status, topic: topic, url: deliveryURL, secret: secret, created: now, modified: now}
	st.webhooks = append(st.webhooks, h)
	return h
}

func (st *store) webhookByID(id int64) *webhook {
	for _, h := range st.webhooks {
		if h.id == id {
			return h
		}
	}
	return nil
}

func (c *call) listWebhooks() {
	if !c.permit("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.") {
		return
	}
	page, perPage, offset, ok := c.page()
	if !ok {
		return
	}
	status := c.r.URL.Query().Get("status")
	hooks := append([]*webhook(nil), c.st.webhooks...)
	sort.SliceStable(hooks, func(i, j int) bool { return hooks[i].id > hooks[j].id })
	var items []any
	for _, h := range hooks {
		if status == "" || status == "all" || h.status == status {
			items = append(items, c.st.webhookJSON(h))
		}
	}
	c.paginate("webhooks", items, page, perPage, offset)
}

func (c *call) getWebhook(id int64) {
	if !c.permit("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.") {
		return
	}
	h := c.st.webhookByID(id)
	if h == nil {
		c.error(http.StatusNotFound, "woocommerce_rest_webhook_invalid_id", "Invalid ID.", nil)
		return
	}
	c.json(http.StatusOK, c.st.webhookJSON(h))
}

// webhookParams reads a webhook's writable properties.
func (c *call) webhookParams(h *webhook) *wpError {
	get := func(name string) (string, bool) {
		v, ok := c.params[name]
		if !ok {
			return "", false
		}
		s, _ := paramString(v, true)
		return s, true
	}
	if v, ok := get("topic"); ok {
		if !validTopic(v) {
			return &wpError{status: http.StatusBadRequest, code: "woocommerce_rest_webhook_invalid_topic", message: "Webhook topic is required and must be valid."}
		}
		h.topic = v
	}
	if v, ok := get("delivery_url"); ok {
		if !validDeliveryURL(v) {
			return &wpError{status: http.StatusBadRequest, code: "rest_invalid_param", params: map[string]string{"delivery_url": "Invalid URL."}}
		}
		h.url = v
	}
	if v, ok := get("status"); ok {
		if !contains([]string{"active", "paused", "disabled"}, v) {
			return &wpError{status: http.StatusBadRequest, code: "rest_invalid_param", params: map[string]string{"status": "status is not one of active, paused, and disabled."}}
		}
		if v == "active" {
			h.failures = 0
		}
		h.status = v
	}
	if v, ok := get("secret"); ok {
		h.secret = v
	}
	if v, ok := get("name"); ok {
		h.name = v
	}
	return nil
}

func (c *call) createWebhook() {
	if !c.permit("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.") {
		return
	}
	draft := &webhook{status: "active"}
	if err := c.webhookParams(draft); err != nil {
		c.fail(err)
		return
	}
	if draft.topic == "" {
		c.error(http.StatusBadRequest, "woocommerce_rest_webhook_invalid_topic", "Webhook topic is required and must be valid.", nil)
		return
	}
	if draft.url == "" {
		c.error(http.StatusBadRequest, "woocommerce_rest_webhook_invalid_delivery_url", "Webhook delivery URL must be a valid URL starting with http:// or https://.", nil)
		return
	}
	if _, given := c.params["secret"]; !given {
		draft.secret = sandboxkit.RandomHex("") // WooCommerce derives one from the user
	}
	h := c.st.addWebhook(draft.name, draft.topic, draft.url, draft.secret, draft.status, c.now)
	ping := c.st.pingDelivery(h)
	c.ping = &ping
	c.w.Header().Set("Location", c.base+"/wp-json/wc/v3/webhooks/"+strconv.FormatInt(h.id, 10))
	c.json(http.StatusCreated, c.st.webhookJSON(h))
}

func (c *call) updateWebhook(id int64) {
	if !c.permit("woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.") {
		return
	}
	h := c.st.webhookByID(id)
	if h == nil {
		c.error(http.StatusBadRequest, "woocommerce_rest_webhook_invalid_id", "Invalid ID.", nil)
		return
	}
	draft := *h
	if err := c.webhookParams(&draft); err != nil {
		c.fail(err)
		return
	}
	draft.modified = c.now
	*h = draft
	c.json(http.StatusOK, c.st.webhookJSON(h))
}

// pendingDelivery is one webhook POST to make.
type pendingDelivery struct {
	st         *store
	hookID     int64
	url        string
	topic      string
	resourceID int64
	body       []byte
	// signature is empty for a ping, which has no X-WC-Webhook-* headers.
	signature string
	ping      bool
}

// prepareDeliveries encodes resource for every active webhook of the topic
// and signs it with each webhook's secret (under s.mu).
func (st *store) prepareDeliveries(topic string, resourceID int64, resource any, now time.Time) []pendingDelivery {
	var out []pendingDelivery
	var body []byte
	for _, h := range st.webhooks {
		if h.topic != topic || h.status != "active" {
			continue
		}
		if body == nil {
			b, err := phpJSON(resource)
			if err != nil {
				return nil
			}
			body = b
		}
		mac := hmac.New(sha256.New, []byte(h.secret))
		mac.Write(body)
		out = append(out, pendingDelivery{st: st, hookID: h.id, url: h.url, topic: topic, resourceID: resourceID, body: body,
			signature: base64.StdEncoding.EncodeToString(mac.Sum(nil))})
	}
	st.counters.WebhooksSent += len(out)
	return out
}

// pingDelivery is the ping WC_Webhook::deliver_ping sends.
func (st *store) pingDelivery(h *webhook) pendingDelivery {
	st.counters.WebhooksSent++
	return pendingDelivery{st: st, hookID: h.id, url: h.url, body: []byte("webhook_id=" + strconv.FormatInt(h.id, 10)), ping: true}
}

func userAgent() string {
	return "WooCommerce/" + WooCommerceVersion + " Hookshot (WordPress/" + WordPressVersion + ")"
}

// deliver sends deliveries one after the other and records what the
// endpoints answered.
func (s *Sandbox) deliver(pending []pendingDelivery) []Delivery {
	return s.deliverCtx(context.Background(), pending)
}

func (s *Sandbox) deliverCtx(ctx context.Context, pending []pendingDelivery) []Delivery {
	out := make([]Delivery, 0, len(pending))
	for _, p := range pending {
		d := Delivery{WebhookID: p.hookID, URL: p.url, Topic: p.topic, ResourceID: p.resourceID, Signature: p.signature, At: s.now()}
		if p.ping {
			d.Topic = "ping"
		} else {
			d.DeliveryID = sandboxkit.RandomHex("")
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(p.body))
		if err == nil {
			req.Header.Set("User-Agent", userAgent())
			if p.ping {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
			} else {
				resource, event, _ := strings.Cut(p.topic, ".")
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-WC-Webhook-Source", p.st.url+"/")
				req.Header.Set("X-WC-Webhook-Topic", p.topic)
				req.Header.Set("X-WC-Webhook-Resource", resource)
				req.Header.Set("X-WC-Webhook-Event", event)
				req.Header.Set("X-WC-Webhook-Signature", p.signature)
				req.Header.Set("X-WC-Webhook-ID", strconv.FormatInt(p.hookID, 10))
				req.Header.Set("X-WC-Webhook-Delivery-ID", d.DeliveryID)
			}
			var resp *http.Response
			if resp, err = s.opts.WebhookClient.Do(req); err == nil {
				d.Status = resp.StatusCode
				sandboxkit.DrainAndClose(resp)
			}
		}
		if err != nil {
			d.Error = err.Error()
		}
		s.record(p, d)
		out = append(out, d)
	}
	return out
}

// record files a delivery and counts the webhook's consecutive failures,
// as WC_Webhook::log_delivery does (a ping does not count).
func (s *Sandbox) record(p pendingDelivery, d Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := p.st
	st.deliveries = append(st.deliveries, d)
	if len(st.deliveries) > maxDeliveries {
		st.deliveries = st.deliveries[len(st.deliveries)-maxDeliveries:]
	}
	h := st.webhookByID(p.hookID)
	if h == nil || p.ping {
		return
	}
	if d.Status >= 200 && d.Status < 303 {
		h.failures = 0
		return
	}
	if h.failures > maxFailures {
		h.status = "disabled"
		return
	}
	h.failures++
}

// Wait blocks until the deliveries that API calls caused are done.
func (s *Sandbox) Wait() { s.inflight.Wait() }
