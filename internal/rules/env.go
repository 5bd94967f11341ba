// Package rules holds the automation language: the data a rule sees (Env),
// conditions (expr-lang expressions, compiled and type-checked when a rule
// is saved), message templates (logic-less mustache), and steps (actions,
// waits, branches) compiled into a small program a run walks step by step.
package rules

import (
	"encoding/json"
	"fmt"
	"time"
)

// Env is what conditions and templates see: the event that started the run
// and, freshly read before every step, the customer's profile. Field names
// are snake_case in both languages (order.total, customer.orders_count).
type Env struct {
	Event    Event    `expr:"event" json:"event"`
	Order    Order    `expr:"order" json:"order"`
	Customer Customer `expr:"customer" json:"customer"`
	Checkout Checkout `expr:"checkout" json:"checkout"`
	Shipment Shipment `expr:"shipment" json:"shipment"`
	Return   Return   `expr:"return" json:"return"`
	// Inventory is the stock level an inventory.changed event reports.
	Inventory Inventory `expr:"inventory" json:"inventory"`
	Store     Store     `expr:"store" json:"store"`
	// Discount is the code a create_discount_code step made in this run.
	Discount Discount `expr:"discount" json:"discount"`
	// Run is the run itself (when it started).
	Run RunInfo `expr:"run" json:"run"`
	// Now is the time of evaluation.
	Now time.Time `expr:"now" json:"now"`
}

// Event is the normalized event that started a run.
type Event struct {
	ID         string    `expr:"id" json:"id"`
	Type       string    `expr:"type" json:"type"`
	OccurredAt time.Time `expr:"occurred_at" json:"occurred_at"`
}

// Order is an order from a store.
type Order struct {
	ID              string     `expr:"id" json:"id"`
	Number          string     `expr:"number" json:"number"`
	Email           string     `expr:"email" json:"email"`
	Phone           string     `expr:"phone" json:"phone"`
	Total           float64    `expr:"total" json:"total"`
	TotalDisplay    string     `expr:"total_display" json:"total_display"`
	Currency        string     `expr:"currency" json:"currency"`
	FinancialStatus string     `expr:"financial_status" json:"financial_status"`
	ItemCount       int        `expr:"item_count" json:"item_count"`
	Items           []LineItem `expr:"items" json:"items"`
	Tags            []string   `expr:"tags" json:"tags"`
	StatusURL       string     `expr:"status_url" json:"status_url"`
	CreatedAt       time.Time  `expr:"created_at" json:"created_at"`
}

// LineItem is one line of an order or checkout.
type LineItem struct {
	Title    string  `expr:"title" json:"title"`
	SKU      string  `expr:"sku" json:"sku"`
	Quantity int     `expr:"quantity" json:"quantity"`
	Price    float64 `expr:"price" json:"price"`
}

// Customer is the workspace's profile of a customer, kept up to date from
// events.
type Customer struct {
	ID                 string    `expr:"id" json:"id"`
	ExternalID         string    `expr:"external_id" json:"external_id"`
	Email              string    `expr:"email" json:"email"`
	Phone              string    `expr:"phone" json:"phone"`
	FirstName          string    `expr:"first_name" json:"first_name"`
	LastName           string    `expr:"last_name" json:"last_name"`
	TotalSpent         float64   `expr:"total_spent" json:"total_spent"`
	OrdersCount        int       `expr:"orders_count" json:"orders_count"`
	AverageOrderValue  float64   `expr:"average_order_value" json:"average_order_value"`
	FirstOrderAt       time.Time `expr:"first_order_at" json:"first_order_at"`
	LastOrderAt        time.Time `expr:"last_order_at" json:"last_order_at"`
	DaysSinceLastOrder int       `expr:"days_since_last_order" json:"days_since_last_order"`
	Tags               []string  `expr:"tags" json:"tags"`
	EmailConsent       bool      `expr:"email_consent" json:"email_consent"`
	SMSConsent         bool      `expr:"sms_consent" json:"sms_consent"`
}

// Checkout is a cart on its way to an order.
type Checkout struct {
	ID           string     `expr:"id" json:"id"`
	Email        string     `expr:"email" json:"email"`
	Phone        string     `expr:"phone" json:"phone"`
	Total        float64    `expr:"total" json:"total"`
	TotalDisplay string     `expr:"total_display" json:"total_display"`
	Currency     string     `expr:"currency" json:"currency"`
	ItemCount    int        `expr:"item_count" json:"item_count"`
	Items        []LineItem `expr:"items" json:"items"`
	RecoveryURL  string     `expr:"recovery_url" json:"recovery_url"`
	UpdatedAt    time.Time  `expr:"updated_at" json:"updated_at"`
}

