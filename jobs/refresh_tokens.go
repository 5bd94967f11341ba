package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/switchboard-hub/switchboard/internal/store"
)

// TokenRefresher refreshes an OAuth connection's tokens (the hub does it;
// jobs only schedule it).
type TokenRefresher interface {
	RefreshConnection(ctx context.Context, connectionID string) error
}

// Refresh windows: tokens are refreshed 15 minutes before they expire, and
// every connection at least daily.
const (
	refreshAhead = 15 * time.Minute
	refreshDaily = 24 * time.Hour
)

// RefreshDueArgs finds the OAuth connections due for a refresh and queues a
// RefreshConnection job for each.
type RefreshDueArgs struct{}

// Kind implements river.JobArgs.
func (RefreshDueArgs) Kind() string { return "refresh_due_tokens" }

// RefreshDueWorker works RefreshDueArgs.
type RefreshDueWorker struct {
	river.WorkerDefaults[RefreshDueArgs]
	deps Deps
}

// Work queues the refreshes; each is unique per connection while pending.
func (w *RefreshDueWorker) Work(ctx context.Context, _ *river.Job[RefreshDueArgs]) error {
	now := w.deps.Now()
	ids, err := store.ConnectionsDueForRefresh(ctx, w.deps.DB, now.Add(refreshAhead), now.Add(-refreshDaily), 1000)
	if err != nil {
		return fmt.Errorf("find connections due for refresh: %w", err)
	}
	if len(ids) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: RefreshConnectionArgs{ConnectionID: id}}
	}
	if _, err := river.ClientFromContext[*sql.Tx](ctx).InsertMany(ctx, params); err != nil {
		return fmt.Errorf("queue %d refreshes: %w", len(ids), err)
	}
	return nil
}

// RefreshConnectionArgs refreshes one connection's tokens. Args carry the
// id only, never a token.
type RefreshConnectionArgs struct {
	ConnectionID string `json:"connection_id"`
}

// Kind implements river.JobArgs.
func (RefreshConnectionArgs) Kind() string { return "refresh_connection" }

// InsertOpts keeps one unfinished refresh per connection (finished ones do
// not count, or a connection could only be refreshed once a day).
func (RefreshConnectionArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}}}
}

// RefreshConnectionWorker works RefreshConnectionArgs.
type RefreshConnectionWorker struct {
	river.WorkerDefaults[RefreshConnectionArgs]
	deps Deps
}

// Work refreshes; a connection that needs a new consent is not retried
// (no refresh loop), a provider that did not answer is.
func (w *RefreshConnectionWorker) Work(ctx context.Context, job *river.Job[RefreshConnectionArgs]) error {
	return finalIfUserFacing(w.deps.Tokens.RefreshConnection(ctx, job.Args.ConnectionID))
}
