package shopify_test

import (
	"bufio"
	"context"
	"errors"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// oqVector is one OAuth query HMAC vector of the fixture file.
type oqVector struct {
	name, secret, query, expected string
}

// oqVectors reads the [oauth-*] sections of
// shared/fixtures/providers/shopify-hmac-vectors.txt, found by walking up
// from the package directory.
func oqVectors(t *testing.T) (vectors []oqVector, negative bool) {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	var path string
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "shared", "fixtures", "providers", "shopify-hmac-vectors.txt")
		if _, err := os.Stat(p); err == nil {
			path = p
			break
		}
		if filepath.Dir(d) == d {
			t.Fatalf("shopify-hmac-vectors.txt not found in shared/fixtures/providers above %s", dir)
		}
	}
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var cur *oqVector
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "[") {
			name, _, _ := strings.Cut(strings.TrimPrefix(line, "["), "]")
			cur = nil
			if name == "oauth-negative" {
				negative = true
			} else if strings.HasPrefix(name, "oauth-") {
				vectors = append(vectors, oqVector{name: name})
				cur = &vectors[len(vectors)-1]
			}
			continue
		}
		if cur == nil {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "secret":
			cur.secret = strings.TrimSpace(v)
		case "query":
			cur.query = strings.TrimSpace(v)
		case "expected":
			cur.expected = strings.TrimSpace(v)
		}
	}
	require.NoError(t, sc.Err())
	require.Len(t, vectors, 3)
	return vectors, negative
}

func TestVerifyOAuthQueryVectors(t *testing.T) {
	t.Parallel()
	vectors, negative := oqVectors(t)
	require.True(t, negative, "the file has an oauth-negative section")
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			q, err := url.ParseQuery(v.query)
			require.NoError(t, err)
			require.Equal(t, v.expected, q.Get("hmac"))
			secret := secrets.New(v.secret)
			require.True(t, shopify.VerifyOAuthQuery(q, secret))

			changed := func(f func(q url.Values)) url.Values {
				c, _ := url.ParseQuery(v.query)
				f(c)
				return c
			}
			cases := map[string]url.Values{
				"wrong secret": q,
				"extra param":  changed(func(c url.Values) { c.Set("extra", "1") }),
				"hmac flipped": changed(func(c url.Values) {
					h := []byte(c.Get("hmac"))
					h[0] ^= 0x01
					c.Set("hmac", string(h))
				}),
				"hmac short":    changed(func(c url.Values) { c.Set("hmac", c.Get("hmac")[:62]) }),
				"hmac missing":  changed(func(c url.Values) { c.Del("hmac") }),
				"hmac repeated": changed(func(c url.Values) { c.Add("hmac", c.Get("hmac")) }),
				"value repeated": changed(func(c url.Values) {
					c.Add("shop", c.Get("shop"))
				}),
			}
			for k := range q {
				if k == "hmac" || k == "signature" {
					continue
				}
				cases["changed "+k] = changed(func(c url.Values) { c.Set(k, c.Get(k)+"0") })
				cases["dropped "+k] = changed(func(c url.Values) { c.Del(k) })
				cases["renamed "+k] = changed(func(c url.Values) { c[k+"_"] = c[k]; c.Del(k) })
			}
			for name, bad := range cases {
				s := secret
				if name == "wrong secret" {
					s = secrets.New(v.secret + "!")
				}
				require.False(t, shopify.VerifyOAuthQuery(bad, s), name)
			}
			require.False(t, shopify.VerifyOAuthQuery(q, secrets.New("")), "empty secret")
		})
	}
	t.Run("oauth-negative", func(t *testing.T) {
		t.Parallel()
		neg := strings.Replace(vectors[1].query, "timestamp=1337178173", "timestamp=133717817", 1)
		require.NotEqual(t, vectors[1].query, neg)
		q, err := url.ParseQuery(neg)
		require.NoError(t, err)
		require.False(t, shopify.VerifyOAuthQuery(q, secrets.New(vectors[1].secret)))
	})
}

