package shopify_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// actionEnv is a sandbox over real HTTP, the connection as the hub passes
// it to RunAction, and a token.
func actionEnv(t *testing.T) (*sandbox.Sandbox, *shopify.Client, connectors.ActionCall) {
	t.Helper()
	sb, _, client, srv := oqSandbox(t)
	tok := clToken(t, sb, true)
	call := connectors.ActionCall{Token: tok, Conn: connectors.Conn{Config: map[string]string{"shop": oqShop},
		Env: connectors.Env{HTTP: client.HTTP, SandboxBase: srv.URL + "/sandbox/shopify"}}}
	return sb, client, call
}

func run(t *testing.T, call connectors.ActionCall, action, key string, input map[string]string) (connectors.ActionResult, *connectors.ActionError) {
	t.Helper()
	call.Action, call.IdempotencyKey, call.Input = action, key, input
	res, err := shopify.Connector{}.RunAction(context.Background(), call)
	if err == nil {
		return res, nil
	}
	ae, ok := err.(*connectors.ActionError)
	require.True(t, ok, "%T: %v", err, err)
	require.NotContains(t, ae.Message+ae.Response, call.Token.Reveal())
	return res, ae
}

func TestRunActionTagCustomer(t *testing.T) {
	t.Parallel()
	sb, client, call := actionEnv(t)
	ids, err := sb.SeedCustomers(oqShop, 0, []sandbox.CustomerSeed{{Email: "ada@example.com", Tags: []string{}}})
	require.NoError(t, err)
	numeric := ids[0][len("gid://shopify/Customer/"):]

	res, ae := run(t, call, "tag_customer", "k1", map[string]string{"customerId": numeric, "tags": "vip, winback"})
	require.Nil(t, ae)
	require.Equal(t, map[string]string{"customerId": ids[0], "tags": "vip, winback"}, res.Output)
	require.NotEmpty(t, res.Summary)
	_, ae = run(t, call, "tag_customer", "k1", map[string]string{"customerId": ids[0], "tags": "vip\nloyal"})
	require.Nil(t, ae, "a gid works too, and a tag the customer has is no error")

	page, _, err := client.Customers(context.Background(), oqShop, call.Token, 10, "")
	require.NoError(t, err)
	require.Equal(t, []string{"loyal", "vip", "winback"}, page.Customers[0].Tags)

	before, _ := sb.Counters(oqShop)
	for name, in := range map[string]map[string]string{
		"not an id":    {"customerId": "ada@example.com", "tags": "vip"},
		"another gid":  {"customerId": "gid://shopify/Order/1", "tags": "vip"},
		"no tags":      {"customerId": numeric, "tags": " , "},
		"no customer":  {"tags": "vip"},
		"extra spaces": {"customerId": " ", "tags": "vip"},
	} {
		_, ae := run(t, call, "tag_customer", "k2", in)
		require.NotNil(t, ae, name)
		require.True(t, ae.Permanent, name)
	}
	after, _ := sb.Counters(oqShop)
	require.Equal(t, before.APICalls, after.APICalls, "bad input never reaches Shopify")

	_, ae = run(t, call, "tag_customer", "k3", map[string]string{"customerId": "999", "tags": "vip"})
	require.NotNil(t, ae)
	require.True(t, ae.Permanent)
	require.Equal(t, "Shopify refused: Resource not found", ae.Message)
	require.Contains(t, ae.Response, "tagsAdd")
}

