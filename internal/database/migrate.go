package database

import (
	"context"
	"fmt"

	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun/migrate"

	"github.com/switchboard-hub/switchboard/migrations"
)

// migrationLockKey is the PostgreSQL advisory lock that serializes migrations
// when several hub processes start at once.
const migrationLockKey = 7_311_202_611

// MigrationReport tells what Migrate applied.
type MigrationReport struct {
	Hub   []string
	River []string
}

// Migrate brings the hub's schema and River's schema up to date. It is
// idempotent and safe to run from several processes at once on PostgreSQL.
func (db *DB) Migrate(ctx context.Context) (MigrationReport, error) {
	var report MigrationReport
	if db.Dialect == Postgres {
		conn, err := db.SQL.Conn(ctx)
		if err != nil {
			return report, fmt.Errorf("migrate: take a connection: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
			return report, fmt.Errorf("migrate: take the migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey) //nolint:errcheck // released with the session anyway
	}

	files, err := migrations.FS(string(db.Dialect))
	if err != nil {
		return report, err
	}
	set := migrate.NewMigrations()
	if err := set.Discover(files); err != nil {
		return report, fmt.Errorf("migrate: read migration files: %w", err)
	}
	migrator := migrate.NewMigrator(db.Bun, set,
		migrate.WithTableName("hub_migrations"),
		migrate.WithLocksTableName("hub_migration_locks"),
		migrate.WithMarkAppliedOnSuccess(true),
	)
	if err := migrator.Init(ctx); err != nil {
		return report, fmt.Errorf("migrate: create the migrations table: %w", err)
	}
	group, err := migrator.Migrate(ctx)
	if err != nil {
		return report, fmt.Errorf("migrate: %w", err)
	}
	for _, m := range group.Migrations {
		report.Hub = append(report.Hub, m.Name)
	}

	rm, err := rivermigrate.New(db.River, nil)
	if err != nil {
		return report, fmt.Errorf("migrate: river: %w", err)
	}
	res, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return report, fmt.Errorf("migrate: river: %w", err)
	}
	for _, v := range res.Versions {
		report.River = append(report.River, fmt.Sprintf("river %03d %s", v.Version, v.Name))
	}
	return report, nil
}
