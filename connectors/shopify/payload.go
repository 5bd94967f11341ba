package shopify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Webhook bodies follow the REST resource shape of the subscription's API
// version, unwrapped: an orders/create body is the order object itself, not
// {"order": …}. The types below keep the fields the Spec declares (plus the
// ids needed to join them); everything else is ignored. Money stays a
// decimal string: it is never a float.

// ID is a Shopify numeric id kept as text. It reads a JSON integer or a
// string; null reads as empty.
type ID string

// UnmarshalJSON implements json.Unmarshaler.
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*id = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ID(s)
		return nil
	}
	if _, err := strconv.ParseUint(string(b), 10, 64); err != nil {
		return fmt.Errorf("shopify: id %.40q is not an integer", b)
	}
	*id = ID(b)
	return nil
}

// Decimal is an exact decimal amount as Shopify writes it ("598.94"). It
// reads a JSON string or a plain JSON number literal, keeping the digits as
// written; null and "" read as empty. Exponents are refused.
type Decimal string

// UnmarshalJSON implements json.Unmarshaler.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*d = ""
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*d = ""
			return nil
		}
	}
	if !isDecimal(s) {
		return fmt.Errorf("shopify: %.40q is not a decimal amount", s)
	}
	*d = Decimal(s)
	return nil
}

