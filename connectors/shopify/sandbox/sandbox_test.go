package sandbox_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

func TestAuthorizePage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{RedirectURIs: []string{"https://hub.example/cb"}})
	good := url.Values{"client_id": {testClientID}, "scope": {"read_customers,write_orders"},
		"redirect_uri": {"https://hub.example/cb"}, "state": {"s<1>"}, "grant_options[]": {""}}
	with := func(k, v string) url.Values {
		q := url.Values{}
		for kk, vv := range good {
			q[kk] = vv
		}
		q.Set(k, v)
		return q
	}
	for _, tc := range []struct {
		name   string
		shop   string
		query  url.Values
		status int
		want   []string
	}{
		{"consent page", testShop, good, http.StatusOK, []string{"Shopify sandbox", "Acme Outdoor", "read_customers", "write_orders",
			"Install app", "Cancel", `action="authorize/approve"`, `name="state" value="s&lt;1&gt;"`, `name="grant_options[]"`}},
		{"auto-creates a shop", "newshop.myshopify.com", good, http.StatusOK, []string{"newshop.myshopify.com", "Newshop"}},
		{"wrong client_id", testShop, with("client_id", "nope"), http.StatusBadRequest, []string{"Shopify sandbox", "invalid_request"}},
		{"redirect not allowed", testShop, with("redirect_uri", "https://evil.example/cb"), http.StatusBadRequest, []string{"not whitelisted"}},
		{"invalid shop", "evil.com", good, http.StatusNotFound, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, h, body := e.do(http.MethodGet, "/"+tc.shop+"/admin/oauth/authorize?"+tc.query.Encode(), nil, nil)
			require.Equal(t, tc.status, status, string(body))
			for _, w := range tc.want {
				require.Contains(t, string(body), w)
			}
			if status == http.StatusOK {
				require.Equal(t, "text/html; charset=utf-8", h.Get("Content-Type"))
			}
		})
	}
	status, _ := e.control(http.MethodGet, "/_control/shops/newshop.myshopify.com", nil)
	require.Equal(t, http.StatusOK, status)
}

