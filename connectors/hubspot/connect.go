package hubspot

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// AuthorizeParams implements connectors.OAuthHooks: HubSpot takes a
// space-separated scope list.
func (Connector) AuthorizeParams(scopes []string) map[string]string {
	return map[string]string{"scope": strings.Join(scopes, " ")}
}

// ExchangeParams implements connectors.OAuthHooks: HubSpot's code exchange
// needs nothing beyond the standard parameters.
func (Connector) ExchangeParams() map[string]string { return nil }

// VerifyCallback implements connectors.OAuthHooks. It checks nothing and
// returns nil: HubSpot's callback carries only code and state and is not
// signed, so there is nothing of HubSpot's own to verify. The hub's
// server-side state (random, single use, short-lived, bound to the
// browser, user, workspace and provider) is what ties the callback to the
// consent it answers, and the code is worth something only to the holder
// of the client secret, at the one registered redirect URI.
func (Connector) VerifyCallback(url.Values, map[string]string, secrets.Secret) error { return nil }

// Account implements connectors.OAuthHooks: it reads the token's account
// and returns its hub_domain (or "HubSpot account <hub id>" when it has
// none).
func (Connector) Account(ctx context.Context, env connectors.Env, _ map[string]string, token secrets.Secret) (string, error) {
	info, err := ClientFor(env).TokenInfo(ctx, token)
	if err != nil {
		return "", err
	}
	if info.HubDomain != "" {
		return info.HubDomain, nil
	}
	return "HubSpot account " + strconv.FormatInt(info.HubID, 10), nil
}

// ClientFor returns an API client for the environment: the real HubSpot,
// or the sandbox mounted at env.SandboxBase.
func ClientFor(env connectors.Env) *Client {
	base := DefaultBaseURL
	if env.SandboxBase != "" {
		base = strings.TrimRight(env.ResolveURL(DefaultBaseURL+"/", nil), "/")
	}
	return &Client{HTTP: env.HTTP, BaseURL: base}
}

// GrantRevoked implements connectors.GrantRevocationDetector: HubSpot
// answers a revoked or unknown refresh token with HTTP 400 and
// {"status":"BAD_REFRESH_TOKEN", …}, without OAuth's "error" field.
func (Connector) GrantRevoked(status int, body []byte) bool {
	return status == http.StatusBadRequest && bytes.Contains(body, []byte(`"BAD_REFRESH_TOKEN"`))
}

// Revoke implements connectors.Revoker: HubSpot lets an app delete its
// refresh token.
func (Connector) Revoke(ctx context.Context, env connectors.Env, _ map[string]string, t connectors.Tokens) error {
	if t.Refresh.Empty() {
		return nil
	}
	return ClientFor(env).RevokeRefreshToken(ctx, t.Access, t.Refresh)
}