func TestValidShop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		shop string
		ok   bool
	}{
		{"acme.myshopify.com", true},
		{"a.myshopify.com", true},
		{"0-shop-9.myshopify.com", true},
		{"x--y.myshopify.com", true},
		{"", false},
		{"evil.com", false},
		{"myshopify.com", false},
		{".myshopify.com", false},
		{"x.myshopify.com.evil.com", false},
		{"evilmyshopify.com", false},
		{"evil.myshopify.co", false},
		{"a.b.myshopify.com", false},
		{"-acme.myshopify.com", false},
		{"ACME.myshopify.com", false},
		{"acme.MYSHOPIFY.com", false},
		{"acme.myshopify.com.", false},
		{"acme.myshopify.com/", false},
		{"acme.myshopify.com/admin", false},
		{"https://acme.myshopify.com", false},
		{"u@acme.myshopify.com", false},
		{"evil.com@acme.myshopify.com", false},
		{"acme.myshopify.com@evil.com", false},
		{"acme%2Emyshopify.com", false},
		{"acme.myshopify%2Ecom", false},
		{"acme.myshopify.com:443", false},
		{"acme.myshopify.com:8080", false},
		{" acme.myshopify.com", false},
		{"acme.myshopify.com ", false},
		{"acme.myshopify.com\n", false},
		{"acme.myshopify.com\x00", false},
		{"ac me.myshopify.com", false},
		{"acme_shop.myshopify.com", false},
		{"acmé.myshopify.com", false},
		{"acme.myshopify.com?x=1", false},
		{"acme.myshopify.com#x", false},
		{`acme.myshopify.com\evil.com`, false},
	} {
		require.Equal(t, tc.ok, shopify.ValidShop(tc.shop), "%q", tc.shop)
	}
}

const (
	oqClientID = "switchboard-app"
	oqShop     = "acme.myshopify.com"
	oqRedirect = "https://hub.example/oauth/shopify/callback"
)

var oqSecret = secrets.New("shpss_sandbox_secret")

// oqSandbox serves a sandbox under /sandbox/shopify as the hub mounts it and
// returns it with a Client pointed at it.
func oqSandbox(t *testing.T) (*sandbox.Sandbox, *sandboxkit.Clock, *shopify.Client, *httptest.Server) {
	t.Helper()
	clk := sandboxkit.NewClock(time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC))
	sb := sandbox.New(sandbox.Options{ClientID: oqClientID, ClientSecret: oqSecret.Reveal(), Now: clk.Now})
	mux := http.NewServeMux()
	mux.Handle("/sandbox/shopify/", http.StripPrefix("/sandbox/shopify", sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	_, err := sb.CreateShop(sandbox.ShopSpec{Domain: oqShop, Name: "Acme Outdoor", Currency: "EUR"})
	require.NoError(t, err)
	hc := srv.Client()
	hc.Timeout = 5 * time.Second
	c := &shopify.Client{HTTP: hc, BaseURL: func(shop string) string { return srv.URL + "/sandbox/shopify/" + shop }}
	return sb, clk, c, srv
}

var oqHidden = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// oqConsent loads the consent page as a browser would and submits the form
// (install) or follows the Cancel link; it returns the callback query.
func oqConsent(t *testing.T, c *shopify.Client, hc *http.Client, state string, install bool) url.Values {
	t.Helper()
	authURL, err := c.AuthorizeURL(oqShop, oqClientID, oqRedirect, state, []string{"read_customers", "write_customers"})
	require.NoError(t, err)
	noFollow := *hc
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noFollow.Get(authURL)
	require.NoError(t, err)
	page := readAllString(t, resp)
	require.Equal(t, http.StatusOK, resp.StatusCode, page)
	for _, want := range []string{"Shopify sandbox", "Acme Outdoor", "read_customers", "write_customers", "Install app", "Cancel"} {
		require.Contains(t, page, want)
	}
	pageURL, _ := url.Parse(authURL)
	var target *url.URL
	if install {
		form := url.Values{}
		for _, m := range oqHidden.FindAllStringSubmatch(page, -1) {
			form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
		}
		require.Equal(t, state, form.Get("state"))
		action := regexp.MustCompile(`<form method="post" action="([^"]+)">`).FindStringSubmatch(page)
		require.NotNil(t, action)
		target = pageURL.ResolveReference(&url.URL{Path: html.UnescapeString(action[1])})
		resp, err = noFollow.PostForm(target.String(), form)
	} else {
		href := regexp.MustCompile(`<a href="([^"]+)">Cancel</a>`).FindStringSubmatch(page)
		require.NotNil(t, href)
		ref, perr := url.Parse(html.UnescapeString(href[1]))
		require.NoError(t, perr)
		resp, err = noFollow.Get(pageURL.ResolveReference(ref).String())
	}
	require.NoError(t, err)
	_ = readAllString(t, resp)
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, "hub.example", loc.Host)
	require.Equal(t, "/oauth/shopify/callback", loc.Path)
	return loc.Query()
}

