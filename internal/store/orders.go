package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Order is an order seen in a store's events.
type Order struct {
	bun.BaseModel `bun:"table:orders"`

	ID              string     `bun:"id,pk"`
	AgencyID        string     `bun:"agency_id,notnull"`
	WorkspaceID     string     `bun:"workspace_id,notnull"`
	ConnectionID    string     `bun:"connection_id,notnull"`
	ExternalID      string     `bun:"external_id,notnull"`
	CustomerID      *string    `bun:"customer_id"`
	Number          string     `bun:"number,notnull"`
	Email           string     `bun:"email,notnull"`
	TotalCents      int64      `bun:"total_cents,notnull"`
	Currency        string     `bun:"currency,notnull"`
	FinancialStatus string     `bun:"financial_status,notnull"`
	Cancelled       bool       `bun:"cancelled,notnull"`
	PlacedAt        time.Time  `bun:"placed_at,notnull"`
	SourceUpdatedAt *time.Time `bun:"source_updated_at"`
	CreatedAt       time.Time  `bun:"created_at,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
}

// OrderByExternalID finds a connection's order by the provider's id.
func OrderByExternalID(ctx context.Context, db bun.IDB, connectionID, externalID string) (*Order, error) {
	o := new(Order)
	err := db.NewSelect().Model(o).Where("connection_id = ?", connectionID).Where("external_id = ?", externalID).Scan(ctx)
	return o, notFound(err)
}

// InsertOrder adds an order.
func InsertOrder(ctx context.Context, db bun.IDB, o *Order) error {
	_, err := db.NewInsert().Model(o).Exec(ctx)
	return err
}

// UpdateOrder writes an order.
func UpdateOrder(ctx context.Context, db bun.IDB, o *Order) error {
	_, err := db.NewUpdate().Model(o).WherePK().Exec(ctx)
	return err
}

// CustomerOrderedSince reports whether a customer (by id, or by email when
// the id is empty) placed an order after t.
func CustomerOrderedSince(ctx context.Context, db bun.IDB, workspaceID, customerID, email string, t time.Time) (bool, error) {
	q := db.NewSelect().Model((*Order)(nil)).Where("workspace_id = ?", workspaceID).Where("placed_at > ?", t)
	switch {
	case customerID != "" && email != "":
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("customer_id = ?", customerID).WhereOr("email = ?", email)
		})
	case customerID != "":
		q = q.Where("customer_id = ?", customerID)
	case email != "":
		q = q.Where("email = ?", email)
	default:
		return false, nil
	}
	return q.Exists(ctx)
}