// isDecimal reports whether s is -?digits(.digits)?, nothing else.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasPoint := strings.Cut(s, ".")
	return allDigits(whole) && (!hasPoint || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// scale is the number of digits after the point.
func (d Decimal) scale() int {
	if _, frac, ok := strings.Cut(string(d), "."); ok {
		return len(frac)
	}
	return 0
}

// SumDecimals adds amounts exactly; the result has the largest scale of
// the inputs. Empty amounts count as zero.
func SumDecimals(amounts ...Decimal) (Decimal, error) {
	total, scale := new(big.Rat), 0
	for _, a := range amounts {
		if a == "" {
			continue
		}
		r, ok := new(big.Rat).SetString(string(a))
		if !ok || !isDecimal(string(a)) {
			return "", fmt.Errorf("shopify: %.40q is not a decimal amount", a)
		}
		total.Add(total, r)
		scale = max(scale, a.scale())
	}
	return Decimal(total.FloatString(scale)), nil
}

// Order is an orders/create, orders/paid or orders/cancelled body.
type Order struct {
	ID              ID         `json:"id"`
	Name            string     `json:"name"`
	Email           string     `json:"email"`
	Phone           string     `json:"phone"`
	TotalPrice      Decimal    `json:"total_price"`
	Currency        string     `json:"currency"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
	FinancialStatus string     `json:"financial_status"`
	CancelledAt     *time.Time `json:"cancelled_at"`
	CancelReason    string     `json:"cancel_reason"`
	// StatusURL is order_status_url: the customer's order status page.
	StatusURL string `json:"order_status_url"`
	// RawTags is Shopify's comma-separated tag list.
	RawTags   string     `json:"tags"`
	LineItems []LineItem `json:"line_items"`
	Customer  *Customer  `json:"customer"`
}

// LineItem is one line of an order or checkout.
type LineItem struct {
	Title    string `json:"title"`
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
	// Price is the price of one unit.
	Price Decimal `json:"price"`
}

// Customer is a customers/create or customers/update body.
type Customer struct {
	ID        ID     `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Phone     string `json:"phone"`
	// RawTags is Shopify's comma-separated tag list; see Tags.
	RawTags string `json:"tags"`
	// AmountSpent is total_spent, in the shop's currency.
	AmountSpent Decimal `json:"total_spent"`
	// NumberOfOrders is orders_count.
	NumberOfOrders        int               `json:"orders_count"`
	EmailMarketingConsent *MarketingConsent `json:"email_marketing_consent"`
	SMSMarketingConsent   *MarketingConsent `json:"sms_marketing_consent"`
	CreatedAt             time.Time         `json:"created_at"`
	UpdatedAt             time.Time         `json:"updated_at"`
}

// MarketingConsent is a customer's consent to a marketing channel.
type MarketingConsent struct {
	// State is subscribed, not_subscribed, pending, unsubscribed, redacted
	// or invalid.
	State      string `json:"state"`
	OptInLevel string `json:"opt_in_level"`
}

// Tags splits RawTags into trimmed, non-empty tags.
func (c Customer) Tags() []string { return splitTags(c.RawTags) }

// splitTags splits a comma-separated tag list into trimmed, non-empty tags.
func splitTags(raw string) []string {
	var out []string
	for t := range strings.SplitSeq(raw, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// EmailConsent reports whether the customer is subscribed to email
// marketing (the Spec's emailMarketingConsent).
func (c Customer) EmailConsent() bool {
	return c.EmailMarketingConsent != nil && c.EmailMarketingConsent.State == "subscribed"
}

// Checkout is a checkouts/create or checkouts/update body (an abandoned
// checkout).
type Checkout struct {
	ID         ID      `json:"id"`
	Token      string  `json:"token"`
	Email      string  `json:"email"`
	Phone      string  `json:"phone"`
	TotalPrice Decimal `json:"total_price"`
	Currency   string  `json:"currency"`
	// RecoveryURL is abandoned_checkout_url: where the customer resumes.
	RecoveryURL string     `json:"abandoned_checkout_url"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	CompletedAt *time.Time `json:"completed_at"`
	LineItems   []LineItem `json:"line_items"`
	Customer    *Customer  `json:"customer"`
}

// Fulfillment is a fulfillments/create or fulfillments/update body.
type Fulfillment struct {
	ID      ID `json:"id"`
	OrderID ID `json:"order_id"`
	// Name is the order's name and the fulfillment's number ("#1001.2").
	Name   string `json:"name"`
	Status string `json:"status"`
	// Carrier is tracking_company; it may be empty.
	Carrier         string    `json:"tracking_company"`
	TrackingNumber  string    `json:"tracking_number"`
	TrackingNumbers []string  `json:"tracking_numbers"`
	TrackingURL     string    `json:"tracking_url"`
	TrackingURLs    []string  `json:"tracking_urls"`
	ShipmentStatus  string    `json:"shipment_status"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Refund is a refunds/create body.
type Refund struct {
	ID           ID                  `json:"id"`
	OrderID      ID                  `json:"order_id"`
	Note         string              `json:"note"`
	CreatedAt    time.Time           `json:"created_at"`
	Transactions []RefundTransaction `json:"transactions"`
	Lines        []RefundLine        `json:"refund_line_items"`
}

// RefundLine is one refunded line of a refund; RestockType says whether
// the units went back to stock ("no_restock" when not).
type RefundLine struct {
	Quantity    int      `json:"quantity"`
	RestockType string   `json:"restock_type"`
	LineItem    LineItem `json:"line_item"`
}

// RefundTransaction is money moved by a refund.
type RefundTransaction struct {
	ID       ID      `json:"id"`
	Kind     string  `json:"kind"`
	Status   string  `json:"status"`
	Amount   Decimal `json:"amount"`
	Currency string  `json:"currency"`
}

// Amount is what the refund gave back: the sum of its successful refund
// transactions, exactly.
func (r Refund) Amount() (Decimal, error) {
	var amounts []Decimal
	for _, t := range r.Transactions {
		if t.Kind == "refund" && t.Status == "success" {
			amounts = append(amounts, t.Amount)
		}
	}
	return SumDecimals(amounts...)
}

// Return is a returns/request body: a customer asked to return items.
type Return struct {
	ID ID `json:"id"`
	// Name is the order's name and the return's number ("#1001-R1").
	Name   string `json:"name"`
	Status string `json:"status"`
	Order  struct {
		ID ID `json:"id"`
	} `json:"order"`
	LineItems []ReturnLineItem `json:"return_line_items"`
}

// ReturnLineItem is one line of a return.
type ReturnLineItem struct {
	Quantity int `json:"quantity"`
	// ReturnReason is size_too_small, defective, wrong_item, other, …
	ReturnReason     string `json:"return_reason"`
	ReturnReasonNote string `json:"return_reason_note"`
	CustomerNote     string `json:"customer_note"`
}

// InventoryLevel is an inventory_levels/update body. It names the
// inventory item, not the SKU: the SKU is the item's, read separately.
type InventoryLevel struct {
	InventoryItemID ID `json:"inventory_item_id"`
	LocationID      ID `json:"location_id"`
	// Available is nil when the item's inventory is not tracked.
	Available *int      `json:"available"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Ref names the level as the connector's StockKeeper does: the inventory
// item's and the location's gids.
func (l InventoryLevel) Ref() connectors.StockRef {
	return connectors.StockRef{Item: "gid://shopify/InventoryItem/" + string(l.InventoryItemID),
		Location: "gid://shopify/Location/" + string(l.LocationID)}
}

// ComplianceCustomer is the customer a compliance webhook is about.
type ComplianceCustomer struct {
	ID    ID     `json:"id"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// CustomersDataRequest is a customers/data_request body: a customer asked
// the shop for their data.
type CustomersDataRequest struct {
	ShopID          ID                 `json:"shop_id"`
	ShopDomain      string             `json:"shop_domain"`
	Customer        ComplianceCustomer `json:"customer"`
	OrdersRequested []ID               `json:"orders_requested"`
	DataRequest     struct {
		ID ID `json:"id"`
	} `json:"data_request"`
}

// CustomersRedact is a customers/redact body: erase a customer's data.
type CustomersRedact struct {
	ShopID         ID                 `json:"shop_id"`
	ShopDomain     string             `json:"shop_domain"`
	Customer       ComplianceCustomer `json:"customer"`
	OrdersToRedact []ID               `json:"orders_to_redact"`
}

// ShopRedact is a shop/redact body: erase a shop's data, 48 hours after it
// uninstalled the app.
type ShopRedact struct {
	ShopID     ID     `json:"shop_id"`
	ShopDomain string `json:"shop_domain"`
}

// ErrUnsupportedTopic is returned by ParsePayload for a topic the connector
// does not read.
const ErrUnsupportedTopic = connectors.WebhookError("shopify: unsupported webhook topic")

// ParsePayload reads a webhook body by its topic (X-Shopify-Topic) into
// *Order, *Customer, *Checkout, *Fulfillment, *Refund, *Return, *InventoryLevel,
// *CustomersDataRequest, *CustomersRedact or *ShopRedact. A body without
// its identifying id (e.g. a REST envelope such as {"order": …}) is an
// error.
func ParsePayload(topic string, body []byte) (any, error) {
	switch topic {
	case "orders/create", "orders/paid", "orders/cancelled", "orders/updated":
		return decode(body, &Order{}, func(o *Order) bool { return o.ID != "" })
	case "customers/create", "customers/update":
		return decode(body, &Customer{}, func(c *Customer) bool { return c.ID != "" })
	case "checkouts/create", "checkouts/update":
		return decode(body, &Checkout{}, func(c *Checkout) bool { return c.ID != "" || c.Token != "" })
	case "fulfillments/create", "fulfillments/update":
		return decode(body, &Fulfillment{}, func(f *Fulfillment) bool { return f.ID != "" && f.OrderID != "" })
	case "refunds/create":
		return decode(body, &Refund{}, func(r *Refund) bool { return r.ID != "" && r.OrderID != "" })
	case "returns/request":
		return decode(body, &Return{}, func(r *Return) bool { return r.ID != "" && r.Order.ID != "" })
	case "inventory_levels/update":
		return decode(body, &InventoryLevel{}, func(l *InventoryLevel) bool { return l.InventoryItemID != "" && l.LocationID != "" })
	case "customers/data_request":
		return decode(body, &CustomersDataRequest{}, func(r *CustomersDataRequest) bool { return r.ShopID != "" && r.Customer.ID != "" })
	case "customers/redact":
		return decode(body, &CustomersRedact{}, func(r *CustomersRedact) bool { return r.ShopID != "" && r.Customer.ID != "" })
	case "shop/redact":
		return decode(body, &ShopRedact{}, func(r *ShopRedact) bool { return r.ShopID != "" })
	}
	return nil, fmt.Errorf("%w: %.60q", ErrUnsupportedTopic, topic)
}

// EventType is the normalized event (as in the Spec) a topic stands for, or
// "" for topics that emit none (compliance webhooks, unknown topics).
// Normalize has the last word: a fulfillment without a tracking number
// emits nothing, a delivered one shipment.delivered as well.
func EventType(topic string) string {
	switch topic {
	case "orders/create":
		return "order.created"
	case "orders/paid":
		return "order.paid"
	case "orders/cancelled":
		return "order.cancelled"
	case "fulfillments/create":
		return "shipment.created"
	case "fulfillments/update":
		return "shipment.status_changed"
	case "returns/request":
		return "return.requested"
	case "checkouts/create":
		return "checkout.created"
	case "checkouts/update":
		return "checkout.updated"
	case "customers/create":
		return "customer.created"
	case "customers/update":
		return "customer.updated"
	case "refunds/create":
		return "refund.created"
	case "inventory_levels/update":
		return "inventory.changed"
	}
	return ""
}

// decode reads body into v and checks it is complete. It returns an
// untyped nil on error, never a typed nil pointer inside the interface.
func decode[T any](body []byte, v *T, complete func(*T) bool) (any, error) {
	if err := json.Unmarshal(body, v); err != nil {
		return nil, fmt.Errorf("shopify: webhook body: %w", err)
	}
	if !complete(v) {
		return nil, fmt.Errorf("shopify: webhook body lacks its %T id", *v)
	}
	return v, nil
}
