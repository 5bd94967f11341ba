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
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/easypost/sandbox"
)

const prefix = "/sandbox/easypost"

type env struct {
	t    *testing.T
	sb   *sandbox.Sandbox
	base string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	now := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	sb := sandbox.New(sandbox.Options{Now: func() time.Time { return now }})
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &env{t: t, sb: sb, base: srv.URL + prefix}
}

// do sends a request with key as the Basic user name (none when empty) and
// decodes the JSON answer.
func (e *env) do(method, path, key, contentType string, body string) (int, http.Header, map[string]any) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.base+path, strings.NewReader(body))
	require.NoError(e.t, err)
	if key != "" {
		req.SetBasicAuth(key, "")
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	out := map[string]any{}
	if len(bytes.TrimSpace(raw)) > 0 {
		require.NoError(e.t, json.Unmarshal(raw, &out), string(raw))
	}
	return resp.StatusCode, resp.Header, out
}

func apiError(code, message string) map[string]any {
	return map[string]any{"error": map[string]any{"code": code, "message": message, "errors": []any{}}}
}

func TestAuthenticationErrorsAreEasyPosts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.sb.CreateUser("Acme")
	gone := e.sb.CreateUser("Gone")
	require.NoError(t, e.sb.DisableKeys(gone.ID))
	tests := []struct {
		name   string
		key    string
		status int
		want   map[string]any
	}{
		{"no key", "", 401, apiError("APIKEY.REQUIRED", "Missing or invalid API key.")},
		{"unknown key", "EZTKnope", 401, apiError("APIKEY.REQUIRED", "Missing or invalid API key.")},
		{"disabled key", gone.TestKey, 403, apiError("APIKEY.INACTIVE", "This api key is no longer active. Please use a different api key or reactivate this key.")},
		{"users API not emulated", u.ProductionKey, 404, apiError("NOT_FOUND", "The requested resource could not be found.")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := "/v2/trackers"
			if tc.status == 404 {
				path = "/v2/users"
			}
			status, h, body := e.do(http.MethodGet, path, tc.key, "", "")
			require.Equal(t, tc.status, status)
			require.Equal(t, "application/json; charset=utf-8", h.Get("Content-Type"))
			require.Equal(t, tc.want, body)
		})
	}
}

func TestTrackerCreation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.sb.CreateUser("Acme")
	tests := []struct {
		code, carrier, key string
		form               bool
		status, mode       string
		scans              int
	}{
		{"EZ1000000001", "USPS", "EZTKsandbox-x", false, "pre_transit", "test", 1},
		{"EZ2000000002", "UPS", u.TestKey, true, "in_transit", "test", 2},
		{"EZ3000000003", "", u.TestKey, false, "out_for_delivery", "test", 3},
		{"EZ4000000004", "FedEx", u.ProductionKey, false, "delivered", "production", 4},
		{"EZ5000000005", "USPS", u.TestKey, false, "return_to_sender", "test", 2},
		{"EZ7000000007", "USPS", u.TestKey, false, "unknown", "test", 2},
		{"9400110898825022579493", "USPS", u.TestKey, true, "pre_transit", "test", 1},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			var status int
			var body map[string]any
			if tc.form {
				f := url.Values{"tracker[tracking_code]": {tc.code}, "tracker[carrier]": {tc.carrier}}
				status, _, body = e.do(http.MethodPost, "/v2/trackers", tc.key, "application/x-www-form-urlencoded", f.Encode())
			} else {
				b, _ := json.Marshal(map[string]any{"tracker": map[string]string{"tracking_code": tc.code, "carrier": tc.carrier}})
				status, _, body = e.do(http.MethodPost, "/v2/trackers", tc.key, "application/json", string(b))
			}
			require.Equal(t, http.StatusCreated, status, body)
			require.Equal(t, "Tracker", body["object"])
			require.Equal(t, tc.status, body["status"])
			require.Equal(t, tc.mode, body["mode"])
			require.Len(t, body["tracking_details"], tc.scans)
			require.Regexp(t, `^https://track\.easypost\.com/`, body["public_url"])
			if tc.carrier == "" {
				require.Equal(t, "USPS", body["carrier"])
			}
			status, _, again := e.do(http.MethodGet, "/v2/trackers/"+body["id"].(string), tc.key, "", "")
			require.Equal(t, http.StatusOK, status)
			require.Equal(t, body, again)
		})
	}

	status, _, body := e.do(http.MethodPost, "/v2/trackers", u.TestKey, "application/json", `{"tracker":{"carrier":"USPS"}}`)
	require.Equal(t, http.StatusUnprocessableEntity, status)
	require.Equal(t, map[string]any{"error": map[string]any{"code": "PARAMETER.REQUIRED", "message": "Missing required parameter.",
		"errors": []any{map[string]any{"field": "tracking_code", "message": "cannot be blank", "suggestion": nil}}}}, body)
	status, _, body = e.do(http.MethodGet, "/v2/trackers?page_size=101", u.TestKey, "", "")
	require.Equal(t, http.StatusUnprocessableEntity, status, body)
}

