package web

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/hub"
)

// Cookie and header names.
const (
	SessionCookie = "sb_session"
	CSRFCookie    = "sb_csrf"
	CSRFHeader    = "X-CSRF-Token"
	// OAuthCookie binds an OAuth consent to the browser that started it.
	OAuthCookie = "sb_oauth"
)

// authenticator resolves who a request acts for.
type authenticator struct {
	hub    *hub.Service
	log    *slog.Logger
	secure bool
	// originChecked routes verify the Origin of state-changing requests
	// themselves (River UI cannot send the CSRF header).
	originChecked bool
}

// cookieJar sets the session cookies on one response.
type cookieJar struct {
	w      http.ResponseWriter
	secure bool
}

func (j cookieJar) SetSession(g auth.SessionGrant) {
	maxAge := int(time.Until(g.ExpiresAt).Seconds())
	http.SetCookie(j.w, &http.Cookie{Name: SessionCookie, Value: g.Token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: j.secure, SameSite: http.SameSiteLaxMode})
	http.SetCookie(j.w, &http.Cookie{Name: CSRFCookie, Value: g.CSRFToken, Path: "/", MaxAge: maxAge,
		Secure: j.secure, SameSite: http.SameSiteStrictMode})
}

func (j cookieJar) BindOAuth(nonce string, life time.Duration) {
	http.SetCookie(j.w, &http.Cookie{Name: OAuthCookie, Value: nonce, Path: "/oauth/", MaxAge: int(life.Seconds()),
		HttpOnly: true, Secure: j.secure, SameSite: http.SameSiteLaxMode})
}

func (j cookieJar) ClearSession() {
	for _, name := range []string{SessionCookie, CSRFCookie} {
		http.SetCookie(j.w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, Secure: j.secure,
			HttpOnly: name == SessionCookie, SameSite: http.SameSiteLaxMode})
	}
}

// bearer returns the token of an "Authorization: Bearer …" value.
func bearer(v string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// middleware authenticates API requests. An API token in the Authorization
// header must be valid (else 401). A session cookie that is unknown or expired
// makes the request anonymous (and clears the cookie); a valid one on a POST
// must come with the session's CSRF token in X-CSRF-Token (else 403).
func (a *authenticator) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := auth.WithCookieJar(r.Context(), cookieJar{w: w, secure: a.secure})
		ctx = auth.WithPrincipal(ctx, nil)
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := bearer(h)
			if !ok {
				writeError(w, r, http.StatusUnauthorized, string(failure.Unauthenticated), "the Authorization header must be 'Bearer <API token>'")
				return
			}
			p, err := a.hub.AuthenticateToken(ctx, token)
			if err != nil {
				a.refuse(w, r, err)
				return
			}
			auth.SignedIn(ctx, p)
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			p, csrf, err := a.hub.AuthenticateSession(ctx, c.Value)
			switch {
			case failure.Is(err, failure.Unauthenticated):
				cookieJar{w: w, secure: a.secure}.ClearSession()
			case err != nil:
				a.refuse(w, r, err)
				return
			default:
				if r.Method != http.MethodGet && r.Method != http.MethodHead && !isWebSocket(r) && !a.originChecked {
					sent := r.Header.Get(CSRFHeader)
					if sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(csrf)) != 1 {
						writeError(w, r, http.StatusForbidden, string(failure.Forbidden), "missing or wrong "+CSRFHeader+" header (send the value of the "+CSRFCookie+" cookie)")
						return
					}
				}
				auth.SignedIn(ctx, p)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (a *authenticator) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if f, ok := failure.As(err); ok {
		writeError(w, r, http.StatusUnauthorized, string(f.Code), f.Message)
		return
	}
	a.log.ErrorContext(r.Context(), "authenticate", "err", err.Error())
	writeError(w, r, http.StatusServiceUnavailable, "UNAVAILABLE", "the hub cannot check credentials right now; try again")
}

// socket authenticates a WebSocket's connection_init: an API token in the
// payload's authorization wins; otherwise the session cookie of the upgrade
// request (already checked by middleware) must have signed someone in.
func (a *authenticator) socket(ctx context.Context, authorization string) (context.Context, error) {
	if authorization != "" {
		token, ok := bearer(authorization)
		if !ok {
			token = authorization
		}
		p, err := a.hub.AuthenticateToken(ctx, token)
		if err != nil {
			return ctx, err
		}
		return auth.WithPrincipal(ctx, p), nil
	}
	if auth.FromContext(ctx) == nil {
		return ctx, failure.New(failure.Unauthenticated, "sign in, or send authorization: 'Bearer <API token>' in connection_init")
	}
	return ctx, nil
}

func isWebSocket(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}
