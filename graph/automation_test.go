package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	runsQuery = `query($w: ID!) { runs(workspaceId: $w) { totalCount edges { node { id status error version rule { name }
		customer { id email ordersCount totalSpent } event { type } steps { path title status attempts summary error } } } } }`
	enableRule = `mutation($id: ID!) { setRuleEnabled(id: $id, enabled: true) { id enabled } }`
)

// store is a workspace with a Shopify store (through the sandbox) and a
// real SMTP server connected.
type storeFixture struct {
	h     *testenv.Hub
	clock *testenv.Clock
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
	// Every topic, not just the first: a test may send any of them next.
	require.Eventually(t, func() bool { return len(subscribedTopics(t, h, shop)) == len(shopify.SubscribedTopics) }, 15*time.Second, 50*time.Millisecond)
	return &storeFixture{h: h, owner: owner, ws: ws, shop: shop, mail: mail, smtp: smtpID}
}

// order delivers an orders/create webhook from the sandbox, as Shopify
// would after a purchase.
func (s *storeFixture) order(t *testing.T, eventID string, number int, email string, total string) {
	t.Helper()
	payload := s.orderPayload(number, email, total)
	ds := sandboxControl(t, s.h, http.MethodPost, s.shop+"/webhooks", map[string]any{"topic": "orders/create", "eventId": eventID, "payload": payload})["deliveries"].([]any)
	require.NotEmpty(t, ds)
	for _, d := range ds {
		require.EqualValues(t, 200, d.(map[string]any)["status"], d)
	}
}

// orderPayload is an orders/create webhook's body, as Shopify sends it.
func (s *storeFixture) orderPayload(number int, email string, total string) map[string]any {
	return map[string]any{
		"id": 820982911946154000 + number, "name": fmt.Sprintf("#%d", number), "email": email, "total_price": total, "currency": "USD",
		"financial_status": "paid", "created_at": s.now().Format(time.RFC3339), "updated_at": s.now().Format(time.RFC3339),
		"order_status_url": "https://example.com/orders/" + fmt.Sprint(number),
		"line_items":       []map[string]any{{"id": 1, "title": "Linen shirt", "quantity": 1, "price": total, "sku": "SHIRT"}},
		"customer":         map[string]any{"id": 207119551, "email": email, "first_name": "Ada", "last_name": "Lovelace"},
	}
}

// acknowledged stores a Shopify webhook as the hub stores one it has
// acknowledged, without processing it yet (as when processing is behind),
// and returns the stored event's id.
func (s *storeFixture) acknowledged(t *testing.T, topic, eventID string, payload map[string]any) string {
	t.Helper()
	body, err := json.Marshal(payload)
	require.NoError(t, err)
	var conn string
	require.NoError(t, s.h.App.DB.Bun.NewRaw("SELECT id FROM connections WHERE workspace_id = ? AND connector = 'shopify'", rawID(s.ws)).Scan(t.Context(), &conn))
	ev := &store.WebhookEvent{ID: store.NewID(), AgencyID: rawID(s.owner.AgencyID), WorkspaceID: rawID(s.ws), ConnectionID: conn, Connector: "shopify",
		Topic: topic, EventID: eventID, Payload: string(body), ReceivedAt: s.now()}
	_, err = store.InsertWebhookEvents(t.Context(), s.h.App.DB.Bun, []*store.WebhookEvent{ev})
	require.NoError(t, err)
	return ev.ID
}

