// Package telemetry holds what the hub tells its operators: structured logs
// that carry request ids, and Prometheus metrics.
package telemetry

import (
	"context"
	"crypto/rand"
	"encoding/hex"
)

type requestIDKey struct{}

// NewRequestID returns a random request id.
func NewRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// WithRequestID returns ctx carrying id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

type userAgentKey struct{}

// WithUserAgent returns ctx carrying the client's User-Agent header.
func WithUserAgent(ctx context.Context, ua string) context.Context {
	return context.WithValue(ctx, userAgentKey{}, ua)
}

// UserAgent returns the client's User-Agent, or "".
func UserAgent(ctx context.Context) string {
	ua, _ := ctx.Value(userAgentKey{}).(string)
	return ua
}
