package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// How stock stays equal across channels, and never oversells:
//
//   - The hub keeps one number per SKU (inventory_items.available) and, per
//     channel, the level it last saw or set there (inventory_levels.known).
//   - When a channel reports an order, a refund or a stock change, the hub
//     reads that channel's levels now (never trusting a webhook's number,
//     which may arrive out of order) and folds each difference from the
//     known level into its stock: known 5, read 4 → stock −1.
//   - It then sets every other channel to its stock, compare-and-set on the
//     known level. A channel that sold meanwhile refuses (stale); the hub
//     reads it, folds that sale in too, and sets again.
//   - Stock never goes below 0: a sale beyond it (two channels sold the
//     last unit at once) is recorded as oversold and stock stays at 0, so
//     both channels end at 0 and agree.
//   - Every change runs under a per-workspace lock (across processes), so
//     two events never fold the same difference twice.

// stockLock is the lock every stock change of a workspace runs under.
func stockLock(workspaceID string) string { return "inventory:" + workspaceID }

// inventoryTopic is the bus topic of a workspace's inventory changes; its
// messages carry "item:<id>", "adjustment:<id>" or "reconciliation:<id>".
func inventoryTopic(workspaceID string) string { return "inventory:" + workspaceID }

// maxStaleRetries bounds how often one push re-reads a channel that keeps
// selling while the hub sets it.
const maxStaleRetries = 5

// channel is a sales channel of a policy, ready to call.
type channel struct {
	row    *store.Connection
	keeper connectors.StockKeeper
}

// stockKeeper returns the channel's StockKeeper.
func stockKeeper(row *store.Connection) (connectors.StockKeeper, error) {
	c, ok := connectors.Get(row.Connector)
	if !ok {
		return nil, fmt.Errorf("connector %q is not installed", row.Connector)
	}
	k, ok := c.(connectors.StockKeeper)
	if !ok {
		return nil, failure.New(failure.Conflict, "%s does not keep stock", c.Spec().Name)
	}
	return k, nil
}

// stockCall opens what a StockKeeper call needs, with the secrets to scrub.
func (s *Service) stockCall(ctx context.Context, row *store.Connection) (connectors.StockCall, []string, error) {
	if row.Status == store.ConnectionDisabled || row.Status == store.ConnectionNeedsReauth {
		return connectors.StockCall{}, nil, failure.New(failure.Conflict, "the connection %q needs attention (%s)", row.Name, row.Status)
	}
	conn, token, used, err := s.reach(ctx, row)
	return connectors.StockCall{Conn: conn, Token: token}, used, err
}

// readLevels reads the channel's levels of the refs given now, by ref.
func (s *Service) readLevels(ctx context.Context, ch channel, refs []connectors.StockRef) (map[connectors.StockRef]int, error) {
	call, used, err := s.stockCall(ctx, ch.row)
	if err != nil {
		return nil, err
	}
	var levels []connectors.StockLevel
	err = s.pacedStockCall(ctx, ch.row, "stock levels", len(refs), call, func(call connectors.StockCall) error {
		var err error
		levels, err = ch.keeper.ReadStockLevels(ctx, call, refs)
		return err
	})
	if err != nil {
		return nil, scrubbed(fmt.Errorf("read stock at %s: %w", ch.row.Name, err), used)
	}
	out := make(map[connectors.StockRef]int, len(levels))
	for _, l := range levels {
		out[l.Ref] = l.Available
	}
	return out, nil
}

// pacedStockCall makes a stock call within the connection's rate budget,
// shared with the syncs that use the same connection: it waits for the
// budget, waits out a short Retry-After in place, and settles the budget
// from what the provider reported (for cost budgets).
func (s *Service) pacedStockCall(ctx context.Context, row *store.Connection, kind string, items int, call connectors.StockCall, fn func(connectors.StockCall) error) error {
	reserved, err := s.budgets.spend(ctx, row, kind, stockCost(row, items))
	if err != nil {
		return err
	}
	var reported *connectors.BudgetStatus
	call.Observe = func(st connectors.BudgetStatus) {
		if reported != nil {
			st.Cost += reported.Cost
		}
		reported = &st
	}
	err = honoringRetryAfter(ctx, func() error { return fn(call) })
	s.budgets.settle(row, kind, reserved, reported)
	return err
}

