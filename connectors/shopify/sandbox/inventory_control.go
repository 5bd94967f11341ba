package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// The control API's inventory routes (see control.go for the others):
//
//	POST /_control/shops/{shop}/products        {"products": [ProductSeed…]} → {"products": [CreatedProduct…]}
//	GET  /_control/shops/{shop}/inventory       → Inventory
//	POST /_control/shops/{shop}/inventory/set   {"sku", "available"} → StockChange (a merchant's edit; inventory_levels/update sent)
//	POST /_control/shops/{shop}/orders          OrderSpec → OrderResult (stock decremented; orders/create, then inventory_levels/update sent)
//	POST /_control/shops/{shop}/orders/{id}/refund RefundSpec → RefundResult ({id}: the order's legacyId; refunds/create, then inventory_levels/update when restocked)
//	POST /_control/shops/{shop}/webhooks/flush  → 204 once the webhooks GraphQL mutations caused are delivered
//
// A request the shop's data refuses (an unknown SKU, a taken SKU, more
// refunded than ordered) answers 422 {"error": "..."}.

// ProductSeed is a product to create, with one variant and its inventory
// item. Title and SKU are required unless NoSKU; Tracked and Stocked
// default to true.
type ProductSeed struct {
	Title string `json:"title"`
	SKU   string `json:"sku"`
	// Available is the quantity at the shop's location.
	Available int `json:"available"`
	// VariantTitle is "Default Title" when empty.
	VariantTitle string `json:"variantTitle,omitempty"`
	// Price is a decimal ("45.00"); 10.00 when empty.
	Price   string `json:"price,omitempty"`
	Tracked *bool  `json:"tracked,omitempty"`
	Stocked *bool  `json:"stocked,omitempty"`
	// NoSKU makes a variant without a SKU (Shopify allows them).
	NoSKU bool `json:"noSku,omitempty"`
}

// CreatedProduct is what POST products made.
type CreatedProduct struct {
	ProductID       string `json:"productId"`
	VariantID       string `json:"variantId"`
	InventoryItemID string `json:"inventoryItemId"`
	LocationID      string `json:"locationId"`
	SKU             string `json:"sku"`
	Available       int    `json:"available"`
}

// StockLevel is one inventory item and its quantity at the location.
type StockLevel struct {
	SKU             string `json:"sku"`
	Title           string `json:"title"`
	ProductID       string `json:"productId"`
	VariantID       string `json:"variantId"`
	InventoryItemID string `json:"inventoryItemId"`
	LocationID      string `json:"locationId"`
	Tracked         bool   `json:"tracked"`
	Stocked         bool   `json:"stocked"`
	Available       int    `json:"available"`
}

// Location is a shop's stock location.
type Location struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Inventory is every item of a shop, in id order.
type Inventory struct {
	Location Location     `json:"location"`
	Items    []StockLevel `json:"items"`
}

// LineSeed is a SKU and a quantity, for orders and refunds.
type LineSeed struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// OrderSpec is an order to place.
type OrderSpec struct {
	LineItems []LineSeed `json:"line_items"`
	// Email is the customer's (optional); a shop customer with it is the
	// order's customer.
	Email string `json:"email,omitempty"`
}

// OrderResult is a placed order, the levels it changed and the webhooks
// sent (orders/create first).
type OrderResult struct {
	ID         string       `json:"id"`
	LegacyID   int64        `json:"legacyId"`
	Name       string       `json:"name"`
	Levels     []StockLevel `json:"levels"`
	Deliveries []Delivery   `json:"deliveries"`
}

// RefundSpec refunds lines of an order; Restock puts the units back.
type RefundSpec struct {
	LineItems []LineSeed `json:"line_items"`
	Restock   bool       `json:"restock"`
}

// RefundResult is a refund, the levels it changed and the webhooks sent
// (refunds/create first).
type RefundResult struct {
	ID         string       `json:"id"`
	LegacyID   int64        `json:"legacyId"`
	OrderID    string       `json:"orderId"`
	Levels     []StockLevel `json:"levels"`
	Deliveries []Delivery   `json:"deliveries"`
}

// StockChange is a merchant's edit and the webhooks it sent.
type StockChange struct {
	Level      StockLevel `json:"level"`
	Deliveries []Delivery `json:"deliveries"`
}

// UnprocessableError is a control request the shop's data refuses (422).
type UnprocessableError struct{ Message string }

