package graph_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	createMappingDoc = `mutation($w: ID!, $in: MappingInput!) { createMapping(workspaceId: $w, input: $in) { id version } }`
	syncRunDoc       = `query($id: ID!) { syncRun(id: $id) { status mode pages recordsRead recordsWritten recordsFailed recordsTotal
		recordsPerSecond error recordErrors { sourceId reason record } } }`
)

// crmFixture is a store with Shopify and HubSpot connected through their
// sandboxes.
type crmFixture struct {
	*storeFixture
	shopify, hubspot string
}

func newCRM(t *testing.T, h *testenv.Hub, shop string) *crmFixture {
	t.Helper()
	s := newStore(t, h, shop)
	authorize := s.owner.MustDo(t, startHubSpot, map[string]any{"w": s.ws}).String("startConnection.authorizeUrl")
	status, _, _ := visit(t, s.owner.Browser(), hubspotConsent(t, s.owner.Browser(), authorize, "Connect app"))
	require.Equal(t, http.StatusSeeOther, status)
	c := &crmFixture{storeFixture: s}
	conns := s.owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { id connector { slug } } }`, map[string]any{"w": s.ws})
	for _, e := range conns.Get("connections").([]any) {
		m := e.(map[string]any)
		switch m["connector"].(map[string]any)["slug"] {
		case "shopify":
			c.shopify = m["id"].(string)
		case "hubspot":
			c.hubspot = m["id"].(string)
		}
	}
	require.NotEmpty(t, c.shopify)
	require.NotEmpty(t, c.hubspot)
	return c
}

// customerMapping maps Shopify customers to HubSpot contacts the way an
// agency would: trimmed lower-case email, names, E.164 phone, lifetime
// spend as revenue, and a lifecycle stage from the order count.
func (c *crmFixture) customerMapping(name string) map[string]any {
	one := "customer"
	return map[string]any{"name": name, "sourceConnectionId": c.shopify, "sourceEntity": "customer",
		"targetConnectionId": c.hubspot, "targetEntity": "contact",
		"definition": map[string]any{"fields": []any{
			map[string]any{"target": "email", "source": "email", "transforms": []any{map[string]any{"kind": "trim"}, map[string]any{"kind": "lower"}}},
			map[string]any{"target": "firstname", "source": "firstName"},
			map[string]any{"target": "lastname", "source": "lastName"},
			map[string]any{"target": "phone", "source": "phone", "transforms": []any{map[string]any{"kind": "e164", "region": "US"}}},
			map[string]any{"target": "total_revenue", "source": "amountSpent", "transforms": []any{map[string]any{"kind": "currency", "currency": "USD"}}},
			map[string]any{"target": "lifecyclestage", "source": "numberOfOrders", "transforms": []any{
				map[string]any{"kind": "lookup", "table": map[string]any{"0": "lead"}, "default": one}}},
		}}}
}

func hubspotContacts(t *testing.T, h *testenv.Hub) []map[string]any {
	t.Helper()
	resp, err := http.Get(h.URL + "/sandbox/hubspot/_control/contacts")
	require.NoError(t, err)
	defer resp.Body.Close()
	var body struct {
		Contacts []map[string]any `json:"contacts"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	return body.Contacts
}

// waitSyncRun waits for a run to end and returns it.
func (c *crmFixture) waitSyncRun(t *testing.T, id string) *testenv.Response {
	t.Helper()
	var r *testenv.Response
	require.Eventually(t, func() bool {
		r = c.owner.MustDo(t, syncRunDoc, map[string]any{"id": id})
		return r.String("syncRun.status") != "RUNNING"
	}, 60*time.Second, 50*time.Millisecond)
	return r
}

