package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// The control API, for tests and the hub's sandbox mode. Every route takes
// and returns JSON; errors are {"error": "..."} with 400 or 404. {store} is
// a store's key — its URL's host, and path if any, path-escaped
// ("example.com%2Fshop") — or "demo" for the demo store.
//
//	POST /_control/stores                      StoreSpec → 201 StoreState (with a read_write key)
//	GET  /_control/stores/{store}              → StoreState
//	POST /_control/stores/{store}/keys         {"permissions": "read"|"write"|"read_write"} → 201 Key
//	POST /_control/stores/{store}/revoke-keys  → 204 (every key of the store stops working)
//	POST /_control/stores/{store}/webhooks     {"url", "secret", "topics": [...], "ping": false} → 201 [Webhook]
//	GET  /_control/stores/{store}/deliveries   → [Delivery], oldest first
//	POST /_control/stores/{store}/orders       OrderSpec (set_paid true when absent) → 201 {"order": {...}, "deliveries": [...]}
//	POST /_control/stores/{store}/fail         {"count": N, "status": 503} → 204
//	POST /_control/stores/{store}/throttle     {"count": N, "retryAfter": 2} → 204 (the next N calls answer 429)
//	GET  /_control/stores/{store}/counters     → Counters
//
// A StoreSpec's products name their properties as ProductSpec does
// (price, manageStock, stockQuantity, stockStatus) or as POST /products
// does (regular_price, manage_stock, stock_quantity, stock_status).
//
// webhooks registers one webhook per topic (order.created, order.updated
// and product.updated when none are named) delivering to url, signed with
// secret. orders places an order as POST /orders does (line items by sku
// or product_id), paid unless "set_paid": false, and sends its webhooks
// before answering.

// Errors of the control API.
var (
	// ErrNoStore is returned for a store that does not exist.
	ErrNoStore = errors.New("sandbox: no such store")
	// ErrStoreExists is returned when creating a store whose URL is taken.
	ErrStoreExists = errors.New("sandbox: a store already has this URL")
)

// StoreSpec is a store to create.
type StoreSpec struct {
	// URL is the store's address, e.g. https://shop.example.com.
	URL string `json:"url"`
	// Name is the site's title ("Sandbox store" when empty).
	Name string `json:"name"`
	// Currency is the store's currency (USD when empty).
	Currency string `json:"currency"`
	// UTCOffsetMinutes is the site's time zone.
	UTCOffsetMinutes int `json:"utcOffsetMinutes"`
	// Products seed the store, in id order.
	Products []ProductSpec `json:"products"`
}

// StoreState describes a store.
type StoreState struct {
	Key      string    `json:"key"`
	URL      string    `json:"url"`
	Name     string    `json:"name"`
	Currency string    `json:"currency"`
	Products int       `json:"products"`
	Orders   int       `json:"orders"`
	Webhooks []Webhook `json:"webhooks"`
	Counters Counters  `json:"counters"`
	// ConsumerKey and ConsumerSecret are a read_write key, set only by
	// CreateStore.
	ConsumerKey    string `json:"consumerKey,omitempty"`
	ConsumerSecret string `json:"consumerSecret,omitempty"`
}

// Key is a REST API key.
type Key struct {
	ConsumerKey    string `json:"consumerKey"`
	ConsumerSecret string `json:"consumerSecret"`
	Permissions    string `json:"permissions"`
}

// storeKey resolves the "demo" alias and checks the key.
func storeKey(id string) string {
	if id == "demo" {
		return demoStoreKey
	}
	return strings.ToLower(id)
}

