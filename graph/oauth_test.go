package graph_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const startShopify = `mutation($w: ID!, $shop: String!) { startConnection(input: {workspaceId: $w, connector: "shopify", values: [{name: "shop", value: $shop}]}) { authorizeUrl } }`

// consent plays the merchant on the sandbox's consent page: it presses
// "Install app" and returns the URL Shopify sends the browser back to.
func consent(t *testing.T, browser *http.Client, authorizeURL string) string {
	t.Helper()
	u, err := url.Parse(authorizeURL)
	require.NoError(t, err)
	page, err := browser.Get(authorizeURL)
	require.NoError(t, err)
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	require.Equal(t, http.StatusOK, page.StatusCode, string(body))
	require.Contains(t, string(body), "Install app")
	q := u.Query()
	form := url.Values{"client_id": {q.Get("client_id")}, "scope": {q.Get("scope")}, "redirect_uri": {q.Get("redirect_uri")}, "state": {q.Get("state")}}
	resp, err := browser.PostForm(strings.TrimSuffix(u.Scheme+"://"+u.Host+u.Path, "/")+"/approve", form)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	return resp.Header.Get("Location")
}

func visit(t *testing.T, browser *http.Client, target string) (int, string, string) {
	t.Helper()
	resp, err := browser.Get(target)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func countRows(t *testing.T, h *testenv.Hub, table string) int {
	var n int
	require.NoError(t, h.App.DB.Bun.NewRaw("SELECT count(*) FROM "+table).Scan(t.Context(), &n))
	return n
}

func TestShopifyOAuthDanceAgainstTheSandbox(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "OAuth Agency")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Acme"}).String("createWorkspace.id")

		start := owner.MustDo(t, startShopify, map[string]any{"w": ws, "shop": "acme.myshopify.com"})
		authorize := start.String("startConnection.authorizeUrl")
		require.True(t, strings.HasPrefix(authorize, h.URL+"/sandbox/shopify/acme.myshopify.com/admin/oauth/authorize?"), authorize)
		au, _ := url.Parse(authorize)
		require.Equal(t, h.URL+"/oauth/shopify/callback", au.Query().Get("redirect_uri"), "one exact redirect URI")
		require.Contains(t, au.Query().Get("scope"), "read_orders,")

		callback := consent(t, owner.Browser(), authorize)
		require.True(t, strings.HasPrefix(callback, h.URL+"/oauth/shopify/callback?"), callback)
		status, location, _ := visit(t, owner.Browser(), callback)
		require.Equal(t, http.StatusSeeOther, status)
		require.Contains(t, location, "/workspaces/"+ws+"/connections?connected=")

		list := owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { id name status sandbox connector { slug } values { name value } } }`, map[string]any{"w": ws})
		conns := list.Get("connections").([]any)
		require.Len(t, conns, 1)
		c := conns[0].(map[string]any)
		require.Equal(t, "ACTIVE", c["status"])
		require.Equal(t, true, c["sandbox"])
		require.Contains(t, location, c["id"].(string))

		// The callback is single use: replaying it changes nothing.
		status, _, body := visit(t, owner.Browser(), callback)
		require.Equal(t, http.StatusNotFound, status)
		require.Contains(t, body, "expired or was already used")
		require.Equal(t, 1, countRows(t, h, "connections"))

		// Testing the connection calls Shopify with the token; once the shop
		// revokes it, the test says so.
		test := `mutation($id: ID!) { testConnection(id: $id) { status lastError } }`
		require.Equal(t, "ACTIVE", owner.MustDo(t, test, map[string]any{"id": c["id"]}).String("testConnection.status"))
		resp, err := http.Post(h.URL+"/sandbox/shopify/_control/shops/acme.myshopify.com/revoke", "application/json", strings.NewReader("{}"))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusNoContent, resp.StatusCode)
		r := owner.MustDo(t, test, map[string]any{"id": c["id"]})
		require.Equal(t, "ERROR", r.String("testConnection.status"))
		require.Equal(t, "Shopify did not accept the connection's token", r.String("testConnection.lastError"))

		// Reconnect renews the same connection through a new consent.
		again := owner.MustDo(t, `mutation($id: ID!) { reconnect(id: $id) { authorizeUrl } }`, map[string]any{"id": c["id"]}).String("reconnect.authorizeUrl")
		status, location, _ = visit(t, owner.Browser(), consent(t, owner.Browser(), again))
		require.Equal(t, http.StatusSeeOther, status)
		require.Contains(t, location, "connected="+c["id"].(string))
		require.Equal(t, "ACTIVE", owner.MustDo(t, test, map[string]any{"id": c["id"]}).String("testConnection.status"))
		require.Equal(t, 1, countRows(t, h, "connections"), "the same connection, renewed")
		log := owner.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a, action: "connection.reconnected") { totalCount } }`, map[string]any{"a": owner.AgencyID})
		require.EqualValues(t, 1, log.Get("auditLog.totalCount"))

		var creds string
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT credentials FROM connections").Scan(t.Context(), &creds))
		require.True(t, strings.HasPrefix(creds, "v1."))
		require.NotContains(t, creds, "shpat", "tokens are sealed")
	})
}

