package web

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/hub"
)

// connectionWebhook receives a provider's webhook for one connection
// (/webhooks/{slug}/{token}). The body is already size-limited (413 before
// any signature work); a bad signature gets 401 and nothing is stored; the
// 200 goes out only after the events and their jobs are committed; when
// the database fails the answer is 503, so the provider delivers again.
func connectionWebhook(h *hub.Service) http.Handler {
	return webhookHandler(func(r *http.Request, req connectors.WebhookRequest) (hub.WebhookReceipt, error) {
		return h.ReceiveWebhook(r.Context(), r.PathValue("slug"), r.PathValue("token"), req)
	}, h.PublicURL, h.Log())
}

// appWebhook receives webhooks sent to the app as a whole
// (/apps/{slug}/webhooks: Shopify's mandatory compliance topics).
func appWebhook(h *hub.Service) http.Handler {
	return webhookHandler(func(r *http.Request, req connectors.WebhookRequest) (hub.WebhookReceipt, error) {
		return h.ReceiveAppWebhook(r.Context(), r.PathValue("slug"), req)
	}, h.PublicURL, h.Log())
}

// MaxWebhooksInFlight bounds the deliveries being stored at once; past it
// the hub sheds load with 503 and Retry-After (providers deliver again)
// instead of queueing without bound.
const MaxWebhooksInFlight = 256

// webhookHandler reads a delivery, has receive store it, and answers:
// publicURL rebuilds the URL the provider called (signatures may cover it).
func webhookHandler(receive func(*http.Request, connectors.WebhookRequest) (hub.WebhookReceipt, error),
	publicURL func(string) string, log *slog.Logger) http.Handler {
	inFlight := make(chan struct{}, MaxWebhooksInFlight)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case inFlight <- struct{}{}:
			defer func() { <-inFlight }()
		default:
			w.Header().Set("Retry-After", "1")
			writeError(w, r, http.StatusServiceUnavailable, "UNAVAILABLE", "too many deliveries at once; deliver again shortly")
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "the request body could not be read")
			return
		}
		req := connectors.WebhookRequest{Method: r.Method, URL: publicURL(r.URL.RequestURI()), Header: r.Header, Body: body}
		receipt, err := receive(r, req)
		var f *failure.Error
		switch {
		case err == nil:
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]int{"stored": receipt.Stored, "duplicates": receipt.Duplicates})
		case errors.Is(err, hub.ErrWebhookRefused):
			writeError(w, r, http.StatusUnauthorized, "UNAUTHENTICATED", "the webhook signature does not verify")
		case errors.As(err, &f):
			writeError(w, r, statusOf(f.Code), string(f.Code), f.Message)
		default:
			log.ErrorContext(r.Context(), "webhook not stored", "path", loggablePath(r.URL.Path), "err", err.Error())
			w.Header().Set("Retry-After", "5")
			writeError(w, r, http.StatusServiceUnavailable, "UNAVAILABLE", "the webhook could not be stored; deliver it again")
		}
	})
}

// appInstall is the App URL a provider's app store sends merchants to
// (/apps/{slug}?shop=…&hmac=…&timestamp=…): a verified request is sent on to
// the provider's consent page with the consent bound to this browser; any
// other gets a page saying why, and nothing is written.
func appInstall(h *hub.Service, secure bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		start, err := h.BeginInstall(r.Context(), r.PathValue("slug"), r.URL.Query())
		if err != nil {
			status, msg := http.StatusInternalServerError, "Something went wrong on our side; try again."
			if f, ok := failure.As(err); ok {
				status, msg = statusOf(f.Code), f.Message
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_ = installProblem.Execute(w, msg)
			return
		}
		cookieJar{w: w, secure: secure}.BindOAuth(start.BrowserNonce, hub.OAuthStateLife)
		http.Redirect(w, r, start.AuthorizeURL, http.StatusSeeOther)
	})
}

// redactedPath hides the token segment of webhook paths in logs.
func redactedWebhookPath(p string) string {
	parts := strings.SplitN(p, "/", 4)
	if len(parts) == 4 {
		return "/webhooks/" + parts[2] + "/[redacted]"
	}
	return p
}
