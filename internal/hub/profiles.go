package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// eventData is what an event stores of its facts, in the rules' shape.
type eventData struct {
	Order    *rules.Order    `json:"order,omitempty"`
	Checkout *rules.Checkout `json:"checkout,omitempty"`
	Shipment *rules.Shipment `json:"shipment,omitempty"`
	Return   *rules.Return   `json:"return,omitempty"`
	// Inventory is an inventory.changed event's stock level.
	Inventory *rules.Inventory `json:"inventory,omitempty"`
}

// amount turns integer minor units of currency into a number (98.5).
func amount(minor int64, currency string) float64 {
	return float64(minor) / math.Pow10(connectors.MinorDigits(currency))
}

// money shows an amount with its currency ("98.50 USD", "1200 JPY").
func money(minor int64, currency string) string {
	return strings.TrimSpace(fmt.Sprintf("%.*f %s", connectors.MinorDigits(currency), amount(minor, currency), currency))
}

func lineItems(items []connectors.LineItemFacts, currency string) ([]rules.LineItem, int) {
	out := make([]rules.LineItem, len(items))
	n := 0
	for i, it := range items {
		out[i] = rules.LineItem{Title: it.Title, SKU: it.SKU, Quantity: it.Quantity, Price: amount(it.PriceCents, currency)}
		n += it.Quantity
	}
	return out, n
}

// dataOf turns a normalized event's facts into what rules see.
func dataOf(n connectors.Normalized) eventData {
	var d eventData
	if o := n.Order; o != nil {
		items, count := lineItems(o.Items, o.Currency)
		d.Order = &rules.Order{ID: o.ExternalID, Number: o.Number, Email: o.Email, Phone: o.Phone, Total: amount(o.TotalCents, o.Currency),
			TotalDisplay: money(o.TotalCents, o.Currency), Currency: o.Currency, FinancialStatus: o.FinancialStatus,
			ItemCount: count, Items: items, Tags: o.Tags, StatusURL: o.StatusURL, CreatedAt: o.PlacedAt}
	}
	if c := n.Checkout; c != nil {
		items, count := lineItems(c.Items, c.Currency)
		d.Checkout = &rules.Checkout{ID: c.ExternalID, Email: c.Email, Phone: c.Phone, Total: amount(c.TotalCents, c.Currency),
			TotalDisplay: money(c.TotalCents, c.Currency), Currency: c.Currency, ItemCount: count, Items: items,
			RecoveryURL: c.RecoveryURL, UpdatedAt: n.UpdatedAt}
	}
	if s := n.Shipment; s != nil {
		d.Shipment = &rules.Shipment{OrderID: s.OrderExternalID, OrderNumber: s.OrderNumber, TrackingNumber: s.TrackingNumber,
			TrackingURL: s.TrackingURL, Carrier: s.Carrier, Status: s.Status}
	}
	if r := n.Return; r != nil {
		d.Return = &rules.Return{OrderID: r.OrderExternalID, OrderNumber: r.OrderNumber, Reason: r.Reason}
	}
	if i := n.Inventory; i != nil {
		d.Inventory = &rules.Inventory{SKU: i.SKU, Available: i.Available, LocationID: i.LocationID}
	}
	return d
}

// customerKey identifies the customer an event is about, by email when
// one is known.
func customerKey(n connectors.Normalized, connectionID string) (key, email string) {
	var ext string
	if c := n.Customer; c != nil {
		email, ext = c.Email, c.ExternalID
	}
	if email == "" && n.Order != nil {
		email = n.Order.Email
	}
	if email == "" && n.Checkout != nil {
		email = n.Checkout.Email
	}
	email = strings.ToLower(strings.TrimSpace(email))
	switch {
	case email != "":
		return "email:" + email, email
	case ext != "":
		return "ext:" + connectionID + ":" + ext, ""
	}
	return "", ""
}

