package hub

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun/dialect"

	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/jobs"
)

// eventWriter commits received webhook events in groups. Deliveries that
// arrive while a commit is under way queue up and share the next one, so
// one commit (one WAL flush, one round of River inserts) acknowledges many
// deliveries. No delivery waits for a timer: a lone delivery commits at
// once. Each caller still gets its own answer, and is answered only after
// the commit that holds its events.
type eventWriter struct {
	s *Service
	// committers is how many commits may run at once.
	committers int

	mu      sync.Mutex
	pending []*eventWrite
	active  int
}

// eventWrite is one delivery's rows waiting for a commit.
type eventWrite struct {
	rows []*store.WebhookEvent
	// fresh reports, per row, whether it was stored (not a duplicate).
	fresh []bool
	err   error
	done  chan struct{}
}

// maxGroup bounds the deliveries one commit holds.
const maxGroup = 256

// commitTimeout bounds one group commit: it runs on behalf of many
// requests, so no single request's context cancels it.
const commitTimeout = 30 * time.Second

func newEventWriter(s *Service) *eventWriter {
	committers := 4
	if s.db.Dialect().Name() == dialect.SQLite {
		committers = 1 // one writer at a time anyway
	}
	return &eventWriter{s: s, committers: committers}
}

// write stores rows (skipping those already stored) with a processing job
// for each new one, and reports which were new. It returns once they are
// committed, or with the error that stopped them; on ctx's end it returns
// early, and the rows may or may not be committed (a provider's retry is
// then deduplicated).
func (w *eventWriter) write(ctx context.Context, rows []*store.WebhookEvent) ([]bool, error) {
	req := &eventWrite{rows: rows, done: make(chan struct{})}
	w.mu.Lock()
	w.pending = append(w.pending, req)
	start := w.active < w.committers
	if start {
		w.active++
	}
	w.mu.Unlock()
	if start {
		go w.drain()
	}
	select {
	case <-req.done:
		return req.fresh, req.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// drain commits queued deliveries, a group at a time, until none is left.
func (w *eventWriter) drain() {
	for {
		w.mu.Lock()
		if len(w.pending) == 0 {
			w.active--
			w.mu.Unlock()
			return
		}
		n := min(len(w.pending), maxGroup)
		group := w.pending[:n:n]
		w.pending = w.pending[n:]
		w.mu.Unlock()
		w.commitGroup(group)
	}
}

// commitGroup commits a group in one transaction. When that fails and the
// group holds several deliveries, each is committed alone, so one bad
// delivery fails only its own request.
func (w *eventWriter) commitGroup(group []*eventWrite) {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	err := w.commit(ctx, group)
	if err != nil && len(group) > 1 {
		for _, req := range group {
			req.err = w.commit(ctx, []*eventWrite{req})
			close(req.done)
		}
		return
	}
	for _, req := range group {
		req.err = err
		close(req.done)
	}
}

// commit stores the group's rows and their jobs in one transaction and
// fills in each request's fresh flags.
func (w *eventWriter) commit(ctx context.Context, group []*eventWrite) error {
	// A provider may deliver the same event twice at once: only its first
	// copy in the group is inserted.
	seen := make(map[[2]string]bool)
	var rows []*store.WebhookEvent
	for _, req := range group {
		for _, row := range req.rows {
			key := [2]string{row.ConnectionID, row.EventID}
			if !seen[key] {
				seen[key] = true
				rows = append(rows, row)
			}
		}
	}
	var fresh map[string]bool
	err := w.s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var err error
		if fresh, err = store.InsertWebhookEvents(ctx, tx, rows); err != nil {
			return fmt.Errorf("store webhook events: %w", err)
		}
		params := make([]river.InsertManyParams, 0, len(fresh))
		for _, row := range rows {
			if fresh[row.ID] {
				params = append(params, river.InsertManyParams{Args: jobs.ProcessWebhookArgs{EventID: row.ID}})
			}
		}
		if len(params) == 0 {
			return nil
		}
		if _, err := w.s.river.InsertManyFastTx(ctx, tx.Tx.Tx, params); err != nil {
			return fmt.Errorf("queue webhook processing: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, req := range group {
		req.fresh = make([]bool, len(req.rows))
		for i, row := range req.rows {
			req.fresh[i] = fresh[row.ID]
		}
	}
	return nil
}
