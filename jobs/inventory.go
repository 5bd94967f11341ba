package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Inventory keeps stock equal across sales channels (the hub does it;
// jobs only schedule it).
type Inventory interface {
	// ApplyStockEvent carries one webhook event's stock change to the
	// other channels; repeating it changes nothing more.
	ApplyStockEvent(ctx context.Context, webhookEventID string) error
	// PushInventoryItem sets every channel that lags behind an item's stock.
	PushInventoryItem(ctx context.Context, workspaceID, itemID string) error
	// Reconcile runs a reconciliation; one already finished is skipped.
	Reconcile(ctx context.Context, reconciliationID string) error
	// FailReconciliation ends a reconciliation that failed for good.
	FailReconciliation(ctx context.Context, reconciliationID string, cause error) error
	// StartDueReconciliations starts the reconciliations whose time came.
	StartDueReconciliations(ctx context.Context) error
}

// StockEventArgs carries a channel's order, refund or stock change to the
// other channels, queued in the transaction that records the webhook.
type StockEventArgs struct {
	WebhookEventID string `json:"webhook_event_id"`
}

// Kind implements river.JobArgs.
func (StockEventArgs) Kind() string { return "stock_event" }

// StockEventWorker works StockEventArgs.
type StockEventWorker struct {
	river.WorkerDefaults[StockEventArgs]
	deps Deps
}

// Work applies the event, waiting out a channel's rate limit.
func (w *StockEventWorker) Work(ctx context.Context, job *river.Job[StockEventArgs]) error {
	return finalIfUserFacing(snoozeWhenLimited(w.deps.Inventory.ApplyStockEvent(ctx, job.Args.WebhookEventID)))
}

// PushStockArgs sets the channels that lag behind an item's stock, after a
// channel could not be reached; River retries it with backoff.
type PushStockArgs struct {
	WorkspaceID string `json:"workspace_id"`
	ItemID      string `json:"item_id"`
}

// Kind implements river.JobArgs.
func (PushStockArgs) Kind() string { return "push_stock" }

// InsertOpts keeps one unfinished push per item.
func (PushStockArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}}}
}

// PushStockWorker works PushStockArgs.
type PushStockWorker struct {
	river.WorkerDefaults[PushStockArgs]
	deps Deps
}

// Work pushes the item.
func (w *PushStockWorker) Work(ctx context.Context, job *river.Job[PushStockArgs]) error {
	return finalIfUserFacing(snoozeWhenLimited(w.deps.Inventory.PushInventoryItem(ctx, job.Args.WorkspaceID, job.Args.ItemID)))
}

// ReconcileInventoryArgs runs one reconciliation of a workspace's channels.
type ReconcileInventoryArgs struct {
	ReconciliationID string `json:"reconciliation_id"`
}

// Kind implements river.JobArgs.
func (ReconcileInventoryArgs) Kind() string { return "reconcile_inventory" }

// InsertOpts bounds the tries of a failing reconciliation.
func (ReconcileInventoryArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5}
}

// ReconcileInventoryWorker works ReconcileInventoryArgs.
type ReconcileInventoryWorker struct {
	river.WorkerDefaults[ReconcileInventoryArgs]
	deps Deps
}

// Work reconciles; the last failing try marks the reconciliation failed.
func (w *ReconcileInventoryWorker) Work(ctx context.Context, job *river.Job[ReconcileInventoryArgs]) error {
	err := snoozeWhenLimited(w.deps.Inventory.Reconcile(ctx, job.Args.ReconciliationID))
	var snooze *river.JobSnoozeError
	if err != nil && !errors.As(err, &snooze) && job.Attempt >= job.MaxAttempts {
		return errors.Join(err, w.deps.Inventory.FailReconciliation(context.WithoutCancel(ctx), job.Args.ReconciliationID, err))
	}
	return err
}

// StartDueReconciliationsArgs starts the reconciliations whose time came.
type StartDueReconciliationsArgs struct{}

// Kind implements river.JobArgs.
func (StartDueReconciliationsArgs) Kind() string { return "start_due_reconciliations" }

// StartDueReconciliationsWorker works StartDueReconciliationsArgs.
type StartDueReconciliationsWorker struct {
	river.WorkerDefaults[StartDueReconciliationsArgs]
	deps Deps
}

// Work starts them.
func (w *StartDueReconciliationsWorker) Work(ctx context.Context, _ *river.Job[StartDueReconciliationsArgs]) error {
	return w.deps.Inventory.StartDueReconciliations(ctx)
}

// snoozeWhenLimited turns a provider's rate limit into a snooze that does
// not spend an attempt.
func snoozeWhenLimited(err error) error {
	var limited RateLimitedError
	if errors.As(err, &limited) {
		return river.JobSnooze(max(limited.RetryAfterDelay(), 100*time.Millisecond))
	}
	return err
}
