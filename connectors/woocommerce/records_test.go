package woocommerce_test

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox"
)

func TestReadRecordsPagesThrough250Products(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	call := connectors.RecordCall{Conn: e.store(t, "https://big.example", numbered(250)), Entity: "product"}

	tests := []struct {
		limit int
		sizes []int
	}{
		{0, []int{100, 100, 50}},
		{100, []int{100, 100, 50}},
		{500, []int{100, 100, 50}},
		{60, []int{60, 60, 60, 60, 10}},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.limit), func(t *testing.T) {
			t.Parallel()
			var sizes []int
			seen := map[string]bool{}
			last := int64(0)
			cursor := ""
			for i := 0; ; i++ {
				page, err := woocommerce.Connector{}.ReadRecords(bg, call, connectors.ReadQuery{Cursor: cursor, Limit: tc.limit})
				require.NoError(t, err)
				if i == 0 {
					require.Equal(t, 250, page.Total, "the first page says the total")
				} else {
					require.Equal(t, -1, page.Total)
				}
				require.Nil(t, page.Budget, "WooCommerce reports no budget")
				sizes = append(sizes, len(page.Records))
				for _, r := range page.Records {
					require.False(t, seen[r.ID], "record %s read twice", r.ID)
					seen[r.ID] = true
					id, err := strconv.ParseInt(r.ID, 10, 64)
					require.NoError(t, err)
					require.Greater(t, id, last, "id order")
					last = id
				}
				if page.Next == "" {
					break
				}
				require.Equal(t, strconv.Itoa(i+2), page.Next, "the cursor is the next page number")
				cursor = page.Next
			}
			require.Equal(t, tc.sizes, sizes)
			require.Len(t, seen, 250)
		})
	}

	t.Run("fields", func(t *testing.T) {
		t.Parallel()
		page, err := woocommerce.Connector{}.ReadRecords(bg, call, connectors.ReadQuery{Limit: 1})
		require.NoError(t, err)
		r := page.Records[0]
		require.Equal(t, map[string]any{"id": r.ID, "sku": "SKU-0001", "name": "Product 1", "stockQuantity": 10.0, "manageStock": true, "price": 9.5}, r.Fields)
		require.Equal(t, time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC), r.UpdatedAt)
	})
	t.Run("bad cursor", func(t *testing.T) {
		t.Parallel()
		_, err := woocommerce.Connector{}.ReadRecords(bg, call, connectors.ReadQuery{Cursor: "abc"})
		require.Error(t, err)
		_, err = woocommerce.Connector{}.ReadRecords(bg, connectors.RecordCall{Conn: call.Conn, Entity: "order"}, connectors.ReadQuery{})
		require.Error(t, err)
	})
}

func TestReadRecordsUpdatedSince(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	st, err := e.sb.CreateStore(sandbox.StoreSpec{URL: "https://since.example", UTCOffsetMinutes: 330, Products: numbered(20)})
	require.NoError(t, err)
	call := connectors.RecordCall{Conn: e.conn(st.URL, st.ConsumerKey, st.ConsumerSecret), Entity: "product"}

	e.clock.Advance(2 * time.Hour)
	since := e.clock.Now()
	res, err := woocommerce.Connector{}.WriteRecords(bg, call, []connectors.RecordWrite{
		{Key: "a", Fields: map[string]any{"sku": "SKU-0004", "stockQuantity": 1.0}},
		{Key: "b", Fields: map[string]any{"sku": "SKU-0017", "stockQuantity": 2.0}},
	})
	require.NoError(t, err)
	require.Empty(t, res.Results[0].Err)
	require.Empty(t, res.Results[1].Err)

	page, err := woocommerce.Connector{}.ReadRecords(bg, call, connectors.ReadQuery{UpdatedSince: since})
	require.NoError(t, err)
	require.Equal(t, 2, page.Total, "modified_after in GMT, whatever the site's time zone")
	require.Len(t, page.Records, 2)
	require.Equal(t, "SKU-0004", page.Records[0].Fields["sku"])
	require.Equal(t, 1.0, page.Records[0].Fields["stockQuantity"])
	require.Equal(t, since, page.Records[0].UpdatedAt)

	page, err = woocommerce.Connector{}.ReadRecords(bg, call, connectors.ReadQuery{UpdatedSince: since.Add(time.Second)})
	require.NoError(t, err)
	require.Empty(t, page.Records)
}

