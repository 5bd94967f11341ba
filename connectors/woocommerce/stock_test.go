package woocommerce_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox"
)

// readAllStock reads every page of a channel's stock, checking the
// cursors, and returns the levels and each page's size.
func readAllStock(t *testing.T, call connectors.StockCall) ([]connectors.StockLevel, []int) {
	t.Helper()
	var levels []connectors.StockLevel
	var sizes []int
	cursor := ""
	for i := 0; ; i++ {
		page, err := woocommerce.Connector{}.ReadStock(bg, call, cursor)
		require.NoError(t, err)
		levels = append(levels, page.Levels...)
		sizes = append(sizes, len(page.Levels))
		if page.Next == "" {
			return levels, sizes
		}
		require.Equal(t, strconv.Itoa(i+2), page.Next, "the cursor is the next page number")
		cursor = page.Next
	}
}

// levelOf is the level of a SKU among levels.
func levelOf(t *testing.T, levels []connectors.StockLevel, sku string) connectors.StockLevel {
	t.Helper()
	i := slices.IndexFunc(levels, func(l connectors.StockLevel) bool { return l.SKU == sku })
	require.GreaterOrEqual(t, i, 0, "no level of %s", sku)
	return levels[i]
}

// deleteProduct deletes a product through the store's REST API (for
// good with force, else to the trash).
func (e *wcEnv) deleteProduct(t *testing.T, c connectors.Conn, id string, force bool) {
	t.Helper()
	host := strings.TrimPrefix(c.Config["storeUrl"], "https://")
	req, err := http.NewRequestWithContext(bg, http.MethodDelete, e.base+"/"+host+"/wp-json/wc/v3/products/"+id+"?force="+strconv.FormatBool(force), nil)
	require.NoError(t, err)
	req.SetBasicAuth(c.Value("consumerKey"), c.Value("consumerSecret"))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// stockProducts are n numbered products with, in the middle, one that
// does not manage stock and one without a SKU (neither is a level).
func stockProducts(n int) []sandbox.ProductSpec {
	products := numbered(n)
	seven := int64(7)
	products[50] = sandbox.ProductSpec{SKU: "DIGI-1", Name: "Download", Price: "5.00"}
	products[150] = sandbox.ProductSpec{Name: "No SKU", Price: "1.00", StockQuantity: &seven}
	return products
}

func TestReadStockPages(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	call := connectors.StockCall{Conn: e.store(t, "https://stock.example", stockProducts(230))}

	levels, sizes := readAllStock(t, call)
	require.Equal(t, []int{99, 99, 30}, sizes, "100 products a page, less those that are no level")
	require.Len(t, levels, 228)
	last := int64(0)
	for _, l := range levels {
		require.Empty(t, l.Ref.Location)
		id, err := strconv.ParseInt(l.Ref.Item, 10, 64)
		require.NoError(t, err)
		require.Greater(t, id, last, "id order")
		last = id
		require.NotEqual(t, "DIGI-1", l.SKU)
		require.NotEmpty(t, l.SKU)
		require.Equal(t, 10, l.Available)
	}
	first := levels[0]
	require.Equal(t, "SKU-0001", first.SKU)
	require.Equal(t, "Product 1", first.Title)

	// The refs are the ids ReadRecords reads.
	recs, err := woocommerce.Connector{}.ReadRecords(bg, connectors.RecordCall{Conn: call.Conn, Entity: "product"}, connectors.ReadQuery{Limit: 1})
	require.NoError(t, err)
	require.Equal(t, recs.Records[0].ID, first.Ref.Item)

	for _, bad := range []string{"abc", "0", "-1"} {
		_, err := woocommerce.Connector{}.ReadStock(bg, call, bad)
		require.Error(t, err, bad)
	}
	page, err := woocommerce.Connector{}.ReadStock(bg, call, "9")
	require.NoError(t, err)
	require.Empty(t, page.Levels)
	require.Empty(t, page.Next, "past the last page")

	t.Run("rate limited", func(t *testing.T) {
		require.NoError(t, e.sb.Throttle("stock.example", 1, 4))
		_, err := woocommerce.Connector{}.ReadStock(bg, call, "")
		var limited connectors.RateLimited
		require.True(t, errors.As(err, &limited), "%v", err)
		require.Equal(t, 4*time.Second, limited.RetryAfterDelay())
		require.ErrorIs(t, err, woocommerce.ErrRateLimited)
	})
}

func TestReadStockLevels(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	call := connectors.StockCall{Conn: e.store(t, "https://levels.example", stockProducts(160))}
	all, _ := readAllStock(t, call)
	require.Len(t, all, 158)
	before50 := levelOf(t, all, "SKU-0050").Ref // the product before DIGI-1, which manages no stock
	id, _ := strconv.Atoi(before50.Item)
	digi := connectors.StockRef{Item: strconv.Itoa(id + 1)}
	deleted, trashed := levelOf(t, all, "SKU-0010").Ref, levelOf(t, all, "SKU-0011").Ref
	e.deleteProduct(t, call.Conn, deleted.Item, true)
	e.deleteProduct(t, call.Conn, trashed.Item, false)

	// Every level, last first, plus refs the store has no level of and a
	// duplicate: 162 refs, two requests.
	var refs []connectors.StockRef
	for i := len(all) - 1; i >= 0; i-- {
		refs = append(refs, all[i].Ref)
	}
	refs = append(refs, connectors.StockRef{Item: "999999"}, digi, all[0].Ref)
	before, err := e.sb.Counters("levels.example")
	require.NoError(t, err)
	got, err := woocommerce.Connector{}.ReadStockLevels(bg, call, refs)
	require.NoError(t, err)
	after, err := e.sb.Counters("levels.example")
	require.NoError(t, err)
	require.Equal(t, 2, after.APICalls-before.APICalls, "100 ids a request")

	var want []connectors.StockLevel
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Ref != deleted && all[i].Ref != trashed {
			want = append(want, all[i])
		}
	}
	require.Equal(t, want, got, "in the order asked, each once, without the deleted, trashed, unknown and unmanaged products")

	got, err = woocommerce.Connector{}.ReadStockLevels(bg, call, nil)
	require.NoError(t, err)
	require.Empty(t, got)
	for _, bad := range []connectors.StockRef{{Item: "12/13"}, {Item: all[0].Ref.Item, Location: "main"}, {Item: ""}, {Item: "gid://x"}} {
		_, err := woocommerce.Connector{}.ReadStockLevels(bg, call, []connectors.StockRef{bad})
		require.Error(t, err, bad)
	}
	require.NoError(t, e.sb.FailNext("levels.example", 1, http.StatusServiceUnavailable))
	_, err = woocommerce.Connector{}.ReadStockLevels(bg, call, refs[:1])
	require.ErrorIs(t, err, woocommerce.ErrUnavailable)
}