// stockCost guesses what a stock call about items costs: for cost budgets
// about five points an item (the item, its variant and product, the level
// and its quantities), else one request.
func stockCost(row *store.Connection, items int) int {
	if c, ok := connectors.Get(row.Connector); ok && c.Spec().Budget.CostPoints > 0 {
		return 5*items + 2
	}
	return 1
}

// observation is what a channel reported, or what the hub read there.
type observation struct {
	cause     string
	reference string
	// eventKey makes recording one event's adjustment idempotent; empty
	// for changes the hub finds itself.
	eventKey string
}

// foldLevels folds what the channel has now (actual, by level id) into
// the hub's stock: each difference from a level's known quantity changes
// the item's stock by as much, recorded as an adjustment. It returns the
// items whose stock changed.
func (s *Service) foldLevels(ctx context.Context, ch *store.Connection, levels []store.InventoryLevel, actual map[string]int, o observation) ([]string, error) {
	var changed []string
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		changed = changed[:0]
		for i := range levels {
			l := &levels[i]
			a, ok := actual[l.ID]
			if !ok {
				continue
			}
			now := s.now()
			if l.Pending != nil && a == *l.Pending {
				// The hub's own change landed (a crash or a timeout kept it
				// from recording so): nothing was sold.
				l.Known, l.Pending, l.Error, l.UpdatedAt = a, nil, nil, now
				if err := store.UpdateInventoryLevel(ctx, tx, l); err != nil {
					return fmt.Errorf("save stock level: %w", err)
				}
				continue
			}
			delta := a - l.Known
			if delta == 0 {
				continue
			}
			it, err := store.InventoryItemByID(ctx, tx, l.ItemID)
			if err != nil {
				return fmt.Errorf("read stock item: %w", err)
			}
			adj := &store.InventoryAdjustment{ID: store.NewID(), WorkspaceID: it.WorkspaceID, SKU: it.SKU, ConnectionID: &ch.ID,
				Cause: o.cause, Reference: o.reference, Before: it.Available, CreatedAt: now}
			if o.eventKey != "" {
				key := o.eventKey + ":" + it.SKU
				adj.EventKey = &key
			}
			after := it.Available + delta
			if after < 0 {
				adj.Oversold, after = -after, 0
			}
			adj.After = after
			fresh, err := store.InsertInventoryAdjustment(ctx, tx, adj)
			if err != nil {
				return fmt.Errorf("record stock adjustment: %w", err)
			}
			l.Known, l.Pending, l.UpdatedAt = a, nil, now
			if err := store.UpdateInventoryLevel(ctx, tx, l); err != nil {
				return fmt.Errorf("save stock level: %w", err)
			}
			if !fresh {
				continue // this event was folded in already
			}
			it.Available, it.UpdatedAt = after, now
			if err := store.UpdateInventoryItem(ctx, tx, it); err != nil {
				return fmt.Errorf("save stock: %w", err)
			}
			changed = append(changed, it.ID)
			tx.published = append(tx.published, bus.Message{Topic: inventoryTopic(it.WorkspaceID), Data: "adjustment:" + adj.ID},
				bus.Message{Topic: inventoryTopic(it.WorkspaceID), Data: "item:" + it.ID})
		}
		return nil
	})
	return changed, err
}

