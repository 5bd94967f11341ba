package hub

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/jobs"
)

// Reconciliation statuses and reasons.
const (
	ReconcileRunning   = "RUNNING"
	ReconcileSucceeded = "SUCCEEDED"
	ReconcileFailed    = "FAILED"

	ReasonPolicy = "POLICY"
)

// StartReconciliation starts a reconciliation of a workspace's channels now
// (CONFLICT while one runs).
func (s *Service) StartReconciliation(ctx context.Context, workspaceID string) (*store.InventoryReconciliation, error) {
	if _, err := s.inventoryForWrite(ctx, workspaceID); err != nil {
		return nil, err
	}
	p, err := store.InventoryPolicyOf(ctx, s.db, workspaceID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Enabled) {
		return nil, failure.New(failure.Conflict, "inventory sync is off in this workspace: choose its channels and turn it on first")
	}
	if err != nil {
		return nil, fmt.Errorf("read inventory policy: %w", err)
	}
	var r *store.InventoryReconciliation
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var err error
		r, err = s.startReconciliationTx(ctx, tx, workspaceID, ReasonManual)
		return err
	})
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, failure.New(failure.Conflict, "a reconciliation is running already")
	}
	return r, nil
}

// startReconciliationTx adds a reconciliation and its job; nil when one is
// running already.
func (s *Service) startReconciliationTx(ctx context.Context, tx *txn, workspaceID, reason string) (*store.InventoryReconciliation, error) {
	r := &store.InventoryReconciliation{ID: store.NewID(), WorkspaceID: workspaceID, Reason: reason, Status: ReconcileRunning, StartedAt: s.now()}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT start_reconciliation"); err != nil {
		return nil, fmt.Errorf("start reconciliation: %w", err)
	}
	if err := store.InsertInventoryReconciliation(ctx, tx, r); err != nil {
		if store.IsUniqueViolation(err, "") {
			_, rerr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT start_reconciliation")
			return nil, rerr
		}
		return nil, fmt.Errorf("start reconciliation: %w", err)
	}
	if _, err := s.river.InsertTx(ctx, tx.Tx.Tx, jobs.ReconcileInventoryArgs{ReconciliationID: r.ID}, nil); err != nil {
		return nil, fmt.Errorf("queue reconciliation: %w", err)
	}
	tx.published = append(tx.published, bus.Message{Topic: inventoryTopic(workspaceID), Data: "reconciliation:" + r.ID})
	return r, nil
}

// StartDueReconciliations starts the reconciliations whose cron time came.
func (s *Service) StartDueReconciliations(ctx context.Context) error {
	now := s.now()
	due, err := store.InventoryPoliciesDue(ctx, s.db, now)
	if err != nil {
		return fmt.Errorf("list due reconciliations: %w", err)
	}
	for i := range due {
		p := &due[i]
		next := nextReconcile(p, now, s.workspaceLocation(ctx, p.WorkspaceID))
		err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
			if _, err := s.startReconciliationTx(ctx, tx, p.WorkspaceID, ReasonSchedule); err != nil {
				return err
			}
			return store.SetInventoryNextReconcile(ctx, tx, p.WorkspaceID, next)
		})
		if err != nil {
			return fmt.Errorf("start reconciliation of %s: %w", p.WorkspaceID, err)
		}
	}
	return nil
}

// nextReconcile is when a policy's cron runs next after from (nil when
// the policy is off).
func nextReconcile(p *store.InventoryPolicy, from time.Time, loc *time.Location) *time.Time {
	if !p.Enabled {
		return nil
	}
	sched, err := rules.ParseCron(p.ReconcileCron)
	if err != nil {
		return nil
	}
	at := sched.Next(from.In(loc)).UTC()
	return &at
}

// FailReconciliation ends a reconciliation whose job failed for good.
func (s *Service) FailReconciliation(ctx context.Context, id string, cause error) error {
	r, err := store.InventoryReconciliationByID(ctx, s.db, id)
	if err != nil {
		return fmt.Errorf("read reconciliation: %w", err)
	}
	return s.finishReconciliation(ctx, r, cause)
}