// Shipment is a fulfillment and its tracking.
type Shipment struct {
	OrderID        string `expr:"order_id" json:"order_id"`
	OrderNumber    string `expr:"order_number" json:"order_number"`
	TrackingNumber string `expr:"tracking_number" json:"tracking_number"`
	TrackingURL    string `expr:"tracking_url" json:"tracking_url"`
	Carrier        string `expr:"carrier" json:"carrier"`
	Status         string `expr:"status" json:"status"`
}

// Return is a customer's request to return items.
type Return struct {
	OrderID     string `expr:"order_id" json:"order_id"`
	OrderNumber string `expr:"order_number" json:"order_number"`
	Reason      string `expr:"reason" json:"reason"`
}

// Inventory is a stock level at one location of a sales channel.
type Inventory struct {
	SKU        string `expr:"sku" json:"sku"`
	Available  int    `expr:"available" json:"available"`
	LocationID string `expr:"location_id" json:"location_id"`
}

// Store is the workspace's store.
type Store struct {
	Name     string `expr:"name" json:"name"`
	Timezone string `expr:"timezone" json:"timezone"`
}

// Discount is a discount code made for the run.
type Discount struct {
	Code    string `expr:"code" json:"code"`
	Percent int    `expr:"percent" json:"percent"`
}

// RunInfo describes the run.
type RunInfo struct {
	ID        string    `expr:"id" json:"id"`
	StartedAt time.Time `expr:"started_at" json:"started_at"`
}

// Data is the env as templates see it: nested maps with snake_case keys,
// times in RFC 3339.
func (e Env) Data() (map[string]any, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("template data: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("template data: %w", err)
	}
	return m, nil
}

// Sample is a representative env: previews and dry runs render with it,
// and template variables are checked against its shape.
func Sample(now time.Time) Env {
	items := []LineItem{{Title: "Linen shirt", SKU: "SHIRT-L", Quantity: 1, Price: 58}, {Title: "Canvas tote", SKU: "TOTE", Quantity: 2, Price: 20}}
	return Env{
		Event: Event{ID: "evt_sample", Type: "order.created", OccurredAt: now},
		Order: Order{ID: "820982911946154508", Number: "#1001", Email: "ada@example.com", Phone: "+15005550010", Total: 98,
			TotalDisplay: "98.00 USD", Currency: "USD", FinancialStatus: "paid", ItemCount: 3, Items: items, Tags: []string{},
			StatusURL: "https://example.myshopify.com/orders/sample", CreatedAt: now},
		Customer: Customer{ID: "cus_sample", ExternalID: "207119551", Email: "ada@example.com", Phone: "+15005550010", FirstName: "Ada", LastName: "Lovelace",
			TotalSpent: 1098, OrdersCount: 4, AverageOrderValue: 274.5, FirstOrderAt: now.AddDate(0, -6, 0), LastOrderAt: now,
			Tags: []string{"newsletter"}, EmailConsent: true, SMSConsent: true},
		Checkout: Checkout{ID: "981820079255243537", Email: "ada@example.com", Phone: "+15005550010", Total: 98, TotalDisplay: "98.00 USD",
			Currency: "USD", ItemCount: 3, Items: items, RecoveryURL: "https://example.myshopify.com/cart/recover/sample", UpdatedAt: now},
		Shipment: Shipment{OrderID: "820982911946154508", OrderNumber: "#1001", TrackingNumber: "1Z999AA10123456784",
			TrackingURL: "https://www.ups.com/track?tracknum=1Z999AA10123456784", Carrier: "UPS", Status: "in_transit"},
		Return:    Return{OrderID: "820982911946154508", OrderNumber: "#1001", Reason: "Too small"},
		Inventory: Inventory{SKU: "SHIRT-M-BLUE", Available: 3, LocationID: "655441491"},
		Store:     Store{Name: "Sample Store", Timezone: "America/New_York"},
		Discount:  Discount{Code: "COMEBACK-7QX2", Percent: 10},
		Run:       RunInfo{ID: "run_sample", StartedAt: now},
		Now:       now,
	}
}

// zeroTime fills the sample used only for its shape.
var zeroTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
