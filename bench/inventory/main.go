// Command inventory measures stock propagation of a running hub binary: a
// workspace sells through two Shopify stores kept equal by SKU; an order
// placed at store A reaches the hub as Shopify's orders/create webhook,
// and the benchmark times how long until the hub's inventorySetQuantities
// call for the same SKU arrives at store B. The Shopify sandbox runs in
// this process on its own port, as the real provider would, and the hub
// reaches it through HUB_SHOPIFY_BASE_URL.
//
//	go run ./bench/inventory -bin bin/switchboard [-pg postgres://…/postgres] [-orders 300] [-only postgres]
//
// Orders are placed one at a time (each waits for its update), over -skus
// SKUs so consecutive orders touch different products. Figures are printed
// as Markdown for docs/BENCHMARKS.md.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/bench/internal/harness"
	shopifysandbox "github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	shopA = "bench-stock-a.myshopify.com"
	shopB = "bench-stock-b.myshopify.com"
)

func main() {
	bin := flag.String("bin", "bin/switchboard", "the hub binary")
	pg := flag.String("pg", os.Getenv("HUB_TEST_DATABASE_URL"), "PostgreSQL admin URL (empty: SQLite only)")
	orders := flag.Int("orders", 300, "orders placed at store A")
	skus := flag.Int("skus", 50, "products both stores sell")
	only := flag.String("only", "", "measure one database only: sqlite or postgres")
	flag.Parse()

	fmt.Println("| database | measure | result |")
	fmt.Println("| --- | --- | --- |")
	if *only != "postgres" {
		measure("SQLite", *bin, "", *orders, *skus)
	}
	if *pg != "" && *only != "sqlite" {
		measure("PostgreSQL", *bin, *pg, *orders, *skus)
	}
}

// sets records when store B receives an inventorySetQuantities call.
type sets struct {
	seen chan time.Time
}

// middleware notes every inventorySetQuantities call to store B.
func (s *sets) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.Contains(r.URL.Path, shopB) && strings.HasSuffix(r.URL.Path, "/graphql.json") {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			if bytes.Contains(body, []byte("inventorySetQuantities")) {
				at := time.Now()
				select {
				case s.seen <- at:
				default:
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

func measure(name, bin, pgURL string, orders, skus int) {
	rec := &sets{seen: make(chan time.Time, 1)}
	p := testenv.StartProviders(testenv.ProviderOptions{Unlimited: true, ShopifyMiddleware: rec.middleware})
	defer p.Close()
	var seeds []shopifysandbox.ProductSeed
	for i := range skus {
		seeds = append(seeds, shopifysandbox.ProductSeed{Title: fmt.Sprintf("Product %d", i), SKU: fmt.Sprintf("SKU-%03d", i), Available: orders + 10})
	}
	for _, shop := range []string{shopA, shopB} {
		_, err := p.Shopify.CreateShop(shopifysandbox.ShopSpec{Domain: shop})
		check(err)
		_, err = p.Shopify.CreateProducts(shop, seeds)
		check(err)
	}
	h, err := harness.StartHub(bin, pgURL, p.Env()...)
	check(err)
	defer h.Stop()
	c := harness.NewClient(h.URL)
	ws, err := c.SignUp()
	check(err)
	check(c.ConnectShopifyAs(ws, shopA, "Store A"))
	check(c.ConnectShopifyAs(ws, shopB, "Store B"))
	var conns struct{ Connections []struct{ ID, Name string } }
	check(c.Do(`query($w: ID!) { connections(workspaceId: $w) { id name } }`, map[string]any{"w": ws}, &conns))
	ids := map[string]string{}
	for _, conn := range conns.Connections {
		ids[conn.Name] = conn.ID
	}
	check(c.Do(`mutation($w: ID!, $in: InventoryPolicyInput!) { setInventoryPolicy(workspaceId: $w, input: $in) { enabled } }`,
		map[string]any{"w": ws, "in": map[string]any{"enabled": true, "channelIds": []string{ids["Store A"], ids["Store B"]}, "sourceOfTruthId": ids["Store A"]}}, nil))
	waitReconciled(c, ws)
	drain(rec.seen)

	var lat []time.Duration
	missed := 0
	for i := range orders {
		sku := fmt.Sprintf("SKU-%03d", i%skus)
		start := time.Now()
		_, err := p.Shopify.CreateOrder(context.Background(), shopA, shopifysandbox.OrderSpec{LineItems: []shopifysandbox.LineSeed{{SKU: sku, Quantity: 1}}})
		check(err)
		select {
		case at := <-rec.seen:
			lat = append(lat, at.Sub(start))
		case <-time.After(10 * time.Second):
			missed++
		}
	}
	slices.Sort(lat)
	pct := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	row(name, fmt.Sprintf("order at store A → inventorySetQuantities at store B, %d orders", orders),
		fmt.Sprintf("p50 **%s**, p90 %s, p99 **%s**, max %s; %d not propagated within 10 s", ms(pct(0.5)), ms(pct(0.9)), ms(pct(0.99)), ms(lat[len(lat)-1]), missed))
	var levels struct {
		InventoryItems struct {
			Items []struct {
				SKU       string
				Available int
				Drift     bool
			}
		}
	}
	check(c.Do(`query($w: ID!) { inventoryItems(workspaceId: $w, first: 500) { items { sku available drift } } }`, map[string]any{"w": ws}, &levels))
	a, err := p.Shopify.Inventory(shopA)
	check(err)
	b, err := p.Shopify.Inventory(shopB)
	check(err)
	agree := len(a.Items) == len(b.Items)
	for i := range a.Items {
		agree = agree && a.Items[i].Available == b.Items[i].Available
	}
	row(name, "stores agree afterwards", fmt.Sprintf("%v (hub peak RSS %.0f MiB)", agree, h.PeakRSS()))
}

func waitReconciled(c *harness.Client, ws string) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var p struct {
			InventoryPolicy struct{ LastReconciliation struct{ Status string } }
		}
		check(c.Do(`query($w: ID!) { inventoryPolicy(workspaceId: $w) { lastReconciliation { status } } }`, map[string]any{"w": ws}, &p))
		switch p.InventoryPolicy.LastReconciliation.Status {
		case "SUCCEEDED":
			return
		case "FAILED":
			check(fmt.Errorf("the first reconciliation failed"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	check(fmt.Errorf("the first reconciliation did not finish"))
}

func drain(ch chan time.Time) {
	for {
		select {
		case <-ch:
		case <-time.After(500 * time.Millisecond):
			return
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func row(db, what, result string) { fmt.Printf("| %s | %s | %s |\n", db, what, result) }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "inventory bench:", err)
		os.Exit(1)
	}
}