func TestApproveAndCancelRedirect(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	q := e.authorize("nonce-123")
	for _, k := range []string{"code", "hmac", "host", "shop", "state", "timestamp"} {
		require.NotEmpty(t, q.Get(k), k)
	}
	require.Equal(t, testShop, q.Get("shop"))
	require.Equal(t, "nonce-123", q.Get("state"))
	require.Equal(t, "1762160400", q.Get("timestamp"))
	require.True(t, signedOK(t, q))

	cancel := url.Values{"client_id": {testClientID}, "redirect_uri": {"https://hub.example/cb"}, "state": {"abc"}}
	status, h, _ := e.do(http.MethodGet, "/"+testShop+"/admin/oauth/authorize/cancel?"+cancel.Encode(), nil, nil)
	require.Equal(t, http.StatusFound, status)
	loc, err := url.Parse(h.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, "hub.example", loc.Host)
	cq := loc.Query()
	require.Equal(t, "access_denied", cq.Get("error"))
	require.Equal(t, "abc", cq.Get("state"))
	require.Empty(t, cq.Get("code"))
	cq.Del("error_description") // has spaces; the signature over the rest is checked in the client tests
	require.NotEmpty(t, cq.Get("hmac"))

	c, err := e.sb.Counters(testShop)
	require.NoError(t, err)
	require.Equal(t, 1, c.Authorizations)
}

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	creds := func(kv ...string) map[string]string {
		m := map[string]string{"client_id": testClientID, "client_secret": testClientSecret}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}

	// Non-expiring: JSON body, the same token on every authorization.
	_, first := e.postToken(creds("code", e.authorize("a").Get("code")), true)
	_, again := e.postToken(creds("code", e.authorize("b").Get("code")), false)
	require.Equal(t, first["access_token"], again["access_token"])
	require.Equal(t, "read_customers,write_customers", first["scope"])
	require.NotContains(t, first, "refresh_token")
	require.NotContains(t, first, "expires_in")

	code := e.authorize("c").Get("code")
	for _, tc := range []struct {
		name   string
		params map[string]string
		status int
		errKey string
	}{
		{"wrong secret", map[string]string{"client_id": testClientID, "client_secret": "nope", "code": code, "expiring": "1"}, http.StatusUnauthorized, "invalid_client"},
		{"wrong client", map[string]string{"client_id": "nope", "client_secret": testClientSecret, "code": code}, http.StatusBadRequest, "invalid_request"},
		{"unknown code", creds("code", "0907a61c0c8d55e99db179b68161bc00"), http.StatusBadRequest, "invalid_request"},
		{"bad grant", creds("grant_type", "password"), http.StatusBadRequest, "unsupported_grant_type"},
		{"expiring token", creds("code", code, "expiring", "1"), http.StatusOK, ""},
		{"code reused", creds("code", code, "expiring", "1"), http.StatusBadRequest, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := e.postToken(tc.params, false)
			require.Equal(t, tc.status, status, out)
			if tc.errKey != "" {
				require.Equal(t, tc.errKey, out["error"])
				require.NotEmpty(t, out["error_description"])
				return
			}
			require.Regexp(t, `^shpat_[0-9a-f]{32}$`, out["access_token"])
			require.Regexp(t, `^shprt_[0-9a-f]{32}$`, out["refresh_token"])
			require.EqualValues(t, 3600, out["expires_in"])
			require.EqualValues(t, 90*24*3600, out["refresh_token_expires_in"])
		})
	}

	// Codes expire after 60 s.
	late := e.authorize("d").Get("code")
	e.clock.Advance(61 * time.Second)
	status, out := e.postToken(creds("code", late), false)
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "The authorization code was not found or was already used", out["error_description"])

	// Refresh rotates both tokens; the old refresh token is dead at once.
	_, tok := e.postToken(creds("code", e.authorize("e").Get("code"), "expiring", "1"), true)
	status, next := e.postToken(creds("grant_type", "refresh_token", "refresh_token", tok["refresh_token"].(string)), true)
	require.Equal(t, http.StatusOK, status)
	require.NotEqual(t, tok["access_token"], next["access_token"])
	require.NotEqual(t, tok["refresh_token"], next["refresh_token"])
	status, out = e.postToken(creds("grant_type", "refresh_token", "refresh_token", tok["refresh_token"].(string)), false)
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "invalid_grant", out["error"])
	// Only one expiring token is active: the replaced access token is revoked.
	status, _, _ = e.graphql(tok["access_token"].(string), `{ shop { name } }`, nil)
	require.Equal(t, http.StatusUnauthorized, status)
	status, _, _ = e.graphql(next["access_token"].(string), `{ shop { name } }`, nil)
	require.Equal(t, http.StatusOK, status)

	c, err := e.sb.Counters(testShop)
	require.NoError(t, err)
	require.Equal(t, 2, c.RefreshRequests)
}