func (s *storeFixture) now() time.Time {
	if s.clock != nil {
		return s.clock.Now()
	}
	return time.Now()
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
	r := s.owner.Do(t, runsQuery, map[string]any{"w": s.ws})
	if len(r.Errors) > 0 {
		t.Logf("runs query: %s", r.Raw)
		return nil
	}
	for _, e := range r.Get("runs.edges").([]any) {
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
		// The customer profile sums the orders, and the log filters by customer.
		require.EqualValues(t, 2, byEmail["ada@example.com"]["ordersCount"])
		ada := s.owner.MustDo(t, `query($w: ID!, $c: ID!) { runs(workspaceId: $w, customerId: $c, status: SUCCEEDED) { totalCount } }`,
			map[string]any{"w": s.ws, "c": byEmail["ada@example.com"]["id"]})
		require.EqualValues(t, 2, ada.Get("runs.totalCount"))
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

const twilioSID = "ACc0ffee00c0ffee00c0ffee00c0ffee00"

func (s *storeFixture) connectTwilio(t *testing.T) {
	t.Helper()
	s.owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": s.ws, "connector": "twilio", "values": []map[string]any{
		{"name": "accountSid", "value": twilioSID}, {"name": "authToken", "value": "sandbox-demo-auth-token"}, {"name": "from", "value": "+15005550006"}}}})
}

// seedCustomer creates a customer in the sandbox shop and returns its
// numeric id.
func (s *storeFixture) seedCustomer(t *testing.T, email string) string {
	t.Helper()
	ids := sandboxControl(t, s.h, http.MethodPost, s.shop+"/customers", map[string]any{"customers": []map[string]any{
		{"email": email, "firstName": "Ada", "lastName": "Lovelace", "phone": "+15005550010"}}})["ids"].([]any)
	return strings.TrimPrefix(ids[0].(string), "gid://shopify/Customer/")
}

// checkout delivers checkouts/create for a cart of email at the clock's now.
func (s *storeFixture) checkout(t *testing.T, clock *testenv.Clock, id int, customerID, email string, consent bool) {
	t.Helper()
	state := "not_subscribed"
	if consent {
		state = "subscribed"
	}
	at := clock.Now().Format(time.RFC3339)
	payload := map[string]any{"id": id, "token": fmt.Sprintf("tok%d", id), "email": email, "phone": "+15005550010", "total_price": "120.00",
		"currency": "USD", "created_at": at, "updated_at": at, "abandoned_checkout_url": fmt.Sprintf("https://example.com/recover/%d", id),
		"line_items": []map[string]any{{"title": "Linen shirt", "quantity": 2, "price": "60.00", "sku": "SHIRT"}},
		"customer": map[string]any{"id": customerID, "email": email, "first_name": "Ada", "phone": "+15005550010",
			"email_marketing_consent": map[string]any{"state": state}, "sms_marketing_consent": map[string]any{"state": state}}}
	ds := sandboxControl(t, s.h, http.MethodPost, s.shop+"/webhooks", map[string]any{"topic": "checkouts/create", "payload": payload})["deliveries"].([]any)
	require.EqualValues(t, 200, ds[0].(map[string]any)["status"])
}

// abandon moves the clock past the abandonment delay and runs the checks
// the scheduled jobs would run then.
func (s *storeFixture) abandon(t *testing.T, clock *testenv.Clock) {
	t.Helper()
	clock.Advance(31 * time.Minute)
	var ids []string
	require.NoError(t, s.h.App.DB.Bun.NewRaw("SELECT id FROM events WHERE type = 'checkout.created' ORDER BY id").Scan(t.Context(), &ids))
	for _, id := range ids {
		require.NoError(t, s.h.App.Hub.DetectAbandonment(t.Context(), id, 30))
	}
}

// wake moves the clock and resumes the runs whose wait ended.
func (s *storeFixture) wake(t *testing.T, clock *testenv.Clock, d time.Duration) {
	t.Helper()
	clock.Advance(d)
	require.NoError(t, s.h.App.Hub.WakeDueRuns(t.Context()))
}