func TestWebhooksAPIAndControl(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	got := make(chan *http.Request, 4)
	bodies := make(chan []byte, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- r
		bodies <- b
	}))
	t.Cleanup(hook.Close)

	// Registered through EasyPost's own webhooks API.
	status, _, wh := e.do(http.MethodPost, "/v2/webhooks", "EZTKsandbox-a", "application/json",
		`{"webhook":{"url":"`+hook.URL+`/hooks","webhook_secret":"Caf\u00e9"}}`)
	require.Equal(t, http.StatusCreated, status, wh)
	require.Equal(t, "Webhook", wh["object"])
	require.Equal(t, "test", wh["mode"])
	status, _, list := e.do(http.MethodGet, "/v2/webhooks", "EZTKsandbox-b", "", "")
	require.Equal(t, http.StatusOK, status)
	require.Len(t, list["webhooks"], 1, "every demo key is the demo user")

	b, _ := json.Marshal(map[string]any{"tracker": map[string]string{"tracking_code": "EZ1000000001"}})
	status, _, tr := e.do(http.MethodPost, "/v2/trackers", "EZTKsandbox-a", "application/json", string(b))
	require.Equal(t, http.StatusCreated, status)
	e.sb.Wait()
	r, body := <-got, <-bodies
	// The signature, computed here independently of the sandbox: NFKD of
	// the secret, HMAC-SHA256 of the raw body, hex.
	mac := hmac.New(sha256.New, []byte(norm.NFKD.String("Caf\u00e9")))
	mac.Write(body)
	require.Equal(t, "hmac-sha256-hex="+hex.EncodeToString(mac.Sum(nil)), r.Header.Get("X-Hmac-Signature"))
	require.Equal(t, "/hooks", r.URL.Path)
	var ev map[string]any
	require.NoError(t, json.Unmarshal(body, &ev))
	require.Equal(t, "tracker.created", ev["description"])
	require.Equal(t, "Event", ev["object"])
	require.Equal(t, tr["id"], ev["result"].(map[string]any)["id"])

	// The control API names any status; unknown ones and routes are refused.
	status, _, out := e.do(http.MethodPost, "/_control/trackers/"+tr["id"].(string)+"/advance", "", "application/json", `{"status":"available_for_pickup"}`)
	require.Equal(t, http.StatusOK, status, out)
	require.Equal(t, "available_for_pickup", out["tracker"].(map[string]any)["status"])
	<-got
	require.Contains(t, string(<-bodies), `"previous_attributes":{"status":"pre_transit"}`)
	status, _, out = e.do(http.MethodPost, "/_control/trackers/"+tr["id"].(string)+"/advance", "", "", "")
	require.Equal(t, http.StatusBadRequest, status, "available_for_pickup has no automatic next step")
	require.Contains(t, out["error"], "no next status")

	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{http.MethodPost, "/_control/trackers/trk_nope/advance", "", http.StatusNotFound},
		{http.MethodPost, "/_control/trackers/" + tr["id"].(string) + "/advance", `{"status":"lost"}`, http.StatusBadRequest},
		{http.MethodGet, "/_control/users/user_nope", "", http.StatusNotFound},
		{http.MethodPost, "/_control/users/demo/fail", `{"count":1,"status":200}`, http.StatusBadRequest},
		{http.MethodPost, "/_control/users/demo/webhooks", `{"url":"ftp://x"}`, http.StatusBadRequest},
		{http.MethodPost, "/_control/users/demo/keys", `{"mode":"live"}`, http.StatusBadRequest},
		{http.MethodGet, "/_control/nope", "", http.StatusNotFound},
		{http.MethodPost, "/_control/users/demo/throttle", `{"count":1}`, http.StatusNoContent},
	} {
		status, _, out := e.do(tc.method, tc.path, "", "application/json", tc.body)
		require.Equal(t, tc.status, status, "%s %s: %v", tc.method, tc.path, out)
	}
	status, _, out = e.do(http.MethodGet, "/v2/trackers", "EZTKsandbox-a", "", "")
	require.Equal(t, http.StatusTooManyRequests, status)
	require.Equal(t, "RATE_LIMITED", out["error"].(map[string]any)["code"])

	status, _, u := e.do(http.MethodPost, "/_control/users", "", "application/json", `{"name":"Acme"}`)
	require.Equal(t, http.StatusCreated, status)
	status, _, k := e.do(http.MethodPost, "/_control/users/"+u["id"].(string)+"/keys", "", "application/json", `{"mode":"production"}`)
	require.Equal(t, http.StatusOK, status)
	require.True(t, strings.HasPrefix(k["key"].(string), "EZAK"))
	status, _, c := e.do(http.MethodGet, "/_control/users/demo/counters", "", "", "")
	require.Equal(t, http.StatusOK, status)
	require.EqualValues(t, 1, c["throttled"])
	require.EqualValues(t, 1, c["trackersCreated"])
	require.EqualValues(t, 2, c["webhooksSent"])
}

func TestRegisteredForTheHub(t *testing.T) {
	t.Parallel()
	f, ok := connectors.SandboxFor("easypost")
	require.True(t, ok)
	require.NotNil(t, f(connectors.SandboxApp{}))
}
