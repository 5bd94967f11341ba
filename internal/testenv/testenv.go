// Package testenv gives tests real databases — a SQLite file and a fresh
// PostgreSQL database — and a running hub over real HTTP. Every test that
// touches storage runs on both through ForEachDatabase.
//
// PostgreSQL comes from HUB_TEST_DATABASE_URL (an admin URL: the tests create
// and drop databases with it), defaulting to postgres@127.0.0.1:5432. `make
// test` starts a throwaway cluster when none is reachable.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"github.com/switchboard-hub/switchboard/internal/database"
)

// DefaultPostgresURL is used when HUB_TEST_DATABASE_URL is not set.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Target is one database to run a test on.
type Target struct {
	// Name is "sqlite" or "postgres".
	Name string
	// DatabaseURL is empty for SQLite.
	DatabaseURL string
	// DataDir holds the SQLite file.
	DataDir string
}

// ForEachDatabase runs fn as a parallel subtest on a fresh SQLite database
// and on a fresh PostgreSQL database.
func ForEachDatabase(t *testing.T, fn func(t *testing.T, db Target)) {
	t.Helper()
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, NewTarget(t, name))
		})
	}
}

// NewTarget makes a fresh, empty database of the given kind, dropped when the
// test ends.
func NewTarget(t testing.TB, name string) Target {
	t.Helper()
	if name == "sqlite" {
		return Target{Name: name, DataDir: t.TempDir()}
	}
	return Target{Name: name, DatabaseURL: NewPostgresDatabase(t), DataDir: t.TempDir()}
}

// PostgresAdminURL is the URL the tests create databases with.
func PostgresAdminURL() string {
	if u := os.Getenv("HUB_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

// NewPostgresDatabase creates an empty database and returns its URL.
func NewPostgresDatabase(t testing.TB) string {
	t.Helper()
	admin := PostgresAdminURL()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("testenv: open PostgreSQL admin URL: %v", err)
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("testenv: PostgreSQL is not reachable at HUB_TEST_DATABASE_URL (or %s): %v — run `make test`, which starts one", DefaultPostgresURL, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "sbtest_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("testenv: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("testenv: parse admin URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// OpenDatabase opens the target, migrated, and closes it when the test ends.
func OpenDatabase(t testing.TB, target Target) *database.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, target.DatabaseURL, target.DataDir)
	if err != nil {
		t.Fatalf("testenv: open %s: %v", target.Name, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("testenv: migrate %s: %v", target.Name, err)
	}
	return db
}
