// Package ratebudget keeps rate budgets that every hub process spends
// from: one token bucket per connection in PostgreSQL.
package ratebudget

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/uptrace/bun"
)

// Shared keeps each connection's token bucket in PostgreSQL, so
// that every hub process spends from the same budget: a spend reserves
// its units in one statement (the bucket refills at its rate since it was
// last touched, up to its burst) and waits while the bucket is in debt, as
// golang.org/x/time/rate's ReserveN does in memory.
type Shared struct {
	DB *bun.DB
}

// Reserve takes units from the connection's bucket (made with rate and
// burst when it has none) and returns how long to wait before the call.
func (b *Shared) Reserve(ctx context.Context, connectionID string, units int, rate, burst float64) (time.Duration, error) {
	var tokens, r float64
	err := b.DB.QueryRowContext(ctx, `INSERT INTO rate_budgets AS b (connection_id, tokens, rate, burst, updated_at)
		VALUES (?, ?::float8 - ?, ?, ?, clock_timestamp())
		ON CONFLICT (connection_id) DO UPDATE SET
		tokens = LEAST(b.burst, b.tokens + b.rate * EXTRACT(EPOCH FROM clock_timestamp() - b.updated_at)) - ?,
		updated_at = clock_timestamp()
		RETURNING tokens, rate`, connectionID, burst, units, rate, burst, units).Scan(&tokens, &r)
	if err != nil {
		return 0, fmt.Errorf("rate budget: %w", err)
	}
	if tokens >= 0 || r <= 0 {
		return 0, nil
	}
	return time.Duration(-tokens / r * float64(time.Second)), nil
}

// Settle follows what the provider reported: its rate and bucket size
// (zero: unchanged), units the call took beyond what was reserved, and
// the points it says are left (NaN: not said).
func (b *Shared) Settle(ctx context.Context, connectionID string, rate, burst float64, extra int, available float64) error {
	var avail any
	if !math.IsNaN(available) {
		avail = available
	}
	_, err := b.DB.ExecContext(ctx, `UPDATE rate_budgets SET
		tokens = LEAST(LEAST(burst, tokens + rate * EXTRACT(EPOCH FROM clock_timestamp() - updated_at)) - ?, COALESCE(?, 'Infinity'::float8)),
		rate = COALESCE(NULLIF(?::float8, 0), rate), burst = COALESCE(NULLIF(?::float8, 0), burst), updated_at = clock_timestamp()
		WHERE connection_id = ?`, extra, avail, rate, burst, connectionID)
	if err != nil {
		return fmt.Errorf("rate budget: %w", err)
	}
	return nil
}
