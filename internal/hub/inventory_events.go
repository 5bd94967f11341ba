package hub

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/jobs"
)

// stockCause is the adjustment cause of a normalized event, "" for events
// that say nothing about stock.
func stockCause(typ string) string {
	switch typ {
	case "order.created", "order.paid":
		return CauseOrder
	case "order.cancelled", "refund.created":
		return CauseRefund
	case "inventory.changed":
		return CauseStockChange
	}
	return ""
}

// movesStock reports whether any event may have changed stock.
func movesStock(events []connectors.Normalized) bool {
	return slices.ContainsFunc(events, func(n connectors.Normalized) bool { return stockCause(n.Type) != "" })
}

// queueStockEvent queues the stock work of a webhook event (in the
// transaction that records it) when its connection is a sales channel of
// the workspace's enabled inventory policy.
func (s *Service) queueStockEvent(ctx context.Context, tx *txn, wev *store.WebhookEvent, events []connectors.Normalized) error {
	if !movesStock(events) {
		return nil
	}
	p, err := store.InventoryPolicyOf(ctx, tx, wev.WorkspaceID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read inventory policy: %w", err)
	}
	if !p.Enabled || !slices.Contains(p.Channels(), wev.ConnectionID) {
		return nil
	}
	if _, err := s.river.InsertTx(ctx, tx.Tx.Tx, jobs.StockEventArgs{WebhookEventID: wev.ID}, nil); err != nil {
		return fmt.Errorf("queue stock event: %w", err)
	}
	return nil
}

// ApplyStockEvent carries a channel's order, refund or stock change to the
// other channels (the stock_event job): it reads the channel's levels of
// the SKUs the event names, folds their changes into the hub's stock, and
// sets every other channel to it. Repeating it changes nothing more.
func (s *Service) ApplyStockEvent(ctx context.Context, webhookEventID string) error {
	wev, err := store.WebhookEventByID(ctx, s.db, webhookEventID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // erased meanwhile
	}
	if err != nil {
		return fmt.Errorf("read webhook event: %w", err)
	}
	c, _ := connectors.Get(wev.Connector)
	n, ok := c.(connectors.EventNormalizer)
	if !ok {
		return nil
	}
	events, err := n.Normalize(wev.Topic, []byte(wev.Payload))
	if err != nil {
		return nil // recorded as ignored by the webhook's processing
	}
	p, channels, err := s.policyChannels(ctx, wev.WorkspaceID)
	if err != nil || p == nil || !p.Enabled {
		return err
	}
	ch, ok := channels[wev.ConnectionID]
	if !ok {
		return nil
	}
	unlock, err := s.locks.Lock(ctx, stockLock(wev.WorkspaceID))
	if err != nil {
		return fmt.Errorf("lock stock: %w", err)
	}
	defer unlock()
	for _, ev := range events {
		cause := stockCause(ev.Type)
		if cause == "" {
			continue
		}
		levels, err := s.levelsNamed(ctx, ch.row.ID, ev)
		if err != nil {
			return err
		}
		if len(levels) == 0 {
			continue // no product of the event is matched (yet)
		}
		o := observation{cause: cause, reference: eventReference(ev, ch.row.Name), eventKey: wev.ID}
		changed, err := s.observe(ctx, ch, levels, o)
		if err != nil {
			return err
		}
		if err := s.attribute(ctx, ch.row, ev, o); err != nil {
			return err
		}
		for _, id := range changed {
			if err := s.pushItem(ctx, channels, id); err != nil {
				s.retryPush(ctx, wev.WorkspaceID, id, err)
			}
		}
	}
	return nil
}

// levelsNamed finds the channel's levels an event is about: an inventory
// change names its level, an order or refund its line items' SKUs.
func (s *Service) levelsNamed(ctx context.Context, connectionID string, ev connectors.Normalized) ([]store.InventoryLevel, error) {
	if inv := ev.Inventory; inv != nil {
		if inv.Ref.Item != "" {
			l, err := store.InventoryLevelByRef(ctx, s.db, connectionID, inv.Ref.Item, inv.Ref.Location)
			if errors.Is(err, store.ErrNotFound) {
				return nil, nil // a product not matched (yet): reconciliation picks it up
			}
			if err != nil {
				return nil, fmt.Errorf("find stock level: %w", err)
			}
			return []store.InventoryLevel{*l}, nil
		}
		if inv.SKU == "" {
			return nil, nil
		}
		return store.InventoryLevelsOfConnection(ctx, s.db, connectionID, []string{inv.SKU})
	}
	var skus []string
	for _, li := range stockLines(ev) {
		if li.SKU != "" && !slices.Contains(skus, li.SKU) {
			skus = append(skus, li.SKU)
		}
	}
	if len(skus) == 0 {
		return nil, nil
	}
	return store.InventoryLevelsOfConnection(ctx, s.db, connectionID, skus)
}

