package connectors

import (
	"context"
	"time"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Normalized is a provider event in the hub's vocabulary: the event type a
// rule triggers on (one of the Spec's Events) and the facts it carries.
// Only the facts the event is about are set.
type Normalized struct {
	// Type is the normalized event type ("order.created").
	Type string
	// ResourceID is the provider's id of the resource the event is about
	// (the order, checkout, fulfillment, tracker, message).
	ResourceID string
	// OccurredAt is when it happened at the provider; UpdatedAt is the
	// resource's updated_at, which guards against out-of-order deliveries.
	OccurredAt time.Time
	UpdatedAt  time.Time

	Customer *CustomerFacts
	Order    *OrderFacts
	Checkout *CheckoutFacts
	Shipment *ShipmentFacts
	Return   *ReturnFacts
	// Inventory is set by inventory.changed.
	Inventory *InventoryFacts
	// Refund is set by refund.created.
	Refund *RefundFacts
}

// RefundFacts is a refund: the order it refunds and the lines it put back
// in stock.
type RefundFacts struct {
	OrderExternalID string
	// Restocked are the refunded lines returned to stock (SKU, quantity).
	Restocked []LineItemFacts
}

// CustomerFacts is what an event says about a customer. Nil pointers mean
// "not said" (the profile keeps what it had).
type CustomerFacts struct {
	// ExternalID is the provider's customer id; Email identifies the
	// customer across providers.
	ExternalID   string
	Email        string
	Phone        string
	FirstName    string
	LastName     string
	Tags         []string
	EmailConsent *bool
	SMSConsent   *bool
}

// OrderFacts is an order.
type OrderFacts struct {
	ExternalID string
	Number     string
	Email      string
	Phone      string
	// TotalCents is the order total in minor units of Currency.
	TotalCents      int64
	Currency        string
	FinancialStatus string
	Cancelled       bool
	StatusURL       string
	Tags            []string
	Items           []LineItemFacts
	PlacedAt        time.Time
}

// LineItemFacts is one line of an order or checkout.
type LineItemFacts struct {
	Title      string
	SKU        string
	Quantity   int
	PriceCents int64
}

// CheckoutFacts is a checkout (a cart on its way to an order).
type CheckoutFacts struct {
	ExternalID  string
	Email       string
	Phone       string
	TotalCents  int64
	Currency    string
	RecoveryURL string
	Items       []LineItemFacts
	// Completed is true once the checkout became an order.
	Completed bool
}

// ShipmentFacts is a fulfillment or a carrier's tracker.
type ShipmentFacts struct {
	OrderExternalID string
	OrderNumber     string
	TrackingNumber  string
	TrackingURL     string
	Carrier         string
	// Status is the carrier's status (pre_transit, in_transit,
	// out_for_delivery, delivered, failure, return_to_sender, …).
	Status string
}

// ReturnFacts is a customer's return request.
type ReturnFacts struct {
	OrderExternalID string
	OrderNumber     string
	Reason          string
}

// InventoryFacts is an available quantity at a location.
type InventoryFacts struct {
	// Ref names the level as the connector's StockKeeper does.
	Ref             StockRef
	InventoryItemID string
	LocationID      string
	SKU             string
	Available       int
}

// EventNormalizer turns a stored webhook event (its topic and body) into
// normalized events; none for topics that emit nothing.
type EventNormalizer interface {
	Normalize(topic string, body []byte) ([]Normalized, error)
}

// ActionCall is one action a rule step asks a connection to run.
type ActionCall struct {
	// Action is the name of one of the Spec's actions.
	Action string
	// Input holds the rendered inputs by field name.
	Input map[string]string
	// IdempotencyKey is the same on every retry of the step: send it to
	// the provider where it takes one (Idempotency-Key, Message-ID).
	IdempotencyKey string
	// Conn is the connection (config, secrets, environment).
	Conn Conn
	// Token is an OAuth connection's access token (empty otherwise).
	Token secrets.Secret
}

// ActionResult is what an action produced.
type ActionResult struct {
	// Output is data later steps may use (e.g. {"code": "SAVE10-X7Q"} for
	// create_discount_code, {"id": "…"} of what was created).
	Output map[string]string
	// Summary says in a few words what the provider answered, for the run
	// log ("message SM123 queued"); never a secret.
	Summary string
}

// ActionError is a failed action with the provider's answer (secrets
// redacted) and whether trying again can help.
type ActionError struct {
	Message string
	// Response is the provider's answer (status and body, redacted).
	Response string
	// Permanent errors (bad input, 4xx other than 408/429) are not retried.
	Permanent bool
	// RetryAfter, when set, is how long the provider asked to wait.
	RetryAfter time.Duration
}

func (e *ActionError) Error() string { return e.Message }

// ActionRunner runs a connector's actions.
type ActionRunner interface {
	RunAction(ctx context.Context, call ActionCall) (ActionResult, error)
}
