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
	if err := verifySignedQuery(q, clientSecret, time.Now(), callbackMaxAge); err != nil {
		return err
	}
	if q.Get("shop") != config["shop"] {
		return errors.New("shopify: the callback names another shop")
	}
	return nil
}

// InstallMaxAge bounds how old an App Store install request may be: the
// merchant's browser is redirected to the app at once.
const InstallMaxAge = 10 * time.Minute

// VerifyInstall implements connectors.Installer. It checks the query of an
// App Store install request (the app URL Shopify sends a merchant to, with
// shop, hmac, timestamp and host): the HMAC with the app secret, a valid
// myshopify.com shop, and a timestamp no older than InstallMaxAge (nor more
// than 5 minutes ahead of now).
func (Connector) VerifyInstall(q url.Values, clientSecret secrets.Secret, now time.Time) (map[string]string, error) {
	if err := verifySignedQuery(q, clientSecret, now, InstallMaxAge); err != nil {
		return nil, err
	}
	return map[string]string{"shop": q.Get("shop")}, nil
}

func verifySignedQuery(q url.Values, clientSecret secrets.Secret, now time.Time, maxAge time.Duration) error {
	if !VerifyOAuthQuery(q, clientSecret) {
		return errors.New("shopify: the request's hmac does not verify")
	}
	if len(q["shop"]) != 1 || !ValidShop(q.Get("shop")) {
		return errors.New("shopify: the shop is not a valid myshopify.com domain")
	}
	ts, err := strconv.ParseInt(q.Get("timestamp"), 10, 64)
	if err != nil || now.Sub(time.Unix(ts, 0)) > maxAge || time.Unix(ts, 0).Sub(now) > 5*time.Minute {
		return errors.New("shopify: the request's timestamp is missing or stale")
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
