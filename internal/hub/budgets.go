package hub

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/ratebudget"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// budgetShare is the part of a provider's published budget the hub plans
// to use: requests leave at an even pace, so a window of the provider's
// length never holds more than the budget, even with network jitter.
const budgetShare = 0.95

// budgets paces calls to each connection within its provider's rate
// budget, shared by every job that uses the connection (in every hub
// process, on PostgreSQL): the hub spends the budget instead of waiting
// for 429s. Request budgets
// (HubSpot's 100 per 10 s) come from the connector's Spec; cost budgets
// (Shopify's points) start from the Spec and follow what the provider
// reports with each call — bucket size, restore rate by plan, points
// left, and what a page of each kind costs. A 429 or THROTTLED that comes
// anyway snoozes the job until Retry-After.
type budgets struct {
	mu     sync.Mutex
	byConn map[string]*budget
	// shared, on PostgreSQL, keeps the buckets in the database so that
	// every hub process spends from the same budget; nil on SQLite (one
	// process), where the limiters below are the buckets.
	shared *ratebudget.Shared
}

// budget is one connection's pace.
type budget struct {
	limiter *rate.Limiter
	// costs are the last reported cost of a call, by what was called.
	costs map[string]int
}

func newBudgets(shared *ratebudget.Shared) *budgets {
	return &budgets{byConn: map[string]*budget{}, shared: shared}
}

// of is the connection's budget, nil for providers that publish none.
func (b *budgets) of(row *store.Connection) *budget {
	c, ok := connectors.Get(row.Connector)
	if !ok {
		return nil
	}
	spec := c.Spec().Budget
	b.mu.Lock()
	defer b.mu.Unlock()
	if bu, ok := b.byConn[row.ID]; ok {
		return bu
	}
	var l *rate.Limiter
	switch {
	case spec.CostPoints > 0 && spec.RestorePerSec > 0:
		l = rate.NewLimiter(rate.Limit(budgetShare*float64(spec.RestorePerSec)), spec.CostPoints)
	case spec.Requests > 0 && spec.Per > 0:
		l = rate.NewLimiter(rate.Limit(budgetShare*float64(spec.Requests)/spec.Per.Seconds()), 1)
	default:
		return nil
	}
	bu := &budget{limiter: l, costs: map[string]int{}}
	b.byConn[row.ID] = bu
	return bu
}

// spend waits until the connection's budget allows a call of the given
// kind (one request, or for cost budgets what the last such call cost,
// else guess), and returns what it reserved.
func (b *budgets) spend(ctx context.Context, row *store.Connection, kind string, guess int) (int, error) {
	bu := b.of(row)
	if bu == nil {
		return 0, nil
	}
	b.mu.Lock()
	units := guess
	if last, ok := bu.costs[kind]; ok {
		units = last
	}
	b.mu.Unlock()
	units = max(min(units, bu.limiter.Burst()), 1)
	if b.shared != nil {
		d, err := b.shared.Reserve(ctx, row.ID, units, float64(bu.limiter.Limit()), float64(bu.limiter.Burst()))
		if err == nil {
			err = sleepFor(ctx, d)
		}
		if err != nil {
			return 0, fmt.Errorf("wait for the %s rate budget: %w", row.Connector, err)
		}
		return units, nil
	}
	if err := bu.limiter.WaitN(ctx, units); err != nil {
		return 0, fmt.Errorf("wait for the %s rate budget: %w", row.Connector, err)
	}
	return units, nil
}

// settle records what a call of the kind really cost and the provider's
// view of the budget: the pace follows the reported rate (restore rate and
// bucket size by plan, or requests per window), and points the provider
// says are gone are taken from the local bucket too.
func (b *budgets) settle(row *store.Connection, kind string, reserved int, st *connectors.BudgetStatus) {
	bu := b.of(row)
	if bu == nil || st == nil {
		return
	}
	l, now := bu.limiter, time.Now()
	if st.RestorePerSec > 0 {
		l.SetLimitAt(now, rate.Limit(budgetShare*st.RestorePerSec))
	}
	if b.shared != nil {
		b.settleShared(row, bu, kind, reserved, st)
		return
	}
	if st.Requests {
		// A rolling window of requests: keep the even pace (burst 1);
		// requests beyond the one reserved (retries inside the call) are
		// taken from the pace.
		if extra := st.Cost - reserved; extra > 0 {
			l.ReserveN(now, extra)
		}
		return
	}
	b.mu.Lock()
	bu.costs[kind] = st.Cost
	b.mu.Unlock()
	if st.Maximum > 0 {
		l.SetBurstAt(now, int(st.Maximum))
	}
	if extra := st.Cost - reserved; extra > 0 {
		l.ReserveN(now, extra)
	}
	if over := l.TokensAt(now) - st.Available; over >= 1 {
		l.ReserveN(now, int(over))
	}
}

// settleShared settles a connection's bucket in the database: its rate
// and (for cost budgets) size as reported, the units the call took beyond
// its reservation, and the points the provider says are left. A failure
// leaves the pace as it was (the next report settles it).
func (b *budgets) settleShared(row *store.Connection, bu *budget, kind string, reserved int, st *connectors.BudgetStatus) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rateNow, burst, available := 0.0, 0.0, math.NaN()
	if st.RestorePerSec > 0 {
		rateNow = budgetShare * st.RestorePerSec
	}
	if !st.Requests {
		b.mu.Lock()
		bu.costs[kind] = st.Cost
		b.mu.Unlock()
		burst, available = st.Maximum, st.Available
		if st.Maximum > 0 {
			bu.limiter.SetBurst(int(st.Maximum))
		}
	}
	_ = b.shared.Settle(ctx, row.ID, rateNow, burst, max(st.Cost-reserved, 0), available)
}

// readCost guesses what reading a page costs before the provider has
// told: one request, or for cost budgets three points a record.
func readCost(row *store.Connection, pageSize int) int {
	c, ok := connectors.Get(row.Connector)
	if ok && c.Spec().Budget.CostPoints > 0 {
		return 3*pageSize + 3
	}
	return 1
}

// maxInlineWait is the longest Retry-After a page waits out in place;
// longer ones end the job, which snoozes until then.
const maxInlineWait = 10 * time.Second

// maxInlineRetries bounds the rate-limited answers one call waits out in
// place before the job snoozes instead.
const maxInlineRetries = 30

// honoringRetryAfter calls fn until it is not refused by a rate limit:
// after a 429 or THROTTLED with a short Retry-After it waits that long —
// never calling earlier — and calls again, so a page keeps the progress
// it made. A long Retry-After, or too many, is returned for the job to
// snooze on.
func honoringRetryAfter(ctx context.Context, fn func() error) error {
	for range maxInlineRetries {
		err := fn()
		var limited connectors.RateLimited
		if !errors.As(err, &limited) || limited.RetryAfterDelay() > maxInlineWait {
			return err
		}
		if err := sleepFor(ctx, limited.RetryAfterDelay()); err != nil {
			return err
		}
	}
	return fn()
}

// sleepFor sleeps d, or less when ctx ends (its error then).
func sleepFor(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