// Shopify customers reach HubSpot through a mapping: validation names the
// field, the preview shows real records, a full sync writes every
// customer once (a bad phone is kept as a failed record with its reason),
// a second run is incremental and reads only what changed, and a change
// webhook starts a run by itself.
func TestCustomersSyncToHubSpot(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		c := newCRM(t, h, "crm.myshopify.com")
		seeded := sandboxControl(t, h, http.MethodPost, c.shop+"/customers", map[string]any{"count": 430, "customers": []map[string]any{
			{"email": "  Ada@Example.COM ", "firstName": "Ada", "lastName": "Lovelace", "phone": "(415) 555-0123", "amountSpent": "1250.50", "numberOfOrders": 3},
			{"email": "bad-phone@example.com", "firstName": "Bad", "lastName": "Phone", "phone": "12"},
		}})["ids"].([]any)
		adaID := seeded[430].(string)

		// Validation names the field.
		bad := c.customerMapping("Broken")
		bad["definition"] = map[string]any{"fields": []any{
			map[string]any{"target": "firstname", "source": "firstNme"},
			map[string]any{"target": "total_revenue", "source": "firstName"},
		}}
		r := c.owner.Do(t, createMappingDoc, map[string]any{"w": c.ws, "in": bad})
		require.NotEmpty(t, r.Errors, r.Raw)
		fields := r.Errors[0].Extensions["fields"].(map[string]any)
		require.Contains(t, fields, "definition.fields", "email is required by HubSpot: %v", fields)
		require.Contains(t, fields["definition.fields.0.source"], "firstName", "suggests the field: %v", fields)
		require.Contains(t, fields, "definition.fields.1.source", "text into a money field: %v", fields)

		mapping := c.customerMapping("Customers to HubSpot")
		preview := c.owner.MustDo(t, `query($w: ID!, $in: MappingInput!) { previewMapping(workspaceId: $w, input: $in, limit: 10) { sourceId target errors } }`,
			map[string]any{"w": c.ws, "in": mapping})
		rows := preview.Get("previewMapping").([]any)
		require.Len(t, rows, 10)
		require.NotEmpty(t, rows[0].(map[string]any)["target"].(map[string]any)["email"])

		id := c.owner.MustDo(t, createMappingDoc, map[string]any{"w": c.ws, "in": mapping}).String("createMapping.id")
		sync := c.owner.MustDo(t, `mutation($w: ID!, $in: SyncInput!) { createSync(workspaceId: $w, input: $in) { id } }`,
			map[string]any{"w": c.ws, "in": map[string]any{"name": "CRM", "mappingId": id, "intervalMinutes": 15, "onEvents": true}}).String("createSync.id")
		run := c.owner.MustDo(t, `mutation($id: ID!) { startSync(id: $id, full: true) { id status } }`, map[string]any{"id": sync}).String("startSync.id")
		done := c.waitSyncRun(t, run)
		require.Equal(t, "SUCCEEDED", done.String("syncRun.status"), done.Raw)
		require.EqualValues(t, 432, done.Get("syncRun.recordsRead"))
		require.EqualValues(t, 432, done.Get("syncRun.recordsTotal"))
		require.EqualValues(t, 431, done.Get("syncRun.recordsWritten"))
		require.EqualValues(t, 1, done.Get("syncRun.recordsFailed"))
		require.EqualValues(t, 2, done.Get("syncRun.pages"), "250 + 182")
		failed := done.Get("syncRun.recordErrors").([]any)
		require.Len(t, failed, 1)
		require.Contains(t, failed[0].(map[string]any)["reason"], "phone")
		require.Equal(t, "bad-phone@example.com", failed[0].(map[string]any)["record"].(map[string]any)["email"])

		contacts := hubspotContacts(t, h)
		require.Len(t, contacts, 431)
		var ada map[string]any
		for _, ct := range contacts {
			if fmt.Sprint(ct["properties"].(map[string]any)["email"]) == "ada@example.com" {
				ada = ct["properties"].(map[string]any)
			}
		}
		require.NotNil(t, ada, "the email trimmed and lower-cased")
		require.Equal(t, "+14155550123", ada["phone"])
		require.Equal(t, "1250.5", ada["total_revenue"])
		require.Equal(t, "customer", ada["lifecyclestage"])

		// Running again writes the same contacts (links, upserts): no duplicates.
		time.Sleep(1100 * time.Millisecond) // Shopify's updated_at filter has one-second precision
		again := c.owner.MustDo(t, `mutation($id: ID!) { startSync(id: $id, full: true) { id } }`, map[string]any{"id": sync}).String("startSync.id")
		require.Equal(t, "SUCCEEDED", c.waitSyncRun(t, again).String("syncRun.status"))
		require.Len(t, hubspotContacts(t, h), 431)

		// Incremental: nothing changed since the checkpoint.
		inc := c.owner.MustDo(t, `mutation($id: ID!) { startSync(id: $id) { id } }`, map[string]any{"id": sync}).String("startSync.id")
		incDone := c.waitSyncRun(t, inc)
		require.Equal(t, "INCREMENTAL", incDone.String("syncRun.mode"))
		require.EqualValues(t, 0, incDone.Get("syncRun.recordsRead"))

		// A customer changed in Shopify: its webhook starts an incremental run
		// that writes the change.
		time.Sleep(1100 * time.Millisecond)
		sandboxControl(t, h, http.MethodPost, c.shop+"/customers/update", map[string]any{"id": adaID,
			"customer": map[string]any{"firstName": "Augusta"}})
		now := time.Now().UTC().Format(time.RFC3339)
		c.webhook(t, "customers/update", map[string]any{"id": strings.TrimPrefix(adaID, "gid://shopify/Customer/"), "email": "ada@example.com",
			"first_name": "Augusta", "last_name": "Lovelace", "tags": "", "created_at": now, "updated_at": now})
		require.Eventually(t, func() bool {
			for _, ct := range hubspotContacts(t, h) {
				if p := ct["properties"].(map[string]any); p["email"] == "ada@example.com" && p["firstname"] == "Augusta" {
					return true
				}
			}
			return false
		}, 30*time.Second, 50*time.Millisecond)
		runs := c.owner.MustDo(t, `query($id: ID!) { sync(id: $id) { linkedRecords runs { reason mode status } } }`, map[string]any{"id": sync})
		require.EqualValues(t, 431, runs.Get("sync.linkedRecords"), "every customer but the bad phone, once")
		require.Equal(t, "EVENT", runs.String("sync.runs.0.reason"))
		require.Equal(t, "INCREMENTAL", runs.String("sync.runs.0.mode"))
		require.Len(t, hubspotContacts(t, h), 431)
	})
}

