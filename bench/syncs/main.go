// Command syncs measures customer syncs of a running hub binary: Shopify
// customers into HubSpot contacts through a mapping, page by page as River
// jobs. The Shopify and HubSpot sandboxes run in this process on their own
// ports, as the real providers would, and the hub reaches them through its
// HUB_<SLUG>_BASE_URL settings.
//
//	go run ./bench/syncs -bin bin/switchboard [-pg postgres://…/postgres] [-records 100000] [-limited 60s] [-only postgres]
//
// Two phases per database, each on a fresh hub and fresh sandboxes:
//   - unlimited: the sandboxes' rate limits lifted (the hub paces itself by
//     what they report), a full sync of -records customers: records per
//     second and the hub's peak RSS;
//   - limited: the providers' real budgets (Shopify's 2,000-point bucket
//     restored at 100 points/s, HubSpot's 100 requests per 10 s), a sync
//     run for -limited: the share of each budget used, THROTTLED and 429
//     answers, and HubSpot's busiest 10-second window.
//
// Figures are printed as Markdown for docs/BENCHMARKS.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/switchboard-hub/switchboard/bench/internal/harness"
	shopifysandbox "github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const shop = "bench-sync.myshopify.com"

func main() {
	bin := flag.String("bin", "bin/switchboard", "the hub binary")
	pg := flag.String("pg", os.Getenv("HUB_TEST_DATABASE_URL"), "PostgreSQL admin URL (empty: SQLite only)")
	records := flag.Int("records", 100_000, "customers synced with the rate limits lifted")
	limited := flag.Duration("limited", 60*time.Second, "how long the sync runs within the real rate limits (0: skip)")
	only := flag.String("only", "", "measure one database only: sqlite or postgres")
	flag.Parse()

	fmt.Println("| database | measure | result |")
	fmt.Println("| --- | --- | --- |")
	run := func(name, pgURL string) {
		unlimited(name, *bin, pgURL, *records)
		if *limited > 0 {
			withinBudgets(name, *bin, pgURL, *limited)
		}
	}
	if *only != "postgres" {
		run("SQLite", "")
	}
	if *pg != "" && *only != "sqlite" {
		run("PostgreSQL", *pg)
	}
}

// world is a hub with a customers → contacts sync, and its sandboxes.
type world struct {
	hub       *harness.Hub
	providers *testenv.Providers
	c         *harness.Client
	sync      string
}

func setUp(bin, pgURL string, customers int, o testenv.ProviderOptions) *world {
	p := testenv.StartProviders(o)
	_, err := p.Shopify.CreateShop(shopifysandbox.ShopSpec{Domain: shop, Currency: "EUR"})
	check(err)
	_, err = p.Shopify.SeedCustomers(shop, customers, nil)
	check(err)
	h, err := harness.StartHub(bin, pgURL, p.Env()...)
	check(err)
	w := &world{hub: h, providers: p, c: harness.NewClient(h.URL)}
	ws, err := w.c.SignUp()
	check(err)
	check(w.c.ConnectShopify(ws, shop))
	check(w.c.ConnectHubSpot(ws))
	var conns struct {
		Connections []struct {
			ID        string
			Connector struct{ Slug string }
		}
	}
	check(w.c.Do(`query($w: ID!) { connections(workspaceId: $w) { id connector { slug } } }`, map[string]any{"w": ws}, &conns))
	ids := map[string]string{}
	for _, c := range conns.Connections {
		ids[c.Connector.Slug] = c.ID
	}
	var m struct{ CreateMapping struct{ ID string } }
	check(w.c.Do(`mutation($w: ID!, $in: MappingInput!) { createMapping(workspaceId: $w, input: $in) { id } }`, map[string]any{"w": ws, "in": map[string]any{
		"name": "Customers", "sourceConnectionId": ids["shopify"], "sourceEntity": "customer", "targetConnectionId": ids["hubspot"], "targetEntity": "contact",
		"definition": map[string]any{"fields": []any{
			map[string]any{"target": "email", "source": "email", "transforms": []any{map[string]any{"kind": "trim"}, map[string]any{"kind": "lower"}}},
			map[string]any{"target": "firstname", "source": "firstName"},
			map[string]any{"target": "lastname", "source": "lastName"},
			map[string]any{"target": "total_revenue", "source": "amountSpent", "transforms": []any{map[string]any{"kind": "currency", "currency": "EUR"}}},
			map[string]any{"target": "lifecyclestage", "source": "numberOfOrders", "transforms": []any{
				map[string]any{"kind": "lookup", "table": map[string]any{"0": "lead"}, "default": "customer"}}},
		}}}}, &m))
	var s struct{ CreateSync struct{ ID string } }
	check(w.c.Do(`mutation($w: ID!, $m: ID!) { createSync(workspaceId: $w, input: {name: "CRM", mappingId: $m}) { id } }`,
		map[string]any{"w": ws, "m": m.CreateMapping.ID}, &s))
	w.sync = s.CreateSync.ID
	return w
}

