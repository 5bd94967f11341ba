package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/app"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsForAFreshMachine(t *testing.T) {
	c, err := app.ConfigFromEnv(env(nil))
	require.NoError(t, err)
	require.Equal(t, "development", c.Env)
	require.Equal(t, "127.0.0.1:8080", c.Addr)
	require.Equal(t, "http://localhost:8080", c.PublicURL)
	require.Equal(t, "data", c.DataDir)
	require.Empty(t, c.DatabaseURL, "SQLite by default")
	require.Equal(t, 30*time.Second, c.ShutdownTimeout)
}

func TestBadConfigNamesTheVariable(t *testing.T) {
	for name, vars := range map[string]map[string]string{
		"HUB_ENV":              {"HUB_ENV": "staging"},
		"HUB_ADDR":             {"HUB_ADDR": "8080"},
		"HUB_PUBLIC_URL":       {"HUB_PUBLIC_URL": "ftp://x"},
		"HUB_LOG_LEVEL":        {"HUB_LOG_LEVEL": "loud"},
		"HUB_SHUTDOWN_TIMEOUT": {"HUB_SHUTDOWN_TIMEOUT": "soon"},
		"HUB_WORKERS":          {"HUB_WORKERS": "0"},
	} {
		_, err := app.ConfigFromEnv(env(vars))
		require.ErrorContains(t, err, name)
	}
	_, err := app.ConfigFromEnv(env(map[string]string{"HUB_ENV": "production", "HUB_SECRET_KEY": "k1:x"}))
	require.ErrorContains(t, err, "HUB_PUBLIC_URL is required in production")
	_, err = app.ConfigFromEnv(env(map[string]string{"HUB_ENV": "production", "HUB_PUBLIC_URL": "https://hub.example.com"}))
	require.ErrorContains(t, err, "HUB_SECRET_KEY is required in production", "production refuses to start without a key")
	c, err := app.ConfigFromEnv(env(map[string]string{"HUB_ENV": "production", "HUB_PUBLIC_URL": "https://hub.example.com/", "HUB_SECRET_KEY": "k1:x"}))
	require.NoError(t, err)
	require.Equal(t, ":8080", c.Addr)
	require.Equal(t, "https://hub.example.com", c.PublicURL)
}
