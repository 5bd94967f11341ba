package sandbox

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// The inventory queries: location, inventoryItem, inventoryItems, nodes,
// and the types they return.

// itemPage is a page of inventoryItems.
type itemPage struct {
	items []*inventoryItem
	// info holds the page info (a connection without customer nodes).
	info *connection
}

type itemEdge struct {
	cursor string
	item   *inventoryItem
}

// level is an inventory item's level at the shop's location.
type level struct{ item *inventoryItem }

// quantity is one named quantity of a level.
type quantity struct {
	name string
	n    int
	at   any
}

// quantityNames are the inventory states Shopify names; the sandbox keeps
// available and on_hand (always equal) and zero in the others.
var quantityNames = []string{"available", "on_hand", "committed", "reserved", "incoming", "damaged", "quality_control", "safety_stock"}

// inventoryField resolves the inventory fields and types; false for others.
func (x *executor) inventoryField(typ string, val any, f *ast.Field, path []any) (any, bool) {
	st := x.sh.stock
	switch typ {
	case queryRoot:
		switch f.Name {
		case "location":
			id, given := x.arg(f, "id")
			if given && fmt.Sprint(id) != st.location.gid() {
				return nil, true
			}
			return x.object("Location", st.location, f.SelectionSet, path), true
		case "inventoryItem":
			id, _ := x.arg(f, "id")
			it := st.item(fmt.Sprint(id))
			if it == nil {
				return nil, true
			}
			return x.object("InventoryItem", it, f.SelectionSet, path), true
		case "inventoryItems":
			page, ok := x.inventoryItems(f, path)
			if !ok {
				return nil, true
			}
			return x.object("InventoryItemConnection", page, f.SelectionSet, path), true
		case "nodes":
			return x.nodes(f, path), true
		}
	case mutationRoot:
		if f.Name == "inventorySetQuantities" {
			p, ok := x.inventorySetQuantities(f, path)
			if !ok {
				return nil, true
			}
			return x.object("InventorySetQuantitiesPayload", p, f.SelectionSet, path), true
		}
	case "Location":
		l := val.(location)
		switch f.Name {
		case "id":
			return l.gid(), true
		case "name":
			return l.name, true
		case "isActive", "isPrimary":
			return true, true
		case "legacyResourceId":
			return strconv.FormatInt(l.id, 10), true
		}
	case "InventoryItemConnection":
		return x.itemPageField(val.(*itemPage), f, path), true
	case "InventoryItemEdge":
		e := val.(itemEdge)
		if f.Name == "cursor" {
			return e.cursor, true
		}
		return x.object("InventoryItem", e.item, f.SelectionSet, path), true
	case "InventoryItem":
		return x.itemField(val.(*inventoryItem), f, path), true
	case "ProductVariant":
		return x.variantField(val.(*variant), f, path), true
	case "Product":
		p := val.(*product)
		switch f.Name {
		case "id":
			return gid("Product", p.id), true
		case "title":
			return p.title, true
		case "handle":
			return p.handle, true
		case "status":
			return "ACTIVE", true
		case "legacyResourceId":
			return strconv.FormatInt(p.id, 10), true
		}
	case "InventoryLevel":
		l := val.(level)
		switch f.Name {
		case "id":
			return st.levelGID(l.item), true
		case "createdAt":
			return dateTime(l.item.createdAt), true
		case "updatedAt":
			return dateTime(l.item.updatedAt), true
		case "location":
			return x.object("Location", st.location, f.SelectionSet, path), true
		case "item":
			return x.object("InventoryItem", l.item, f.SelectionSet, path), true
		case "quantities":
			return x.quantities(l.item, f, path), true
		}
	case "InventoryQuantity":
		q := val.(quantity)
		switch f.Name {
		case "name":
			return q.name, true
		case "quantity":
			return q.n, true
		case "updatedAt":
			return q.at, true
		}
	case "InventorySetQuantitiesUserError":
		u := val.(userError)
		switch f.Name {
		case "field":
			if u.field == nil {
				return nil, true
			}
			return u.field, true
		case "message":
			return u.message, true
		case "code":
			return u.code, true
		}
	case "InventorySetQuantitiesPayload", "InventoryAdjustmentGroup", "InventoryChange":
		return x.setPayloadField(typ, val, f, path), true
	}
	return nil, false
}

func (x *executor) itemField(it *inventoryItem, f *ast.Field, path []any) any {
	switch f.Name {
	case "id":
		return gid("InventoryItem", it.id)
	case "sku":
		return str(it.variant.sku)
	case "tracked":
		return it.tracked
	case "requiresShipping":
		return true
	case "createdAt":
		return dateTime(it.createdAt)
	case "updatedAt":
		return dateTime(it.updatedAt)
	case "legacyResourceId":
		return strconv.FormatInt(it.id, 10)
	case "variant":
		return x.object("ProductVariant", it.variant, f.SelectionSet, path)
	case "inventoryLevel":
		id, _ := x.arg(f, "locationId")
		if !it.stocked || fmt.Sprint(id) != x.sh.stock.location.gid() {
			return nil
		}
		return x.object("InventoryLevel", level{item: it}, f.SelectionSet, path)
	}
	return nil
}

