package hubspot_test

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"
	"github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// TestHubSpotOAuthDance: consent → approve → exchange → token info →
// refresh, over real HTTP with x/oauth2 configured as the hub configures it.
// HubSpot does not rotate refresh tokens: every refresh returns the same one
// and it keeps working; earlier access tokens stay valid until they expire.
func TestHubSpotOAuthDance(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{RedirectURIs: []string{testRedirect}})

	authorize := e.authorizeURL("state-123")
	require.True(t, strings.HasPrefix(authorize, e.base+"/oauth/authorize?"), authorize)
	q := mustParse(t, authorize).Query()
	require.Equal(t, "oauth crm.objects.contacts.read crm.objects.contacts.write tickets crm.lists.read crm.lists.write", q.Get("scope"))
	require.Equal(t, testRedirect, q.Get("redirect_uri"))

	resp, err := e.browser.Get(authorize)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"HubSpot sandbox", sandbox.PortalName, "62515", "crm.lists.write", "Connect app", "Cancel"} {
		require.Contains(t, string(page), want)
	}

	cb := e.press(authorize, "Connect app")
	require.Equal(t, "hub.example", cb.Host)
	require.Equal(t, "/oauth/hubspot/callback", cb.Path)
	require.Equal(t, "state-123", cb.Query().Get("state"))
	require.NotEmpty(t, cb.Query().Get("code"))
	require.Len(t, cb.Query(), 2, "HubSpot's callback carries only code and state")
	require.NoError(t, hubspot.Connector{}.VerifyCallback(cb.Query(), nil, secrets.New(testClientSecret)))

	tok, err := e.oauth.Exchange(e.ctx, cb.Query().Get("code"))
	require.NoError(t, err)
	require.NotEmpty(t, tok.AccessToken)
	require.True(t, strings.HasPrefix(tok.RefreshToken, "na1-"), tok.RefreshToken)
	require.Equal(t, "bearer", strings.ToLower(tok.TokenType))
	require.InDelta(t, 1800, time.Until(tok.Expiry).Seconds(), 5)
	require.EqualValues(t, sandbox.PortalID, tok.Extra("hub_id"))

	info, err := e.client.TokenInfo(t.Context(), secrets.New(tok.AccessToken))
	require.NoError(t, err)
	require.Equal(t, sandbox.PortalID, info.HubID)
	require.Equal(t, sandbox.PortalDomain, info.HubDomain)
	require.Equal(t, sandbox.PortalUser, info.User)
	require.Equal(t, hubspot.Connector{}.Spec().Auth.OAuth2.Scopes, info.Scopes)
	require.Equal(t, 30*time.Minute, info.ExpiresIn)
	account, err := hubspot.Connector{}.Account(t.Context(), e.cenv, nil, secrets.New(tok.AccessToken))
	require.NoError(t, err)
	require.Equal(t, sandbox.PortalDomain, account)

	// Ten minutes later the hub refreshes: a new access token, the same
	// refresh token, a full lifetime from the sandbox's clock.
	e.clock.Advance(10 * time.Minute)
	src := e.oauth.TokenSource(e.ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Unix(1, 0)})
	fresh, err := src.Token()
	require.NoError(t, err)
	require.NotEqual(t, tok.AccessToken, fresh.AccessToken)
	require.Equal(t, tok.RefreshToken, fresh.RefreshToken, "HubSpot does not rotate refresh tokens")
	info, err = e.client.TokenInfo(t.Context(), secrets.New(fresh.AccessToken))
	require.NoError(t, err)
	require.Equal(t, 30*time.Minute, info.ExpiresIn)

	_, err = e.client.Contacts(t.Context(), secrets.New(tok.AccessToken), 10, "")
	require.NoError(t, err, "the earlier access token works until it expires")

	again, err := e.oauth.TokenSource(e.ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Unix(1, 0)}).Token()
	require.NoError(t, err, "the same refresh token keeps working")
	require.Equal(t, tok.RefreshToken, again.RefreshToken)

	c := e.sb.Counters()
	require.Equal(t, 1, c.Authorizations)
	require.Equal(t, 1, c.CodeExchanges)
	require.Equal(t, 2, c.RefreshRequests)
}