func TestGraphQLAnswers(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	_, err := e.sb.SeedCustomers(testShop, 0, []sandbox.CustomerSeed{
		{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", Tags: []string{"vip"}, AmountSpent: "12.50", NumberOfOrders: 3, MarketingState: "SUBSCRIBED"},
		{FirstName: "Bob", LastName: "Norman", Email: "bob@example.com", AmountSpent: "0.00"},
		{FirstName: "Cy", Phone: "+16135550100"},
	})
	require.NoError(t, err)
	tok, _ := e.token(false)

	for _, tc := range []struct {
		name      string
		query     string
		vars      map[string]any
		check     func(t *testing.T, out map[string]any)
		errorCode string
		requested float64
		actual    float64
	}{
		{name: "shop", query: `query { shop { id name email myshopifyDomain currencyCode ianaTimezone __typename } }`, requested: 1, actual: 1,
			check: func(t *testing.T, out map[string]any) {
				require.Equal(t, map[string]any{"id": dig(out, "data", "shop", "id"), "name": "Acme Outdoor", "email": "owner@acme.example.com",
					"myshopifyDomain": testShop, "currencyCode": "EUR", "ianaTimezone": "America/New_York", "__typename": "Shop"}, dig(out, "data", "shop"))
				require.Regexp(t, `^gid://shopify/Shop/\d+$`, dig(out, "data", "shop", "id"))
			}},
		{name: "customers connection", query: `query($n: Int!) { customers(first: $n) {
				edges { cursor node { id email firstName lastName phone tags createdAt updatedAt numberOfOrders
					amountSpent { amount currencyCode } emailMarketingConsent { marketingState } } }
				nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
			vars: map[string]any{"n": 2}, requested: 2 + 2*(3+1), actual: 2 + 2*(3+1),
			check: func(t *testing.T, out map[string]any) {
				node := dig(out, "data", "customers", "edges", 0, "node").(map[string]any)
				require.Regexp(t, `^gid://shopify/Customer/\d+$`, node["id"])
				require.Equal(t, "ada@example.com", node["email"])
				require.Equal(t, []any{"vip"}, node["tags"])
				require.Equal(t, "3", node["numberOfOrders"], "UnsignedInt64 is a string")
				require.Equal(t, map[string]any{"amount": "12.50", "currencyCode": "EUR"}, node["amountSpent"])
				require.Equal(t, "SUBSCRIBED", dig(node, "emailMarketingConsent", "marketingState"))
				require.Equal(t, "2025-11-03T08:57:00Z", node["createdAt"])
				require.Nil(t, node["phone"])
				require.Equal(t, true, dig(out, "data", "customers", "pageInfo", "hasNextPage"))
				require.Equal(t, false, dig(out, "data", "customers", "pageInfo", "hasPreviousPage"))
				require.Equal(t, dig(out, "data", "customers", "edges", 1, "cursor"), dig(out, "data", "customers", "pageInfo", "endCursor"))
				require.Len(t, dig(out, "data", "customers", "nodes"), 2)
			}},
		{name: "cost refund and search", query: `{ customers(first: 100, query: "tag:vip") { edges { node { id email } } } }`, requested: 102, actual: 3,
			check: func(t *testing.T, out map[string]any) {
				require.Len(t, dig(out, "data", "customers", "edges"), 1)
			}},
		{name: "backwards", query: `{ c: customers(last: 1) { nodes { firstName } pageInfo { hasNextPage hasPreviousPage } } }`, requested: 3, actual: 3,
			check: func(t *testing.T, out map[string]any) {
				require.Equal(t, "Cy", dig(out, "data", "c", "nodes", 0, "firstName"))
				require.Equal(t, true, dig(out, "data", "c", "pageInfo", "hasPreviousPage"))
				require.Equal(t, false, dig(out, "data", "c", "pageInfo", "hasNextPage"))
			}},
		{name: "unknown field", query: `{ shop { name bogus } }`, errorCode: "undefinedField",
			check: func(t *testing.T, out map[string]any) {
				require.Equal(t, "Field 'bogus' doesn't exist on type 'Shop'", dig(out, "errors", 0, "message"))
				require.Equal(t, []any{"query", "shop", "bogus"}, dig(out, "errors", 0, "path"))
				require.Equal(t, map[string]any{"line": 1.0, "column": 15.0}, dig(out, "errors", 0, "locations", 0))
				require.NotContains(t, out, "data")
			}},
		{name: "unknown root field", query: `query Q { orders(first: 1) { nodes { id } } }`, errorCode: "undefinedField"},
		{name: "unknown argument", query: `{ customers(first: 1, bogus: 2) { nodes { id } } }`, errorCode: "argumentNotAccepted"},
		{name: "selection on scalar", query: `{ shop { name { x } } }`, errorCode: "selectionMismatch"},
		{name: "undeclared variable", query: `{ customers(first: $n) { nodes { id } } }`, errorCode: "variableNotDefined"},
		{name: "missing required variable", query: `query($n: Int!) { customers(first: $n) { nodes { id } } }`, errorCode: "INVALID_VARIABLE"},
		{name: "mutation on query root", query: `{ tagsAdd(id: "x", tags: ["a"]) { userErrors { message } } }`, errorCode: "undefinedField"},
		{name: "too expensive", query: `{ customers(first: 250) { nodes { amountSpent { amount } } edges { node { amountSpent { amount } } } } }`, errorCode: "MAX_COST_EXCEEDED",
			check: func(t *testing.T, out map[string]any) {
				require.Equal(t, 1002.0, dig(out, "extensions", "cost", "requestedQueryCost"))
			}},
		{name: "no page size", query: `{ customers { nodes { id } } }`, requested: 2, actual: 2,
			check: func(t *testing.T, out map[string]any) {
				require.Equal(t, "you must provide one of first or last", dig(out, "errors", 0, "message"))
				require.Equal(t, map[string]any{"customers": nil}, dig(out, "data"))
			}},
		{name: "parse error", query: `{ shop { name }`,
			check: func(t *testing.T, out map[string]any) {
				require.Contains(t, dig(out, "errors", 0, "message"), "Expected")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, raw := e.graphql(tok, tc.query, tc.vars)
			require.Equal(t, http.StatusOK, status)
			require.NotNil(t, dig(out, "extensions", "cost", "throttleStatus"), string(raw))
			require.Contains(t, string(raw), `"maximumAvailable":2000.0`)
			require.Contains(t, string(raw), `"restoreRate":100.0`)
			if tc.errorCode != "" {
				require.Equal(t, tc.errorCode, dig(out, "errors", 0, "extensions", "code"), string(raw))
			}
			if tc.requested != 0 {
				require.Equal(t, tc.requested, dig(out, "extensions", "cost", "requestedQueryCost"), string(raw))
				require.Equal(t, tc.actual, dig(out, "extensions", "cost", "actualQueryCost"), string(raw))
			}
			if tc.check != nil {
				tc.check(t, out)
			}
		})
	}
}