// CreateStore creates a store seeded with products, and a read_write key
// for it.
func (s *Sandbox) CreateStore(spec StoreSpec) (StoreState, error) {
	key, err := StoreKey(spec.URL)
	if err != nil {
		return StoreState{}, err
	}
	if spec.UTCOffsetMinutes < -14*60 || spec.UTCOffsetMinutes > 14*60 {
		return StoreState{}, fmt.Errorf("sandbox: a UTC offset is within ±14 hours")
	}
	u, _ := url.Parse(strings.TrimSpace(spec.URL))
	st := &store{key: key, url: u.Scheme + "://" + strings.ToLower(u.Host) + strings.TrimRight(u.Path, "/"), name: spec.Name,
		currency: strings.ToUpper(spec.Currency), offset: time.Duration(spec.UTCOffsetMinutes) * time.Minute,
		keys: map[string]*apiKey{}, products: map[int64]*product{}, orders: map[int64]*order{}, nextPost: 9, retryAfter: 1}
	if st.name == "" {
		st.name = "Sandbox store"
	}
	if st.currency == "" {
		st.currency = "USD"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stores[key] != nil {
		return StoreState{}, ErrStoreExists
	}
	now := s.now()
	for _, ps := range spec.Products {
		if _, err := st.seedProduct(ps, now); err != nil {
			return StoreState{}, err
		}
	}
	s.stores[key] = st
	state := st.state()
	k := st.newKey(PermReadWrite)
	state.ConsumerKey, state.ConsumerSecret = k.key, k.secret
	return state, nil
}

func (st *store) newKey(permissions string) *apiKey {
	k := &apiKey{key: sandboxkit.RandomHex("ck_") + sandboxkit.RandomHex("")[:8], secret: sandboxkit.RandomHex("cs_") + sandboxkit.RandomHex("")[:8],
		permissions: permissions}
	st.keys[k.key] = k
	return k
}

func (st *store) state() StoreState {
	out := StoreState{Key: st.key, URL: st.url, Name: st.name, Currency: st.currency, Products: len(st.products), Orders: len(st.orders),
		Webhooks: []Webhook{}, Counters: st.counters}
	for _, h := range st.webhooks {
		out.Webhooks = append(out.Webhooks, Webhook{ID: h.id, Name: h.name, Topic: h.topic, URL: h.url, Status: h.status, Failures: h.failures})
	}
	return out
}

func (s *Sandbox) withStore(id string, f func(*store) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stores[storeKey(id)]
	if st == nil {
		return ErrNoStore
	}
	return f(st)
}

// Store returns a store's state.
func (s *Sandbox) Store(id string) (StoreState, error) {
	var out StoreState
	err := s.withStore(id, func(st *store) error { out = st.state(); return nil })
	return out, err
}

// CreateKey adds a key with permissions (read, write or read_write) to a
// store.
func (s *Sandbox) CreateKey(id, permissions string) (Key, error) {
	if permissions == "" {
		permissions = PermReadWrite
	}
	if permissions != PermRead && permissions != PermWrite && permissions != PermReadWrite {
		return Key{}, fmt.Errorf("sandbox: permissions are read, write or read_write, not %q", permissions)
	}
	var out Key
	err := s.withStore(id, func(st *store) error {
		k := st.newKey(permissions)
		out = Key{ConsumerKey: k.key, ConsumerSecret: k.secret, Permissions: k.permissions}
		return nil
	})
	return out, err
}

// RevokeKeys removes every key of a store (the demo key included).
func (s *Sandbox) RevokeKeys(id string) error {
	return s.withStore(id, func(st *store) error { st.keys = map[string]*apiKey{}; return nil })
}

// defaultTopics are the topics the connector reads.
var defaultTopics = []string{"order.created", "order.updated", "product.updated"}

// AddWebhooks registers a webhook per topic (defaultTopics when none)
// delivering to deliveryURL signed with secret; with ping, each is pinged
// as WooCommerce does when a webhook is saved.
func (s *Sandbox) AddWebhooks(ctx context.Context, id, deliveryURL, secret string, topics []string, ping bool) ([]Webhook, error) {
	if !validDeliveryURL(deliveryURL) {
		return nil, fmt.Errorf("sandbox: the webhook URL must be an absolute http(s) URL")
	}
	if secret == "" {
		return nil, fmt.Errorf("sandbox: a webhook needs a secret")
	}
	if len(topics) == 0 {
		topics = defaultTopics
	}
	for _, t := range topics {
		if !validTopic(t) {
			return nil, fmt.Errorf("sandbox: %q is not a webhook topic", t)
		}
	}
	var out []Webhook
	var pings []pendingDelivery
	err := s.withStore(id, func(st *store) error {
		now := s.now()
		for _, t := range topics {
			h := st.addWebhook("", t, deliveryURL, secret, "active", now)
			out = append(out, Webhook{ID: h.id, Name: h.name, Topic: h.topic, URL: h.url, Status: h.status})
			if ping {
				pings = append(pings, st.pingDelivery(h))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.deliverCtx(ctx, pings)
	return out, nil
}

// Deliveries returns a store's webhook deliveries, oldest first.
func (s *Sandbox) Deliveries(id string) ([]Delivery, error) {
	var out []Delivery
	err := s.withStore(id, func(st *store) error {
		out = append([]Delivery{}, st.deliveries...)
		return nil
	})
	return out, err
}

// CreateOrder places an order as POST /orders does and sends its webhooks
// before returning: the order as the API shows it, and the deliveries.
func (s *Sandbox) CreateOrder(ctx context.Context, id string, spec OrderSpec) (json.RawMessage, []Delivery, error) {
	for i := range spec.LineItems {
		if spec.LineItems[i].Quantity == 0 {
			spec.LineItems[i].Quantity = 1
		}
	}
	var body []byte
	var pending []pendingDelivery
	err := s.withStore(id, func(st *store) error {
		o, p, werr := st.placeOrder(spec, s.now(), false)
		if werr != nil {
			return fmt.Errorf("sandbox: %s: %s", werr.code, werr.message)
		}
		pending = p
		b, err := phpJSON(st.orderJSON(o))
		body = b
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return body, s.deliverCtx(ctx, pending), nil
}

// FailNext makes the store's next n API calls answer status (4xx or 5xx).
func (s *Sandbox) FailNext(id string, n, status int) error {
	if err := sandboxkit.CheckFailNext(n, status); err != nil {
		return err
	}
	return s.withStore(id, func(st *store) error { st.faults.SetFail(n, status); return nil })
}

// Throttle makes the store's next n API calls answer 429 with Retry-After
// retryAfter seconds (1 when 0).
func (s *Sandbox) Throttle(id string, n, retryAfter int) error {
	if err := sandboxkit.CheckThrottle(n); err != nil {
		return err
	}
	return s.withStore(id, func(st *store) error {
		st.faults.SetThrottle(n)
		st.retryAfter = max(retryAfter, 1)
		return nil
	})
}

// Counters returns a store's counters.
func (s *Sandbox) Counters(id string) (Counters, error) {
	var c Counters
	err := s.withStore(id, func(st *store) error { c = st.counters; return nil })
	return c, err
}

func (s *Sandbox) serveControl(w http.ResponseWriter, r *http.Request, rest string) {
	var parts []string
	for _, seg := range strings.Split(strings.Trim(rest, "/"), "/") {
		p, err := url.PathUnescape(seg)
		if err != nil {
			sandboxkit.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "bad path"})
			return
		}
		parts = append(parts, p)
	}
	ctl := sandboxkit.Control{NotFound: []error{ErrNoStore}, MaxBody: 8 << 20}
	if len(parts) == 1 && parts[0] == "stores" && r.Method == http.MethodPost {
		var spec StoreSpec
		if !ctl.Read(w, r, &spec) {
			return
		}
		st, err := s.CreateStore(spec)
		ctl.Reply(w, http.StatusCreated, st, err)
		return
	}
	if len(parts) < 2 || parts[0] != "stores" {
		sandboxkit.WriteJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route"})
		return
	}
	id := parts[1]
	route := r.Method + " " + strings.Join(append([]string{""}, parts[2:]...), "/")
	switch route {
	case "GET ":
		st, err := s.Store(id)
		ctl.Reply(w, http.StatusOK, st, err)
	case "POST /keys":
		var body struct {
			Permissions string `json:"permissions"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		k, err := s.CreateKey(id, body.Permissions)
		ctl.Reply(w, http.StatusCreated, k, err)
	case "POST /revoke-keys":
		ctl.NoContent(w, s.RevokeKeys(id))
	case "POST /webhooks":
		var body struct {
			URL    string   `json:"url"`
			Secret string   `json:"secret"`
			Topics []string `json:"topics"`
			Ping   bool     `json:"ping"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		hooks, err := s.AddWebhooks(r.Context(), id, body.URL, body.Secret, body.Topics, body.Ping)
		ctl.Reply(w, http.StatusCreated, hooks, err)
	case "GET /deliveries":
		ds, err := s.Deliveries(id)
		ctl.Reply(w, http.StatusOK, ds, err)
	case "POST /orders":
		spec := OrderSpec{SetPaid: true}
		if !ctl.Read(w, r, &spec) {
			return
		}
		o, ds, err := s.CreateOrder(r.Context(), id, spec)
		ctl.Reply(w, http.StatusCreated, map[string]any{"order": o, "deliveries": ds}, err)
	case "POST /fail":
		var body struct{ Count, Status int }
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.FailNext(id, body.Count, body.Status))
	case "POST /throttle":
		var body struct {
			Count      int `json:"count"`
			RetryAfter int `json:"retryAfter"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.Throttle(id, body.Count, body.RetryAfter))
	case "GET /counters":
		c, err := s.Counters(id)
		ctl.Reply(w, http.StatusOK, c, err)
	default:
		sandboxkit.WriteJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route " + route})
	}
}