// retrieveErr returns the OAuth error code and HubSpot's status of a failed
// token request.
func retrieveErr(t *testing.T, err error) (code, status string, httpStatus int) {
	t.Helper()
	var re *oauth2.RetrieveError
	require.True(t, errors.As(err, &re), "%v", err)
	for _, s := range []string{"BAD_AUTH_CODE", "BAD_REFRESH_TOKEN", "BAD_REDIRECT_URI", "BAD_CLIENT_ID", "BAD_CLIENT_SECRET", "BAD_GRANT_TYPE"} {
		if strings.Contains(string(re.Body), `"status":"`+s+`"`) {
			status = s
		}
	}
	return re.ErrorCode, status, re.Response.StatusCode
}

func TestHubSpotCodeExchangeRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	code := func() string { return e.press(e.authorizeURL("s"), "Connect app").Query().Get("code") }

	used := code()
	_, err := e.oauth.Exchange(e.ctx, used)
	require.NoError(t, err)

	tests := []struct {
		name     string
		exchange func() error
		oauthErr string
		status   string
	}{
		{"code reused", func() error { _, err := e.oauth.Exchange(e.ctx, used); return err }, "invalid_grant", "BAD_AUTH_CODE"},
		{"unknown code", func() error { _, err := e.oauth.Exchange(e.ctx, "made-up"); return err }, "invalid_grant", "BAD_AUTH_CODE"},
		{"another redirect_uri", func() error {
			cfg := *e.oauth
			cfg.RedirectURL = "https://evil.example/cb"
			_, err := cfg.Exchange(e.ctx, code())
			return err
		}, "invalid_grant", "BAD_REDIRECT_URI"},
		{"wrong client secret", func() error {
			cfg := *e.oauth
			cfg.ClientSecret = "wrong"
			_, err := cfg.Exchange(e.ctx, code())
			return err
		}, "invalid_client", "BAD_CLIENT_SECRET"},
		{"wrong client id", func() error {
			cfg := *e.oauth
			cfg.ClientID = "someone-else"
			_, err := cfg.Exchange(e.ctx, code())
			return err
		}, "invalid_client", "BAD_CLIENT_ID"},
		{"code expired", func() error {
			c := code()
			e.clock.Advance(sandbox.CodeTTL)
			_, err := e.oauth.Exchange(e.ctx, c)
			return err
		}, "invalid_grant", "BAD_AUTH_CODE"},
	}
	for _, tc := range tests {
		err := tc.exchange()
		oauthErr, status, httpStatus := retrieveErr(t, err)
		require.Equal(t, tc.oauthErr, oauthErr, tc.name)
		require.Equal(t, tc.status, status, tc.name)
		require.Equal(t, http.StatusBadRequest, httpStatus, tc.name)
	}
}

// TestHubSpotRevokedRefreshToken: after an uninstall, refreshing answers
// invalid_grant with HubSpot's BAD_REFRESH_TOKEN body (what the hub reads
// as "connect again"), and the access token no longer works.
func TestHubSpotRevokedRefreshToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok := e.connect()
	e.sb.RevokeTokens()

	_, err := e.oauth.TokenSource(e.ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Unix(1, 0)}).Token()
	oauthErr, status, httpStatus := retrieveErr(t, err)
	require.Equal(t, "invalid_grant", oauthErr)
	require.Equal(t, "BAD_REFRESH_TOKEN", status)
	require.Equal(t, http.StatusBadRequest, httpStatus)
	var re *oauth2.RetrieveError
	require.ErrorAs(t, err, &re)
	require.Contains(t, string(re.Body), `"message":"missing or invalid refresh token"`)
	require.Contains(t, string(re.Body), `"correlationId"`)

	_, err = e.client.Contacts(t.Context(), secrets.New(tok.AccessToken), 10, "")
	require.ErrorIs(t, err, hubspot.ErrUnauthorized)
	requireNoSecret(t, err, tok.AccessToken, tok.RefreshToken)
	_, err = e.client.TokenInfo(t.Context(), secrets.New(tok.AccessToken))
	require.ErrorIs(t, err, hubspot.ErrUnauthorized)
	requireNoSecret(t, err, tok.AccessToken)
}

func TestHubSpotConsentCancelAndBadRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{RedirectURIs: []string{testRedirect}})
	cb := e.press(e.authorizeURL("s-9"), "Cancel")
	require.Equal(t, "access_denied", cb.Query().Get("error"))
	require.Equal(t, "s-9", cb.Query().Get("state"))
	require.Empty(t, cb.Query().Get("code"))
	require.Zero(t, e.sb.Counters().Authorizations)

	good := mustParse(t, e.authorizeURL("s")).Query()
	with := func(k, v string) url.Values {
		q := url.Values{}
		for kk, vv := range good {
			q[kk] = vv
		}
		if v == "" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
		return q
	}
	for _, tc := range []struct {
		name  string
		query url.Values
		want  string
	}{
		{"unknown client", with("client_id", "nope"), "client_id"},
		{"unregistered redirect", with("redirect_uri", "https://evil.example/cb"), "redirect_uri"},
		{"no redirect", with("redirect_uri", ""), "redirect_uri"},
		{"no scope", with("scope", ""), "scope"},
	} {
		resp, err := e.browser.Get(e.base + "/oauth/authorize?" + tc.query.Encode())
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, tc.name)
		require.Contains(t, string(body), tc.want, tc.name)
		require.Empty(t, resp.Header.Get("Location"), "%s: never redirects to an untrusted URI", tc.name)
	}
}

func TestHubSpotConnectorHooks(t *testing.T) {
	t.Parallel()
	c, ok := connectors.Get("hubspot")
	require.True(t, ok)
	hooks, ok := c.(connectors.OAuthHooks)
	require.True(t, ok, "the connector implements OAuthHooks")
	require.Equal(t, map[string]string{"scope": "oauth tickets"}, hooks.AuthorizeParams([]string{"oauth", "tickets"}))
	require.Empty(t, hooks.ExchangeParams())
	require.NoError(t, hooks.VerifyCallback(url.Values{"code": {"x"}, "state": {"y"}}, nil, secrets.New("s")))
	_, ok = connectors.SandboxFor("hubspot")
	require.True(t, ok, "the sandbox is registered")

	require.Equal(t, hubspot.DefaultBaseURL, hubspot.ClientFor(connectors.Env{}).BaseURL)
	require.Equal(t, "http://127.0.0.1:9/sandbox/hubspot", hubspot.ClientFor(connectors.Env{SandboxBase: "http://127.0.0.1:9/sandbox/hubspot/"}).BaseURL)
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

func TestHubSpotGrantRevokedRecognisesBadRefreshToken(t *testing.T) {
	c := hubspot.Connector{}
	require.True(t, c.GrantRevoked(400, []byte(`{"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token","correlationId":"x"}`)))
	require.False(t, c.GrantRevoked(400, []byte(`{"status":"BAD_CLIENT_ID"}`)))
	require.False(t, c.GrantRevoked(503, []byte(`BAD_REFRESH_TOKEN`)), "an outage is not a revocation")
}

func TestHubSpotRevokeOnDisconnectEndsTheRefreshToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok := e.connect()
	tokens := connectors.Tokens{Access: secrets.New(tok.AccessToken), Refresh: secrets.New(tok.RefreshToken)}
	require.NoError(t, hubspot.Connector{}.Revoke(e.ctx, connectors.Env{SandboxBase: e.client.BaseURL}, nil, tokens))

	_, err := e.oauth.TokenSource(e.ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Unix(1, 0)}).Token()
	_, status, _ := retrieveErr(t, err)
	require.Equal(t, "BAD_REFRESH_TOKEN", status, "the revoked refresh token no longer works")
	require.NoError(t, hubspot.Connector{}.Revoke(e.ctx, connectors.Env{SandboxBase: e.client.BaseURL}, nil, tokens), "revoking twice is fine")
}