func TestThrottling(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{BucketSize: 1000, RestoreRate: 50})
	tok, _ := e.token(true)
	status, _ := e.control(http.MethodPost, "/_control/shops/"+testShop+"/drain", nil)
	require.Equal(t, http.StatusNoContent, status)

	query := `{ customers(first: 10) { edges { node { id } } } }` // 12 points
	status, out, raw := e.graphql(tok, query, nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "Throttled", dig(out, "errors", 0, "message"))
	require.Equal(t, "THROTTLED", dig(out, "errors", 0, "extensions", "code"))
	require.NotContains(t, out, "data")
	require.Contains(t, string(raw), `"actualQueryCost":null`)
	require.Equal(t, map[string]any{"maximumAvailable": 1000.0, "currentlyAvailable": 0.0, "restoreRate": 50.0},
		dig(out, "extensions", "cost", "throttleStatus"))

	e.clock.Advance(200 * time.Millisecond) // 10 points: still short
	_, out, _ = e.graphql(tok, query, nil)
	require.Equal(t, "THROTTLED", dig(out, "errors", 0, "extensions", "code"))
	e.clock.Advance(100 * time.Millisecond) // 15 points
	_, out, _ = e.graphql(tok, query, nil)
	require.Nil(t, out["errors"])
	require.Equal(t, 13.0, dig(out, "extensions", "cost", "throttleStatus", "currentlyAvailable"), "15 - 12 + 10 refunded (no customers)")

	c, err := e.sb.Counters(testShop)
	require.NoError(t, err)
	require.Equal(t, 2, c.Throttled)
	require.Equal(t, 3, c.APICalls)
}

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	for _, tc := range []struct {
		name  string
		token func() string
	}{
		{"missing", func() string { return "" }},
		{"unknown", func() string { return "shpat_00000000000000000000000000000000" }},
		{"expired", func() string {
			tok, _ := e.token(true)
			e.clock.Advance(time.Hour)
			return tok
		}},
		{"expired by control", func() string {
			tok, _ := e.token(true)
			status, _ := e.control(http.MethodPost, "/_control/shops/"+testShop+"/expire", nil)
			require.Equal(t, http.StatusNoContent, status)
			return tok
		}},
		{"revoked", func() string {
			tok, _ := e.token(false)
			status, _ := e.control(http.MethodPost, "/_control/shops/"+testShop+"/revoke", nil)
			require.Equal(t, http.StatusNoContent, status)
			return tok
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, _ := e.graphql(tc.token(), `{ shop { name } }`, nil)
			require.Equal(t, http.StatusUnauthorized, status)
			require.Equal(t, map[string]any{"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}, out)
		})
	}
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)
	for _, tc := range []struct {
		status     int
		retryAfter string
	}{{http.StatusServiceUnavailable, ""}, {http.StatusTooManyRequests, "2.0"}, {http.StatusInternalServerError, ""}} {
		st, _ := e.control(http.MethodPost, "/_control/shops/"+testShop+"/fail", map[string]any{"count": 2, "status": tc.status})
		require.Equal(t, http.StatusNoContent, st)
		for range 2 {
			b, _ := json.Marshal(map[string]any{"query": `{ shop { name } }`})
			status, h, _ := e.do(http.MethodPost, "/"+testShop+"/admin/api/2026-04/graphql.json",
				http.Header{"X-Shopify-Access-Token": {tok}, "Content-Type": {"application/json"}}, bytes.NewReader(b))
			require.Equal(t, tc.status, status)
			require.Equal(t, tc.retryAfter, h.Get("Retry-After"))
		}
		status, _, _ := e.graphql(tok, `{ shop { name } }`, nil)
		require.Equal(t, http.StatusOK, status)
	}
	st, out := e.control(http.MethodPost, "/_control/shops/"+testShop+"/fail", map[string]any{"count": 1, "status": 200})
	require.Equal(t, http.StatusBadRequest, st, out)
}