func hubspotCounters(t *testing.T, h *testenv.Hub) map[string]any {
	t.Helper()
	resp, err := http.Get(h.URL + "/sandbox/hubspot/_control/counters")
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

// With every second HubSpot call answered 429 (Retry-After one second),
// the sync never calls before Retry-After has passed, loses no record, and
// completes.
func TestSyncWaitsOutRetryAfter(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		c := newCRM(t, h, "throttled.myshopify.com")
		sandboxControl(t, h, http.MethodPost, c.shop+"/customers", map[string]any{"count": 250})
		id := c.owner.MustDo(t, createMappingDoc, map[string]any{"w": c.ws, "in": c.customerMapping("Throttled")}).String("createMapping.id")
		sync := c.owner.MustDo(t, `mutation($w: ID!, $in: SyncInput!) { createSync(workspaceId: $w, input: $in) { id } }`,
			map[string]any{"w": c.ws, "in": map[string]any{"name": "CRM", "mappingId": id}}).String("createSync.id")

		resp, err := http.Post(h.URL+"/sandbox/hubspot/_control/throttle-every", "application/json", strings.NewReader(`{"every": 2}`))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusNoContent, resp.StatusCode)
		before := hubspotCounters(t, h)

		run := c.owner.MustDo(t, `mutation($id: ID!) { startSync(id: $id) { id } }`, map[string]any{"id": sync}).String("startSync.id")
		done := c.waitSyncRun(t, run)
		require.Equal(t, "SUCCEEDED", done.String("syncRun.status"), done.Raw)
		require.EqualValues(t, 250, done.Get("syncRun.recordsWritten"))
		require.Len(t, hubspotContacts(t, h), 250)
		after := hubspotCounters(t, h)
		require.Greater(t, after["rateLimited"].(float64), before["rateLimited"].(float64), "HubSpot did refuse calls")
		require.EqualValues(t, 0, after["earlyCalls"], "no call before Retry-After")
	})
}

