package woocommerce_test

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// vector reads testdata/signature-vector.txt (computed with openssl).
func vector(t *testing.T) (secret string, body []byte, signature string) {
	t.Helper()
	fields := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(readTestdata(t, "signature-vector.txt")))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		require.True(t, ok, line)
		fields[k] = v
	}
	require.NoError(t, sc.Err())
	return fields["secret"], readTestdata(t, fields["body"]), fields["signature"]
}

func hmacB64(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func delivery(topic string, body []byte, signature string) connectors.WebhookRequest {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "WooCommerce/9.8.5 Hookshot (WordPress/6.8.1)")
	h.Set(woocommerce.HeaderSource, "https://Shop.Example.com/")
	h.Set(woocommerce.HeaderTopic, topic)
	resource, event, _ := strings.Cut(topic, ".")
	h.Set(woocommerce.HeaderResource, resource)
	h.Set(woocommerce.HeaderEvent, event)
	h.Set(woocommerce.HeaderWebhookID, "142")
	h.Set(woocommerce.HeaderDeliveryID, "0c5f6b1d9e3a4b7c8d2e1f0a9b8c7d6e")
	if signature != "" {
		h.Set(woocommerce.HeaderSignature, signature)
	}
	return connectors.WebhookRequest{Method: http.MethodPost, URL: "https://hub.example/webhooks/woocommerce/tok", Header: h, Body: body}
}

func TestVerifyWebhook(t *testing.T) {
	t.Parallel()
	secret, body, signature := vector(t)
	require.Equal(t, signature, hmacB64(secret, body), "the vector is what WooCommerce's generate_signature computes")
	ping := func(sig string) connectors.WebhookRequest {
		h := http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=UTF-8"}, "User-Agent": {"WooCommerce/9.8.5 Hookshot (WordPress/6.8.1)"}}
		if sig != "" {
			h.Set(woocommerce.HeaderSignature, sig)
		}
		return connectors.WebhookRequest{Method: http.MethodPost, Header: h, Body: []byte("webhook_id=142")}
	}
	tampered := bytes.Replace(body, []byte(`"total":"118.00"`), []byte(`"total":"1.00"`), 1)
	require.NotEqual(t, body, tampered)

	tests := []struct {
		name   string
		req    connectors.WebhookRequest
		secret string
		want   error
	}{
		{"published vector", delivery("order.created", body, signature), secret, nil},
		{"signature with spaces around", delivery("order.created", body, "  "+signature+" "), secret, nil},
		{"forged body", delivery("order.created", tampered, signature), secret, connectors.ErrWebhookSignature},
		{"other secret", delivery("order.created", body, hmacB64("other", body)), secret, connectors.ErrWebhookSignature},
		{"missing signature", delivery("order.created", body, ""), secret, connectors.ErrWebhookUnsigned},
		{"hex instead of base64", delivery("order.created", body, "6d1b2c"), secret, connectors.ErrWebhookMalformed},
		{"truncated MAC", delivery("order.created", body, base64.StdEncoding.EncodeToString([]byte("short"))), secret, connectors.ErrWebhookMalformed},
		{"no secret configured", delivery("order.created", body, signature), "", connectors.ErrWebhookNoSecret},
		{"unsigned ping", ping(""), secret, nil},
		{"ping with a wrong signature", ping(hmacB64("other", []byte("webhook_id=142"))), secret, connectors.ErrWebhookSignature},
		{"ping-like body with a topic", delivery("order.created", []byte("webhook_id=142"), ""), secret, connectors.ErrWebhookUnsigned},
		{"not quite a ping", connectors.WebhookRequest{Header: http.Header{}, Body: []byte("webhook_id=142&x=1")}, secret, connectors.ErrWebhookUnsigned},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := woocommerce.Connector{}.VerifyWebhook(tc.req, secrets.New(tc.secret))
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
			if tc.secret != "" {
				require.NotContains(t, err.Error(), tc.secret)
			}
			require.NotContains(t, err.Error(), signature)
		})
	}
}