func TestWebhookDelivery(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)

	type received struct {
		header http.Header
		body   []byte
	}
	var mu sync.Mutex
	var got []received
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, received{r.Header.Clone(), b})
		mu.Unlock()
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusGone)
		}
	}))
	t.Cleanup(hook.Close)

	const mutation = `mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
		webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
			webhookSubscription { id topic format endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }
			userErrors { field message } } }`
	for _, tc := range []struct {
		name, topic, url, userError string
	}{
		{"subscribe", "ORDERS_CREATE", hook.URL + "/hooks", ""},
		{"second endpoint", "ORDERS_CREATE", hook.URL + "/gone", ""},
		{"other topic", "ORDERS_PAID", hook.URL + "/hooks", ""},
		{"duplicate", "ORDERS_CREATE", hook.URL + "/hooks", "Address for this topic has already been taken"},
		{"bad address", "ORDERS_CREATE", "ftp://x", "Address is invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, raw := e.graphql(tok, mutation, map[string]any{"topic": tc.topic, "sub": map[string]any{"callbackUrl": tc.url, "format": "JSON"}})
			require.Equal(t, http.StatusOK, status)
			require.Equal(t, 10.0, dig(out, "extensions", "cost", "requestedQueryCost"))
			p := dig(out, "data", "webhookSubscriptionCreate")
			if tc.userError != "" {
				require.Equal(t, tc.userError, dig(p, "userErrors", 0, "message"), string(raw))
				require.Equal(t, []any{"webhookSubscription", "callbackUrl"}, dig(p, "userErrors", 0, "field"))
				require.Nil(t, dig(p, "webhookSubscription"))
				return
			}
			require.Empty(t, dig(p, "userErrors"), string(raw))
			require.Regexp(t, `^gid://shopify/WebhookSubscription/\d+$`, dig(p, "webhookSubscription", "id"))
			require.Equal(t, tc.topic, dig(p, "webhookSubscription", "topic"))
			require.Equal(t, map[string]any{"__typename": "WebhookHttpEndpoint", "callbackUrl": tc.url}, dig(p, "webhookSubscription", "endpoint"))
		})
	}
	status, out, _ := e.graphql(tok, mutation, map[string]any{"topic": "NOT_A_TOPIC", "sub": map[string]any{"callbackUrl": hook.URL}})
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, dig(out, "errors", 0, "message"), "WebhookSubscriptionTopic")

	payload := `{"id": 450789469, "email": "bob.norman@mail.example.com", "total_price": "199.65"}`
	status, out = e.control(http.MethodPost, "/_control/shops/"+testShop+"/webhooks",
		map[string]any{"topic": "orders/create", "payload": json.RawMessage(payload), "eventId": "evt-1"})
	require.Equal(t, http.StatusOK, status, out)
	deliveries := out["deliveries"].([]any)
	require.Len(t, deliveries, 2)
	require.EqualValues(t, 200, dig(deliveries, 0, "status"))
	require.EqualValues(t, 410, dig(deliveries, 1, "status"))

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, got, 2)
	for _, r := range got {
		require.JSONEq(t, payload, string(r.body))
		mac := hmac.New(sha256.New, []byte(testClientSecret))
		mac.Write(r.body)
		want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
		require.True(t, hmac.Equal([]byte(want), []byte(r.header.Get("X-Shopify-Hmac-Sha256"))))
		require.Equal(t, "orders/create", r.header.Get("X-Shopify-Topic"))
		require.Equal(t, testShop, r.header.Get("X-Shopify-Shop-Domain"))
		require.Equal(t, "2026-04", r.header.Get("X-Shopify-API-Version"))
		require.Equal(t, "evt-1", r.header.Get("X-Shopify-Event-Id"))
		require.Regexp(t, `^[0-9a-f-]{36}$`, r.header.Get("X-Shopify-Webhook-Id"))
		_, err := time.Parse(time.RFC3339Nano, r.header.Get("X-Shopify-Triggered-At"))
		require.NoError(t, err)
		require.Equal(t, "application/json", r.header.Get("Content-Type"))
	}
	require.NotEqual(t, got[0].header.Get("X-Shopify-Webhook-Id"), got[1].header.Get("X-Shopify-Webhook-Id"))

	status, out = e.control(http.MethodPost, "/_control/shops/"+testShop+"/webhooks", map[string]any{"topic": "bogus/topic", "payload": json.RawMessage(`{}`)})
	require.Equal(t, http.StatusBadRequest, status, out)
}

