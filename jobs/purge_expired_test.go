package jobs_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/database"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/testenv"
	"github.com/switchboard-hub/switchboard/jobs"
)

// TestPurgeExpiredDeletesOnlyExpiredSessions runs the job through a real
// River client on each database, twice: the second run changes nothing.
func TestPurgeExpiredDeletesOnlyExpiredSessions(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, target testenv.Target) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db := testenv.OpenDatabase(t, target)

		now := store.Now()
		u := &store.User{ID: store.NewID(), Email: "a@example.com", Name: "A", PasswordHash: "x", CreatedAt: now}
		require.NoError(t, store.InsertUser(ctx, db.Bun, u))
		for i, exp := range []time.Time{now.Add(-time.Hour), now.Add(time.Hour)} {
			require.NoError(t, store.InsertSession(ctx, db.Bun, &store.Session{
				ID: store.NewID(), TokenHash: string(rune('a' + i)), UserID: u.ID, CSRFToken: "c",
				CreatedAt: now, LastSeenAt: now, ExpiresAt: exp,
			}))
		}

		workers := river.NewWorkers()
		jobs.Register(workers, jobs.Deps{DB: db.Bun, Now: func() time.Time { return now }})
		client, err := river.NewClient(db.River, &river.Config{
			Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 1}}, Workers: workers,
			PollOnly: true, FetchPollInterval: 20 * time.Millisecond, FetchCooldown: 10 * time.Millisecond, TestOnly: true,
		})
		require.NoError(t, err)
		events, stop := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
		defer stop()
		require.NoError(t, client.Start(ctx))
		defer client.Stop(context.Background()) //nolint:errcheck

		for run := 0; run < 2; run++ {
			insertInTx(ctx, t, db, client)
			e := <-events
			require.Equal(t, river.EventKindJobCompleted, e.Kind, "job error: %v", e.Job.Errors)
			n, err := db.Bun.NewSelect().Model((*store.Session)(nil)).Count(ctx)
			require.NoError(t, err)
			require.EqualValues(t, 1, n, "only the live session stays")
		}
	})
}

// insertInTx inserts the job in a bun transaction, as the hub does.
func insertInTx(ctx context.Context, t *testing.T, db *database.DB, client *river.Client[*sql.Tx]) {
	tx, err := db.Bun.BeginTx(ctx, nil)
	require.NoError(t, err)
	_, err = client.InsertTx(ctx, tx.Tx, jobs.PurgeExpiredArgs{}, nil)
	require.NoError(t, err)
	require.NoError(t, tx.Commit())
}

// TestJobsJoinTheTransactionThatInsertsThem shows River and bun share one
// transaction on both databases: rolled back, the job is gone with the rows.
func TestJobsJoinTheTransactionThatInsertsThem(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, target testenv.Target) {
		ctx := context.Background()
		db := testenv.OpenDatabase(t, target)
		workers := river.NewWorkers()
		jobs.Register(workers, jobs.Deps{DB: db.Bun, Now: store.Now})
		client, err := river.NewClient(db.River, &river.Config{Workers: workers, PollOnly: true})
		require.NoError(t, err)

		tx, err := db.Bun.BeginTx(ctx, nil)
		require.NoError(t, err)
		require.NoError(t, store.InsertAgency(ctx, tx, &store.Agency{ID: store.NewID(), Name: "Rolled back", CreatedAt: store.Now()}))
		_, err = client.InsertTx(ctx, tx.Tx, jobs.PurgeExpiredArgs{}, nil)
		require.NoError(t, err)
		require.NoError(t, tx.Rollback())

		var jobsLeft, agencies int
		require.NoError(t, db.Bun.NewRaw("SELECT count(*) FROM river_job").Scan(ctx, &jobsLeft))
		require.NoError(t, db.Bun.NewRaw("SELECT count(*) FROM agencies").Scan(ctx, &agencies))
		require.Zero(t, jobsLeft)
		require.Zero(t, agencies)
	})
}
