package shopify_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// clToken issues a token for oqShop in the sandbox.
func clToken(t *testing.T, sb *sandbox.Sandbox, expiring bool) secrets.Secret {
	t.Helper()
	access, _, err := sb.IssueToken(oqShop, "read_customers,write_customers", expiring)
	require.NoError(t, err)
	return secrets.New(access)
}

func TestClientCustomersPagination(t *testing.T) {
	t.Parallel()
	sb, _, client, _ := oqSandbox(t)
	ids, err := sb.SeedCustomers(oqShop, 250, nil)
	require.NoError(t, err)
	tok := clToken(t, sb, true)
	ctx := context.Background()

	seen := map[string]int{}
	after, pages := "", 0
	for {
		page, cost, err := client.Customers(ctx, oqShop, tok, 100, after)
		require.NoError(t, err)
		count := 0 // customersCount, asked with the first page only
		if after == "" {
			count = 1
			require.Equal(t, 250, page.Total)
		} else {
			require.Equal(t, -1, page.Total)
		}
		pages++
		require.Equal(t, 2+100*3+count, cost.RequestedQueryCost)
		require.Equal(t, 2+len(page.Customers)*3+count, cost.ActualQueryCost)
		require.Equal(t, 2000.0, cost.MaximumAvailable)
		require.Equal(t, 100.0, cost.RestoreRate)
		for _, c := range page.Customers {
			seen[c.ID]++
			require.NotEmpty(t, c.Email)
			require.NotEmpty(t, c.FirstName)
			require.Equal(t, "EUR", c.AmountSpent.CurrencyCode)
			require.NotEmpty(t, c.AmountSpent.Amount)
			require.NotEmpty(t, c.EmailMarketingState)
			require.False(t, c.CreatedAt.IsZero())
		}
		if !page.HasNextPage {
			require.Len(t, page.Customers, 50)
			break
		}
		require.Len(t, page.Customers, 100)
		require.NotEmpty(t, page.EndCursor)
		after = page.EndCursor
		require.Less(t, pages, 10)
	}
	require.Equal(t, 3, pages)
	require.Len(t, seen, 250)
	for _, id := range ids {
		require.Equal(t, 1, seen[id], id)
	}

	_, _, err = client.Customers(ctx, oqShop, tok, 251, "")
	require.Error(t, err)
	_, _, err = client.Customers(ctx, oqShop, tok, 10, "bm90LWEtY3Vyc29y")
	var ge *shopify.GraphQLError
	require.ErrorAs(t, err, &ge)
	require.Contains(t, ge.Error(), "Invalid cursor")
}

func TestClientThrottled(t *testing.T) {
	t.Parallel()
	sb, clk, client, _ := oqSandbox(t)
	_, err := sb.SeedCustomers(oqShop, 20, nil)
	require.NoError(t, err)
	tok := clToken(t, sb, true)
	require.NoError(t, sb.Drain(oqShop))
	ctx := context.Background()

	_, cost, err := client.Customers(ctx, oqShop, tok, 100, "")
	var te *shopify.ThrottledError
	require.ErrorAs(t, err, &te)
	require.Equal(t, 3030*time.Millisecond, te.RetryAfter, "303 points (the page and the count) at 100 points/s")
	require.Equal(t, 303, te.Cost.RequestedQueryCost)
	require.Equal(t, 0, te.Cost.ActualQueryCost)
	require.Equal(t, te.Cost, cost)
	require.NotContains(t, err.Error(), tok.Reveal())

	clk.Advance(te.RetryAfter / 2)
	_, _, err = client.Customers(ctx, oqShop, tok, 100, "")
	require.ErrorAs(t, err, &te)
	require.Equal(t, 1520*time.Millisecond, te.RetryAfter)

	clk.Advance(te.RetryAfter)
	page, cost, err := client.Customers(ctx, oqShop, tok, 100, "")
	require.NoError(t, err)
	require.Len(t, page.Customers, 20)
	require.Equal(t, 63, cost.ActualQueryCost)
	require.Equal(t, 240.0, cost.CurrentlyAvailable, "303 restored, 303 spent, 240 refunded")
}