// HubSpot's lifecycle stage comes back to Shopify as a customer tag: a
// mapping from contacts to customer_tags adds "lifecycle:<stage>" to the
// customer with the contact's email, replacing an older lifecycle tag; a
// contact no customer matches is kept as a failed record.
func TestLifecycleStageBecomesAShopifyTag(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		c := newCRM(t, h, "stages.myshopify.com")
		sandboxControl(t, h, http.MethodPost, c.shop+"/customers", map[string]any{"customers": []map[string]any{
			{"email": "ada@example.com", "firstName": "Ada", "tags": []string{"lifecycle:lead", "vip"}}, {"email": "bob@example.com", "firstName": "Bob"}}})
		resp, err := http.Post(h.URL+"/sandbox/hubspot/_control/contacts", "application/json", strings.NewReader(`{"contacts": [
			{"email": "ada@example.com", "lifecyclestage": "customer"}, {"email": "bob@example.com", "lifecyclestage": "lead"},
			{"email": "nobody@example.com", "lifecyclestage": "lead"}]}`))
		require.NoError(t, err)
		resp.Body.Close()

		id := c.owner.MustDo(t, createMappingDoc, map[string]any{"w": c.ws, "in": map[string]any{"name": "Stages", "sourceConnectionId": c.hubspot,
			"sourceEntity": "contact", "targetConnectionId": c.shopify, "targetEntity": "customer_tags", "definition": map[string]any{"fields": []any{
				map[string]any{"target": "email", "source": "email"},
				map[string]any{"target": "tags", "template": "lifecycle:{{lifecyclestage}}"},
				map[string]any{"target": "replacePrefix", "constant": "lifecycle:"},
			}}}}).String("createMapping.id")
		sync := c.owner.MustDo(t, `mutation($w: ID!, $in: SyncInput!) { createSync(workspaceId: $w, input: $in) { id } }`,
			map[string]any{"w": c.ws, "in": map[string]any{"name": "Stages back", "mappingId": id}}).String("createSync.id")
		run := c.owner.MustDo(t, `mutation($id: ID!) { startSync(id: $id) { id } }`, map[string]any{"id": sync}).String("startSync.id")
		done := c.waitSyncRun(t, run)
		require.Equal(t, "SUCCEEDED", done.String("syncRun.status"), done.Raw)
		require.EqualValues(t, 2, done.Get("syncRun.recordsWritten"))
		require.EqualValues(t, 1, done.Get("syncRun.recordsFailed"))
		require.Contains(t, done.String("syncRun.recordErrors.0.reason"), `no Shopify customer has the email "nobody@example.com"`)

		token := sandboxControl(t, h, http.MethodPost, c.shop+"/tokens", map[string]any{})["access_token"].(string)
		tags := func(email string) string {
			body, _ := json.Marshal(map[string]any{"query": `query($q: String!) { customers(first: 1, query: $q) { nodes { tags } } }`,
				"variables": map[string]any{"q": "email:" + email}})
			req, _ := http.NewRequest(http.MethodPost, h.URL+"/sandbox/shopify/"+c.shop+"/admin/api/2026-04/graphql.json", strings.NewReader(string(body)))
			req.Header.Set("X-Shopify-Access-Token", token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			var out struct {
				Data struct {
					Customers struct {
						Nodes []struct{ Tags []string }
					}
				}
			}
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
			require.Len(t, out.Data.Customers.Nodes, 1, "customer %s", email)
			return strings.Join(out.Data.Customers.Nodes[0].Tags, ",")
		}
		require.Equal(t, "lifecycle:customer,vip", tags("ada@example.com"), "the old stage replaced, other tags kept")
		require.Contains(t, tags("bob@example.com"), "lifecycle:lead")
		require.NotContains(t, tags("bob@example.com"), "lifecycle:customer")
	})
}

