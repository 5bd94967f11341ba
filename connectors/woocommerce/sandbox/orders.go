package sandbox

import (
	"fmt"
	"html"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// order is an order.
type order struct {
	id             int64
	key            string
	status         string
	currency       string
	customerID     int64
	billing        address
	shipping       address
	paymentMethod  string
	paymentTitle   string
	customerNote   string
	items          []lineItem
	shippingLines  []shippingLine
	stockReduced   bool
	created        time.Time
	modified       time.Time
	paid           time.Time
	completed      time.Time
	createdViaREST bool
}

type address struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
}

// json is the address as the REST API shows it; shipping addresses have
// no email.
func (a address) json(email bool) map[string]any {
	m := map[string]any{"first_name": a.FirstName, "last_name": a.LastName, "company": a.Company, "address_1": a.Address1,
		"address_2": a.Address2, "city": a.City, "state": a.State, "postcode": a.Postcode, "country": a.Country, "phone": a.Phone}
	if email {
		m["email"] = a.Email
	}
	return m
}

type lineItem struct {
	id        int64
	productID int64
	name      string
	sku       string
	quantity  int64
	price     int64 // unit price, minor units
	total     int64
}

type shippingLine struct {
	id            int64
	methodID      string
	methodTitle   string
	total         int64
	instanceIDStr string
}

func (o *order) total() int64 {
	var t int64
	for _, li := range o.items {
		t += li.total
	}
	for _, sl := range o.shippingLines {
		t += sl.total
	}
	return t
}

// reducesStock tells whether an order in the status holds stock
// (wc_maybe_reduce_stock_levels runs on these).
func reducesStock(status string) bool {
	return status == "processing" || status == "completed" || status == "on-hold"
}

// paidStatus tells whether the status counts as paid (wc_get_is_paid_statuses).
func paidStatus(status string) bool { return status == "processing" || status == "completed" }

var orderStatuses = []string{"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft"}

// orderJSON is an order as the REST API shows it.
func (st *store) orderJSON(o *order) map[string]any {
	items := make([]any, 0, len(o.items))
	for _, li := range o.items {
		items = append(items, map[string]any{
			"id": li.id, "name": li.name, "product_id": li.productID, "variation_id": 0, "quantity": li.quantity, "tax_class": "",
			"subtotal": formatAmount(li.total, st.currency), "subtotal_tax": formatAmount(0, st.currency),
			"total": formatAmount(li.total, st.currency), "total_tax": formatAmount(0, st.currency), "taxes": []any{}, "meta_data": []any{},
			"sku": li.sku, "global_unique_id": "", "price": amountFloat(li.price, st.currency), "image": map[string]any{"id": "", "src": ""}, "parent_name": nil,
		})
	}
	var shippingTotal int64
	ships := make([]any, 0, len(o.shippingLines))
	for _, sl := range o.shippingLines {
		shippingTotal += sl.total
		ships = append(ships, map[string]any{"id": sl.id, "method_title": sl.methodTitle, "method_id": sl.methodID, "instance_id": sl.instanceIDStr,
			"total": formatAmount(sl.total, st.currency), "total_tax": formatAmount(0, st.currency), "taxes": []any{}, "tax_status": "taxable", "meta_data": []any{}})
	}
	zero := formatAmount(0, st.currency)
	createdVia := "checkout"
	if o.createdViaREST {
		createdVia = "rest-api"
	}
	return map[string]any{
		"id": o.id, "parent_id": 0, "status": o.status, "currency": o.currency, "version": WooCommerceVersion, "prices_include_tax": false,
		"date_created": st.local(o.created), "date_modified": st.local(o.modified),
		"discount_total": zero, "discount_tax": zero, "shipping_total": formatAmount(shippingTotal, st.currency), "shipping_tax": zero,
		"cart_tax": zero, "total": formatAmount(o.total(), st.currency), "total_tax": zero,
		"customer_id": o.customerID, "order_key": o.key, "billing": o.billing.json(true), "shipping": o.shipping.json(false),
		"payment_method": o.paymentMethod, "payment_method_title": o.paymentTitle, "transaction_id": "",
		"customer_ip_address": "", "customer_user_agent": "", "created_via": createdVia, "customer_note": o.customerNote,
		"date_completed": nullable(st.local(o.completed), o.completed), "date_paid": nullable(st.local(o.paid), o.paid),
		"cart_hash": "", "number": strconv.FormatInt(o.id, 10), "meta_data": []any{},
		"line_items": items, "tax_lines": []any{}, "shipping_lines": ships, "fee_lines": []any{}, "coupon_lines": []any{}, "refunds": []any{},
		"payment_url":        st.url + "/checkout/order-pay/" + strconv.FormatInt(o.id, 10) + "/?pay_for_order=true&key=" + o.key,
		"is_editable":        o.status == "pending" || o.status == "on-hold" || o.status == "checkout-draft",
		"needs_payment":      o.status == "pending" || o.status == "failed",
		"needs_processing":   true,
		"date_created_gmt":   gmt(o.created),
		"date_modified_gmt":  gmt(o.modified),
		"date_completed_gmt": nullable(gmt(o.completed), o.completed),
		"date_paid_gmt":      nullable(gmt(o.paid), o.paid),
		"currency_symbol":    html.UnescapeString(currencySymbol(o.currency)),
		"_links":             links(st, "orders", o.id),
	}
}