func TestSetStock(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	call := connectors.StockCall{Conn: e.store(t, "https://set.example", stockProducts(160))}
	all, _ := readAllStock(t, call)
	level := func(ref connectors.StockRef) connectors.StockLevel {
		got, err := woocommerce.Connector{}.ReadStockLevels(bg, call, []connectors.StockRef{ref})
		require.NoError(t, err)
		require.Len(t, got, 1)
		return got[0]
	}
	c := woocommerce.Connector{}

	t.Run("success", func(t *testing.T) {
		ref := levelOf(t, all, "SKU-0001").Ref
		set := connectors.StockSet{Ref: ref, Quantity: 4, ChangeFrom: 10, IdempotencyKey: "k1", Reason: "test"}
		require.NoError(t, c.SetStock(bg, call, set))
		require.Equal(t, 4, level(ref).Available)

		// A repeat after the write landed is refused: the quantity is not
		// ChangeFrom any more (it is the quantity set).
		var stale *connectors.StaleStockError
		require.ErrorAs(t, c.SetStock(bg, call, set), &stale)
		require.Equal(t, ref, stale.Ref)
		require.Equal(t, 4, *stale.Actual)

		// To zero and below (WooCommerce lets stock go negative).
		require.NoError(t, c.SetStock(bg, call, connectors.StockSet{Ref: ref, Quantity: 0, ChangeFrom: 4}))
		require.NoError(t, c.SetStock(bg, call, connectors.StockSet{Ref: ref, Quantity: -2, ChangeFrom: 0}))
		require.Equal(t, -2, level(ref).Available)
	})

	t.Run("stale after an order", func(t *testing.T) {
		ref := levelOf(t, all, "SKU-0002").Ref
		_, _, err := e.sb.CreateOrder(bg, "set.example", sandbox.OrderSpec{SetPaid: true, LineItems: []sandbox.LineSpec{{SKU: "SKU-0002", Quantity: 3}}})
		require.NoError(t, err)
		before, err := e.sb.Counters("set.example")
		require.NoError(t, err)

		err = c.SetStock(bg, call, connectors.StockSet{Ref: ref, Quantity: 20, ChangeFrom: 10, IdempotencyKey: "k2"})
		var stale *connectors.StaleStockError
		require.ErrorAs(t, err, &stale)
		require.Equal(t, ref, stale.Ref)
		require.NotNil(t, stale.Actual)
		require.Equal(t, 7, *stale.Actual, "10 - 3 sold")
		require.Equal(t, 7, level(ref).Available, "nothing written")
		after, err := e.sb.Counters("set.example")
		require.NoError(t, err)
		require.Equal(t, before.ProductsUpdated, after.ProductsUpdated)

		require.NoError(t, c.SetStock(bg, call, connectors.StockSet{Ref: ref, Quantity: 20, ChangeFrom: *stale.Actual}))
		require.Equal(t, 20, level(ref).Available)
	})

	t.Run("products without a level", func(t *testing.T) {
		id, _ := strconv.Atoi(levelOf(t, all, "SKU-0050").Ref.Item)
		digi := connectors.StockRef{Item: strconv.Itoa(id + 1)}
		err := c.SetStock(bg, call, connectors.StockSet{Ref: digi, Quantity: 3, ChangeFrom: 0})
		require.ErrorIs(t, err, woocommerce.ErrStockNotManaged, "stock management is not turned on")

		err = c.SetStock(bg, call, connectors.StockSet{Ref: connectors.StockRef{Item: "999999"}, Quantity: 3, ChangeFrom: 10})
		require.ErrorIs(t, err, woocommerce.ErrNotFound)

		trashed := levelOf(t, all, "SKU-0020").Ref
		e.deleteProduct(t, call.Conn, trashed.Item, false)
		err = c.SetStock(bg, call, connectors.StockSet{Ref: trashed, Quantity: 3, ChangeFrom: 10})
		require.ErrorIs(t, err, woocommerce.ErrNotFound)

		for _, bad := range []connectors.StockRef{{Item: "12/13"}, {Item: trashed.Item, Location: "main"}, {}} {
			require.Error(t, c.SetStock(bg, call, connectors.StockSet{Ref: bad, Quantity: 1}), bad)
		}
	})

	t.Run("refused", func(t *testing.T) {
		ref := levelOf(t, all, "SKU-0003").Ref
		k, err := e.sb.CreateKey("set.example", sandbox.PermRead)
		require.NoError(t, err)
		readOnly := connectors.StockCall{Conn: e.conn("https://set.example", k.ConsumerKey, k.ConsumerSecret)}
		err = c.SetStock(bg, readOnly, connectors.StockSet{Ref: ref, Quantity: 1, ChangeFrom: 10})
		require.ErrorIs(t, err, woocommerce.ErrUnauthorized, "the write is refused after the read")
		require.NotContains(t, err.Error(), k.ConsumerSecret)
		require.Equal(t, 10, level(ref).Available)

		require.NoError(t, e.sb.Throttle("set.example", 1, 3))
		err = c.SetStock(bg, call, connectors.StockSet{Ref: ref, Quantity: 1, ChangeFrom: 10})
		var limited connectors.RateLimited
		require.True(t, errors.As(err, &limited), "%v", err)
		require.Equal(t, 3*time.Second, limited.RetryAfterDelay())
	})
}

