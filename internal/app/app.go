package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/riverqueue/river"
	"riverqueue.com/riverui"

	"github.com/switchboard-hub/switchboard/connectors"
	_ "github.com/switchboard-hub/switchboard/connectors/all" // the connectors compiled in
	"github.com/switchboard-hub/switchboard/frontend"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/database"
	"github.com/switchboard-hub/switchboard/internal/egress"
	"github.com/switchboard-hub/switchboard/internal/hub"
	"github.com/switchboard-hub/switchboard/internal/lock"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/telemetry"
	"github.com/switchboard-hub/switchboard/internal/web"
	"github.com/switchboard-hub/switchboard/jobs"
)

// App is one running hub process.
type App struct {
	Config  Config
	Log     *slog.Logger
	DB      *database.DB
	River   *river.Client[*sql.Tx]
	Hub     *hub.Service
	Metrics *telemetry.Metrics
	Handler http.Handler
	// Keys seal and open connection credentials.
	Keys *secrets.Keyring
	// OAuthApps are the hub's provider apps (real or sandbox), by slug.
	OAuthApps map[string]hub.OAuthApp

	pgBus *bus.Postgres
}

// Options override parts of the app (tests use them).
type Options struct {
	// App is the admin app's files; nil means the embedded build.
	App fs.FS
	// Now is the hub's clock (tests move it to end waits); nil means
	// the wall clock.
	Now func() time.Time
}

// New opens the database, migrates it and assembles the hub.
func New(ctx context.Context, cfg Config, log *slog.Logger, opts Options) (*App, error) {
	db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	keys, err := loadKeys(cfg, log)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	a := &App{Config: cfg, Log: log, DB: db, Metrics: telemetry.NewMetrics(), Keys: keys}

	workers := river.NewWorkers()
	late := &lateHub{}
	jobs.Register(workers, jobs.Deps{DB: db.Bun, Now: store.Now, Tokens: late, Webhooks: late, Automation: late, Syncs: late, Inventory: late, Keys: keys})
	a.River, err = river.NewClient(db.River, &river.Config{
		Logger: riverLogger(log),
		Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers},
			// Sync pages queue apart: a long sync never delays events and runs.
			jobs.SyncQueue: {MaxWorkers: 2}},
		Workers:      workers,
		PeriodicJobs: jobs.Periodic(),
		PollOnly:     true,
		// Without LISTEN (poll-only drivers) new jobs are found by polling:
		// often enough that a webhook's work starts within tens of
		// milliseconds, and soon again after each fetch.
		FetchPollInterval:    20 * time.Millisecond,
		FetchCooldown:        5 * time.Millisecond,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		// Job rows are kept for a day so River UI can show what ran.
		CompletedJobRetentionPeriod: 24 * time.Hour,
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("river: %w", err)
	}

	var b bus.Bus = bus.NewLocal()
	if db.Dialect == database.Postgres {
		a.pgBus = bus.NewPostgres(db.SQL, db.URL, log)
		b = a.pgBus
	}
	oauthApps, sandboxes := providerApps(cfg)
	a.OAuthApps = oauthApps
	a.Hub = hub.New(hub.Deps{DB: db.Bun, River: a.River, Bus: b, Log: log, PublicURL: cfg.PublicURL, Keys: keys, OAuthApps: oauthApps, Locks: lockerFor(db), Now: opts.Now,
		Egress: egress.Guard{AllowPrivate: cfg.AllowPrivateEgress}})
	late.hub = a.Hub

	jobsUI, err := riverui.NewHandler(&riverui.HandlerOpts{
		Endpoints: riverui.NewEndpoints(a.River, nil),
		Logger:    log.With("component", "riverui"),
		Prefix:    "/admin/jobs",
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("river ui: %w", err)
	}
	app := opts.App
	if app == nil {
		app = frontend.Dist()
	}
	a.Handler = web.NewRouter(web.Options{
		Hub: a.Hub, Log: log, Metrics: a.Metrics, Production: cfg.Production(), PublicURL: cfg.PublicURL,
		Ready: a.ready, JobsUI: jobsUI, App: app, Sandboxes: sandboxes,
	})
	return a, nil
}