// observe reads the channel's levels now and folds their changes in.
func (s *Service) observe(ctx context.Context, ch channel, levels []store.InventoryLevel, o observation) ([]string, error) {
	refs := make([]connectors.StockRef, len(levels))
	for i, l := range levels {
		refs[i] = connectors.StockRef{Item: l.ItemRef, Location: l.LocationRef}
	}
	read, err := s.readLevels(ctx, ch, refs)
	if err != nil {
		return nil, err
	}
	actual := make(map[string]int, len(levels))
	for _, l := range levels {
		if a, ok := read[connectors.StockRef{Item: l.ItemRef, Location: l.LocationRef}]; ok {
			actual[l.ID] = a
		}
	}
	return s.foldLevels(ctx, ch.row, levels, actual, o)
}

// attributionWindow is how recent a stock change may be to be the one an
// order or refund caused.
const attributionWindow = 2 * time.Minute

// attribute gives an order or refund its adjustment when the channel's
// stock webhook came first (so the change was folded in as a plain stock
// change): the channel's latest adjustment of each SKU, if recent and of
// exactly the order's quantity, is relabelled with the order.
func (s *Service) attribute(ctx context.Context, ch *store.Connection, ev connectors.Normalized, o observation) error {
	lines := stockLines(ev)
	if len(lines) == 0 || o.cause == CauseStockChange {
		return nil
	}
	qty := map[string]int{}
	for _, li := range lines {
		if li.SKU != "" {
			qty[li.SKU] += li.Quantity
		}
	}
	sign := -1
	if o.cause == CauseRefund {
		sign = 1
	}
	for sku, n := range qty {
		a, err := store.LatestInventoryAdjustment(ctx, s.db, ch.WorkspaceID, sku, ch.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("read stock adjustment: %w", err)
		}
		if a.Cause != CauseStockChange || s.now().Sub(a.CreatedAt) > attributionWindow || a.After-a.Before-a.Oversold != sign*n {
			continue
		}
		if err := store.RelabelInventoryAdjustment(ctx, s.db, a.ID, o.cause, o.reference); err != nil {
			return fmt.Errorf("relabel stock adjustment: %w", err)
		}
		s.bus.Publish(context.WithoutCancel(ctx), bus.Message{Topic: inventoryTopic(ch.WorkspaceID), Data: "adjustment:" + a.ID}) //nolint:errcheck // live view only
	}
	return nil
}

// stockLines are the lines of an order, or the restocked lines of a
// refund.
func stockLines(ev connectors.Normalized) []connectors.LineItemFacts {
	switch {
	case ev.Order != nil:
		return ev.Order.Items
	case ev.Refund != nil:
		return ev.Refund.Restocked
	}
	return nil
}

// eventReference names an event for people.
func eventReference(ev connectors.Normalized, channelName string) string {
	switch {
	case ev.Order != nil && ev.Order.Number != "":
		return fmt.Sprintf("%s order #%s (%s)", channelName, ev.Order.Number, ev.Type)
	case ev.Order != nil:
		return fmt.Sprintf("%s order %s (%s)", channelName, ev.ResourceID, ev.Type)
	case ev.Refund != nil:
		return fmt.Sprintf("%s refund %s of order %s", channelName, ev.ResourceID, ev.Refund.OrderExternalID)
	}
	return fmt.Sprintf("%s stock change", channelName)
}

// policyChannels reads a workspace's policy and opens its channels (nil
// policy when there is none). A channel whose connection is gone or whose
// connector keeps no stock is left out.
func (s *Service) policyChannels(ctx context.Context, workspaceID string) (*store.InventoryPolicy, map[string]channel, error) {
	p, err := store.InventoryPolicyOf(ctx, s.db, workspaceID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read inventory policy: %w", err)
	}
	channels := map[string]channel{}
	for _, id := range p.Channels() {
		row, err := store.ConnectionByID(ctx, s.db, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read channel: %w", err)
		}
		k, err := stockKeeper(row)
		if err != nil {
			continue
		}
		channels[id] = channel{row: row, keeper: k}
	}
	return p, channels, nil
}

// retryPush queues another try of a push some channel refused or missed.
func (s *Service) retryPush(ctx context.Context, workspaceID, itemID string, cause error) {
	s.log.Warn("inventory: a channel was not updated; trying again later", "item", itemID, "error", cause)
	if _, err := s.river.Insert(context.WithoutCancel(ctx), jobs.PushStockArgs{WorkspaceID: workspaceID, ItemID: itemID}, nil); err != nil {
		s.log.Error("inventory: queue a push", "item", itemID, "error", err)
	}
}

// PushInventoryItem sets every channel that lags behind an item's stock
// (the push_stock job, after a channel could not be reached).
func (s *Service) PushInventoryItem(ctx context.Context, workspaceID, itemID string) error {
	p, channels, err := s.policyChannels(ctx, workspaceID)
	if err != nil || p == nil || !p.Enabled {
		return err
	}
	unlock, err := s.locks.Lock(ctx, stockLock(workspaceID))
	if err != nil {
		return fmt.Errorf("lock stock: %w", err)
	}
	defer unlock()
	return s.pushItem(ctx, channels, itemID)
}