// stockChange is a product's stock moving by delta (negative: sold).
type stockChange struct {
	p     *product
	delta int64
}

// stockChanges are the changes reducing (sign -1) or restoring (+1) the
// order's stock would make, or the out-of-stock refusal.
func (st *store) stockChanges(o *order, sign int64) ([]stockChange, *wpError) {
	byProduct := map[int64]int64{}
	var ids []int64
	for _, li := range o.items {
		p := st.products[li.productID]
		if p == nil || !p.manageStock {
			continue
		}
		if _, seen := byProduct[p.id]; !seen {
			ids = append(ids, p.id)
		}
		byProduct[p.id] += li.quantity
	}
	out := make([]stockChange, 0, len(ids))
	for _, id := range ids {
		p := st.products[id]
		qty := byProduct[id]
		if sign < 0 && p.backorders == "no" && p.stock-qty < 0 {
			left := max(p.stock, 0)
			return nil, &wpError{status: http.StatusBadRequest, code: "woocommerce_rest_product_out_of_stock",
				message: fmt.Sprintf("Not enough units of %s (%s) are in stock to fulfil this order: %d left, %d ordered.", p.name, skuOrID(p), left, qty),
				data:    map[string]any{"product_id": p.id, "sku": p.sku, "stock_quantity": p.stock, "requested": qty}}
		}
		out = append(out, stockChange{p: p, delta: sign * qty})
	}
	return out, nil
}

func skuOrID(p *product) string {
	if p.sku != "" {
		return p.sku
	}
	return "#" + strconv.FormatInt(p.id, 10)
}

// applyStock applies stock changes and returns the product.updated
// deliveries they cause (each product is saved).
func (st *store) applyStock(changes []stockChange, now time.Time) []pendingDelivery {
	var out []pendingDelivery
	for _, ch := range changes {
		ch.p.stock += ch.delta
		ch.p.totalSales -= ch.delta
		if ch.p.totalSales < 0 {
			ch.p.totalSales = 0
		}
		ch.p.modified = now
		out = append(out, st.prepareDeliveries("product.updated", ch.p.id, st.productJSON(ch.p), now)...)
	}
	return out
}

