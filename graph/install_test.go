package graph_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	appInstallQuery = `query($t: String!) { appInstall(token: $t) { shop accountName connector { slug }
		workspaces { id name } connectedWorkspaceIds agencies { id name } } }`
	completeInstall = `mutation($in: CompleteAppInstallInput!) { completeAppInstall(input: $in) {
		workspace { id name } connection { id name status sandbox webhookUrl connector { slug } } } }`
)

// installURL is the App URL as Shopify's App Store sends a merchant to it:
// shop, timestamp and host signed with the app's secret.
func installURL(h *testenv.Hub, shop string, at time.Time) string {
	q := url.Values{"shop": {shop}, "timestamp": {strconv.FormatInt(at.Unix(), 10)},
		"host": {base64.RawURLEncoding.EncodeToString([]byte("admin.shopify.com/store/" + strings.TrimSuffix(shop, ".myshopify.com")))}}
	q.Set("hmac", shopify.SignQuery(q, h.App.OAuthApps["shopify"].ClientSecret))
	return h.URL + "/apps/shopify?" + q.Encode()
}

// install walks a browser from the App Store's install link through consent
// to the landing page and returns the landing token.
func install(t *testing.T, h *testenv.Hub, browser *http.Client, shop string) string {
	t.Helper()
	// The sandbox's App Store listing sends the browser to the App URL.
	status, appURL, body := visit(t, browser, h.URL+"/sandbox/shopify/apps/switchboard/install?shop="+shop)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.True(t, strings.HasPrefix(appURL, h.URL+"/apps/shopify?"), appURL)
	status, authorize, body := visit(t, browser, appURL)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.True(t, strings.HasPrefix(authorize, h.URL+"/sandbox/shopify/"+shop+"/admin/oauth/authorize?"), authorize)
	status, landing, body := visit(t, browser, consent(t, browser, authorize))
	require.Equal(t, http.StatusSeeOther, status, body)
	token, ok := strings.CutPrefix(landing, "/install/")
	require.True(t, ok, landing)
	return token
}

// sandboxControl calls the Shopify sandbox's control API.
func sandboxControl(t *testing.T, h *testenv.Hub, method, path string, body any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, h.URL+"/sandbox/shopify/_control/shops/"+path, bytes.NewReader(b))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	require.Less(t, resp.StatusCode, 300, "%s %s: %v", method, path, out)
	return out
}

func subscribedTopics(t *testing.T, h *testenv.Hub, shop string) map[string]string {
	subs := sandboxControl(t, h, http.MethodGet, shop+"/webhooks", nil)["subscriptions"].([]any)
	out := map[string]string{}
	for _, s := range subs {
		m := s.(map[string]any)
		out[m["topic"].(string)] = m["callbackUrl"].(string)
	}
	return out
}

