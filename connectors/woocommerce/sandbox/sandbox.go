// Package sandbox emulates WooCommerce stores for what Switchboard uses, so
// that the WooCommerce connector can be developed, tested and demonstrated
// without a WordPress site or network access. It is an http.Handler that
// the hub mounts under a prefix (/sandbox/woocommerce, with
// http.StripPrefix).
//
// # Where a store is
//
// WooCommerce has no central API host: each store is a WordPress site. The
// sandbox serves any number of stores, each under its URL's host (and
// path, for WordPress in a subdirectory) as the first path segments: the
// store https://demo-store.example is served at
// <prefix>/demo-store.example/, its REST API at
// <prefix>/demo-store.example/wp-json/wc/v3/…, and https://example.com/shop
// at <prefix>/example.com/shop/wp-json/wc/v3/…. The connector makes that
// mapping when its environment has a SandboxBase; a store URL's scheme
// plays no part. A host the sandbox has no store for answers 404 with an
// HTML page, as a web server without WordPress would.
//
// # What it follows
//
// The WooCommerce REST API v3 (namespace wc/v3, WooCommerce 9.x,
// https://woocommerce.github.io/woocommerce-rest-api-docs/), as its
// controllers answer:
//
//   - Authentication: HTTP Basic with the consumer key as user name and the
//     consumer secret as password, or the consumer_key and consumer_secret
//     query parameters. Keys are ck_ + 40 hex, secrets cs_ + 40 hex, with
//     read, write or read_write permission. An unknown key is no
//     authentication at all (WooCommerce ignores it): the route's permission
//     check answers 401 woocommerce_rest_cannot_view ("Sorry, you cannot
//     list resources."), _cannot_create, _cannot_edit or _cannot_batch. A
//     known key with the wrong secret answers 401
//     woocommerce_rest_authentication_error "Consumer secret is invalid.";
//     a key without the permission a method needs, 401 "The API key provided
//     does not have write permissions." (or read). Basic auth is accepted
//     over plain HTTP here (the sandbox is reached over the hub's own
//     scheme); WooCommerce takes it only over HTTPS.
//   - Products: GET /products with page, per_page (1..100, default 10),
//     offset, order, orderby (date, id, modified, title, slug, include),
//     sku (comma-separated, as WooCommerce splits it, matched
//     case-insensitively), include, status, stock_status, search,
//     after/before/modified_after/modified_before (exclusive, in the site's
//     time zone unless dates_are_gmt) and the X-WP-Total, X-WP-TotalPages
//     and Link headers; GET, PUT/POST/PATCH and DELETE /products/{id}; POST
//     /products; POST /products/batch with create, update and delete (at
//     most 100 in all, else 413 woocommerce_rest_request_entity_too_large),
//     each entry answered in order, a refused one as {"id", "error":
//     {"code", "message", "data"}}. Writes take name, sku (unique, else
//     product_invalid_sku), regular_price, sale_price, status,
//     manage_stock, stock_quantity, stock_status and backorders; a
//     stock_quantity is kept only when the product manages stock, and stock
//     status follows the quantity, as in WooCommerce. Single requests check
//     parameter types (400 rest_invalid_param); batch entries are coerced as
//     WooCommerce's batch path does (it skips the schema).
//   - Orders: POST /orders with billing, shipping, line_items (product_id,
//     variation_id or sku, quantity), shipping_lines, status, set_paid,
//     customer_id and payment_method; GET /orders, GET and PUT/POST/PATCH
//     /orders/{id} (status, set_paid). As in WooCommerce, set_paid makes the
//     order processing and paid, and an order entering processing,
//     completed or on-hold reduces the stock of the products it holds once
//     (cancelled or pending restores it). Unlike WooCommerce's REST API,
//     which lets stock go negative, a reduction that would take a product
//     that manages stock (without backorders) below zero is refused with 400
//     woocommerce_rest_product_out_of_stock, as WooCommerce's Store API
//     refuses such a checkout, and nothing is saved.
//   - Webhooks: GET/POST /webhooks, GET and PUT/POST/PATCH /webhooks/{id},
//     and registration through the control API. Deliveries are POSTed as
//     WC_Webhook::deliver posts them: the resource as the REST API shows it,
//     JSON-encoded as PHP's json_encode does (slashes and non-ASCII
//     escaped), Content-Type application/json, User-Agent "WooCommerce/9.8.5
//     Hookshot (WordPress/6.8.1)", and the headers X-WC-Webhook-Source (the
//     store URL with a trailing slash), -Topic, -Resource, -Event, -ID,
//     -Delivery-ID (32 hex) and -Signature: base64(HMAC-SHA256(secret, raw
//     body)). Topics delivered: order.created (every new order),
//     order.updated (every order save after creation, set_paid's included),
//     product.created, product.updated (every product save: API updates,
//     batch entries, and stock changes orders make). Creating a webhook
//     through the API first sends WooCommerce's ping: the unsigned form body
//     "webhook_id=<id>" without X-WC-Webhook-* headers. Redirects are not
//     followed; a 2xx to 302 answer is a success, and a webhook whose
//     deliveries keep failing is disabled after the 7th consecutive failure
//     (WooCommerce's failure_count > 5), until it is set active again.
//     Deliveries caused by API calls are sent in the background after the
//     answer (WooCommerce queues them; use Wait), those caused by the control
//     API before it answers.
//   - Errors: {"code", "message", "data": {"status"}} with the HTTP status:
//     rest_no_route (404), woocommerce_rest_<type>_invalid_id (404 on reads,
//     400 on updates), rest_invalid_json, rest_invalid_param (with
//     data.params), and injected 429s (with Retry-After) and 5xx.
//   - Dates: every object has its dates in the site's time zone (a store's
//     UTC offset, -03:00 for the demo store) and in GMT (*_gmt), without a
//     zone, as WooCommerce writes them.
//
// # Demo store
//
// So that a person trying the hub (make run) can connect without any
// setup, the store https://demo-store.example exists from the start with a
// dozen products of WooCommerce's sample data, and the key DemoConsumerKey
// ("ck_sandbox_demo") with secret DemoConsumerSecret ("cs_sandbox_demo").
// Its webhooks are registered through the control API (the hub shows a
// connection's webhook URL); GET <prefix>/ describes the sandbox.
//
// # What it does not emulate
//
// OAuth 1.0a over HTTP, the /wc-auth/v1/authorize key flow, product
// variations, categories, tags, images and attributes (products are simple
// products), coupons, customers, refunds, taxes (all zero), sale schedules,
// reports, settings and system status, the Store API and carts, order notes
// and emails, webhook topics other than order.* and product.created/updated,
// webhook retries and Action Scheduler timing, payload filters
// (woocommerce_webhook_payload), the legacy REST API, the _fields, _embed
// and context parameters, trash listing and restore, and rate limits
// (WooCommerce core has none; 429s happen only when forced). Products
// deleted through the API are gone for good.
//
// # Control API
//
// Tests and the hub's sandbox mode drive it under /_control/ with JSON (see
// control.go): create stores seeded with products by SKU, make keys,
// register webhooks, place orders, fail or throttle the next N calls and
// list deliveries. The control API has no authentication: mount the sandbox
// only in sandbox mode.
package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// APIVersion is the WooCommerce REST API the sandbox answers.
const APIVersion = "wc/v3"