func (s *storeFixture) waitRuns(t *testing.T, what string, ok func(runs []map[string]any) bool) []map[string]any {
	t.Helper()
	var runs []map[string]any
	if !assert.Eventually(t, func() bool { runs = s.runs(t); return ok(runs) }, 20*time.Second, 100*time.Millisecond, what) {
		var events []map[string]any
		_ = s.h.App.DB.Bun.NewRaw("SELECT type, source, customer_id FROM events ORDER BY id").Scan(t.Context(), &events)
		t.Fatalf("runs: %v\nevents: %v", runs, events)
	}
	return runs
}

func statuses(runs []map[string]any) map[string]string {
	out := map[string]string{}
	for _, r := range runs {
		out[r["customer"].(map[string]any)["email"].(string)] = r["status"].(string)
	}
	return out
}

func TestCartRecoverySequence(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		clock := &testenv.Clock{}
		h := testenv.StartHubWith(t, db, testenv.HubOptions{Clock: clock})
		s := newStore(t, h, "carts.myshopify.com")
		s.clock = clock
		s.connectTwilio(t)
		rule := s.owner.MustDo(t, `mutation($w: ID!) { addRecipe(workspaceId: $w, recipe: "cart-recovery") { id } }`, map[string]any{"w": s.ws}).String("addRecipe.id")
		s.owner.MustDo(t, enableRule, map[string]any{"id": rule})

		ada, bob, cy := s.seedCustomer(t, "ada@example.com"), s.seedCustomer(t, "bob@example.com"), s.seedCustomer(t, "cy@example.com")
		s.checkout(t, clock, 1, ada, "ada@example.com", true) // recovers nothing: goes through the whole sequence
		s.checkout(t, clock, 2, bob, "bob@example.com", true) // buys after the reminder
		s.checkout(t, clock, 3, cy, "cy@example.com", false)  // gave no marketing consent
		s.abandon(t, clock)

		// 30 minutes later: the reminder, then the 24-hour wait.
		s.waitRuns(t, "three runs waiting", func(runs []map[string]any) bool {
			st := statuses(runs)
			return len(st) == 3 && st["ada@example.com"] == "WAITING" && st["bob@example.com"] == "WAITING" && st["cy@example.com"] == "WAITING"
		})
		require.Len(t, s.mails("Subject: You left something in your cart"), 2, "ada and bob, not cy")
		require.Empty(t, s.mails("cy@example.com"), "no marketing without consent")

		// Bob orders meanwhile, just before the day passes. The hub has acknowledged his order but is
		// behind: it has not processed it when the runs wake up.
		clock.Advance(24*time.Hour - time.Minute)
		bobsOrder := s.acknowledged(t, "orders/create", "evt-bob", s.orderPayload(2001, "bob@example.com", "120.00"))

		// 24 hours later the runs hold for the order: nothing is sent while it is unprocessed...
		s.wake(t, clock, 2*time.Minute)
		time.Sleep(1500 * time.Millisecond)
		require.Empty(t, s.mails("Subject: 10% off your cart"), "no discount while an order from before the wake-up is unprocessed")
		// ...and once it is, Bob's run stops; the others get a discount code by email and SMS, then wait 3 days.
		require.NoError(t, h.App.Hub.ProcessWebhookEvent(t.Context(), bobsOrder))
		runs := s.waitRuns(t, "bob exited, ada and cy at the 3-day wait", func(runs []map[string]any) bool {
			st, at := statuses(runs), lastSteps(runs)
			return st["bob@example.com"] == "EXITED" && st["ada@example.com"] == "WAITING" && at["ada@example.com"] == "3" &&
				st["cy@example.com"] == "WAITING" && at["cy@example.com"] == "3"
		})
		discount := s.mails("Subject: 10% off your cart: SB-")
		require.Len(t, discount, 1, "only ada gets the discount")
		require.Contains(t, discount[0], "To: <ada@example.com>")
		sms := sandboxTwilioMessages(t, h)
		require.Len(t, sms, 1)
		require.Contains(t, sms[0]["body"], "10% off your cart with SB-")

		// 3 days later: the retargeting tag, and the run is done.
		s.wake(t, clock, 72*time.Hour+time.Minute)
		runs = s.waitRuns(t, "ada done", func(runs []map[string]any) bool {
			return statuses(runs)["ada@example.com"] == "SUCCEEDED" && statuses(runs)["cy@example.com"] == "SUCCEEDED"
		})
		for _, r := range runs {
			email := r["customer"].(map[string]any)["email"].(string)
			var kinds []string
			for _, st := range r["steps"].([]any) {
				kinds = append(kinds, st.(map[string]any)["status"].(string))
			}
			switch email {
			case "ada@example.com":
				require.Equal(t, []string{"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"}, kinds,
					"email, wait, consent branch, discount, email, phone branch, sms, wait, tag")
			case "cy@example.com":
				require.Equal(t, []string{"SKIPPED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"}, kinds,
					"no reminder without consent, wait, no discount (the consent branch), wait, tag")
			case "bob@example.com":
				require.Contains(t, r["error"], "exit condition")
			}
		}
	})
}

