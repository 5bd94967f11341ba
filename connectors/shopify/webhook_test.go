package shopify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const vectorFile = "shopify-hmac-vectors.txt"

// webhookVector is one published webhook HMAC vector.
type webhookVector struct {
	name, secret, body, expected string
}

func webhookVectors(t testing.TB) []webhookVector {
	t.Helper()
	var out []webhookVector
	for _, v := range fixtures.Vectors(t, vectorFile) {
		if !strings.HasPrefix(v.Name, "webhook-") {
			continue
		}
		out = append(out, webhookVector{
			name: v.Name, secret: v.MustField(t, "secret"),
			body: v.MustField(t, "body"), expected: v.MustField(t, "expected"),
		})
	}
	require.Len(t, out, 2, "the vector file lists two webhook vectors")
	return out
}

func signed(body, sig string) connectors.WebhookRequest {
	h := http.Header{}
	if sig != "" {
		h.Set(shopify.HeaderHMAC, sig)
	}
	return connectors.WebhookRequest{Method: http.MethodPost, URL: "https://hub.example/webhooks/shopify", Header: h, Body: []byte(body)}
}

func flip(s string, i int) string {
	b := []byte(s)
	b[i] ^= 0x01
	return string(b)
}

func TestVerifyWebhookVectors(t *testing.T) {
	t.Parallel()
	for _, v := range webhookVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			c := shopify.Connector{}
			require.NoError(t, c.VerifyWebhook(signed(v.body, v.expected), secrets.New(v.secret)))

			mac, err := base64.StdEncoding.DecodeString(v.expected)
			require.NoError(t, err)
			for _, i := range []int{0, len(mac) / 2, len(mac) - 1} {
				mac[i] ^= 0x80
				bad := base64.StdEncoding.EncodeToString(mac)
				mac[i] ^= 0x80
				require.ErrorIs(t, c.VerifyWebhook(signed(v.body, bad), secrets.New(v.secret)), connectors.ErrWebhookSignature)
			}
			for _, i := range []int{0, len(v.body) / 2, len(v.body) - 1} {
				require.ErrorIs(t, c.VerifyWebhook(signed(flip(v.body, i), v.expected), secrets.New(v.secret)), connectors.ErrWebhookSignature, "body byte %d", i)
			}
			for _, i := range []int{0, len(v.secret) - 1} {
				require.ErrorIs(t, c.VerifyWebhook(signed(v.body, v.expected), secrets.New(flip(v.secret, i))), connectors.ErrWebhookSignature, "secret byte %d", i)
			}
			require.ErrorIs(t, c.VerifyWebhook(signed(v.body+"\n", v.expected), secrets.New(v.secret)), connectors.ErrWebhookSignature, "a trailing newline is another body")
		})
	}
}

func TestVerifyWebhookNegativeVector(t *testing.T) {
	t.Parallel()
	// [webhook-2] negative: the same signature over "my invalid message".
	v := fixtures.Section(t, vectorFile, "webhook-2")
	neg := v.MustField(t, "negative")
	require.Contains(t, neg, `"my invalid message"`)
	err := shopify.Connector{}.VerifyWebhook(signed(`"my invalid message"`, v.MustField(t, "expected")), secrets.New(v.MustField(t, "secret")))
	require.ErrorIs(t, err, connectors.ErrWebhookSignature)
}

func TestVerifyWebhookRejects(t *testing.T) {
	t.Parallel()
	const secret, body = "test_secret_key", `{"foo": "bar"}`
	good := base64.StdEncoding.EncodeToString(hmacSHA256(secret, body))
	tests := []struct {
		name   string
		req    connectors.WebhookRequest
		secret string
		want   error
	}{
		{"missing header", signed(body, ""), secret, connectors.ErrWebhookUnsigned},
		{"blank header", connectors.WebhookRequest{Header: http.Header{shopify.HeaderHMAC: {"  "}}, Body: []byte(body)}, secret, connectors.ErrWebhookUnsigned},
		{"nil header", connectors.WebhookRequest{Body: []byte(body)}, secret, connectors.ErrWebhookUnsigned},
		{"not base64", signed(body, "not base64!"), secret, connectors.ErrWebhookMalformed},
		{"hex instead of base64", signed(body, strings.Repeat("ab", 32)), secret, connectors.ErrWebhookMalformed},
		{"truncated", signed(body, good[:20]), secret, connectors.ErrWebhookMalformed},
		{"unpadded", signed(body, strings.TrimRight(good, "=")), secret, connectors.ErrWebhookMalformed},
		{"url-safe alphabet", signed(body, "-_"+good[2:]), secret, connectors.ErrWebhookMalformed},
		{"sent twice", connectors.WebhookRequest{Header: http.Header{shopify.HeaderHMAC: {good, good}}, Body: []byte(body)}, secret, connectors.ErrWebhookMalformed},
		{"empty secret", signed(body, base64.StdEncoding.EncodeToString(hmacSHA256("", body))), "", connectors.ErrWebhookNoSecret},
		{"empty body", signed("", good), secret, connectors.ErrWebhookSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := shopify.Connector{}.VerifyWebhook(tc.req, secrets.New(tc.secret))
			require.ErrorIs(t, err, tc.want)
			require.NotContains(t, err.Error(), good, "errors never show the expected signature")
			if tc.secret != "" {
				require.NotContains(t, err.Error(), tc.secret)
			}
		})
	}
}

func TestConnectorIsWebhookVerifier(t *testing.T) {
	t.Parallel()
	c, ok := connectors.Get("shopify")
	require.True(t, ok)
	_, ok = c.(connectors.WebhookVerifier)
	require.True(t, ok, "the registered Shopify connector verifies webhooks")
}

func TestReadWebhookMeta(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		header  map[string]string
		want    shopify.WebhookMeta
		wantErr string
	}{
		{
			// The headers of the [webhook-1] vector's source test.
			name: "webhook id only",
			header: map[string]string{"X-Shopify-Topic": "products/create", "X-Shopify-Shop-Domain": "shop1.myshopify.io",
				"X-Shopify-API-Version": "2023-01", "X-Shopify-Webhook-Id": "123456789"},
			want: shopify.WebhookMeta{Topic: "products/create", EventID: "123456789", WebhookID: "123456789",
				ShopDomain: "shop1.myshopify.io", APIVersion: "2023-01"},
		},
		{
			name: "event id wins",
			header: map[string]string{"x-shopify-topic": "orders/create", "x-shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
				"x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "x-shopify-triggered-at": "2023-03-29T18:00:27.877041743Z"},
			want: shopify.WebhookMeta{Topic: "orders/create", EventID: "98880550-7158-44d4-b7cd-2c97c8a091b5",
				WebhookID: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", TriggeredAt: "2023-03-29T18:00:27.877041743Z"},
		},
		{name: "no topic", header: map[string]string{"X-Shopify-Webhook-Id": "1"}, wantErr: "X-Shopify-Topic"},
		{name: "no ids", header: map[string]string{"X-Shopify-Topic": "orders/create"}, wantErr: "X-Shopify-Event-Id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			for k, v := range tc.header {
				h.Set(k, v)
			}
			got, err := shopify.ReadWebhookMeta(h)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func hmacSHA256(key, msg string) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return m.Sum(nil)
}
