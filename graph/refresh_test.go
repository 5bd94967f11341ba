package graph_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
	"github.com/switchboard-hub/switchboard/internal/hub"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const raceShop = "race.myshopify.com"

// connectThroughExternalSandbox starts two hubs on one PostgreSQL database,
// both configured with a Shopify app at a sandbox running outside them (as
// the real Shopify would be), and connects the shop through the first.
type externalShopify struct {
	sb *sandbox.Sandbox
	// tokenOutage makes the token endpoint answer 503, as during an outage.
	tokenOutage atomic.Bool
	// loseTokenResponse lets Shopify handle the next token request (and
	// rotate the refresh token) but loses its answer on the way back.
	loseTokenResponse atomic.Bool
}

func (e *externalShopify) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/admin/oauth/access_token") {
		if e.tokenOutage.Load() {
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		if e.loseTokenResponse.CompareAndSwap(true, false) {
			e.sb.ServeHTTP(httptest.NewRecorder(), r)
			http.Error(w, "bad gateway", http.StatusBadGateway)
			return
		}
	}
	e.sb.ServeHTTP(w, r)
}

func connectThroughExternalSandbox(t *testing.T) (*externalShopify, string, [2]*testenv.Hub, string, *testenv.Account) {
	ext := &externalShopify{sb: sandbox.New(sandbox.Options{ClientID: "race-app", ClientSecret: "race-secret-0123456789"})}
	srv := httptest.NewServer(ext)
	t.Cleanup(srv.Close)
	db := testenv.NewTarget(t, "postgres")
	env := map[string]string{"HUB_SHOPIFY_CLIENT_ID": "race-app", "HUB_SHOPIFY_CLIENT_SECRET": "race-secret-0123456789", "HUB_SHOPIFY_BASE_URL": srv.URL}
	hubs := [2]*testenv.Hub{testenv.StartHubWith(t, db, testenv.HubOptions{Env: env}), testenv.StartHubWith(t, db, testenv.HubOptions{Env: env})}

	owner := hubs[0].SignUp(t, "Racers")
	ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Race"}).String("createWorkspace.id")
	authorize := owner.MustDo(t, startShopify, map[string]any{"w": ws, "shop": raceShop}).String("startConnection.authorizeUrl")
	require.True(t, strings.HasPrefix(authorize, srv.URL+"/"+raceShop+"/admin/oauth/authorize"), authorize)
	status, location, body := visit(t, owner.Browser(), consent(t, owner.Browser(), authorize))
	require.Equal(t, 303, status, body)
	conn := location[strings.Index(location, "connected=")+len("connected="):]
	return ext, srv.URL, hubs, rawID(conn), owner
}

// TestRefreshIsSingleFlightAcrossProcesses: two hub processes × 50
// concurrent callers need a token whose access token has expired, while the
// provider rotates single-use refresh tokens: exactly one refresh reaches
// the provider and every caller gets a working token.
func TestRefreshIsSingleFlightAcrossProcesses(t *testing.T) {
	ext, base, hubs, connID, _ := connectThroughExternalSandbox(t)
	sb := ext.sb
	require.NoError(t, sb.ExpireAccessTokens(raceShop))
	_, err := hubs[0].App.DB.Bun.NewRaw("UPDATE connections SET token_expires_at = ? WHERE id = ?", "2000-01-01 00:00:00+00", connID).Exec(t.Context())
	require.NoError(t, err)
	before, err := sb.Counters(raceShop)
	require.NoError(t, err)

	tokens := make(chan string, 100)
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func(h *testenv.Hub) {
			defer wg.Done()
			tok, err := h.App.Hub.AccessToken(context.Background(), connID)
			require.NoError(t, err)
			tokens <- tok.Reveal()
		}(hubs[i%2])
	}
	wg.Wait()
	close(tokens)
	after, err := sb.Counters(raceShop)
	require.NoError(t, err)
	require.Equal(t, before.RefreshRequests+1, after.RefreshRequests, "exactly one refresh at the provider")

	seen := map[string]bool{}
	for tok := range tokens {
		seen[tok] = true
	}
	require.Len(t, seen, 1, "every caller got the same, new token")
	for tok := range seen {
		client := shopify.ClientFor(connectors.Env{SandboxBase: base})
		shop, err := client.Shop(context.Background(), raceShop, secretOf(tok))
		require.NoError(t, err, "the refreshed token works")
		require.NotEmpty(t, shop.Name)
	}
}