func TestRunActionCreateDiscountCode(t *testing.T) {
	t.Parallel()
	sb, _, call := actionEnv(t)
	in := map[string]string{"percentage": "15", "expiresInDays": "30"}
	start := time.Now().UTC().Truncate(time.Second)

	res, ae := run(t, call, "create_discount_code", "evt-1.rule-2.step-3", in)
	require.Nil(t, ae)
	code := shopify.DiscountCodeFor("evt-1.rule-2.step-3")
	require.Regexp(t, `^SB-[A-Z2-7]{8}$`, code)
	require.Equal(t, map[string]string{"code": code, "percent": "15"}, res.Output)
	require.Contains(t, res.Summary, "created")

	st, err := sb.Shop(oqShop)
	require.NoError(t, err)
	require.Len(t, st.Discounts, 1)
	d := st.Discounts[0]
	require.Equal(t, code, d.Code)
	require.Equal(t, 0.15, d.Percentage)
	require.Equal(t, 1, *d.UsageLimit)
	require.True(t, d.AppliesOncePerCustomer)
	require.WithinDuration(t, start, d.StartsAt, 5*time.Second)
	require.Equal(t, 30*24*time.Hour, d.EndsAt.Sub(d.StartsAt))

	// A retry of the same step (its first attempt did reach Shopify) asks
	// for the same code, finds it taken and succeeds without a second one.
	res, ae = run(t, call, "create_discount_code", "evt-1.rule-2.step-3", in)
	require.Nil(t, ae)
	require.Equal(t, map[string]string{"code": code, "percent": "15"}, res.Output)
	require.Contains(t, res.Summary, "already existed")
	st, _ = sb.Shop(oqShop)
	require.Len(t, st.Discounts, 1)

	// Another step gets another code; no expiry means none.
	res, ae = run(t, call, "create_discount_code", "evt-9.rule-2.step-3", map[string]string{"percentage": "12.5"})
	require.Nil(t, ae)
	require.NotEqual(t, code, res.Output["code"])
	require.Equal(t, "12.5", res.Output["percent"])
	st, _ = sb.Shop(oqShop)
	require.Len(t, st.Discounts, 2)
	require.Nil(t, st.Discounts[1].EndsAt)
	require.Equal(t, 0.125, st.Discounts[1].Percentage)

	for name, tc := range map[string]struct {
		key string
		in  map[string]string
	}{
		"no percentage":  {"k", map[string]string{"expiresInDays": "3"}},
		"zero percent":   {"k", map[string]string{"percentage": "0"}},
		"too many days":  {"k", map[string]string{"percentage": "10", "expiresInDays": "400"}},
		"not a number":   {"k", map[string]string{"percentage": "ten"}},
		"no idempotency": {"", map[string]string{"percentage": "10"}},
	} {
		_, ae := run(t, call, "create_discount_code", tc.key, tc.in)
		require.NotNil(t, ae, name)
		require.True(t, ae.Permanent, name)
	}
}

func TestRunActionErrors(t *testing.T) {
	t.Parallel()
	sb, _, call := actionEnv(t)
	in := map[string]string{"percentage": "10"}

	require.NoError(t, sb.FailNext(oqShop, 1, http.StatusServiceUnavailable))
	_, ae := run(t, call, "create_discount_code", "e1", in)
	require.NotNil(t, ae)
	require.False(t, ae.Permanent, "a 503 is worth retrying")
	require.Contains(t, ae.Response, "HTTP 503")
	st, _ := sb.Shop(oqShop)
	require.Empty(t, st.Discounts)
	_, ae = run(t, call, "create_discount_code", "e1", in)
	require.Nil(t, ae, "the retry goes through")

	require.NoError(t, sb.FailNext(oqShop, 1, http.StatusTooManyRequests))
	_, ae = run(t, call, "create_discount_code", "e2", in)
	require.False(t, ae.Permanent)
	require.Equal(t, 2*time.Second, ae.RetryAfter, "Retry-After: 2.0")

	require.NoError(t, sb.Drain(oqShop))
	_, ae = run(t, call, "create_discount_code", "e2", in)
	require.False(t, ae.Permanent)
	require.Positive(t, ae.RetryAfter, "THROTTLED waits for the bucket")
	require.Contains(t, ae.Response, "throttled")

	require.NoError(t, sb.FailNext(oqShop, 1, http.StatusForbidden))
	_, ae = run(t, call, "tag_customer", "e3", map[string]string{"customerId": "1", "tags": "x"})
	require.True(t, ae.Permanent, "a 403 will not go away")
	require.Contains(t, ae.Response, "HTTP 403")

	revoked := call
	revoked.Token = secrets.New("shpat_revoked_or_unknown")
	_, ae = run(t, revoked, "create_discount_code", "e4", in)
	require.False(t, ae.Permanent, "the hub brings a fresh token to the next attempt")
	require.Contains(t, ae.Message, "reconnect")
	require.Contains(t, ae.Response, "HTTP 401")

	_, ae = run(t, call, "delete_store", "e5", nil)
	require.True(t, ae.Permanent)
}
