package sandbox_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const testAppURL = "https://hub.example/apps/shopify"

// receiver is an endpoint that records the webhooks it gets.
type receiver struct {
	*httptest.Server
	mu  sync.Mutex
	got []delivered
}

type delivered struct {
	path   string
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	rc := &receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, delivered{r.URL.Path, r.Header.Clone(), b})
		rc.mu.Unlock()
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) deliveries() []delivered {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]delivered(nil), rc.got...)
}

// requireSigned checks a delivery with the connector's own verifier and
// header reader, and returns its decoded body.
func requireSigned(t *testing.T, d delivered, topic, shop string) map[string]any {
	t.Helper()
	req := connectors.WebhookRequest{Method: http.MethodPost, Header: d.header, Body: d.body}
	require.NoError(t, shopify.Connector{}.VerifyWebhook(req, secrets.New(testClientSecret)))
	require.Error(t, shopify.Connector{}.VerifyWebhook(req, secrets.New("another-secret")))
	meta, err := shopify.ReadWebhookMeta(d.header)
	require.NoError(t, err)
	require.Equal(t, topic, meta.Topic)
	require.Equal(t, shop, meta.ShopDomain)
	require.Equal(t, sandbox.APIVersion, meta.APIVersion)
	require.NotEmpty(t, meta.WebhookID)
	require.NotEmpty(t, meta.TriggeredAt)
	require.Equal(t, "application/json", d.header.Get("Content-Type"))
	body := map[string]any{}
	require.NoError(t, json.Unmarshal(d.body, &body), string(d.body))
	return body
}

// requireShape checks that got has the keys and JSON types of the
// published example want, recursively (null and empty lists match any
// type).
func requireShape(t *testing.T, want, got any, path string) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		require.True(t, ok, "%s: want an object, got %T", path, got)
		require.Equal(t, sortedKeys(w), sortedKeys(g), path)
		for k := range w {
			requireShape(t, w[k], g[k], path+"."+k)
		}
	case []any:
		g, ok := got.([]any)
		require.True(t, ok, "%s: want a list, got %T", path, got)
		if len(w) > 0 && len(g) > 0 {
			requireShape(t, w[0], g[0], path+"[0]")
		}
	default:
		if want != nil && got != nil {
			require.IsType(t, want, got, path)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fixtureJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	out := map[string]any{}
	require.NoError(t, json.Unmarshal(fixtures.Read(t, name), &out))
	return out
}

func TestListingPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{AppURL: testAppURL})
	for _, tc := range []struct {
		name, method, path string
		status             int
		want               []string
	}{
		{"listing", http.MethodGet, "/apps/switchboard", http.StatusOK, []string{
			"Shopify App Store (sandbox)", "<h1>Switchboard</h1>", `<form method="get" action="switchboard/install">`,
			`<label for="shop">Shop domain</label>`,
			`<input type="text" id="shop" name="shop" value="demo-store.myshopify.com" required>`,
			`<button type="submit">Install app</button>`}},
		{"post refused", http.MethodPost, "/apps/switchboard", http.StatusMethodNotAllowed, nil},
		{"other app", http.MethodGet, "/apps/other", http.StatusNotFound, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, h, body := e.do(tc.method, tc.path, nil, nil)
			require.Equal(t, tc.status, status, string(body))
			for _, w := range tc.want {
				require.Contains(t, string(body), w)
			}
			if status == http.StatusOK {
				require.Equal(t, "text/html; charset=utf-8", h.Get("Content-Type"))
			}
		})
	}
}