func (s *Service) finishReconciliation(ctx context.Context, r *store.InventoryReconciliation, cause error) error {
	now := s.now()
	r.Status, r.FinishedAt = ReconcileSucceeded, &now
	if cause != nil {
		msg := cause.Error()
		r.Status, r.Error = ReconcileFailed, &msg
	}
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateInventoryReconciliation(ctx, tx, r); err != nil {
			return fmt.Errorf("finish reconciliation: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: inventoryTopic(r.WorkspaceID), Data: "reconciliation:" + r.ID})
		return nil
	})
}

// Reconcile reads every channel, matches products by SKU, takes the
// source of truth's level as the stock, and sets every channel that
// differs (the reconcile_inventory job). Running it again finds nothing to
// repair; a finished reconciliation is skipped.
func (s *Service) Reconcile(ctx context.Context, id string) error {
	r, err := store.InventoryReconciliationByID(ctx, s.db, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read reconciliation: %w", err)
	}
	if r.Status != ReconcileRunning {
		return nil
	}
	p, channels, err := s.policyChannels(ctx, r.WorkspaceID)
	if err != nil {
		return err
	}
	if p == nil || !p.Enabled {
		return s.finishReconciliation(ctx, r, errors.New("inventory sync was turned off"))
	}
	unlock, err := s.locks.Lock(ctx, stockLock(r.WorkspaceID))
	if err != nil {
		return fmt.Errorf("lock stock: %w", err)
	}
	defer unlock()
	order := slices.DeleteFunc(p.Channels(), func(id string) bool { _, ok := channels[id]; return !ok })
	seen := map[string]map[string]connectors.StockLevel{} // sku → channel → level
	for _, id := range order {
		if err := s.readCatalog(ctx, channels[id], seen); err != nil {
			return err
		}
	}
	skus := make([]string, 0, len(seen))
	for sku := range seen {
		skus = append(skus, sku)
	}
	sort.Strings(skus)
	source := ""
	if p.SourceConnectionID != nil {
		source = *p.SourceConnectionID
	}
	kept := map[string][]string{} // channel → level ids still sold
	var drifted []string
	r.SKUs, r.Repaired = len(skus), 0
	for _, sku := range skus {
		m := matchedSKU{sku: sku, levels: seen[sku], order: order, source: source, channels: channels}
		res, err := s.reconcileSKU(ctx, r.WorkspaceID, m)
		if err != nil {
			return err
		}
		for ch, id := range res.levelIDs {
			kept[ch] = append(kept[ch], id)
		}
		r.Repaired += res.repaired
		if res.repaired > 0 {
			drifted = append(drifted, res.itemID)
		}
	}
	for _, id := range order {
		if _, err := store.DeleteInventoryLevelsExcept(ctx, s.db, id, kept[id]); err != nil {
			return fmt.Errorf("forget products a channel stopped selling: %w", err)
		}
	}
	for _, itemID := range drifted {
		if err := s.pushItem(ctx, channels, itemID); err != nil {
			s.retryPush(ctx, r.WorkspaceID, itemID, err)
		}
	}
	return s.finishReconciliation(ctx, r, nil)
}

// catalogPageGuess is how many items a page of a channel's stock is
// assumed to hold when pacing it (Shopify's pages hold 150).
const catalogPageGuess = 150

// readCatalog reads every stock level a channel has, by SKU.
func (s *Service) readCatalog(ctx context.Context, ch channel, seen map[string]map[string]connectors.StockLevel) error {
	call, used, err := s.stockCall(ctx, ch.row)
	if err != nil {
		return err
	}
	cursor := ""
	for {
		var page connectors.StockPage
		err := s.pacedStockCall(ctx, ch.row, "stock catalog", catalogPageGuess, call, func(call connectors.StockCall) error {
			var err error
			page, err = ch.keeper.ReadStock(ctx, call, cursor)
			return err
		})
		if err != nil {
			return scrubbed(fmt.Errorf("read the stock of %s: %w", ch.row.Name, err), used)
		}
		for _, l := range page.Levels {
			if l.SKU == "" {
				continue
			}
			if seen[l.SKU] == nil {
				seen[l.SKU] = map[string]connectors.StockLevel{}
			}
			if _, dup := seen[l.SKU][ch.row.ID]; !dup { // a SKU twice in one channel: the first wins
				seen[l.SKU][ch.row.ID] = l
			}
		}
		if page.Next == "" || page.Next == cursor {
			return nil
		}
		cursor = page.Next
	}
}