func TestShopifyAppStoreInstall(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		const shop = "merchant-one.myshopify.com"
		merchant := h.NewClient()
		token := install(t, h, merchant.Browser(), shop)

		// The landing shows the store to whoever holds the token; a stranger
		// signed in elsewhere sees no choices of the merchant's.
		pending := merchant.MustDo(t, appInstallQuery, map[string]any{"t": token})
		require.Equal(t, shop, pending.String("appInstall.shop"))
		require.NotEmpty(t, pending.String("appInstall.accountName"))
		require.Equal(t, "shopify", pending.String("appInstall.connector.slug"))
		require.Empty(t, pending.Get("appInstall.workspaces"))
		require.Nil(t, merchant.MustDo(t, appInstallQuery, map[string]any{"t": token + "x"}).Get("appInstall"))

		// Completing needs a signed-in merchant.
		r := merchant.Do(t, completeInstall, map[string]any{"in": map[string]any{"token": token, "agencyId": "QWdlbmN5OjE"}})
		require.Equal(t, "UNAUTHENTICATED", r.Code())

		// The merchant signs up, then puts the store in a new workspace.
		signUp := merchant.MustDo(t, `mutation($in: SignUpInput!) { signUp(input: $in) { viewer { memberships { agency { id } } } } }`,
			map[string]any{"in": map[string]any{"agencyName": "Merchant One", "name": "Mia", "email": "mia@merchant.example", "password": "correct horse battery"}})
		agency := signUp.Get("signUp.viewer.memberships").([]any)[0].(map[string]any)["agency"].(map[string]any)["id"].(string)
		pending = merchant.MustDo(t, appInstallQuery, map[string]any{"t": token})
		require.Len(t, pending.Get("appInstall.agencies"), 1)

		done := merchant.MustDo(t, completeInstall, map[string]any{"in": map[string]any{"token": token, "agencyId": agency}})
		ws := done.String("completeAppInstall.workspace.id")
		require.Equal(t, pending.String("appInstall.accountName"), done.String("completeAppInstall.workspace.name"))
		require.Equal(t, "ACTIVE", done.String("completeAppInstall.connection.status"))
		require.Equal(t, true, done.Get("completeAppInstall.connection.sandbox"))
		hook := done.String("completeAppInstall.connection.webhookUrl")
		require.True(t, strings.HasPrefix(hook, h.URL+"/webhooks/shopify/"), hook)

		// The landing token is used up.
		r = merchant.Do(t, completeInstall, map[string]any{"in": map[string]any{"token": token, "agencyId": agency}})
		require.Equal(t, "NOT_FOUND", r.Code())
		require.Nil(t, merchant.MustDo(t, appInstallQuery, map[string]any{"t": token}).Get("appInstall"))

		// The hub subscribes the store's webhooks through the Admin API.
		require.Eventually(t, func() bool { return len(subscribedTopics(t, h, shop)) == len(shopify.SubscribedTopics) }, 15*time.Second, 100*time.Millisecond)
		topics := subscribedTopics(t, h, shop)
		require.Equal(t, hook, topics["APP_UNINSTALLED"])
		require.Equal(t, hook, topics["ORDERS_CREATE"])

		// An order webhook is stored once, however often it is delivered.
		order := map[string]any{"topic": "orders/create", "eventId": "evt-order-1",
			"payload": map[string]any{"id": 820982911946154508, "email": "buyer@example.com", "total_price": "98.00", "currency": "USD"}}
		for range 3 {
			ds := sandboxControl(t, h, http.MethodPost, shop+"/webhooks", order)["deliveries"].([]any)
			require.Len(t, ds, 1)
			require.EqualValues(t, 200, ds[0].(map[string]any)["status"])
		}
		require.Equal(t, 1, countRows(t, h, "webhook_events"))
		require.Eventually(t, func() bool {
			var n int
			_ = h.App.DB.Bun.NewRaw("SELECT count(*) FROM webhook_events WHERE processed_at IS NOT NULL").Scan(t.Context(), &n)
			return n == 1
		}, 15*time.Second, 100*time.Millisecond)

		// Uninstalling the app disables the connection and erases its tokens.
		ds := sandboxControl(t, h, http.MethodPost, shop+"/uninstall", nil)["deliveries"].([]any)
		require.Len(t, ds, 1)
		require.EqualValues(t, 200, ds[0].(map[string]any)["status"])
		conns := `query($w: ID!) { connections(workspaceId: $w) { id status lastError } }`
		require.Eventually(t, func() bool {
			return merchant.MustDo(t, conns, map[string]any{"w": ws}).String("connections.0.status") == "DISABLED"
		}, 15*time.Second, 100*time.Millisecond)
		require.Contains(t, merchant.MustDo(t, conns, map[string]any{"w": ws}).String("connections.0.lastError"), "uninstalled")
		var creds string
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT credentials FROM connections").Scan(t.Context(), &creds))
		require.Empty(t, creds)

		// Installing again from the App Store renews the same connection in
		// the merchant's workspace, which the landing offers first.
		token = install(t, h, merchant.Browser(), shop)
		pending = merchant.MustDo(t, appInstallQuery, map[string]any{"t": token})
		require.Equal(t, []any{ws}, pending.Get("appInstall.connectedWorkspaceIds"))
		require.Equal(t, ws, pending.String("appInstall.workspaces.0.id"))
		done = merchant.MustDo(t, completeInstall, map[string]any{"in": map[string]any{"token": token, "workspaceId": ws}})
		require.Equal(t, "ACTIVE", done.String("completeAppInstall.connection.status"))
		require.Equal(t, 1, countRows(t, h, "connections"))
		log := merchant.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a) { edges { node { action } } } }`, map[string]any{"a": agency})
		var actions []string
		for _, e := range log.Get("auditLog.edges").([]any) {
			actions = append(actions, e.(map[string]any)["node"].(map[string]any)["action"].(string))
		}
		require.Subset(t, actions, []string{"workspace.created", "connection.created", "connection.uninstalled", "connection.reconnected"})
	})
}

func TestShopifyInstallRequestsThatMustBeRefused(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		secret := h.App.OAuthApps["shopify"].ClientSecret
		signed := func(q url.Values) string {
			q.Set("hmac", shopify.SignQuery(q, secret))
			return h.URL + "/apps/shopify?" + q.Encode()
		}
		now := strconv.FormatInt(time.Now().Unix(), 10)
		good := url.Values{"shop": {"fine.myshopify.com"}, "timestamp": {now}}
		tampered := url.Values{"shop": {"other.myshopify.com"}, "timestamp": {now}, "hmac": {shopify.SignQuery(good, secret)}}
		cases := map[string]string{
			"no hmac":         h.URL + "/apps/shopify?shop=fine.myshopify.com&timestamp=" + now,
			"tampered shop":   h.URL + "/apps/shopify?" + tampered.Encode(),
			"wrong secret":    h.URL + "/apps/shopify?shop=fine.myshopify.com&timestamp=" + now + "&hmac=" + strings.Repeat("ab", 32),
			"stale timestamp": signed(url.Values{"shop": {"fine.myshopify.com"}, "timestamp": {strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10)}}),
			"future":          signed(url.Values{"shop": {"fine.myshopify.com"}, "timestamp": {strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)}}),
			"no timestamp":    signed(url.Values{"shop": {"fine.myshopify.com"}}),
			"two shops":       signed(url.Values{"shop": {"fine.myshopify.com", "evil.myshopify.com"}, "timestamp": {now}}),
		}
		for _, shop := range []string{"evil.com", "x.myshopify.com.evil.com", "evilmyshopify.com", "FINE.myshopify.com",
			"fine.myshopify.com.", "fine.myshopify.com/", "user@fine.myshopify.com", "fine%2emyshopify.com", "-fine.myshopify.com", ""} {
			cases["shop "+shop] = signed(url.Values{"shop": {shop}, "timestamp": {now}})
		}
		for name, target := range cases {
			status, location, body := visit(t, h.NewClient().Browser(), target)
			require.Equal(t, http.StatusUnauthorized, status, "%s: %s", name, location)
			require.Contains(t, body, "did not verify", name)
		}
		require.Equal(t, 0, countRows(t, h, "app_installs"), "a refused install writes nothing")

		// A good request is accepted; its consent is bound to that browser.
		browser := h.NewClient().Browser()
		status, authorize, _ := visit(t, browser, signed(good))
		require.Equal(t, http.StatusSeeOther, status)
		callback := consent(t, browser, authorize)
		status, _, body := visit(t, h.NewClient().Browser(), callback)
		require.Equal(t, http.StatusForbidden, status, "another browser")
		require.Contains(t, body, "another browser")
		status, _, _ = visit(t, browser, callback)
		require.Equal(t, http.StatusNotFound, status, "the state was used up by the refused attempt")
	})
}

// shopifySigned is a webhook body signed as Shopify signs it.
func shopifySigned(t *testing.T, h *testenv.Hub, target, topic, shop, eventID string, body []byte, secret string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	require.NoError(t, err)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Shopify-Topic", topic)
	req.Header.Set("X-Shopify-Shop-Domain", shop)
	req.Header.Set("X-Shopify-Event-Id", eventID)
	req.Header.Set("X-Shopify-Hmac-Sha256", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestShopifyComplianceAndConnectionWebhooks(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Compliance")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Store"}).String("createWorkspace.id")
		const shop = "privacy.myshopify.com"
		start := owner.MustDo(t, startShopify, map[string]any{"w": ws, "shop": shop}).String("startConnection.authorizeUrl")
		status, _, _ := visit(t, owner.Browser(), consent(t, owner.Browser(), start))
		require.Equal(t, http.StatusSeeOther, status)
		hook := owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { webhookUrl } }`, map[string]any{"w": ws}).String("connections.0.webhookUrl")
		secret := h.App.OAuthApps["shopify"].ClientSecret.Reveal()
		compliance := h.URL + "/apps/shopify/webhooks"

		customer := []byte(`{"id":207119551,"email":"bob@example.com","total_price":"10.00"}`)
		require.Equal(t, 200, shopifySigned(t, h, hook, "customers/create", shop, "evt-c1", customer, secret))
		require.Equal(t, 200, shopifySigned(t, h, hook, "orders/create", shop, "evt-o1", []byte(`{"id":1,"customer":{"id":5550001}}`), secret))

		// Bad signatures get 401 and store nothing, on both URLs.
		redact := []byte(`{"shop_id":954889,"shop_domain":"privacy.myshopify.com","customer":{"id":207119551,"email":"bob@example.com","phone":"555-625-1199"},"orders_to_redact":[299938]}`)
		require.Equal(t, 401, shopifySigned(t, h, compliance, "customers/redact", shop, "evt-r1", redact, "not-the-secret"))
		require.Equal(t, 401, shopifySigned(t, h, hook, "orders/create", shop, "evt-o2", []byte(`{"id":2}`), "not-the-secret"))
		require.Equal(t, 404, shopifySigned(t, h, h.URL+"/webhooks/shopify/no-such-token", "orders/create", shop, "evt-o3", []byte(`{"id":3}`), secret))
		// A delivery signed by the app but for another shop is refused too.
		require.Equal(t, 401, shopifySigned(t, h, hook, "orders/create", "other.myshopify.com", "evt-o4", []byte(`{"id":4}`), secret))
		// Over the size limit: 413 before any signature work.
		require.Equal(t, 413, shopifySigned(t, h, hook, "orders/create", shop, "evt-big", bytes.Repeat([]byte("x"), 2<<20), secret))
		require.Equal(t, 2, countRows(t, h, "webhook_events"))

		// A customer redaction erases the events that mention the customer.
		require.Equal(t, 200, shopifySigned(t, h, compliance, "customers/redact", shop, "evt-r1", redact, secret))
		require.Eventually(t, func() bool { return countRows(t, h, "webhook_events") == 2 }, 15*time.Second, 100*time.Millisecond,
			"the customer's event is erased; the order and the request remain")
		var topics []string
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT topic FROM webhook_events ORDER BY topic").Scan(t.Context(), &topics))
		require.Equal(t, []string{"customers/redact", "orders/create"}, topics)

		// A data request is recorded for the agency to answer.
		request := []byte(`{"shop_id":954889,"shop_domain":"privacy.myshopify.com","customer":{"id":5550001,"email":"ann@example.com"},"orders_requested":[1],"data_request":{"id":9999}}`)
		require.Equal(t, 200, shopifySigned(t, h, compliance, "customers/data_request", shop, "evt-d1", request, secret))
		audit := `query($a: ID!, $act: String!) { auditLog(agencyId: $a, action: $act) { edges { node { summary } } } }`
		require.Eventually(t, func() bool {
			return len(owner.MustDo(t, audit, map[string]any{"a": owner.AgencyID, "act": "privacy.data_requested"}).Get("auditLog.edges").([]any)) == 1
		}, 15*time.Second, 100*time.Millisecond)
		summary := owner.MustDo(t, audit, map[string]any{"a": owner.AgencyID, "act": "privacy.data_requested"}).String("auditLog.edges.0.node.summary")
		require.Contains(t, summary, "5550001")
		require.Contains(t, summary, "1 stored events")

		// The sandbox's own compliance delivery (signed by the emulator) is accepted.
		d := sandboxControl(t, h, http.MethodPost, shop+"/compliance", map[string]any{"topic": "customers/data_request"})["delivery"].(map[string]any)
		require.EqualValues(t, 200, d["status"], d)

		// A shop redaction erases everything held for the shop.
		require.Equal(t, 200, shopifySigned(t, h, compliance, "shop/redact", shop, "evt-s1", []byte(`{"shop_id":954889,"shop_domain":"privacy.myshopify.com"}`), secret))
		require.Eventually(t, func() bool {
			return owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { status } }`, map[string]any{"w": ws}).String("connections.0.status") == "DISABLED"
		}, 15*time.Second, 100*time.Millisecond)
		require.Equal(t, 1, countRows(t, h, "webhook_events"), "only the redaction request itself remains")

		// Compliance webhooks for a shop nobody connected are acknowledged.
		require.Equal(t, 200, shopifySigned(t, h, compliance, "shop/redact", "stranger.myshopify.com", "evt-s2", []byte(`{"shop_id":1,"shop_domain":"stranger.myshopify.com"}`), secret))
	})
}