func TestInstallFromListing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{AppURL: testAppURL})
	// The form's relative action, resolved against the mounted page URL as
	// a browser does, keeps the /sandbox/shopify prefix.
	page, err := url.Parse(e.base + "/apps/switchboard")
	require.NoError(t, err)
	action := page.ResolveReference(&url.URL{Path: "switchboard/install"})
	require.Equal(t, prefix+"/apps/switchboard/install", action.Path)

	for _, tc := range []struct {
		name, input, shop, shopName string
		status                      int
		problem                     string
	}{
		{"default shop", "demo-store.myshopify.com", "demo-store.myshopify.com", "Demo Store", http.StatusSeeOther, ""},
		{"existing shop", testShop, testShop, "Acme Outdoor", http.StatusSeeOther, ""},
		{"bare subdomain", " My-Shop ", "my-shop.myshopify.com", "My Shop", http.StatusSeeOther, ""},
		{"not a shop", "evil.com", "", "", http.StatusBadRequest, "&#34;evil.com&#34; is not a shop domain like demo-store.myshopify.com."},
		{"empty", "", "", "", http.StatusBadRequest, "Enter a shop domain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := *action
			u.RawQuery = url.Values{"shop": {tc.input}}.Encode()
			status, h, body := e.do(http.MethodGet, strings.TrimPrefix(u.String(), e.base), nil, nil)
			require.Equal(t, tc.status, status, string(body))
			if tc.problem != "" {
				require.Contains(t, string(body), tc.problem)
				require.Contains(t, string(body), `name="shop"`)
				return
			}
			loc, err := url.Parse(h.Get("Location"))
			require.NoError(t, err)
			require.Equal(t, testAppURL, loc.Scheme+"://"+loc.Host+loc.Path)
			q := loc.Query()
			require.ElementsMatch(t, []string{"hmac", "host", "shop", "timestamp"}, sortedKeys(valuesMap(q)))
			require.True(t, shopify.VerifyOAuthQuery(q, secrets.New(testClientSecret)))
			require.False(t, shopify.VerifyOAuthQuery(q, secrets.New("another-secret")))
			require.True(t, signedOK(t, q))
			require.Equal(t, tc.shop, q.Get("shop"))
			require.Equal(t, strconv.FormatInt(e.clock.Now().Unix(), 10), q.Get("timestamp"))
			host, err := base64.RawStdEncoding.DecodeString(q.Get("host"))
			require.NoError(t, err)
			require.Equal(t, "admin.shopify.com/store/"+strings.TrimSuffix(tc.shop, ".myshopify.com"), string(host))
			st, err := e.sb.Shop(tc.shop)
			require.NoError(t, err)
			require.Equal(t, tc.shopName, st.Name)
		})
	}

	// InstallURL is the same signed URL for Go tests.
	raw, err := e.sb.InstallURL("go-test.myshopify.com")
	require.NoError(t, err)
	loc, err := url.Parse(raw)
	require.NoError(t, err)
	require.True(t, shopify.VerifyOAuthQuery(loc.Query(), secrets.New(testClientSecret)))
	_, err = e.sb.InstallURL("nope")
	require.Error(t, err)
}

func valuesMap(q url.Values) map[string]any {
	m := map[string]any{}
	for k, v := range q {
		m[k] = v
	}
	return m
}

func TestInstallWithoutAppURL(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	status, _, body := e.do(http.MethodGet, "/apps/switchboard/install?shop="+testShop, nil, nil)
	require.Equal(t, http.StatusServiceUnavailable, status)
	require.Contains(t, string(body), "no App URL")
	_, err := e.sb.InstallURL(testShop)
	require.Error(t, err)
}

