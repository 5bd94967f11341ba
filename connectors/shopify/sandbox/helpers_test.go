package sandbox_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

const (
	testClientID     = "sandbox-client-id"
	testClientSecret = "sandbox-client-secret"
	testShop         = "acme.myshopify.com"
	prefix           = "/sandbox/shopify"
)

type env struct {
	t     *testing.T
	sb    *sandbox.Sandbox
	clock *sandboxkit.Clock
	base  string // server URL + prefix
	http  *http.Client
}

// newEnv mounts a sandbox under /sandbox/shopify on a real HTTP server, as
// the hub does, and creates testShop.
func newEnv(t *testing.T, opts sandbox.Options) *env {
	t.Helper()
	clk := sandboxkit.NewClock(time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC))
	opts.ClientID, opts.ClientSecret, opts.Now = testClientID, testClientSecret, clk.Now
	sb := sandbox.New(opts)
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	e := &env{t: t, sb: sb, clock: clk, base: srv.URL + prefix,
		http: &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	status, _ := e.control(http.MethodPost, "/_control/shops", map[string]any{"domain": testShop, "name": "Acme Outdoor", "currency": "EUR"})
	require.Equal(t, http.StatusCreated, status)
	return e
}

// do sends a request and returns the status, headers and body.
func (e *env) do(method, path string, header http.Header, body io.Reader) (int, http.Header, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.base+path, body)
	require.NoError(e.t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := e.http.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	return resp.StatusCode, resp.Header, b
}

// control calls the control API with a JSON body and decodes the answer.
func (e *env) control(method, path string, body any) (int, map[string]any) {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(e.t, err)
		r = bytes.NewReader(b)
	}
	status, _, b := e.do(method, path, http.Header{"Content-Type": {"application/json"}}, r)
	out := map[string]any{}
	if len(bytes.TrimSpace(b)) > 0 {
		require.NoError(e.t, json.Unmarshal(b, &out), string(b))
	}
	return status, out
}

// token issues an access token through the control API.
func (e *env) token(expiring bool) (string, string) {
	e.t.Helper()
	status, out := e.control(http.MethodPost, "/_control/shops/"+testShop+"/tokens", map[string]any{"expiring": expiring, "scope": "read_customers"})
	require.Equal(e.t, http.StatusOK, status)
	return out["access_token"].(string), out["refresh_token"].(string)
}

// graphql posts a query and returns the status and the decoded body.
func (e *env) graphql(token, query string, vars map[string]any) (int, map[string]any, []byte) {
	e.t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	require.NoError(e.t, err)
	h := http.Header{"Content-Type": {"application/json"}}
	if token != "" {
		h.Set("X-Shopify-Access-Token", token)
	}
	status, _, body := e.do(http.MethodPost, "/"+testShop+"/admin/api/2026-04/graphql.json", h, bytes.NewReader(b))
	out := map[string]any{}
	require.NoError(e.t, json.Unmarshal(body, &out), string(body))
	return status, out, body
}

// postForm posts a form and returns status and decoded JSON.
func (e *env) postToken(values map[string]string, asJSON bool) (int, map[string]any) {
	e.t.Helper()
	var body io.Reader
	h := http.Header{}
	if asJSON {
		b, _ := json.Marshal(values)
		body, h["Content-Type"] = bytes.NewReader(b), []string{"application/json"}
	} else {
		f := url.Values{}
		for k, v := range values {
			f.Set(k, v)
		}
		body, h["Content-Type"] = strings.NewReader(f.Encode()), []string{"application/x-www-form-urlencoded"}
	}
	status, _, b := e.do(http.MethodPost, "/"+testShop+"/admin/oauth/access_token", h, body)
	out := map[string]any{}
	require.NoError(e.t, json.Unmarshal(b, &out), string(b))
	return status, out
}

// authorize runs the consent page and approval, returning the callback
// query.
func (e *env) authorize(state string) url.Values {
	e.t.Helper()
	q := url.Values{"client_id": {testClientID}, "scope": {"read_customers,write_customers"},
		"redirect_uri": {"https://hub.example/oauth/shopify/callback"}, "state": {state}}
	status, _, page := e.do(http.MethodGet, "/"+testShop+"/admin/oauth/authorize?"+q.Encode(), nil, nil)
	require.Equal(e.t, http.StatusOK, status, string(page))
	status, h, _ := e.do(http.MethodPost, "/"+testShop+"/admin/oauth/authorize/approve",
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, strings.NewReader(q.Encode()))
	require.Equal(e.t, http.StatusFound, status)
	loc, err := url.Parse(h.Get("Location"))
	require.NoError(e.t, err)
	return loc.Query()
}

// signedOK recomputes Shopify's query HMAC independently of the sandbox
// (for values without characters that need encoding).
func signedOK(t *testing.T, q url.Values) bool {
	t.Helper()
	var keys []string
	for k := range q {
		if k != "hmac" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		require.Equal(t, url.QueryEscape(q.Get(k)), q.Get(k), "test helper only handles plain values")
		parts = append(parts, k+"="+q.Get(k))
	}
	m := hmac.New(sha256.New, []byte(testClientSecret))
	m.Write([]byte(strings.Join(parts, "&")))
	return hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(q.Get("hmac")))
}

func dig(v any, path ...any) any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[p]
		case int:
			l, ok := v.([]any)
			if !ok || p >= len(l) {
				return nil
			}
			v = l[p]
		}
	}
	return v
}
