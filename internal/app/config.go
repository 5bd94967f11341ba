// Package app assembles the hub from its configuration: the database, River,
// the live bus, the use cases and the HTTP server, and runs them until told
// to stop.
package app

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Config is the hub's configuration, read from HUB_* environment variables.
// README.md documents each one.
type Config struct {
	Env             string        // HUB_ENV: development (default) or production
	Addr            string        // HUB_ADDR: listen address
	DatabaseURL     string        // HUB_DATABASE_URL: empty for SQLite
	DataDir         string        // HUB_DATA_DIR: where SQLite and local files live
	PublicURL       string        // HUB_PUBLIC_URL: where browsers reach the hub
	LogLevel        slog.Level    // HUB_LOG_LEVEL
	ShutdownTimeout time.Duration // HUB_SHUTDOWN_TIMEOUT
	// PprofAddr, when set, serves Go's profiler there (HUB_PPROF_ADDR,
	// e.g. 127.0.0.1:6060): keep it on loopback.
	PprofAddr string
	Workers   int // HUB_WORKERS: River jobs worked at once
	// JobTimeout bounds one job (HUB_JOB_TIMEOUT); RescueAfter is when a
	// job still "running" is taken for dead and run again elsewhere
	// (HUB_JOB_RESCUE_AFTER, at least JobTimeout): a process killed
	// mid-job leaves such jobs.
	JobTimeout, RescueAfter time.Duration
	SecretKey               string // HUB_SECRET_KEY: keys that seal credentials (see internal/secrets)
	// Sandbox mounts the providers' emulators for OAuth connectors that have
	// no real app configured (HUB_SANDBOX: on by default in development).
	Sandbox bool
	// SandboxDemo fills the emulators' new accounts with demo data, such as
	// a sandbox store's first customers (HUB_SANDBOX_DEMO: on by default
	// with sandbox mode; tests turn it off to count their own records).
	SandboxDemo bool
	// AllowPrivateEgress lets outbound calls reach loopback and private
	// addresses (HUB_ALLOW_PRIVATE_EGRESS; on whenever sandbox mode is).
	AllowPrivateEgress bool
	// ProviderApps are real OAuth apps, by connector slug, from
	// HUB_<SLUG>_CLIENT_ID and HUB_<SLUG>_CLIENT_SECRET.
	ProviderApps map[string]ProviderApp
}

// ProviderApp is an app registered at an OAuth provider.
type ProviderApp struct {
	ClientID     string
	ClientSecret string
	// BaseURL (HUB_<SLUG>_BASE_URL) replaces the provider's scheme and host,
	// to reach an emulator or a proxy; empty for the real provider.
	BaseURL string
}

// readProviderApps reads HUB_<SLUG>_CLIENT_ID/_CLIENT_SECRET for every
// OAuth connector; both or neither must be set.
func readProviderApps(getenv func(string) string) (map[string]ProviderApp, error) {
	apps := map[string]ProviderApp{}
	for _, c := range connectors.All() {
		spec := c.Spec()
		if spec.Auth.Kind != connectors.AuthOAuth2 {
			continue
		}
		prefix := "HUB_" + strings.ToUpper(spec.Slug)
		id, secret := strings.TrimSpace(getenv(prefix+"_CLIENT_ID")), strings.TrimSpace(getenv(prefix+"_CLIENT_SECRET"))
		switch {
		case id != "" && secret != "":
			base := strings.TrimRight(strings.TrimSpace(getenv(prefix+"_BASE_URL")), "/")
			if base != "" {
				if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return nil, fmt.Errorf("%s_BASE_URL must be an http(s) URL, not %q", prefix, base)
				}
			}
			apps[spec.Slug] = ProviderApp{ClientID: id, ClientSecret: secret, BaseURL: base}
		case id != "" || secret != "":
			return nil, fmt.Errorf("%s_CLIENT_ID and %s_CLIENT_SECRET must be set together", prefix, prefix)
		}
	}
	return apps, nil
}

// Production reports whether the hub runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }

// ConfigFromEnv reads the configuration; errors name the variable at fault.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Env:         strings.ToLower(strings.TrimSpace(getenv("HUB_ENV"))),
		DatabaseURL: strings.TrimSpace(getenv("HUB_DATABASE_URL")),
		DataDir:     strings.TrimSpace(getenv("HUB_DATA_DIR")),
		PublicURL:   strings.TrimRight(strings.TrimSpace(getenv("HUB_PUBLIC_URL")), "/"),
		Addr:        strings.TrimSpace(getenv("HUB_ADDR")),
		SecretKey:   strings.TrimSpace(getenv("HUB_SECRET_KEY")),
	}
	if c.Env == "" {
		c.Env = "development"
	}
	if c.Env != "development" && c.Env != "production" {
		return c, fmt.Errorf("HUB_ENV must be development or production, not %q", c.Env)
	}
	if c.DataDir == "" {
		c.DataDir = "data"
	}
	if c.Addr == "" {
		c.Addr = "127.0.0.1:8080"
		if c.Production() {
			c.Addr = ":8080"
		}
	}
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return c, fmt.Errorf("HUB_ADDR must be host:port (like 127.0.0.1:8080 or :8080), not %q", c.Addr)
	}
	if c.PublicURL == "" {
		if c.Production() {
			return c, fmt.Errorf("HUB_PUBLIC_URL is required in production (the https URL users reach the hub at)")
		}
		if host == "" || host == "0.0.0.0" || host == "::" || host == "127.0.0.1" {
			host = "localhost"
		}
		c.PublicURL = "http://" + net.JoinHostPort(host, port)
	}
	if c.Production() && c.SecretKey == "" {
		return c, fmt.Errorf("HUB_SECRET_KEY is required in production: it seals the credentials of connections (make one with: echo k1:$(openssl rand -base64 32))")
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("HUB_PUBLIC_URL must be an http(s) URL like https://hub.example.com, not %q", c.PublicURL)
	}
	switch lvl := strings.ToLower(strings.TrimSpace(getenv("HUB_LOG_LEVEL"))); lvl {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		return c, fmt.Errorf("HUB_LOG_LEVEL must be debug, info, warn or error, not %q", lvl)
	}
	c.PprofAddr = strings.TrimSpace(getenv("HUB_PPROF_ADDR"))
	c.ShutdownTimeout = 30 * time.Second
	if v := strings.TrimSpace(getenv("HUB_SHUTDOWN_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("HUB_SHUTDOWN_TIMEOUT must be a positive duration like 30s, not %q", v)
		}
		c.ShutdownTimeout = d
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("HUB_SANDBOX"))); v {
	case "":
		c.Sandbox = !c.Production()
	case "on", "true", "1":
		c.Sandbox = true
	case "off", "false", "0":
		c.Sandbox = false
	default:
		return c, fmt.Errorf("HUB_SANDBOX must be on or off, not %q", v)
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("HUB_SANDBOX_DEMO"))); v {
	case "", "on", "true", "1":
		c.SandboxDemo = c.Sandbox
	case "off", "false", "0":
		c.SandboxDemo = false
	default:
		return c, fmt.Errorf("HUB_SANDBOX_DEMO must be on or off, not %q", v)
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("HUB_ALLOW_PRIVATE_EGRESS"))); v {
	case "":
		c.AllowPrivateEgress = c.Sandbox
	case "on", "true", "1":
		c.AllowPrivateEgress = true
	case "off", "false", "0":
		c.AllowPrivateEgress = false
	default:
		return c, fmt.Errorf("HUB_ALLOW_PRIVATE_EGRESS must be on or off, not %q", v)
	}
	if c.ProviderApps, err = readProviderApps(getenv); err != nil {
		return c, err
	}
	c.Workers = 10
	if v := strings.TrimSpace(getenv("HUB_WORKERS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return c, fmt.Errorf("HUB_WORKERS must be a whole number from 1 to 1000, not %q", v)
		}
		c.Workers = n
	}
	if c.JobTimeout, err = durationEnv(getenv, "HUB_JOB_TIMEOUT", time.Minute); err != nil {
		return c, err
	}
	if c.RescueAfter, err = durationEnv(getenv, "HUB_JOB_RESCUE_AFTER", 5*time.Minute); err != nil {
		return c, err
	}
	if c.RescueAfter < c.JobTimeout {
		return c, fmt.Errorf("HUB_JOB_RESCUE_AFTER (%s) must be at least HUB_JOB_TIMEOUT (%s)", c.RescueAfter, c.JobTimeout)
	}
	return c, nil
}

// FromOS reads the configuration from the process environment.
func FromOS() (Config, error) { return ConfigFromEnv(os.Getenv) }

// durationEnv reads a positive duration variable, or def when unset.
func durationEnv(getenv func(string) string, name string, def time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration like 1m, not %q", name, v)
	}
	return d, nil
}
