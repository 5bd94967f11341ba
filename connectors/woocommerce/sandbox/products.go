package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// product is a simple product.
type product struct {
	id          int64
	name, slug  string
	sku         string
	status      string // publish, draft, pending, private
	regular     int64  // minor units
	hasRegular  bool
	sale        int64
	hasSale     bool
	manageStock bool
	stock       int64
	stockStatus string // for products that do not manage stock
	backorders  string // no, notify, yes
	totalSales  int64
	created     time.Time
	modified    time.Time
}

// price is what the product sells for now (minor units), and whether it has
// one.
func (p *product) price() (int64, bool) {
	if p.hasSale {
		return p.sale, true
	}
	return p.regular, p.hasRegular
}

// currentStockStatus follows the quantity for products that manage stock,
// as wc_update_product_stock_status does.
func (p *product) currentStockStatus() string {
	if !p.manageStock {
		return p.stockStatus
	}
	switch {
	case p.stock > 0:
		return "instock"
	case p.backorders != "no":
		return "onbackorder"
	}
	return "outofstock"
}

type term struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

type dimensions struct {
	Length string `json:"length"`
	Width  string `json:"width"`
	Height string `json:"height"`
}

// productJSON is a product as the REST API (context edit) shows it.
type productJSON struct {
	ID                int64          `json:"id"`
	Name              string         `json:"name"`
	Slug              string         `json:"slug"`
	Permalink         string         `json:"permalink"`
	DateCreated       string         `json:"date_created"`
	DateCreatedGMT    string         `json:"date_created_gmt"`
	DateModified      string         `json:"date_modified"`
	DateModifiedGMT   string         `json:"date_modified_gmt"`
	Type              string         `json:"type"`
	Status            string         `json:"status"`
	Featured          bool           `json:"featured"`
	CatalogVisibility string         `json:"catalog_visibility"`
	Description       string         `json:"description"`
	ShortDescription  string         `json:"short_description"`
	SKU               string         `json:"sku"`
	GlobalUniqueID    string         `json:"global_unique_id"`
	Price             string         `json:"price"`
	RegularPrice      string         `json:"regular_price"`
	SalePrice         string         `json:"sale_price"`
	DateOnSaleFrom    *string        `json:"date_on_sale_from"`
	DateOnSaleFromGMT *string        `json:"date_on_sale_from_gmt"`
	DateOnSaleTo      *string        `json:"date_on_sale_to"`
	DateOnSaleToGMT   *string        `json:"date_on_sale_to_gmt"`
	OnSale            bool           `json:"on_sale"`
	Purchasable       bool           `json:"purchasable"`
	TotalSales        int64          `json:"total_sales"`
	Virtual           bool           `json:"virtual"`
	Downloadable      bool           `json:"downloadable"`
	Downloads         []any          `json:"downloads"`
	DownloadLimit     int            `json:"download_limit"`
	DownloadExpiry    int            `json:"download_expiry"`
	ExternalURL       string         `json:"external_url"`
	ButtonText        string         `json:"button_text"`
	TaxStatus         string         `json:"tax_status"`
	TaxClass          string         `json:"tax_class"`
	ManageStock       bool           `json:"manage_stock"`
	StockQuantity     *int64         `json:"stock_quantity"`
	Backorders        string         `json:"backorders"`
	BackordersAllowed bool           `json:"backorders_allowed"`
	Backordered       bool           `json:"backordered"`
	LowStockAmount    *int64         `json:"low_stock_amount"`
	SoldIndividually  bool           `json:"sold_individually"`
	Weight            string         `json:"weight"`
	Dimensions        dimensions     `json:"dimensions"`
	ShippingRequired  bool           `json:"shipping_required"`
	ShippingTaxable   bool           `json:"shipping_taxable"`
	ShippingClass     string         `json:"shipping_class"`
	ShippingClassID   int            `json:"shipping_class_id"`
	ReviewsAllowed    bool           `json:"reviews_allowed"`
	AverageRating     string         `json:"average_rating"`
	RatingCount       int            `json:"rating_count"`
	UpsellIDs         []int64        `json:"upsell_ids"`
	CrossSellIDs      []int64        `json:"cross_sell_ids"`
	ParentID          int64          `json:"parent_id"`
	PurchaseNote      string         `json:"purchase_note"`
	Categories        []term         `json:"categories"`
	Brands            []term         `json:"brands"`
	Tags              []term         `json:"tags"`
	Images            []any          `json:"images"`
	Attributes        []any          `json:"attributes"`
	DefaultAttributes []any          `json:"default_attributes"`
	Variations        []int64        `json:"variations"`
	GroupedProducts   []int64        `json:"grouped_products"`
	MenuOrder         int            `json:"menu_order"`
	PriceHTML         string         `json:"price_html"`
	RelatedIDs        []int64        `json:"related_ids"`
	MetaData          []any          `json:"meta_data"`
	StockStatus       string         `json:"stock_status"`
	HasOptions        bool           `json:"has_options"`
	PostPassword      string         `json:"post_password"`
	PermalinkTemplate string         `json:"permalink_template"`
	GeneratedSlug     string         `json:"generated_slug"`
	Links             map[string]any `json:"_links"`
}

