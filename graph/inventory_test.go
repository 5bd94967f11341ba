package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	setPolicyDoc = `mutation($w: ID!, $in: InventoryPolicyInput!) { setInventoryPolicy(workspaceId: $w, input: $in) {
		enabled reconcileCron nextReconcileAt channels { id } sourceOfTruth { id } lastReconciliation { id status } } }`
	policyDoc = `query($w: ID!) { inventoryPolicy(workspaceId: $w) { enabled lastReconciliation { id status skus repaired error } } }`
	itemsDoc  = `query($w: ID!, $search: String, $drift: Boolean) { inventoryItems(workspaceId: $w, search: $search, driftOnly: $drift) {
		totalCount items { sku title available drift levels { available inSync error channel { id } } } } }`
	adjustmentsDoc = `query($w: ID!, $sku: String) { inventoryAdjustments(workspaceId: $w, sku: $sku, first: 100) {
		totalCount items { sku cause reference before after delta oversold channel { id } } } }`
	reconcileDoc = `mutation($w: ID!) { reconcileInventory(workspaceId: $w) { id status } }`
	setStockDoc  = `mutation($w: ID!, $sku: String!, $n: Int!) { setInventoryAvailable(workspaceId: $w, sku: $sku, available: $n) { sku available drift } }`
)

// channelsFixture is a workspace selling through a Shopify store and a
// WooCommerce store, both sandboxes.
type channelsFixture struct {
	*storeFixture
	shopify, woo string
	// wooStore is the WooCommerce sandbox's key of the store; wooKey and
	// wooSecret its REST API key.
	wooStore, wooKey, wooSecret string
}