func TestTagsAdd(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	ids, err := e.sb.SeedCustomers(testShop, 1, nil)
	require.NoError(t, err)
	tok, _ := e.token(false)
	const m = `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) {
		node { id ... on Customer { tags } } userErrors { field message } } }`
	for _, tc := range []struct {
		name      string
		id        string
		tags      any
		wantTags  []any
		userError string
	}{
		{"adds sorted", ids[0], []string{"vip", "Black Friday"}, []any{"Black Friday", "newsletter", "vip"}, ""},
		{"idempotent, comma list", ids[0], "VIP, returning", []any{"Black Friday", "newsletter", "returning", "vip"}, ""},
		{"unknown customer", "gid://shopify/Customer/1", []string{"x"}, nil, "Resource not found"},
		{"blank", ids[0], []string{" "}, nil, "Tags can't be blank"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, raw := e.graphql(tok, m, map[string]any{"id": tc.id, "tags": tc.tags})
			require.Equal(t, http.StatusOK, status)
			p := dig(out, "data", "tagsAdd")
			if tc.userError != "" {
				require.Equal(t, tc.userError, dig(p, "userErrors", 0, "message"), string(raw))
				require.Nil(t, dig(p, "node"))
				return
			}
			require.Empty(t, dig(p, "userErrors"), string(raw))
			require.Equal(t, tc.id, dig(p, "node", "id"))
			require.Equal(t, tc.wantTags, dig(p, "node", "tags"))
		})
	}
}

func TestControlAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
	}{
		{"invalid domain", http.MethodPost, "/_control/shops", map[string]any{"domain": "evil.com"}, http.StatusBadRequest},
		{"unknown shop", http.MethodGet, "/_control/shops/nope.myshopify.com", nil, http.StatusNotFound},
		{"unknown route", http.MethodPost, "/_control/shops/" + testShop + "/explode", nil, http.StatusNotFound},
		{"seed", http.MethodPost, "/_control/shops/" + testShop + "/customers", map[string]any{"count": 3, "customers": []map[string]any{{"email": "x@example.com"}}}, http.StatusOK},
		{"counters", http.MethodGet, "/_control/shops/" + testShop + "/counters", nil, http.StatusOK},
		{"state", http.MethodGet, "/_control/shops/" + testShop, nil, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := e.control(tc.method, tc.path, tc.body)
			require.Equal(t, tc.status, status, out)
			if tc.status >= 400 {
				require.NotEmpty(t, out["error"])
			}
		})
	}
	st, err := e.sb.Shop(testShop)
	require.NoError(t, err)
	require.Equal(t, 4, st.Customers)
	require.Equal(t, "EUR", st.Currency)

	// The GraphQL API of an unknown shop or version is a 404.
	status, _, body := e.do(http.MethodPost, "/nope.myshopify.com/admin/api/2026-04/graphql.json", nil, strings.NewReader(`{}`))
	require.Equal(t, http.StatusNotFound, status, string(body))
	status, _, _ = e.do(http.MethodPost, "/"+testShop+"/admin/api/2019-01/graphql.json", nil, strings.NewReader(`{}`))
	require.Equal(t, http.StatusNotFound, status)
	_, err = e.sb.TriggerWebhook(context.Background(), "nope.myshopify.com", "orders/create", []byte(`{}`), "")
	require.ErrorIs(t, err, sandbox.ErrNoShop)
}