// json is the product as the REST API shows it.
func (st *store) productJSON(p *product) productJSON {
	price, hasPrice := p.price()
	out := productJSON{
		ID: p.id, Name: p.name, Slug: p.slug, Permalink: st.url + "/product/" + p.slug + "/",
		DateCreated: st.local(p.created), DateCreatedGMT: gmt(p.created), DateModified: st.local(p.modified), DateModifiedGMT: gmt(p.modified),
		Type: "simple", Status: p.status, CatalogVisibility: "visible", SKU: p.sku,
		OnSale: p.hasSale, Purchasable: hasPrice && p.status == "publish", TotalSales: p.totalSales,
		Downloads: []any{}, DownloadLimit: -1, DownloadExpiry: -1, TaxStatus: "taxable",
		ManageStock: p.manageStock, Backorders: p.backorders, BackordersAllowed: p.backorders != "no",
		Backordered:      p.manageStock && p.stock < 0 && p.backorders != "no",
		ShippingRequired: true, ShippingTaxable: true, ReviewsAllowed: true, AverageRating: "0.00",
		UpsellIDs: []int64{}, CrossSellIDs: []int64{}, Categories: []term{{ID: 15, Name: "Uncategorized", Slug: "uncategorized"}},
		Brands: []term{}, Tags: []term{}, Images: []any{}, Attributes: []any{}, DefaultAttributes: []any{}, Variations: []int64{},
		GroupedProducts: []int64{}, RelatedIDs: []int64{}, MetaData: []any{}, StockStatus: p.currentStockStatus(),
		PermalinkTemplate: st.url + "/product/%pagename%/", GeneratedSlug: p.slug,
		Links: links(st, "products", p.id),
	}
	if p.manageStock {
		q := p.stock
		out.StockQuantity = &q
	}
	if p.hasRegular {
		out.RegularPrice = formatAmount(p.regular, st.currency)
	}
	if p.hasSale {
		out.SalePrice = formatAmount(p.sale, st.currency)
	}
	if hasPrice {
		out.Price = formatAmount(price, st.currency)
		out.PriceHTML = `<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">` +
			currencySymbol(st.currency) + `</span>` + out.Price + `</bdi></span>`
	}
	return out
}