// lastSteps are the paths of each run's latest step, by customer email.
func lastSteps(runs []map[string]any) map[string]string {
	out := map[string]string{}
	for _, r := range runs {
		steps := r["steps"].([]any)
		if len(steps) > 0 {
			out[r["customer"].(map[string]any)["email"].(string)] = steps[len(steps)-1].(map[string]any)["path"].(string)
		}
	}
	return out
}

func sandboxTwilioMessages(t *testing.T, h *testenv.Hub) []map[string]any {
	t.Helper()
	resp, err := http.Get(h.URL + "/sandbox/twilio/_control/accounts/" + twilioSID + "/messages")
	require.NoError(t, err)
	defer resp.Body.Close()
	var body struct {
		Messages []map[string]any `json:"messages"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	return body.Messages
}

// A thousand distinct orders, each delivered 1 to 20 times by concurrent
// senders, make exactly a thousand runs and a thousand emails.
func TestThousandOrdersDeliveredManyTimesSendOneEmailEach(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of deliveries; run without -short")
	}
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		s := newStore(t, h, "busy.myshopify.com")
		rule := s.owner.MustDo(t, `mutation($w: ID!) { addRecipe(workspaceId: $w, recipe: "order-confirmation") { id } }`, map[string]any{"w": s.ws}).String("addRecipe.id")
		s.owner.MustDo(t, enableRule, map[string]any{"id": rule})
		hook := s.owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { connector { slug } webhookUrl } }`, map[string]any{"w": s.ws})
		var url string
		for _, c := range hook.Get("connections").([]any) {
			if c.(map[string]any)["connector"].(map[string]any)["slug"] == "shopify" {
				url = c.(map[string]any)["webhookUrl"].(string)
			}
		}
		secret := h.App.OAuthApps["shopify"].ClientSecret.Reveal()
		const orders = 1000
		type delivery struct {
			n    int
			body []byte
		}
		work := make(chan delivery)
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() {
				for d := range work {
					status := shopifySigned(t, h, url, "orders/create", s.shop, fmt.Sprintf("evt-%d", d.n), d.body, secret)
					assert.Equal(t, 200, status)
				}
			})
		}
		for n := range orders {
			body, _ := json.Marshal(map[string]any{"id": 5000000 + n, "name": fmt.Sprintf("#%d", 10000+n), "email": fmt.Sprintf("buyer%d@example.com", n),
				"total_price": "10.00", "currency": "USD", "created_at": "2026-11-26T10:00:00Z", "updated_at": "2026-11-26T10:00:00Z",
				"line_items": []map[string]any{{"title": "Socks", "quantity": 1, "price": "10.00"}}})
			for range 1 + (n*7)%20 { // 1 to 20 deliveries
				work <- delivery{n: n, body: body}
			}
		}
		close(work)
		wg.Wait()
		require.Equal(t, orders, countRows(t, h, "webhook_events"))
		require.Eventually(t, func() bool {
			var done int
			_ = h.App.DB.Bun.NewRaw("SELECT count(*) FROM runs WHERE status = 'SUCCEEDED'").Scan(t.Context(), &done)
			return done == orders
		}, 90*time.Second, 200*time.Millisecond)
		require.Equal(t, orders, countRows(t, h, "runs"))
		require.Len(t, s.mails("Subject: Order #1"), orders, "one email per order")
	})
}

