package woocommerce

import (
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
)

// The connector keeps the stock (connectors.StockKeeper) of the products
// the products endpoint lists that manage stock, hold a quantity and have
// a SKU: simple products (and a variable product only where the parent
// manages the stock of all its variations). A level's StockRef is the
// product's id in decimal ("123") with an empty Location: a WooCommerce
// store has one stock location. Variations are not kept one by one: the
// client reads none and the sandbox emulates none, so a ref of the form
// "productID/variationID" is refused.
//
// WooCommerce keys authenticate every call (StockCall.Token is unused).

// ErrStockNotManaged is a SetStock on a product that no longer manages its
// stock (or keeps no quantity): the connector will not turn stock
// management on for the merchant.
var ErrStockNotManaged = errors.New("woocommerce: the product does not manage its stock")

// productRef is the StockRef of a product.
func productRef(id int64) connectors.StockRef {
	return connectors.StockRef{Item: strconv.FormatInt(id, 10)}
}

// refProductID reads a StockRef of the connector: a product id, no location.
func refProductID(ref connectors.StockRef) (int64, error) {
	id, err := strconv.ParseInt(ref.Item, 10, 64)
	if err != nil || id <= 0 || strings.HasPrefix(ref.Item, "+") || ref.Location != "" {
		return 0, fmt.Errorf("woocommerce: %.60q is not a WooCommerce stock ref (a product id, without location; variations are not kept)", ref.String())
	}
	return id, nil
}

// wholeStock is a stock quantity as the hub counts it: rounded down (a
// store filter may allow decimal quantities).
func wholeStock(q float64) int { return int(math.Floor(q)) }

// stockLevelOf is a product's stock level; ok is false for a product the
// connector keeps no stock of: one that does not manage stock, keeps no
// quantity, has no SKU, is a variation or is in the trash.
func stockLevelOf(p Product) (connectors.StockLevel, bool) {
	if !bool(p.ManageStock) || p.StockQuantity.V == nil || strings.TrimSpace(p.SKU) == "" || p.Type == "variation" || p.Status == "trash" {
		return connectors.StockLevel{}, false
	}
	return connectors.StockLevel{Ref: productRef(p.ID), SKU: p.SKU, Title: html.UnescapeString(p.Name), Available: wholeStock(*p.StockQuantity.V)}, true
}

// ReadStock implements connectors.StockKeeper: the store's products in id
// order, 100 to a page (GET products?per_page=100&page=N&orderby=id&
// order=asc), keeping those that manage stock, hold a quantity and have a
// SKU. The cursor is the next page's number ("2", "3", …); a page may hold
// no level at all and still have a next one.
func (Connector) ReadStock(ctx context.Context, call connectors.StockCall, cursor string) (connectors.StockPage, error) {
	page := 1
	if cursor != "" {
		n, err := strconv.Atoi(cursor)
		if err != nil || n < 1 {
			return connectors.StockPage{}, fmt.Errorf("woocommerce: %.20q is not a stock page cursor", cursor)
		}
		page = n
	}
	products, p, err := ClientFor(call.Conn.Env).ListProducts(ctx, call.Conn, ProductQuery{Page: page, PerPage: MaxPageSize})
	if err != nil {
		return connectors.StockPage{}, fmt.Errorf("read stock (page %d): %w", page, err)
	}
	out := connectors.StockPage{Levels: make([]connectors.StockLevel, 0, len(products))}
	switch {
	case p.TotalPages >= 0 && page < p.TotalPages:
		out.Next = strconv.Itoa(page + 1)
	case p.TotalPages < 0 && len(products) == MaxPageSize:
		out.Next = strconv.Itoa(page + 1) // no totals sent: read on until a short page
	}
	for _, pr := range products {
		if l, ok := stockLevelOf(pr); ok {
			out.Levels = append(out.Levels, l)
		}
	}
	return out, nil
}

