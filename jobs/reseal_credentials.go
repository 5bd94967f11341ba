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

// resealBatch is how many rows are read at a time.
const resealBatch = 200

// Work re-seals one batch of credentials.
func (w *ResealCredentialsWorker) Work(ctx context.Context, _ *river.Job[ResealCredentialsArgs]) error {
	keys := w.deps.Keys
	done, unreadable, after := 0, 0, ""
	for {
		rows, err := store.ConnectionsSealedWithOtherKeys(ctx, w.deps.DB, keys.PrimaryID(), after, resealBatch)
		if err != nil {
			return fmt.Errorf("find credentials to re-seal: %w", err)
		}
		for i := range rows {
			row := &rows[i]
			after = row.ID
			plain, err := keys.Open(row.Credentials, row.CredentialsBinding())
			if err != nil {
				// One unreadable row (its key already removed) must not
				// stop the others from moving to the new key.
				unreadable++
				continue
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
		if len(rows) < resealBatch {
			break
		}
	}
	river.RecordOutput(ctx, map[string]int{"resealed": done, "unreadable": unreadable}) //nolint:errcheck // informational
	if unreadable > 0 {
		return fmt.Errorf("%d connections have credentials no key in HUB_SECRET_KEY opens; they must be connected again", unreadable)
	}
	return nil
}
