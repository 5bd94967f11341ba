package shopify

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

var _ connectors.EventNormalizer = Connector{}

// Normalize implements connectors.EventNormalizer: a stored webhook body
// becomes the Spec's events with their facts. Topics that emit nothing
// (compliance, app/uninstalled, orders/updated, unknown ones) give none;
// so do a fulfillment without a tracking number, a fulfillment update
// without a shipment status and an untracked item's inventory level. A
// body that cannot be read is an error.
func (Connector) Normalize(topic string, body []byte) ([]connectors.Normalized, error) {
	typ := EventType(topic)
	if typ == "" {
		return nil, nil
	}
	p, err := ParsePayload(topic, body)
	if err != nil {
		return nil, fmt.Errorf("shopify: normalize %s: %w", topic, err)
	}
	var out []connectors.Normalized
	switch v := p.(type) {
	case *Order:
		out, err = v.normalize(typ)
	case *Checkout:
		out, err = v.normalize(typ)
	case *Customer:
		out = []connectors.Normalized{{Type: typ, ResourceID: string(v.ID), OccurredAt: v.occurredAt(typ), UpdatedAt: v.UpdatedAt, Customer: v.facts(true)}}
	case *Fulfillment:
		out = v.normalize(typ)
	case *Refund:
		out = []connectors.Normalized{{Type: typ, ResourceID: string(v.ID), OccurredAt: v.CreatedAt, Refund: v.facts()}}
	case *Return:
		out = []connectors.Normalized{v.normalize(typ)}
	case *InventoryLevel:
		out = v.normalize(typ)
	}
	if err != nil {
		return nil, fmt.Errorf("shopify: normalize %s: %w", topic, err)
	}
	return out, nil
}

func (o *Order) normalize(typ string) ([]connectors.Normalized, error) {
	total, err := o.TotalPrice.MinorUnits(o.Currency)
	if err != nil {
		return nil, err
	}
	items, err := lineItemFacts(o.LineItems, o.Currency)
	if err != nil {
		return nil, err
	}
	f := &connectors.OrderFacts{ExternalID: string(o.ID), Number: o.Name, Email: o.Email, Phone: o.Phone, TotalCents: total,
		Currency: o.Currency, FinancialStatus: o.FinancialStatus, Cancelled: o.CancelledAt != nil, StatusURL: o.StatusURL,
		Tags: nonNil(splitTags(o.RawTags)), Items: items, PlacedAt: o.CreatedAt}
	occurred := firstSet(o.UpdatedAt, o.CreatedAt)
	switch {
	case typ == "order.created":
		occurred = o.CreatedAt
	case typ == "order.cancelled" && o.CancelledAt != nil:
		occurred = *o.CancelledAt
	}
	n := connectors.Normalized{Type: typ, ResourceID: string(o.ID), OccurredAt: occurred, UpdatedAt: o.UpdatedAt, Order: f}
	if o.Customer != nil {
		n.Customer = o.Customer.facts(false)
		if n.Customer.Email == "" {
			n.Customer.Email = o.Email
		}
		if f.Email == "" {
			f.Email = o.Customer.Email
		}
	}
	return []connectors.Normalized{n}, nil
}

func (c *Checkout) normalize(typ string) ([]connectors.Normalized, error) {
	total, err := c.TotalPrice.MinorUnits(c.Currency)
	if err != nil {
		return nil, err
	}
	items, err := lineItemFacts(c.LineItems, c.Currency)
	if err != nil {
		return nil, err
	}
	id := string(c.ID)
	if id == "" {
		id = c.Token
	}
	f := &connectors.CheckoutFacts{ExternalID: id, Email: c.Email, Phone: c.Phone, TotalCents: total, Currency: c.Currency,
		RecoveryURL: c.RecoveryURL, Items: items, Completed: c.CompletedAt != nil}
	occurred := c.CreatedAt
	if typ == "checkout.updated" {
		occurred = firstSet(c.UpdatedAt, c.CreatedAt)
	}
	n := connectors.Normalized{Type: typ, ResourceID: id, OccurredAt: occurred, UpdatedAt: c.UpdatedAt, Checkout: f}
	if c.Customer != nil && c.Customer.ID != "" {
		n.Customer = c.Customer.facts(false)
		if n.Customer.Email == "" {
			n.Customer.Email = c.Email
		}
		if f.Email == "" {
			f.Email = c.Customer.Email
		}
	}
	return []connectors.Normalized{n}, nil
}

func (c *Customer) occurredAt(typ string) time.Time {
	if typ == "customer.updated" {
		return firstSet(c.UpdatedAt, c.CreatedAt)
	}
	return c.CreatedAt
}

// facts is what a customer payload says: consent to email and SMS
// marketing is true when subscribed, false in any other known state
// (not_subscribed, unsubscribed, pending, …), unsaid when absent. A
// customers/* body is the whole customer, so no tags means none; the
// customer inside an order or checkout may come without its tags, so
// there no tags say nothing.
func (c *Customer) facts(whole bool) *connectors.CustomerFacts {
	f := &connectors.CustomerFacts{ExternalID: string(c.ID), Email: c.Email, Phone: c.Phone, FirstName: c.FirstName,
		LastName: c.LastName, Tags: c.Tags(), EmailConsent: c.EmailMarketingConsent.subscribed(),
		SMSConsent: c.SMSMarketingConsent.subscribed()}
	if whole {
		f.Tags = nonNil(f.Tags)
	}
	return f
}