// ReadStockLevels implements connectors.StockKeeper: the products named,
// 100 to a request (GET products?include=1,2,3&per_page=100), in the
// order of refs (each once). A product the store no longer has — deleted,
// in the trash, or no longer managing stock or without a SKU, as ReadStock
// would leave it out — is left out. A ref that is not a product id is an
// error.
func (Connector) ReadStockLevels(ctx context.Context, call connectors.StockCall, refs []connectors.StockRef) ([]connectors.StockLevel, error) {
	var ids []int64
	seen := map[int64]bool{}
	for _, ref := range refs {
		id, err := refProductID(ref)
		if err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	c := ClientFor(call.Conn.Env)
	found := map[int64]connectors.StockLevel{}
	for start := 0; start < len(ids); start += MaxPageSize {
		chunk := ids[start:min(start+MaxPageSize, len(ids))]
		for page := 1; ; page++ {
			products, p, err := c.ListProducts(ctx, call.Conn, ProductQuery{Page: page, PerPage: MaxPageSize, IDs: chunk})
			if err != nil {
				return nil, fmt.Errorf("read stock levels: %w", err)
			}
			for _, pr := range products {
				if l, ok := stockLevelOf(pr); ok && seen[pr.ID] {
					found[pr.ID] = l
				}
			}
			if p.TotalPages <= page || len(products) < MaxPageSize {
				break
			}
		}
	}
	out := make([]connectors.StockLevel, 0, len(found))
	for _, id := range ids {
		if l, ok := found[id]; ok {
			out = append(out, l)
		}
	}
	return out, nil
}

// SetStock implements connectors.StockKeeper. WooCommerce has no
// compare-and-set, so SetStock emulates it: it reads the product (GET
// products/{id}) and, when its quantity (rounded down) is not ChangeFrom,
// returns a *connectors.StaleStockError with that quantity; else it writes
// the quantity (PUT products/{id} {"stock_quantity": Quantity,
// "manage_stock": true}) and checks the answer kept it.
//
// The emulation leaves a race window: a sale the store records between
// the read and the write (one round trip apart) is overwritten by the
// absolute write, and SetStock does not notice. The sale's own webhooks
// (order.created with its line items, product.updated) still reach the
// hub.
//
// IdempotencyKey is not sent: WooCommerce takes none. Because the write
// is absolute (the quantity, not a change), repeating it is harmless: it
// sets the same quantity again. A repeat after the first write landed is
// refused as stale (Actual is then the quantity set), as compare-and-set
// on ChangeFrom says it must be. Reason is not recorded: WooCommerce keeps
// no adjustment history for REST writes.
//
// A product that is gone or in the trash is an error matching
// ErrNotFound; one that no longer manages stock, ErrStockNotManaged.
func (Connector) SetStock(ctx context.Context, call connectors.StockCall, set connectors.StockSet) error {
	id, err := refProductID(set.Ref)
	if err != nil {
		return err
	}
	c := ClientFor(call.Conn.Env)
	p, err := c.GetProduct(ctx, call.Conn, id)
	if err != nil {
		return fmt.Errorf("set stock of product %d: %w", id, err)
	}
	switch {
	case p.Status == "trash":
		return fmt.Errorf("set stock of product %d: the product is in the trash: %w", id, ErrNotFound)
	case !bool(p.ManageStock) || p.StockQuantity.V == nil:
		return fmt.Errorf("set stock of product %d: %w", id, ErrStockNotManaged)
	}
	if actual := wholeStock(*p.StockQuantity.V); actual != set.ChangeFrom {
		return &connectors.StaleStockError{Ref: set.Ref, Actual: &actual}
	}
	saved, err := c.UpdateProduct(ctx, call.Conn, id, ProductUpdate{"stock_quantity": set.Quantity, "manage_stock": true})
	if err != nil {
		return fmt.Errorf("set stock of product %d: %w", id, err)
	}
	if !bool(saved.ManageStock) || saved.StockQuantity.V == nil || *saved.StockQuantity.V != float64(set.Quantity) {
		kept := "none"
		if saved.StockQuantity.V != nil {
			kept = strconv.FormatFloat(*saved.StockQuantity.V, 'f', -1, 64)
		}
		return fmt.Errorf("set stock of product %d: WooCommerce did not keep the quantity %d (it holds %s)", id, set.Quantity, kept)
	}
	return nil
}