// pushItem sets every channel whose level of the item differs from the
// hub's stock, compare-and-set on the level it knows; a channel that sold
// meanwhile is read and its sale folded in first. A channel it cannot
// reach keeps its error on the level (and drift shows) until a later push
// or reconciliation. The caller holds the workspace's stock lock.
func (s *Service) pushItem(ctx context.Context, channels map[string]channel, itemID string) error {
	var failed error
	for round := 0; round < maxStaleRetries; round++ {
		it, err := store.InventoryItemByID(ctx, s.db, itemID)
		if err != nil {
			return fmt.Errorf("read stock item: %w", err)
		}
		levels, err := store.InventoryLevelsOfItems(ctx, s.db, []string{itemID})
		if err != nil {
			return fmt.Errorf("read stock levels: %w", err)
		}
		stale := false
		failed = nil
		for i := range levels {
			l := &levels[i]
			ch, ok := channels[l.ConnectionID]
			if !ok || (l.Known == it.Available && l.Error == nil && l.Pending == nil) {
				continue
			}
			if l.Pending != nil {
				// An earlier change may have landed unrecorded: read first.
				if err := s.refold(ctx, ch, l, true); err != nil {
					return err
				}
				stale = true
				break
			}
			err := s.setLevel(ctx, ch, it, l)
			var st *connectors.StaleStockError
			switch {
			case errors.As(err, &st):
				if err := s.refold(ctx, ch, l, false); err != nil {
					return err
				}
				stale = true
			case err != nil:
				failed = errors.Join(failed, err)
			}
			if stale {
				break
			}
		}
		if !stale {
			return failed
		}
	}
	return failed
}

// setLevel sets one channel level to the item's stock and records it.
func (s *Service) setLevel(ctx context.Context, ch channel, it *store.InventoryItem, l *store.InventoryLevel) error {
	target := it.Available
	l.Pending, l.Pushes, l.UpdatedAt = &target, l.Pushes+1, s.now()
	if err := store.UpdateInventoryLevel(ctx, s.db, l); err != nil {
		return fmt.Errorf("save stock level: %w", err)
	}
	call, used, err := s.stockCall(ctx, ch.row)
	if err == nil {
		set := connectors.StockSet{Ref: connectors.StockRef{Item: l.ItemRef, Location: l.LocationRef}, Quantity: target, ChangeFrom: l.Known,
			IdempotencyKey: fmt.Sprintf("switchboard-%s-%d", l.ID, l.Pushes), Reason: "kept equal with the other sales channels"}
		err = s.pacedStockCall(ctx, ch.row, "set stock", 2, call, func(call connectors.StockCall) error { return ch.keeper.SetStock(ctx, call, set) })
		err = scrubbed(err, used)
	}
	var st *connectors.StaleStockError
	if errors.As(err, &st) {
		return err
	}
	l.UpdatedAt = s.now()
	if err != nil {
		msg := fmt.Sprintf("could not set %s at %s: %v", it.SKU, ch.row.Name, err)
		l.Error = &msg
	} else {
		l.Known, l.Pending, l.Error = target, nil, nil
	}
	if err := store.UpdateInventoryLevel(ctx, s.db, l); err != nil {
		return fmt.Errorf("save stock level: %w", err)
	}
	s.bus.Publish(context.WithoutCancel(ctx), bus.Message{Topic: inventoryTopic(it.WorkspaceID), Data: "item:" + it.ID}) //nolint:errcheck // live view only
	if err != nil {
		return errors.New(*l.Error)
	}
	return nil
}

// refold reads a level and folds what the channel sold into the hub's
// stock: after the channel refused a change (so the pending change did not
// land), or to settle a pending change whose outcome is unknown
// (keepPending: reading exactly its quantity means it landed).
func (s *Service) refold(ctx context.Context, ch channel, l *store.InventoryLevel, keepPending bool) error {
	if !keepPending {
		l.Pending = nil
	}
	ref := connectors.StockRef{Item: l.ItemRef, Location: l.LocationRef}
	actual, err := s.readLevels(ctx, ch, []connectors.StockRef{ref})
	if err != nil {
		return err
	}
	a, ok := actual[ref]
	if !ok {
		return fmt.Errorf("%s no longer sells the product %s", ch.row.Name, ref)
	}
	_, err = s.foldLevels(ctx, ch.row, []store.InventoryLevel{*l}, map[string]int{l.ID: a},
		observation{cause: CauseStockChange, reference: "sold at " + ch.row.Name + " while Switchboard was updating it"})
	return err
}

// Adjustment causes.
const (
	CauseOrder          = "ORDER"
	CauseRefund         = "REFUND"
	CauseStockChange    = "STOCK_CHANGE"
	CauseReconciliation = "RECONCILIATION"
	CauseManual         = "MANUAL"
)
