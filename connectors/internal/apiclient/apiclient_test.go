package apiclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/internal/apiclient"
)

func TestExchange(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("0123456789"))
	}))
	defer srv.Close()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	resp, raw, err := apiclient.Exchange(srv.Client(), req, 4)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "0123", string(raw))

	srv.Close()
	req, err = http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/?token=canary", nil)
	require.NoError(t, err)
	resp, _, err = apiclient.Exchange(srv.Client(), req, 4)
	require.Error(t, err)
	require.Nil(t, resp)
	require.NotContains(t, apiclient.WithoutURL(err).Error(), "canary")
}

func TestRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]time.Duration{"2": 2 * time.Second, " 1.5 ": 1500 * time.Millisecond} {
		d, ok := apiclient.RetryAfterSeconds(v, time.Hour)
		require.True(t, ok, v)
		require.Equal(t, want, d, v)
	}
	for _, v := range []string{"", "0", "-1", "NaN", "soon", "3601"} {
		_, ok := apiclient.RetryAfterSeconds(v, time.Hour)
		require.False(t, ok, v)
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	base := errors.New("proxy said: key canary-key refused")
	err := apiclient.Redact(base, "canary-key")
	require.Equal(t, "proxy said: key [redacted] refused", err.Error())
	require.ErrorIs(t, err, base)
	require.Same(t, base, apiclient.Redact(base, "other"))
	require.Same(t, base, apiclient.Redact(base, ""))
	require.Equal(t, "a [redacted] b", apiclient.RedactString("a s3cret b", "s3cret"))
	require.Equal(t, "a b", apiclient.RedactString("a b", ""))
	require.Equal(t, "shopify: server error: HTTP 502: boom", apiclient.ServerErrorText("shopify", 502, fmt.Errorf("boom")))
	require.Equal(t, "shopify: server error: boom", apiclient.ServerErrorText("shopify", 0, fmt.Errorf("boom")))
}