func currencySymbol(currency string) string {
	switch currency {
	case "USD", "CAD", "AUD", "NZD":
		return "&#36;"
	case "EUR":
		return "&euro;"
	case "GBP":
		return "&pound;"
	case "JPY":
		return "&yen;"
	}
	return currency
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// uniqueSlug makes a slug from a name, unique in the store.
func (st *store) uniqueSlug(name string, self int64) string {
	base := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if base == "" {
		base = "product"
	}
	slug := base
	for n := 2; ; n++ {
		taken := false
		for _, p := range st.products {
			if p.id != self && p.slug == slug {
				taken = true
				break
			}
		}
		if !taken {
			return slug
		}
		slug = base + "-" + strconv.Itoa(n)
	}
}

// skuOwner is the product with the SKU (case-insensitively), if any.
func (st *store) skuOwner(sku string) *product {
	if sku == "" {
		return nil
	}
	for _, p := range st.products {
		if strings.EqualFold(p.sku, sku) {
			return p
		}
	}
	return nil
}

// sortedProducts are the store's products in id order.
func (st *store) sortedProducts() []*product {
	out := make([]*product, 0, len(st.products))
	for _, p := range st.products {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// wpError is a WP_Error: an error answer's status, code, message and data.
type wpError struct {
	status  int
	code    string
	message string
	data    map[string]any
	// params, when set, makes it a rest_invalid_param answer.
	params map[string]string
}

func (e *wpError) body() map[string]any {
	d := map[string]any{"status": e.status}
	for k, v := range e.data {
		d[k] = v
	}
	if e.params != nil {
		d["params"] = e.params
	}
	return map[string]any{"code": e.code, "message": e.message, "data": d}
}

func (c *call) fail(e *wpError) {
	if e.params != nil {
		c.invalidParams(e.params)
		return
	}
	c.error(e.status, e.code, e.message, e.data)
}

// applyProduct sets a product's properties from request parameters, as
// WC_REST_Products_Controller::prepare_object_for_database does. strict
// checks types as the REST schema does (single requests); batch entries
// are coerced instead.
func (st *store) applyProduct(p *product, params map[string]any, strict bool) *wpError {
	problems := map[string]string{}
	str := func(name string) (string, bool) {
		v, ok := params[name]
		if !ok {
			return "", false
		}
		s, ok := paramString(v, !strict)
		if !ok {
			problems[name] = name + " is not of type string."
			return "", false
		}
		return s, true
	}
	name, hasName := str("name")
	sku, hasSKU := str("sku")
	regular, hasRegular := str("regular_price")
	sale, hasSale := str("sale_price")
	status, hasStatus := str("status")
	stockStatus, hasStockStatus := str("stock_status")
	backorders, hasBackorders := str("backorders")
	var manage, hasManage bool
	if v, ok := params["manage_stock"]; ok {
		b, ok := paramBool(v)
		if !ok && strict {
			problems["manage_stock"] = "manage_stock is not of type boolean."
		}
		manage, hasManage = b, true
	}
	var qty int64
	_, hasQty := params["stock_quantity"]
	if hasQty {
		n, ok := paramInt(params["stock_quantity"], !strict)
		if !ok {
			problems["stock_quantity"] = "stock_quantity is not of type integer."
		}
		qty = n
	}
	oneOf := func(name, v string, options ...string) {
		for _, o := range options {
			if v == o {
				return
			}
		}
		problems[name] = name + " is not one of " + strings.Join(options, ", ") + "."
	}
	if hasStatus {
		oneOf("status", status, "draft", "pending", "private", "publish", "future")
	}
	if hasStockStatus {
		oneOf("stock_status", stockStatus, "instock", "outofstock", "onbackorder")
	}
	if hasBackorders {
		oneOf("backorders", backorders, "no", "notify", "yes")
	}
	var regularAmt, saleAmt int64
	if hasRegular && regular != "" {
		n, err := parseAmount(regular, st.currency)
		if err != nil {
			n = 0 // wc_format_decimal makes an unreadable price empty
			regular = ""
		}
		regularAmt = n
	}
	if hasSale && sale != "" {
		n, err := parseAmount(sale, st.currency)
		if err != nil {
			sale = ""
		}
		saleAmt = n
	}
	if len(problems) > 0 && strict {
		return &wpError{status: http.StatusBadRequest, code: "rest_invalid_param", params: problems}
	}
	if hasSKU {
		sku = strings.TrimSpace(sku)
		if owner := st.skuOwner(sku); owner != nil && owner.id != p.id {
			return &wpError{status: http.StatusBadRequest, code: "product_invalid_sku", message: "Invalid or duplicated SKU.",
				data: map[string]any{"resource_id": owner.id, "unique_sku": sku + "-1"}}
		}
	}
	// Every check passed: set the properties.
	if hasName {
		p.name = name
	}
	if hasSKU {
		p.sku = sku
	}
	if hasStatus {
		p.status = status
	}
	if hasRegular {
		p.regular, p.hasRegular = regularAmt, regular != ""
	}
	if hasSale {
		p.sale, p.hasSale = saleAmt, sale != ""
	}
	if hasBackorders {
		p.backorders = backorders
	}
	if hasManage {
		p.manageStock = manage
	}
	if p.manageStock {
		if hasQty {
			p.stock = qty
		}
	} else {
		p.stock = 0
		if hasStockStatus {
			p.stockStatus = stockStatus
		}
	}
	return nil
}

// newProduct makes a product with WooCommerce's defaults.
func (st *store) newProduct(now time.Time) *product {
	st.nextPost++
	return &product{id: st.nextPost, status: "publish", stockStatus: "instock", backorders: "no", created: now, modified: now}
}

// saveProduct files a product created or changed by the API and queues its
// webhook.
func (c *call) saveProduct(p *product, created bool) {
	st := c.st
	p.modified = c.now
	if p.slug == "" {
		p.slug = st.uniqueSlug(p.name, p.id)
	}
	st.products[p.id] = p
	st.counters.ProductsUpdated++
	topic := "product.updated"
	if created {
		topic = "product.created"
	}
	c.pending = append(c.pending, st.prepareDeliveries(topic, p.id, st.productJSON(p), c.now)...)
}

func (c *call) listProducts() {
	if !c.permit("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.") {
		return
	}
	page, perPage, offset, ok := c.page()
	if !ok {
		return
	}
	q := c.r.URL.Query()
	st := c.st
	problems := map[string]string{}
	order := q.Get("order")
	if order == "" {
		order = "desc"
	}
	if order != "asc" && order != "desc" {
		problems["order"] = "order is not one of asc and desc."
	}
	orderby := q.Get("orderby")
	if orderby == "" {
		orderby = "date"
	}
	switch orderby {
	case "date", "id", "include", "title", "slug", "modified", "price", "popularity", "rating", "menu_order":
	default:
		problems["orderby"] = "orderby is not one of date, id, include, title, slug, price, popularity, rating, menu_order, and modified."
	}
	gmtDates, _ := paramBool(q.Get("dates_are_gmt"))
	dates := map[string]time.Time{}
	for _, name := range []string{"after", "before", "modified_after", "modified_before"} {
		if v := q.Get(name); v != "" {
			t, ok := st.parseDateParam(v, gmtDates)
			if !ok {
				problems[name] = "Invalid date."
				continue
			}
			dates[name] = t
		}
	}
	status := q.Get("status")
	if status == "" {
		status = "any"
	}
	switch status {
	case "any", "future", "trash", "draft", "pending", "private", "publish":
	default:
		problems["status"] = "status is not one of any, future, trash, draft, pending, private, and publish."
	}
	if len(problems) > 0 {
		c.invalidParams(problems)
		return
	}
	var skus []string
	if v := q.Get("sku"); v != "" {
		skus = strings.Split(v, ",")
		if len(skus) > 1 {
			skus = append(skus, v)
		}
	}
	include := map[int64]bool{}
	for _, v := range strings.Split(q.Get("include"), ",") {
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			include[n] = true
		}
	}
	search := strings.ToLower(q.Get("search"))
	stockStatus := q.Get("stock_status")
	var matched []*product
	for _, p := range st.sortedProducts() {
		switch {
		case status == "any" && p.status == "trash", status != "any" && p.status != status:
			continue
		case len(skus) > 0 && !anyEqualFold(skus, p.sku):
			continue
		case len(include) > 0 && !include[p.id]:
			continue
		case search != "" && !strings.Contains(strings.ToLower(p.name), search) && !strings.Contains(strings.ToLower(p.sku), search):
			continue
		case stockStatus != "" && p.currentStockStatus() != stockStatus:
			continue
		case !within(p.created, dates["after"], dates["before"]), !within(p.modified, dates["modified_after"], dates["modified_before"]):
			continue
		}
		matched = append(matched, p)
	}
	less := func(a, b *product) bool {
		switch orderby {
		case "id", "include":
			return a.id < b.id
		case "title":
			if a.name != b.name {
				return a.name < b.name
			}
		case "slug":
			if a.slug != b.slug {
				return a.slug < b.slug
			}
		case "modified":
			if !a.modified.Equal(b.modified) {
				return a.modified.Before(b.modified)
			}
		default:
			if !a.created.Equal(b.created) {
				return a.created.Before(b.created)
			}
		}
		return a.id < b.id
	}
	sort.SliceStable(matched, func(i, j int) bool {
		if order == "desc" {
			return less(matched[j], matched[i])
		}
		return less(matched[i], matched[j])
	})
	items := make([]any, len(matched))
	for i, p := range matched {
		items[i] = st.productJSON(p)
	}
	c.paginate("products", items, page, perPage, offset)
}

func anyEqualFold(list []string, s string) bool {
	for _, v := range list {
		if v != "" && strings.EqualFold(strings.TrimSpace(v), s) {
			return true
		}
	}
	return false
}

// within tells whether t is after after and before before (either unset),
// both exclusive, at WordPress's precision (seconds).
func within(t, after, before time.Time) bool {
	t = t.Truncate(time.Second)
	return (after.IsZero() || t.After(after.Truncate(time.Second))) && (before.IsZero() || t.Before(before.Truncate(time.Second)))
}

func (c *call) getProduct(id int64) {
	if !c.permit("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.") {
		return
	}
	p := c.st.products[id]
	if p == nil {
		c.error(http.StatusNotFound, "woocommerce_rest_product_invalid_id", "Invalid ID.", nil)
		return
	}
	c.json(http.StatusOK, c.st.productJSON(p))
}

func (c *call) createProduct() {
	if !c.permit("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.") {
		return
	}
	p, err := c.create(c.params, true)
	if err != nil {
		c.fail(err)
		return
	}
	c.w.Header().Set("Location", c.base+"/wp-json/wc/v3/products/"+strconv.FormatInt(p.id, 10))
	c.json(http.StatusCreated, c.st.productJSON(p))
}

func (c *call) create(params map[string]any, strict bool) (*product, *wpError) {
	if id, ok := params["id"]; ok {
		if n, _ := paramInt(id, true); n != 0 {
			return nil, &wpError{status: http.StatusBadRequest, code: "woocommerce_rest_product_exists", message: "Cannot create existing product."}
		}
	}
	p := c.st.newProduct(c.now)
	if err := c.st.applyProduct(p, params, strict); err != nil {
		c.st.nextPost--
		return nil, err
	}
	c.saveProduct(p, true)
	return p, nil
}

func (c *call) updateProduct(id int64) {
	if !c.permit("woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.") {
		return
	}
	p, err := c.update(id, c.params, true)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, c.st.productJSON(p))
}

func (c *call) update(id int64, params map[string]any, strict bool) (*product, *wpError) {
	p := c.st.products[id]
	if p == nil {
		return nil, &wpError{status: http.StatusBadRequest, code: "woocommerce_rest_product_invalid_id", message: "Invalid ID."}
	}
	draft := *p
	if err := c.st.applyProduct(&draft, params, strict); err != nil {
		return nil, err
	}
	*p = draft
	c.saveProduct(p, false)
	return p, nil
}

func (c *call) deleteProduct(id int64) {
	if !c.permit("woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource.") {
		return
	}
	force, _ := paramBool(c.r.URL.Query().Get("force"))
	out, err := c.remove(id, force)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, out)
}