// webhook delivers a Shopify topic from the sandbox.
func (s *storeFixture) webhook(t *testing.T, topic string, payload map[string]any) {
	t.Helper()
	ds := sandboxControl(t, s.h, http.MethodPost, s.shop+"/webhooks", map[string]any{"topic": topic, "payload": payload})["deliveries"].([]any)
	require.NotEmpty(t, ds, topic)
	require.EqualValues(t, 200, ds[0].(map[string]any)["status"], topic)
}

func (s *storeFixture) addRecipes(t *testing.T, slugs ...string) {
	t.Helper()
	for _, slug := range slugs {
		id := s.owner.MustDo(t, `mutation($w: ID!, $r: String!) { addRecipe(workspaceId: $w, recipe: $r) { id } }`, map[string]any{"w": s.ws, "r": slug}).String("addRecipe.id")
		s.owner.MustDo(t, enableRule, map[string]any{"id": id})
	}
}

// byRule are the runs' statuses by rule name (one run per rule expected).
func byRule(runs []map[string]any) map[string]string {
	out := map[string]string{}
	for _, r := range runs {
		out[r["rule"].(map[string]any)["name"].(string)] = r["status"].(string)
	}
	return out
}

// Every other built-in recipe, end to end against the sandboxes: shipping
// notice, delivery confirmation, feedback request, support ticket for
// returns, VIP tagging and re-engagement.
func TestStoreRecipesEndToEnd(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		clock := &testenv.Clock{}
		h := testenv.StartHubWith(t, db, testenv.HubOptions{Clock: clock})
		s := newStore(t, h, "recipes.myshopify.com")
		s.clock = clock
		s.connectTwilio(t)
		authorize := s.owner.MustDo(t, startHubSpot, map[string]any{"w": s.ws}).String("startConnection.authorizeUrl")
		status, _, _ := visit(t, s.owner.Browser(), hubspotConsent(t, s.owner.Browser(), authorize, "Connect app"))
		require.Equal(t, http.StatusSeeOther, status)
		s.addRecipes(t, "shipping-notice", "delivery-confirmation", "feedback-request", "return-ticket", "vip-tag", "re-engagement")

		customer := s.seedCustomer(t, "vip@example.com")
		consent := map[string]any{"state": "subscribed"}
		who := map[string]any{"id": customer, "email": "vip@example.com", "first_name": "Vi", "phone": "+15005550010",
			"email_marketing_consent": consent, "sms_marketing_consent": consent}
		at := s.now().Format(time.RFC3339)
		s.webhook(t, "orders/create", map[string]any{"id": 7001, "name": "#7001", "email": "vip@example.com", "total_price": "1200.00",
			"currency": "USD", "created_at": at, "updated_at": at, "customer": who,
			"line_items": []map[string]any{{"title": "Armchair", "quantity": 1, "price": "1200.00"}}})
		s.waitRuns(t, "VIP tagged once the spend passed $1,000", func(runs []map[string]any) bool { return byRule(runs)["VIP tagging"] == "SUCCEEDED" })

		s.webhook(t, "fulfillments/create", map[string]any{"id": 9001, "order_id": 7001, "name": "#7001.1", "status": "success",
			"tracking_company": "UPS", "tracking_number": "1Z999", "tracking_url": "https://ups.example/1Z999", "created_at": at, "updated_at": at})
		s.waitRuns(t, "shipping notice sent", func(runs []map[string]any) bool { return byRule(runs)["Shipping notice"] == "SUCCEEDED" })
		require.Len(t, s.mails("Subject: Your order #7001 is on its way"), 1)
		require.Contains(t, sandboxTwilioMessages(t, h)[0]["body"], "https://ups.example/1Z999")

		s.webhook(t, "fulfillments/update", map[string]any{"id": 9001, "order_id": 7001, "name": "#7001.1", "status": "success",
			"shipment_status": "delivered", "tracking_company": "UPS", "tracking_number": "1Z999", "created_at": at, "updated_at": s.now().Add(time.Minute).Format(time.RFC3339)})
		s.waitRuns(t, "delivery confirmed, feedback waiting", func(runs []map[string]any) bool {
			r := byRule(runs)
			return r["Delivery confirmation"] == "SUCCEEDED" && r["Feedback request"] == "WAITING"
		})
		require.Len(t, s.mails("Subject: Delivered: your order #7001"), 1)
		s.wake(t, clock, 5*24*time.Hour+time.Minute)
		s.waitRuns(t, "feedback asked", func(runs []map[string]any) bool { return byRule(runs)["Feedback request"] == "SUCCEEDED" })
		require.Len(t, s.mails("Subject: How was your order #7001?"), 1)

		s.webhook(t, "returns/request", map[string]any{"id": 5001, "name": "#7001-R1", "order": map[string]any{"id": 7001},
			"return_line_items": []map[string]any{{"return_reason": "SIZE_TOO_SMALL"}}})
		s.waitRuns(t, "return ticket opened", func(runs []map[string]any) bool { return byRule(runs)["Support ticket for returns"] == "SUCCEEDED" })
		resp, err := http.Get(h.URL + "/sandbox/hubspot/_control/tickets")
		require.NoError(t, err)
		var tickets struct {
			Tickets []map[string]any `json:"tickets"`
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&tickets))
		resp.Body.Close()
		require.Len(t, tickets.Tickets, 1)
		require.Contains(t, fmt.Sprint(tickets.Tickets[0]), "Return requested for order #7001")

		// Thirty days without an order: the hourly check wins the customer back.
		clock.Advance(30 * 24 * time.Hour)
		// (A month later the browser session has expired: sign in again.)
		s.owner.MustDo(t, `mutation($e: String!) { signIn(input: {email: $e, password: "correct horse battery"}) { viewer { user { id } } } }`, map[string]any{"e": s.owner.Email})
		require.NoError(t, h.App.Hub.DetectInactiveCustomers(t.Context()))
		require.NoError(t, h.App.Hub.DetectInactiveCustomers(t.Context()), "a second check finds nothing new")
		s.waitRuns(t, "re-engaged", func(runs []map[string]any) bool { return byRule(runs)["Re-engagement"] == "SUCCEEDED" })
		require.Len(t, s.mails("Subject: We miss you: 15% off"), 1)
	})
}

