// Package store holds the hub's bun models and the queries over them. Every
// function takes a bun.IDB so it works on the pool or inside a transaction
// (on SQLite, inside a transaction, always pass the transaction).
package store

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNotFound is returned when a row does not exist.
var ErrNotFound = errors.New("store: not found")

// NewID returns a new time-ordered row id (UUIDv7), so ordering by id is
// ordering by creation.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// Now returns the current time in UTC at microsecond precision, the precision
// both databases keep.
func Now() time.Time {
	return time.Now().UTC().Truncate(time.Microsecond)
}

// IsUniqueViolation reports whether err is a unique-constraint violation on
// either database. constraint, when not empty, must appear in the message.
func IsUniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505" && (constraint == "" || pgErr.ConstraintName == constraint)
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		code := sqErr.Code()
		unique := code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
		return unique && (constraint == "" || strings.Contains(sqErr.Error(), constraint))
	}
	return false
}

// notFound maps sql.ErrNoRows to ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
