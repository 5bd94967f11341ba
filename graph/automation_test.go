package graph_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	runsQuery = `query($w: ID!) { runs(workspaceId: $w) { totalCount edges { node { id status error version rule { name }
		customer { email ordersCount totalSpent } event { type } steps { path title status attempts summary error } } } } }`
	enableRule = `mutation($id: ID!) { setRuleEnabled(id: $id, enabled: true) { id enabled } }`
)

// store is a workspace with a Shopify store (through the sandbox) and a
// real SMTP server connected.
type storeFixture struct {
	h     *testenv.Hub
	owner *testenv.Account
	ws    string
	shop  string
	mail  *sandbox.Server
	smtp  string
}

func newStore(t *testing.T, h *testenv.Hub, shop string) *storeFixture {
	t.Helper()
	mail, err := sandbox.Start("shop", "mail-password")
	require.NoError(t, err)
	t.Cleanup(func() { mail.Close() })
	owner := h.SignUp(t, "Automation "+shop)
	ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Store " + shop}).String("createWorkspace.id")
	smtpID := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp",
		"values": smtpValues(mail, "mail-password")}}).String("createConnection.id")
	start := owner.MustDo(t, startShopify, map[string]any{"w": ws, "shop": shop}).String("startConnection.authorizeUrl")
	status, _, _ := visit(t, owner.Browser(), consent(t, owner.Browser(), start))
	require.Equal(t, http.StatusSeeOther, status)
	require.Eventually(t, func() bool { return subscribedTopics(t, h, shop)["ORDERS_CREATE"] != "" }, 15*time.Second, 50*time.Millisecond)
	return &storeFixture{h: h, owner: owner, ws: ws, shop: shop, mail: mail, smtp: smtpID}
}

// order delivers an orders/create webhook from the sandbox, as Shopify
// would after a purchase.
func (s *storeFixture) order(t *testing.T, eventID string, number int, email string, total string) {
	t.Helper()
	payload := map[string]any{
		"id": 820982911946154000 + number, "name": fmt.Sprintf("#%d", number), "email": email, "total_price": total, "currency": "USD",
		"financial_status": "paid", "created_at": "2026-11-26T10:00:00-05:00", "updated_at": "2026-11-26T10:00:00-05:00",
		"order_status_url": "https://example.com/orders/" + fmt.Sprint(number),
		"line_items":       []map[string]any{{"id": 1, "title": "Linen shirt", "quantity": 1, "price": total, "sku": "SHIRT"}},
		"customer":         map[string]any{"id": 207119551, "email": email, "first_name": "Ada", "last_name": "Lovelace"},
	}
	ds := sandboxControl(t, s.h, http.MethodPost, s.shop+"/webhooks", map[string]any{"topic": "orders/create", "eventId": eventID, "payload": payload})["deliveries"].([]any)
	require.NotEmpty(t, ds)
	for _, d := range ds {
		require.EqualValues(t, 200, d.(map[string]any)["status"], d)
	}
}

// mails are the messages the SMTP server received whose data contains needle.
func (s *storeFixture) mails(needle string) []string {
	var out []string
	for _, m := range s.mail.Messages() {
		if strings.Contains(string(m.Data), needle) {
			out = append(out, string(m.Data))
		}
	}
	return out
}

func (s *storeFixture) runs(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, e := range s.owner.MustDo(t, runsQuery, map[string]any{"w": s.ws}).Get("runs.edges").([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any))
	}
	return out
}

func TestOrderConfirmationFromWebhookToMailbox(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		s := newStore(t, h, "confirm.myshopify.com")
		rule := s.owner.MustDo(t, `mutation($w: ID!) { addRecipe(workspaceId: $w, recipe: "order-confirmation") { id enabled version trigger { event } } }`,
			map[string]any{"w": s.ws})
		require.Equal(t, false, rule.Get("addRecipe.enabled"), "recipes arrive switched off")
		require.Equal(t, "order.created", rule.String("addRecipe.trigger.event"))
		s.owner.MustDo(t, enableRule, map[string]any{"id": rule.String("addRecipe.id")})

		// One order delivered five times by concurrent senders, and two others.
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() { s.order(t, "evt-1001", 1001, "ada@example.com", "98.00") })
		}
		wg.Wait()
		s.order(t, "evt-1002", 1002, "ada@example.com", "20.00")
		s.order(t, "evt-1003", 1003, "bob@example.com", "15.50")

		require.Eventually(t, func() bool {
			runs := s.runs(t)
			if len(runs) != 3 {
				return false
			}
			for _, r := range runs {
				if r["status"] != "SUCCEEDED" {
					return false
				}
			}
			return true
		}, 20*time.Second, 100*time.Millisecond, "three runs, all succeeded")
		mails := s.mails("Subject: Order #1001 confirmed")
		require.Len(t, mails, 1, "one email for an order delivered five times")
		require.Contains(t, mails[0], "Linen shirt")
		require.Contains(t, mails[0], "98.00 USD")
		require.Len(t, s.mails("Subject: Order #1002 confirmed"), 1)
		require.Len(t, s.mails("Subject: Order #1003 confirmed"), 1)

		runs := s.runs(t)
		byEmail := map[string]map[string]any{}
		for _, r := range runs {
			require.Equal(t, "Order confirmation", r["rule"].(map[string]any)["name"])
			steps := r["steps"].([]any)
			require.Len(t, steps, 1)
			require.Equal(t, "SUCCEEDED", steps[0].(map[string]any)["status"])
			byEmail[r["customer"].(map[string]any)["email"].(string)] = r["customer"].(map[string]any)
		}
		// The customer profile sums the orders.
		require.EqualValues(t, 2, byEmail["ada@example.com"]["ordersCount"])
		require.InDelta(t, 118.0, byEmail["ada@example.com"]["totalSpent"], 0.001)
	})
}