func TestOAuthCallbacksThatMustBeRefused(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Refusals")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Shop"}).String("createWorkspace.id")
		begin := func() string {
			return consent(t, owner.Browser(), owner.MustDo(t, startShopify, map[string]any{"w": ws, "shop": "acme.myshopify.com"}).String("startConnection.authorizeUrl"))
		}
		cases := []struct {
			name   string
			call   func() (int, string)
			status int
		}{
			{"from another browser", func() (int, string) {
				cb := begin()
				other := h.NewClient()
				other.SetCookies(mustURL(h.URL), owner.Cookies()) // signed in, but without the OAuth binding cookie
				s, _, b := visit(t, other.Browser(), cb)
				return s, b
			}, http.StatusForbidden},
			{"for another provider", func() (int, string) {
				cb := strings.Replace(begin(), "/oauth/shopify/", "/oauth/hubspot/", 1)
				s, _, b := visit(t, owner.Browser(), cb)
				return s, b
			}, http.StatusForbidden},
			{"with a tampered hmac", func() (int, string) {
				cb := strings.Replace(begin(), "hmac=", "hmac=00", 1)
				s, _, b := visit(t, owner.Browser(), cb)
				return s, b
			}, http.StatusForbidden},
			{"naming another shop", func() (int, string) {
				cb := strings.Replace(begin(), "shop=acme.myshopify.com", "shop=evil.myshopify.com", 1)
				s, _, b := visit(t, owner.Browser(), cb)
				return s, b
			}, http.StatusForbidden},
			{"without state", func() (int, string) {
				s, _, b := visit(t, owner.Browser(), h.URL+"/oauth/shopify/callback?code=x&shop=acme.myshopify.com")
				return s, b
			}, http.StatusBadRequest},
			{"with an unknown state", func() (int, string) {
				s, _, b := visit(t, owner.Browser(), h.URL+"/oauth/shopify/callback?code=x&state=forged&shop=acme.myshopify.com")
				return s, b
			}, http.StatusNotFound},
			{"after the state expired", func() (int, string) {
				cb := begin()
				_, err := h.App.DB.Bun.NewRaw("UPDATE oauth_states SET expires_at = ?", "2000-01-01 00:00:00+00:00").Exec(t.Context())
				require.NoError(t, err)
				s, _, b := visit(t, owner.Browser(), cb)
				return s, b
			}, http.StatusNotFound},
		}
		for _, c := range cases {
			status, body := c.call()
			require.Equal(t, c.status, status, "%s: %s", c.name, body)
			require.Zero(t, countRows(t, h, "connections"), "%s wrote a connection", c.name)
		}

		// None of the refused answers reached Shopify's token endpoint.
		resp, err := http.Get(h.URL + "/sandbox/shopify/_control/shops/acme.myshopify.com/counters")
		require.NoError(t, err)
		var counters struct {
			Authorizations int `json:"authorizations"`
			CodeExchanges  int `json:"codeExchanges"`
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&counters))
		resp.Body.Close()
		require.Positive(t, counters.Authorizations)
		require.Zero(t, counters.CodeExchanges, "no refused callback exchanged its code")

		// Invalid shops never produce a consent URL nor a state row.
		states := countRows(t, h, "oauth_states")
		for _, shop := range []string{"evil.com", "x.myshopify.com.evil.com", "evilmyshopify.com", "ACME.myshopify.com", "acme.myshopify.com.",
			"acme.myshopify.com/", "user@acme.myshopify.com", "acme%2emyshopify.com", "https://acme.myshopify.com"} {
			r := owner.Do(t, startShopify, map[string]any{"w": ws, "shop": shop})
			require.Equal(t, "VALIDATION_FAILED", r.Code(), shop)
			require.Contains(t, r.Fields(), "values.shop", shop)
		}
		require.Equal(t, states, countRows(t, h, "oauth_states"))

		// API tokens cannot start a consent: it is bound to a browser.
		secret := owner.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "t", access: READ_WRITE}) { secret } }`, map[string]any{"a": owner.AgencyID}).String("createApiToken.secret")
		require.Equal(t, "FORBIDDEN", h.WithToken(secret).Do(t, startShopify, map[string]any{"w": ws, "shop": "acme.myshopify.com"}).Code())
	})
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
