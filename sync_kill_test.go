package main

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	shopifyconn "github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// syncFixture is a workspace whose Shopify store and HubSpot portal live in
// sandboxes outside the hub process, with a customers → contacts sync.
type syncFixture struct {
	providers *testenv.Providers
	owner     *testenv.Account
	sync      string
}

const crmShop = "killed.myshopify.com"

func newSyncFixture(t *testing.T, hubURL string, p *testenv.Providers) *syncFixture {
	t.Helper()
	owner := (&testenv.Hub{URL: hubURL}).SignUp(t, "Killed syncs")
	ws := owner.MustDo(t, `mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "Store"}) { id } }`,
		map[string]any{"a": owner.AgencyID}).String("createWorkspace.id")
	connect := func(connector string, values []map[string]any, approve func(*http.Client, string) (string, error)) string {
		authorize := owner.MustDo(t, `mutation($w: ID!, $c: String!, $v: [ConnectionValueInput!]!) { startConnection(input: {workspaceId: $w, connector: $c, values: $v}) { authorizeUrl } }`,
			map[string]any{"w": ws, "c": connector, "v": values}).String("startConnection.authorizeUrl")
		callback, err := approve(owner.Browser(), authorize)
		require.NoError(t, err)
		resp, err := owner.Browser().Get(callback)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		conns := owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { id connector { slug } } }`, map[string]any{"w": ws})
		for _, c := range conns.Get("connections").([]any) {
			if c.(map[string]any)["connector"].(map[string]any)["slug"] == connector {
				return c.(map[string]any)["id"].(string)
			}
		}
		t.Fatalf("no %s connection", connector)
		return ""
	}
	shopify := connect("shopify", []map[string]any{{"name": "shop", "value": crmShop}}, testenv.ApproveShopify)
	// The hub subscribes to the store's webhooks right after connecting:
	// wait for it, so that the sync's calls are counted alone.
	require.Eventually(t, func() bool {
		st, err := p.Shopify.Shop(crmShop)
		return err == nil && len(st.Subscriptions) == len(shopifyconn.SubscribedTopics)
	}, 20*time.Second, 20*time.Millisecond)
	hubspot := connect("hubspot", []map[string]any{}, testenv.ApproveHubSpot)
	mapping := owner.MustDo(t, `mutation($w: ID!, $in: MappingInput!) { createMapping(workspaceId: $w, input: $in) { id } }`, map[string]any{"w": ws, "in": map[string]any{
		"name": "Customers", "sourceConnectionId": shopify, "sourceEntity": "customer", "targetConnectionId": hubspot, "targetEntity": "contact",
		"definition": map[string]any{"fields": []any{
			map[string]any{"target": "email", "source": "email", "transforms": []any{map[string]any{"kind": "lower"}}},
			map[string]any{"target": "firstname", "source": "firstName"},
			map[string]any{"target": "lastname", "source": "lastName"},
		}}}}).String("createMapping.id")
	sync := owner.MustDo(t, `mutation($w: ID!, $m: ID!) { createSync(workspaceId: $w, input: {name: "CRM", mappingId: $m}) { id } }`,
		map[string]any{"w": ws, "m": mapping}).String("createSync.id")
	return &syncFixture{providers: p, owner: owner, sync: sync}
}

// switchTo points the fixture's session at another hub process.
func (f *syncFixture) switchTo(t *testing.T, hubURL string) {
	t.Helper()
	c := (&testenv.Hub{URL: hubURL}).NewClient()
	u, err := url.Parse(hubURL)
	require.NoError(t, err)
	c.SetCookies(u, f.owner.Cookies())
	f.owner.Client = c
}

func (f *syncFixture) pages(t *testing.T, run string) (int, string) {
	r := f.owner.MustDo(t, `query($id: ID!) { syncRun(id: $id) { pages status } }`, map[string]any{"id": run})
	return int(r.Get("syncRun.pages").(float64)), r.String("syncRun.status")
}

// A 50,000-customer sync whose hub process is killed (SIGKILL) three times
// and restarted each time: the next process resumes at the last recorded
// page, the run completes, HubSpot holds exactly 50,000 contacts, and each
// kill costs at most one page read again.
func TestSyncSurvivesThreeKills(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		providers := testenv.StartProviders(testenv.ProviderOptions{Unlimited: true})
		defer providers.Close()
		env := append(providers.Env(), "HUB_JOB_TIMEOUT=3s", "HUB_JOB_RESCUE_AFTER=4s")
		url, proc, _ := startProcess(t, db, env...)
		f := newSyncFixture(t, url, providers)
		const customers = 50_000
		_, err := providers.Shopify.SeedCustomers(crmShop, customers, nil)
		require.NoError(t, err)
		callsBefore, err := providers.Shopify.Counters(crmShop)
		require.NoError(t, err)

		run := f.owner.MustDo(t, `mutation($id: ID!) { startSync(id: $id, full: true) { id } }`, map[string]any{"id": f.sync}).String("startSync.id")
		var last interface{ String() string }
		for kill, at := range []int{20, 90, 170} {
			require.Eventually(t, func() bool { n, _ := f.pages(t, run); return n >= at }, 120*time.Second, 10*time.Millisecond,
				"kill %d: page %d reached", kill+1, at)
			require.NoError(t, proc.Process.Kill())
			_ = proc.Wait()
			var log interface{ String() string }
			url, proc, log = startProcess(t, db, env...)
			last = log
			f.switchTo(t, url)
		}
		require.Eventually(t, func() bool { _, st := f.pages(t, run); return st != "RUNNING" }, 180*time.Second, 100*time.Millisecond,
			"the run ends on the fourth process; its log:\n%s", last)
		done := f.owner.MustDo(t, `query($id: ID!) { syncRun(id: $id) { status pages recordsRead recordsWritten recordsFailed } }`, map[string]any{"id": run})
		require.Equal(t, "SUCCEEDED", done.String("syncRun.status"), done.Raw)
		require.EqualValues(t, customers, done.Get("syncRun.recordsRead"))
		require.EqualValues(t, customers, done.Get("syncRun.recordsWritten"))

		contacts := providers.HubSpot.Contacts()
		require.Len(t, contacts, customers)
		seen := make(map[string]bool, customers)
		for _, c := range contacts {
			email := c.Properties["email"]
			require.False(t, seen[email], "contact %s written twice", email)
			seen[email] = true
		}
		callsAfter, err := providers.Shopify.Counters(crmShop)
		require.NoError(t, err)
		pages := int(done.Get("syncRun.pages").(float64))
		refetched := callsAfter.APICalls - callsBefore.APICalls - pages
		require.GreaterOrEqual(t, refetched, 0)
		require.LessOrEqual(t, refetched, 3, "at most one page read again per kill")
		t.Logf("%d pages, %d read again after 3 kills", pages, refetched)
	})
}