// The versions the sandbox says it runs (webhook User-Agent, orders'
// version).
const (
	WooCommerceVersion = "9.8.5"
	WordPressVersion   = "6.8.1"
)

// The demo store and its key.
const (
	DemoStoreURL       = "https://demo-store.example"
	DemoConsumerKey    = "ck_sandbox_demo"
	DemoConsumerSecret = "cs_sandbox_demo"
)

// demoStoreKey is the demo store's key ("demo" in the control API).
const demoStoreKey = "demo-store.example"

// Key permissions.
const (
	PermRead      = "read"
	PermWrite     = "write"
	PermReadWrite = "read_write"
)

// wcTime is how WooCommerce writes dates.
const wcTime = "2006-01-02T15:04:05"

// maxBody bounds a request body the sandbox reads.
const maxBody = 4 << 20

// Options configure a Sandbox.
type Options struct {
	// Now is the clock (time.Now when nil); it dates products, orders and
	// webhooks.
	Now func() time.Time
	// WebhookClient sends webhook deliveries (a client with a 10 s timeout
	// that does not follow redirects when nil).
	WebhookClient *http.Client
}

// Sandbox is the WooCommerce emulator. Create it with New; it is safe for
// concurrent use.
type Sandbox struct {
	opts Options

	mu     sync.Mutex
	stores map[string]*store

	inflight sync.WaitGroup
}