// OrderSpec is an order to place: as POST /orders takes it.
type OrderSpec struct {
	Status        string         `json:"status"`
	Currency      string         `json:"currency"`
	CustomerID    int64          `json:"customer_id"`
	Billing       map[string]any `json:"billing"`
	Shipping      map[string]any `json:"shipping"`
	LineItems     []LineSpec     `json:"line_items"`
	ShippingLines []ShippingSpec `json:"shipping_lines"`
	// SetPaid marks the order paid (processing) and reduces stock.
	SetPaid            bool   `json:"set_paid"`
	PaymentMethod      string `json:"payment_method"`
	PaymentMethodTitle string `json:"payment_method_title"`
	CustomerNote       string `json:"customer_note"`
}

// LineSpec is a line item to order: a product by id or SKU, and a quantity.
type LineSpec struct {
	ProductID   int64  `json:"product_id"`
	VariationID int64  `json:"variation_id"`
	SKU         string `json:"sku"`
	Quantity    int64  `json:"quantity"`
	// Total, when set, is the line's total (decimal text); else the
	// product's price times the quantity.
	Total string `json:"total"`
}

// ShippingSpec is a shipping line.
type ShippingSpec struct {
	MethodID    string `json:"method_id"`
	MethodTitle string `json:"method_title"`
	Total       string `json:"total"`
}

