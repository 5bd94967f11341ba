package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/switchboard-hub/switchboard/internal/store"
)

// ResealCredentialsArgs re-encrypts, with the current key, every connection
// credential sealed with an older one (after HUB_SECRET_KEY gained a new
// key). It runs at start and hourly; a second run finds nothing to do.
type ResealCredentialsArgs struct{}

// Kind implements river.JobArgs.
func (ResealCredentialsArgs) Kind() string { return "reseal_credentials" }

// ResealCredentialsWorker works ResealCredentialsArgs.
type ResealCredentialsWorker struct {
	river.WorkerDefaults[ResealCredentialsArgs]
	deps Deps
}

// resealBatch bounds one pass; the job snoozes to continue.
const resealBatch = 200

// Work re-seals one batch of credentials.
func (w *ResealCredentialsWorker) Work(ctx context.Context, _ *river.Job[ResealCredentialsArgs]) error {
	keys := w.deps.Keys
	rows, err := store.ConnectionsSealedWithOtherKeys(ctx, w.deps.DB, keys.PrimaryID(), resealBatch)
	if err != nil {
		return fmt.Errorf("find credentials to re-seal: %w", err)
	}
	done := 0
	for i := range rows {
		row := &rows[i]
		plain, err := keys.Open(row.Credentials, row.CredentialsBinding())
		if err != nil {
			return fmt.Errorf("open the credentials of connection %s (is its key still in HUB_SECRET_KEY?): %w", row.ID, err)
		}
		sealed, err := keys.Seal(plain, row.CredentialsBinding())
		if err != nil {
			return fmt.Errorf("re-seal connection %s: %w", row.ID, err)
		}
		ok, err := store.ReplaceCredentials(ctx, w.deps.DB, row.ID, row.Credentials, sealed)
		if err != nil {
			return fmt.Errorf("save connection %s: %w", row.ID, err)
		}
		if ok {
			done++
		}
	}
	river.RecordOutput(ctx, map[string]int{"resealed": done}) //nolint:errcheck // informational
	if len(rows) == resealBatch {
		return river.JobSnooze(0) // more to do
	}
	return nil
}
