package graph_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// A wait "until 09:00" is read in the store's time zone, which an admin
// sets per workspace; a name that is not a time zone is refused, naming
// the field.
func TestWaitsUntilATimeOfDayUseTheStoresTimeZone(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		s := newStore(t, h, "zones.myshopify.com")
		setTZ := `mutation($id: ID!, $tz: String!) { setWorkspaceTimeZone(input: {id: $id, timeZone: $tz}) { id timeZone } }`

		bad := s.owner.Do(t, setTZ, map[string]any{"id": s.ws, "tz": "Mars/Olympus_Mons"})
		require.NotEmpty(t, bad.Errors)
		require.Contains(t, bad.Errors[0].Extensions["fields"].(map[string]any)["timeZone"], "IANA time zone")
		require.Equal(t, "UTC", s.owner.MustDo(t, `query($id: ID!) { workspace(id: $id) { timeZone } }`, map[string]any{"id": s.ws}).String("workspace.timeZone"))

		require.Equal(t, "America/New_York", s.owner.MustDo(t, setTZ, map[string]any{"id": s.ws, "tz": "America/New_York"}).String("setWorkspaceTimeZone.timeZone"))

		rule := map[string]any{"name": "Thank you at nine", "trigger": map[string]any{"event": "order.created"},
			"steps": []any{
				map[string]any{"kind": "wait", "wait": map[string]any{"untilTime": "09:00"}},
				map[string]any{"kind": "action", "action": map[string]any{"connector": "smtp", "action": "send_email", "connectionId": s.smtp,
					"input": map[string]any{"to": "{{customer.email}}", "subject": "Thanks for order {{order.number}}", "text": "Thank you."}}},
			}}
		id := s.owner.MustDo(t, `mutation($w: ID!, $in: RuleInput!) { createRule(workspaceId: $w, input: $in) { id } }`,
			map[string]any{"w": s.ws, "in": rule}).String("createRule.id")
		s.owner.MustDo(t, enableRule, map[string]any{"id": id})
		s.order(t, "evt-tz-1", 3001, "ada@example.com", "42.00")

		var until time.Time
		require.Eventually(t, func() bool {
			r := s.owner.Do(t, `query($w: ID!) { runs(workspaceId: $w) { edges { node { status waitingUntil startedAt } } } }`, map[string]any{"w": s.ws})
			if len(r.Errors) > 0 || len(r.Get("runs.edges").([]any)) != 1 || r.String("runs.edges.0.node.status") != "WAITING" {
				return false
			}
			var err error
			until, err = time.Parse(time.RFC3339, r.String("runs.edges.0.node.waitingUntil"))
			require.NoError(t, err)
			return true
		}, 15*time.Second, 50*time.Millisecond)

		ny, err := time.LoadLocation("America/New_York")
		require.NoError(t, err)
		local := until.In(ny)
		require.Equal(t, [2]int{9, 0}, [2]int{local.Hour(), local.Minute()}, "09:00 in New York, got %s", local)
		require.True(t, until.After(time.Now()) && until.Before(time.Now().Add(24*time.Hour+time.Minute)), "the next 09:00, got %s", until)
	})
}

// A rule on inventory.changed sees the stock level: conditions and
// templates read inventory.sku and inventory.available (checked on the
// sample event), and store.timezone is the workspace's.
func TestInventoryEventsReachRules(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Stock")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Stock store"}).String("createWorkspace.id")
		hook := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "webhook", "values": []map[string]any{
			{"name": "url", "value": "https://hooks.example.com/stock"}, {"name": "signingSecret", "value": "a-signing-secret-of-24-chars"}}}}).String("createConnection.id")
		r := owner.MustDo(t, `mutation($w: ID!, $in: RuleInput!) { testRule(workspaceId: $w, input: $in) { conditionHeld steps { rendered { value } } } }`,
			map[string]any{"w": ws, "in": map[string]any{"name": "Low stock", "trigger": map[string]any{"event": "inventory.changed"},
				"condition": `inventory.available < 5 && inventory.sku != ""`,
				"steps": []any{map[string]any{"kind": "action", "action": map[string]any{"connector": "webhook", "action": "notify", "connectionId": hook,
					"input": map[string]any{"event": "low_stock", "payload": `{"sku": "{{inventory.sku}}", "left": {{inventory.available}}, "tz": "{{store.timezone}}"}`}}}}}})
		require.Equal(t, true, r.Get("testRule.conditionHeld"), r.Raw)
		require.Contains(t, r.Raw, `\"sku\": \"SHIRT-M-BLUE\", \"left\": 3`)
	})
}
