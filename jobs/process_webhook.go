package jobs

import (
	"context"
	"errors"

	"github.com/riverqueue/river"

	"github.com/switchboard-hub/switchboard/internal/failure"
)

// Webhooks acts on stored webhook events and subscribes connections to
// their provider's webhooks (the hub does it; jobs only schedule it).
type Webhooks interface {
	ProcessWebhookEvent(ctx context.Context, eventID string) error
	SubscribeWebhooks(ctx context.Context, connectionID string) error
}

// ProcessWebhookArgs processes one stored webhook event. It is inserted in
// the transaction that stores the event, so an acknowledged delivery is
// never lost.
type ProcessWebhookArgs struct {
	EventID string `json:"event_id"`
}

// Kind implements river.JobArgs.
func (ProcessWebhookArgs) Kind() string { return "process_webhook" }

// InsertOpts retries a while: the event is stored, so nothing is lost if a
// provider or the database is briefly away.
func (ProcessWebhookArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 10} }

// ProcessWebhookWorker works ProcessWebhookArgs.
type ProcessWebhookWorker struct {
	river.WorkerDefaults[ProcessWebhookArgs]
	deps Deps
}

// Work processes the event; processing is idempotent (an event already
// processed is skipped), and a failure a user must fix is not retried.
func (w *ProcessWebhookWorker) Work(ctx context.Context, job *river.Job[ProcessWebhookArgs]) error {
	return finalIfUserFacing(w.deps.Webhooks.ProcessWebhookEvent(ctx, job.Args.EventID))
}

// finalIfUserFacing cancels a job whose error is a failure.Error (retrying
// cannot fix it) and lets River retry anything else.
func finalIfUserFacing(err error) error {
	var f *failure.Error
	if errors.As(err, &f) {
		return river.JobCancel(err)
	}
	return err
}
