package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// SubscribeWebhooksArgs registers a new (or reconnected) connection's
// webhook URL with its provider. Inserted in the transaction that saves
// the connection.
type SubscribeWebhooksArgs struct {
	ConnectionID string `json:"connection_id"`
}

// Kind implements river.JobArgs.
func (SubscribeWebhooksArgs) Kind() string { return "subscribe_webhooks" }

// InsertOpts retries with River's backoff while the provider is away.
func (SubscribeWebhooksArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 12} }

// SubscribeWebhooksWorker works SubscribeWebhooksArgs.
type SubscribeWebhooksWorker struct {
	river.WorkerDefaults[SubscribeWebhooksArgs]
	deps Deps
}

// Work subscribes; the provider call is idempotent.
func (w *SubscribeWebhooksWorker) Work(ctx context.Context, job *river.Job[SubscribeWebhooksArgs]) error {
	return finalIfUserFacing(w.deps.Webhooks.SubscribeWebhooks(ctx, job.Args.ConnectionID))
}
