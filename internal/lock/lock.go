// Package lock gives named mutual exclusion across every hub process: a
// PostgreSQL advisory lock held on a dedicated connection, or an in-process
// lock on SQLite (one process owns a SQLite database). Locks are held while
// calling providers, so they never hold a transaction open.
package lock

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"sync"
)

// Locker takes named locks.
type Locker interface {
	// Lock blocks until the lock named key is held or ctx ends; the returned
	// function releases it.
	Lock(ctx context.Context, key string) (unlock func(), err error)
}

// Postgres takes session-level advisory locks on a connection of its own.
// Callers of one process first queue on an in-process lock, so that at
// most one pooled connection per key and process waits in PostgreSQL (many
// waiters would otherwise take every pooled connection and starve the
// holder).
type Postgres struct {
	db    *sql.DB
	local *Local
}

// NewPostgres returns a Locker over db.
func NewPostgres(db *sql.DB) *Postgres { return &Postgres{db: db, local: NewLocal()} }

// Lock implements Locker.
func (p *Postgres) Lock(ctx context.Context, key string) (func(), error) {
	unlockLocal, err := p.local.Lock(ctx, key)
	if err != nil {
		return nil, err
	}
	unlock, err := p.lockShared(ctx, key)
	if err != nil {
		unlockLocal()
		return nil, err
	}
	return func() { unlock(); unlockLocal() }, nil
}

func (p *Postgres) lockShared(ctx context.Context, key string) (func(), error) {
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock %s: take a connection: %w", key, err)
	}
	id := keyID(key)
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", id); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("lock %s: %w", key, err)
	}
	return func() {
		_, _ = conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", id)
		_ = conn.Close()
	}, nil
}

func keyID(key string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	return int64(h.Sum64())
}

// Local is the in-process twin, for SQLite.
type Local struct {
	mu    sync.Mutex
	locks map[string]*entry
}

type entry struct {
	ch   chan struct{}
	refs int
}

// NewLocal returns an in-process Locker.
func NewLocal() *Local { return &Local{locks: map[string]*entry{}} }

// Lock implements Locker.
func (l *Local) Lock(ctx context.Context, key string) (func(), error) {
	l.mu.Lock()
	e, ok := l.locks[key]
	if !ok {
		e = &entry{ch: make(chan struct{}, 1)}
		l.locks[key] = e
	}
	e.refs++
	l.mu.Unlock()
	release := func() {
		l.mu.Lock()
		e.refs--
		if e.refs == 0 {
			delete(l.locks, key)
		}
		l.mu.Unlock()
	}
	select {
	case e.ch <- struct{}{}:
		return func() { <-e.ch; release() }, nil
	case <-ctx.Done():
		release()
		return nil, ctx.Err()
	}
}
