package sandbox_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox"
)

const prefix = "/sandbox/woocommerce"

// env is a sandbox served over real HTTP under the hub's prefix.
type env struct {
	sb    *sandbox.Sandbox
	clock *sandboxkit.Clock
	base  string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clock := sandboxkit.NewClock(time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC))
	sb := sandbox.New(sandbox.Options{Now: clock.Now})
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &env{sb: sb, clock: clock, base: srv.URL + prefix}
}

// answer is an HTTP answer.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(a.body, &m), string(a.body))
	return m
}

func (a answer) list(t *testing.T) []map[string]any {
	t.Helper()
	var l []map[string]any
	require.NoError(t, json.Unmarshal(a.body, &l), string(a.body))
	return l
}

// call sends a request to a store's REST API (path after /wp-json/wc/v3)
// with Basic auth when key is set.
func (e *env) call(t *testing.T, store, method, path, key, secret string, body any) answer {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, e.base+"/"+store+"/wp-json/wc/v3"+path, rd)
	require.NoError(t, err)
	if key != "" {
		req.SetBasicAuth(key, secret)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return answer{status: resp.StatusCode, header: resp.Header, body: raw}
}

func (e *env) demo(t *testing.T, method, path string, body any) answer {
	t.Helper()
	return e.call(t, "demo-store.example", method, path, sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret, body)
}

// control calls the control API.
func (e *env) control(t *testing.T, method, path string, body any) answer {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(context.Background(), method, e.base+"/_control"+path, bytes.NewReader(b))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return answer{status: resp.StatusCode, header: resp.Header, body: raw}
}

// newStore creates a store with n products SKU-0001… (stock 10 each) and
// returns its key pair.
func (e *env) newStore(t *testing.T, url string, n int) (key, secret string) {
	t.Helper()
	products := make([]map[string]any, n)
	for i := range products {
		products[i] = map[string]any{"sku": fmt.Sprintf("SKU-%04d", i+1), "name": fmt.Sprintf("Product %d", i+1), "price": "9.50", "stockQuantity": 10}
	}
	a := e.control(t, http.MethodPost, "/stores", map[string]any{"url": url, "products": products})
	require.Equal(t, http.StatusCreated, a.status, string(a.body))
	st := a.json(t)
	require.Regexp(t, `^ck_[0-9a-f]{40}$`, st["consumerKey"])
	require.Regexp(t, `^cs_[0-9a-f]{40}$`, st["consumerSecret"])
	return st["consumerKey"].(string), st["consumerSecret"].(string)
}

// receiver records webhook deliveries.
type receiver struct {
	mu   sync.Mutex
	got  []delivery
	fail bool
	url  string
}

type delivery struct {
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	rc := &receiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, delivery{header: r.Header.Clone(), body: b})
		fail := rc.fail
		rc.mu.Unlock()
		if fail {
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	t.Cleanup(srv.Close)
	rc.url = srv.URL + "/webhooks/woocommerce/tok"
	return rc
}

func (rc *receiver) all() []delivery {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]delivery(nil), rc.got...)
}

func sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	readKey := e.control(t, http.MethodPost, "/stores/demo/keys", map[string]string{"permissions": "read"}).json(t)
	writeKey := e.control(t, http.MethodPost, "/stores/demo/keys", map[string]string{"permissions": "write"}).json(t)
	rk, rs := readKey["consumerKey"].(string), readKey["consumerSecret"].(string)
	wk, ws := writeKey["consumerKey"].(string), writeKey["consumerSecret"].(string)

	tests := []struct {
		name, method, path, key, secret string
		status                          int
		code, message                   string
	}{
		{"demo key lists", http.MethodGet, "/products", sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret, 200, "", ""},
		{"no key", http.MethodGet, "/products", "", "", 401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."},
		{"unknown key is no key", http.MethodGet, "/products/10", "ck_unknown", "cs_whatever", 401, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."},
		{"unknown key cannot batch", http.MethodPost, "/products/batch", "ck_unknown", "cs_whatever", 401, "woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource."},
		{"wrong secret", http.MethodGet, "/products", sandbox.DemoConsumerKey, "cs_wrong", 401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."},
		{"read key writes", http.MethodPut, "/products/10", rk, rs, 401, "woocommerce_rest_authentication_error", "The API key provided does not have write permissions."},
		{"read key reads", http.MethodGet, "/products/10", rk, rs, 200, "", ""},
		{"write key reads", http.MethodGet, "/products", wk, ws, 401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions."},
		{"unknown route", http.MethodGet, "/nothing", sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret, 404, "rest_no_route", "No route was found matching the URL and request method."},
		{"wrong method", http.MethodDelete, "/orders", sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret, 404, "rest_no_route", "No route was found matching the URL and request method."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var body any
			if tc.method != http.MethodGet {
				body = map[string]any{"stock_quantity": 3}
			}
			a := e.call(t, "demo-store.example", tc.method, tc.path, tc.key, tc.secret, body)
			require.Equal(t, tc.status, a.status, string(a.body))
			require.Equal(t, "application/json; charset=UTF-8", a.header.Get("Content-Type"))
			if tc.code == "" {
				return
			}
			m := a.json(t)
			require.Equal(t, tc.code, m["code"])
			require.Equal(t, tc.message, m["message"])
			require.Equal(t, map[string]any{"status": float64(tc.status)}, m["data"])
		})
	}

	t.Run("query string keys", func(t *testing.T) {
		t.Parallel()
		resp, err := http.Get(e.base + "/demo-store.example/wp-json/wc/v3/products?per_page=1&consumer_key=" + sandbox.DemoConsumerKey + "&consumer_secret=" + sandbox.DemoConsumerSecret)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.NotContains(t, resp.Header.Get("Link"), "consumer_secret", "pagination links never repeat the secret")
	})
	t.Run("unknown store", func(t *testing.T) {
		t.Parallel()
		a := e.call(t, "nowhere.example", http.MethodGet, "/products", sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret, nil)
		require.Equal(t, http.StatusNotFound, a.status)
		require.Contains(t, a.header.Get("Content-Type"), "text/html")
	})
	t.Run("revoked keys", func(t *testing.T) {
		t.Parallel()
		key, secret := e.newStore(t, "https://revoked.example", 1)
		require.Equal(t, http.StatusOK, e.call(t, "revoked.example", http.MethodGet, "/products", key, secret, nil).status)
		require.Equal(t, http.StatusNoContent, e.control(t, http.MethodPost, "/stores/revoked.example/revoke-keys", nil).status)
		a := e.call(t, "revoked.example", http.MethodGet, "/products", key, secret, nil)
		require.Equal(t, http.StatusUnauthorized, a.status)
		require.Equal(t, "woocommerce_rest_cannot_view", a.json(t)["code"])
	})
}

func TestProductListPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, secret := e.newStore(t, "https://paging.example/shop", 25)
	get := func(query string) answer {
		return e.call(t, "paging.example/shop", http.MethodGet, "/products"+query, key, secret, nil)
	}
	a := get("")
	require.Equal(t, http.StatusOK, a.status)
	require.Len(t, a.list(t), 10, "10 per page by default")
	require.Equal(t, "25", a.header.Get("X-WP-Total"))
	require.Equal(t, "3", a.header.Get("X-WP-TotalPages"))
	require.Equal(t, "Product 25", a.list(t)[0]["name"], "newest first by default")

	a = get("?page=3&per_page=10&orderby=id&order=asc")
	items := a.list(t)
	require.Len(t, items, 5)
	require.Equal(t, "SKU-0021", items[0]["sku"])
	link := a.header.Get("Link")
	require.Contains(t, link, `rel="prev"`)
	require.Contains(t, link, prefix+"/paging.example/shop/wp-json/wc/v3/products?", "links point where the client reached the store")
	require.Contains(t, link, "page=2")
	require.NotContains(t, link, `rel="next"`)
	require.Contains(t, get("?page=2&per_page=10").header.Get("Link"), `products?page=3&per_page=10>; rel="next"`)

	a = get("?page=9&per_page=10")
	require.Equal(t, http.StatusOK, a.status)
	require.Empty(t, a.list(t))
	require.Equal(t, "25", a.header.Get("X-WP-Total"))

	a = get("?per_page=101")
	require.Equal(t, http.StatusBadRequest, a.status)
	m := a.json(t)
	require.Equal(t, "rest_invalid_param", m["code"])
	require.Equal(t, "Invalid parameter(s): per_page", m["message"])
	require.Equal(t, map[string]any{"per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)"}, m["data"].(map[string]any)["params"])

	a = get("?sku=sku-0003,SKU-0007,none&orderby=id&order=asc")
	items = a.list(t)
	require.Len(t, items, 2, "SKUs match case-insensitively, comma-separated")
	require.Equal(t, "SKU-0003", items[0]["sku"])
	require.Equal(t, float64(10), items[0]["stock_quantity"])
	require.Equal(t, true, items[0]["manage_stock"])
	require.Equal(t, "9.50", items[0]["price"])
	require.Equal(t, "instock", items[0]["stock_status"])

	// modified_after is exclusive and compares GMT with dates_are_gmt.
	e.clock.Advance(time.Hour)
	id := strconv.Itoa(int(items[1]["id"].(float64)))
	up := e.call(t, "paging.example/shop", http.MethodPut, "/products/"+id, key, secret, map[string]any{"stock_quantity": 4})
	require.Equal(t, http.StatusOK, up.status, string(up.body))
	a = get("?modified_after=2025-11-03T12:30:00&dates_are_gmt=true")
	require.Len(t, a.list(t), 1)
	require.Equal(t, "SKU-0007", a.list(t)[0]["sku"])
	require.Equal(t, "1", a.header.Get("X-WP-Total"))
	a = get("?modified_after=" + up.json(t)["date_modified_gmt"].(string) + "&dates_are_gmt=true")
	require.Empty(t, a.list(t), "modified_after is exclusive")
}

func TestProductUpdates(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	list := e.demo(t, http.MethodGet, "/products?sku=woo-hoodie,woo-album,woo-cap", nil).list(t)
	require.Len(t, list, 3)
	ids := map[string]string{}
	for _, p := range list {
		ids[p["sku"].(string)] = strconv.Itoa(int(p["id"].(float64)))
	}

	a := e.demo(t, http.MethodPut, "/products/"+ids["woo-hoodie"], map[string]any{"stock_quantity": 0})
	require.Equal(t, http.StatusOK, a.status)
	require.Equal(t, float64(0), a.json(t)["stock_quantity"])
	require.Equal(t, "outofstock", a.json(t)["stock_status"], "stock status follows the quantity")

	a = e.demo(t, http.MethodPut, "/products/"+ids["woo-album"], map[string]any{"stock_quantity": 7})
	require.Equal(t, http.StatusOK, a.status)
	require.Nil(t, a.json(t)["stock_quantity"], "a product that does not manage stock keeps no quantity")

	a = e.demo(t, http.MethodPut, "/products/"+ids["woo-album"], map[string]any{"manage_stock": true, "stock_quantity": 7})
	require.Equal(t, float64(7), a.json(t)["stock_quantity"])

	a = e.demo(t, http.MethodPut, "/products/"+ids["woo-cap"], map[string]any{"stock_quantity": "lots"})
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Equal(t, "rest_invalid_param", a.json(t)["code"])

	a = e.demo(t, http.MethodPut, "/products/"+ids["woo-cap"], map[string]any{"sku": "WOO-HOODIE"})
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Equal(t, "product_invalid_sku", a.json(t)["code"])

	a = e.demo(t, http.MethodPut, "/products/999999", map[string]any{"stock_quantity": 1})
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Equal(t, "woocommerce_rest_product_invalid_id", a.json(t)["code"])
	a = e.demo(t, http.MethodGet, "/products/999999", nil)
	require.Equal(t, http.StatusNotFound, a.status)

	a = e.demo(t, http.MethodPost, "/products/batch", map[string]any{"update": []any{
		map[string]any{"id": ids["woo-cap"], "stock_quantity": 11},
		map[string]any{"id": 999999, "stock_quantity": 1},
		map[string]any{"id": ids["woo-hoodie"], "regular_price": "49.00"},
	}})
	require.Equal(t, http.StatusOK, a.status, string(a.body))
	var batch struct {
		Update []map[string]any `json:"update"`
	}
	require.NoError(t, json.Unmarshal(a.body, &batch))
	require.Len(t, batch.Update, 3)
	require.Equal(t, float64(11), batch.Update[0]["stock_quantity"])
	require.Equal(t, float64(999999), batch.Update[1]["id"])
	require.Equal(t, map[string]any{"code": "woocommerce_rest_product_invalid_id", "message": "Invalid ID.", "data": map[string]any{"status": float64(400)}},
		batch.Update[1]["error"])
	require.Equal(t, "49.00", batch.Update[2]["price"])

	many := make([]any, 101)
	for i := range many {
		many[i] = map[string]any{"id": ids["woo-cap"], "stock_quantity": i}
	}
	a = e.demo(t, http.MethodPost, "/products/batch", map[string]any{"update": many})
	require.Equal(t, http.StatusRequestEntityTooLarge, a.status)
	require.Equal(t, "woocommerce_rest_request_entity_too_large", a.json(t)["code"])

	a = e.demo(t, http.MethodPost, "/products", map[string]any{"name": "Scarf", "sku": "woo-scarf", "regular_price": "12.00", "manage_stock": true, "stock_quantity": 4})
	require.Equal(t, http.StatusCreated, a.status, string(a.body))
	require.Equal(t, "scarf", a.json(t)["slug"])
	require.Contains(t, a.header.Get("Location"), "/wp-json/wc/v3/products/")
}

func TestOrdersReduceStockAndDeliverSignedWebhooks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	const secret = "whsec-öko/1"
	a := e.control(t, http.MethodPost, "/stores/demo/webhooks", map[string]any{"url": rc.url, "secret": secret})
	require.Equal(t, http.StatusCreated, a.status, string(a.body))

	order := map[string]any{
		"set_paid": true, "payment_method": "bacs", "payment_method_title": "Direct Bank Transfer",
		"billing":        map[string]any{"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "phone": "(555) 555-5555"},
		"line_items":     []any{map[string]any{"sku": "woo-hoodie", "quantity": 2}, map[string]any{"sku": "woo-beanie", "quantity": 1}},
		"shipping_lines": []any{map[string]any{"method_id": "flat_rate", "method_title": "Flat Rate", "total": "10.00"}},
	}
	a = e.demo(t, http.MethodPost, "/orders", order)
	require.Equal(t, http.StatusCreated, a.status, string(a.body))
	o := a.json(t)
	require.Equal(t, "processing", o["status"])
	require.Equal(t, "118.00", o["total"])
	require.Equal(t, "rest-api", o["created_via"])
	require.NotNil(t, o["date_paid_gmt"])
	require.Equal(t, "2025-11-03T12:00:00", o["date_created_gmt"])
	require.Equal(t, "2025-11-03T09:00:00", o["date_created"], "the demo store's local time is UTC-3")
	items := o["line_items"].([]any)
	require.Equal(t, "woo-hoodie", items[0].(map[string]any)["sku"])
	require.Equal(t, float64(45), items[0].(map[string]any)["price"])

	hoodie := e.demo(t, http.MethodGet, "/products?sku=woo-hoodie", nil).list(t)[0]
	require.Equal(t, float64(23), hoodie["stock_quantity"], "25 - 2")
	require.Equal(t, float64(2), hoodie["total_sales"])

	e.sb.Wait()
	got := rc.all()
	topics := make([]string, len(got))
	for i, d := range got {
		topics[i] = d.header.Get("X-WC-Webhook-Topic")
		require.Equal(t, sign(secret, d.body), d.header.Get("X-WC-Webhook-Signature"), "signed as WooCommerce signs")
		require.Equal(t, "https://demo-store.example/", d.header.Get("X-WC-Webhook-Source"))
		require.Equal(t, "application/json", d.header.Get("Content-Type"))
		require.Equal(t, "WooCommerce/"+sandbox.WooCommerceVersion+" Hookshot (WordPress/"+sandbox.WordPressVersion+")", d.header.Get("User-Agent"))
		require.Regexp(t, `^[0-9a-f]{32}$`, d.header.Get("X-WC-Webhook-Delivery-ID"))
		require.Regexp(t, `^[0-9]+$`, d.header.Get("X-WC-Webhook-ID"))
		resource, event, _ := strings.Cut(topics[i], ".")
		require.Equal(t, resource, d.header.Get("X-WC-Webhook-Resource"))
		require.Equal(t, event, d.header.Get("X-WC-Webhook-Event"))
		require.NotContains(t, string(d.body), "https://demo-store.example/", "slashes are escaped as PHP escapes them")
		require.Contains(t, string(d.body), `https:\/\/demo-store.example\/wp-json\/wc\/v3\/`)
	}
	require.Equal(t, []string{"order.created", "product.updated", "product.updated", "order.updated"}, topics)
	var delivered map[string]any
	require.NoError(t, json.Unmarshal(got[1].body, &delivered))
	require.Equal(t, "woo-hoodie", delivered["sku"])
	require.Equal(t, float64(23), delivered["stock_quantity"])

	// A paid order that would take stock below zero is refused whole.
	e.clock.Advance(time.Minute)
	a = e.demo(t, http.MethodPost, "/orders", map[string]any{"set_paid": true, "line_items": []any{
		map[string]any{"sku": "woo-tshirt", "quantity": 1}, map[string]any{"sku": "woo-cap", "quantity": 6}}})
	require.Equal(t, http.StatusBadRequest, a.status)
	m := a.json(t)
	require.Equal(t, "woocommerce_rest_product_out_of_stock", m["code"])
	require.Equal(t, "Not enough units of Cap (woo-cap) are in stock to fulfil this order: 5 left, 6 ordered.", m["message"])
	require.Equal(t, float64(60), e.demo(t, http.MethodGet, "/products?sku=woo-tshirt", nil).list(t)[0]["stock_quantity"], "nothing was taken")
	require.Len(t, e.demo(t, http.MethodGet, "/orders", nil).list(t), 1)

	// A pending order holds no stock until it is paid.
	a = e.demo(t, http.MethodPost, "/orders", map[string]any{"line_items": []any{map[string]any{"sku": "woo-cap", "quantity": 5}}})
	require.Equal(t, http.StatusCreated, a.status)
	require.Nil(t, a.json(t)["date_paid_gmt"])
	require.Equal(t, float64(5), e.demo(t, http.MethodGet, "/products?sku=woo-cap", nil).list(t)[0]["stock_quantity"])
	id := strconv.Itoa(int(a.json(t)["id"].(float64)))
	e.clock.Advance(time.Hour)
	a = e.demo(t, http.MethodPut, "/orders/"+id, map[string]any{"set_paid": true})
	require.Equal(t, http.StatusOK, a.status, string(a.body))
	require.Equal(t, "2025-11-03T13:01:00", a.json(t)["date_paid_gmt"])
	cap := e.demo(t, http.MethodGet, "/products?sku=woo-cap", nil).list(t)[0]
	require.Equal(t, float64(0), cap["stock_quantity"])
	require.Equal(t, "outofstock", cap["stock_status"])
	a = e.demo(t, http.MethodPut, "/orders/"+id, map[string]any{"status": "cancelled"})
	require.Equal(t, http.StatusOK, a.status)
	require.Equal(t, float64(5), e.demo(t, http.MethodGet, "/products?sku=woo-cap", nil).list(t)[0]["stock_quantity"], "cancelling restores stock")

	counters, err := e.sb.Counters("demo")
	require.NoError(t, err)
	require.Equal(t, 2, counters.OrdersCreated)
}

func TestControlOrderDeliversBeforeAnswering(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	_, err := e.sb.AddWebhooks(context.Background(), "demo", rc.url, "s3cret", []string{"order.created"}, false)
	require.NoError(t, err)
	a := e.control(t, http.MethodPost, "/stores/demo/orders", map[string]any{"line_items": []any{map[string]any{"sku": "woo-belt"}}})
	require.Equal(t, http.StatusCreated, a.status, string(a.body))
	var out struct {
		Order      map[string]any     `json:"order"`
		Deliveries []sandbox.Delivery `json:"deliveries"`
	}
	require.NoError(t, json.Unmarshal(a.body, &out))
	require.Equal(t, "processing", out.Order["status"], "control orders are paid unless told otherwise")
	require.Len(t, out.Deliveries, 1)
	require.Equal(t, http.StatusOK, out.Deliveries[0].Status)
	require.Len(t, rc.all(), 1)

	a = e.control(t, http.MethodPost, "/stores/demo/orders", map[string]any{"line_items": []any{map[string]any{"sku": "woo-sunglasses"}}})
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Contains(t, a.json(t)["error"], "woocommerce_rest_product_out_of_stock")

	ds := e.control(t, http.MethodGet, "/stores/demo/deliveries", nil)
	require.Equal(t, http.StatusOK, ds.status)
	require.Len(t, ds.list(t), 1)
}

func TestWebhookPingAndDisabling(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	a := e.demo(t, http.MethodPost, "/webhooks", map[string]any{"name": "Hub", "topic": "product.updated", "delivery_url": rc.url, "secret": "abc"})
	require.Equal(t, http.StatusCreated, a.status, string(a.body))
	hook := a.json(t)
	require.Equal(t, "product", hook["resource"])
	require.Equal(t, "updated", hook["event"])
	require.NotContains(t, hook, "secret", "the secret is write-only")
	got := rc.all()
	require.Len(t, got, 1, "saving a webhook pings it")
	require.Equal(t, "webhook_id="+strconv.Itoa(int(hook["id"].(float64))), string(got[0].body))
	require.Empty(t, got[0].header.Get("X-WC-Webhook-Signature"), "WooCommerce does not sign its ping")
	require.Empty(t, got[0].header.Get("X-WC-Webhook-Topic"))

	a = e.demo(t, http.MethodPost, "/webhooks", map[string]any{"topic": "order.exploded", "delivery_url": rc.url})
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Equal(t, "woocommerce_rest_webhook_invalid_topic", a.json(t)["code"])

	rc.mu.Lock()
	rc.fail = true
	rc.mu.Unlock()
	hoodie := e.demo(t, http.MethodGet, "/products?sku=woo-hoodie", nil).list(t)[0]
	path := "/products/" + strconv.Itoa(int(hoodie["id"].(float64)))
	for i := range 8 {
		require.Equal(t, http.StatusOK, e.demo(t, http.MethodPut, path, map[string]any{"stock_quantity": i}).status)
		e.sb.Wait()
	}
	require.Len(t, rc.all(), 1+7, "the 7th consecutive failure disables the webhook")
	st, err := e.sb.Store("demo")
	require.NoError(t, err)
	require.Equal(t, "disabled", st.Webhooks[0].Status)
	hookPath := "/webhooks/" + strconv.Itoa(int(hook["id"].(float64)))
	require.Equal(t, "disabled", e.demo(t, http.MethodGet, hookPath, nil).json(t)["status"])
	require.Equal(t, http.StatusOK, e.demo(t, http.MethodPut, hookPath, map[string]any{"status": "active"}).status)
	rc.mu.Lock()
	rc.fail = false
	rc.mu.Unlock()
	require.Equal(t, http.StatusOK, e.demo(t, http.MethodPut, path, map[string]any{"stock_quantity": 9}).status)
	e.sb.Wait()
	require.Len(t, rc.all(), 9, "re-enabled through the API")
}

func TestInjectedFailures(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	require.Equal(t, http.StatusNoContent, e.control(t, http.MethodPost, "/stores/demo/fail", map[string]int{"count": 1, "status": 503}).status)
	a := e.demo(t, http.MethodGet, "/products", nil)
	require.Equal(t, http.StatusServiceUnavailable, a.status)
	require.Equal(t, "internal_server_error", a.json(t)["code"])
	require.Equal(t, http.StatusOK, e.demo(t, http.MethodGet, "/products", nil).status)

	require.Equal(t, http.StatusNoContent, e.control(t, http.MethodPost, "/stores/demo/throttle", map[string]int{"count": 2, "retryAfter": 3}).status)
	for range 2 {
		a = e.demo(t, http.MethodGet, "/products", nil)
		require.Equal(t, http.StatusTooManyRequests, a.status)
		require.Equal(t, "3", a.header.Get("Retry-After"))
	}
	require.Equal(t, http.StatusOK, e.demo(t, http.MethodGet, "/products", nil).status)
	c, err := e.sb.Counters("demo")
	require.NoError(t, err)
	require.Equal(t, 2, c.Throttled)
	require.Equal(t, 1, c.Failed)
	require.Equal(t, 5, c.APICalls)

	require.Equal(t, http.StatusNotFound, e.control(t, http.MethodGet, "/stores/nowhere.example", nil).status)
	require.Equal(t, http.StatusBadRequest, e.control(t, http.MethodPost, "/stores", map[string]any{"url": "ftp://x"}).status)
	require.Equal(t, http.StatusBadRequest, e.control(t, http.MethodPost, "/stores", map[string]any{"url": sandbox.DemoStoreURL}).status)
}

func TestIndexAndEncoding(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	resp, err := http.Get(e.base + "/")
	require.NoError(t, err)
	defer resp.Body.Close()
	var idx map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&idx))
	require.Equal(t, sandbox.DemoStoreURL, idx["demo"].(map[string]any)["storeUrl"])

	a := e.demo(t, http.MethodPost, "/products", map[string]any{"name": "Crème brûlée <b>&</b> “set”", "sku": "woo-creme"})
	require.Equal(t, http.StatusCreated, a.status)
	require.Contains(t, string(a.body), `"name":"Cr\u00e8me br\u00fbl\u00e9e <b>&<\/b> \u201cset\u201d"`, "encoded as PHP's json_encode")

	resp, err = http.Get(e.base + "/demo-store.example/wp-json/")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "the REST index needs no key")
	var site map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&site))
	require.Equal(t, "Sandbox Demo Store", site["name"])
	require.Contains(t, site["namespaces"], "wc/v3")
}