// store is one emulated WordPress site with WooCommerce.
type store struct {
	key      string // host + path: "demo-store.example", "example.com/shop"
	url      string // "https://demo-store.example"
	name     string
	currency string
	offset   time.Duration // the site's UTC offset

	keys       map[string]*apiKey
	products   map[int64]*product
	orders     map[int64]*order
	webhooks   []*webhook
	deliveries []Delivery

	nextPost, nextItem, nextHook int64

	faults     sandboxkit.Faults
	retryAfter int
	counters   Counters
}

// apiKey is a REST API key.
type apiKey struct {
	key, secret, permissions string
}

func (k *apiKey) can(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return k.permissions != PermWrite
	}
	return k.permissions != PermRead
}

// Counters are what a store's traffic did, for tests.
type Counters struct {
	// APICalls counts REST API requests to the store, refused ones included.
	APICalls int `json:"apiCalls"`
	// Unauthorized counts 401 answers.
	Unauthorized int `json:"unauthorized"`
	// Throttled counts 429 answers, Failed the answers failed on purpose.
	Throttled int `json:"throttled"`
	Failed    int `json:"failed"`
	// ProductsUpdated counts product saves through the API.
	ProductsUpdated int `json:"productsUpdated"`
	// OrdersCreated counts orders placed (API and control API).
	OrdersCreated int `json:"ordersCreated"`
	// WebhooksSent counts webhook deliveries attempted (pings included).
	WebhooksSent int `json:"webhooksSent"`
}

// New returns a Sandbox with opts, filling in the defaults. The demo store
// exists from the start.
func New(opts Options) *Sandbox {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = &http.Client{Timeout: 10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	s := &Sandbox{opts: opts, stores: map[string]*store{}}
	if _, err := s.CreateStore(demoStore()); err != nil {
		panic(fmt.Sprintf("woocommerce sandbox: demo store: %v", err))
	}
	st := s.stores[demoStoreKey]
	st.keys = map[string]*apiKey{DemoConsumerKey: {key: DemoConsumerKey, secret: DemoConsumerSecret, permissions: PermReadWrite}}
	return s
}

// demoStore is the demo store: some of WooCommerce's sample products.
func demoStore() StoreSpec {
	p := func(sku, name, price string, stock int64) ProductSpec {
		return ProductSpec{SKU: sku, Name: name, Price: price, StockQuantity: &stock, ManageStock: true}
	}
	return StoreSpec{URL: DemoStoreURL, Name: "Sandbox Demo Store", Currency: "USD", UTCOffsetMinutes: -180, Products: []ProductSpec{
		p("woo-hoodie", "Hoodie", "45.00", 25), p("woo-hoodie-with-logo", "Hoodie with Logo", "45.00", 12),
		p("woo-hoodie-with-zipper", "Hoodie with Zipper", "45.00", 8), p("woo-tshirt", "T-Shirt", "18.00", 60),
		p("woo-long-sleeve-tee", "Long Sleeve Tee", "25.00", 22), p("woo-polo", "Polo", "20.00", 30),
		p("woo-beanie", "Beanie", "18.00", 40), p("woo-beanie-with-logo", "Beanie with Logo", "18.00", 3),
		p("woo-cap", "Cap", "16.00", 5), p("woo-belt", "Belt", "55.00", 12), p("woo-sunglasses", "Sunglasses", "90.00", 0),
		{SKU: "woo-album", Name: "Album", Price: "15.00", StockStatus: "instock"},
	}}
}

func (s *Sandbox) now() time.Time { return s.opts.Now().UTC().Truncate(time.Second) }

// StoreKey is the key the sandbox files a store URL under: its lower-case
// host and its path without a trailing slash ("example.com/shop").
func StoreKey(rawURL string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("sandbox: %q is not a store URL like https://shop.example.com", rawURL)
	}
	p := strings.TrimRight(u.Path, "/")
	if strings.Contains(p, "/wp-json") || strings.Contains(p, "/_control") {
		return "", fmt.Errorf("sandbox: a store URL cannot contain /wp-json")
	}
	return strings.ToLower(u.Host) + p, nil
}

