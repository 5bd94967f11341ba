package hub

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// DefaultReconcileCron reconciles at 03:00 every night (workspace time).
const DefaultReconcileCron = "0 3 * * *"

// InventoryPolicyInput is what setInventoryPolicy takes.
type InventoryPolicyInput struct {
	Enabled         bool
	ChannelIDs      []string
	SourceOfTruthID string
	ReconcileCron   string
}

// InventoryPolicyView is a workspace's policy with its last reconciliation.
type InventoryPolicyView struct {
	Policy *store.InventoryPolicy
	// Last is the running reconciliation, or else the latest; nil if none.
	Last *store.InventoryReconciliation
}

// inventoryForWrite checks the caller may change a workspace's inventory.
func (s *Service) inventoryForWrite(ctx context.Context, workspaceID string) (*store.Workspace, error) {
	w, a, err := s.workspaceFor(ctx, s.db, workspaceID)
	if err != nil {
		return nil, err
	}
	if err := a.requireWrite(); err != nil {
		return nil, err
	}
	if w.ArchivedAt != nil {
		return nil, failure.New(failure.Conflict, "the workspace is archived; restore it first")
	}
	return w, nil
}

// InventoryPolicy returns a workspace's policy (off, with no channels,
// when none was saved).
func (s *Service) InventoryPolicy(ctx context.Context, workspaceID string) (*InventoryPolicyView, error) {
	w, _, err := s.workspaceFor(ctx, s.db, workspaceID)
	if err != nil {
		return nil, err
	}
	p, err := store.InventoryPolicyOf(ctx, s.db, workspaceID)
	if errors.Is(err, store.ErrNotFound) {
		p = &store.InventoryPolicy{WorkspaceID: w.ID, AgencyID: w.AgencyID, ChannelIDs: "[]", ReconcileCron: DefaultReconcileCron}
	} else if err != nil {
		return nil, fmt.Errorf("read inventory policy: %w", err)
	}
	v := &InventoryPolicyView{Policy: p}
	last, err := store.LatestInventoryReconciliation(ctx, s.db, workspaceID)
	switch {
	case err == nil:
		v.Last = last
	case !errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("read reconciliation: %w", err)
	}
	return v, nil
}

// SetInventoryPolicy saves which channels a workspace keeps equal and
// which one is the source of truth; turning it on starts a reconciliation
// that matches products by SKU.
func (s *Service) SetInventoryPolicy(ctx context.Context, workspaceID string, in InventoryPolicyInput) (*InventoryPolicyView, error) {
	w, err := s.inventoryForWrite(ctx, workspaceID)
	if err != nil {
		return nil, err
	}
	in.ReconcileCron = strings.TrimSpace(in.ReconcileCron)
	if in.ReconcileCron == "" {
		in.ReconcileCron = DefaultReconcileCron
	}
	if err := s.checkChannels(ctx, workspaceID, in); err != nil {
		return nil, err
	}
	now := s.now()
	p := &store.InventoryPolicy{WorkspaceID: w.ID, AgencyID: w.AgencyID, Enabled: in.Enabled, SourceConnectionID: &in.SourceOfTruthID,
		ReconcileCron: in.ReconcileCron, UpdatedAt: now}
	p.SetChannels(in.ChannelIDs)
	p.NextReconcileAt = nextReconcile(p, now, s.workspaceLocation(ctx, w.ID))
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.SaveInventoryPolicy(ctx, tx, p); err != nil {
			return fmt.Errorf("save inventory policy: %w", err)
		}
		if err := store.DeleteInventoryLevelsOutside(ctx, tx, w.ID, in.ChannelIDs); err != nil {
			return fmt.Errorf("forget the levels of channels left out: %w", err)
		}
		summary := "turned inventory sync off"
		if p.Enabled {
			if _, err := s.startReconciliationTx(ctx, tx, w.ID, ReasonPolicy); err != nil {
				return err
			}
			summary = fmt.Sprintf("kept the stock of %d channels equal", len(in.ChannelIDs))
		}
		tx.published = append(tx.published, bus.Message{Topic: inventoryTopic(w.ID), Data: "policy:" + w.ID})
		return s.record(ctx, tx, change{agencyID: w.AgencyID, workspaceID: w.ID, action: "inventory.policy_updated", targetType: "Workspace",
			targetID: w.ID, summary: summary})
	})
	if err != nil {
		return nil, err
	}
	return s.InventoryPolicy(ctx, workspaceID)
}