func (e *UnprocessableError) Error() string { return "sandbox: " + e.Message }

func unprocessable(format string, args ...any) error {
	return &UnprocessableError{Message: fmt.Sprintf(format, args...)}
}

func publicLevel(st *stock, it *inventoryItem) StockLevel {
	v := it.variant
	return StockLevel{SKU: v.sku, Title: v.lineName(), ProductID: gid("Product", v.product.id), VariantID: gid("ProductVariant", v.id),
		InventoryItemID: gid("InventoryItem", it.id), LocationID: st.location.gid(), Tracked: it.tracked, Stocked: it.stocked, Available: it.available}
}

// CreateProducts adds products to the shop, each with one variant and its
// inventory item stocked at the shop's location. SKUs must be new to the
// shop; nothing is created when one is not.
func (s *Sandbox) CreateProducts(domain string, seeds []ProductSeed) ([]CreatedProduct, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		return nil, ErrNoShop
	}
	st := sh.stock
	var skus []string
	for i, p := range seeds {
		switch {
		case strings.TrimSpace(p.Title) == "":
			return nil, unprocessable("products[%d]: a title is required", i)
		case p.NoSKU:
		case strings.TrimSpace(p.SKU) == "":
			return nil, unprocessable("products[%d]: a sku is required (or noSku: true)", i)
		case st.bySKU(p.SKU) != nil || slices.Contains(skus, p.SKU):
			return nil, unprocessable("products[%d]: the sku %q is taken", i, p.SKU)
		}
		if p.Price != "" && !isAmount(p.Price) {
			return nil, unprocessable("products[%d]: price %q is not a decimal amount", i, p.Price)
		}
		skus = append(skus, p.SKU)
	}
	now := s.now().UTC()
	out := make([]CreatedProduct, 0, len(seeds))
	for _, p := range seeds {
		sku := p.SKU
		if p.NoSKU {
			sku = ""
		}
		pr := st.addProduct(now, p.Title, p.VariantTitle, sku, p.Price, p.Available, p.Tracked == nil || *p.Tracked, p.Stocked == nil || *p.Stocked)
		out = append(out, CreatedProduct{ProductID: gid("Product", pr.id), VariantID: gid("ProductVariant", pr.variant.id),
			InventoryItemID: gid("InventoryItem", pr.variant.item.id), LocationID: st.location.gid(), SKU: sku, Available: p.Available})
	}
	return out, nil
}

// isAmount reports whether s is a decimal amount such as 45 or 45.00.
func isAmount(s string) bool {
	whole, frac, _ := strings.Cut(s, ".")
	_, err := strconv.ParseUint(whole, 10, 32)
	return err == nil && len(frac) <= 2 && strings.Trim(frac, "0123456789") == ""
}

// Inventory lists the shop's inventory items and their quantities.
func (s *Sandbox) Inventory(domain string) (Inventory, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		return Inventory{}, ErrNoShop
	}
	st := sh.stock
	inv := Inventory{Location: Location{ID: st.location.gid(), Name: st.location.name}, Items: make([]StockLevel, 0, len(st.items))}
	for _, it := range st.items {
		inv.Items = append(inv.Items, publicLevel(st, it))
	}
	return inv, nil
}

// SetAvailable is a merchant editing a SKU's available quantity in the
// admin: the quantity changes and inventory_levels/update goes out.
func (s *Sandbox) SetAvailable(ctx context.Context, domain, sku string, available int) (StockChange, error) {
	s.mu.Lock()
	sh := s.getShop(domain)
	if sh == nil {
		s.mu.Unlock()
		return StockChange{}, ErrNoShop
	}
	it := sh.stock.bySKU(sku)
	if it == nil || !it.stocked {
		s.mu.Unlock()
		return StockChange{}, unprocessable("no product stocked at the location has the sku %q", sku)
	}
	if available > maxQuantity || available < -maxQuantity {
		s.mu.Unlock()
		return StockChange{}, unprocessable("available %d is out of range ±1,000,000,000", available)
	}
	it.available, it.updatedAt = available, s.now()
	ev, err := s.eventLocked(sh, "INVENTORY_LEVELS_UPDATE", s.levelPayloadLocked(sh, it))
	if err != nil {
		s.mu.Unlock()
		return StockChange{}, err
	}
	b, ok := sh.batchLocked([]pending{ev})
	out := StockChange{Level: publicLevel(sh.stock, it)}
	s.mu.Unlock()
	out.Deliveries = s.sendBatch(ctx, sh, b, ok)
	return out, nil
}