// applyFacts updates the workspace's customer profile and order book from
// a normalized event, in tx. Older data (by the resource's updated_at)
// does not overwrite newer. It returns the customer (nil when the event
// names none).
func (s *Service) applyFacts(ctx context.Context, tx *txn, conn *store.Connection, n connectors.Normalized) (*store.Customer, error) {
	now := s.now()
	key, email := customerKey(n, conn.ID)
	var cust *store.Customer
	if key != "" {
		c, err := store.CustomerBySourceKey(ctx, tx, conn.WorkspaceID, key)
		switch {
		case errors.Is(err, store.ErrNotFound):
			c = &store.Customer{ID: store.NewID(), AgencyID: conn.AgencyID, WorkspaceID: conn.WorkspaceID, SourceKey: key,
				Email: email, Tags: []string{}, CreatedAt: now, UpdatedAt: now}
			if err := store.InsertCustomer(ctx, tx, c); err != nil {
				return nil, fmt.Errorf("create customer: %w", err)
			}
		case err != nil:
			return nil, fmt.Errorf("find customer: %w", err)
		}
		cust = c
		if f := n.Customer; f != nil && newer(n.UpdatedAt, c.SourceUpdatedAt) {
			mergeCustomer(c, f)
			if !n.UpdatedAt.IsZero() {
				at := n.UpdatedAt
				c.SourceUpdatedAt = &at
			}
		}
		if c.Phone == "" && n.Order != nil {
			c.Phone = n.Order.Phone
		}
	}
	if cust == nil {
		// Shipments and returns name their order: the order knows its customer.
		if c, err := s.customerOfOrder(ctx, tx, conn, n); err != nil || c != nil {
			return c, err
		}
	}
	if o := n.Order; o != nil && o.ExternalID != "" {
		if err := s.applyOrder(ctx, tx, conn, cust, n, o); err != nil {
			return nil, err
		}
	}
	if cust != nil {
		stats, err := store.CustomerOrderStats(ctx, tx, cust.ID)
		if err != nil {
			return nil, fmt.Errorf("sum the customer's orders: %w", err)
		}
		cust.TotalSpentCents, cust.OrdersCount, cust.FirstOrderAt, cust.LastOrderAt = stats.TotalCents, stats.Count, stats.First, stats.Last
		if n.Order != nil && n.Order.Currency != "" {
			cust.Currency = n.Order.Currency
		}
		cust.UpdatedAt = now
		if err := store.UpdateCustomer(ctx, tx, cust); err != nil {
			return nil, fmt.Errorf("update customer: %w", err)
		}
	}
	return cust, nil
}

// customerOfOrder is the customer of the order a shipment or return is
// about, when the hub has seen that order.
func (s *Service) customerOfOrder(ctx context.Context, tx *txn, conn *store.Connection, n connectors.Normalized) (*store.Customer, error) {
	orderID := ""
	switch {
	case n.Shipment != nil:
		orderID = n.Shipment.OrderExternalID
	case n.Return != nil:
		orderID = n.Return.OrderExternalID
	}
	if orderID == "" {
		return nil, nil
	}
	o, err := store.OrderByExternalID(ctx, tx, conn.ID, orderID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && o.CustomerID == nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the order: %w", err)
	}
	c, err := store.CustomerByID(ctx, tx, *o.CustomerID)
	if err != nil {
		return nil, fmt.Errorf("find the order's customer: %w", err)
	}
	return c, nil
}

func newer(at time.Time, held *time.Time) bool {
	return held == nil || at.IsZero() || !at.Before(*held)
}

func mergeCustomer(c *store.Customer, f *connectors.CustomerFacts) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&c.ExternalID, f.ExternalID)
	set(&c.Phone, f.Phone)
	set(&c.FirstName, f.FirstName)
	set(&c.LastName, f.LastName)
	if f.Tags != nil {
		c.Tags = f.Tags
	}
	if f.EmailConsent != nil {
		c.EmailConsent = *f.EmailConsent
	}
	if f.SMSConsent != nil {
		c.SMSConsent = *f.SMSConsent
	}
}