// ServeHTTP routes /_control/... to the control API, / to a description of
// the sandbox, and /<host>[/<path>]/wp-json/... to the store's REST API.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.EscapedPath(), "/")
	switch {
	case p == "":
		s.serveIndex(w)
		return
	case p == "_control" || strings.HasPrefix(p, "_control/"):
		s.serveControl(w, r, strings.TrimPrefix(strings.TrimPrefix(p, "_control"), "/"))
		return
	}
	hostSeg, rest, _ := strings.Cut(p, "/")
	host, err := url.PathUnescape(hostSeg)
	if err != nil {
		notFoundPage(w)
		return
	}
	rest = "/" + rest
	prefix, route, api := rest, "", false
	if i := strings.Index(rest+"/", "/wp-json/"); i >= 0 {
		prefix, route, api = rest[:i], strings.TrimPrefix(rest[i:], "/wp-json"), true
	}
	prefixPath, err := url.PathUnescape(strings.TrimRight(prefix, "/"))
	if err != nil {
		notFoundPage(w)
		return
	}
	key := strings.ToLower(host) + prefixPath
	if !api {
		// A storefront page: the store's home, or nothing.
		s.mu.Lock()
		st := s.stores[key]
		s.mu.Unlock()
		if st == nil {
			if st = s.storeOf(strings.ToLower(host)); st == nil {
				notFoundPage(w)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		_, _ = fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>%s</title></head><body><h1>%s</h1><p>A WooCommerce store emulated by Switchboard's sandbox.</p></body></html>",
			htmlEscape(st.name), htmlEscape(st.name))
		return
	}
	s.serveAPI(w, r, key, route, siteBase(r, hostSeg+prefix))
}

func (s *Sandbox) storeOf(key string) *store {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stores[key]
}

// siteBase is the store's address as the client reached it (the sandbox
// URL, prefix included), for Link headers a client can follow.
func siteBase(r *http.Request, storePath string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	mount := r.RequestURI
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
		mount = u.EscapedPath()
	}
	if i := strings.Index(mount, "/"+storePath+"/wp-json"); i >= 0 {
		mount = mount[:i]
	} else {
		mount = ""
	}
	return scheme + "://" + r.Host + mount + "/" + storePath
}

func (s *Sandbox) serveIndex(w http.ResponseWriter) {
	s.mu.Lock()
	keys := make([]string, 0, len(s.stores))
	for k := range s.stores {
		keys = append(keys, k)
	}
	s.mu.Unlock()
	sort.Strings(keys)
	sandboxkit.WriteJSON(w, http.StatusOK, map[string]any{
		"emulates": "WooCommerce REST API " + APIVersion + " (WooCommerce " + WooCommerceVersion + ")",
		"stores":   keys,
		"demo": map[string]string{"storeUrl": DemoStoreURL, "consumerKey": DemoConsumerKey, "consumerSecret": DemoConsumerSecret,
			"api": demoStoreKey + "/wp-json/wc/v3/products"},
		"howTo": "Connect WooCommerce with the demo store URL, key and secret and any webhook secret; then register the connection's " +
			"webhook URL with POST _control/stores/demo/webhooks {\"url\": \"…\", \"secret\": \"…\"} and place orders with " +
			"POST _control/stores/demo/orders {\"line_items\": [{\"sku\": \"woo-hoodie\", \"quantity\": 1}]}.",
	})
}