// matchedSKU is one SKU as every channel has it.
type matchedSKU struct {
	sku      string
	levels   map[string]connectors.StockLevel // by channel
	order    []string
	source   string
	channels map[string]channel
}

// reconciled is what reconciling one SKU did.
type reconciled struct {
	itemID   string
	levelIDs map[string]string // channel → level id
	repaired int
}

// reconcileSKU takes the source of truth's level of a SKU as its stock
// (or, for a SKU the source does not sell, keeps the hub's; a new SKU takes
// the first channel's), records the channels that differ, and saves what
// each channel has now.
func (s *Service) reconcileSKU(ctx context.Context, workspaceID string, m matchedSKU) (reconciled, error) {
	res := reconciled{levelIDs: map[string]string{}}
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		res.repaired = 0
		now := s.now()
		first := ""
		for _, id := range m.order {
			if _, ok := m.levels[id]; ok {
				first = id
				break
			}
		}
		it, err := store.InventoryItemBySKU(ctx, tx, workspaceID, m.sku)
		isNew := errors.Is(err, store.ErrNotFound)
		if err != nil && !isNew {
			return fmt.Errorf("read stock item: %w", err)
		}
		src, hasSource := m.levels[m.source]
		winner := m.source
		if !hasSource {
			src, winner = m.levels[first], first
		}
		target := max(src.Available, 0)
		record := func(a *store.InventoryAdjustment) error {
			a.ID, a.WorkspaceID, a.SKU, a.Cause, a.CreatedAt = store.NewID(), workspaceID, m.sku, CauseReconciliation, now
			if _, err := store.InsertInventoryAdjustment(ctx, tx, a); err != nil {
				return fmt.Errorf("record stock adjustment: %w", err)
			}
			tx.published = append(tx.published, bus.Message{Topic: inventoryTopic(workspaceID), Data: "adjustment:" + a.ID})
			return nil
		}
		switch {
		case isNew:
			it = &store.InventoryItem{ID: store.NewID(), WorkspaceID: workspaceID, SKU: m.sku, Title: src.Title, Available: target, UpdatedAt: now}
			if err := store.InsertInventoryItem(ctx, tx, it); err != nil {
				return fmt.Errorf("add stock item: %w", err)
			}
		case hasSource && it.Available != target:
			name := m.channels[winner].row.Name
			if err := record(&store.InventoryAdjustment{ConnectionID: &winner, Before: it.Available, After: target,
				Reference: fmt.Sprintf("reconciliation: %s, the source of truth, has %d", name, src.Available)}); err != nil {
				return err
			}
			it.Available = target
			fallthrough
		default:
			if src.Title != "" {
				it.Title = src.Title
			}
			it.UpdatedAt = now
			if err := store.UpdateInventoryItem(ctx, tx, it); err != nil {
				return fmt.Errorf("save stock: %w", err)
			}
		}
		res.itemID = it.ID
		for _, id := range m.order {
			l, ok := m.levels[id]
			if !ok {
				continue
			}
			row := &store.InventoryLevel{ID: store.NewID(), ItemID: it.ID, WorkspaceID: workspaceID, ConnectionID: id,
				ItemRef: l.Ref.Item, LocationRef: l.Ref.Location, Known: l.Available, UpdatedAt: now}
			if err := store.FreeInventoryLevelSlot(ctx, tx, row); err != nil {
				return fmt.Errorf("move stock level: %w", err)
			}
			if err := store.UpsertInventoryLevel(ctx, tx, row); err != nil {
				return fmt.Errorf("save stock level: %w", err)
			}
			saved, err := store.InventoryLevelByRef(ctx, tx, id, l.Ref.Item, l.Ref.Location)
			if err != nil {
				return fmt.Errorf("read stock level: %w", err)
			}
			res.levelIDs[id] = saved.ID
			if l.Available == it.Available {
				continue
			}
			res.repaired++
			name := m.channels[id].row.Name
			if err := record(&store.InventoryAdjustment{ConnectionID: &id, Before: l.Available, After: it.Available,
				Reference: fmt.Sprintf("reconciliation: %s had %d, set to %d", name, l.Available, it.Available)}); err != nil {
				return err
			}
		}
		tx.published = append(tx.published, bus.Message{Topic: inventoryTopic(workspaceID), Data: "item:" + it.ID})
		return nil
	})
	return res, err
}
