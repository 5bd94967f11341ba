package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/hub"
)

// Past MaxWebhooksInFlight deliveries being stored at once, the hub sheds
// load with 503 and Retry-After instead of queueing without bound; when
// the stores finish, deliveries are taken again.
func TestWebhooksShedLoadPastTheInFlightLimit(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	entered := make(chan struct{}, MaxWebhooksInFlight+1)
	h := webhookHandler(func(*http.Request, connectors.WebhookRequest) (hub.WebhookReceipt, error) {
		entered <- struct{}{}
		<-release
		return hub.WebhookReceipt{Stored: 1}, nil
	}, func(p string) string { return "http://hub.test" + p }, slog.New(slog.NewTextHandler(io.Discard, nil)))

	var done sync.WaitGroup
	for range MaxWebhooksInFlight {
		done.Go(func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks/shopify/x", strings.NewReader("{}")))
			require.Equal(t, http.StatusOK, rec.Code)
		})
	}
	for range MaxWebhooksInFlight {
		<-entered
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks/shopify/x", strings.NewReader("{}")))
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "1", rec.Header().Get("Retry-After"))
	close(release)
	done.Wait()

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks/shopify/x", strings.NewReader("{}")))
	require.Equal(t, http.StatusOK, rec.Code)
}