// checkChannels checks a policy's channels: two or more distinct
// connections of the workspace whose connector keeps stock, the source of
// truth among them, and the cron expression.
func (s *Service) checkChannels(ctx context.Context, workspaceID string, in InventoryPolicyInput) error {
	if in.Enabled && len(in.ChannelIDs) < 2 {
		return failure.Invalid("channelIds", "choose at least two sales channels to keep equal")
	}
	for i, id := range in.ChannelIDs {
		field := fmt.Sprintf("channelIds.%d", i)
		if slices.Index(in.ChannelIDs, id) != i {
			return failure.Invalid(field, "names the same channel twice")
		}
		row, err := store.ConnectionByID(ctx, s.db, id)
		if err != nil || row.WorkspaceID != workspaceID {
			return failure.Invalid(field, "is not a connection of this workspace")
		}
		if _, err := stockKeeper(row); err != nil {
			return failure.Invalid(field, fmt.Sprintf("%q is not a sales channel Switchboard can keep stock in (Shopify and WooCommerce are)", row.Name))
		}
	}
	if !slices.Contains(in.ChannelIDs, in.SourceOfTruthID) {
		return failure.Invalid("sourceOfTruthId", "must be one of the chosen channels")
	}
	if _, err := rules.ParseCron(in.ReconcileCron); err != nil {
		return failure.Invalid("reconcileCron", "is not a cron expression: "+err.Error())
	}
	return nil
}

// InventoryItemView is an item with its channels' levels.
type InventoryItemView struct {
	Item   *store.InventoryItem
	Levels []store.InventoryLevel
}

// Drift reports whether some channel's level differs from the stock.
func (v *InventoryItemView) Drift() bool {
	return slices.ContainsFunc(v.Levels, func(l store.InventoryLevel) bool { return l.Known != v.Item.Available || l.Error != nil })
}

// InventoryItems lists a workspace's items by SKU with their levels.
func (s *Service) InventoryItems(ctx context.Context, q store.InventoryItemQuery) ([]*InventoryItemView, int, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, q.WorkspaceID); err != nil {
		return nil, 0, err
	}
	if q.First < 1 || q.First > 500 {
		return nil, 0, failure.Invalid("first", "must be between 1 and 500")
	}
	if q.Offset < 0 {
		return nil, 0, failure.Invalid("offset", "cannot be negative")
	}
	q.Search = strings.TrimSpace(q.Search)
	items, total, err := store.InventoryItems(ctx, s.db, q)
	if err != nil {
		return nil, 0, fmt.Errorf("list inventory: %w", err)
	}
	views, err := s.withLevels(ctx, items)
	return views, total, err
}

// withLevels attaches each item's levels.
func (s *Service) withLevels(ctx context.Context, items []store.InventoryItem) ([]*InventoryItemView, error) {
	ids := make([]string, len(items))
	views := make([]*InventoryItemView, len(items))
	byID := make(map[string]*InventoryItemView, len(items))
	for i := range items {
		ids[i] = items[i].ID
		views[i] = &InventoryItemView{Item: &items[i]}
		byID[items[i].ID] = views[i]
	}
	levels, err := store.InventoryLevelsOfItems(ctx, s.db, ids)
	if err != nil {
		return nil, fmt.Errorf("read stock levels: %w", err)
	}
	for _, l := range levels {
		byID[l.ItemID].Levels = append(byID[l.ItemID].Levels, l)
	}
	return views, nil
}

// inventoryItemView reads one item of a workspace with its levels.
func (s *Service) inventoryItemView(ctx context.Context, itemID string) (*InventoryItemView, error) {
	it, err := store.InventoryItemByID(ctx, s.db, itemID)
	if err != nil {
		return nil, notFoundAs(err, "inventory item")
	}
	views, err := s.withLevels(ctx, []store.InventoryItem{*it})
	if err != nil {
		return nil, err
	}
	return views[0], nil
}

// InventoryAdjustments lists a workspace's adjustments, newest first.
func (s *Service) InventoryAdjustments(ctx context.Context, workspaceID, sku string, first, offset int) ([]store.InventoryAdjustment, int, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, 0, err
	}
	if first < 1 || first > 500 {
		return nil, 0, failure.Invalid("first", "must be between 1 and 500")
	}
	if offset < 0 {
		return nil, 0, failure.Invalid("offset", "cannot be negative")
	}
	as, total, err := store.InventoryAdjustments(ctx, s.db, workspaceID, strings.TrimSpace(sku), first, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list stock adjustments: %w", err)
	}
	return as, total, nil
}

