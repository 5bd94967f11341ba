package sandbox_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

func TestControlOrdersMoveStock(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)
	h := newHooks(t)
	e.subscribe(tok, h, "ORDERS_CREATE", "INVENTORY_LEVELS_UPDATE", "REFUNDS_CREATE")
	ps := e.products(map[string]any{"title": "Hoodie", "sku": "hoodie", "available": 2, "price": "45.00"},
		map[string]any{"title": "Cap", "sku": "cap", "available": 5, "price": "16.50"})
	shopPath := "/_control/shops/" + testShop

	// An order takes its units from the location, going below zero when
	// it must; orders/create goes out first, then one level per item.
	status, out := e.control(http.MethodPost, shopPath+"/orders", map[string]any{"email": "ada@example.com",
		"line_items": []any{map[string]any{"sku": "hoodie", "quantity": 3}, map[string]any{"sku": "cap", "quantity": 1}, map[string]any{"sku": "cap", "quantity": 1}}})
	require.Equal(t, http.StatusCreated, status, out)
	require.Equal(t, "#1001", out["name"])
	require.Regexp(t, `^gid://shopify/Order/\d+$`, out["id"])
	orderID := fmt.Sprint(int64(out["legacyId"].(float64)))
	require.Len(t, out["levels"], 2)
	require.Equal(t, -1.0, dig(out, "levels", 0, "available"))
	require.Equal(t, 3.0, dig(out, "levels", 1, "available"))
	require.Len(t, out["deliveries"], 3)
	require.Equal(t, -1, e.available("hoodie"))

	got := h.take()
	require.Equal(t, []string{"orders/create", "inventory_levels/update", "inventory_levels/update"}, topics(got))
	o := got[0].body
	require.Equal(t, "#1001", o["name"])
	require.Equal(t, "ada@example.com", o["email"])
	require.Equal(t, "EUR", o["currency"])
	require.Equal(t, "168.00", o["total_price"])
	require.Equal(t, "gid://shopify/Order/"+orderID, o["admin_graphql_api_id"])
	lines := o["line_items"].([]any)
	require.Len(t, lines, 3)
	require.Equal(t, "hoodie", dig(lines, 0, "sku"))
	require.Equal(t, 3.0, dig(lines, 0, "quantity"))
	require.Equal(t, "45.00", dig(lines, 0, "price"))
	require.Equal(t, "Hoodie", dig(lines, 0, "title"))
	require.Equal(t, ps[0].variant, fmt.Sprintf("gid://shopify/ProductVariant/%d", int64(dig(lines, 0, "variant_id").(float64))))
	require.Equal(t, ps[0].product, fmt.Sprintf("gid://shopify/Product/%d", int64(dig(lines, 0, "product_id").(float64))))
	level := got[1].body
	require.Equal(t, ps[0].item, fmt.Sprintf("gid://shopify/InventoryItem/%d", int64(level["inventory_item_id"].(float64))))
	require.Equal(t, ps[0].location, fmt.Sprintf("gid://shopify/Location/%d", int64(level["location_id"].(float64))))
	require.Equal(t, -1.0, level["available"])
	require.Regexp(t, `^gid://shopify/InventoryLevel/\d+\?inventory_item_id=\d+$`, level["admin_graphql_api_id"])
	require.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$`, level["updated_at"])
	require.Equal(t, 3.0, got[2].body["available"])

	// An unknown SKU is refused, naming it; nothing changes.
	status, out = e.control(http.MethodPost, shopPath+"/orders", map[string]any{"line_items": []any{map[string]any{"sku": "nope", "quantity": 1}}})
	require.Equal(t, http.StatusUnprocessableEntity, status)
	require.Contains(t, out["error"], `"nope"`)
	require.Empty(t, h.take())

	// A refund with restock puts the units back: refunds/create, then the level.
	status, out = e.control(http.MethodPost, shopPath+"/orders/"+orderID+"/refund",
		map[string]any{"line_items": []any{map[string]any{"sku": "hoodie", "quantity": 2}}, "restock": true})
	require.Equal(t, http.StatusCreated, status, out)
	require.Equal(t, 1.0, dig(out, "levels", 0, "available"))
	require.Equal(t, 1, e.available("hoodie"))
	got = h.take()
	require.Equal(t, []string{"refunds/create", "inventory_levels/update"}, topics(got))
	r := got[0].body
	require.Equal(t, orderID, fmt.Sprint(int64(r["order_id"].(float64))))
	require.Equal(t, true, r["restock"])
	require.Equal(t, "hoodie", dig(r, "refund_line_items", 0, "line_item", "sku"))
	require.Equal(t, 2.0, dig(r, "refund_line_items", 0, "quantity"))
	require.Equal(t, "return", dig(r, "refund_line_items", 0, "restock_type"))
	require.Equal(t, "90.00", dig(r, "transactions", 0, "amount"))
	require.Equal(t, 1.0, got[1].body["available"])

	// Without restock the stock stays; refunding more than is left is refused.
	status, out = e.control(http.MethodPost, shopPath+"/orders/"+orderID+"/refund",
		map[string]any{"line_items": []any{map[string]any{"sku": "hoodie", "quantity": 1}}})
	require.Equal(t, http.StatusCreated, status, out)
	require.Empty(t, out["levels"])
	require.Equal(t, []string{"refunds/create"}, topics(h.take()))
	require.Equal(t, 1, e.available("hoodie"))
	status, out = e.control(http.MethodPost, shopPath+"/orders/"+orderID+"/refund",
		map[string]any{"line_items": []any{map[string]any{"sku": "hoodie", "quantity": 1}}, "restock": true})
	require.Equal(t, http.StatusUnprocessableEntity, status, out)
	status, _ = e.control(http.MethodPost, shopPath+"/orders/123/refund", map[string]any{"line_items": []any{map[string]any{"sku": "hoodie", "quantity": 1}}})
	require.Equal(t, http.StatusNotFound, status)

	// A merchant's edit sets the quantity and sends the level.
	status, out = e.control(http.MethodPost, shopPath+"/inventory/set", map[string]any{"sku": "cap", "available": 40})
	require.Equal(t, http.StatusOK, status, out)
	require.Equal(t, 40.0, dig(out, "level", "available"))
	require.Equal(t, ps[1].item, dig(out, "level", "inventoryItemId"))
	got = h.take()
	require.Equal(t, []string{"inventory_levels/update"}, topics(got))
	require.Equal(t, 40.0, got[0].body["available"])
	status, _ = e.control(http.MethodPost, shopPath+"/inventory/set", map[string]any{"sku": "nope", "available": 1})
	require.Equal(t, http.StatusUnprocessableEntity, status)

	c, err := e.sb.Counters(testShop)
	require.NoError(t, err)
	require.Equal(t, 3+2+1+1, c.WebhooksSent)
}

func TestControlProducts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	shopPath := "/_control/shops/" + testShop
	e.products(map[string]any{"title": "Hoodie", "sku": "hoodie", "available": 2})
	for _, body := range []map[string]any{
		{"title": "Again", "sku": "hoodie"},
		{"title": "", "sku": "x"},
		{"title": "No sku"},
		{"title": "Price", "sku": "p", "price": "ten"},
	} {
		status, out := e.control(http.MethodPost, shopPath+"/products", map[string]any{"products": []any{body}})
		require.Equal(t, http.StatusUnprocessableEntity, status, out)
	}
	status, out := e.control(http.MethodGet, shopPath+"/inventory", nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "Shop location", dig(out, "location", "name"))
	require.Len(t, out["items"], 1)
	status, _ = e.control(http.MethodGet, "/_control/shops/nope.myshopify.com/inventory", nil)
	require.Equal(t, http.StatusNotFound, status)
}

// Demo shops start with the WooCommerce demo store's SKUs, two with other
// quantities, and two Shopify-only products.
func TestShopsStartWithDemoProducts(t *testing.T) {
	t.Parallel()
	sb := sandbox.New(sandbox.Options{DemoProducts: true})
	_, err := sb.CreateShop(sandbox.ShopSpec{Domain: "demo.myshopify.com"})
	require.NoError(t, err)
	inv, err := sb.Inventory("demo.myshopify.com")
	require.NoError(t, err)
	got := map[string]int{}
	for _, it := range inv.Items {
		got[it.SKU] = it.Available
		require.True(t, it.Tracked && it.Stocked)
		require.Equal(t, inv.Location.ID, it.LocationID)
	}
	require.Equal(t, map[string]int{"woo-hoodie": 25, "woo-hoodie-with-logo": 12, "woo-tshirt": 58, "woo-beanie": 40, "woo-cap": 7,
		"woo-belt": 12, "woo-sunglasses": 0, "shop-gift-card-25": 100, "shop-sticker-pack": 150}, got)
	for _, it := range inv.Items {
		if it.SKU == "shop-gift-card-25" {
			require.True(t, strings.HasSuffix(it.Title, " - $25"), it.Title)
		}
	}
	empty, err := sandbox.New(sandbox.Options{}).Inventory("demo.myshopify.com")
	require.ErrorIs(t, err, sandbox.ErrNoShop)
	require.Empty(t, empty.Items)
}
