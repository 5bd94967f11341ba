package database_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/database"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

func TestMigrationsRunOnAnEmptyDatabaseAndAreIdempotent(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, target testenv.Target) {
		ctx := context.Background()
		db, err := database.Open(ctx, target.DatabaseURL, target.DataDir)
		require.NoError(t, err)
		defer db.Close()

		first, err := db.Migrate(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, first.Hub, "the hub's migrations ran")
		require.NotEmpty(t, first.River, "River's migrations ran")

		for _, table := range []string{"agencies", "users", "workspaces", "memberships", "sessions", "api_tokens", "invitations", "audit_entries", "river_job"} {
			var n int
			require.NoError(t, db.Bun.NewRaw("SELECT count(*) FROM "+table).Scan(ctx, &n), table)
		}

		again, err := db.Migrate(ctx)
		require.NoError(t, err)
		require.Empty(t, again.Hub, "nothing left to apply")
		require.Empty(t, again.River)
	})
}

func TestConcurrentMigrationsOnPostgres(t *testing.T) {
	url := testenv.NewPostgresDatabase(t)
	ctx := context.Background()
	errs := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			db, err := database.Open(ctx, url, "")
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			_, err = db.Migrate(ctx)
			errs <- err
		}()
	}
	for i := 0; i < 3; i++ {
		require.NoError(t, <-errs, "processes starting together all migrate cleanly")
	}
}

func TestOpenRejectsUnknownSchemes(t *testing.T) {
	_, err := database.Open(context.Background(), "mysql://root@localhost/x", t.TempDir())
	require.ErrorContains(t, err, "HUB_DATABASE_URL")
}

func TestConnectionErrorsHideThePassword(t *testing.T) {
	_, err := database.Open(context.Background(), "postgres://u:hunter2secret@127.0.0.1:1/db?connect_timeout=1", "")
	require.Error(t, err)
	require.NotContains(t, err.Error(), "hunter2secret")
}
