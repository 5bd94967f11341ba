package woocommerce

import (
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// sameSave is how close two of an order's dates must be to come from the
// same save: WooCommerce stamps date_paid and date_modified (or
// date_created) in one request, a second or two apart at most.
const sameSave = 10 * time.Second

// Normalize implements connectors.EventNormalizer.
//
//   - order.created emits order.created (with its line items' SKUs and
//     quantities), and order.paid as well when the order was paid as it
//     was placed (date_paid within seconds of date_created: a REST order
//     with set_paid, a checkout whose gateway answered at once).
//   - order.updated emits order.paid when this update is the one that
//     recorded a later payment: the order is processing or completed, its
//     date_paid is more than a few seconds after date_created (else
//     order.created reported it) and within a few seconds of date_modified.
//     WooCommerce sends order.updated for every save and says nothing of
//     what changed, so the dates are what tells the paying save apart; an
//     order saved again within seconds of being paid may report order.paid
//     twice, and one whose payment save was overtaken before delivery (the
//     payload is built when the delivery runs) none.
//   - product.updated of a product that manages stock and has a SKU emits
//     inventory.changed with its stock quantity now. WooCommerce's payload
//     does not say whether the stock changed, so every save of such a
//     product reports its level: read inventory.changed as "the level is
//     now N". Its Ref is the level's StockRef as ReadStock names it (see
//     webhookStockRef).
//
// Other topics emit nothing.
func (Connector) Normalize(topic string, body []byte) ([]connectors.Normalized, error) {
	switch topic {
	case "order.created", "order.updated":
		o, err := ParseOrder(body)
		if err != nil {
			return nil, fmt.Errorf("woocommerce: normalize %s: %w", topic, err)
		}
		return normalizeOrder(topic, o)
	case "product.updated":
		p, err := ParseProduct(body)
		if err != nil {
			return nil, fmt.Errorf("woocommerce: normalize %s: %w", topic, err)
		}
		return normalizeProduct(p, body), nil
	}
	return nil, nil
}

func normalizeOrder(topic string, o Order) ([]connectors.Normalized, error) {
	paidAtCreation := o.Paid() && o.DatePaidGMT.Sub(o.DateCreatedGMT.Time) <= sameSave
	var types []string
	switch {
	case topic == "order.created":
		types = append(types, "order.created")
		if paidAtCreation {
			types = append(types, "order.paid")
		}
	case o.Paid() && !paidAtCreation && absDuration(o.DateModifiedGMT.Sub(o.DatePaidGMT.Time)) <= sameSave:
		types = append(types, "order.paid")
	}
	if len(types) == 0 {
		return nil, nil
	}
	f, err := orderFacts(o)
	if err != nil {
		return nil, fmt.Errorf("woocommerce: normalize %s: %w", topic, err)
	}
	var cust *connectors.CustomerFacts
	if o.Billing.Email != "" || o.CustomerID > 0 {
		cust = &connectors.CustomerFacts{Email: o.Billing.Email, Phone: o.Billing.Phone, FirstName: o.Billing.FirstName, LastName: o.Billing.LastName}
		if o.CustomerID > 0 {
			cust.ExternalID = strconv.FormatInt(o.CustomerID, 10)
		}
	}
	updated := firstSet(o.DateModifiedGMT.Time, o.DateCreatedGMT.Time)
	out := make([]connectors.Normalized, 0, len(types))
	for _, typ := range types {
		at := o.DateCreatedGMT.Time
		if typ == "order.paid" {
			at = o.DatePaidGMT.Time
		}
		out = append(out, connectors.Normalized{Type: typ, ResourceID: f.ExternalID, OccurredAt: at, UpdatedAt: updated, Order: f, Customer: cust})
	}
	return out, nil
}

// orderFacts is what an order says, amounts in minor units.
func orderFacts(o Order) (*connectors.OrderFacts, error) {
	total, err := o.Total.MinorUnits(o.Currency)
	if err != nil {
		return nil, err
	}
	items := make([]connectors.LineItemFacts, 0, len(o.LineItems))
	for i, li := range o.LineItems {
		price, err := li.Price.MinorUnits(o.Currency)
		if err != nil {
			return nil, fmt.Errorf("line item %d: %w", i, err)
		}
		items = append(items, connectors.LineItemFacts{Title: html.UnescapeString(li.Name), SKU: li.SKU, Quantity: li.Quantity, PriceCents: price})
	}
	status := "pending"
	switch {
	case o.Status == "refunded":
		status = "refunded"
	case !o.DatePaidGMT.IsZero():
		status = "paid"
	}
	return &connectors.OrderFacts{
		ExternalID: strconv.FormatInt(o.ID, 10), Number: o.Number, Email: o.Billing.Email, Phone: o.Billing.Phone,
		TotalCents: total, Currency: o.Currency, FinancialStatus: status, Cancelled: o.Status == "cancelled",
		Tags: []string{}, Items: items, PlacedAt: o.DateCreatedGMT.Time,
	}, nil
}

func normalizeProduct(p Product, body []byte) []connectors.Normalized {
	if !bool(p.ManageStock) || p.StockQuantity.V == nil || p.SKU == "" {
		return nil
	}
	id := strconv.FormatInt(p.ID, 10)
	return []connectors.Normalized{{
		Type: "inventory.changed", ResourceID: id, OccurredAt: firstSet(p.DateModifiedGMT.Time, p.DateCreatedGMT.Time),
		UpdatedAt: p.DateModifiedGMT.Time, Inventory: &connectors.InventoryFacts{Ref: webhookStockRef(p, body), InventoryItemID: id, SKU: p.SKU,
			Available: wholeStock(*p.StockQuantity.V)},
	}}
}

// webhookStockRef names the level a product.updated payload reports, as
// ReadStock names it: the product's id; for a variation whose stock its
// parent manages (manage_stock "parent", stock_quantity the parent's), the
// parent's id; none for a variation that manages its own stock, which the
// connector keeps no level of (the hub then goes by the SKU).
func webhookStockRef(p Product, body []byte) connectors.StockRef {
	if p.Type != "variation" {
		return productRef(p.ID)
	}
	var probe struct {
		ManageStock any `json:"manage_stock"`
	}
	if json.Unmarshal(body, &probe) == nil && probe.ManageStock == "parent" && p.ParentID > 0 {
		return productRef(p.ParentID)
	}
	return connectors.StockRef{}
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func firstSet(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
