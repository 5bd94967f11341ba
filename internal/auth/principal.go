package auth

import "context"

// Method is how a request proved who it acts for.
type Method string

// The authentication methods.
const (
	BySession  Method = "SESSION"
	ByAPIToken Method = "API_TOKEN"
)

// Principal is the authenticated caller of a request.
type Principal struct {
	UserID     string
	Email      string
	Name       string
	IsOperator bool
	Method     Method
	// SessionID is set for browser sessions.
	SessionID string
	// Token is set for API-token requests.
	Token *TokenGrant
}

// TokenGrant is what an API token allows: one agency, perhaps one workspace,
// perhaps read-only. The token's creator's own role still applies on top.
type TokenGrant struct {
	ID          string
	Name        string
	AgencyID    string
	WorkspaceID string // empty: the whole agency
	ReadOnly    bool
}

type principalKey struct{}

// slot holds the principal of a request; signing in during a request fills
// it, so that the rest of the same GraphQL operation sees the new user.
type slot struct{ p *Principal }

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, &slot{p: p})
}

// SignedIn makes p the principal of ctx's request from now on; it reports
// false when ctx was not prepared with WithPrincipal.
func SignedIn(ctx context.Context, p *Principal) bool {
	s, ok := ctx.Value(principalKey{}).(*slot)
	if ok {
		s.p = p
	}
	return ok
}

// FromContext returns the principal of ctx, or nil for an anonymous request.
func FromContext(ctx context.Context) *Principal {
	if s, ok := ctx.Value(principalKey{}).(*slot); ok {
		return s.p
	}
	return nil
}