func TestUninstall(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	hook := newReceiver(t)
	access, refresh := e.token(true)

	const mutation = `mutation($topic: WebhookSubscriptionTopic!, $url: URL!) {
		webhookSubscriptionCreate(topic: $topic, webhookSubscription: {callbackUrl: $url}) {
			webhookSubscription { id } userErrors { message } } }`
	for _, sub := range []struct{ topic, path string }{
		{"APP_UNINSTALLED", "/uninstalled"}, {"ORDERS_CREATE", "/orders"},
	} {
		status, out, raw := e.graphql(access, mutation, map[string]any{"topic": sub.topic, "url": hook.URL + sub.path})
		require.Equal(t, http.StatusOK, status)
		require.Empty(t, dig(out, "data", "webhookSubscriptionCreate", "userErrors"), string(raw))
	}

	status, out := e.control(http.MethodPost, "/_control/shops/"+testShop+"/uninstall", nil)
	require.Equal(t, http.StatusOK, status, out)
	require.Len(t, out["deliveries"], 1)
	require.EqualValues(t, http.StatusOK, dig(out, "deliveries", 0, "status"))
	require.Equal(t, hook.URL+"/uninstalled", dig(out, "deliveries", 0, "callbackUrl"))

	got := hook.deliveries()
	require.Len(t, got, 1)
	require.Equal(t, "/uninstalled", got[0].path)
	body := requireSigned(t, got[0], "app/uninstalled", testShop)
	requireShape(t, fixtureJSON(t, "shopify-rest-shop-get-response.json")["shop"], body, "shop")
	st, err := e.sb.Shop(testShop)
	require.NoError(t, err)
	require.Equal(t, st.ID, fmt.Sprintf("gid://shopify/Shop/%.0f", body["id"]))
	for k, want := range map[string]any{"name": "Acme Outdoor", "myshopify_domain": testShop, "domain": testShop,
		"currency": "EUR", "iana_timezone": "America/New_York", "email": st.Email} {
		require.Equal(t, want, body[k], k)
	}

	// After the uninstall: tokens revoked, subscriptions gone, the shop kept.
	status, res, _ := e.graphql(access, `{ shop { name } }`, nil)
	require.Equal(t, http.StatusUnauthorized, status, res)
	status, res = e.postToken(map[string]string{"client_id": testClientID, "client_secret": testClientSecret,
		"grant_type": "refresh_token", "refresh_token": refresh}, true)
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "invalid_grant", res["error"])
	status, out = e.control(http.MethodGet, "/_control/shops/"+testShop+"/webhooks", nil)
	require.Equal(t, http.StatusOK, status)
	require.Empty(t, out["subscriptions"])
	ds, err := e.sb.TriggerWebhook(context.Background(), testShop, "orders/create", []byte(`{}`), "")
	require.NoError(t, err)
	require.Empty(t, ds)

	// Uninstalling again delivers nothing; an unknown shop is a 404.
	ds, err = e.sb.Uninstall(context.Background(), testShop)
	require.NoError(t, err)
	require.Empty(t, ds)
	status, _ = e.control(http.MethodPost, "/_control/shops/nope.myshopify.com/uninstall", nil)
	require.Equal(t, http.StatusNotFound, status)
}