// MaxStock is the most a user may set a SKU's stock to.
const MaxStock = 1_000_000

// SetInventoryAvailable sets a SKU's stock and every channel to it,
// recorded as a MANUAL adjustment.
func (s *Service) SetInventoryAvailable(ctx context.Context, workspaceID, sku string, available int) (*InventoryItemView, error) {
	if _, err := s.inventoryForWrite(ctx, workspaceID); err != nil {
		return nil, err
	}
	if available < 0 || available > MaxStock {
		return nil, failure.Invalid("available", fmt.Sprintf("must be between 0 and %d", MaxStock))
	}
	p, channels, err := s.policyChannels(ctx, workspaceID)
	if err != nil {
		return nil, err
	}
	if p == nil || !p.Enabled {
		return nil, failure.New(failure.Conflict, "inventory sync is off in this workspace: turn it on to set stock in every channel")
	}
	pr, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	unlock, err := s.locks.Lock(ctx, stockLock(workspaceID))
	if err != nil {
		return nil, fmt.Errorf("lock stock: %w", err)
	}
	defer unlock()
	it, err := store.InventoryItemBySKU(ctx, s.db, workspaceID, strings.TrimSpace(sku))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, failure.Invalid("sku", "no channel of this workspace sells this SKU")
		}
		return nil, fmt.Errorf("read stock item: %w", err)
	}
	if it.Available != available {
		err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
			now := s.now()
			a := &store.InventoryAdjustment{ID: store.NewID(), WorkspaceID: workspaceID, SKU: it.SKU, Cause: CauseManual,
				Reference: "set by " + pr.Email, Before: it.Available, After: available, CreatedAt: now}
			if _, err := store.InsertInventoryAdjustment(ctx, tx, a); err != nil {
				return fmt.Errorf("record stock adjustment: %w", err)
			}
			it.Available, it.UpdatedAt = available, now
			if err := store.UpdateInventoryItem(ctx, tx, it); err != nil {
				return fmt.Errorf("save stock: %w", err)
			}
			tx.published = append(tx.published, bus.Message{Topic: inventoryTopic(workspaceID), Data: "adjustment:" + a.ID},
				bus.Message{Topic: inventoryTopic(workspaceID), Data: "item:" + it.ID})
			return s.record(ctx, tx, change{agencyID: p.AgencyID, workspaceID: workspaceID, action: "inventory.stock_set", targetType: "Workspace",
				targetID: workspaceID, summary: fmt.Sprintf("set the stock of %s to %d", it.SKU, available)})
		})
		if err != nil {
			return nil, err
		}
	}
	if err := s.pushItem(ctx, channels, it.ID); err != nil {
		s.retryPush(ctx, workspaceID, it.ID, err)
	}
	return s.inventoryItemView(ctx, it.ID)
}

// InventoryUpdate is one change a live inventory view shows.
type InventoryUpdate struct {
	Item           *InventoryItemView
	Adjustment     *store.InventoryAdjustment
	Reconciliation *store.InventoryReconciliation
	// Policy is set when the policy changed.
	Policy bool
}

// InventoryUpdates streams a workspace's inventory changes, across
// processes, while the subscriber may see the workspace.
func (s *Service) InventoryUpdates(ctx context.Context, workspaceID string) (<-chan *InventoryUpdate, error) {
	return subscribeRows(ctx, s, workspaceID, inventoryTopic(workspaceID), "", func(ctx context.Context, data string) (*InventoryUpdate, error) {
		kind, id, _ := strings.Cut(data, ":")
		switch kind {
		case "item":
			v, err := s.inventoryItemView(ctx, id)
			return &InventoryUpdate{Item: v}, err
		case "adjustment":
			a, err := store.InventoryAdjustmentByID(ctx, s.db, id)
			return &InventoryUpdate{Adjustment: a}, err
		case "reconciliation":
			r, err := store.InventoryReconciliationByID(ctx, s.db, id)
			return &InventoryUpdate{Reconciliation: r}, err
		case "policy":
			return &InventoryUpdate{Policy: true}, nil
		}
		return nil, fmt.Errorf("unknown inventory message %q", data)
	})
}