// A schedule rule fires once per due time, however often the minutely
// check runs.
func TestScheduleRulesFireOncePerDueTime(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		clock := &testenv.Clock{}
		h := testenv.StartHubWith(t, db, testenv.HubOptions{Clock: clock})
		var mu sync.Mutex
		var got []string
		receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			got = append(got, string(b))
			mu.Unlock()
		}))
		defer receiver.Close()
		owner := h.SignUp(t, "Schedules")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Reports"}).String("createWorkspace.id")
		hook := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "webhook", "values": []map[string]any{
			{"name": "url", "value": receiver.URL}, {"name": "signingSecret", "value": "a-signing-secret-of-24-chars"}}}}).String("createConnection.id")
		create := `mutation($w: ID!, $in: RuleInput!) { createRule(workspaceId: $w, input: $in) { id trigger { cron } } }`
		rule := map[string]any{"name": "Every five minutes", "trigger": map[string]any{"event": "schedule", "cron": "*/5 * * * *"},
			"steps": []any{map[string]any{"kind": "action", "action": map[string]any{"connector": "webhook", "action": "notify", "connectionId": hook,
				"input": map[string]any{"event": "tick", "payload": `{"at": "{{event.occurred_at}}"}`}}}}}
		bad := owner.Do(t, create, map[string]any{"w": ws, "in": map[string]any{"name": "Broken", "trigger": map[string]any{"event": "schedule", "cron": "every day"},
			"steps": rule["steps"]}})
		require.Contains(t, bad.Errors[0].Extensions["fields"].(map[string]any)["trigger.cron"], "is not a cron expression")
		id := owner.MustDo(t, create, map[string]any{"w": ws, "in": rule}).String("createRule.id")
		owner.MustDo(t, enableRule, map[string]any{"id": id})

		fire := func() {
			for range 3 {
				require.NoError(t, h.App.Hub.FireSchedules(t.Context()))
			}
		}
		count := func() int {
			mu.Lock()
			defer mu.Unlock()
			return len(got)
		}
		fire()
		require.Eventually(t, func() bool { return count() == 1 }, 15*time.Second, 50*time.Millisecond)
		clock.Advance(5 * time.Minute)
		fire()
		require.Eventually(t, func() bool { return count() == 2 }, 15*time.Second, 50*time.Millisecond)
		time.Sleep(200 * time.Millisecond)
		require.Equal(t, 2, count(), "one delivery per due time")
		require.Contains(t, got[0], `"event":"tick"`)
	})
}

