package woocommerce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// wcTimeLayout is how WooCommerce writes dates: ISO 8601 without a zone
// (date_created in the site's time zone, date_created_gmt in GMT).
const wcTimeLayout = "2006-01-02T15:04:05"

// Time is a WooCommerce *_gmt date: "2017-03-22T19:28:08" in GMT, or null.
// Dates with a zone (RFC 3339) are read too.
type Time struct{ time.Time }

// UnmarshalJSON reads a GMT date, null or "".
func (t *Time) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("woocommerce: date %.40s is not a string", b)
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	v, err := time.ParseInLocation(wcTimeLayout, s, time.UTC)
	if err != nil {
		if v, err = time.Parse(time.RFC3339, s); err != nil {
			return fmt.Errorf("woocommerce: %.40q is not a date", s)
		}
	}
	t.Time = v.UTC()
	return nil
}

// Decimal is a decimal amount as WooCommerce sends it: a string ("29.35")
// or, for some fields (a line item's price), a JSON number.
type Decimal string

var decimalRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// UnmarshalJSON reads a string, a number or null.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*d = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*d = Decimal(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("woocommerce: amount %.40s is neither a string nor a number", b)
	}
	f, err := n.Float64()
	if err != nil {
		return fmt.Errorf("woocommerce: amount %.40s: %w", b, err)
	}
	*d = Decimal(strconv.FormatFloat(f, 'f', -1, 64))
	return nil
}

// MinorUnits is the amount in integer minor units of currency (cents of
// USD, yen of JPY), rounded half away from zero. An empty amount is 0.
func (d Decimal) MinorUnits(currency string) (int64, error) {
	if d == "" {
		return 0, nil
	}
	r, ok := new(big.Rat).SetString(string(d))
	if !ok || !decimalRE.MatchString(string(d)) {
		return 0, fmt.Errorf("woocommerce: %.40q is not a decimal amount", string(d))
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(connectors.MinorDigits(currency))), nil)))
	half := big.NewRat(1, 2)
	if r.Sign() < 0 {
		half.Neg(half)
	}
	r.Add(r, half)
	n := new(big.Int).Quo(r.Num(), r.Denom())
	if !n.IsInt64() {
		return 0, fmt.Errorf("woocommerce: amount %.40q is out of range", string(d))
	}
	return n.Int64(), nil
}

// Float is the amount as a float64; ok is false for an empty or malformed
// amount.
func (d Decimal) Float() (float64, bool) {
	if !decimalRE.MatchString(string(d)) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(d), 64)
	return f, err == nil
}

// Quantity is a stock quantity: an integer, null, or (with a store filter
// that allows them) a decimal. Nil means none.
type Quantity struct{ V *float64 }

// UnmarshalJSON reads a number, a numeric string or null.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	q.V = nil
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return fmt.Errorf("woocommerce: quantity %.40s is not a number", b)
		}
		if s == "" {
			return nil
		}
		n = json.Number(s)
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("woocommerce: quantity %.40s is not a number", b)
	}
	q.V = &f
	return nil
}

// ManageStock is a product's manage_stock: true or false, or "parent" for
// a variation whose stock its parent product manages (true here).
type ManageStock bool

// UnmarshalJSON reads a boolean or "parent".
func (m *ManageStock) UnmarshalJSON(b []byte) error {
	var v bool
	if err := json.Unmarshal(b, &v); err == nil {
		*m = ManageStock(v)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("woocommerce: manage_stock %.40s is neither a boolean nor \"parent\"", b)
	}
	*m = ManageStock(s == "parent" || s == "yes" || s == "1")
	return nil
}

// Product is a product (or variation) as the REST API and product.*
// webhooks show it; only the fields the connector uses.
type Product struct {
	ID              int64       `json:"id"`
	Name            string      `json:"name"`
	Type            string      `json:"type"`
	Status          string      `json:"status"`
	SKU             string      `json:"sku"`
	Price           Decimal     `json:"price"`
	RegularPrice    Decimal     `json:"regular_price"`
	ManageStock     ManageStock `json:"manage_stock"`
	StockQuantity   Quantity    `json:"stock_quantity"`
	StockStatus     string      `json:"stock_status"`
	ParentID        int64       `json:"parent_id"`
	DateCreatedGMT  Time        `json:"date_created_gmt"`
	DateModifiedGMT Time        `json:"date_modified_gmt"`
}

// ParseProduct reads a product object.
func ParseProduct(b []byte) (Product, error) {
	var p Product
	if err := json.Unmarshal(b, &p); err != nil {
		return Product{}, fmt.Errorf("woocommerce: product: %w", err)
	}
	if p.ID <= 0 {
		return Product{}, errors.New("woocommerce: product lacks an id")
	}
	return p, nil
}

// Address is an order's billing or shipping address.
type Address struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
}

// LineItem is one line of an order.
type LineItem struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	ProductID   int64   `json:"product_id"`
	VariationID int64   `json:"variation_id"`
	Quantity    int     `json:"quantity"`
	Total       Decimal `json:"total"`
	SKU         string  `json:"sku"`
	Price       Decimal `json:"price"`
}

// Order is an order as the REST API and order.* webhooks show it; only
// the fields the connector uses.
type Order struct {
	ID              int64      `json:"id"`
	Number          string     `json:"number"`
	Status          string     `json:"status"`
	Currency        string     `json:"currency"`
	Total           Decimal    `json:"total"`
	CustomerID      int64      `json:"customer_id"`
	Billing         Address    `json:"billing"`
	PaymentURL      string     `json:"payment_url"`
	DateCreatedGMT  Time       `json:"date_created_gmt"`
	DateModifiedGMT Time       `json:"date_modified_gmt"`
	DatePaidGMT     Time       `json:"date_paid_gmt"`
	LineItems       []LineItem `json:"line_items"`
}

// ParseOrder reads an order object.
func ParseOrder(b []byte) (Order, error) {
	var o Order
	if err := json.Unmarshal(b, &o); err != nil {
		return Order{}, fmt.Errorf("woocommerce: order: %w", err)
	}
	if o.ID <= 0 {
		return Order{}, errors.New("woocommerce: order lacks an id")
	}
	if o.Number == "" {
		o.Number = strconv.FormatInt(o.ID, 10)
	}
	return o, nil
}

// Paid tells whether the order is paid and still stands: WooCommerce set
// its date_paid, and it is processing or completed.
func (o Order) Paid() bool {
	return !o.DatePaidGMT.IsZero() && (o.Status == "processing" || o.Status == "completed")
}