// call is one REST API request being answered, under s.mu.
type call struct {
	s    *Sandbox
	st   *store
	r    *http.Request
	w    *sandboxkit.Buffer
	key  *apiKey // nil: not authenticated
	base string  // the site as the client reached it
	now  time.Time
	// params are the request's body parameters (JSON or form).
	params map[string]any
	// pending are the webhook deliveries the call caused.
	pending []pendingDelivery
	// ping, when set, is a webhook to ping before answering.
	ping *pendingDelivery
}

// serveAPI answers a request to a store's REST API (route is what follows
// /wp-json: "/wc/v3/products").
func (s *Sandbox) serveAPI(w http.ResponseWriter, r *http.Request, key, route, base string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "reading the request", http.StatusBadRequest)
		return
	}
	buf := sandboxkit.NewBuffer()
	s.mu.Lock()
	st := s.stores[key]
	if st == nil {
		s.mu.Unlock()
		notFoundPage(w)
		return
	}
	c := &call{s: s, st: st, r: r, w: buf, base: base, now: s.now()}
	c.handle(route, body)
	pending, ping := c.pending, c.ping
	s.mu.Unlock()

	if ping != nil {
		s.deliver([]pendingDelivery{*ping})
	}
	if len(pending) > 0 {
		s.inflight.Add(1)
		go func() {
			defer s.inflight.Done()
			s.deliver(pending)
		}()
	}
	buf.Flush(w)
}

// handle authenticates, applies injected faults and dispatches.
func (c *call) handle(route string, body []byte) {
	st := c.st
	c.header()
	if route == "" || route == "/" {
		c.json(http.StatusOK, map[string]any{"name": st.name, "description": "", "url": st.url, "home": st.url,
			"gmt_offset": c.st.offset.Hours(), "timezone_string": "", "namespaces": []string{"oembed/1.0", "wc/store/v1", "wc/v3", "wp/v2"},
			"authentication": map[string]any{}, "routes": map[string]any{}})
		return
	}
	st.counters.APICalls++
	if !c.authenticate() {
		return
	}
	if st.faults.TakeThrottle() {
		st.counters.Throttled++
		c.w.Header().Set("Retry-After", strconv.Itoa(max(st.retryAfter, 1)))
		c.error(http.StatusTooManyRequests, "woocommerce_rest_too_many_requests", "Too many requests. Please wait and try again.", nil)
		return
	}
	if status := st.faults.TakeFailure(); status != 0 {
		st.counters.Failed++
		switch {
		case status == http.StatusTooManyRequests:
			st.counters.Throttled++
			c.w.Header().Set("Retry-After", strconv.Itoa(max(st.retryAfter, 1)))
			c.error(status, "woocommerce_rest_too_many_requests", "Too many requests. Please wait and try again.", nil)
		case status >= 500:
			c.error(status, "internal_server_error", "<p>There has been a critical error on this website.</p><p><a href=\"https://wordpress.org/documentation/article/faq-troubleshooting/\">Learn more about troubleshooting WordPress.</a></p>", nil)
		default:
			c.error(status, "woocommerce_rest_sandbox_failure", "Failure injected through the sandbox's control API.", nil)
		}
		return
	}
	rest, ok := strings.CutPrefix(route, "/wc/v3")
	if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
		c.noRoute()
		return
	}
	if !c.readParams(body) {
		return
	}
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	m := c.r.Method
	editable := m == http.MethodPost || m == http.MethodPut || m == http.MethodPatch
	switch {
	case len(parts) == 1 && parts[0] == "products" && m == http.MethodGet:
		c.listProducts()
	case len(parts) == 1 && parts[0] == "products" && m == http.MethodPost:
		c.createProduct()
	case len(parts) == 2 && parts[0] == "products" && parts[1] == "batch" && editable:
		c.batchProducts()
	case len(parts) == 2 && parts[0] == "products" && isID(parts[1]):
		id, _ := strconv.ParseInt(parts[1], 10, 64)
		switch {
		case m == http.MethodGet:
			c.getProduct(id)
		case editable:
			c.updateProduct(id)
		case m == http.MethodDelete:
			c.deleteProduct(id)
		default:
			c.noRoute()
		}
	case len(parts) == 1 && parts[0] == "orders" && m == http.MethodGet:
		c.listOrders()
	case len(parts) == 1 && parts[0] == "orders" && m == http.MethodPost:
		c.createOrder()
	case len(parts) == 2 && parts[0] == "orders" && isID(parts[1]) && m == http.MethodGet:
		id, _ := strconv.ParseInt(parts[1], 10, 64)
		c.getOrder(id)
	case len(parts) == 2 && parts[0] == "orders" && isID(parts[1]) && editable:
		id, _ := strconv.ParseInt(parts[1], 10, 64)
		c.updateOrder(id)
	case len(parts) == 1 && parts[0] == "webhooks" && m == http.MethodGet:
		c.listWebhooks()
	case len(parts) == 1 && parts[0] == "webhooks" && m == http.MethodPost:
		c.createWebhook()
	case len(parts) == 2 && parts[0] == "webhooks" && isID(parts[1]) && m == http.MethodGet:
		id, _ := strconv.ParseInt(parts[1], 10, 64)
		c.getWebhook(id)
	case len(parts) == 2 && parts[0] == "webhooks" && isID(parts[1]) && editable:
		id, _ := strconv.ParseInt(parts[1], 10, 64)
		c.updateWebhook(id)
	default:
		c.noRoute()
	}
}