func TestWriteRecords(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	unmanaged := sandbox.ProductSpec{SKU: "DIGI-1", Name: "Download", Price: "5.00"}
	call := connectors.RecordCall{Conn: e.store(t, "https://write.example", append(numbered(5), unmanaged)), Entity: "product"}
	read := func() map[string]map[string]any {
		page, err := woocommerce.Connector{}.ReadRecords(bg, call, connectors.ReadQuery{})
		require.NoError(t, err)
		out := map[string]map[string]any{}
		for _, r := range page.Records {
			out[r.Fields["sku"].(string)] = r.Fields
		}
		return out
	}
	before := read()
	id := func(sku string) string { return before[sku]["id"].(string) }

	writes := []connectors.RecordWrite{
		{Key: "by-id", TargetID: id("SKU-0001"), Fields: map[string]any{"stockQuantity": 3.0}},
		{Key: "bad-id", TargetID: "999999", Fields: map[string]any{"stockQuantity": 4.0}},
		{Key: "by-sku", Fields: map[string]any{"sku": "SKU-0002", "stockQuantity": 0.0, "price": 12.25}},
		{Key: "by-sku-case", Fields: map[string]any{"sku": "sku-0003", "stockQuantity": "7"}},
		{Key: "no-such-sku", Fields: map[string]any{"sku": "NOPE", "stockQuantity": 1.0}},
		{Key: "fraction", TargetID: id("SKU-0004"), Fields: map[string]any{"stockQuantity": 2.5}},
		{Key: "unmanaged", Fields: map[string]any{"sku": "DIGI-1", "stockQuantity": 9.0}},
		{Key: "nothing", TargetID: id("SKU-0005"), Fields: map[string]any{"name": "ignored"}},
		{Key: "no-key", Fields: map[string]any{"stockQuantity": 1.0}},
		{Key: "not-an-id", TargetID: "gid://x", Fields: map[string]any{"stockQuantity": 1.0}},
	}
	require.Equal(t, woocommerce.MaxBatchSize, woocommerce.Connector{}.MaxBatch("product"))
	res, err := woocommerce.Connector{}.WriteRecords(bg, call, writes)
	require.NoError(t, err)
	require.Nil(t, res.Budget)
	want := []connectors.RecordWriteResult{
		{Key: "by-id", TargetID: id("SKU-0001")},
		{Key: "bad-id", Err: "woocommerce_rest_product_invalid_id: Invalid ID."},
		{Key: "by-sku", TargetID: id("SKU-0002")},
		{Key: "by-sku-case", TargetID: id("SKU-0003")},
		{Key: "no-such-sku", Err: `sku: no WooCommerce product has the SKU "NOPE"`},
		{Key: "fraction", Err: "stockQuantity: 2.5 is not a whole number"},
		{Key: "unmanaged", Err: "stockQuantity: WooCommerce kept no stock quantity because the product does not manage stock (map manageStock to true to turn it on)"},
		{Key: "nothing", Err: "nothing to write: map stockQuantity, manageStock or price"},
		{Key: "no-key", Err: "sku: the record has neither a linked product nor a SKU to find one by"},
		{Key: "not-an-id", Err: `id: "gid://x" is not a WooCommerce product id`},
	}
	require.Equal(t, want, res.Results, "each bad record fails alone")

	after := read()
	require.Equal(t, 3.0, after["SKU-0001"]["stockQuantity"])
	require.Equal(t, 0.0, after["SKU-0002"]["stockQuantity"])
	require.Equal(t, 12.25, after["SKU-0002"]["price"])
	require.Equal(t, 7.0, after["SKU-0003"]["stockQuantity"])
	require.Equal(t, 10.0, after["SKU-0004"]["stockQuantity"], "refused before sending")
	require.Nil(t, after["DIGI-1"]["stockQuantity"])

	// Turning stock management on with the quantity is kept; writing the
	// same batch twice leaves the store as once.
	again := []connectors.RecordWrite{{Key: "u", Fields: map[string]any{"sku": "DIGI-1", "manageStock": true, "stockQuantity": 9.0}}}
	for range 2 {
		res, err = woocommerce.Connector{}.WriteRecords(bg, call, again)
		require.NoError(t, err)
		require.Equal(t, []connectors.RecordWriteResult{{Key: "u", TargetID: before["DIGI-1"]["id"].(string)}}, res.Results)
	}
	require.Equal(t, 9.0, read()["DIGI-1"]["stockQuantity"])

	t.Run("whole batch refused", func(t *testing.T) {
		bad := connectors.RecordCall{Conn: e.conn("https://write.example", "ck_nobody", "cs_nobody"), Entity: "product"}
		_, err := woocommerce.Connector{}.WriteRecords(bg, bad, writes[:1])
		require.ErrorIs(t, err, woocommerce.ErrUnauthorized)
		_, err = woocommerce.Connector{}.WriteRecords(bg, bad, writes[2:3])
		require.ErrorIs(t, err, woocommerce.ErrUnauthorized, "the SKU lookup is refused first")
	})
	t.Run("rate limited", func(t *testing.T) {
		t.Parallel()
		st, err := e.sb.CreateStore(sandbox.StoreSpec{URL: "https://busy.example", Products: numbered(1)})
		require.NoError(t, err)
		require.NoError(t, e.sb.Throttle("busy.example", 1, 7))
		busy := connectors.RecordCall{Conn: e.conn(st.URL, st.ConsumerKey, st.ConsumerSecret), Entity: "product"}
		_, err = woocommerce.Connector{}.ReadRecords(bg, busy, connectors.ReadQuery{})
		var limited connectors.RateLimited
		require.True(t, errors.As(err, &limited), "%v", err)
		require.Equal(t, 7*time.Second, limited.RetryAfterDelay())
		require.ErrorIs(t, err, woocommerce.ErrRateLimited)
		_, err = woocommerce.Connector{}.ReadRecords(bg, busy, connectors.ReadQuery{})
		require.NoError(t, err)
	})
	t.Run("too many", func(t *testing.T) {
		t.Parallel()
		many := make([]connectors.RecordWrite, woocommerce.MaxBatchSize+1)
		_, err := woocommerce.Connector{}.WriteRecords(bg, call, many)
		require.Error(t, err)
	})
	t.Run("status", func(t *testing.T) {
		require.NoError(t, e.sb.FailNext("write.example", 1, http.StatusBadGateway))
		_, err := woocommerce.Connector{}.WriteRecords(bg, call, writes[:1])
		require.ErrorIs(t, err, woocommerce.ErrUnavailable)
	})
}