func (x *executor) variantField(v *variant, f *ast.Field, path []any) any {
	switch f.Name {
	case "id":
		return gid("ProductVariant", v.id)
	case "title":
		return v.title
	case "displayName":
		return v.product.title + " - " + v.title
	case "sku":
		return str(v.sku)
	case "price":
		return v.price
	case "inventoryQuantity":
		if !v.item.stocked {
			return 0
		}
		return v.item.available
	case "legacyResourceId":
		return strconv.FormatInt(v.id, 10)
	case "product":
		return x.object("Product", v.product, f.SelectionSet, path)
	case "inventoryItem":
		return x.object("InventoryItem", v.item, f.SelectionSet, path)
	}
	return nil
}

// quantities answers InventoryLevel.quantities(names:): one entry per name
// asked, in the order asked.
func (x *executor) quantities(it *inventoryItem, f *ast.Field, path []any) any {
	v, _ := x.arg(f, "names")
	names, _ := v.([]any)
	out := make([]any, 0, len(names))
	for i, n := range names {
		name := fmt.Sprint(n)
		if !slices.Contains(quantityNames, name) {
			x.fail(f, path, "", "Invalid quantity name: '%s'. Valid names are %v.", name, quantityNames)
			return nil
		}
		q := quantity{name: name, at: dateTime(it.updatedAt)}
		if name == "available" || name == "on_hand" {
			q.n = it.available
		}
		out = append(out, x.object("InventoryQuantity", q, f.SelectionSet, append(slices.Clone(path), i)))
	}
	return out
}

// inventoryItems answers QueryRoot.inventoryItems: the items matching
// query in id order (reversed with reverse: true), windowed by
// after/before and first/last.
func (x *executor) inventoryItems(f *ast.Field, path []any) (*itemPage, bool) {
	size, hasFirst, hasLast, ok := x.pageArgs(f, path)
	if !ok {
		return nil, false
	}
	q := ""
	if v, ok := x.arg(f, "query"); ok {
		q = fmt.Sprint(v)
	}
	var list []*inventoryItem
	for _, it := range x.sh.stock.items {
		if matchItem(it, q) {
			list = append(list, it)
		}
	}
	if v, ok := x.arg(f, "reverse"); ok && v == true {
		slices.Reverse(list)
	}
	lo, hi, ok := pageWindow(x, f, path, list, func(it *inventoryItem) int64 { return it.id }, size, hasFirst, hasLast)
	if !ok {
		return nil, false
	}
	page := &itemPage{items: list[lo:hi], info: &connection{hasNext: hi < len(list), hasPrevious: lo > 0}}
	for _, it := range page.items {
		page.info.cursors = append(page.info.cursors, encodeCursor(it.id, strconv.FormatInt(it.id, 10)))
	}
	if n := len(page.info.cursors); n > 0 {
		page.info.startCursor, page.info.endCursor = page.info.cursors[0], page.info.cursors[n-1]
	}
	x.refund += (size - len(page.items)) * x.nodeCost[f]
	return page, true
}

func (x *executor) itemPageField(p *itemPage, f *ast.Field, path []any) any {
	switch f.Name {
	case "pageInfo":
		return x.object("PageInfo", p.info, f.SelectionSet, path)
	case "edges":
		out := make([]any, len(p.items))
		for i, it := range p.items {
			out[i] = x.object("InventoryItemEdge", itemEdge{cursor: p.info.cursors[i], item: it}, f.SelectionSet, append(slices.Clone(path), i))
		}
		return out
	case "nodes":
		out := make([]any, len(p.items))
		for i, it := range p.items {
			out[i] = x.object("InventoryItem", it, f.SelectionSet, append(slices.Clone(path), i))
		}
		return out
	}
	return nil
}

// nodes answers QueryRoot.nodes(ids:): each id's object, null for ids the
// shop does not have (or kinds the sandbox does not serve through nodes).
func (x *executor) nodes(f *ast.Field, path []any) any {
	v, _ := x.arg(f, "ids")
	ids, _ := v.([]any)
	if len(ids) > maxPageSize {
		x.fail(f, path, "", "The ids argument must contain at most %d ids.", maxPageSize)
		return nil
	}
	st := x.sh.stock
	out := make([]any, len(ids))
	for i, raw := range ids {
		id, ipath := fmt.Sprint(raw), append(slices.Clone(path), i)
		if it := st.item(id); it != nil {
			out[i] = x.object("InventoryItem", it, f.SelectionSet, ipath)
			continue
		}
		if id == st.location.gid() {
			out[i] = x.object("Location", st.location, f.SelectionSet, ipath)
			continue
		}
		if p := st.product(id); p != nil {
			out[i] = x.object("Product", p, f.SelectionSet, ipath)
		} else if v := st.variant(id); v != nil {
			out[i] = x.object("ProductVariant", v, f.SelectionSet, ipath)
		} else if c := x.findCustomer(id); c != nil {
			out[i] = x.object("Customer", c, f.SelectionSet, ipath)
		}
	}
	return out
}