func (w *world) close() {
	w.hub.Stop()
	w.providers.Close()
}

type runState struct {
	Status, StartedAt, FinishedAt string
	RecordsRead, RecordsWritten   int
}

func (w *world) start() string {
	var r struct{ StartSync struct{ ID string } }
	check(w.c.Do(`mutation($id: ID!) { startSync(id: $id, full: true) { id } }`, map[string]any{"id": w.sync}, &r))
	return r.StartSync.ID
}

func (w *world) state(run string) runState {
	var r struct{ SyncRun runState }
	check(w.c.Do(`query($id: ID!) { syncRun(id: $id) { status startedAt finishedAt recordsRead recordsWritten } }`, map[string]any{"id": run}, &r))
	return r.SyncRun
}

// unlimited syncs every customer with the providers' limits lifted.
func unlimited(name, bin, pgURL string, customers int) {
	w := setUp(bin, pgURL, customers, testenv.ProviderOptions{Unlimited: true})
	defer w.close()
	run := w.start()
	var st runState
	for st = w.state(run); st.Status == "RUNNING"; st = w.state(run) {
		time.Sleep(200 * time.Millisecond)
	}
	if st.Status != "SUCCEEDED" || st.RecordsWritten != customers {
		check(fmt.Errorf("the sync ended %s with %d of %d written", st.Status, st.RecordsWritten, customers))
	}
	started, _ := time.Parse(time.RFC3339Nano, st.StartedAt)
	finished, _ := time.Parse(time.RFC3339Nano, st.FinishedAt)
	secs := finished.Sub(started).Seconds()
	row(name, fmt.Sprintf("%d customers → HubSpot, rate limits lifted", customers),
		fmt.Sprintf("**%.0f records/s** (%.1f s), hub peak RSS **%.0f MiB**", float64(customers)/secs, secs, w.hub.PeakRSS()))
}

// withinBudgets runs a sync within the providers' real budgets for d and
// reports how much of each it used.
func withinBudgets(name, bin, pgURL string, d time.Duration) {
	w := setUp(bin, pgURL, 100_000, testenv.ProviderOptions{})
	defer w.close()
	shopBefore, err := w.providers.Shopify.Counters(shop)
	check(err)
	hubBefore := w.providers.HubSpot.Counters()
	run := w.start()
	time.Sleep(d)
	var cancel struct{ CancelSyncRun struct{ ID string } }
	check(w.c.Do(`mutation($id: ID!) { cancelSyncRun(id: $id) { id } }`, map[string]any{"id": run}, &cancel))
	st := w.state(run)
	shopAfter, err := w.providers.Shopify.Counters(shop)
	check(err)
	hubAfter := w.providers.HubSpot.Counters()

	points := shopAfter.PointsSpent - shopBefore.PointsSpent
	available := 2000 + 100*d.Seconds() // a full bucket, then the restore rate
	calls := hubAfter.APICalls - hubBefore.APICalls
	row(name, fmt.Sprintf("sync within the real budgets for %s", d),
		fmt.Sprintf("%d records read (%.0f/s); Shopify: **%.0f %% of the points** (%d of %.0f), %d THROTTLED; HubSpot: %d calls, busiest 10 s window %d of 100, %d answered 429",
			st.RecordsRead, float64(st.RecordsRead)/d.Seconds(), 100*float64(points)/available, points, available,
			shopAfter.Throttled-shopBefore.Throttled, calls, hubAfter.MaxWindow, hubAfter.RateLimited-hubBefore.RateLimited))
}

func row(db, what, result string) { fmt.Printf("| %s | %s | %s |\n", db, what, result) }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "syncs:", err)
		os.Exit(1)
	}
}
