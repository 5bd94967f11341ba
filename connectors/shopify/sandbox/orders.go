package sandbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Orders and refunds made through the control API, and the webhook bodies
// they send: orders/create and refunds/create in the REST resource shape
// of 2026-04 (the fields a client reads; see the fixtures in
// ../shared/fixtures/providers), and inventory_levels/update.

// order is an order placed through the control API.
type order struct {
	id        int64
	number    int
	email     string
	token     string
	createdAt time.Time
	lines     []*orderLine
}

// orderLine is one line of an order.
type orderLine struct {
	id       int64
	item     *inventoryItem
	quantity int
	price    string // one unit, decimal
	refunded int
}

func (o *order) name() string { return "#" + strconv.Itoa(o.number) }

// shopTime writes t in the shop's time zone with its offset, as Shopify's
// REST payloads do ("2025-11-03T04:00:00-05:00").
func shopTime(sh *shop, t time.Time) string {
	loc, err := time.LoadLocation(sh.timezone)
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Truncate(time.Second).Format(time.RFC3339)
}

// cents reads a decimal amount ("45.00") in minor units.
func cents(amount string) int64 {
	whole, frac, _ := strings.Cut(amount, ".")
	frac = (frac + "00")[:2]
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	return w*100 + f
}

// decimal writes minor units as a decimal amount.
func decimal(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// moneySet is Shopify's shop_money/presentment_money pair.
func moneySet(sh *shop, amount string) map[string]any {
	m := map[string]any{"amount": amount, "currency_code": sh.currency}
	return map[string]any{"shop_money": m, "presentment_money": m}
}

// levelPayloadLocked is an inventory_levels/update body; the caller holds
// s.mu.
func (s *Sandbox) levelPayloadLocked(sh *shop, it *inventoryItem) map[string]any {
	return map[string]any{
		"inventory_item_id": it.id, "location_id": sh.stock.location.id, "available": it.available,
		"updated_at": shopTime(sh, it.updatedAt), "admin_graphql_api_id": sh.stock.levelGID(it),
	}
}

// linePayload is an order line as orders/create and refunds/create show it.
func linePayload(sh *shop, l *orderLine) map[string]any {
	v := l.item.variant
	variantTitle := any(v.title)
	if v.title == defaultVariantTitle {
		variantTitle = nil
	}
	return map[string]any{
		"id": l.id, "admin_graphql_api_id": gid("LineItem", l.id), "variant_id": v.id, "product_id": v.product.id,
		"title": v.product.title, "variant_title": variantTitle, "name": v.lineName(), "sku": str(v.sku),
		"quantity": l.quantity, "current_quantity": l.quantity - l.refunded, "fulfillable_quantity": l.quantity - l.refunded,
		"price": l.price, "price_set": moneySet(sh, l.price), "total_discount": "0.00", "total_discount_set": moneySet(sh, "0.00"),
		"vendor": sh.name, "requires_shipping": true, "taxable": true, "gift_card": false, "grams": 0,
		"fulfillment_service": "manual", "fulfillment_status": nil, "product_exists": true,
		"variant_inventory_management": "shopify", "properties": []any{}, "tax_lines": []any{}, "discount_allocations": []any{},
	}
}

// orderPayloadLocked is an orders/create body; the caller holds s.mu.
func (s *Sandbox) orderPayloadLocked(sh *shop, o *order) map[string]any {
	var total int64
	lines := make([]any, len(o.lines))
	for i, l := range o.lines {
		total += cents(l.price) * int64(l.quantity)
		lines[i] = linePayload(sh, l)
	}
	at := shopTime(sh, o.createdAt)
	var email, cust any = nil, nil
	if o.email != "" {
		email = o.email
		for _, c := range sh.customers {
			if strings.EqualFold(c.email, o.email) {
				cust = map[string]any{"id": c.id, "admin_graphql_api_id": customerGID(c.id), "email": c.email,
					"first_name": str(c.firstName), "last_name": str(c.lastName), "phone": str(c.phone), "tags": strings.Join(c.tags, ", "),
					"created_at": shopTime(sh, c.createdAt), "updated_at": shopTime(sh, c.updatedAt)}
				break
			}
		}
	}
	sum := decimal(total)
	return map[string]any{
		"id": o.id, "admin_graphql_api_id": gid("Order", o.id), "name": o.name(), "order_number": o.number, "number": o.number - 1000,
		"email": email, "contact_email": email, "phone": nil, "token": o.token, "test": false, "confirmed": true,
		"created_at": at, "updated_at": at, "processed_at": at, "cancelled_at": nil, "cancel_reason": nil, "closed_at": nil,
		"currency": sh.currency, "presentment_currency": sh.currency, "financial_status": "paid", "fulfillment_status": nil,
		"total_price": sum, "subtotal_price": sum, "current_total_price": sum, "total_line_items_price": sum,
		"total_price_set": moneySet(sh, sum), "subtotal_price_set": moneySet(sh, sum),
		"total_tax": "0.00", "total_discounts": "0.00", "taxes_included": false, "tags": "", "note": nil,
		"source_name": "web", "order_status_url": "https://" + sh.domain + "/" + strconv.FormatInt(sh.id, 10) + "/orders/" + o.token + "/authenticate?key=sandbox",
		"line_items": lines, "customer": cust, "shipping_lines": []any{}, "discount_codes": []any{}, "refunds": []any{},
	}
}

// refundLine is one refunded line.
type refundLine struct {
	line     *orderLine
	quantity int
}

// refundPayloadLocked is a refunds/create body; the caller holds s.mu.
func (s *Sandbox) refundPayloadLocked(sh *shop, o *order, id, txID int64, lines []refundLine, restock bool, at time.Time) map[string]any {
	st := sh.stock
	var total int64
	items := make([]any, len(lines))
	for i, rl := range lines {
		sub := cents(rl.line.price) * int64(rl.quantity)
		total += sub
		restockType, loc := "no_restock", any(nil)
		if restock {
			restockType, loc = "return", st.location.id
		}
		st.nextLineID++
		items[i] = map[string]any{
			"id": st.nextLineID, "line_item_id": rl.line.id, "location_id": loc, "quantity": rl.quantity, "restock_type": restockType,
			"subtotal": float64(sub) / 100, "subtotal_set": moneySet(sh, decimal(sub)), "total_tax": 0.0, "total_tax_set": moneySet(sh, "0.00"),
			"line_item": linePayload(sh, rl.line),
		}
	}
	when := shopTime(sh, at)
	return map[string]any{
		"id": id, "admin_graphql_api_id": gid("Refund", id), "order_id": o.id, "created_at": when, "processed_at": when,
		"note": nil, "restock": restock, "user_id": nil, "duties": []any{}, "order_adjustments": []any{}, "return": nil,
		"refund_line_items": items,
		"transactions": []any{map[string]any{
			"id": txID, "admin_graphql_api_id": gid("OrderTransaction", txID), "order_id": o.id, "kind": "refund", "gateway": "manual",
			"status": "success", "amount": decimal(total), "currency": sh.currency, "created_at": when, "processed_at": when,
			"message": "Refunded " + decimal(total) + " from manual gateway", "test": false, "parent_id": nil,
		}},
	}
}