func TestClientUnauthorized(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		break_ func(t *testing.T, sb *sandbox.Sandbox, clk *sandboxkit.Clock)
	}{
		{"revoked", func(t *testing.T, sb *sandbox.Sandbox, _ *sandboxkit.Clock) {
			require.NoError(t, sb.RevokeTokens(oqShop))
		}},
		{"expired after an hour", func(_ *testing.T, _ *sandbox.Sandbox, clk *sandboxkit.Clock) { clk.Advance(time.Hour) }},
		{"expired by control", func(t *testing.T, sb *sandbox.Sandbox, _ *sandboxkit.Clock) {
			require.NoError(t, sb.ExpireAccessTokens(oqShop))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sb, clk, client, _ := oqSandbox(t)
			tok := clToken(t, sb, true)
			_, err := client.Shop(context.Background(), oqShop, tok)
			require.NoError(t, err)
			tc.break_(t, sb, clk)
			_, err = client.Shop(context.Background(), oqShop, tok)
			require.ErrorIs(t, err, shopify.ErrUnauthorized)
			require.NotContains(t, err.Error(), tok.Reveal())
		})
	}
	_, _, client, _ := oqSandbox(t)
	_, err := client.Shop(context.Background(), oqShop, secrets.New(""))
	require.ErrorIs(t, err, shopify.ErrUnauthorized)
}

func TestClientServerErrors(t *testing.T) {
	t.Parallel()
	sb, _, client, _ := oqSandbox(t)
	tok := clToken(t, sb, false)
	ctx := context.Background()

	for _, status := range []int{http.StatusServiceUnavailable, http.StatusBadGateway} {
		require.NoError(t, sb.FailNext(oqShop, 2, status))
		for range 2 {
			_, err := client.Shop(ctx, oqShop, tok)
			var se *shopify.ServerError
			require.ErrorAs(t, err, &se)
			require.Equal(t, status, se.StatusCode)
			require.NotContains(t, err.Error(), tok.Reveal())
		}
		_, err := client.Shop(ctx, oqShop, tok)
		require.NoError(t, err)
	}

	require.NoError(t, sb.FailNext(oqShop, 1, http.StatusTooManyRequests))
	_, err := client.Shop(ctx, oqShop, tok)
	var te *shopify.ThrottledError
	require.ErrorAs(t, err, &te)
	require.Equal(t, 2*time.Second, te.RetryAfter, "from Retry-After")

	require.NoError(t, sb.FailNext(oqShop, 1, http.StatusForbidden))
	_, err = client.Shop(ctx, oqShop, tok)
	var st *shopify.StatusError
	require.ErrorAs(t, err, &st)
	require.Equal(t, http.StatusForbidden, st.StatusCode)

	// A timeout is a retryable ServerError too.
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })
	hurried := &shopify.Client{HTTP: &http.Client{Timeout: 50 * time.Millisecond}, BaseURL: func(string) string { return slow.URL }}
	_, err = hurried.Shop(ctx, oqShop, tok)
	var se *shopify.ServerError
	require.ErrorAs(t, err, &se)
	require.Zero(t, se.StatusCode)
	require.NotContains(t, err.Error(), tok.Reveal())

	// A cancelled context is the caller's, not the server's.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = client.Shop(cctx, oqShop, tok)
	require.ErrorIs(t, err, context.Canceled)
	require.False(t, errors.As(err, &se))
}

func TestClientGraphQLErrors(t *testing.T) {
	t.Parallel()
	sb, _, client, _ := oqSandbox(t)
	tok := clToken(t, sb, false)
	ctx := context.Background()
	for _, tc := range []struct {
		name, query, code, msg string
	}{
		{"unknown field", `{ shop { name nope } }`, "undefinedField", "Field 'nope' doesn't exist on type 'Shop'"},
		{"unknown root field", `{ products(first: 1) { nodes { id } } }`, "undefinedField", "Field 'products' doesn't exist on type 'QueryRoot'"},
		{"syntax", `{ shop {`, "", "Expected"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := client.GraphQL(ctx, oqShop, tok, tc.query, nil, nil)
			var ge *shopify.GraphQLError
			require.ErrorAs(t, err, &ge)
			require.Equal(t, tc.code, ge.Errors[0].Code)
			require.Contains(t, ge.Errors[0].Message, tc.msg)
			require.Contains(t, err.Error(), tc.msg)
		})
	}
	var out struct {
		Shop struct{ Name string } `json:"shop"`
	}
	cost, err := client.GraphQL(ctx, oqShop, tok, `query { shop { name } }`, nil, &out)
	require.NoError(t, err)
	require.Equal(t, "Acme Outdoor", out.Shop.Name)
	require.Equal(t, 1, cost.RequestedQueryCost)

	_, err = client.GraphQL(ctx, "evil.com", tok, `{ shop { name } }`, nil, nil)
	require.ErrorIs(t, err, shopify.ErrInvalidShop)
}

