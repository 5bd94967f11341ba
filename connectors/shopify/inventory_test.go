package shopify_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

// stockEnv is a sandbox over real HTTP and the StockCall the hub makes.
func stockEnv(t *testing.T) (*sandbox.Sandbox, *sandboxkit.Clock, *shopify.Client, connectors.StockCall) {
	t.Helper()
	sb, clk, client, srv := oqSandbox(t)
	tok := clToken(t, sb, true)
	call := connectors.StockCall{Token: tok, Conn: connectors.Conn{Config: map[string]string{"shop": oqShop},
		Env: connectors.Env{HTTP: client.HTTP, SandboxBase: srv.URL + "/sandbox/shopify"}}}
	return sb, clk, client, call
}

// withRetry runs f again after each THROTTLED answer, moving the clock
// on by the wait the error asks for.
func withRetry(t *testing.T, clk *sandboxkit.Clock, f func() error) (throttled int) {
	t.Helper()
	for range 20 {
		err := f()
		var te *shopify.ThrottledError
		if !errors.As(err, &te) {
			require.NoError(t, err)
			return throttled
		}
		throttled++
		clk.Advance(te.RetryAfter)
	}
	t.Fatal("still throttled")
	return throttled
}

func TestReadStockPages(t *testing.T) {
	t.Parallel()
	sb, clk, _, call := stockEnv(t)
	var seeds []sandbox.ProductSeed
	for i := range 600 {
		seeds = append(seeds, sandbox.ProductSeed{Title: fmt.Sprintf("Product %03d", i), SKU: fmt.Sprintf("sku-%03d", i), Available: i - 3})
		if i%200 == 0 {
			no := false
			seeds = append(seeds, sandbox.ProductSeed{Title: "Untracked", SKU: fmt.Sprintf("untracked-%d", i), Tracked: &no},
				sandbox.ProductSeed{Title: "No SKU", NoSKU: true}, sandbox.ProductSeed{Title: "Elsewhere", SKU: fmt.Sprintf("elsewhere-%d", i), Stocked: &no})
		}
	}
	seeds = append(seeds, sandbox.ProductSeed{Title: "Gift Card", VariantTitle: "$25", SKU: "gift-25", Available: 9})
	created, err := sb.CreateProducts(oqShop, seeds)
	require.NoError(t, err)
	inv, err := sb.Inventory(oqShop)
	require.NoError(t, err)

	var levels []connectors.StockLevel
	cursor, pages, throttled := "", 0, 0
	for {
		var page connectors.StockPage
		throttled += withRetry(t, clk, func() (err error) {
			page, err = shopify.Connector{}.ReadStock(context.Background(), call, cursor)
			return err
		})
		pages++
		levels = append(levels, page.Levels...)
		if page.Next == "" {
			break
		}
		cursor = page.Next
		require.Less(t, pages, 10)
	}
	require.Equal(t, 5, pages, "610 items, 150 a page")
	require.Positive(t, throttled, "752 points a page drain the 2,000-point bucket")
	require.Len(t, levels, 601, "untracked, SKU-less and unstocked items left out")
	for i := range 600 {
		l := levels[i]
		require.Equal(t, fmt.Sprintf("sku-%03d", i), l.SKU)
		require.Equal(t, fmt.Sprintf("Product %03d", i), l.Title)
		require.Equal(t, i-3, l.Available)
		require.Equal(t, inv.Location.ID, l.Ref.Location)
	}
	require.Equal(t, connectors.StockRef{Item: created[0].InventoryItemID, Location: created[0].LocationID}, levels[0].Ref)
	require.Equal(t, "Gift Card - $25", levels[600].Title)

	c, err := sb.Counters(oqShop)
	require.NoError(t, err)
	require.Equal(t, pages+1+c.Throttled, c.APICalls, "the location is looked up once, then carried in the cursor")

	_, err = shopify.Connector{}.ReadStock(context.Background(), call, "not-a-cursor")
	require.Error(t, err)
}

