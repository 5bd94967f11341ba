package shopify

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// callbackMaxAge bounds how old the timestamp of an OAuth callback may be.
const callbackMaxAge = time.Hour

// AuthorizeParams implements connectors.OAuthHooks: Shopify takes a
// comma-separated scope list; without grant_options the token is offline.
func (Connector) AuthorizeParams(scopes []string) map[string]string {
	return map[string]string{"scope": strings.Join(scopes, ",")}
}

// ExchangeParams asks for an expiring offline token (60-minute access
// token, rotating refresh token).
func (Connector) ExchangeParams() map[string]string {
	return map[string]string{"expiring": "1"}
}

// VerifyCallback checks the callback's HMAC with the app secret, that the
// shop is a valid myshopify.com host and the one consent was asked of, and
// that the timestamp is recent.
func (Connector) VerifyCallback(q url.Values, config map[string]string, clientSecret secrets.Secret) error {
	if !VerifyOAuthQuery(q, clientSecret) {
		return errors.New("shopify: the callback's hmac does not verify")
	}
	shop := q.Get("shop")
	if !ValidShop(shop) || shop != config["shop"] {
		return errors.New("shopify: the callback names another shop")
	}
	ts, err := strconv.ParseInt(q.Get("timestamp"), 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)) > callbackMaxAge || time.Until(time.Unix(ts, 0)) > 5*time.Minute {
		return errors.New("shopify: the callback's timestamp is missing or stale")
	}
	return nil
}

// Account reads the shop's name with the new token.
func (Connector) Account(ctx context.Context, env connectors.Env, config map[string]string, token secrets.Secret) (string, error) {
	shop, err := ClientFor(env).Shop(ctx, config["shop"], token)
	if err != nil {
		return "", err
	}
	return shop.Name, nil
}

// ClientFor returns an API client for the environment: the real Shopify, or
// the sandbox mounted at env.SandboxBase.
func ClientFor(env connectors.Env) *Client {
	base := func(shop string) string { return "https://" + shop }
	if env.SandboxBase != "" {
		b := strings.TrimRight(env.SandboxBase, "/")
		base = func(shop string) string { return b + "/" + shop }
	}
	return &Client{HTTP: env.HTTP, BaseURL: base}
}
