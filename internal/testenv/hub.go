package testenv

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/switchboard-hub/switchboard/internal/app"
	"github.com/switchboard-hub/switchboard/internal/telemetry"
)

// Hub is a hub running for one test, serving real HTTP on loopback.
type Hub struct {
	App  *app.App
	URL  string
	stop func()
}

// Stop shuts the hub down (also done when the test ends).
func (h *Hub) Stop() { h.stop() }

// StartHub starts a hub on the target database and stops it when the test
// ends. The admin app is a one-page stand-in.
func StartHub(t testing.TB, db Target) *Hub {
	t.Helper()
	return StartHubWith(t, db, HubOptions{})
}

// HubOptions change how a test hub runs.
type HubOptions struct {
	// Env overrides HUB_* variables (for example HUB_ENV=production).
	Env map[string]string
	// Log receives the hub's log (JSON in production, text otherwise).
	Log io.Writer
	// Clock, when set, is the hub's clock.
	Clock *Clock
}

// Clock is a clock a test moves by hand (it starts at the wall clock).
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset).UTC().Truncate(time.Microsecond)
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// StartHubWith is StartHub with options.
func StartHubWith(t testing.TB, db Target, o HubOptions) *Hub {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testenv: listen: %v", err)
	}
	url := "http://" + ln.Addr().String()
	env := map[string]string{
		"HUB_DATABASE_URL": db.DatabaseURL, "HUB_DATA_DIR": db.DataDir, "HUB_ADDR": ln.Addr().String(),
		"HUB_PUBLIC_URL": url, "HUB_SHUTDOWN_TIMEOUT": "5s", "HUB_SANDBOX_DEMO": "off",
	}
	for k, v := range o.Env {
		env[k] = v
	}
	cfg, err := app.ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("testenv: config: %v", err)
	}
	var w io.Writer = io.Discard
	if o.Log != nil {
		w = o.Log
	} else if os.Getenv("HUB_TEST_LOG") != "" {
		w = os.Stderr
	}
	log := telemetry.NewLogger(w, cfg.Production(), slog.LevelDebug)
	ctx, cancel := context.WithCancel(context.Background())
	opts := app.Options{App: fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>app</title>")}}}
	if o.Clock != nil {
		opts.Now = o.Clock.Now
	}
	a, err := app.New(ctx, cfg, log, opts)
	if err != nil {
		cancel()
		t.Fatalf("testenv: start hub on %s: %v", db.Name, err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("testenv: hub stopped with: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Errorf("testenv: hub did not stop within 20s")
			}
		})
	}
	t.Cleanup(stop)
	h := &Hub{App: a, URL: url, stop: stop}
	h.waitReady(t)
	return h
}

func (h *Hub) waitReady(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		req := httptest.NewRequest("GET", "/readyz", nil)
		rec := httptest.NewRecorder()
		h.App.Handler.ServeHTTP(rec, req)
		if rec.Code == 200 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("testenv: hub not ready within 20s")
}