func readAllString(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	_, err := bufio.NewReader(resp.Body).WriteTo(&b)
	require.NoError(t, err)
	return b.String()
}

func retrieveError(t *testing.T, err error) *oauth2.RetrieveError {
	t.Helper()
	var re *oauth2.RetrieveError
	require.True(t, errors.As(err, &re), "want *oauth2.RetrieveError, got %v", err)
	return re
}

func TestOAuthDance(t *testing.T) {
	t.Parallel()
	sb, clk, client, srv := oqSandbox(t)
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, srv.Client())

	// Consent page → install → signed callback.
	q := oqConsent(t, client, srv.Client(), "st-4f1d", true)
	require.True(t, shopify.VerifyOAuthQuery(q, oqSecret), "callback HMAC verifies: %v", q)
	require.False(t, shopify.VerifyOAuthQuery(q, secrets.New("another-secret")))
	require.Equal(t, oqShop, q.Get("shop"))
	require.Equal(t, "st-4f1d", q.Get("state"))
	require.NotEmpty(t, q.Get("host"))
	tampered, _ := url.ParseQuery(q.Encode())
	tampered.Set("shop", "evil.myshopify.com")
	require.False(t, shopify.VerifyOAuthQuery(tampered, oqSecret))

	// Code exchange for an expiring offline token, with oauth2.
	ep, err := client.Endpoint(oqShop)
	require.NoError(t, err)
	require.Equal(t, oauth2.AuthStyleInParams, ep.AuthStyle)
	conf := &oauth2.Config{ClientID: oqClientID, ClientSecret: oqSecret.Reveal(), Endpoint: ep, RedirectURL: oqRedirect}
	tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.SetAuthURLParam("expiring", "1"))
	require.NoError(t, err)
	require.NotEmpty(t, tok.AccessToken)
	require.NotEmpty(t, tok.RefreshToken)
	require.WithinDuration(t, time.Now().Add(time.Hour), tok.Expiry, time.Minute)
	require.EqualValues(t, 90*24*3600, tok.Extra("refresh_token_expires_in"))
	require.Equal(t, "read_customers,write_customers", tok.Extra("scope"))

	info, err := client.Shop(ctx, oqShop, secrets.New(tok.AccessToken))
	require.NoError(t, err)
	require.Equal(t, shopify.ShopInfo{ID: info.ID, Name: "Acme Outdoor", Email: "owner@acme.example.com",
		MyshopifyDomain: oqShop, CurrencyCode: "EUR", IANATimezone: "America/New_York"}, info)

	// Codes are single use.
	_, err = conf.Exchange(ctx, q.Get("code"), oauth2.SetAuthURLParam("expiring", "1"))
	re := retrieveError(t, err)
	require.Equal(t, http.StatusBadRequest, re.Response.StatusCode)
	require.Equal(t, "invalid_request", re.ErrorCode)
	require.Equal(t, "The authorization code was not found or was already used", re.ErrorDescription)

	// Refresh through oauth2's TokenSource: a new access token and a new
	// refresh token.
	stale := *tok
	stale.Expiry = time.Now().Add(-time.Minute)
	fresh, err := conf.TokenSource(ctx, &stale).Token()
	require.NoError(t, err)
	require.NotEqual(t, tok.AccessToken, fresh.AccessToken)
	require.NotEqual(t, tok.RefreshToken, fresh.RefreshToken)
	require.NotEmpty(t, fresh.RefreshToken)
	_, err = client.Shop(ctx, oqShop, secrets.New(fresh.AccessToken))
	require.NoError(t, err)
	_, err = client.Shop(ctx, oqShop, secrets.New(tok.AccessToken))
	require.ErrorIs(t, err, shopify.ErrUnauthorized, "the replaced access token is revoked")

	// The old refresh token stopped working at once.
	_, err = conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Minute)}).Token()
	re = retrieveError(t, err)
	require.Equal(t, http.StatusBadRequest, re.Response.StatusCode)
	require.Equal(t, "invalid_grant", re.ErrorCode)
	// The new one works once more.
	_, err = conf.TokenSource(ctx, &oauth2.Token{RefreshToken: fresh.RefreshToken, Expiry: time.Now().Add(-time.Minute)}).Token()
	require.NoError(t, err)

	counters, err := sb.Counters(oqShop)
	require.NoError(t, err)
	require.Equal(t, 3, counters.RefreshRequests)
	require.Equal(t, 1, counters.Authorizations)

	// Codes expire after 60 s.
	late := oqConsent(t, client, srv.Client(), "st-late", true)
	clk.Advance(61 * time.Second)
	_, err = conf.Exchange(ctx, late.Get("code"), oauth2.SetAuthURLParam("expiring", "1"))
	require.Equal(t, "invalid_request", retrieveError(t, err).ErrorCode)

	// A wrong client secret is refused, and does not burn the code.
	code := oqConsent(t, client, srv.Client(), "st-secret", true).Get("code")
	wrong := *conf
	wrong.ClientSecret = "not-the-secret"
	_, err = wrong.Exchange(ctx, code)
	re = retrieveError(t, err)
	require.Equal(t, http.StatusUnauthorized, re.Response.StatusCode)
	require.Equal(t, "invalid_client", re.ErrorCode)
	require.NotContains(t, err.Error(), oqSecret.Reveal())
	// Without expiring=1 the token never expires and has no refresh token.
	perm, err := conf.Exchange(ctx, code)
	require.NoError(t, err)
	require.Empty(t, perm.RefreshToken)
	require.True(t, perm.Expiry.IsZero())
}

func TestOAuthCancel(t *testing.T) {
	t.Parallel()
	_, _, client, srv := oqSandbox(t)
	q := oqConsent(t, client, srv.Client(), "st-cancel", false)
	require.Equal(t, "access_denied", q.Get("error"))
	require.Empty(t, q.Get("code"))
	require.Equal(t, "st-cancel", q.Get("state"))
	require.True(t, shopify.VerifyOAuthQuery(q, oqSecret), "the denial is signed too (its description has spaces)")
}

func TestClientEndpointRejectsBadShop(t *testing.T) {
	t.Parallel()
	c := &shopify.Client{}
	_, err := c.Endpoint("evil.com")
	require.ErrorIs(t, err, shopify.ErrInvalidShop)
	_, err = c.AuthorizeURL("acme.myshopify.com.evil.com", "id", oqRedirect, "s", nil)
	require.ErrorIs(t, err, shopify.ErrInvalidShop)
	ep, err := c.Endpoint(oqShop)
	require.NoError(t, err)
	require.Equal(t, "https://acme.myshopify.com/admin/oauth/access_token", ep.TokenURL)
	require.Equal(t, "https://acme.myshopify.com/admin/oauth/authorize", ep.AuthURL)
}