func TestReadWebhook(t *testing.T) {
	t.Parallel()
	body := readTestdata(t, "order-created-paid.json")
	events, err := woocommerce.Connector{}.ReadWebhook(delivery("order.created", body, "sig"))
	require.NoError(t, err)
	require.Equal(t, []connectors.InboundEvent{{ID: "0c5f6b1d9e3a4b7c8d2e1f0a9b8c7d6e", Topic: "order.created", Account: "shop.example.com", Body: body}}, events)

	ping := connectors.WebhookRequest{Header: http.Header{}, Body: []byte("webhook_id=142")}
	events, err = woocommerce.Connector{}.ReadWebhook(ping)
	require.NoError(t, err)
	require.Empty(t, events, "the ping is acknowledged with no event")

	noID := delivery("product.updated", readTestdata(t, "product-updated.json"), "sig")
	noID.Header.Del(woocommerce.HeaderDeliveryID)
	a, err := woocommerce.Connector{}.ReadWebhook(noID)
	require.NoError(t, err)
	b, err := woocommerce.Connector{}.ReadWebhook(noID)
	require.NoError(t, err)
	require.Equal(t, a[0].ID, b[0].ID, "without a delivery id the same delivery keeps one id")
	require.True(t, strings.HasPrefix(a[0].ID, "sha256:"))
	noID.Header.Set("X-WC-Delivery-ID", "legacy-1")
	a, err = woocommerce.Connector{}.ReadWebhook(noID)
	require.NoError(t, err)
	require.Equal(t, "legacy-1", a[0].ID)

	for name, req := range map[string]connectors.WebhookRequest{
		"no topic":      {Header: http.Header{}, Body: body},
		"not JSON":      delivery("order.created", []byte("<html>"), "sig"),
		"a JSON list":   delivery("order.created", []byte(`[1]`), "sig"),
		"topic spacing": delivery("order created", body, "sig"),
	} {
		_, err := woocommerce.Connector{}.ReadWebhook(req)
		require.Error(t, err, name)
	}
}

// hub is a stand-in for the hub's webhook endpoint: it verifies, reads
// and normalizes what the sandbox delivers, as the hub does.
type hub struct {
	mu       sync.Mutex
	secret   string
	status   []int
	events   []connectors.InboundEvent
	emitted  []connectors.Normalized
	failures []error
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := connectors.WebhookRequest{Method: r.Method, URL: r.URL.String(), Header: r.Header, Body: body}
	h.mu.Lock()
	defer h.mu.Unlock()
	c := woocommerce.Connector{}
	if err := c.VerifyWebhook(req, secrets.New(h.secret)); err != nil {
		h.failures = append(h.failures, err)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	events, err := c.ReadWebhook(req)
	if err != nil {
		h.failures = append(h.failures, err)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	for _, ev := range events {
		h.events = append(h.events, ev)
		n, err := c.Normalize(ev.Topic, ev.Body)
		if err != nil {
			h.failures = append(h.failures, err)
		}
		h.emitted = append(h.emitted, n...)
	}
	w.WriteHeader(http.StatusOK)
}

func TestSandboxDeliveriesVerifyAndNormalize(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	h := &hub{secret: "the-connection's webhook secret"}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	_, err := e.sb.AddWebhooks(bg, "demo", srv.URL, h.secret, nil, true)
	require.NoError(t, err)

	order, ds, err := e.sb.CreateOrder(bg, "demo", sandbox.OrderSpec{SetPaid: true,
		Billing:   map[string]any{"email": "ada@example.com", "first_name": "Ada"},
		LineItems: []sandbox.LineSpec{{SKU: "woo-hoodie", Quantity: 2}, {SKU: "woo-album", Quantity: 1}}})
	require.NoError(t, err)
	require.Contains(t, string(order), `"status":"processing"`)
	for _, d := range ds {
		require.Equal(t, http.StatusOK, d.Status, "%+v", d)
	}

	h.mu.Lock()
	defer h.mu.Unlock()
	require.Empty(t, h.failures)
	var topics []string
	for _, ev := range h.events {
		topics = append(topics, ev.Topic)
		require.Equal(t, "demo-store.example", ev.Account)
		require.Regexp(t, `^[0-9a-f]{32}$`, ev.ID)
	}
	require.Equal(t, []string{"order.created", "product.updated", "order.updated"}, topics, "three pings read as no event")
	var types []string
	for _, n := range h.emitted {
		types = append(types, n.Type)
	}
	require.Equal(t, []string{"order.created", "order.paid", "inventory.changed"}, types, "order.updated of an order paid as placed adds nothing")
	created := h.emitted[0]
	require.Equal(t, "ada@example.com", created.Order.Email)
	require.Equal(t, int64(10500), created.Order.TotalCents)
	require.Equal(t, []connectors.LineItemFacts{{Title: "Hoodie", SKU: "woo-hoodie", Quantity: 2, PriceCents: 4500}, {Title: "Album", SKU: "woo-album", Quantity: 1, PriceCents: 1500}},
		created.Order.Items)
	require.Equal(t, &connectors.InventoryFacts{Ref: connectors.StockRef{Item: h.emitted[2].ResourceID}, InventoryItemID: h.emitted[2].ResourceID,
		SKU: "woo-hoodie", Available: 23}, h.emitted[2].Inventory)
}