// Deliveries that arrive out of order do not roll a profile back: the
// resource's updated_at decides.
func TestOutOfOrderCustomerUpdatesKeepTheNewest(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		s := newStore(t, h, "ordering.myshopify.com")
		update := func(name, updatedAt string) {
			s.webhook(t, "customers/update", map[string]any{"id": 42, "email": "zoe@example.com", "first_name": name,
				"created_at": "2026-11-01T00:00:00Z", "updated_at": updatedAt})
		}
		update("Zoe (newer)", "2026-11-26T12:00:00Z")
		update("Zoe (older)", "2026-11-26T11:00:00Z")
		var names []string
		require.Eventually(t, func() bool {
			names = nil
			_ = h.App.DB.Bun.NewRaw("SELECT first_name FROM customers WHERE email = 'zoe@example.com'").Scan(t.Context(), &names)
			var pending int
			_ = h.App.DB.Bun.NewRaw("SELECT count(*) FROM webhook_events WHERE processed_at IS NULL").Scan(t.Context(), &pending)
			return pending == 0 && len(names) == 1
		}, 15*time.Second, 50*time.Millisecond)
		require.Equal(t, []string{"Zoe (newer)"}, names)
	})
}

// The rules list is live: a rule created, or switched on, in one session
// reaches another session's ruleUpdated subscription.
func TestRulesListIsLive(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		s := newStore(t, h, "live-rules.myshopify.com")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		sock := testenv.MustDial(t, h.URL, testenv.DialOptions{Cookies: s.owner.Cookies()})
		defer sock.Close()
		require.NoError(t, sock.Subscribe(ctx, `subscription($w: ID!) { ruleUpdated(workspaceId: $w) { name enabled version } }`, map[string]any{"w": s.ws}))
		time.Sleep(100 * time.Millisecond)

		id := s.owner.MustDo(t, `mutation($w: ID!) { addRecipe(workspaceId: $w, recipe: "order-confirmation") { id } }`, map[string]any{"w": s.ws}).String("addRecipe.id")
		got, err := sock.Next(ctx)
		require.NoError(t, err)
		require.Equal(t, "Order confirmation", got.String("ruleUpdated.name"))
		require.Equal(t, false, got.Get("ruleUpdated.enabled"))

		s.owner.MustDo(t, enableRule, map[string]any{"id": id})
		got, err = sock.Next(ctx)
		require.NoError(t, err)
		require.Equal(t, true, got.Get("ruleUpdated.enabled"))
	})
}
