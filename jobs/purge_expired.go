package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/switchboard-hub/switchboard/internal/store"
)

// PurgeExpiredArgs deletes sessions past their expiry and OAuth states an
// hour past theirs. It is periodic and
// idempotent: running it twice deletes nothing more.
type PurgeExpiredArgs struct{}

// Kind implements river.JobArgs.
func (PurgeExpiredArgs) Kind() string { return "purge_expired" }

// PurgeExpiredWorker works PurgeExpiredArgs.
type PurgeExpiredWorker struct {
	river.WorkerDefaults[PurgeExpiredArgs]
	deps Deps
}

// Work deletes expired sessions.
func (w *PurgeExpiredWorker) Work(ctx context.Context, _ *river.Job[PurgeExpiredArgs]) error {
	now := w.deps.Now()
	n, err := store.DeleteExpiredSessions(ctx, w.deps.DB, now)
	if err != nil {
		return fmt.Errorf("purge expired sessions: %w", err)
	}
	states, err := store.DeleteOldOAuthStates(ctx, w.deps.DB, now.Add(-time.Hour))
	if err != nil {
		return fmt.Errorf("purge OAuth states: %w", err)
	}
	installs, err := store.DeleteOldAppInstalls(ctx, w.deps.DB, now.Add(-time.Hour))
	if err != nil {
		return fmt.Errorf("purge app installs: %w", err)
	}
	river.RecordOutput(ctx, map[string]int64{"sessions_deleted": n, "oauth_states_deleted": states, "app_installs_deleted": installs}) //nolint:errcheck // output is informational
	return nil
}
