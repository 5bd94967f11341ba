package woocommerce

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// ReadRecords implements connectors.RecordReader for products, in id
// order, by page number: the cursor is the next page's number ("2", "3",
// …), so every page of one read must ask for the same Limit (at most
// MaxPageSize). The first page says the total (X-WP-Total). An incremental
// read asks WooCommerce for products modified after UpdatedSince (a second
// earlier, since modified_after is exclusive and WordPress keeps seconds).
func (Connector) ReadRecords(ctx context.Context, call connectors.RecordCall, q connectors.ReadQuery) (connectors.RecordPage, error) {
	if call.Entity != "product" {
		return connectors.RecordPage{}, fmt.Errorf("woocommerce: cannot read %q records (products only)", call.Entity)
	}
	page := 1
	if q.Cursor != "" {
		n, err := strconv.Atoi(q.Cursor)
		if err != nil || n < 1 {
			return connectors.RecordPage{}, fmt.Errorf("woocommerce: %.20q is not a page cursor", q.Cursor)
		}
		page = n
	}
	limit := q.Limit
	if limit <= 0 || limit > MaxPageSize {
		limit = MaxPageSize
	}
	pq := ProductQuery{Page: page, PerPage: limit}
	if !q.UpdatedSince.IsZero() {
		pq.ModifiedAfter = q.UpdatedSince.Add(-time.Second)
	}
	products, p, err := ClientFor(call.Conn.Env).ListProducts(ctx, call.Conn, pq)
	if err != nil {
		return connectors.RecordPage{}, err
	}
	out := connectors.RecordPage{Total: -1, Records: make([]connectors.Record, 0, len(products))}
	if q.Cursor == "" {
		out.Total = p.Total
	}
	switch {
	case p.TotalPages >= 0 && page < p.TotalPages:
		out.Next = strconv.Itoa(page + 1)
	case p.TotalPages < 0 && len(products) == limit:
		out.Next = strconv.Itoa(page + 1) // no totals sent: read on until a short page
	}
	for _, pr := range products {
		out.Records = append(out.Records, connectors.Record{
			ID: strconv.FormatInt(pr.ID, 10), UpdatedAt: firstSet(pr.DateModifiedGMT.Time, pr.DateCreatedGMT.Time), Fields: productRecordFields(pr),
		})
	}
	return out, nil
}

// productRecordFields names a product's values as the Spec's product
// entity does.
func productRecordFields(p Product) map[string]any {
	f := map[string]any{"id": strconv.FormatInt(p.ID, 10), "sku": p.SKU, "name": p.Name, "manageStock": bool(p.ManageStock),
		"stockQuantity": nil, "price": nil}
	if p.StockQuantity.V != nil && bool(p.ManageStock) {
		f["stockQuantity"] = *p.StockQuantity.V
	}
	if v, ok := p.Price.Float(); ok {
		f["price"] = v
	}
	return f
}

// MaxBatch implements connectors.RecordWriter: one batch request takes
// MaxBatchSize products.
func (Connector) MaxBatch(string) int { return MaxBatchSize }

// writable is one record ready to send.
type writable struct {
	at     int // index in the records
	id     int64
	sku    string
	update ProductUpdate
	// stock is the quantity asked for, to check WooCommerce kept it.
	stock *int64
}

// WriteRecords implements connectors.RecordWriter for products: one batch
// update (POST products/batch) of the records' stockQuantity, manageStock
// and price (written as the regular price), each product found by its
// TargetID or, without one, by its SKU (looked up in one request per 100
// SKUs). Writing the same values twice leaves the store as writing them
// once. A record WooCommerce refuses (an unknown id, a bad value) fails
// alone with WooCommerce's error; so does a SKU no product has (writes
// never create products) and a stock quantity the product did not keep
// because it does not manage stock.
func (Connector) WriteRecords(ctx context.Context, call connectors.RecordCall, records []connectors.RecordWrite) (connectors.RecordWrites, error) {
	if call.Entity != "product" {
		return connectors.RecordWrites{}, fmt.Errorf("woocommerce: cannot write %q records (products only)", call.Entity)
	}
	if len(records) > MaxBatchSize {
		return connectors.RecordWrites{}, fmt.Errorf("woocommerce: a batch takes at most %d products, not %d", MaxBatchSize, len(records))
	}
	c := ClientFor(call.Conn.Env)
	out := connectors.RecordWrites{Results: make([]connectors.RecordWriteResult, len(records))}
	var ready []*writable
	var bySKU []*writable
	for i, r := range records {
		res := &out.Results[i]
		res.Key = r.Key
		w, problem := prepareWrite(i, r)
		switch {
		case problem != "":
			res.Err = problem
		case w.id == 0:
			bySKU = append(bySKU, w)
		default:
			ready = append(ready, w)
		}
	}
	if len(bySKU) > 0 {
		ids, err := lookupSKUs(ctx, c, call.Conn, bySKU)
		if err != nil {
			return out, err
		}
		for _, w := range bySKU {
			id, ok := ids[w.sku]
			if !ok {
				out.Results[w.at].Err = fmt.Sprintf("sku: no WooCommerce product has the SKU %q", w.sku)
				continue
			}
			w.id = id
			ready = append(ready, w)
		}
	}
	if len(ready) == 0 {
		return out, nil
	}
	updates := make([]ProductUpdate, len(ready))
	for j, w := range ready {
		w.update["id"] = w.id
		updates[j] = w.update
	}
	results, err := c.BatchUpdateProducts(ctx, call.Conn, updates)
	if err != nil {
		return out, err
	}
	for j, w := range ready {
		res := &out.Results[w.at]
		switch got := results[j]; {
		case got.Err != nil:
			res.Err = got.Err.Error()
		case w.stock != nil && (!bool(got.Product.ManageStock) || got.Product.StockQuantity.V == nil || int64(*got.Product.StockQuantity.V) != *w.stock):
			res.Err = "stockQuantity: WooCommerce kept no stock quantity because the product does not manage stock (map manageStock to true to turn it on)"
		default:
			res.TargetID = strconv.FormatInt(got.Product.ID, 10)
		}
	}
	return out, nil
}

