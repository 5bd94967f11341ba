// Package database opens the hub's database — an embedded SQLite file or a
// PostgreSQL server — and exposes it both as bun (for the hub's models) and as
// the River driver that shares the very same *sql.DB, so that a job can be
// inserted in the transaction that caused it.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Dialect names the kind of database in use.
type Dialect string

// The two supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open hub database.
type DB struct {
	// Bun is the query builder used by internal/store.
	Bun *bun.DB
	// SQL is the pool under Bun, shared with River.
	SQL *sql.DB
	// Dialect tells which engine this is.
	Dialect Dialect
	// URL is the PostgreSQL connection URL (empty for SQLite); the live bus
	// opens its own listening connection with it.
	URL string
	// River is the River driver over SQL.
	River riverdriver.Driver[*sql.Tx]
}

// Open connects to PostgreSQL when databaseURL starts with postgres:// or
// postgresql://, and otherwise opens (creating if needed) the SQLite file
// switchboard.db under dataDir.
func Open(ctx context.Context, databaseURL, dataDir string) (*DB, error) {
	if databaseURL == "" {
		return openSQLite(ctx, filepath.Join(dataDir, "switchboard.db"))
	}
	u, err := url.Parse(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("database: HUB_DATABASE_URL is not a URL")
	}
	switch u.Scheme {
	case "postgres", "postgresql":
		return openPostgres(ctx, databaseURL)
	case "sqlite", "file":
		return openSQLite(ctx, strings.TrimPrefix(databaseURL, u.Scheme+"://"))
	default:
		return nil, fmt.Errorf("database: HUB_DATABASE_URL scheme %q is not supported (use postgres:// or leave it empty for SQLite)", u.Scheme)
	}
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("database: create data directory: %w", err)
	}
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("database: open sqlite %s: %w", path, err)
	}
	// One connection: SQLite has a single writer, and River and bun share it.
	// Inside a transaction every query must go through the transaction.
	sqldb.SetMaxOpenConns(1)
	sqldb.SetConnMaxIdleTime(0)
	if err := sqldb.PingContext(ctx); err != nil {
		_ = sqldb.Close()
		return nil, fmt.Errorf("database: open sqlite %s: %w", path, err)
	}
	return &DB{
		Bun:     bun.NewDB(sqldb, sqlitedialect.New()),
		SQL:     sqldb,
		Dialect: SQLite,
		River:   riversqlite.New(sqldb),
	}, nil
}

func openPostgres(ctx context.Context, databaseURL string) (*DB, error) {
	config, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("database: open postgres: %w", RedactError(err, databaseURL))
	}
	// bun writes values into the SQL text, so nearly every statement is new:
	// preparing and caching each (pgx's default) costs an extra round trip
	// and a deallocation per query. One round trip, unnamed statement.
	config.DefaultQueryExecMode = pgx.QueryExecModeExec
	sqldb := stdlib.OpenDB(*config)
	sqldb.SetMaxOpenConns(20)
	sqldb.SetMaxIdleConns(20) // as many as may open: closing busy-time connections makes PostgreSQL fork new backends
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqldb.PingContext(pingCtx); err != nil {
		_ = sqldb.Close()
		return nil, fmt.Errorf("database: connect to postgres: %w", RedactError(err, databaseURL))
	}
	return &DB{
		Bun:     bun.NewDB(sqldb, pgdialect.New()),
		SQL:     sqldb,
		Dialect: Postgres,
		URL:     databaseURL,
		River:   riverdatabasesql.New(sqldb),
	}, nil
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return db.SQL.PingContext(ctx)
}

// Close closes the pool.
func (db *DB) Close() error {
	return db.Bun.Close()
}

// RedactError removes the password of databaseURL from err's text, so that a
// connection error can be logged.
func RedactError(err error, databaseURL string) error {
	if err == nil {
		return nil
	}
	u, perr := url.Parse(databaseURL)
	if perr != nil || u.User == nil {
		return err
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" {
		return err
	}
	return redacted{msg: strings.ReplaceAll(err.Error(), pw, "xxxxx"), err: err}
}

type redacted struct {
	msg string
	err error
}

func (r redacted) Error() string { return r.msg }
func (r redacted) Unwrap() error { return r.err }