func isID(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n >= 0 && !strings.HasPrefix(s, "+")
}

// header sets the headers WordPress sends with every REST answer.
func (c *call) header() {
	h := c.w.Header()
	h.Set("X-Robots-Tag", "noindex")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link")
	h.Set("Access-Control-Allow-Headers", "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type")
}

// authenticate finds the request's key as WooCommerce's
// WC_REST_Authentication does. An unknown key leaves the request
// anonymous; a wrong secret or a missing permission answers 401 here.
func (c *call) authenticate() bool {
	ck, cs, ok := c.r.BasicAuth()
	if !ok {
		q := c.r.URL.Query()
		ck, cs = q.Get("consumer_key"), q.Get("consumer_secret")
	}
	if ck == "" || cs == "" {
		return true
	}
	k := c.st.keys[ck]
	if k == nil {
		return true
	}
	switch {
	case k.secret != cs:
		c.unauthorized("woocommerce_rest_authentication_error", "Consumer secret is invalid.")
		return false
	case !k.can(c.r.Method) && k.permissions == PermRead:
		c.unauthorized("woocommerce_rest_authentication_error", "The API key provided does not have write permissions.")
		return false
	case !k.can(c.r.Method):
		c.unauthorized("woocommerce_rest_authentication_error", "The API key provided does not have read permissions.")
		return false
	}
	c.key = k
	return true
}

func (c *call) unauthorized(code, message string) {
	c.st.counters.Unauthorized++
	c.error(http.StatusUnauthorized, code, message, nil)
}

// permit is a route's permission check: an anonymous request is refused
// with the route's code and message.
func (c *call) permit(code, message string) bool {
	if c.key != nil {
		return true
	}
	c.unauthorized(code, message)
	return false
}

// readParams reads the body parameters: JSON, or a form.
func (c *call) readParams(body []byte) bool {
	c.params = map[string]any{}
	if len(bytes.TrimSpace(body)) == 0 {
		return true
	}
	ct := c.r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			c.error(http.StatusBadRequest, "rest_invalid_param", "Invalid form body.", nil)
			return false
		}
		for k, v := range form {
			c.params[k] = v[len(v)-1]
		}
		return true
	}
	if !strings.HasPrefix(ct, "application/json") {
		return true // WordPress ignores a body it cannot read
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		c.error(http.StatusBadRequest, "rest_invalid_json", "Invalid JSON body passed.", map[string]any{"json_error_code": 4, "json_error_message": "Syntax error"})
		return false
	}
	if m, ok := v.(map[string]any); ok {
		c.params = m
	}
	return true
}