func TestReadStockLevels(t *testing.T) {
	t.Parallel()
	sb, _, _, call := stockEnv(t)
	no := false
	seeds := []sandbox.ProductSeed{{Title: "Untracked", SKU: "untracked", Tracked: &no}}
	for i := range 200 {
		seeds = append(seeds, sandbox.ProductSeed{Title: "Product", VariantTitle: fmt.Sprint("Size ", i), SKU: fmt.Sprintf("sku-%03d", i), Available: i})
	}
	created, err := sb.CreateProducts(oqShop, seeds)
	require.NoError(t, err)
	var refs []connectors.StockRef
	for _, p := range created {
		refs = append(refs, connectors.StockRef{Item: p.InventoryItemID, Location: p.LocationID})
	}
	refs = append(refs, connectors.StockRef{Item: "gid://shopify/InventoryItem/1", Location: created[0].LocationID},
		connectors.StockRef{Item: created[5].InventoryItemID, Location: "gid://shopify/Location/1"})

	levels, err := shopify.Connector{}.ReadStockLevels(context.Background(), call, refs)
	require.NoError(t, err)
	require.Len(t, levels, 200, "the untracked item, the unknown item and the unknown location left out")
	for i, l := range levels {
		require.Equal(t, refs[i+1], l.Ref)
		require.Equal(t, fmt.Sprintf("sku-%03d", i), l.SKU)
		require.Equal(t, fmt.Sprint("Product - Size ", i), l.Title)
		require.Equal(t, i, l.Available)
	}
	c, err := sb.Counters(oqShop)
	require.NoError(t, err)
	require.Equal(t, 3, c.APICalls, "two batches at the location, one at the unknown location")

	_, err = shopify.Connector{}.ReadStockLevels(context.Background(), call, []connectors.StockRef{{Item: "x"}})
	require.Error(t, err)
}

func TestSetStock(t *testing.T) {
	t.Parallel()
	sb, _, _, call := stockEnv(t)
	created, err := sb.CreateProducts(oqShop, []sandbox.ProductSeed{{Title: "Hoodie", SKU: "hoodie", Available: 10}})
	require.NoError(t, err)
	ref := connectors.StockRef{Item: created[0].InventoryItemID, Location: created[0].LocationID}
	ctx, k := context.Background(), shopify.Connector{}
	available := func() int {
		inv, err := sb.Inventory(oqShop)
		require.NoError(t, err)
		return inv.Items[0].Available
	}

	set := connectors.StockSet{Ref: ref, Quantity: 7, ChangeFrom: 10, IdempotencyKey: "switchboard-lvl1-1", Reason: "kept equal"}
	var budget []connectors.BudgetStatus
	observed := call
	observed.Observe = func(st connectors.BudgetStatus) { budget = append(budget, st) }
	require.NoError(t, k.SetStock(ctx, observed, set))
	require.Equal(t, 7, available())
	require.Len(t, budget, 1, "the call reports the shop's budget once")
	require.Positive(t, budget[0].Cost)
	require.Positive(t, budget[0].Maximum)
	require.Positive(t, budget[0].RestorePerSec)
	// A retry with the same key changes nothing more (and is not stale).
	require.NoError(t, k.SetStock(ctx, call, set))
	require.Equal(t, 7, available())

	// A sale since the hub read the level: refused as stale, nothing set.
	_, err = sb.CreateOrder(ctx, oqShop, sandbox.OrderSpec{LineItems: []sandbox.LineSeed{{SKU: "hoodie", Quantity: 2}}})
	require.NoError(t, err)
	err = k.SetStock(ctx, call, connectors.StockSet{Ref: ref, Quantity: 9, ChangeFrom: 7, IdempotencyKey: "switchboard-lvl1-2"})
	var stale *connectors.StaleStockError
	require.ErrorAs(t, err, &stale)
	require.Equal(t, ref, stale.Ref)
	require.Equal(t, 5, available())

	// Other refusals name Shopify's code, never the token.
	err = k.SetStock(ctx, call, connectors.StockSet{Ref: ref, Quantity: -1, ChangeFrom: 5, IdempotencyKey: "switchboard-lvl1-3"})
	require.ErrorContains(t, err, "INVALID_QUANTITY_NEGATIVE")
	require.ErrorContains(t, err, "The quantity can't be negative.")
	require.NotContains(t, err.Error(), call.Token.Reveal())
	var ues *shopify.UserErrors
	require.ErrorAs(t, err, &ues)
	err = k.SetStock(ctx, call, connectors.StockSet{Ref: connectors.StockRef{Item: "gid://shopify/InventoryItem/1", Location: ref.Location},
		Quantity: 1, ChangeFrom: 0, IdempotencyKey: "switchboard-lvl1-4"})
	require.ErrorContains(t, err, "INVALID_INVENTORY_ITEM")
	require.Error(t, k.SetStock(ctx, call, connectors.StockSet{Ref: ref, Quantity: 1}), "an idempotency key is required")

	c, err := sb.Counters(oqShop)
	require.NoError(t, err)
	require.Equal(t, 5, c.InventorySets)
	require.Equal(t, 1, c.IdempotentReplays)
	require.Equal(t, 1, c.StaleRefusals)
}

