// Package hub holds the hub's use cases. GraphQL resolvers and HTTP handlers
// call these; each use case checks who may do it, validates its input, and
// writes its rows, its audit entry and its jobs in one transaction.
package hub

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/egress"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/lock"
	"github.com/switchboard-hub/switchboard/internal/ratebudget"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/validation"
)

// Service is the hub's use-case layer.
type Service struct {
	db        *bun.DB
	river     *river.Client[*sql.Tx]
	bus       bus.Bus
	validate  *validation.Validator
	log       *slog.Logger
	now       func() time.Time
	publicURL string
	// signIns throttles password attempts per email address.
	signIns *auth.Throttle
	// keys seal connection credentials.
	keys *secrets.Keyring
	// oauthApps are the hub's apps at OAuth providers, by connector slug.
	oauthApps map[string]OAuthApp
	// http calls providers.
	http *http.Client
	// locks serialize token refreshes across processes.
	locks lock.Locker
	// egress guards connections to addresses users name.
	egress egress.Guard
	// compiled caches compiled rule versions by id (versions never change).
	compiled sync.Map
	// events commits received webhook events in groups.
	events *eventWriter
	// budgets paces calls within each connection's rate budget.
	budgets *budgets
}

// Deps are what the Service needs.
type Deps struct {
	DB    *bun.DB
	River *river.Client[*sql.Tx]
	Bus   bus.Bus
	Log   *slog.Logger
	// PublicURL is where users reach the hub (for invitation links).
	PublicURL string
	// Now is the clock; nil means store.Now.
	Now func() time.Time
	// Keys seal and open connection credentials.
	Keys *secrets.Keyring
	// OAuthApps are the hub's apps at OAuth providers, by connector slug.
	OAuthApps map[string]OAuthApp
	// Locks take named locks across processes.
	Locks lock.Locker
	// Egress decides which addresses outbound calls may reach.
	Egress egress.Guard
}

// New returns the Service.
func New(d Deps) *Service {
	now := d.Now
	if now == nil {
		now = store.Now
	}
	s := &Service{
		db: d.DB, river: d.River, bus: d.Bus, log: d.Log, now: now,
		validate: validation.New(), publicURL: d.PublicURL,
		signIns: auth.NewThrottle(6*time.Second, 10), // 10 at once, then 10 a minute
		keys:    d.Keys, oauthApps: d.OAuthApps, http: d.Egress.HTTPClient(30 * time.Second), locks: d.Locks, egress: d.Egress,
	}
	var shared *ratebudget.Shared
	if d.DB.Dialect().Name() == dialect.PG {
		shared = &ratebudget.Shared{DB: d.DB}
	}
	s.events, s.budgets = newEventWriter(s), newBudgets(shared)
	return s
}

// River returns the job client, for the parts of the app that insert jobs.
func (s *Service) River() *river.Client[*sql.Tx] { return s.river }

// txn is a transaction plus what must happen once it commits.
type txn struct {
	bun.Tx
	published []bus.Message
}

// inTx runs fn in a transaction; after commit it publishes what fn queued on
// the live bus. On SQLite every query inside fn must use tx.
func (s *Service) inTx(ctx context.Context, fn func(ctx context.Context, tx *txn) error) error {
	var t *txn
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t = &txn{Tx: tx}
		return fn(ctx, t)
	})
	if err != nil {
		return err
	}
	if len(t.published) > 0 {
		if err := s.bus.Publish(context.WithoutCancel(ctx), t.published...); err != nil {
			// The state is committed; live subscribers miss this update but
			// the next read shows it.
			s.log.WarnContext(ctx, "live bus: publish failed", "err", err.Error())
		}
	}
	return nil
}

// notFoundAs turns store.ErrNotFound into a NOT_FOUND failure naming what.
func notFoundAs(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return failure.New(failure.NotFound, "%s not found", what)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	return nil
}

// pageArgs validates Relay page arguments.
func pageArgs(first *int, after *string, defaultFirst int) (store.PageArgs, error) {
	n := defaultFirst
	if first != nil {
		n = *first
	}
	if n < 1 || n > 100 {
		return store.PageArgs{}, failure.Invalid("first", "must be between 1 and 100")
	}
	return store.PageArgs{First: n, After: deref(after)}, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Log is the hub's logger.
func (s *Service) Log() *slog.Logger { return s.log }

// PublicURL is the URL users and providers reach path at (path starts with
// a slash): webhook signatures that cover the URL are checked against it.
func (s *Service) PublicURL(path string) string {
	return strings.TrimRight(s.publicURL, "/") + path
}