// CreateOrder places an order as a customer would: each line's SKU loses
// the quantity ordered at the location (below zero if need be, as a shop
// that keeps selling when out of stock), then orders/create and one
// inventory_levels/update per changed item go out, in that order.
func (s *Sandbox) CreateOrder(ctx context.Context, domain string, spec OrderSpec) (OrderResult, error) {
	if len(spec.LineItems) == 0 {
		return OrderResult{}, unprocessable("an order needs line_items")
	}
	s.mu.Lock()
	sh := s.getShop(domain)
	if sh == nil {
		s.mu.Unlock()
		return OrderResult{}, ErrNoShop
	}
	st, now := sh.stock, s.now().UTC()
	o := &order{email: strings.TrimSpace(spec.Email), token: randomToken(""), createdAt: now}
	for i, li := range spec.LineItems {
		it := st.bySKU(li.SKU)
		switch {
		case it == nil:
			s.mu.Unlock()
			return OrderResult{}, unprocessable("line_items[%d]: no product has the sku %q", i, li.SKU)
		case li.Quantity < 1:
			s.mu.Unlock()
			return OrderResult{}, unprocessable("line_items[%d]: quantity must be at least 1", i)
		}
		o.lines = append(o.lines, &orderLine{item: it, quantity: li.Quantity, price: it.variant.price})
	}
	st.nextOrderID++
	st.orderNumber++
	o.id, o.number = st.nextOrderID, st.orderNumber
	for _, l := range o.lines {
		st.nextLineID++
		l.id = st.nextLineID
	}
	st.orders = append(st.orders, o)
	var changed []*inventoryItem
	for _, l := range o.lines {
		if !l.item.tracked || !l.item.stocked {
			continue
		}
		l.item.available -= l.quantity
		l.item.updatedAt = now
		if !slices.Contains(changed, l.item) {
			changed = append(changed, l.item)
		}
	}
	res := OrderResult{ID: gid("Order", o.id), LegacyID: o.id, Name: o.name()}
	events, err := s.stockEventsLocked(sh, "ORDERS_CREATE", s.orderPayloadLocked(sh, o), changed)
	if err != nil {
		s.mu.Unlock()
		return OrderResult{}, err
	}
	for _, it := range changed {
		res.Levels = append(res.Levels, publicLevel(st, it))
	}
	b, ok := sh.batchLocked(events)
	s.mu.Unlock()
	res.Deliveries = s.sendBatch(ctx, sh, b, ok)
	return res, nil
}