func TestControlStoreTakesRESTProductNames(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.control(t, http.MethodPost, "/stores", map[string]any{"url": "https://names.example", "products": []any{
		map[string]any{"name": "Hoodie", "sku": "HOODIE", "regular_price": "10.00", "manage_stock": true, "stock_quantity": 20},
		map[string]any{"name": "Cap", "sku": "CAP", "price": "5.00", "stockQuantity": 7},
		map[string]any{"name": "Album", "sku": "ALBUM", "regular_price": "15.00", "stock_status": "outofstock"},
	}})
	require.Equal(t, http.StatusCreated, a.status, string(a.body))
	st := a.json(t)
	list := e.call(t, "names.example", http.MethodGet, "/products?orderby=id&order=asc", st["consumerKey"].(string), st["consumerSecret"].(string), nil).list(t)
	require.Len(t, list, 3)
	got := map[string][]any{}
	for _, p := range list {
		got[p["sku"].(string)] = []any{p["regular_price"], p["manage_stock"], p["stock_quantity"], p["stock_status"]}
	}
	require.Equal(t, map[string][]any{
		"HOODIE": {"10.00", true, float64(20), "instock"},
		"CAP":    {"5.00", true, float64(7), "instock"},
		"ALBUM":  {"15.00", false, nil, "outofstock"},
	}, got)
}