func TestRulesAreCheckedWhenSaved(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Rule checks")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Checks"}).String("createWorkspace.id")
		hook := addWebhook(t, owner, ws, "App push")
		create := `mutation($w: ID!, $in: RuleInput!) { createRule(workspaceId: $w, input: $in) { id version } }`
		step := func(input map[string]any) []any {
			return []any{map[string]any{"kind": "action", "action": map[string]any{"connector": "webhook", "action": "notify", "connectionId": hook, "input": input}}}
		}
		good := map[string]any{"name": "Push orders", "trigger": map[string]any{"event": "order.created"}, "condition": "order.total > 80",
			"steps": step(map[string]any{"event": "order", "payload": `{"number": "{{order.number}}"}`})}
		with := func(k string, v any) map[string]any {
			m := map[string]any{}
			for key, val := range good {
				m[key] = val
			}
			m[k] = v
			return m
		}
		for name, tc := range map[string]struct {
			in    map[string]any
			field string
			says  string
		}{
			"unknown field in condition": {with("condition", "order.totl > 80"), "condition", "has no field totl (line 1, column 7)"},
			"condition not boolean":      {with("condition", "order.total"), "condition", "expected bool"},
			"unknown trigger":            {with("trigger", map[string]any{"event": "order.teleported"}), "trigger.event", "not an event"},
			"unknown template variable":  {with("steps", step(map[string]any{"event": "{{order.numbr}}"})), "steps.0.action.input.event", "{{order.numbr}} is not a known variable"},
			"template includes a file":   {with("steps", step(map[string]any{"event": "{{> /etc/passwd}}"})), "steps.0.action.input.event", "cannot include other files"},
			"missing required input":     {with("steps", step(map[string]any{"payload": "{}"})), "steps.0.action.input.event", "is required"},
			"bad wait":                   {with("steps", []any{map[string]any{"kind": "wait", "wait": map[string]any{"duration": "soon"}}}), "steps.0.wait.duration", "must be a duration"},
			"no steps":                   {with("steps", []any{}), "steps", "at least one step"},
			"steps not a list of steps":  {with("steps", []any{map[string]any{"kind": "action", "teleport": true}}), "steps", "unknown field"},
		} {
			r := owner.Do(t, create, map[string]any{"w": ws, "in": tc.in})
			require.Equal(t, "VALIDATION_FAILED", r.Code(), name)
			fields := r.Errors[0].Extensions["fields"].(map[string]any)
			require.Contains(t, fields[tc.field], tc.says, name)
		}
		require.Equal(t, 0, countRows(t, h, "rules"), "nothing half-written")

		id := owner.MustDo(t, create, map[string]any{"w": ws, "in": good}).String("createRule.id")
		test := owner.MustDo(t, `mutation($w: ID!, $in: RuleInput!) { testRule(workspaceId: $w, input: $in) { eventSource conditionHeld steps { title outcome rendered { name value } } } }`,
			map[string]any{"w": ws, "in": good})
		require.Equal(t, "sample", test.String("testRule.eventSource"))
		require.Equal(t, true, test.Get("testRule.conditionHeld"))
		require.Equal(t, `{"number": "#1001"}`, test.String("testRule.steps.0.rendered.1.value"), "rendered with the sample order")
		require.Equal(t, 0, countRows(t, h, "runs"), "a dry run writes nothing")

		updated := owner.MustDo(t, `mutation($id: ID!, $in: RuleInput!) { updateRule(id: $id, input: $in) { version condition } }`,
			map[string]any{"id": id, "in": with("condition", "order.total > 100")})
		require.EqualValues(t, 2, updated.Get("updateRule.version"))
		preview := owner.MustDo(t, `query($w: ID!, $t: String!) { previewTemplate(workspaceId: $w, eventType: "order.created", template: $t) { rendered error length segments } }`,
			map[string]any{"w": ws, "t": "Hi {{customer.first_name}}, order {{order.number}} is confirmed"})
		require.Equal(t, "Hi Ada, order #1001 is confirmed", preview.String("previewTemplate.rendered"))
		require.EqualValues(t, 1, preview.Get("previewTemplate.segments"))
		bad := owner.MustDo(t, `query($w: ID!, $t: String!) { previewTemplate(workspaceId: $w, eventType: "order.created", template: $t) { rendered error line } }`,
			map[string]any{"w": ws, "t": "Hi\n{{customer.first_name"})
		require.Contains(t, bad.String("previewTemplate.error"), "unmatched open tag")
		require.EqualValues(t, 2, bad.Get("previewTemplate.line"))
	})
}