// TestRevokedGrantMarksNeedsReauthOnce: when the provider refuses the
// refresh token, the connection needs a new consent — recorded once, with
// no refresh loop.
func TestRevokedGrantMarksNeedsReauthOnce(t *testing.T) {
	ext, _, hubs, connID, owner := connectThroughExternalSandbox(t)
	sb := ext.sb
	require.NoError(t, sb.RevokeTokens(raceShop))
	before, _ := sb.Counters(raceShop)

	for i := 0; i < 3; i++ {
		err := hubs[i%2].App.Hub.RefreshConnection(context.Background(), connID)
		require.Error(t, err)
	}
	after, _ := sb.Counters(raceShop)
	require.Equal(t, before.RefreshRequests+1, after.RefreshRequests, "no refresh loop once the grant is gone")

	r := owner.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a, action: "connection.needs_reauth") { totalCount edges { node { summary } } } }`, map[string]any{"a": owner.AgencyID})
	require.EqualValues(t, 1, r.Get("auditLog.totalCount"), "one alert")
	var status string
	require.NoError(t, hubs[0].App.DB.Bun.NewRaw("SELECT status FROM connections WHERE id = ?", connID).Scan(t.Context(), &status))
	require.Equal(t, "NEEDS_REAUTH", status)
}

// TestProviderOutageDoesNotKillAConnection: 5xx on refresh leaves the
// connection active, to be retried.
func TestProviderOutageDoesNotKillAConnection(t *testing.T) {
	ext, _, hubs, connID, _ := connectThroughExternalSandbox(t)
	ext.tokenOutage.Store(true)
	err := hubs[0].App.Hub.RefreshConnection(context.Background(), connID)
	require.Error(t, err)
	var status string
	require.NoError(t, hubs[0].App.DB.Bun.NewRaw("SELECT status FROM connections WHERE id = ?", connID).Scan(t.Context(), &status))
	require.Equal(t, "ACTIVE", status)
	ext.tokenOutage.Store(false)
	require.NoError(t, hubs[1].App.Hub.RefreshConnection(context.Background(), connID), "the next try succeeds")
}

func secretOf(s string) secrets.Secret { return secrets.New(s) }

// TestLostRefreshResponse: Shopify rotated the refresh token but its answer
// never arrived. The hub keeps the connection (a lost answer is passing);
// the next refresh, with the now spent token, gets invalid_grant; as no
// other process holds a newer token, the connection needs a new consent —
// said once, with no refresh loop.
func TestLostRefreshResponse(t *testing.T) {
	ext, _, hubs, connID, owner := connectThroughExternalSandbox(t)
	ext.loseTokenResponse.Store(true)
	require.ErrorIs(t, hubs[0].App.Hub.RefreshConnection(context.Background(), connID), hub.ErrProviderUnavailable)
	var status string
	require.NoError(t, hubs[0].App.DB.Bun.NewRaw("SELECT status FROM connections WHERE id = ?", connID).Scan(t.Context(), &status))
	require.Equal(t, "ACTIVE", status, "a lost answer does not mark the connection dead")

	require.Error(t, hubs[1].App.Hub.RefreshConnection(context.Background(), connID))
	require.NoError(t, hubs[0].App.DB.Bun.NewRaw("SELECT status FROM connections WHERE id = ?", connID).Scan(t.Context(), &status))
	require.Equal(t, "NEEDS_REAUTH", status)
	before, _ := ext.sb.Counters(raceShop)
	require.Error(t, hubs[0].App.Hub.RefreshConnection(context.Background(), connID))
	after, _ := ext.sb.Counters(raceShop)
	require.Equal(t, before.RefreshRequests, after.RefreshRequests, "no refresh loop")
	r := owner.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a, action: "connection.needs_reauth") { totalCount } }`, map[string]any{"a": owner.AgencyID})
	require.EqualValues(t, 1, r.Get("auditLog.totalCount"), "one alert")
}