// stockEventsLocked is a resource's event (topic in enum form) followed by
// an inventory_levels/update per changed item; the caller holds s.mu.
func (s *Sandbox) stockEventsLocked(sh *shop, enum string, payload any, changed []*inventoryItem) ([]pending, error) {
	first, err := s.eventLocked(sh, enum, payload)
	if err != nil {
		return nil, err
	}
	events := []pending{first}
	for _, it := range changed {
		ev, err := s.eventLocked(sh, "INVENTORY_LEVELS_UPDATE", s.levelPayloadLocked(sh, it))
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	return events, nil
}

// RefundOrder refunds quantities of an order's lines (orderID is the
// order's gid or number id); with Restock the units go back to the
// location. refunds/create goes out, then inventory_levels/update per
// restocked item.
func (s *Sandbox) RefundOrder(ctx context.Context, domain, orderID string, spec RefundSpec) (RefundResult, error) {
	if len(spec.LineItems) == 0 {
		return RefundResult{}, unprocessable("a refund needs line_items")
	}
	id, err := strconv.ParseInt(orderID, 10, 64)
	if err != nil {
		id, _ = gidNumber(orderID, "Order")
	}
	s.mu.Lock()
	sh := s.getShop(domain)
	if sh == nil {
		s.mu.Unlock()
		return RefundResult{}, ErrNoShop
	}
	st, now := sh.stock, s.now().UTC()
	i := slices.IndexFunc(st.orders, func(o *order) bool { return o.id == id })
	if i < 0 {
		s.mu.Unlock()
		return RefundResult{}, fmt.Errorf("sandbox: no order %s: %w", orderID, errNoOrder)
	}
	o := st.orders[i]
	var lines []refundLine
	want := map[*orderLine]int{}
	for j, li := range spec.LineItems {
		k := slices.IndexFunc(o.lines, func(l *orderLine) bool { return l.item.variant.sku == li.SKU && li.SKU != "" })
		switch {
		case k < 0:
			s.mu.Unlock()
			return RefundResult{}, unprocessable("line_items[%d]: order %s has no line with the sku %q", j, o.name(), li.SKU)
		case li.Quantity < 1:
			s.mu.Unlock()
			return RefundResult{}, unprocessable("line_items[%d]: quantity must be at least 1", j)
		}
		l := o.lines[k]
		want[l] += li.Quantity
		if want[l] > l.quantity-l.refunded {
			s.mu.Unlock()
			return RefundResult{}, unprocessable("line_items[%d]: only %d of %q can still be refunded", j, l.quantity-l.refunded, li.SKU)
		}
		lines = append(lines, refundLine{line: l, quantity: li.Quantity})
	}
	var changed []*inventoryItem
	for _, rl := range lines {
		rl.line.refunded += rl.quantity
		if it := rl.line.item; spec.Restock && it.tracked && it.stocked {
			it.available += rl.quantity
			it.updatedAt = now
			if !slices.Contains(changed, it) {
				changed = append(changed, it)
			}
		}
	}
	st.nextRefundID++
	st.nextTxID++
	res := RefundResult{ID: gid("Refund", st.nextRefundID), LegacyID: st.nextRefundID, OrderID: gid("Order", o.id)}
	payload := s.refundPayloadLocked(sh, o, st.nextRefundID, st.nextTxID, lines, spec.Restock, now)
	events, err := s.stockEventsLocked(sh, "REFUNDS_CREATE", payload, changed)
	if err != nil {
		s.mu.Unlock()
		return RefundResult{}, err
	}
	for _, it := range changed {
		res.Levels = append(res.Levels, publicLevel(st, it))
	}
	b, ok := sh.batchLocked(events)
	s.mu.Unlock()
	res.Deliveries = s.sendBatch(ctx, sh, b, ok)
	return res, nil
}

// errNoOrder is an order the shop does not have (404).
var errNoOrder = errors.New("sandbox: no such order")

// serveStockControl answers the inventory routes; false for other routes.
func (s *Sandbox) serveStockControl(w http.ResponseWriter, r *http.Request, domain, route string, ctl sandboxkit.Control) bool {
	ctl.NotFound = append(ctl.NotFound, errNoOrder)
	reply := func(status int, v any, err error) {
		var ue *UnprocessableError
		if errors.As(err, &ue) {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": ue.Message})
			return
		}
		ctl.Reply(w, status, v, err)
	}
	switch route {
	case "POST /products":
		var body struct {
			Products []ProductSeed `json:"products"`
		}
		if !ctl.Read(w, r, &body) {
			return true
		}
		out, err := s.CreateProducts(domain, body.Products)
		reply(http.StatusCreated, map[string]any{"products": out}, err)
	case "GET /inventory":
		inv, err := s.Inventory(domain)
		reply(http.StatusOK, inv, err)
	case "POST /inventory/set":
		var body struct {
			SKU       string `json:"sku"`
			Available *int   `json:"available"`
		}
		if !ctl.Read(w, r, &body) {
			return true
		}
		if body.Available == nil {
			reply(0, nil, unprocessable("available is required"))
			return true
		}
		out, err := s.SetAvailable(r.Context(), domain, body.SKU, *body.Available)
		reply(http.StatusOK, out, err)
	case "POST /orders":
		var spec OrderSpec
		if !ctl.Read(w, r, &spec) {
			return true
		}
		out, err := s.CreateOrder(r.Context(), domain, spec)
		reply(http.StatusCreated, out, err)
	case "POST /webhooks/flush":
		if _, err := s.Shop(domain); err != nil {
			reply(0, nil, err)
			return true
		}
		s.FlushWebhooks()
		w.WriteHeader(http.StatusNoContent)
	default:
		rest, ok := strings.CutPrefix(route, "POST /orders/")
		orderID, ok2 := strings.CutSuffix(rest, "/refund")
		if !ok || !ok2 || orderID == "" || strings.Contains(orderID, "/") {
			return false
		}
		var spec RefundSpec
		if !ctl.Read(w, r, &spec) {
			return true
		}
		out, err := s.RefundOrder(r.Context(), domain, orderID, spec)
		reply(http.StatusCreated, out, err)
	}
	return true
}