// TestStockWebhooksNameReadStockRefs follows a sale, a stock write and a
// cancellation through the sandbox's webhooks: each product.updated names
// the level as ReadStock does, with the quantity ReadStockLevels reads,
// and order.created names the line items' SKUs and quantities.
func TestStockWebhooksNameReadStockRefs(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	h := &hub{secret: "stock-hooks"}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	call := connectors.StockCall{Conn: e.store(t, "https://hooks.example", numbered(5))}
	_, err := e.sb.AddWebhooks(bg, "hooks.example", srv.URL, h.secret, nil, false)
	require.NoError(t, err)
	levels, _ := readAllStock(t, call)
	refOf := map[string]connectors.StockRef{}
	for _, l := range levels {
		refOf[l.SKU] = l.Ref
	}
	emitted := func() []connectors.Normalized {
		e.sb.Wait()
		h.mu.Lock()
		defer h.mu.Unlock()
		require.Empty(t, h.failures)
		out := h.emitted
		h.emitted = nil
		return out
	}
	checkInventory := func(ns []connectors.Normalized, want map[string]int) {
		t.Helper()
		got := map[string]int{}
		for _, n := range ns {
			if n.Type != "inventory.changed" {
				continue
			}
			inv := n.Inventory
			require.Equal(t, refOf[inv.SKU], inv.Ref, "the webhook names the level as ReadStock does")
			lv, err := woocommerce.Connector{}.ReadStockLevels(bg, call, []connectors.StockRef{inv.Ref})
			require.NoError(t, err)
			require.Equal(t, lv[0].Available, inv.Available)
			got[inv.SKU] = inv.Available
		}
		require.Equal(t, want, got)
	}

	order, ds, err := e.sb.CreateOrder(bg, "hooks.example", sandbox.OrderSpec{SetPaid: true,
		LineItems: []sandbox.LineSpec{{SKU: "SKU-0002", Quantity: 3}, {SKU: "SKU-0004", Quantity: 1}}})
	require.NoError(t, err)
	var topics []string
	for _, d := range ds {
		topics = append(topics, d.Topic)
	}
	require.Equal(t, []string{"order.created", "product.updated", "product.updated", "order.updated"}, topics,
		"the stock the order took is delivered after the order")
	ns := emitted()
	require.Equal(t, "order.created", ns[0].Type)
	require.Equal(t, []connectors.LineItemFacts{{Title: "Product 2", SKU: "SKU-0002", Quantity: 3, PriceCents: 950},
		{Title: "Product 4", SKU: "SKU-0004", Quantity: 1, PriceCents: 950}}, ns[0].Order.Items)
	checkInventory(ns, map[string]int{"SKU-0002": 7, "SKU-0004": 9})

	require.NoError(t, woocommerce.Connector{}.SetStock(bg, call, connectors.StockSet{Ref: refOf["SKU-0004"], Quantity: 12, ChangeFrom: 9}))
	checkInventory(emitted(), map[string]int{"SKU-0004": 12})

	// Cancelling the order restocks, with a product.updated per product.
	var placed struct {
		ID int64 `json:"id"`
	}
	require.NoError(t, json.Unmarshal(order, &placed))
	req, err := http.NewRequestWithContext(bg, http.MethodPut, e.base+"/hooks.example/wp-json/wc/v3/orders/"+strconv.FormatInt(placed.ID, 10),
		strings.NewReader(`{"status":"cancelled"}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(call.Conn.Value("consumerKey"), call.Conn.Value("consumerSecret"))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
	checkInventory(emitted(), map[string]int{"SKU-0002": 10, "SKU-0004": 13})
}

// TestStockErrorsHoldNoSecret runs the stock calls against a store that
// repeats the credentials back and checks no error holds them.
func TestStockErrorsHoldNoSecret(t *testing.T) {
	t.Parallel()
	const key, secret = "ck_0123456789abcdef0123456789abcdef01234567", "cs_fedcba9876543210fedcba9876543210fedcba98"
	echo := `{"code":"woocommerce_rest_` + key + `","message":"secret ` + secret + `","data":{"status":400}}`
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/products/1") {
			_, _ = w.Write([]byte(`{"id":1,"name":"A","sku":"A","manage_stock":true,"stock_quantity":5}`))
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(echo))
	}))
	t.Cleanup(srv.Close)
	call := connectors.StockCall{Conn: conn(connectors.Env{HTTP: srv.Client()}, srv.URL, key, secret)}
	c := woocommerce.Connector{}
	var errs []error
	_, err := c.ReadStock(bg, call, "")
	errs = append(errs, err)
	_, err = c.ReadStockLevels(bg, call, []connectors.StockRef{{Item: "1"}})
	errs = append(errs, err)
	errs = append(errs, c.SetStock(bg, call, connectors.StockSet{Ref: connectors.StockRef{Item: "1"}, Quantity: 2, ChangeFrom: 5}))
	for _, err := range errs {
		require.Error(t, err)
		require.NotContains(t, err.Error(), secret)
		require.NotContains(t, err.Error(), key)
		require.Contains(t, err.Error(), "[redacted]")
	}
}
