package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Customer is a workspace's profile of one customer, kept up to date from
// events: identity and consent from the latest customer data, spending
// from the orders the hub has seen.
type Customer struct {
	bun.BaseModel `bun:"table:customers"`

	ID          string `bun:"id,pk"`
	AgencyID    string `bun:"agency_id,notnull"`
	WorkspaceID string `bun:"workspace_id,notnull"`
	// SourceKey identifies the customer within the workspace:
	// "email:<lower-case address>", or "ext:<connection>:<provider id>"
	// when no email is known.
	SourceKey string `bun:"source_key,notnull"`
	// ExternalID is the store's id of the customer (the latest seen).
	ExternalID      string     `bun:"external_id,notnull"`
	Email           string     `bun:"email,notnull"`
	Phone           string     `bun:"phone,notnull"`
	FirstName       string     `bun:"first_name,notnull"`
	LastName        string     `bun:"last_name,notnull"`
	Tags            []string   `bun:"tags,type:text,notnull"`
	EmailConsent    bool       `bun:"email_consent,notnull"`
	SMSConsent      bool       `bun:"sms_consent,notnull"`
	TotalSpentCents int64      `bun:"total_spent_cents,notnull"`
	Currency        string     `bun:"currency,notnull"`
	OrdersCount     int        `bun:"orders_count,notnull"`
	FirstOrderAt    *time.Time `bun:"first_order_at"`
	LastOrderAt     *time.Time `bun:"last_order_at"`
	// SourceUpdatedAt is the provider's updated_at of the last customer
	// data applied: older deliveries do not overwrite newer ones.
	SourceUpdatedAt *time.Time `bun:"source_updated_at"`
	CreatedAt       time.Time  `bun:"created_at,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
}

// CustomerBySourceKey finds a workspace's customer.
func CustomerBySourceKey(ctx context.Context, db bun.IDB, workspaceID, key string) (*Customer, error) {
	c := new(Customer)
	err := db.NewSelect().Model(c).Where("workspace_id = ?", workspaceID).Where("source_key = ?", key).Scan(ctx)
	return c, notFound(err)
}

// CustomerByID finds a customer.
func CustomerByID(ctx context.Context, db bun.IDB, id string) (*Customer, error) {
	c := new(Customer)
	err := db.NewSelect().Model(c).Where("id = ?", id).Scan(ctx)
	return c, notFound(err)
}

// InsertCustomer adds a customer.
func InsertCustomer(ctx context.Context, db bun.IDB, c *Customer) error {
	_, err := db.NewInsert().Model(c).Exec(ctx)
	return err
}

// UpdateCustomer writes a customer's profile.
func UpdateCustomer(ctx context.Context, db bun.IDB, c *Customer) error {
	_, err := db.NewUpdate().Model(c).WherePK().Exec(ctx)
	return err
}

// OrderStats are a customer's spending, from their orders.
type OrderStats struct {
	TotalCents int64      `bun:"total"`
	Count      int        `bun:"n"`
	First      *time.Time `bun:"first"`
	Last       *time.Time `bun:"last"`
}

// CustomerOrderStats sums a customer's orders that were not cancelled.
func CustomerOrderStats(ctx context.Context, db bun.IDB, customerID string) (OrderStats, error) {
	var s OrderStats
	err := db.NewSelect().Model((*Order)(nil)).
		ColumnExpr("COALESCE(SUM(total_cents), 0) AS total, COUNT(*) AS n, MIN(placed_at) AS first, MAX(placed_at) AS last").
		Where("customer_id = ?", customerID).Where("cancelled = ?", false).Scan(ctx, &s)
	return s, err
}

// ListCustomers pages through a workspace's customers, newest first.
func ListCustomers(ctx context.Context, db bun.IDB, workspaceID string, args PageArgs) (Page[Customer], error) {
	q := db.NewSelect().Model((*Customer)(nil)).Where("workspace_id = ?", workspaceID)
	return paginate[Customer](ctx, q, args)
}

// CustomersInactiveSince lists a workspace's customers whose last order
// was at or before cutoff, at most limit, longest inactive first.
func CustomersInactiveSince(ctx context.Context, db bun.IDB, workspaceID string, cutoff time.Time, limit int) ([]Customer, error) {
	var cs []Customer
	err := db.NewSelect().Model(&cs).Where("workspace_id = ?", workspaceID).Where("last_order_at <= ?", cutoff).
		Order("last_order_at ASC").Limit(int64(limit)).Scan(ctx)
	return cs, err
}

// WorkspacesWithEnabledRule lists the workspaces having an enabled rule
// triggered by eventType.
func WorkspacesWithEnabledRule(ctx context.Context, db bun.IDB, eventType string) ([]string, error) {
	var ids []string
	err := db.NewSelect().Model((*Rule)(nil)).ColumnExpr("DISTINCT workspace_id").Where("trigger_type = ?", eventType).
		Where("enabled = ?", true).Scan(ctx, &ids)
	return ids, err
}