// webhookRecorder is an endpoint that keeps the bodies of the webhooks it
// receives; received returns them so far, in order.
func webhookRecorder(t *testing.T) (hook *httptest.Server, received func() [][]byte) {
	var mu sync.Mutex
	var bodies [][]byte
	hook = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, b)
		mu.Unlock()
	}))
	t.Cleanup(hook.Close)
	return hook, func() [][]byte {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(bodies)
	}
}

// The ref an inventory_levels/update webhook normalizes to is the one
// ReadStock gives the level.
func TestInventoryWebhookRef(t *testing.T) {
	t.Parallel()
	sb, _, client, call := stockEnv(t)
	hook, received := webhookRecorder(t)
	ctx := context.Background()
	require.NoError(t, client.SubscribeWebhook(ctx, oqShop, call.Token, "inventory_levels/update", hook.URL))
	_, err := sb.CreateProducts(oqShop, []sandbox.ProductSeed{{Title: "Hoodie", SKU: "hoodie", Available: 10}, {Title: "Cap", SKU: "cap", Available: 3}})
	require.NoError(t, err)
	page, err := shopify.Connector{}.ReadStock(ctx, call, "")
	require.NoError(t, err)
	require.Len(t, page.Levels, 2)

	// A merchant's edit, then the hub's own change through the API.
	_, err = sb.SetAvailable(ctx, oqShop, "cap", 4)
	require.NoError(t, err)
	require.NoError(t, shopify.Connector{}.SetStock(ctx, call, connectors.StockSet{Ref: page.Levels[0].Ref, Quantity: 8, ChangeFrom: 10, IdempotencyKey: "k"}))
	sb.FlushWebhooks()

	bodies := received()
	require.Len(t, bodies, 2)
	for i, want := range []connectors.StockLevel{{Ref: page.Levels[1].Ref, Available: 4}, {Ref: page.Levels[0].Ref, Available: 8}} {
		got, err := shopify.Connector{}.Normalize("inventory_levels/update", bodies[i])
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Equal(t, "inventory.changed", got[0].Type)
		require.Equal(t, want.Ref, got[0].Inventory.Ref)
		require.Equal(t, want.Available, got[0].Inventory.Available)
	}
}

// Orders placed in the sandbox normalize with their SKUs and quantities.
func TestSandboxOrderNormalizes(t *testing.T) {
	t.Parallel()
	sb, _, client, call := stockEnv(t)
	hook, received := webhookRecorder(t)
	ctx := context.Background()
	require.NoError(t, client.SubscribeWebhook(ctx, oqShop, call.Token, "orders/create", hook.URL))
	_, err := sb.CreateProducts(oqShop, []sandbox.ProductSeed{{Title: "Hoodie", SKU: "hoodie", Price: "45.00", Available: 10}})
	require.NoError(t, err)
	res, err := sb.CreateOrder(ctx, oqShop, sandbox.OrderSpec{Email: "ada@example.com", LineItems: []sandbox.LineSeed{{SKU: "hoodie", Quantity: 2}}})
	require.NoError(t, err)

	bodies := received()
	require.Len(t, bodies, 1)
	got, err := shopify.Connector{}.Normalize("orders/create", bodies[0])
	require.NoError(t, err)
	require.Len(t, got, 1)
	o := got[0].Order
	require.Equal(t, fmt.Sprint(res.LegacyID), o.ExternalID)
	require.Equal(t, "#1001", o.Number)
	require.Equal(t, int64(9000), o.TotalCents)
	require.Equal(t, []connectors.LineItemFacts{{Title: "Hoodie", SKU: "hoodie", Quantity: 2, PriceCents: 4500}}, o.Items)
}
