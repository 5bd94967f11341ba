package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// hookCall is one webhook delivery received.
type hookCall struct {
	topic string
	body  map[string]any
}

// hooks records webhook deliveries in the order they arrive.
type hooks struct {
	url  string
	mu   sync.Mutex
	got  []hookCall
	next int
}

func newHooks(t *testing.T) *hooks {
	t.Helper()
	h := &hooks{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(b, &body)
		h.mu.Lock()
		h.got = append(h.got, hookCall{topic: r.Header.Get("X-Shopify-Topic"), body: body})
		h.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	h.url = srv.URL + "/webhooks"
	return h
}

// take returns the deliveries received since the last take.
func (h *hooks) take() []hookCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.got[h.next:]
	h.next = len(h.got)
	return out
}

func topics(calls []hookCall) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.topic
	}
	return out
}

// subscribe subscribes the hooks to the topics (enum form).
func (e *env) subscribe(tok string, h *hooks, enums ...string) {
	e.t.Helper()
	for _, enum := range enums {
		_, out, raw := e.graphql(tok, `mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
			webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { userErrors { message } } }`,
			map[string]any{"topic": enum, "sub": map[string]any{"callbackUrl": h.url, "format": "JSON"}})
		require.Empty(e.t, dig(out, "data", "webhookSubscriptionCreate", "userErrors"), string(raw))
	}
}

// product is a product made through the control API.
type product struct {
	item, variant, product, location string
}

// products creates products (sku → available, titled after the sku)
// through the control API, in the order given.
func (e *env) products(seeds ...map[string]any) []product {
	e.t.Helper()
	status, out := e.control(http.MethodPost, "/_control/shops/"+testShop+"/products", map[string]any{"products": seeds})
	require.Equal(e.t, http.StatusCreated, status, out)
	var ps []product
	for _, p := range out["products"].([]any) {
		m := p.(map[string]any)
		ps = append(ps, product{item: m["inventoryItemId"].(string), variant: m["variantId"].(string),
			product: m["productId"].(string), location: m["locationId"].(string)})
	}
	return ps
}

// available reads a SKU's available quantity through the control API.
func (e *env) available(sku string) int {
	e.t.Helper()
	status, out := e.control(http.MethodGet, "/_control/shops/"+testShop+"/inventory", nil)
	require.Equal(e.t, http.StatusOK, status, out)
	for _, it := range out["items"].([]any) {
		if m := it.(map[string]any); m["sku"] == sku {
			return int(m["available"].(float64))
		}
	}
	e.t.Fatalf("no sku %q", sku)
	return 0
}