// A sync scheduled by cron runs at those times in the store's time zone;
// a bad expression, or both an interval and cron, is refused on the cron
// field.
func TestSyncCronSchedule(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		c := newCRM(t, h, "cron.myshopify.com")
		c.owner.MustDo(t, `mutation($id: ID!) { setWorkspaceTimeZone(input: {id: $id, timeZone: "America/New_York"}) { id } }`, map[string]any{"id": c.ws})
		id := c.owner.MustDo(t, createMappingDoc, map[string]any{"w": c.ws, "in": c.customerMapping("Nightly")}).String("createMapping.id")
		create := `mutation($w: ID!, $in: SyncInput!) { createSync(workspaceId: $w, input: $in) { id cron nextRunAt } }`
		fifteen := 15
		for _, in := range []map[string]any{
			{"name": "Bad", "mappingId": id, "cron": "at three"},
			{"name": "Both", "mappingId": id, "cron": "0 3 * * *", "intervalMinutes": fifteen},
		} {
			r := c.owner.Do(t, create, map[string]any{"w": c.ws, "in": in})
			require.NotEmpty(t, r.Errors, in["name"])
			require.Contains(t, r.Errors[0].Extensions["fields"].(map[string]any), "cron", in["name"])
		}
		r := c.owner.MustDo(t, create, map[string]any{"w": c.ws, "in": map[string]any{"name": "Nightly", "mappingId": id, "cron": " 0 3 * * * "}})
		require.Equal(t, "0 3 * * *", r.String("createSync.cron"))
		next, err := time.Parse(time.RFC3339, r.String("createSync.nextRunAt"))
		require.NoError(t, err)
		ny, err := time.LoadLocation("America/New_York")
		require.NoError(t, err)
		require.Equal(t, [2]int{3, 0}, [2]int{next.In(ny).Hour(), next.In(ny).Minute()}, "03:00 in New York, got %s", next.In(ny))
		require.True(t, next.After(time.Now()) && next.Before(time.Now().Add(25*time.Hour)))
	})
}

// A customer changed while a run is in progress is not lost: the webhook
// finds the sync busy, marks it, and an incremental run starts as soon as
// the running one finishes.
func TestChangeDuringARunIsSyncedAfterIt(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		c := newCRM(t, h, "busy.myshopify.com")
		ids := sandboxControl(t, h, http.MethodPost, c.shop+"/customers", map[string]any{"count": 600})["ids"].([]any)
		id := c.owner.MustDo(t, createMappingDoc, map[string]any{"w": c.ws, "in": c.customerMapping("Busy")}).String("createMapping.id")
		sync := c.owner.MustDo(t, `mutation($w: ID!, $in: SyncInput!) { createSync(workspaceId: $w, input: $in) { id } }`,
			map[string]any{"w": c.ws, "in": map[string]any{"name": "CRM", "mappingId": id, "onEvents": true}}).String("createSync.id")
		// HubSpot answers every second call 429 (Retry-After 1 s): the run takes seconds.
		resp, err := http.Post(h.URL+"/sandbox/hubspot/_control/throttle-every", "application/json", strings.NewReader(`{"every": 2}`))
		require.NoError(t, err)
		resp.Body.Close()
		run := c.owner.MustDo(t, `mutation($id: ID!) { startSync(id: $id, full: true) { id } }`, map[string]any{"id": sync}).String("startSync.id")

		last := ids[len(ids)-1].(string)
		time.Sleep(1100 * time.Millisecond) // a second after the run started: Shopify's updated_at filter has one-second precision
		sandboxControl(t, h, http.MethodPost, c.shop+"/customers/update", map[string]any{"id": last, "customer": map[string]any{"firstName": "Changed"}})
		now := time.Now().UTC().Format(time.RFC3339)
		c.webhook(t, "customers/update", map[string]any{"id": strings.TrimPrefix(last, "gid://shopify/Customer/"), "email": "x@example.com",
			"first_name": "Changed", "tags": "", "created_at": now, "updated_at": now})
		require.Equal(t, "RUNNING", c.owner.MustDo(t, syncRunDoc, map[string]any{"id": run}).String("syncRun.status"), "the change came during the run")

		require.Eventually(t, func() bool {
			r := c.owner.MustDo(t, `query($id: ID!) { sync(id: $id) { runs { reason mode status } } }`, map[string]any{"id": sync})
			runs := r.Get("sync.runs").([]any)
			return len(runs) == 2 && r.String("sync.runs.0.reason") == "EVENT" && r.String("sync.runs.0.mode") == "INCREMENTAL" &&
				r.String("sync.runs.0.status") == "SUCCEEDED" && r.String("sync.runs.1.status") == "SUCCEEDED"
		}, 60*time.Second, 100*time.Millisecond)
		changed := 0
		for _, ct := range hubspotContacts(t, h) {
			if ct["properties"].(map[string]any)["firstname"] == "Changed" {
				changed++
			}
		}
		require.Equal(t, 1, changed)
	})
}
