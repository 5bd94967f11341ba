package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// InventoryPolicy is how a workspace keeps its sales channels' stock equal.
type InventoryPolicy struct {
	bun.BaseModel `bun:"table:inventory_policies"`

	WorkspaceID string `bun:"workspace_id,pk"`
	AgencyID    string `bun:"agency_id,notnull"`
	Enabled     bool   `bun:"enabled,notnull"`
	// SourceConnectionID is the channel whose stock wins at reconciliation.
	SourceConnectionID *string `bun:"source_connection_id"`
	// ChannelIDs is a JSON array of connection ids, in the user's order.
	ChannelIDs      string     `bun:"channel_ids,notnull"`
	ReconcileCron   string     `bun:"reconcile_cron,notnull"`
	NextReconcileAt *time.Time `bun:"next_reconcile_at"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
}

// Channels decodes ChannelIDs.
func (p *InventoryPolicy) Channels() []string {
	var ids []string
	_ = json.Unmarshal([]byte(p.ChannelIDs), &ids)
	return ids
}

// SetChannels encodes ChannelIDs.
func (p *InventoryPolicy) SetChannels(ids []string) {
	b, _ := json.Marshal(ids)
	p.ChannelIDs = string(b)
}

// InventoryItem is one SKU's stock as the hub keeps it: every channel is
// set to Available.
type InventoryItem struct {
	bun.BaseModel `bun:"table:inventory_items"`

	ID          string    `bun:"id,pk"`
	WorkspaceID string    `bun:"workspace_id,notnull"`
	SKU         string    `bun:"sku,notnull"`
	Title       string    `bun:"title,notnull"`
	Available   int       `bun:"available,notnull"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`
}

// InventoryLevel is a channel's level of one SKU as the hub last saw or set
// it. Pending is a quantity being set at the channel right now: a report of
// exactly that quantity is the channel echoing the hub's own change.
type InventoryLevel struct {
	bun.BaseModel `bun:"table:inventory_levels"`

	ID           string    `bun:"id,pk"`
	ItemID       string    `bun:"item_id,notnull"`
	WorkspaceID  string    `bun:"workspace_id,notnull"`
	ConnectionID string    `bun:"connection_id,notnull"`
	ItemRef      string    `bun:"item_ref,notnull"`
	LocationRef  string    `bun:"location_ref,notnull"`
	Known        int       `bun:"known,notnull"`
	Pending      *int      `bun:"pending"`
	Pushes       int       `bun:"pushes,notnull"`
	Error        *string   `bun:"error"`
	UpdatedAt    time.Time `bun:"updated_at,notnull"`
}

// InventoryAdjustment is a recorded change of stock with its cause.
type InventoryAdjustment struct {
	bun.BaseModel `bun:"table:inventory_adjustments"`

	ID           string  `bun:"id,pk"`
	WorkspaceID  string  `bun:"workspace_id,notnull"`
	SKU          string  `bun:"sku,notnull"`
	ConnectionID *string `bun:"connection_id"`
	Cause        string  `bun:"cause,notnull"`
	Reference    string  `bun:"reference,notnull"`
	// EventKey, when set, makes recording the same event twice a no-op.
	EventKey  *string   `bun:"event_key"`
	Before    int       `bun:"before_qty,notnull"`
	After     int       `bun:"after_qty,notnull"`
	Oversold  int       `bun:"oversold,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// InventoryReconciliation is one pass over every channel.
type InventoryReconciliation struct {
	bun.BaseModel `bun:"table:inventory_reconciliations"`

	ID          string     `bun:"id,pk"`
	WorkspaceID string     `bun:"workspace_id,notnull"`
	Reason      string     `bun:"reason,notnull"`
	Status      string     `bun:"status,notnull"`
	SKUs        int        `bun:"skus,notnull"`
	Repaired    int        `bun:"repaired,notnull"`
	Error       *string    `bun:"error"`
	StartedAt   time.Time  `bun:"started_at,notnull"`
	FinishedAt  *time.Time `bun:"finished_at"`
}

// InventoryPolicyOf finds a workspace's policy.
func InventoryPolicyOf(ctx context.Context, db bun.IDB, workspaceID string) (*InventoryPolicy, error) {
	p := new(InventoryPolicy)
	err := db.NewSelect().Model(p).Where("workspace_id = ?", workspaceID).Scan(ctx)
	return p, notFound(err)
}

// SaveInventoryPolicy inserts or replaces a workspace's policy.
func SaveInventoryPolicy(ctx context.Context, db bun.IDB, p *InventoryPolicy) error {
	_, err := db.NewInsert().Model(p).On("CONFLICT (workspace_id) DO UPDATE").
		Set("enabled = EXCLUDED.enabled, source_connection_id = EXCLUDED.source_connection_id, channel_ids = EXCLUDED.channel_ids").
		Set("reconcile_cron = EXCLUDED.reconcile_cron, next_reconcile_at = EXCLUDED.next_reconcile_at, updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return err
}

// SetInventoryNextReconcile schedules a workspace's next reconciliation.
func SetInventoryNextReconcile(ctx context.Context, db bun.IDB, workspaceID string, at *time.Time) error {
	_, err := db.NewUpdate().Model((*InventoryPolicy)(nil)).Set("next_reconcile_at = ?", at).Where("workspace_id = ?", workspaceID).Exec(ctx)
	return err
}

// InventoryPoliciesDue lists enabled policies whose reconciliation is due.
func InventoryPoliciesDue(ctx context.Context, db bun.IDB, now time.Time) ([]InventoryPolicy, error) {
	var ps []InventoryPolicy
	err := db.NewSelect().Model(&ps).Where("enabled AND next_reconcile_at IS NOT NULL AND next_reconcile_at <= ?", now).
		Order("next_reconcile_at").Limit(100).Scan(ctx)
	return ps, err
}

// InventoryItemBySKU finds a workspace's item of a SKU.
func InventoryItemBySKU(ctx context.Context, db bun.IDB, workspaceID, sku string) (*InventoryItem, error) {
	it := new(InventoryItem)
	err := db.NewSelect().Model(it).Where("workspace_id = ? AND sku = ?", workspaceID, sku).Scan(ctx)
	return it, notFound(err)
}

// InventoryItemByID finds an item.
func InventoryItemByID(ctx context.Context, db bun.IDB, id string) (*InventoryItem, error) {
	it := new(InventoryItem)
	err := db.NewSelect().Model(it).Where("id = ?", id).Scan(ctx)
	return it, notFound(err)
}

// InsertInventoryItem adds an item.
func InsertInventoryItem(ctx context.Context, db bun.IDB, it *InventoryItem) error {
	_, err := db.NewInsert().Model(it).Exec(ctx)
	return err
}

// UpdateInventoryItem saves an item's stock and title.
func UpdateInventoryItem(ctx context.Context, db bun.IDB, it *InventoryItem) error {
	_, err := db.NewUpdate().Model(it).Column("title", "available", "updated_at").WherePK().Exec(ctx)
	return err
}

// InventoryItemQuery selects a page of a workspace's items.
type InventoryItemQuery struct {
	WorkspaceID string
	// Search matches SKU or title (case-insensitive substring).
	Search string
	// DriftOnly keeps items some channel's level differs from.
	DriftOnly     bool
	First, Offset int
}

// InventoryItems lists items by SKU with the total count.
func InventoryItems(ctx context.Context, db bun.IDB, q InventoryItemQuery) ([]InventoryItem, int, error) {
	var items []InventoryItem
	sel := db.NewSelect().Model(&items).Where("?TableAlias.workspace_id = ?", q.WorkspaceID)
	if q.Search != "" {
		like := "%" + escapeLike(q.Search) + "%"
		sel = sel.Where("(LOWER(?TableAlias.sku) LIKE LOWER(?) ESCAPE '\\' OR LOWER(?TableAlias.title) LIKE LOWER(?) ESCAPE '\\')", like, like)
	}
	if q.DriftOnly {
		sel = sel.Where("EXISTS (SELECT 1 FROM inventory_levels l WHERE l.item_id = ?TableAlias.id AND (l.known <> ?TableAlias.available OR l.error IS NOT NULL))")
	}
	total, err := sel.Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("count inventory items: %w", err)
	}
	err = sel.Order("sku").Limit(int64(q.First)).Offset(int64(q.Offset)).Scan(ctx)
	return items, int(total), err
}

// InventoryLevelsOfItems lists the levels of the items given.
func InventoryLevelsOfItems(ctx context.Context, db bun.IDB, itemIDs []string) ([]InventoryLevel, error) {
	var ls []InventoryLevel
	if len(itemIDs) == 0 {
		return ls, nil
	}
	err := db.NewSelect().Model(&ls).Where("item_id IN (?)", bun.In(itemIDs)).Order("item_id", "connection_id").Scan(ctx)
	return ls, err
}

// InventoryLevelByRef finds the level a channel names by ref.
func InventoryLevelByRef(ctx context.Context, db bun.IDB, connectionID, itemRef, locationRef string) (*InventoryLevel, error) {
	l := new(InventoryLevel)
	err := db.NewSelect().Model(l).Where("connection_id = ? AND item_ref = ? AND location_ref = ?", connectionID, itemRef, locationRef).Scan(ctx)
	return l, notFound(err)
}

// InventoryLevelsOfConnection lists a channel's levels of the SKUs given
// (all of them when skus is empty), with each level's SKU.
func InventoryLevelsOfConnection(ctx context.Context, db bun.IDB, connectionID string, skus []string) ([]InventoryLevel, error) {
	var ls []InventoryLevel
	q := db.NewSelect().Model(&ls).Where("connection_id = ?", connectionID)
	if len(skus) > 0 {
		q = q.Where("item_id IN (SELECT id FROM inventory_items WHERE sku IN (?) AND workspace_id = ?TableAlias.workspace_id)", bun.In(skus))
	}
	err := q.Scan(ctx)
	return ls, err
}

// UpsertInventoryLevel adds a level or, when the channel's ref is known
// already, moves it to the item and quantity given.
func UpsertInventoryLevel(ctx context.Context, db bun.IDB, l *InventoryLevel) error {
	_, err := db.NewInsert().Model(l).On("CONFLICT (connection_id, item_ref, location_ref) DO UPDATE").
		Set("item_id = EXCLUDED.item_id, known = EXCLUDED.known, pending = NULL, error = NULL, updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return err
}

// FreeInventoryLevelSlot removes what stands in the way of saving l: the
// channel's level of the same item under another ref (the product was
// recreated), and the level of another item under l's ref (its SKU
// changed).
func FreeInventoryLevelSlot(ctx context.Context, db bun.IDB, l *InventoryLevel) error {
	_, err := db.NewDelete().Model((*InventoryLevel)(nil)).
		Where("connection_id = ? AND item_id = ? AND NOT (item_ref = ? AND location_ref = ?)", l.ConnectionID, l.ItemID, l.ItemRef, l.LocationRef).
		Exec(ctx)
	return err
}

// UpdateInventoryLevel saves a level's quantity, pending change, push count
// and error.
func UpdateInventoryLevel(ctx context.Context, db bun.IDB, l *InventoryLevel) error {
	_, err := db.NewUpdate().Model(l).Column("known", "pending", "pushes", "error", "updated_at").WherePK().Exec(ctx)
	return err
}

// DeleteInventoryLevelsExcept removes a channel's levels whose ids are not
// in keep (products the channel no longer sells).
func DeleteInventoryLevelsExcept(ctx context.Context, db bun.IDB, connectionID string, keep []string) (int, error) {
	q := db.NewDelete().Model((*InventoryLevel)(nil)).Where("connection_id = ?", connectionID)
	if len(keep) > 0 {
		q = q.Where("id NOT IN (?)", bun.In(keep))
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// DeleteInventoryLevelsOutside removes a workspace's levels at channels
// not in channelIDs (channels taken out of the policy).
func DeleteInventoryLevelsOutside(ctx context.Context, db bun.IDB, workspaceID string, channelIDs []string) error {
	q := db.NewDelete().Model((*InventoryLevel)(nil)).Where("workspace_id = ?", workspaceID)
	if len(channelIDs) > 0 {
		q = q.Where("connection_id NOT IN (?)", bun.In(channelIDs))
	}
	_, err := q.Exec(ctx)
	return err
}

// InsertInventoryAdjustment records an adjustment; it reports false when
// one with the same event key was recorded already.
func InsertInventoryAdjustment(ctx context.Context, db bun.IDB, a *InventoryAdjustment) (bool, error) {
	res, err := db.NewInsert().Model(a).On("CONFLICT DO NOTHING").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// InventoryAdjustmentExists reports whether an event was recorded already.
func InventoryAdjustmentExists(ctx context.Context, db bun.IDB, workspaceID, eventKey string) (bool, error) {
	return db.NewSelect().Model((*InventoryAdjustment)(nil)).Where("workspace_id = ? AND event_key = ?", workspaceID, eventKey).Exists(ctx)
}

// LatestInventoryAdjustment finds the newest adjustment of a SKU that a
// channel caused.
func LatestInventoryAdjustment(ctx context.Context, db bun.IDB, workspaceID, sku, connectionID string) (*InventoryAdjustment, error) {
	a := new(InventoryAdjustment)
	err := db.NewSelect().Model(a).Where("workspace_id = ? AND sku = ? AND connection_id = ?", workspaceID, sku, connectionID).
		OrderExpr("created_at DESC, id DESC").Limit(1).Scan(ctx)
	return a, notFound(err)
}

// RelabelInventoryAdjustment gives an adjustment its real cause.
func RelabelInventoryAdjustment(ctx context.Context, db bun.IDB, id, cause, reference string) error {
	_, err := db.NewUpdate().Model((*InventoryAdjustment)(nil)).Set("cause = ?, reference = ?", cause, reference).Where("id = ?", id).Exec(ctx)
	return err
}

// InventoryAdjustmentByID finds an adjustment.
func InventoryAdjustmentByID(ctx context.Context, db bun.IDB, id string) (*InventoryAdjustment, error) {
	a := new(InventoryAdjustment)
	err := db.NewSelect().Model(a).Where("id = ?", id).Scan(ctx)
	return a, notFound(err)
}

// InventoryAdjustments lists a workspace's adjustments newest first (of one
// SKU when sku is set), with the total count.
func InventoryAdjustments(ctx context.Context, db bun.IDB, workspaceID, sku string, first, offset int) ([]InventoryAdjustment, int, error) {
	var as []InventoryAdjustment
	q := db.NewSelect().Model(&as).Where("workspace_id = ?", workspaceID)
	if sku != "" {
		q = q.Where("sku = ?", sku)
	}
	total, err := q.Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("count inventory adjustments: %w", err)
	}
	err = q.OrderExpr("created_at DESC, id DESC").Limit(int64(first)).Offset(int64(offset)).Scan(ctx)
	return as, int(total), err
}

// InsertInventoryReconciliation adds a reconciliation; it fails with a
// unique violation while the workspace has one running.
func InsertInventoryReconciliation(ctx context.Context, db bun.IDB, r *InventoryReconciliation) error {
	_, err := db.NewInsert().Model(r).Exec(ctx)
	return err
}

// UpdateInventoryReconciliation saves a reconciliation's progress.
func UpdateInventoryReconciliation(ctx context.Context, db bun.IDB, r *InventoryReconciliation) error {
	_, err := db.NewUpdate().Model(r).Column("status", "skus", "repaired", "error", "finished_at").WherePK().Exec(ctx)
	return err
}

// InventoryReconciliationByID finds a reconciliation.
func InventoryReconciliationByID(ctx context.Context, db bun.IDB, id string) (*InventoryReconciliation, error) {
	r := new(InventoryReconciliation)
	err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
	return r, notFound(err)
}

// LatestInventoryReconciliation finds a workspace's running reconciliation,
// or else its latest.
func LatestInventoryReconciliation(ctx context.Context, db bun.IDB, workspaceID string) (*InventoryReconciliation, error) {
	r := new(InventoryReconciliation)
	err := db.NewSelect().Model(r).Where("workspace_id = ?", workspaceID).
		OrderExpr("CASE WHEN status = 'RUNNING' THEN 0 ELSE 1 END, started_at DESC").Limit(1).Scan(ctx)
	return r, notFound(err)
}