// prepareWrite turns a record into a product update, or says why it
// cannot be written.
func prepareWrite(at int, r connectors.RecordWrite) (*writable, string) {
	w := &writable{at: at, update: ProductUpdate{}}
	if v, ok := r.Fields["manageStock"]; ok && v != nil {
		b, ok := boolOf(v)
		if !ok {
			return nil, fmt.Sprintf("manageStock: %v is not true or false", v)
		}
		w.update["manage_stock"] = b
	}
	if v, ok := r.Fields["stockQuantity"]; ok && v != nil {
		n, ok := wholeNumber(v)
		if !ok {
			return nil, fmt.Sprintf("stockQuantity: %v is not a whole number", v)
		}
		w.update["stock_quantity"] = n
		w.stock = &n
	}
	if v, ok := r.Fields["price"]; ok && v != nil {
		p, ok := priceOf(v)
		if !ok {
			return nil, fmt.Sprintf("price: %v is not an amount", v)
		}
		w.update["regular_price"] = p
	}
	if len(w.update) == 0 {
		return nil, "nothing to write: map stockQuantity, manageStock or price"
	}
	if id := strings.TrimSpace(r.TargetID); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Sprintf("id: %q is not a WooCommerce product id", id)
		}
		w.id = n
		return w, ""
	}
	sku, _ := r.Fields["sku"].(string)
	if w.sku = strings.TrimSpace(sku); w.sku == "" {
		return nil, "sku: the record has neither a linked product nor a SKU to find one by"
	}
	return w, ""
}

// lookupSKUs finds the products with the writes' SKUs: SKUs without a
// comma 100 to a request (WooCommerce splits the sku parameter on commas),
// the others one by one. SKUs match exactly, else case-insensitively (as
// WooCommerce's own lookups do).
func lookupSKUs(ctx context.Context, c *Client, conn connectors.Conn, ws []*writable) (map[string]int64, error) {
	var plain, comma []string
	seen := map[string]bool{}
	for _, w := range ws {
		if seen[w.sku] {
			continue
		}
		seen[w.sku] = true
		if strings.Contains(w.sku, ",") {
			comma = append(comma, w.sku)
		} else {
			plain = append(plain, w.sku)
		}
	}
	var found []Product
	ask := func(skus []string) error {
		for page := 1; ; page++ {
			products, p, err := c.ListProducts(ctx, conn, ProductQuery{Page: page, PerPage: MaxPageSize, SKUs: skus})
			if err != nil {
				return fmt.Errorf("find products by SKU: %w", err)
			}
			found = append(found, products...)
			if p.TotalPages <= page || len(products) < MaxPageSize {
				return nil
			}
		}
	}
	for start := 0; start < len(plain); start += MaxPageSize {
		if err := ask(plain[start:min(start+MaxPageSize, len(plain))]); err != nil {
			return nil, err
		}
	}
	for _, sku := range comma {
		if err := ask([]string{sku}); err != nil {
			return nil, err
		}
	}
	ids := map[string]int64{}
	for sku := range seen {
		for _, p := range found {
			if p.SKU == sku {
				ids[sku] = p.ID
				break
			}
		}
		if _, ok := ids[sku]; ok {
			continue
		}
		for _, p := range found {
			if strings.EqualFold(p.SKU, sku) {
				ids[sku] = p.ID
				break
			}
		}
	}
	return ids, nil
}

// wholeNumber reads a mapped stock quantity: a whole number as float64,
// int or text.
func wholeNumber(v any) (int64, bool) {
	var f float64
	switch v := v.(type) {
	case float64:
		f = v
	case float32:
		f = float64(v)
	case int:
		return int64(v), true
	case int64:
		return v, true
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return n, err == nil
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, false
	}
	return int64(f), true
}

func boolOf(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		return b, err == nil
	}
	return false, false
}

// priceOf reads a mapped price as WooCommerce's decimal text ("21.99").
func priceOf(v any) (string, bool) {
	switch v := v.(type) {
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return "", false
		}
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case int:
		return strconv.Itoa(v), v >= 0
	case string:
		s := strings.TrimSpace(v)
		return s, decimalRE.MatchString(s) && !strings.HasPrefix(s, "-")
	}
	return "", false
}
