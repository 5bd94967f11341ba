package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
)

// Syncs runs sync pages and starts scheduled syncs (the hub does it; jobs
// only schedule it).
type Syncs interface {
	// SyncPage runs page number page of a run (counted from 0): reads it,
	// writes it to the target, and saves the cursor with the page's
	// effects; a page already recorded is skipped. more reports whether
	// another page follows.
	SyncPage(ctx context.Context, runID string, page int) (more bool, err error)
	// FailSyncRun ends a run whose page failed for good.
	FailSyncRun(ctx context.Context, runID string, cause error) error
	// StartDueSyncs starts the syncs whose schedule is due.
	StartDueSyncs(ctx context.Context) error
}

// RateLimitedError is a provider's rate limit: the job waits RetryAfter
// without spending an attempt.
type RateLimitedError interface {
	error
	RetryAfterDelay() time.Duration
}

// SyncPageArgs runs one page of a sync run. The run row holds the cursor
// and the number of pages recorded, saved in the transaction that records
// each page's effects: a retried or rescued job whose page is already
// recorded ends at once, and one whose page is not resumes at the cursor.
type SyncPageArgs struct {
	RunID string `json:"run_id"`
	// Page is the page's number in the run, from 0.
	Page int `json:"page"`
}

// Kind implements river.JobArgs.
func (SyncPageArgs) Kind() string { return "sync_page" }

// syncPageAttempts bounds the tries of a failing page.
const syncPageAttempts = 10

// InsertOpts retries a failing page with River's backoff.
func (SyncPageArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: syncPageAttempts, Queue: SyncQueue}
}

// SyncQueue is the queue sync pages run on, apart from the events and
// runs that must not wait behind a long sync.
const SyncQueue = "syncs"

// SyncPageWorker works SyncPageArgs: one page per job, the next page as a
// new job, so a long sync never holds a worker or a transaction for long.
type SyncPageWorker struct {
	river.WorkerDefaults[SyncPageArgs]
	deps Deps
}

// Work runs one page and queues the next.
func (w *SyncPageWorker) Work(ctx context.Context, job *river.Job[SyncPageArgs]) error {
	_, err := w.deps.Syncs.SyncPage(ctx, job.Args.RunID, job.Args.Page)
	var limited RateLimitedError
	if errors.As(err, &limited) {
		return river.JobSnooze(max(limited.RetryAfterDelay(), 100*time.Millisecond))
	}
	if err != nil && job.Attempt >= job.MaxAttempts {
		return errors.Join(err, w.deps.Syncs.FailSyncRun(context.WithoutCancel(ctx), job.Args.RunID, err))
	}
	return finalIfUserFacing(err)
}

// StartDueSyncsArgs starts the syncs whose interval has come round.
type StartDueSyncsArgs struct{}

// Kind implements river.JobArgs.
func (StartDueSyncsArgs) Kind() string { return "start_due_syncs" }

// StartDueSyncsWorker works StartDueSyncsArgs.
type StartDueSyncsWorker struct {
	river.WorkerDefaults[StartDueSyncsArgs]
	deps Deps
}

// Work starts the due syncs.
func (w *StartDueSyncsWorker) Work(ctx context.Context, _ *river.Job[StartDueSyncsArgs]) error {
	return w.deps.Syncs.StartDueSyncs(ctx)
}
