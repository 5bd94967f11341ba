package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// TestCanaryScan seeds every secret a user hands the hub with a unique
// marker, runs the flows that touch them with debug logging on, and looks
// for the markers — and for the tokens the hub itself mints or receives —
// in the logs, in every GraphQL response and in River's job rows.
func TestCanaryScan(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		marker := "CANARY" + auth.NewSecret("")[:12]
		logs := &syncBuffer{}
		h := testenv.StartHubWith(t, db, testenv.HubOptions{Log: logs})
		var mu sync.Mutex
		var responses strings.Builder
		record := func(raw string) { mu.Lock(); responses.WriteString(raw + "\n"); mu.Unlock() }

		// A password with the marker.
		owner := h.NewClient()
		owner.Record = record
		email := "canary-" + strings.ToLower(marker[6:]) + "@example.com"
		password := "pw-" + marker
		owner.MustDo(t, `mutation($e: String!, $p: String!) { signUp(input: {agencyName: "Canary", name: "C", email: $e, password: $p}) { viewer { user { id } } } }`,
			map[string]any{"e": email, "p": password})
		wrong := h.NewClient()
		wrong.Record = record
		wrong.Do(t, `mutation($e: String!) { signIn(input: {email: $e, password: "wrong-`+marker+`"}) { viewer { user { id } } } }`, map[string]any{"e": email})
		agency := owner.MustDo(t, `{ viewer { memberships { agency { id } } } }`, nil).Get("viewer.memberships").([]any)[0].(map[string]any)["agency"].(map[string]any)["id"].(string)
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": agency, "n": "Canary store"}).String("createWorkspace.id")

		// An API token (shown once, in the answer that creates it, which is
		// left out of the scan), used once well and once mangled.
		owner.Record = nil
		token := owner.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "canary", access: READ_WRITE}) { secret } }`, map[string]any{"a": agency}).String("createApiToken.secret")
		owner.Record = record
		dev := h.WithToken(token)
		dev.Record = record
		dev.MustDo(t, `{ viewer { user { email } } }`, nil)
		h.WithToken(token+marker).Do(t, `{ viewer { user { email } } }`, nil)

		// An SMTP password (refused once, then right) and a webhook signing secret.
		mail, err := sandbox.Start("shop", "smtp-"+marker)
		require.NoError(t, err)
		defer mail.Close()
		smtpValues := func(pw string) []map[string]any {
			return []map[string]any{{"name": "host", "value": mail.Host()}, {"name": "port", "value": strconv.Itoa(mail.Port())},
				{"name": "tls", "value": "none"}, {"name": "username", "value": "shop"}, {"name": "password", "value": pw}, {"name": "from", "value": "shop@example.com"}}
		}
		owner.Do(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "name": "bad", "values": smtpValues("nope-" + marker)}})
		smtpID := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "values": smtpValues("smtp-" + marker)}}).String("createConnection.id")
		owner.MustDo(t, `mutation($id: ID!) { testConnection(id: $id) { status } }`, map[string]any{"id": smtpID})
		owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "webhook", "values": []map[string]any{
			{"name": "url", "value": "https://example.com/hook"}, {"name": "signingSecret", "value": "whsec-" + marker}}}})

		// Shopify OAuth through the sandbox, then a refresh.
		authorize := owner.MustDo(t, startShopify, map[string]any{"w": ws, "shop": "canary.myshopify.com"}).String("startConnection.authorizeUrl")
		_, location, _ := visit(t, owner.Browser(), consent(t, owner.Browser(), authorize))
		shopifyID := rawID(location[strings.Index(location, "connected=")+len("connected="):])
		_, err = h.App.DB.Bun.NewRaw("UPDATE connections SET token_expires_at = ? WHERE id = ?", "2000-01-01 00:00:00+00:00", shopifyID).Exec(t.Context())
		require.NoError(t, err)
		_, err = h.App.Hub.AccessToken(context.Background(), shopifyID)
		require.NoError(t, err)
		require.NoError(t, h.App.Hub.RefreshConnection(context.Background(), shopifyID))
		owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { id name status values { name value isSet } } }`, map[string]any{"w": ws})

		// A rule whose steps use the SMTP password and a webhook signing
		// secret, run by an order delivered through the subscribed webhook.
		receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
		defer receiver.Close()
		pushID := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "webhook", "name": "push", "values": []map[string]any{
			{"name": "url", "value": receiver.URL}, {"name": "signingSecret", "value": "whsec-push-" + marker}}}}).String("createConnection.id")
		ruleID := owner.MustDo(t, `mutation($w: ID!, $in: RuleInput!) { createRule(workspaceId: $w, input: $in) { id } }`, map[string]any{"w": ws, "in": map[string]any{
			"name": "Canary rule", "trigger": map[string]any{"event": "order.created"}, "steps": []any{
				map[string]any{"kind": "action", "action": map[string]any{"connector": "smtp", "action": "send_email", "connectionId": smtpID,
					"input": map[string]any{"to": "{{order.email}}", "subject": "Order {{order.number}}", "text": "Thanks"}}},
				map[string]any{"kind": "action", "action": map[string]any{"connector": "webhook", "action": "notify", "connectionId": pushID,
					"input": map[string]any{"event": "order", "payload": `{"n": "{{order.number}}"}`}}}}}}).String("createRule.id")
		owner.MustDo(t, `mutation($id: ID!) { setRuleEnabled(id: $id, enabled: true) { id } }`, map[string]any{"id": ruleID})
		require.Eventually(t, func() bool { return subscribedTopics(t, h, "canary.myshopify.com")["ORDERS_CREATE"] != "" }, 15*time.Second, 50*time.Millisecond)
		sandboxControl(t, h, http.MethodPost, "canary.myshopify.com/webhooks", map[string]any{"topic": "orders/create", "payload": map[string]any{
			"id": 1, "name": "#1", "email": "buyer@example.com", "total_price": "5.00", "currency": "USD"}})
		require.Eventually(t, func() bool {
			return owner.MustDo(t, `query($w: ID!) { runs(workspaceId: $w) { edges { node { status steps { summary error providerResponse } } } } }`,
				map[string]any{"w": ws}).String("runs.edges.0.node.status") == "SUCCEEDED"
		}, 20*time.Second, 100*time.Millisecond)

		// The tokens the hub holds now, read the only way there is: opening the sealed row.
		var sealed string
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT credentials FROM connections WHERE id = ?", shopifyID).Scan(t.Context(), &sealed))
		opened, err := h.App.Keys.Open(sealed, "connections.credentials."+shopifyID)
		require.NoError(t, err)
		var oauthTokens map[string]string
		require.NoError(t, json.Unmarshal([]byte(opened.Reveal()), &oauthTokens))
		require.NotEmpty(t, oauthTokens["access_token"])

		var session string
		for _, c := range owner.Cookies() {
			if c.Name == "sb_session" {
				session = c.Value
			}
		}
		time.Sleep(200 * time.Millisecond) // let the River jobs started with the hub write their rows
		var jobs []map[string]any
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT kind, args, errors, metadata FROM river_job").Scan(t.Context(), &jobs))
		jobRows := fmt.Sprint(jobs)

		mu.Lock()
		gql := responses.String()
		mu.Unlock()
		for name, needle := range map[string]string{
			"marker": marker, "API token": token, "session": session, "access token": oauthTokens["access_token"], "refresh token": oauthTokens["refresh_token"],
		} {
			if needle == "" {
				continue
			}
			require.NotContains(t, logs.String(), needle, "the %s reached the log", name)
			require.NotContains(t, gql, needle, "the %s came back in a GraphQL response", name)
			require.NotContains(t, jobRows, needle, "the %s is in a River job row", name)
		}
		require.Contains(t, logs.String(), "level=DEBUG", "debug logging was on")
	})
}
