package hubspot_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"
	"github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

const (
	testClientID     = "hubspot-test-client"
	testClientSecret = "hubspot-test-secret-0123456789"
	testRedirect     = "https://hub.example/oauth/hubspot/callback"
	prefix           = "/sandbox/hubspot"
)

// env is a sandbox mounted under /sandbox/hubspot on a real HTTP server, as
// the hub mounts it, with the connector's client and an x/oauth2 config
// built the way the hub builds it.
type env struct {
	t       *testing.T
	sb      *sandbox.Sandbox
	clock   *sandboxkit.Clock
	base    string
	browser *http.Client
	client  *hubspot.Client
	oauth   *oauth2.Config
	ctx     context.Context
	cenv    connectors.Env
}

func newEnv(t *testing.T, opts sandbox.Options) *env {
	t.Helper()
	clk := sandboxkit.NewClock(time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC))
	opts.ClientID, opts.ClientSecret, opts.Now = testClientID, testClientSecret, clk.Now
	sb := sandbox.New(opts)
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	httpClient := &http.Client{Timeout: 5 * time.Second}
	cenv := connectors.Env{HTTP: httpClient, SandboxBase: srv.URL + prefix}
	o := hubspot.Connector{}.Spec().Auth.OAuth2
	return &env{
		t: t, sb: sb, clock: clk, base: srv.URL + prefix, cenv: cenv,
		browser: &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		client:  hubspot.ClientFor(cenv),
		oauth: &oauth2.Config{
			ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: testRedirect, Scopes: nil,
			Endpoint: oauth2.Endpoint{AuthURL: cenv.ResolveURL(o.AuthorizeURL, nil), TokenURL: cenv.ResolveURL(o.TokenURL, nil), AuthStyle: oauth2.AuthStyleInParams},
		},
		ctx: context.WithValue(t.Context(), oauth2.HTTPClient, httpClient),
	}
}

// authorizeURL is the consent URL as the hub makes it.
func (e *env) authorizeURL(state string) string {
	var opts []oauth2.AuthCodeOption
	for k, v := range (hubspot.Connector{}).AuthorizeParams(hubspot.Connector{}.Spec().Auth.OAuth2.Scopes) {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	return e.oauth.AuthCodeURL(state, opts...)
}

var (
	formRE   = regexp.MustCompile(`(?s)<form method="post" action="([^"]+)">(.*?)</form>`)
	hiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
	buttonRE = regexp.MustCompile(`<button[^>]*type="submit">([^<]+)</button>`)
)

// press loads the consent page, finds the form whose button says label,
// submits it as a browser would and returns the redirect's URL.
func (e *env) press(authorizeURL, label string) *url.URL {
	e.t.Helper()
	resp, err := e.browser.Get(authorizeURL)
	require.NoError(e.t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(e.t, http.StatusOK, resp.StatusCode, string(page))
	for _, f := range formRE.FindAllStringSubmatch(string(page), -1) {
		if b := buttonRE.FindStringSubmatch(f[2]); b == nil || b[1] != label {
			continue
		}
		form := url.Values{}
		for _, h := range hiddenRE.FindAllStringSubmatch(f[2], -1) {
			form.Add(html.UnescapeString(h[1]), html.UnescapeString(h[2]))
		}
		action, err := url.Parse(authorizeURL)
		require.NoError(e.t, err)
		target := action.ResolveReference(&url.URL{Path: html.UnescapeString(f[1])})
		resp, err := e.browser.PostForm(target.String(), form)
		require.NoError(e.t, err)
		resp.Body.Close()
		require.Equal(e.t, http.StatusFound, resp.StatusCode)
		loc, err := url.Parse(resp.Header.Get("Location"))
		require.NoError(e.t, err)
		return loc
	}
	e.t.Fatalf("no %q button on the consent page", label)
	return nil
}

// connect runs consent and exchange, returning the tokens.
func (e *env) connect() *oauth2.Token {
	e.t.Helper()
	cb := e.press(e.authorizeURL("st"), "Connect app")
	tok, err := e.oauth.Exchange(e.ctx, cb.Query().Get("code"))
	require.NoError(e.t, err)
	return tok
}

// token mints tokens through the control API's Go side.
func (e *env) token() secrets.Secret {
	a, _ := e.sb.IssueTokens([]string{"oauth", "crm.objects.contacts.write"})
	return secrets.New(a)
}

// requireNoSecret checks that an error shows neither token nor secret.
func requireNoSecret(t *testing.T, err error, tokens ...string) {
	t.Helper()
	require.Error(t, err)
	for _, s := range append(tokens, testClientSecret) {
		if s != "" {
			require.NotContains(t, err.Error(), s)
		}
	}
}

func emailsOf(records []sandbox.Record) []string {
	out := make([]string, 0, len(records))
	for _, r := range records {
		out = append(out, strings.ToLower(r.Properties["email"]))
	}
	return out
}