// newChannels connects a Shopify store and a WooCommerce store, both with
// products; the hub subscribes to both stores' webhooks itself.
func newChannels(t *testing.T, h *testenv.Hub, shop, wooURL string, shopProducts, wooProducts []map[string]any) *channelsFixture {
	t.Helper()
	s := newStore(t, h, shop)
	sandboxControl(t, h, http.MethodPost, shop+"/products", map[string]any{"products": shopProducts})
	c := &channelsFixture{storeFixture: s}
	st := wooControl(t, h, http.MethodPost, "", map[string]any{"url": wooURL, "name": "Woo " + shop, "products": wooProducts})
	c.wooStore, c.wooKey, c.wooSecret = st["key"].(string), st["consumerKey"].(string), st["consumerSecret"].(string)
	c.woo = s.owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": s.ws, "connector": "woocommerce",
		"values": []map[string]any{{"name": "storeUrl", "value": wooURL}, {"name": "consumerKey", "value": c.wooKey},
			{"name": "consumerSecret", "value": c.wooSecret}, {"name": "webhookSecret", "value": "woo-hook-secret"}}}}).String("createConnection.id")
	conns := s.owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { id webhookUrl connector { slug } } }`, map[string]any{"w": s.ws})
	hook := ""
	for _, e := range conns.Get("connections").([]any) {
		m := e.(map[string]any)
		switch m["connector"].(map[string]any)["slug"] {
		case "shopify":
			c.shopify = m["id"].(string)
		case "woocommerce":
			hook, _ = m["webhookUrl"].(string)
		}
	}
	require.NotEmpty(t, c.shopify)
	require.Eventually(t, func() bool {
		active := map[string]bool{}
		for _, h := range c.wooWebhooks(t) {
			active[h.Topic] = h.DeliveryURL == hook && h.Status == "active"
		}
		return active["order.created"] && active["order.updated"] && active["product.updated"]
	}, 15*time.Second, 50*time.Millisecond, "the hub subscribes to the store's webhooks")
	return c
}

// wooHook is a WooCommerce webhook as its REST API shows it.
type wooHook struct {
	ID          int64  `json:"id"`
	Topic       string `json:"topic"`
	Status      string `json:"status"`
	DeliveryURL string `json:"delivery_url"`
}

// wooAPI calls the WooCommerce store's REST API with its key.
func (c *channelsFixture) wooAPI(t *testing.T, method, path string, body, out any) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, c.h.URL+"/sandbox/woocommerce/"+c.wooStore+"/wp-json/wc/v3"+path, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(c.wooKey, c.wooSecret)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Less(t, resp.StatusCode, 300, "%s %s", method, path)
	if out != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
	}
}

func (c *channelsFixture) wooWebhooks(t *testing.T) []wooHook {
	t.Helper()
	var hooks []wooHook
	c.wooAPI(t, http.MethodGet, "/webhooks?per_page=100", nil, &hooks)
	return hooks
}

// pauseWooWebhook pauses the store's webhook of a topic, as a merchant
// might in wp-admin: its deliveries stop.
func (c *channelsFixture) pauseWooWebhook(t *testing.T, topic string) {
	t.Helper()
	for _, h := range c.wooWebhooks(t) {
		if h.Topic == topic {
			c.wooAPI(t, http.MethodPut, fmt.Sprintf("/webhooks/%d", h.ID), map[string]any{"status": "paused"}, nil)
		}
	}
}

// wooControl calls the WooCommerce sandbox's control API.
func wooControl(t *testing.T, h *testenv.Hub, method, path string, body any) map[string]any {
	t.Helper()
	var out map[string]any
	require.NoError(t, json.Unmarshal(wooControlAny(t, h, method, path, body), &out))
	return out
}

func wooControlAny(t *testing.T, h *testenv.Hub, method, path string, body any) []byte {
	t.Helper()
	b, _ := json.Marshal(body)
	url := h.URL + "/sandbox/woocommerce/_control/stores"
	if path != "" {
		url += "/" + path
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(b))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	require.Less(t, resp.StatusCode, 300, "%s %s: %s", method, path, buf.String())
	return buf.Bytes()
}

// shopStock is the Shopify sandbox's available quantity of each SKU.
func (c *channelsFixture) shopStock(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, e := range sandboxControl(t, c.h, http.MethodGet, c.shop+"/inventory", nil)["items"].([]any) {
		m := e.(map[string]any)
		out[m["sku"].(string)] = int(m["available"].(float64))
	}
	return out
}

// wooStock is the WooCommerce store's stock of each SKU, read through its
// REST API as any client would.
func (c *channelsFixture) wooStock(t *testing.T) map[string]int {
	t.Helper()
	var products []struct {
		SKU   string   `json:"sku"`
		Stock *float64 `json:"stock_quantity"`
	}
	c.wooAPI(t, http.MethodGet, "/products?per_page=100", nil, &products)
	out := map[string]int{}
	for _, p := range products {
		if p.Stock != nil {
			out[p.SKU] = int(*p.Stock)
		}
	}
	return out
}

// wooSetStock changes a product's stock as a merchant would in
// wp-admin (through the REST API).
func (c *channelsFixture) wooSetStock(t *testing.T, sku string, n int) {
	t.Helper()
	var found []struct {
		ID int64 `json:"id"`
	}
	c.wooAPI(t, http.MethodGet, "/products?sku="+sku, nil, &found)
	require.Len(t, found, 1)
	c.wooAPI(t, http.MethodPut, fmt.Sprintf("/products/%d", found[0].ID), map[string]any{"stock_quantity": n}, nil)
}

// shopOrder places an order at the Shopify store (its webhooks follow) and
// returns its legacy id.
func (c *channelsFixture) shopOrder(t *testing.T, sku string, qty int) int64 {
	t.Helper()
	o := sandboxControl(t, c.h, http.MethodPost, c.shop+"/orders", map[string]any{"email": "buyer@example.com",
		"line_items": []map[string]any{{"sku": sku, "quantity": qty}}})
	return int64(o["legacyId"].(float64))
}

// shopRefund refunds and restocks units of an order at the Shopify store.
func (c *channelsFixture) shopRefund(t *testing.T, order int64, sku string, qty int) {
	t.Helper()
	sandboxControl(t, c.h, http.MethodPost, fmt.Sprintf("%s/orders/%d/refund", c.shop, order), map[string]any{"restock": true,
		"line_items": []map[string]any{{"sku": sku, "quantity": qty}}})
}

// wooOrder places a paid order at the WooCommerce store.
func (c *channelsFixture) wooOrder(t *testing.T, sku string, qty int) {
	t.Helper()
	wooControl(t, c.h, http.MethodPost, c.wooStore+"/orders", map[string]any{"set_paid": true,
		"billing": map[string]any{"email": "buyer@example.com"}, "line_items": []map[string]any{{"sku": sku, "quantity": qty}}})
}

// enable turns inventory sync on with Shopify as the source of truth and
// waits for the first reconciliation.
func (c *channelsFixture) enable(t *testing.T) *testenv.Response {
	t.Helper()
	c.owner.MustDo(t, setPolicyDoc, map[string]any{"w": c.ws, "in": map[string]any{"enabled": true,
		"channelIds": []string{c.shopify, c.woo}, "sourceOfTruthId": c.shopify}})
	return c.waitReconciled(t)
}

// waitReconciled waits for the running reconciliation to end.
func (c *channelsFixture) waitReconciled(t *testing.T) *testenv.Response {
	t.Helper()
	var r *testenv.Response
	require.Eventually(t, func() bool {
		r = c.owner.MustDo(t, policyDoc, map[string]any{"w": c.ws})
		return r.String("inventoryPolicy.lastReconciliation.status") != "RUNNING"
	}, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, "SUCCEEDED", r.String("inventoryPolicy.lastReconciliation.status"), r.Raw)
	return r
}

// items is the hub's view of every SKU: stock and each channel's level.
func (c *channelsFixture) items(t *testing.T) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	r := c.owner.MustDo(t, itemsDoc, map[string]any{"w": c.ws})
	for _, e := range r.Get("inventoryItems.items").([]any) {
		m := e.(map[string]any)
		out[m["sku"].(string)] = m
	}
	return out
}

// adjustments lists a SKU's adjustments, newest first.
func (c *channelsFixture) adjustments(t *testing.T, sku string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, e := range c.owner.MustDo(t, adjustmentsDoc, map[string]any{"w": c.ws, "sku": sku}).Get("inventoryAdjustments.items").([]any) {
		out = append(out, e.(map[string]any))
	}
	return out
}

// agree waits until both channels and the hub hold want of sku.
func (c *channelsFixture) agree(t *testing.T, sku string, want int) {
	t.Helper()
	require.Eventually(t, func() bool {
		it := c.items(t)[sku]
		return c.shopStock(t)[sku] == want && c.wooStock(t)[sku] == want && it != nil && int(it["available"].(float64)) == want && !it["drift"].(bool)
	}, 20*time.Second, 50*time.Millisecond, "%s should be %d everywhere: shopify %v, woo %v, hub %v", sku, want, c.shopStock(t), c.wooStock(t), c.items(t)[sku])
}

func product(title, sku string, n int) map[string]any {
	return map[string]any{"title": title, "sku": sku, "available": n}
}

func wooProduct(name, sku string, n int) map[string]any {
	return map[string]any{"name": name, "sku": sku, "regular_price": "10.00", "manage_stock": true, "stock_quantity": n}
}

// An agency admin matches a Shopify store and a WooCommerce store by SKU:
// the policy's input is checked field by field, the first reconciliation
// takes the source of truth's stock and shows what it changed, an order in
// either store lowers the other within seconds (and the stores' echoes
// change nothing), a stock set in Switchboard reaches both, and a change
// whose webhook never came is repaired by the next reconciliation.
func TestInventoryAcrossChannels(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		c := newChannels(t, h, "two-channels.myshopify.com", "https://two-channels.example",
			[]map[string]any{product("Hoodie", "HOODIE", 25), product("Cap", "CAP", 7), product("Gift card", "GIFT", 3)},
			[]map[string]any{wooProduct("Hoodie", "HOODIE", 20), wooProduct("Cap", "CAP", 7), wooProduct("Tote", "TOTE", 9)})

		// Bad input names the field and saves nothing.
		for _, bad := range []struct {
			in    map[string]any
			field string
		}{
			{map[string]any{"enabled": true, "channelIds": []string{c.shopify}, "sourceOfTruthId": c.shopify}, "channelIds"},
			{map[string]any{"enabled": true, "channelIds": []string{c.shopify, c.woo}, "sourceOfTruthId": c.smtp}, "sourceOfTruthId"},
			{map[string]any{"enabled": true, "channelIds": []string{c.shopify, c.smtp}, "sourceOfTruthId": c.shopify}, "channelIds.1"},
			{map[string]any{"enabled": true, "channelIds": []string{c.shopify, c.shopify}, "sourceOfTruthId": c.shopify}, "channelIds.1"},
			{map[string]any{"enabled": true, "channelIds": []string{c.shopify, c.woo}, "sourceOfTruthId": c.shopify, "reconcileCron": "every night"}, "reconcileCron"},
		} {
			r := c.owner.Do(t, setPolicyDoc, map[string]any{"w": c.ws, "in": bad.in})
			require.NotEmpty(t, r.Errors, r.Raw)
			require.Contains(t, r.Errors[0].Extensions["fields"], bad.field, r.Raw)
		}
		require.False(t, c.owner.MustDo(t, policyDoc, map[string]any{"w": c.ws}).Get("inventoryPolicy.enabled").(bool))

		// The first reconciliation matches by SKU and takes Shopify's stock.
		rec := c.enable(t)
		require.EqualValues(t, 4, rec.Get("inventoryPolicy.lastReconciliation.skus"), rec.Raw)
		require.EqualValues(t, 1, rec.Get("inventoryPolicy.lastReconciliation.repaired"), "only the hoodie differed: %s", rec.Raw)
		c.agree(t, "HOODIE", 25)
		items := c.items(t)
		require.Len(t, items["GIFT"]["levels"], 1, "a SKU only Shopify sells has one level")
		require.EqualValues(t, 9, items["TOTE"]["available"], "a SKU only WooCommerce sells keeps its stock")
		adj := c.adjustments(t, "HOODIE")
		require.Len(t, adj, 1)
		require.Equal(t, "RECONCILIATION", adj[0]["cause"])
		require.Equal(t, c.woo, adj[0]["channel"].(map[string]any)["id"])
		require.EqualValues(t, 20, adj[0]["before"])
		require.EqualValues(t, 25, adj[0]["after"])

		// An order at Shopify lowers WooCommerce; one at WooCommerce lowers Shopify.
		order := c.shopOrder(t, "HOODIE", 3)
		c.agree(t, "HOODIE", 22)
		c.wooOrder(t, "CAP", 3)
		c.agree(t, "CAP", 4)
		// The change is the order's, even when the store's stock webhook
		// was folded in before the order webhook arrived.
		var hoodie map[string]any
		require.Eventually(t, func() bool {
			hoodie = c.adjustments(t, "HOODIE")[0]
			return hoodie["cause"] == "ORDER" && c.adjustments(t, "CAP")[0]["cause"] == "ORDER"
		}, 5*time.Second, 20*time.Millisecond, "recorded as orders: %v", hoodie)
		require.Equal(t, c.shopify, hoodie["channel"].(map[string]any)["id"])
		require.EqualValues(t, -3, hoodie["delta"])

		// A refund that puts a unit back in Shopify's stock puts it back in WooCommerce's.
		c.shopRefund(t, order, "HOODIE", 1)
		c.agree(t, "HOODIE", 23)
		require.Eventually(t, func() bool { return c.adjustments(t, "HOODIE")[0]["cause"] == "REFUND" }, 5*time.Second, 20*time.Millisecond,
			"the restock is recorded as the refund: %v", c.adjustments(t, "HOODIE")[0])

		// The stores' own webhooks about the hub's changes change nothing.
		time.Sleep(500 * time.Millisecond)
		require.Len(t, c.adjustments(t, "HOODIE"), 3, "reconciliation, the order and the refund, no echo")
		require.Len(t, c.adjustments(t, "CAP"), 1)

		// Bad stock is refused by field; a good one reaches both stores.
		r := c.owner.Do(t, setStockDoc, map[string]any{"w": c.ws, "sku": "CAP", "n": -1})
		require.Contains(t, r.Errors[0].Extensions["fields"], "available", r.Raw)
		r = c.owner.Do(t, setStockDoc, map[string]any{"w": c.ws, "sku": "NOPE", "n": 1})
		require.Contains(t, r.Errors[0].Extensions["fields"], "sku", r.Raw)
		c.owner.MustDo(t, setStockDoc, map[string]any{"w": c.ws, "sku": "CAP", "n": 11})
		c.agree(t, "CAP", 11)
		require.Equal(t, "MANUAL", c.adjustments(t, "CAP")[0]["cause"])

		// A WooCommerce edit whose webhook never came (the merchant paused
		// it) is drift: reconciliation repairs it from the source of truth
		// and says what it changed.
		c.pauseWooWebhook(t, "product.updated")
		c.wooSetStock(t, "HOODIE", 40)
		require.EqualValues(t, 23, c.items(t)["HOODIE"]["available"])
		c.owner.MustDo(t, reconcileDoc, map[string]any{"w": c.ws})
		rec = c.waitReconciled(t)
		require.EqualValues(t, 1, rec.Get("inventoryPolicy.lastReconciliation.repaired"), rec.Raw)
		c.agree(t, "HOODIE", 23)
		repair := c.adjustments(t, "HOODIE")[0]
		require.Equal(t, "RECONCILIATION", repair["cause"])
		require.EqualValues(t, 40, repair["before"])
		require.EqualValues(t, 23, repair["after"])
		require.Contains(t, repair["reference"], "had 40")

		// Turned off with WooCommerce taken out: its levels are forgotten
		// and its sales no longer reach Shopify.
		c.owner.MustDo(t, setPolicyDoc, map[string]any{"w": c.ws, "in": map[string]any{"enabled": false,
			"channelIds": []string{c.shopify}, "sourceOfTruthId": c.shopify}})
		require.Len(t, c.items(t)["HOODIE"]["levels"], 1)
		c.wooOrder(t, "CAP", 1)
		time.Sleep(300 * time.Millisecond)
		require.Equal(t, 11, c.shopStock(t)["CAP"])
		require.EqualValues(t, 11, c.items(t)["CAP"]["available"])
	})
}

// Both stores sell the last unit at the same moment: whichever sale the
// hub sees first takes it, the other is recorded as oversold, stock never
// goes below zero, both stores end at 0, and a reconciliation finds them
// agreeing.
func TestLastUnitSoldTwiceAtOnce(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		c := newChannels(t, h, "last-unit.myshopify.com", "https://last-unit.example",
			[]map[string]any{product("Lamp", "LAMP", 1)}, []map[string]any{wooProduct("Lamp", "LAMP", 1)})
		c.enable(t)
		c.agree(t, "LAMP", 1)

		stop := make(chan struct{})
		negative := make(chan int, 1)
		go func() { // the hub's stock is watched throughout
			for {
				select {
				case <-stop:
					return
				default:
				}
				var n int
				_ = c.h.App.DB.Bun.NewRaw("SELECT available FROM inventory_items WHERE sku = 'LAMP'").Scan(t.Context(), &n)
				if n < 0 {
					negative <- n
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); c.shopOrder(t, "LAMP", 1) }()
		go func() { defer wg.Done(); c.wooOrder(t, "LAMP", 1) }()
		wg.Wait()

		c.agree(t, "LAMP", 0)
		var sales []map[string]any
		require.Eventually(t, func() bool {
			sales = nil
			for _, a := range c.adjustments(t, "LAMP") {
				if a["cause"] != "RECONCILIATION" {
					sales = append(sales, a)
				}
			}
			return len(sales) == 2
		}, 10*time.Second, 50*time.Millisecond, "both sales are recorded: %v", sales)
		oversold := 0
		for _, a := range sales {
			require.GreaterOrEqual(t, a["after"].(float64), 0.0)
			oversold += int(a["oversold"].(float64))
		}
		require.Equal(t, 1, oversold, "one sale had no stock left: %v", sales)
		close(stop)
		select {
		case n := <-negative:
			t.Fatalf("stock went to %d", n)
		default:
		}

		c.owner.MustDo(t, reconcileDoc, map[string]any{"w": c.ws})
		rec := c.waitReconciled(t)
		require.EqualValues(t, 0, rec.Get("inventoryPolicy.lastReconciliation.repaired"), "the stores agree: %s", rec.Raw)
		require.Equal(t, 0, c.shopStock(t)["LAMP"])
		require.Equal(t, 0, c.wooStock(t)["LAMP"])
	})
}

// A workspace with two Shopify stores: the second connects without being
// asked for a name (it is named after its shop), and an order at either
// store lowers the other, compare-and-set through inventorySetQuantities.
func TestTwoShopifyStoresKeptEqual(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		const second = "second-store.myshopify.com"
		s := newStore(t, h, "first-store.myshopify.com")
		start := s.owner.MustDo(t, startShopify, map[string]any{"w": s.ws, "shop": second}).String("startConnection.authorizeUrl")
		status, _, _ := visit(t, s.owner.Browser(), consent(t, s.owner.Browser(), start))
		require.Equal(t, http.StatusSeeOther, status)
		ids := map[string]string{}
		for _, e := range s.owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { id name } }`, map[string]any{"w": s.ws}).Get("connections").([]any) {
			m := e.(map[string]any)
			ids[m["name"].(string)] = m["id"].(string)
		}
		require.Contains(t, ids, "Shopify")
		require.Contains(t, ids, "Shopify · "+second, "the second store is named after its shop: %v", ids)
		for _, shop := range []string{s.shop, second} {
			sandboxControl(t, h, http.MethodPost, shop+"/products", map[string]any{"products": []map[string]any{product("Mug", "MUG", 12)}})
		}
		s.owner.MustDo(t, setPolicyDoc, map[string]any{"w": s.ws, "in": map[string]any{"enabled": true,
			"channelIds": []string{ids["Shopify"], ids["Shopify · "+second]}, "sourceOfTruthId": ids["Shopify"]}})
		c := &channelsFixture{storeFixture: s}
		c.waitReconciled(t)

		stock := func(shop string) int {
			for _, e := range sandboxControl(t, h, http.MethodGet, shop+"/inventory", nil)["items"].([]any) {
				if m := e.(map[string]any); m["sku"] == "MUG" {
					return int(m["available"].(float64))
				}
			}
			return -1
		}
		sandboxControl(t, h, http.MethodPost, second+"/orders", map[string]any{"line_items": []map[string]any{{"sku": "MUG", "quantity": 5}}})
		require.Eventually(t, func() bool { return stock(s.shop) == 7 }, 15*time.Second, 20*time.Millisecond)
		sandboxControl(t, h, http.MethodPost, s.shop+"/orders", map[string]any{"line_items": []map[string]any{{"sku": "MUG", "quantity": 2}}})
		require.Eventually(t, func() bool { return stock(second) == 5 }, 15*time.Second, 20*time.Millisecond)
		require.Equal(t, 5, stock(s.shop))
		require.EqualValues(t, 5, c.items(t)["MUG"]["available"])
	})
}