// remove deletes a product for good (force) or moves it to the trash.
func (c *call) remove(id int64, force bool) (productJSON, *wpError) {
	p := c.st.products[id]
	if p == nil {
		return productJSON{}, &wpError{status: http.StatusNotFound, code: "woocommerce_rest_product_invalid_id", message: "Invalid ID."}
	}
	if !force {
		if p.status == "trash" {
			return productJSON{}, &wpError{status: http.StatusGone, code: "woocommerce_rest_already_trashed", message: "The product has already been deleted."}
		}
		p.status, p.modified = "trash", c.now
		return c.st.productJSON(p), nil
	}
	out := c.st.productJSON(p)
	delete(c.st.products, id)
	return out, nil
}

// batchProducts answers POST /products/batch as
// WC_REST_Controller::batch_items does: creates, then updates, then
// deletes, each answered in order.
func (c *call) batchProducts() {
	if !c.permit("woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.") {
		return
	}
	list := func(name string) ([]any, bool) {
		v, ok := c.params[name]
		if !ok || v == nil {
			return nil, true
		}
		l, ok := v.([]any)
		return l, ok
	}
	creates, ok1 := list("create")
	updates, ok2 := list("update")
	deletes, ok3 := list("delete")
	if !ok1 || !ok2 || !ok3 {
		problems := map[string]string{}
		for name, ok := range map[string]bool{"create": ok1, "update": ok2, "delete": ok3} {
			if !ok {
				problems[name] = name + " is not of type array."
			}
		}
		c.invalidParams(problems)
		return
	}
	if n := len(creates) + len(updates) + len(deletes); n > 100 {
		c.error(http.StatusRequestEntityTooLarge, "woocommerce_rest_request_entity_too_large", "Unable to accept more than 100 items for this request.", nil)
		return
	}
	itemError := func(id any, e *wpError) map[string]any {
		b := e.body()
		if e.params != nil {
			b["message"] = "Invalid parameter(s): " + strings.Join(sortedKeys(e.params), ", ")
			b["code"] = "rest_invalid_param"
		}
		return map[string]any{"id": id, "error": b}
	}
	out := map[string]any{}
	if len(creates) > 0 {
		res := make([]any, 0, len(creates))
		for _, item := range creates {
			params, _ := item.(map[string]any)
			if params == nil {
				params = map[string]any{}
			}
			p, err := c.create(params, false)
			if err != nil {
				res = append(res, itemError(0, err))
				continue
			}
			res = append(res, c.st.productJSON(p))
		}
		out["create"] = res
	}
	if len(updates) > 0 {
		res := make([]any, 0, len(updates))
		for _, item := range updates {
			params, _ := item.(map[string]any)
			if params == nil {
				params = map[string]any{}
			}
			idParam := params["id"]
			id, _ := paramInt(idParam, true)
			p, err := c.update(id, params, false)
			if err != nil {
				res = append(res, itemError(idParam, err))
				continue
			}
			res = append(res, c.st.productJSON(p))
		}
		out["update"] = res
	}
	if len(deletes) > 0 {
		res := make([]any, 0, len(deletes))
		for _, item := range deletes {
			id, _ := paramInt(item, true)
			if id == 0 {
				continue
			}
			p, err := c.remove(id, true)
			if err != nil {
				res = append(res, itemError(id, err))
				continue
			}
			res = append(res, p)
		}
		out["delete"] = res
	}
	if len(out) == 0 {
		c.json(http.StatusOK, []any{}) // PHP's empty array
		return
	}
	c.json(http.StatusOK, out)
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ProductSpec is a product to seed a store with.
type ProductSpec struct {
	SKU  string `json:"sku"`
	Name string `json:"name"`
	// Price is the regular price as decimal text ("21.99"); empty for none.
	Price string `json:"price"`
	// ManageStock and StockQuantity: a product that manages stock holds
	// StockQuantity (0 when nil). ManageStock is implied by a quantity.
	ManageStock   bool   `json:"manageStock"`
	StockQuantity *int64 `json:"stockQuantity"`
	// StockStatus of a product that does not manage stock (instock when
	// empty); Backorders is no, notify or yes (no when empty).
	StockStatus string `json:"stockStatus"`
	Backorders  string `json:"backorders"`
}

// UnmarshalJSON reads a spec named as above or as POST /products names a
// product's properties (regular_price, manage_stock, stock_quantity,
// stock_status), as the control API's orders take the REST API's names;
// where both name a property, the REST API's name wins.
func (ps *ProductSpec) UnmarshalJSON(b []byte) error {
	type plain ProductSpec
	var v struct {
		plain
		RegularPrice  *string `json:"regular_price"`
		ManageStock   *bool   `json:"manage_stock"`
		StockQuantity *int64  `json:"stock_quantity"`
		StockStatus   *string `json:"stock_status"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*ps = ProductSpec(v.plain)
	if v.RegularPrice != nil {
		ps.Price = *v.RegularPrice
	}
	if v.ManageStock != nil {
		ps.ManageStock = *v.ManageStock
	}
	if v.StockQuantity != nil {
		ps.StockQuantity = v.StockQuantity
	}
	if v.StockStatus != nil {
		ps.StockStatus = *v.StockStatus
	}
	return nil
}

// seedProduct adds a product from a spec (under s.mu).
func (st *store) seedProduct(ps ProductSpec, now time.Time) (*product, error) {
	if ps.Name == "" {
		ps.Name = ps.SKU
	}
	if ps.Name == "" {
		return nil, fmt.Errorf("sandbox: a product needs a name or a SKU")
	}
	if st.skuOwner(ps.SKU) != nil {
		return nil, fmt.Errorf("sandbox: the SKU %q is taken", ps.SKU)
	}
	p := st.newProduct(now)
	p.name, p.sku = ps.Name, strings.TrimSpace(ps.SKU)
	if ps.Price != "" {
		n, err := parseAmount(ps.Price, st.currency)
		if err != nil {
			return nil, fmt.Errorf("sandbox: product %q: price: %w", ps.Name, err)
		}
		p.regular, p.hasRegular = n, true
	}
	if ps.StockQuantity != nil || ps.ManageStock {
		p.manageStock = true
		if ps.StockQuantity != nil {
			p.stock = *ps.StockQuantity
		}
	}
	switch ps.StockStatus {
	case "", "instock", "outofstock", "onbackorder":
		if ps.StockStatus != "" {
			p.stockStatus = ps.StockStatus
		}
	default:
		return nil, fmt.Errorf("sandbox: product %q: stock status %q is not instock, outofstock or onbackorder", ps.Name, ps.StockStatus)
	}
	switch ps.Backorders {
	case "", "no", "notify", "yes":
		if ps.Backorders != "" {
			p.backorders = ps.Backorders
		}
	default:
		return nil, fmt.Errorf("sandbox: product %q: backorders %q is not no, notify or yes", ps.Name, ps.Backorders)
	}
	p.slug = st.uniqueSlug(p.name, p.id)
	st.products[p.id] = p
	return p, nil
}
