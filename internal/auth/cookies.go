package auth

import (
	"context"
	"time"
)

// SessionGrant is a new browser session: the secrets go into cookies only.
type SessionGrant struct {
	Token     string
	CSRFToken string
	ExpiresAt time.Time
}

// CookieJar lets a resolver set or clear the session cookies of the HTTP
// response it is answering. The HTTP layer puts one in every request context.
type CookieJar interface {
	SetSession(SessionGrant)
	ClearSession()
	// BindOAuth sets the cookie that ties an OAuth consent to this browser.
	BindOAuth(nonce string, life time.Duration)
}

type jarKey struct{}

// WithCookieJar returns ctx carrying jar.
func WithCookieJar(ctx context.Context, jar CookieJar) context.Context {
	return context.WithValue(ctx, jarKey{}, jar)
}

// CookieJarFrom returns the jar of ctx, or nil (for example over WebSocket).
func CookieJarFrom(ctx context.Context) CookieJar {
	j, _ := ctx.Value(jarKey{}).(CookieJar)
	return j
}