func (m *MarketingConsent) subscribed() *bool {
	if m == nil || m.State == "" {
		return nil
	}
	v := m.State == "subscribed"
	return &v
}

// normalize: fulfillments/create emits shipment.created once there is a
// tracking number; fulfillments/update emits shipment.status_changed when
// the carrier status is known, and shipment.delivered as well once it is
// "delivered".
func (f *Fulfillment) normalize(typ string) []connectors.Normalized {
	s := &connectors.ShipmentFacts{OrderExternalID: string(f.OrderID), OrderNumber: orderNumber(f.Name), TrackingNumber: f.TrackingNumber,
		TrackingURL: f.TrackingURL, Carrier: f.Carrier, Status: f.ShipmentStatus}
	if s.TrackingNumber == "" && len(f.TrackingNumbers) > 0 {
		s.TrackingNumber = f.TrackingNumbers[0]
	}
	if s.TrackingURL == "" && len(f.TrackingURLs) > 0 {
		s.TrackingURL = f.TrackingURLs[0]
	}
	event := func(typ string, at time.Time) connectors.Normalized {
		return connectors.Normalized{Type: typ, ResourceID: string(f.ID), OccurredAt: at, UpdatedAt: f.UpdatedAt, Shipment: s}
	}
	switch {
	case typ == "shipment.created" && s.TrackingNumber != "":
		return []connectors.Normalized{event(typ, f.CreatedAt)}
	case typ == "shipment.status_changed" && s.Status != "":
		out := []connectors.Normalized{event(typ, firstSet(f.UpdatedAt, f.CreatedAt))}
		if s.Status == "delivered" {
			out = append(out, event("shipment.delivered", firstSet(f.UpdatedAt, f.CreatedAt)))
		}
		return out
	}
	return nil
}

// normalize gives the return's order and its reasons (the customer's note
// for "other"), distinct and comma-separated.
func (r *Return) normalize(typ string) connectors.Normalized {
	var reasons []string
	for _, li := range r.LineItems {
		reason := li.ReturnReason
		if note := firstNonEmpty(li.ReturnReasonNote, li.CustomerNote); (reason == "" || reason == "other") && note != "" {
			reason = note
		}
		if reason != "" && !slices.Contains(reasons, reason) {
			reasons = append(reasons, reason)
		}
	}
	return connectors.Normalized{Type: typ, ResourceID: string(r.ID), Return: &connectors.ReturnFacts{
		OrderExternalID: string(r.Order.ID), OrderNumber: orderNumber(r.Name), Reason: strings.Join(reasons, ", ")}}
}

// normalize gives the level's available quantity; Ref names the level as
// ReadStock does (the item's and the location's gids).
// facts are the refund's order and the lines it put back in stock.
func (r *Refund) facts() *connectors.RefundFacts {
	f := &connectors.RefundFacts{OrderExternalID: string(r.OrderID)}
	for _, l := range r.Lines {
		if l.RestockType == "no_restock" || l.Quantity <= 0 {
			continue
		}
		f.Restocked = append(f.Restocked, connectors.LineItemFacts{Title: l.LineItem.Title, SKU: l.LineItem.SKU, Quantity: l.Quantity})
	}
	return f
}

func (l *InventoryLevel) normalize(typ string) []connectors.Normalized {
	if l.Available == nil {
		return nil
	}
	return []connectors.Normalized{{Type: typ, ResourceID: string(l.InventoryItemID) + "@" + string(l.LocationID), OccurredAt: l.UpdatedAt,
		UpdatedAt: l.UpdatedAt, Inventory: &connectors.InventoryFacts{Ref: l.Ref(), InventoryItemID: string(l.InventoryItemID),
			LocationID: string(l.LocationID), Available: *l.Available}}}
}

func lineItemFacts(items []LineItem, currency string) ([]connectors.LineItemFacts, error) {
	out := make([]connectors.LineItemFacts, 0, len(items))
	for i, li := range items {
		price, err := li.Price.MinorUnits(currency)
		if err != nil {
			return nil, fmt.Errorf("line item %d: %w", i, err)
		}
		out = append(out, connectors.LineItemFacts{Title: li.Title, SKU: li.SKU, Quantity: li.Quantity, PriceCents: price})
	}
	return out, nil
}

// childSuffix is what Shopify appends to an order's name to name its
// fulfillments ("#1001.2") and returns ("#1001-R1").
var childSuffix = regexp.MustCompile(`(\.\d+|-R\d+)$`)

// orderNumber is the order's name in a fulfillment's or return's name.
func orderNumber(name string) string { return childSuffix.ReplaceAllString(name, "") }

func firstSet(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// nonNil makes an empty list say "no tags" rather than "not said".
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
