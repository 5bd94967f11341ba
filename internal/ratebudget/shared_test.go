package ratebudget_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/ratebudget"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// Two hub processes (two pools on one PostgreSQL database) spend from the
// same bucket: once the burst is gone, a spend in either process is told
// to wait for as long as the bucket needs to refill what it asked for,
// and what the provider reports (its rate, the points left) moves the
// bucket for both.
func TestBudgetIsSharedAcrossProcesses(t *testing.T) {
	target := testenv.NewTarget(t, "postgres")
	one := ratebudget.Shared{DB: testenv.OpenDatabase(t, target).Bun}
	two := ratebudget.Shared{DB: testenv.OpenDatabase(t, target).Bun}
	ctx := context.Background()
	const conn, rate, burst = "conn-1", 10.0, 20.0

	d, err := one.Reserve(ctx, conn, 20, rate, burst)
	require.NoError(t, err)
	require.Zero(t, d, "the first 20 units are the burst")
	d, err = two.Reserve(ctx, conn, 5, rate, burst)
	require.NoError(t, err)
	waits(t, d, 0.5, "the other process waits for 5 units at 10 a second")
	d, err = one.Reserve(ctx, conn, 5, rate, burst)
	require.NoError(t, err)
	waits(t, d, 1.0, "and the next spend waits behind it")

	// The provider says the bucket refills twice as fast: the 10 units
	// of debt and a new spend of 10 take a second at 20 a second.
	require.NoError(t, two.Settle(ctx, conn, 20, 0, 0, math.NaN()))
	d, err = one.Reserve(ctx, conn, 10, rate, burst)
	require.NoError(t, err)
	waits(t, d, 1.0)

	// Points the provider says are gone (other apps spent them) are gone
	// here too: 2 left, so a spend of 10 waits for 8 at 10 a second.
	_, err = one.Reserve(ctx, "conn-3", 1, rate, burst)
	require.NoError(t, err)
	require.NoError(t, two.Settle(ctx, "conn-3", 0, 0, 0, 2))
	d, err = one.Reserve(ctx, "conn-3", 10, rate, burst)
	require.NoError(t, err)
	waits(t, d, 0.8)

	// A bucket nobody spent from refills to its burst.
	require.NoError(t, one.Settle(ctx, "conn-2", 0, 0, 0, math.NaN()), "settling an unknown bucket is harmless")
	d, err = two.Reserve(ctx, "conn-2", 3, rate, burst)
	require.NoError(t, err)
	require.Equal(t, time.Duration(0), d)
}

// waits checks a wait is what the bucket needs: never more, and less only
// by the time that passed between the calls (refill meanwhile).
func waits(t *testing.T, d time.Duration, seconds float64, msg ...any) {
	t.Helper()
	want := time.Duration(seconds * float64(time.Second))
	require.LessOrEqual(t, d, want+time.Millisecond, msg...)
	require.Greater(t, d, want-300*time.Millisecond, msg...)
}