func TestClientWebhookAndTags(t *testing.T) {
	t.Parallel()
	sb, _, client, srv := oqSandbox(t)
	ids, err := sb.SeedCustomers(oqShop, 2, nil)
	require.NoError(t, err)
	tok := clToken(t, sb, true)
	ctx := context.Background()

	type delivery struct {
		header http.Header
		body   []byte
	}
	got := make(chan delivery, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- delivery{r.Header.Clone(), b}
	}))
	t.Cleanup(hook.Close)

	require.NoError(t, client.SubscribeWebhook(ctx, oqShop, tok, "orders/create", hook.URL+"/webhooks/shopify"))
	require.NoError(t, client.SubscribeWebhook(ctx, oqShop, tok, "ORDERS_CREATE", hook.URL+"/webhooks/shopify"), "subscribing twice is fine")
	require.Error(t, client.SubscribeWebhook(ctx, oqShop, tok, "orders/create", "/relative"))
	err = client.SubscribeWebhook(ctx, oqShop, tok, "nonsense/topic", hook.URL)
	var ge *shopify.GraphQLError
	require.ErrorAs(t, err, &ge)

	// Trigger through the control API over HTTP, as a test of the hub would.
	payload := []byte(`{"id":450789469,"email":"bob.norman@mail.example.com","total_price":"199.65","currency":"USD"}`)
	body, _ := json.Marshal(map[string]any{"topic": "orders/create", "payload": json.RawMessage(payload)})
	resp, err := srv.Client().Post(srv.URL+"/sandbox/shopify/_control/shops/"+oqShop+"/webhooks", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	var report struct {
		Deliveries []sandbox.Delivery `json:"deliveries"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&report))
	_ = resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Len(t, report.Deliveries, 1)
	require.Equal(t, http.StatusOK, report.Deliveries[0].Status)

	d := <-got
	require.Equal(t, payload, d.body)
	mac := hmac.New(sha256.New, []byte(oqSecret.Reveal()))
	mac.Write(d.body)
	sig, err := base64.StdEncoding.DecodeString(d.header.Get("X-Shopify-Hmac-Sha256"))
	require.NoError(t, err)
	require.True(t, hmac.Equal(mac.Sum(nil), sig), "webhook HMAC verifies")
	require.Equal(t, "orders/create", d.header.Get("X-Shopify-Topic"))
	require.Equal(t, oqShop, d.header.Get("X-Shopify-Shop-Domain"))
	require.Equal(t, shopify.APIVersion, d.header.Get("X-Shopify-API-Version"))
	require.NotEmpty(t, d.header.Get("X-Shopify-Event-Id"))
	require.Equal(t, report.Deliveries[0].WebhookID, d.header.Get("X-Shopify-Webhook-Id"))

	// Tags.
	require.NoError(t, client.TagCustomer(ctx, oqShop, tok, ids[1], []string{"vip", "switchboard"}))
	require.NoError(t, client.TagCustomer(ctx, oqShop, tok, ids[1], []string{"vip"}), "tagging twice is fine")
	page, _, err := client.Customers(ctx, oqShop, tok, 2, "")
	require.NoError(t, err)
	require.Equal(t, []string{"switchboard", "vip"}, page.Customers[1].Tags)
	err = client.TagCustomer(ctx, oqShop, tok, "gid://shopify/Customer/1", []string{"vip"})
	var ue *shopify.UserErrors
	require.ErrorAs(t, err, &ue)
	require.Equal(t, "Resource not found", ue.Errors[0].Message)
	require.Error(t, client.TagCustomer(ctx, oqShop, tok, "gid://shopify/Order/1", []string{"vip"}))
	require.Error(t, client.TagCustomer(ctx, oqShop, tok, ids[0], nil))
}
