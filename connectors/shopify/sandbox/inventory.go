package sandbox

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Inventory: each shop has one location (its primary location, "Shop
// location"), products with one variant each, and one inventory item per
// variant with the quantity available at the location. The sandbox keeps
// no committed or reserved units, so on_hand always equals available.

// location is a shop's one stock location.
type location struct {
	id   int64
	name string
}

// product is a product with its one variant.
type product struct {
	id        int64
	title     string
	handle    string
	createdAt time.Time
	variant   *variant
}

// variant is a product variant; Title is "Default Title" for a product
// without options, as on Shopify.
type variant struct {
	id      int64
	title   string
	sku     string
	price   string // decimal, "45.00"
	product *product
	item    *inventoryItem
}

// inventoryItem is a variant's inventory item and its level at the shop's
// location.
type inventoryItem struct {
	id      int64
	variant *variant
	tracked bool
	// stocked says the item has a level at the location.
	stocked   bool
	available int
	createdAt time.Time
	updatedAt time.Time
}

// stock is a shop's catalogue, stock and orders.
type stock struct {
	location location
	products []*product       // ascending id
	items    []*inventoryItem // ascending id
	orders   []*order         // ascending id
	// skus indexes the items by their variant's SKU (SKUs are unique in
	// the sandbox; Shopify does not require it).
	skus map[string]*inventoryItem
	// idempotency holds inventorySetQuantities results by @idempotent key.
	idempotency map[string]*idempotent

	nextProductID, nextVariantID, nextItemID, nextGroupID int64
	nextOrderID, nextLineID, nextRefundID, nextTxID       int64
	orderNumber                                           int
}

// newStock is a shop's empty catalogue; n (the shop's sequence number)
// makes its ids differ from other shops'.
func newStock(n int64) *stock {
	return &stock{
		location:      location{id: 68000000000 + n, name: "Shop location"},
		idempotency:   map[string]*idempotent{},
		skus:          map[string]*inventoryItem{},
		nextProductID: 8000000000 + n*100000, nextVariantID: 45000000000 + n*100000, nextItemID: 47000000000 + n*100000,
		nextGroupID: 40000000000 + n*100000, nextOrderID: 5500000000 + n*100000, nextLineID: 13000000000 + n*100000,
		nextRefundID: 900000000 + n*10000, nextTxID: 6000000000 + n*100000, orderNumber: 1000,
	}
}

// defaultVariantTitle is the title of the variant of a product without
// options.
const defaultVariantTitle = "Default Title"

// addProduct adds a product with one variant and its inventory item,
// stocked at the location with available units unless unstocked.
func (st *stock) addProduct(now time.Time, title, variantTitle, sku, price string, available int, tracked, stocked bool) *product {
	st.nextProductID++
	st.nextVariantID++
	st.nextItemID++
	if variantTitle == "" {
		variantTitle = defaultVariantTitle
	}
	if price == "" {
		price = "10.00"
	}
	p := &product{id: st.nextProductID, title: title, handle: handleOf(title), createdAt: now}
	v := &variant{id: st.nextVariantID, title: variantTitle, sku: sku, price: price, product: p}
	it := &inventoryItem{id: st.nextItemID, variant: v, tracked: tracked, stocked: stocked, available: available, createdAt: now, updatedAt: now}
	p.variant, v.item = v, it
	st.products = append(st.products, p)
	st.items = append(st.items, it)
	if sku != "" {
		st.skus[sku] = it
	}
	return p
}

// bySKU is the item whose variant has the SKU (case-sensitive); nil when
// none has.
func (st *stock) bySKU(sku string) *inventoryItem {
	if sku == "" {
		return nil
	}
	return st.skus[sku]
}

// product finds a product by its gid.
func (st *stock) product(gid string) *product {
	id, ok := gidNumber(gid, "Product")
	if !ok {
		return nil
	}
	i, found := slices.BinarySearchFunc(st.products, id, func(p *product, id int64) int { return cmp.Compare(p.id, id) })
	if !found {
		return nil
	}
	return st.products[i]
}

// variant finds a variant by its gid (variants are made in product order,
// so their ids ascend too).
func (st *stock) variant(gid string) *variant {
	id, ok := gidNumber(gid, "ProductVariant")
	if !ok {
		return nil
	}
	i, found := slices.BinarySearchFunc(st.products, id, func(p *product, id int64) int { return cmp.Compare(p.variant.id, id) })
	if !found {
		return nil
	}
	return st.products[i].variant
}

// item finds an inventory item by its gid.
func (st *stock) item(gid string) *inventoryItem {
	id, ok := gidNumber(gid, "InventoryItem")
	if !ok {
		return nil
	}
	i, found := slices.BinarySearchFunc(st.items, id, func(it *inventoryItem, id int64) int { return cmp.Compare(it.id, id) })
	if !found {
		return nil
	}
	return st.items[i]
}

// gidNumber reads gid://shopify/{kind}/N (a query string after N, as in
// InventoryLevel gids, is ignored).
func gidNumber(gid, kind string) (int64, bool) {
	n, ok := strings.CutPrefix(gid, "gid://shopify/"+kind+"/")
	if !ok {
		return 0, false
	}
	n, _, _ = strings.Cut(n, "?")
	id, err := strconv.ParseInt(n, 10, 64)
	return id, err == nil && id > 0
}

func gid(kind string, id int64) string {
	return "gid://shopify/" + kind + "/" + strconv.FormatInt(id, 10)
}

func (l location) gid() string { return gid("Location", l.id) }

// levelGID is an inventory level's gid, which Shopify makes of the
// location and the item.
func (st *stock) levelGID(it *inventoryItem) string {
	return gid("InventoryLevel", st.location.id) + "?inventory_item_id=" + strconv.FormatInt(it.id, 10)
}

// lineName is what an order line calls the variant: the product's title,
// then the variant's unless it is the default one.
func (v *variant) lineName() string {
	if v.title == defaultVariantTitle {
		return v.product.title
	}
	return v.product.title + " - " + v.title
}

// handleOf makes a product handle of a title: "Hoodie with Logo" becomes
// "hoodie-with-logo".
func handleOf(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// matchItem implements a subset of Shopify's search syntax for inventory
// items: terms are ANDed (a leading - negates one); sku:value (a trailing
// * for a prefix), id:N and updated_at:>=… filter; a bare term matches the
// SKU or the product title, case-insensitively. Unknown filters are
// ignored, as Shopify does.
func matchItem(it *inventoryItem, q string) bool {
	for _, term := range strings.Fields(q) {
		if strings.EqualFold(term, "AND") {
			continue
		}
		neg := strings.HasPrefix(term, "-")
		term = strings.TrimPrefix(term, "-")
		field, value, hasField := strings.Cut(term, ":")
		if !hasField {
			field, value = "", term
		}
		raw := value
		value = strings.ToLower(strings.Trim(value, `"'`))
		eq := func(s string) bool {
			s = strings.ToLower(s)
			if p, ok := strings.CutSuffix(value, "*"); ok {
				return strings.HasPrefix(s, p)
			}
			return s == value
		}
		ok := true
		switch field {
		case "":
			needle := strings.TrimSuffix(value, "*")
			ok = strings.Contains(strings.ToLower(it.variant.sku), needle) || strings.Contains(strings.ToLower(it.variant.product.title), needle)
		case "sku":
			ok = eq(it.variant.sku)
		case "id":
			ok = eq(strconv.FormatInt(it.id, 10))
		case "updated_at":
			ok = compareTime(it.updatedAt, raw)
		case "created_at":
			ok = compareTime(it.createdAt, raw)
		}
		if ok == neg {
			return false
		}
	}
	return true
}
