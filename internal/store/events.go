package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Event is a normalized event of a workspace: what rules trigger on.
type Event struct {
	bun.BaseModel `bun:"table:events"`

	ID           string  `bun:"id,pk"`
	AgencyID     string  `bun:"agency_id,notnull"`
	WorkspaceID  string  `bun:"workspace_id,notnull"`
	ConnectionID *string `bun:"connection_id"`
	Type         string  `bun:"type,notnull"`
	// Source identifies what caused the event (a stored webhook event's
	// id, or a derivation such as "abandoned:<checkout>:<time>"); an event
	// type is recorded once per source.
	Source     string    `bun:"source,notnull"`
	ResourceID string    `bun:"resource_id,notnull"`
	CustomerID *string   `bun:"customer_id"`
	Data       string    `bun:"data,notnull"`
	OccurredAt time.Time `bun:"occurred_at,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// InsertEvent records an event unless its type was already recorded for
// its source; it reports whether it is new.
func InsertEvent(ctx context.Context, db bun.IDB, e *Event) (bool, error) {
	res, err := db.NewInsert().Model(e).On("CONFLICT (workspace_id, type, source) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// EventByID finds an event.
func EventByID(ctx context.Context, db bun.IDB, id string) (*Event, error) {
	e := new(Event)
	err := db.NewSelect().Model(e).Where("id = ?", id).Scan(ctx)
	return e, notFound(err)
}

// LatestEventOfResource is the newest event of one of types about a
// resource.
func LatestEventOfResource(ctx context.Context, db bun.IDB, workspaceID, resourceID string, types []string) (*Event, error) {
	e := new(Event)
	err := db.NewSelect().Model(e).Where("workspace_id = ?", workspaceID).Where("resource_id = ?", resourceID).
		Where("type IN (?)", bun.List(types)).Order("occurred_at DESC", "id DESC").Limit(1).Scan(ctx)
	return e, notFound(err)
}

// EventsBetween lists a workspace's events of a type in [from, to), oldest
// first, at most limit.
func EventsBetween(ctx context.Context, db bun.IDB, workspaceID, typ string, from, to time.Time, limit int) ([]Event, error) {
	var es []Event
	err := db.NewSelect().Model(&es).Where("workspace_id = ?", workspaceID).Where("type = ?", typ).
		Where("occurred_at >= ?", from).Where("occurred_at < ?", to).Order("occurred_at ASC", "id ASC").Limit(int64(limit)).Scan(ctx)
	return es, err
}

// LatestEventOfType is a workspace's newest event of a type (for samples).
func LatestEventOfType(ctx context.Context, db bun.IDB, workspaceID, typ string) (*Event, error) {
	e := new(Event)
	err := db.NewSelect().Model(e).Where("workspace_id = ?", workspaceID).Where("type = ?", typ).
		Order("occurred_at DESC", "id DESC").Limit(1).Scan(ctx)
	return e, notFound(err)
}
