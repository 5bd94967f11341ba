// Package web is the hub's HTTP surface: routes, request ids, logging,
// metrics, body limits, authentication (session cookie or API token) with
// CSRF protection, and the embedded admin app.
package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/internal/telemetry"
)

// MaxBodyBytes is the largest request body the hub reads (1 MiB).
const MaxBodyBytes = 1 << 20

// statusWriter records the status code written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController (and WebSocket upgrades) reach the
// underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe gives each request an id (X-Request-Id), logs it, counts it and
// recovers from panics.
func observe(log *slog.Logger, m *telemetry.Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := telemetry.NewRequestID()
		ctx := telemetry.WithRequestID(r.Context(), id)
		ctx = telemetry.WithUserAgent(ctx, r.UserAgent())
		r = r.WithContext(ctx)
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(ctx, "http: handler panicked", "panic", v)
				if sw.code == 0 {
					http.Error(sw, "internal error", http.StatusInternalServerError)
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			elapsed := time.Since(start)
			m.HTTPRequests.WithLabelValues(route, r.Method, strconv.Itoa(code)).Inc()
			m.HTTPDuration.WithLabelValues(route).Observe(elapsed.Seconds())
			if route != "GET /healthz" && route != "GET /readyz" && route != "GET /metrics" {
				log.InfoContext(ctx, "http request", "method", r.Method, "path", loggablePath(r.URL.Path), "status", code,
					"duration_ms", elapsed.Milliseconds(), "route", route)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// limitBody reads the whole body up front, up to MaxBodyBytes, and answers
// 413 to anything larger before any handler sees it.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > MaxBodyBytes {
			writeError(w, r, http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "the request body is over the 1 MiB limit")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, r, http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "the request body is over the 1 MiB limit")
				return
			}
			writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "the request body could not be read")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// writeError answers with a GraphQL-shaped error body, so that GraphQL
// clients can read refusals made before GraphQL runs.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{
			"message":    message,
			"extensions": map[string]any{"code": code, "requestId": telemetry.RequestID(r.Context())},
		}},
	})
}

// loggablePath keeps secrets that travel in paths out of the log: the
// one-time tokens of invitation and install links, and the routing token
// of a connection's webhook URL.
func loggablePath(p string) string {
	switch {
	case strings.HasPrefix(p, "/invite/"):
		return "/invite/[redacted]"
	case strings.HasPrefix(p, "/install/"):
		return "/install/[redacted]"
	case strings.HasPrefix(p, "/webhooks/"):
		return redactedWebhookPath(p)
	}
	return p
}