func TestComplianceWebhooks(t *testing.T) {
	t.Parallel()
	hook := newReceiver(t)
	e := newEnv(t, sandbox.Options{ComplianceURL: hook.URL + "/apps/shopify/webhooks"})
	st, err := e.sb.Shop(testShop)
	require.NoError(t, err)
	shopID := strings.TrimPrefix(st.ID, "gid://shopify/Shop/")
	ids, err := e.sb.SeedCustomers(testShop, 0, []sandbox.CustomerSeed{{Email: "ada@example.com", Phone: "+14155550100"}})
	require.NoError(t, err)
	customerID := strings.TrimPrefix(ids[0], "gid://shopify/Customer/")

	for _, tc := range []struct {
		name, topic, wantTopic, fixture string
		payload                         json.RawMessage
	}{
		{"data request", "customers/data_request", "customers/data_request", "shopify-customers-data-request.json", nil},
		{"customer redact", "customers/redact", "customers/redact", "shopify-customers-redact.json", nil},
		{"shop redact", "shop/redact", "shop/redact", "shopify-shop-redact.json", nil},
		{"enum form", "SHOP_REDACT", "shop/redact", "shopify-shop-redact.json", nil},
		{"given payload", "customers/redact", "customers/redact", "shopify-customers-redact.json",
			fixtures.Read(t, "shopify-customers-redact.json")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(hook.deliveries())
			status, out := e.control(http.MethodPost, "/_control/shops/"+testShop+"/compliance",
				map[string]any{"topic": tc.topic, "payload": tc.payload})
			require.Equal(t, http.StatusOK, status, out)
			require.EqualValues(t, http.StatusOK, dig(out, "delivery", "status"))
			require.Equal(t, hook.URL+"/apps/shopify/webhooks", dig(out, "delivery", "callbackUrl"))

			got := hook.deliveries()
			require.Len(t, got, before+1)
			d := got[len(got)-1]
			require.Equal(t, "/apps/shopify/webhooks", d.path)
			body := requireSigned(t, d, tc.wantTopic, testShop)
			requireShape(t, fixtureJSON(t, tc.fixture), body, "payload")
			if tc.payload != nil {
				require.JSONEq(t, string(tc.payload), string(d.body))
				return
			}
			require.Equal(t, shopID, fmt.Sprintf("%.0f", body["shop_id"]))
			require.Equal(t, testShop, body["shop_domain"])
			if tc.wantTopic != "shop/redact" {
				require.Equal(t, customerID, fmt.Sprintf("%.0f", dig(body, "customer", "id")))
				require.Equal(t, "ada@example.com", dig(body, "customer", "email"))
				require.Equal(t, "+14155550100", dig(body, "customer", "phone"))
			}
		})
	}

	for _, tc := range []struct {
		name, shop, topic string
		status            int
	}{
		{"ordinary topic", testShop, "orders/create", http.StatusBadRequest},
		{"unknown topic", testShop, "customers/forget", http.StatusBadRequest},
		{"no topic", testShop, "", http.StatusBadRequest},
		{"unknown shop", "nope.myshopify.com", "shop/redact", http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(hook.deliveries())
			status, out := e.control(http.MethodPost, "/_control/shops/"+tc.shop+"/compliance", map[string]any{"topic": tc.topic})
			require.Equal(t, tc.status, status, out)
			require.NotEmpty(t, out["error"])
			require.Len(t, hook.deliveries(), before)
		})
	}

	// A shop without customers gets Shopify's documented example customer.
	_, err = e.sb.CreateShop(sandbox.ShopSpec{Domain: "empty.myshopify.com"})
	require.NoError(t, err)
	_, err = e.sb.SendCompliance(context.Background(), "empty.myshopify.com", "customers/data_request", nil)
	require.NoError(t, err)
	got := hook.deliveries()
	body := requireSigned(t, got[len(got)-1], "customers/data_request", "empty.myshopify.com")
	requireShape(t, fixtureJSON(t, "shopify-customers-data-request.json"), body, "payload")
	require.Equal(t, "john@example.com", dig(body, "customer", "email"))

	// Without a compliance URL nothing can be sent.
	bare := newEnv(t, sandbox.Options{})
	_, err = bare.sb.SendCompliance(context.Background(), testShop, "shop/redact", nil)
	require.ErrorContains(t, err, "no compliance URL")
}

// TestRegisteredSandbox checks the hub's wiring: with the hub's URL the App
// URL and the compliance URL point at the hub.
func TestRegisteredSandbox(t *testing.T) {
	t.Parallel()
	hub := newReceiver(t)
	factory, ok := connectors.SandboxFor("shopify")
	require.True(t, ok)
	for _, tc := range []struct {
		name, hubURL string
		status       int
	}{
		{"with hub URL", hub.URL + "/", http.StatusSeeOther},
		{"without hub URL", "", http.StatusServiceUnavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := factory(connectors.SandboxApp{ClientID: testClientID, ClientSecret: testClientSecret, HubURL: tc.hubURL})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/apps/switchboard/install?shop="+testShop, nil))
			require.Equal(t, tc.status, rec.Code, rec.Body.String())
			if tc.status != http.StatusSeeOther {
				return
			}
			require.True(t, strings.HasPrefix(rec.Header().Get("Location"), hub.URL+"/apps/shopify?"), rec.Header().Get("Location"))
			sb, ok := h.(*sandbox.Sandbox)
			require.True(t, ok)
			d, err := sb.SendCompliance(context.Background(), testShop, "shop/redact", nil)
			require.NoError(t, err)
			require.Equal(t, hub.URL+"/apps/shopify/webhooks", d.CallbackURL)
			require.Equal(t, http.StatusOK, d.Status)
		})
	}
}