// placeOrder creates an order from a spec, with its stock reduction and
// webhooks (under s.mu). Nothing is saved when it fails.
func (st *store) placeOrder(spec OrderSpec, now time.Time, viaREST bool) (*order, []pendingDelivery, *wpError) {
	bad := func(code, msg string) (*order, []pendingDelivery, *wpError) {
		return nil, nil, &wpError{status: http.StatusBadRequest, code: code, message: msg}
	}
	status := spec.Status
	if status == "" {
		status = "pending"
	}
	if !contains(orderStatuses, status) {
		return nil, nil, &wpError{status: http.StatusBadRequest, code: "rest_invalid_param",
			params: map[string]string{"status": "status is not one of " + strings.Join(orderStatuses, ", ") + "."}}
	}
	if spec.SetPaid {
		status = "processing"
	}
	currency := strings.ToUpper(spec.Currency)
	if currency == "" {
		currency = st.currency
	}
	o := &order{status: status, currency: currency, customerID: spec.CustomerID, paymentMethod: spec.PaymentMethod,
		paymentTitle: spec.PaymentMethodTitle, customerNote: spec.CustomerNote, created: now, modified: now, createdViaREST: viaREST,
		key: "wc_order_" + sandboxkit.RandomHex("")[:13]}
	o.billing = addressOf(spec.Billing)
	o.shipping = addressOf(spec.Shipping)
	nextItem := st.nextItem
	for _, ls := range spec.LineItems {
		var p *product
		switch {
		case ls.SKU != "":
			p = st.skuOwner(ls.SKU)
		case ls.ProductID != 0 && ls.VariationID == 0:
			p = st.products[ls.ProductID]
		case ls.VariationID != 0:
			p = st.products[ls.VariationID]
		default:
			return bad("woocommerce_rest_required_product_reference", "Product ID or SKU is required.")
		}
		if p == nil || p.status == "trash" {
			return bad("woocommerce_rest_invalid_product_id", "Invalid product ID.")
		}
		if ls.Quantity <= 0 {
			return bad("woocommerce_rest_invalid_product_quantity", "Product quantity must be a positive float.")
		}
		price, _ := p.price()
		total := price * ls.Quantity
		if ls.Total != "" {
			n, err := parseAmount(ls.Total, currency)
			if err != nil {
				return bad("rest_invalid_param", "Invalid parameter(s): line_items")
			}
			total = n
		}
		nextItem++
		o.items = append(o.items, lineItem{id: nextItem, productID: p.id, name: p.name, sku: p.sku, quantity: ls.Quantity, price: price, total: total})
	}
	for _, ss := range spec.ShippingLines {
		n, err := parseAmount(ss.Total, currency)
		if err != nil {
			return bad("rest_invalid_param", "Invalid parameter(s): shipping_lines")
		}
		nextItem++
		o.shippingLines = append(o.shippingLines, shippingLine{id: nextItem, methodID: ss.MethodID, methodTitle: ss.MethodTitle, total: n})
	}
	var changes []stockChange
	if reducesStock(status) {
		var err *wpError
		if changes, err = st.stockChanges(o, -1); err != nil {
			return nil, nil, err
		}
		o.stockReduced = true
	}
	if paidStatus(status) {
		o.paid = now
	}
	if status == "completed" {
		o.completed = now
	}
	st.nextItem = nextItem
	st.nextPost++
	o.id = st.nextPost
	st.orders[o.id] = o
	st.counters.OrdersCreated++
	// Delivered in the order WooCommerce queues them: the new order, the
	// stock its payment took, then the save set_paid made.
	pending := st.prepareDeliveries("order.created", o.id, st.orderJSON(o), now)
	pending = append(pending, st.applyStock(changes, now)...)
	if spec.SetPaid {
		pending = append(pending, st.prepareDeliveries("order.updated", o.id, st.orderJSON(o), now)...)
	}
	return o, pending, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func addressOf(m map[string]any) address {
	get := func(k string) string {
		s, _ := paramString(m[k], true)
		return s
	}
	return address{FirstName: get("first_name"), LastName: get("last_name"), Company: get("company"), Address1: get("address_1"),
		Address2: get("address_2"), City: get("city"), State: get("state"), Postcode: get("postcode"), Country: get("country"),
		Email: get("email"), Phone: get("phone")}
}

// orderSpecOf reads POST /orders parameters.
func orderSpecOf(params map[string]any) (OrderSpec, *wpError) {
	var spec OrderSpec
	problems := map[string]string{}
	str := func(name string) string {
		s, ok := paramString(params[name], true)
		if !ok {
			problems[name] = name + " is not of type string."
		}
		return s
	}
	spec.Status, spec.Currency = str("status"), str("currency")
	spec.PaymentMethod, spec.PaymentMethodTitle, spec.CustomerNote = str("payment_method"), str("payment_method_title"), str("customer_note")
	if v, ok := params["customer_id"]; ok {
		n, ok := paramInt(v, false)
		if !ok {
			problems["customer_id"] = "customer_id is not of type integer."
		}
		spec.CustomerID = n
	}
	if v, ok := params["set_paid"]; ok {
		b, ok := paramBool(v)
		if !ok {
			problems["set_paid"] = "set_paid is not of type boolean."
		}
		spec.SetPaid = b
	}
	spec.Billing, _ = params["billing"].(map[string]any)
	spec.Shipping, _ = params["shipping"].(map[string]any)
	if v, ok := params["line_items"]; ok {
		items, ok := v.([]any)
		if !ok {
			problems["line_items"] = "line_items is not of type array."
		}
		for _, it := range items {
			m, _ := it.(map[string]any)
			var ls LineSpec
			ls.ProductID, _ = paramInt(m["product_id"], true)
			ls.VariationID, _ = paramInt(m["variation_id"], true)
			ls.SKU, _ = paramString(m["sku"], true)
			ls.Quantity, _ = paramInt(m["quantity"], true)
			if _, has := m["quantity"]; !has {
				ls.Quantity = 1
			}
			ls.Total, _ = paramString(m["total"], true)
			spec.LineItems = append(spec.LineItems, ls)
		}
	}
	if v, ok := params["shipping_lines"]; ok {
		lines, _ := v.([]any)
		for _, it := range lines {
			m, _ := it.(map[string]any)
			var ss ShippingSpec
			ss.MethodID, _ = paramString(m["method_id"], true)
			ss.MethodTitle, _ = paramString(m["method_title"], true)
			ss.Total, _ = paramString(m["total"], true)
			spec.ShippingLines = append(spec.ShippingLines, ss)
		}
	}
	if len(problems) > 0 {
		return spec, &wpError{status: http.StatusBadRequest, code: "rest_invalid_param", params: problems}
	}
	return spec, nil
}

func (c *call) createOrder() {
	if !c.permit("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.") {
		return
	}
	spec, err := orderSpecOf(c.params)
	if err != nil {
		c.fail(err)
		return
	}
	o, pending, err := c.st.placeOrder(spec, c.now, true)
	if err != nil {
		c.fail(err)
		return
	}
	c.pending = append(c.pending, pending...)
	c.w.Header().Set("Location", c.base+"/wp-json/wc/v3/orders/"+strconv.FormatInt(o.id, 10))
	c.json(http.StatusCreated, c.st.orderJSON(o))
}

func (c *call) getOrder(id int64) {
	if !c.permit("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.") {
		return
	}
	o := c.st.orders[id]
	if o == nil {
		c.error(http.StatusNotFound, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.", nil)
		return
	}
	c.json(http.StatusOK, c.st.orderJSON(o))
}

func (c *call) listOrders() {
	if !c.permit("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.") {
		return
	}
	page, perPage, offset, ok := c.page()
	if !ok {
		return
	}
	q := c.r.URL.Query()
	status := q.Get("status")
	var matched []*order
	for _, o := range c.st.orders {
		if status != "" && status != "any" && o.status != status {
			continue
		}
		matched = append(matched, o)
	}
	asc := q.Get("order") == "asc"
	sort.Slice(matched, func(i, j int) bool {
		a, b := matched[i], matched[j]
		if asc {
			return a.id < b.id
		}
		return a.id > b.id
	})
	items := make([]any, len(matched))
	for i, o := range matched {
		items[i] = c.st.orderJSON(o)
	}
	c.paginate("orders", items, page, perPage, offset)
}

func (c *call) updateOrder(id int64) {
	if !c.permit("woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.") {
		return
	}
	o := c.st.orders[id]
	if o == nil {
		c.error(http.StatusBadRequest, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.", nil)
		return
	}
	status := o.status
	if v, ok := c.params["status"]; ok {
		s, _ := paramString(v, true)
		if !contains(orderStatuses, s) {
			c.invalidParams(map[string]string{"status": "status is not one of " + strings.Join(orderStatuses, ", ") + "."})
			return
		}
		status = s
	}
	if v, ok := c.params["set_paid"]; ok {
		if b, _ := paramBool(v); b {
			status = "processing"
		}
	}
	pending, err := c.st.transition(o, status, c.now)
	if err != nil {
		c.fail(err)
		return
	}
	if note, ok := c.params["customer_note"].(string); ok {
		o.customerNote = note
	}
	o.modified = c.now
	c.pending = append(c.pending, c.st.prepareDeliveries("order.updated", o.id, c.st.orderJSON(o), c.now)...)
	c.pending = append(c.pending, pending...)
	c.json(http.StatusOK, c.st.orderJSON(o))
}

// transition moves an order to a status with WooCommerce's side effects:
// stock reduced on entering processing, completed or on-hold (once), and
// restored on cancelled or pending; date_paid and date_completed set. It
// returns the product.updated deliveries stock changes cause.
func (st *store) transition(o *order, status string, now time.Time) ([]pendingDelivery, *wpError) {
	var changes []stockChange
	switch {
	case reducesStock(status) && !o.stockReduced:
		var err *wpError
		if changes, err = st.stockChanges(o, -1); err != nil {
			return nil, err
		}
		o.stockReduced = true
	case (status == "cancelled" || status == "pending") && o.stockReduced:
		changes, _ = st.stockChanges(o, 1)
		o.stockReduced = false
	}
	o.status = status
	if paidStatus(status) && o.paid.IsZero() {
		o.paid = now
	}
	if status == "completed" && o.completed.IsZero() {
		o.completed = now
	}
	return st.applyStock(changes, now), nil
}