// ready reports whether the database answers and River's client is running.
func (a *App) ready(ctx context.Context) error {
	if err := a.DB.Ping(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	select {
	case <-a.River.Stopped():
		return errors.New("job queue stopped")
	default:
	}
	if a.pgBus != nil && !a.pgBus.Listening() {
		return errors.New("live bus is not listening")
	}
	return nil
}

// Start starts the background parts: River's workers and the live bus.
func (a *App) Start(ctx context.Context) error {
	if a.pgBus != nil {
		go a.pgBus.Run(ctx)
	}
	go a.countJobs(ctx)
	if err := a.River.Start(ctx); err != nil {
		return fmt.Errorf("start river: %w", err)
	}
	return nil
}

// countJobs feeds River's job events into the metrics.
func (a *App) countJobs(ctx context.Context) {
	events, cancel := a.River.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed,
		river.EventKindJobCancelled, river.EventKindJobSnoozed)
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-events:
			if !ok {
				return
			}
			a.Metrics.Jobs.WithLabelValues(e.Job.Kind, string(e.Kind)).Inc()
			if e.JobStats != nil {
				a.Metrics.JobDuration.WithLabelValues(e.Job.Kind).Observe(e.JobStats.RunDuration.Seconds())
			}
		}
	}
}

// Serve starts everything, serves HTTP on ln until ctx ends, then shuts down
// gracefully: stop taking requests, let running requests and jobs finish
// within the shutdown timeout, then close the database.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	bg, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBackground()
	if err := a.Start(bg); err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return bg },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if a.Config.PprofAddr != "" {
		go a.servePprof(a.Config.PprofAddr)
	}
	a.Log.Info("switchboard is ready", "url", a.Config.PublicURL, "database", string(a.DB.Dialect), "env", a.Config.Env)

	select {
	case err := <-errc:
		stopBackground()
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	a.Log.Info("shutting down", "timeout", a.Config.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	httpErr := srv.Shutdown(shutdownCtx)
	// A soft stop first: running jobs finish (cancelling River's start
	// context would cancel them at once).
	if err := a.River.Stop(shutdownCtx); err != nil {
		a.Log.Warn("jobs did not finish in time; they will be retried", "err", err.Error())
		_ = a.River.StopAndCancel(context.Background())
	}
	stopBackground() // closes subscriptions and WebSockets, stops the live bus
	dbErr := a.DB.Close()
	return errors.Join(ignoreClosed(httpErr), dbErr)
}

func ignoreClosed(err error) error {
	if errors.Is(err, http.ErrServerClosed) || errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	return err
}

// Close releases the database without serving (for commands and tests).
func (a *App) Close() error { return a.DB.Close() }

// riverLogger keeps River's routine chatter (producer counts every few
// seconds) out of the hub's log unless it is a warning.
func riverLogger(log *slog.Logger) *slog.Logger {
	return slog.New(minLevel{Handler: log.Handler(), min: slog.LevelWarn}).With("component", "river")
}

type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{Handler: h.Handler.WithAttrs(attrs), min: h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{Handler: h.Handler.WithGroup(name), min: h.min}
}

// loadKeys reads HUB_SECRET_KEY, or in development makes (once) and keeps a
// key under the data directory, with a warning: whoever reads that file can
// open the credentials stored in this database.
func loadKeys(cfg Config, log *slog.Logger) (*secrets.Keyring, error) {
	if cfg.SecretKey != "" {
		return secrets.ParseKeys(cfg.SecretKey)
	}
	keys, created, err := secrets.DevelopmentKeys(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("development secret key: %w", err)
	}
	if created {
		log.Warn("HUB_SECRET_KEY is not set: generated a development key in the data directory; set HUB_SECRET_KEY in production",
			"file", cfg.DataDir+"/secret.key")
	}
	return keys, nil
}

// providerApps returns the hub's OAuth app per provider: the real one when
// HUB_<SLUG>_CLIENT_ID/SECRET are set, otherwise (in sandbox mode) an app of
// the provider's emulator, which is mounted under /sandbox/<slug>.
func providerApps(cfg Config) (map[string]hub.OAuthApp, map[string]http.Handler) {
	apps := map[string]hub.OAuthApp{}
	mounted := map[string]http.Handler{}
	for _, c := range connectors.All() {
		slug := c.Spec().Slug
		if real, ok := cfg.ProviderApps[slug]; ok {
			apps[slug] = hub.OAuthApp{ClientID: real.ClientID, ClientSecret: secrets.New(real.ClientSecret), APIBase: real.BaseURL}
			continue
		}
		factory, ok := connectors.SandboxFor(slug)
		if !cfg.Sandbox || !ok {
			continue
		}
		app := connectors.SandboxApp{ClientID: "sandbox-" + slug, ClientSecret: auth.NewSecret("sandbox_"), HubURL: cfg.PublicURL, Demo: cfg.SandboxDemo}
		prefix := "/sandbox/" + slug
		mounted[prefix] = factory(app)
		apps[slug] = hub.OAuthApp{ClientID: app.ClientID, ClientSecret: secrets.New(app.ClientSecret), APIBase: cfg.PublicURL + prefix, Sandbox: true}
	}
	return apps, mounted
}

// lockerFor returns advisory locks on PostgreSQL (several processes) and an
// in-process lock on SQLite (one process).
func lockerFor(db *database.DB) lock.Locker {
	if db.Dialect == database.Postgres {
		return lock.NewPostgres(db.SQL)
	}
	return lock.NewLocal()
}

// lateHub lets workers, registered before the hub exists, reach it.
type lateHub struct{ hub *hub.Service }

func (l *lateHub) RefreshConnection(ctx context.Context, id string) error {
	return l.hub.RefreshConnection(ctx, id)
}

func (l *lateHub) ProcessWebhookEvent(ctx context.Context, id string) error {
	return l.hub.ProcessWebhookEvent(ctx, id)
}

func (l *lateHub) SubscribeWebhooks(ctx context.Context, id string) error {
	return l.hub.SubscribeWebhooks(ctx, id)
}

func (l *lateHub) AdvanceRun(ctx context.Context, id string, lastAttempt bool) error {
	return l.hub.AdvanceRun(ctx, id, lastAttempt)
}

func (l *lateHub) DetectAbandonment(ctx context.Context, eventID string, delayMinutes int) error {
	return l.hub.DetectAbandonment(ctx, eventID, delayMinutes)
}

func (l *lateHub) WakeDueRuns(ctx context.Context) error { return l.hub.WakeDueRuns(ctx) }

func (l *lateHub) FireSchedules(ctx context.Context) error { return l.hub.FireSchedules(ctx) }

func (l *lateHub) SyncPage(ctx context.Context, runID string, page int) (bool, error) {
	return l.hub.SyncPage(ctx, runID, page)
}

func (l *lateHub) FailSyncRun(ctx context.Context, runID string, cause error) error {
	return l.hub.FailSyncRun(ctx, runID, cause)
}

func (l *lateHub) ApplyStockEvent(ctx context.Context, webhookEventID string) error {
	return l.hub.ApplyStockEvent(ctx, webhookEventID)
}

func (l *lateHub) PushInventoryItem(ctx context.Context, workspaceID, itemID string) error {
	return l.hub.PushInventoryItem(ctx, workspaceID, itemID)
}

func (l *lateHub) Reconcile(ctx context.Context, reconciliationID string) error {
	return l.hub.Reconcile(ctx, reconciliationID)
}

func (l *lateHub) FailReconciliation(ctx context.Context, reconciliationID string, cause error) error {
	return l.hub.FailReconciliation(ctx, reconciliationID, cause)
}

func (l *lateHub) StartDueReconciliations(ctx context.Context) error {
	return l.hub.StartDueReconciliations(ctx)
}

func (l *lateHub) StartDueSyncs(ctx context.Context) error { return l.hub.StartDueSyncs(ctx) }

func (l *lateHub) DetectInactiveCustomers(ctx context.Context) error {
	return l.hub.DetectInactiveCustomers(ctx)
}

// servePprof serves Go's profiler on its own address (never on the public
// listener).
func (a *App) servePprof(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	a.Log.Info("profiler listening", "addr", addr)
	if err := srv.ListenAndServe(); err != nil {
		a.Log.Warn("profiler stopped", "err", err.Error())
	}
}