func (c *call) noRoute() {
	c.error(http.StatusNotFound, "rest_no_route", "No route was found matching the URL and request method.", nil)
}

// error answers WordPress's error body.
func (c *call) error(status int, code, message string, data map[string]any) {
	writeError(c.w, status, code, message, data)
}

// invalidParams answers rest_invalid_param for the parameters at fault.
func (c *call) invalidParams(problems map[string]string) {
	names := make([]string, 0, len(problems))
	details := map[string]any{}
	for n, msg := range problems {
		names = append(names, n)
		details[n] = map[string]any{"code": "rest_invalid_type", "message": msg, "data": nil}
	}
	sort.Strings(names)
	c.error(http.StatusBadRequest, "rest_invalid_param", "Invalid parameter(s): "+strings.Join(names, ", "),
		map[string]any{"params": problems, "details": details})
}

func (c *call) json(status int, v any) { writeWP(c.w, status, v) }

// writeError answers {"code","message","data":{"status",…}}.
func writeError(w http.ResponseWriter, status int, code, message string, data map[string]any) {
	d := map[string]any{"status": status}
	for k, v := range data {
		d[k] = v
	}
	writeWP(w, status, map[string]any{"code": code, "message": message, "data": d})
}

// writeWP answers v encoded as WordPress encodes REST answers.
func writeWP(w http.ResponseWriter, status int, v any) {
	body, err := phpJSON(v)
	if err != nil {
		http.Error(w, "encoding the answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// phpJSON encodes v as PHP's json_encode does by default (WordPress's
// wp_json_encode): "/" escaped as "\/", non-ASCII as \uXXXX, and <, >, &
// left as they are.
func phpJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	raw := bytes.TrimRight(buf.Bytes(), "\n")
	out := make([]byte, 0, len(raw)+len(raw)/8)
	for _, r := range string(raw) {
		switch {
		case r == '/':
			out = append(out, '\\', '/')
		case r < 0x80:
			out = append(out, byte(r))
		default:
			for _, u := range utf16.Encode([]rune{r}) {
				out = fmt.Appendf(out, `\u%04x`, u)
			}
		}
	}
	return out, nil
}

func notFoundPage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
	w.WriteHeader(http.StatusNotFound)
	_, _ = io.WriteString(w, "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n"+
		"<h1>Not Found</h1>\n<p>The requested URL was not found on this server. (The WooCommerce sandbox has no store at this address.)</p>\n</body></html>\n")
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;")
	return r.Replace(s)
}

// page reads the page and per_page parameters, answering rest_invalid_param
// when they are out of range.
func (c *call) page() (page, perPage, offset int, ok bool) {
	q := c.r.URL.Query()
	page, perPage = 1, 10
	problems := map[string]string{}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			problems["page"] = "page must be greater than or equal to 1"
		}
		page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			problems["per_page"] = "per_page must be between 1 (inclusive) and 100 (inclusive)"
		}
		perPage = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			problems["offset"] = "offset is not of type integer."
		}
		offset = n
	}
	if len(problems) > 0 {
		c.invalidParams(problems)
		return 0, 0, 0, false
	}
	return page, perPage, offset, true
}

// paginate answers one page of items with X-WP-Total, X-WP-TotalPages and
// Link, as WC_REST_CRUD_Controller::get_items does.
func (c *call) paginate(path string, items []any, page, perPage, offset int) {
	total := len(items)
	start := (page-1)*perPage + offset
	if offset > 0 {
		start = offset
	}
	out := []any{}
	if start < total {
		out = items[start:min(start+perPage, total)]
	}
	pages := (total + perPage - 1) / perPage
	h := c.w.Header()
	h.Set("X-WP-Total", strconv.Itoa(total))
	h.Set("X-WP-TotalPages", strconv.Itoa(pages))
	q := c.r.URL.Query()
	q.Del("consumer_key")
	q.Del("consumer_secret")
	link := func(p int, rel string) string {
		q.Set("page", strconv.Itoa(p))
		return "<" + c.base + "/wp-json/wc/v3/" + path + "?" + q.Encode() + ">; rel=\"" + rel + "\""
	}
	var links []string
	if page > 1 {
		links = append(links, link(min(page-1, max(pages, 1)), "prev"))
	}
	if pages > page {
		links = append(links, link(page+1, "next"))
	}
	if len(links) > 0 {
		h.Add("Link", strings.Join(links, ", "))
	}
	c.json(http.StatusOK, out)
}