func (s *Service) applyOrder(ctx context.Context, tx *txn, conn *store.Connection, cust *store.Customer, n connectors.Normalized, o *connectors.OrderFacts) error {
	now := s.now()
	row, err := store.OrderByExternalID(ctx, tx, conn.ID, o.ExternalID)
	isNew := errors.Is(err, store.ErrNotFound)
	if err != nil && !isNew {
		return fmt.Errorf("find order: %w", err)
	}
	if isNew {
		row = &store.Order{ID: store.NewID(), AgencyID: conn.AgencyID, WorkspaceID: conn.WorkspaceID, ConnectionID: conn.ID,
			ExternalID: o.ExternalID, CreatedAt: now}
	} else if !newer(n.UpdatedAt, row.SourceUpdatedAt) {
		return nil // an older delivery of this order: keep what is newer
	}
	if cust != nil {
		row.CustomerID = &cust.ID
	}
	row.Number, row.Email, row.TotalCents, row.Currency = o.Number, strings.ToLower(o.Email), o.TotalCents, o.Currency
	row.FinancialStatus, row.Cancelled, row.UpdatedAt = o.FinancialStatus, o.Cancelled || n.Type == "order.cancelled", now
	if row.PlacedAt = o.PlacedAt; row.PlacedAt.IsZero() {
		row.PlacedAt = n.OccurredAt
	}
	if !n.UpdatedAt.IsZero() {
		at := n.UpdatedAt
		row.SourceUpdatedAt = &at
	}
	if isNew {
		err = store.InsertOrder(ctx, tx, row)
	} else {
		err = store.UpdateOrder(ctx, tx, row)
	}
	if err != nil {
		return fmt.Errorf("save order: %w", err)
	}
	return nil
}

// customerEnv is the rules' view of a customer profile at now.
func customerEnv(c *store.Customer, now time.Time) rules.Customer {
	if c == nil {
		return rules.Customer{Tags: []string{}}
	}
	out := rules.Customer{ID: c.ID, ExternalID: c.ExternalID, Email: c.Email, Phone: c.Phone, FirstName: c.FirstName, LastName: c.LastName,
		TotalSpent: amount(c.TotalSpentCents, c.Currency), OrdersCount: c.OrdersCount, Tags: c.Tags,
		EmailConsent: c.EmailConsent, SMSConsent: c.SMSConsent}
	if c.OrdersCount > 0 {
		out.AverageOrderValue = amount(c.TotalSpentCents/int64(c.OrdersCount), c.Currency)
	}
	if c.FirstOrderAt != nil {
		out.FirstOrderAt = *c.FirstOrderAt
	}
	if c.LastOrderAt != nil {
		out.LastOrderAt = *c.LastOrderAt
		out.DaysSinceLastOrder = int(now.Sub(*c.LastOrderAt).Hours() / 24)
	}
	return out
}

// envFor is what a rule sees for an event: its facts, the customer's
// profile as it is now, the store, and what the run produced so far.
func (s *Service) envFor(ctx context.Context, db bun.IDB, ev *store.Event, run *store.Run, cust *store.Customer) (rules.Env, error) {
	now := s.now()
	var d eventData
	if err := json.Unmarshal([]byte(ev.Data), &d); err != nil {
		return rules.Env{}, fmt.Errorf("read event %s: %w", ev.ID, err)
	}
	env := rules.Env{Event: rules.Event{ID: ev.ID, Type: ev.Type, OccurredAt: ev.OccurredAt}, Customer: customerEnv(cust, now), Now: now}
	if d.Order != nil {
		env.Order = *d.Order
	}
	if d.Checkout != nil {
		env.Checkout = *d.Checkout
	}
	if d.Shipment != nil {
		env.Shipment = *d.Shipment
	}
	if d.Inventory != nil {
		env.Inventory = *d.Inventory
	}
	if d.Return != nil {
		env.Return = *d.Return
	}
	if w, err := store.WorkspaceByID(ctx, db, ev.WorkspaceID); err == nil {
		env.Store = rules.Store{Name: w.Name, Timezone: w.TimeZone}
	}
	if run != nil {
		env.Run = rules.RunInfo{ID: run.ID, StartedAt: run.StartedAt}
		env.Discount.Code = run.State["discount.code"]
		fmt.Sscan(run.State["discount.percent"], &env.Discount.Percent) //nolint:errcheck // absent means 0
	}
	return env, nil
}