// Money is handled in minor units of the store's currency.

// parseAmount reads a decimal amount ("21.99", 21.99) in minor units.
func parseAmount(v any, currency string) (int64, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = strings.TrimSpace(v)
	case json.Number:
		s = v.String()
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		s = strconv.Itoa(v)
	default:
		return 0, errors.New("not an amount")
	}
	if s == "" {
		return 0, nil
	}
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	digits := connectors.MinorDigits(currency)
	if whole == "" || !allDigits(whole) || (frac != "" && !allDigits(frac)) || strings.ContainsAny(s, "eE") {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	round := false
	if len(frac) > digits {
		round = frac[digits] >= '5'
		frac = frac[:digits]
	}
	frac += strings.Repeat("0", digits-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	if round {
		n++
	}
	if neg {
		n = -n
	}
	return n, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// formatAmount writes minor units as WooCommerce's decimal text.
func formatAmount(n int64, currency string) string {
	digits := connectors.MinorDigits(currency)
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	if digits == 0 {
		return sign + s
	}
	if len(s) <= digits {
		s = strings.Repeat("0", digits-len(s)+1) + s
	}
	return sign + s[:len(s)-digits] + "." + s[len(s)-digits:]
}

// amountFloat is an amount as the JSON number WooCommerce uses for a line
// item's price.
func amountFloat(n int64, currency string) float64 {
	f, _ := strconv.ParseFloat(formatAmount(n, currency), 64)
	return f
}

// local and gmt write a time as the site's local date and as GMT.
func (st *store) local(t time.Time) string { return t.UTC().Add(st.offset).Format(wcTime) }
func gmt(t time.Time) string               { return t.UTC().Format(wcTime) }

// nullable writes a date that may be unset.
func nullable(s string, t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return &s
}

// parseDateParam reads a date-time query parameter: ISO 8601 with or
// without a zone. Without one it is in the zone the column is (GMT when
// dates_are_gmt, else the site's); the result is in GMT.
func (st *store) parseDateParam(v string, gmtColumn bool) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, wcTime, "2006-01-02T15:04:05.999999", "2006-01-02 15:04:05", "2006-01-02"} {
		t, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		if layout == time.RFC3339Nano {
			return t.UTC(), true
		}
		if !gmtColumn {
			t = t.Add(-st.offset)
		}
		return t.UTC(), true
	}
	return time.Time{}, false
}

func links(st *store, path string, id int64) map[string]any {
	root := st.url + "/wp-json/wc/v3/" + path
	return map[string]any{
		"self":       []map[string]string{{"href": root + "/" + strconv.FormatInt(id, 10)}},
		"collection": []map[string]string{{"href": root}},
	}
}

// paramString reads a string parameter; ok is false when it is present
// and not a string (numbers are read as their text when loose).
func paramString(v any, loose bool) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), loose
	case bool:
		if loose {
			return strconv.FormatBool(v), true
		}
	case nil:
		return "", loose
	}
	return "", false
}

// paramBool reads a boolean parameter as WordPress coerces it.
func paramBool(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "1", "yes":
			return true, true
		case "false", "0", "no", "":
			return false, true
		}
	case json.Number:
		switch v.String() {
		case "1":
			return true, true
		case "0":
			return false, true
		}
	}
	return false, false
}

// paramInt reads an integer parameter: strictly (a whole number or its
// text), or loosely as PHP's intval does (anything, 0 when unreadable).
func paramInt(v any, loose bool) (int64, bool) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = v.String()
	case string:
		s = strings.TrimSpace(v)
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if loose {
			if v {
				return 1, true
			}
			return 0, true
		}
		return 0, false
	default:
		return 0, loose
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	if !loose {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, true
	}
	return int64(f), true
}
