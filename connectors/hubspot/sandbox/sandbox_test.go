package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"
)

// wire is a sandbox on a real HTTP server, spoken to in raw HTTP, to pin
// the shapes of its answers.
type wire struct {
	t     *testing.T
	sb    *sandbox.Sandbox
	base  string
	now   time.Time
	token string
}

func newWire(t *testing.T, opts sandbox.Options) *wire {
	t.Helper()
	w := &wire{t: t, now: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)}
	opts.ClientID, opts.ClientSecret, opts.Now = "id", "secret", func() time.Time { return w.now }
	w.sb = sandbox.New(opts)
	srv := httptest.NewServer(w.sb)
	t.Cleanup(srv.Close)
	w.base = srv.URL
	w.token, _ = w.sb.IssueTokens([]string{"oauth"})
	return w
}

// call sends a request and decodes a JSON answer (nil for an empty one).
func (w *wire) call(method, path string, header http.Header, body string) (int, http.Header, map[string]any) {
	w.t.Helper()
	req, err := http.NewRequest(method, w.base+path, strings.NewReader(body))
	require.NoError(w.t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(w.t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(bytes.TrimSpace(raw)) > 0 && raw[0] == '{' {
		require.NoError(w.t, json.Unmarshal(raw, &out), string(raw))
	}
	return resp.StatusCode, resp.Header, out
}

func (w *wire) api(method, path, body string) (int, http.Header, map[string]any) {
	return w.call(method, path, http.Header{"Authorization": {"Bearer " + w.token}, "Content-Type": {"application/json"}}, body)
}

func TestHubSpotSandboxAPIShapes(t *testing.T) {
	t.Parallel()
	w := newWire(t, sandbox.Options{})
	_, err := w.sb.SeedContacts(0, []map[string]string{{"email": "taken@example.com"}})
	require.NoError(t, err)
	inputs := func(n int, dup bool) string {
		var in []string
		for i := range n {
			e := fmt.Sprintf("u%d@example.com", i)
			if dup && i == n-1 {
				e = "U0@example.com"
			}
			in = append(in, fmt.Sprintf(`{"id":%q,"idProperty":"email","properties":{"firstname":"x"}}`, e))
		}
		return `{"inputs":[` + strings.Join(in, ",") + `]}`
	}
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		category                 string
		message                  string
	}{
		{"list", "GET", "/crm/v3/objects/contacts?limit=1", "", 200, "", ""},
		{"limit too big", "GET", "/crm/v3/objects/contacts?limit=101", "", 400, "VALIDATION_ERROR", "limit"},
		{"search", "POST", "/crm/v3/objects/contacts/search", `{"filterGroups":[{"filters":[{"propertyName":"email","operator":"EQ","value":"taken@example.com"}]}],"limit":5}`, 200, "", ""},
		{"search by date", "POST", "/crm/v3/objects/contacts/search", `{"filterGroups":[{"filters":[{"propertyName":"lastmodifieddate","operator":"GTE","value":"2025-11-03T08:00:00Z"}]}],"sorts":[{"propertyName":"hs_object_id","direction":"ASCENDING"}]}`, 200, "", ""},
		{"search bad operator", "POST", "/crm/v3/objects/contacts/search", `{"filterGroups":[{"filters":[{"propertyName":"email","operator":"LIKE","value":"x"}]}]}`, 400, "VALIDATION_ERROR", "Invalid operator"},
		{"search past 10,000", "POST", "/crm/v3/objects/contacts/search", `{"limit":100,"after":"9950"}`, 400, "VALIDATION_ERROR", "at most 10000"},
		{"create", "POST", "/crm/v3/objects/contacts", `{"properties":{"email":"New@Example.com","firstname":"N"}}`, 201, "", ""},
		{"create conflict", "POST", "/crm/v3/objects/contacts", `{"properties":{"email":"TAKEN@example.com"}}`, 409, "CONFLICT", "Contact already exists. Existing ID: 101"},
		{"unknown property", "POST", "/crm/v3/objects/contacts", `{"properties":{"shoe_size":"44"}}`, 400, "VALIDATION_ERROR", "Property values were not valid"},
		{"read-only property", "POST", "/crm/v3/objects/contacts", `{"properties":{"hs_object_id":"1"}}`, 400, "VALIDATION_ERROR", ""},
		{"bad JSON", "POST", "/crm/v3/objects/contacts", `{`, 400, "VALIDATION_ERROR", "Invalid input JSON"},
		{"batch of 100", "POST", "/crm/v3/objects/contacts/batch/upsert", inputs(100, false), 200, "", ""},
		{"batch of 101", "POST", "/crm/v3/objects/contacts/batch/upsert", inputs(101, false), 400, "VALIDATION_ERROR", "between 1 and 100"},
		{"empty batch", "POST", "/crm/v3/objects/contacts/batch/upsert", `{"inputs":[]}`, 400, "VALIDATION_ERROR", ""},
		{"duplicate ids", "POST", "/crm/v3/objects/contacts/batch/upsert", inputs(3, true), 400, "VALIDATION_ERROR", "Duplicate IDs"},
		{"by email", "GET", "/crm/v3/objects/contacts/taken%40example.com?idProperty=email", "", 200, "", ""},
		{"by id, unknown", "GET", "/crm/v3/objects/contacts/9", "", 404, "OBJECT_NOT_FOUND", ""},
		{"ticket without stage", "POST", "/crm/v3/objects/tickets", `{"properties":{"subject":"s","hs_pipeline":"0"}}`, 400, "VALIDATION_ERROR", ""},
		{"unknown list", "PUT", "/crm/v3/lists/77/memberships/add", `["101"]`, 404, "OBJECT_NOT_FOUND", ""},
		{"unknown path", "GET", "/crm/v3/objects/deals", "", 404, "OBJECT_NOT_FOUND", ""},
	} {
		status, h, body := w.api(tc.method, tc.path, tc.body)
		require.Equal(t, tc.status, status, "%s: %v", tc.name, body)
		if tc.category != "" {
			require.Equal(t, "error", body["status"], tc.name)
			require.Equal(t, tc.category, body["category"], tc.name)
			require.NotEmpty(t, body["correlationId"], tc.name)
			require.Contains(t, body["message"], tc.message, tc.name)
		}
		if tc.name != "unknown path" {
			require.Equal(t, "100", h.Get("X-HubSpot-RateLimit-Max"), tc.name)
			require.Equal(t, "10000", h.Get("X-HubSpot-RateLimit-Interval-Milliseconds"), tc.name)
		}
	}

	_, _, page := w.api("GET", "/crm/v3/objects/contacts?limit=2&properties=email", "")
	results := page["results"].([]any)
	require.Len(t, results, 2)
	first := results[0].(map[string]any)
	require.Equal(t, "101", first["id"])
	require.Equal(t, false, first["archived"])
	require.Equal(t, map[string]any{"email": "taken@example.com", "hs_object_id": "101", "createdate": "2025-11-03T09:00:00.000Z",
		"lastmodifieddate": "2025-11-03T09:00:00.000Z"}, first["properties"])
	require.Equal(t, "103", page["paging"].(map[string]any)["next"].(map[string]any)["after"])
}

func TestHubSpotSandboxRateLimitHeaders(t *testing.T) {
	t.Parallel()
	w := newWire(t, sandbox.Options{RateLimit: 2})
	_, h, _ := w.api("GET", "/crm/v3/objects/contacts", "")
	require.Equal(t, "1", h.Get("X-HubSpot-RateLimit-Remaining"))
	w.now = w.now.Add(2500 * time.Millisecond)
	_, h, _ = w.api("GET", "/crm/v3/objects/contacts", "")
	require.Equal(t, "0", h.Get("X-HubSpot-RateLimit-Remaining"))
	status, h, body := w.api("GET", "/crm/v3/objects/contacts", "")
	require.Equal(t, http.StatusTooManyRequests, status)
	require.Equal(t, "8", h.Get("Retry-After"), "7.5 s rounded up")
	require.Equal(t, "error", body["status"])
	require.Equal(t, "RATE_LIMIT", body["errorType"])
	require.Equal(t, "TEN_SECONDLY_ROLLING", body["policyName"])
	require.Equal(t, "You have reached your ten_secondly_rolling limit.", body["message"])

	// Unauthenticated calls are refused before the limit is consulted.
	status, _, body = w.call("GET", "/crm/v3/objects/contacts", nil, "")
	require.Equal(t, http.StatusUnauthorized, status)
	require.Equal(t, "INVALID_AUTHENTICATION", body["category"])
	require.Equal(t, sandbox.Counters{APICalls: 4, RateLimited: 1, MaxWindow: 2}, w.sb.Counters(), "the window held its limit of 2")
}

func TestHubSpotSandboxTokenEndpoint(t *testing.T) {
	t.Parallel()
	w := newWire(t, sandbox.Options{})
	_, refresh := w.sb.IssueTokens([]string{"oauth"})
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for _, tc := range []struct {
		name   string
		header http.Header
		body   string
		status int
		hub    string
		oauth  string
	}{
		{"JSON body", http.Header{"Content-Type": {"application/json"}}, `{"grant_type":"refresh_token"}`, 400, "BAD_GRANT_TYPE", "unsupported_grant_type"},
		{"no grant type", form, "client_id=id&client_secret=secret", 400, "BAD_GRANT_TYPE", "unsupported_grant_type"},
		{"unknown refresh token", form, "grant_type=refresh_token&client_id=id&client_secret=secret&refresh_token=na1-x", 400, "BAD_REFRESH_TOKEN", "invalid_grant"},
		{"refresh", form, "grant_type=refresh_token&client_id=id&client_secret=secret&refresh_token=" + url.QueryEscape(refresh), 200, "", ""},
	} {
		status, h, body := w.call("POST", "/oauth/v1/token", tc.header, tc.body)
		require.Equal(t, tc.status, status, "%s: %v", tc.name, body)
		require.Equal(t, "no-store", h.Get("Cache-Control"), tc.name)
		if tc.hub != "" {
			require.Equal(t, tc.hub, body["status"], tc.name)
			require.Equal(t, tc.oauth, body["error"], tc.name)
			require.Equal(t, body["message"], body["error_description"], tc.name)
			continue
		}
		require.Equal(t, refresh, body["refresh_token"])
		require.EqualValues(t, 1800, body["expires_in"])
		require.Equal(t, "bearer", body["token_type"])
		require.EqualValues(t, sandbox.PortalID, body["hub_id"])
		require.Equal(t, []any{"oauth"}, body["scopes"])
	}
}

func TestHubSpotSandboxControlAPI(t *testing.T) {
	t.Parallel()
	w := newWire(t, sandbox.Options{})
	ctl := func(method, path, body string) (int, map[string]any) {
		status, _, out := w.call(method, "/_control/"+path, http.Header{"Content-Type": {"application/json"}}, body)
		return status, out
	}
	status, out := ctl("POST", "contacts", `{"count":2,"contacts":[{"email":"x@example.com"}]}`)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, []any{"101", "102", "103"}, out["ids"])
	status, out = ctl("POST", "lists", `{"name":"VIP"}`)
	require.Equal(t, http.StatusCreated, status)
	require.Equal(t, "MANUAL", out["processingType"])
	status, _ = ctl("GET", "lists/"+out["listId"].(string), "")
	require.Equal(t, http.StatusOK, status)
	status, _ = ctl("GET", "lists/99", "")
	require.Equal(t, http.StatusNotFound, status)
	status, _ = ctl("POST", "fail", `{"count":1,"status":200}`)
	require.Equal(t, http.StatusBadRequest, status)
	status, _ = ctl("POST", "fail", `{"count":1,"status":502}`)
	require.Equal(t, http.StatusNoContent, status)
	apiStatus, _, _ := w.api("GET", "/crm/v3/objects/contacts", "")
	require.Equal(t, http.StatusBadGateway, apiStatus)
	status, _ = ctl("POST", "throttle", "")
	require.Equal(t, http.StatusNoContent, status)
	apiStatus, _, _ = w.api("GET", "/crm/v3/objects/contacts", "")
	require.Equal(t, http.StatusTooManyRequests, apiStatus)
	status, out = ctl("POST", "tokens", `{"scopes":["oauth"]}`)
	require.Equal(t, http.StatusOK, status)
	require.NotEmpty(t, out["access_token"])
	status, _ = ctl("POST", "webhooks", `{"contactId":"101"}`)
	require.Equal(t, http.StatusBadRequest, status, "no target URL set")
	status, _ = ctl("POST", "webhooks", `{"contactId":"999","targetUrl":"http://127.0.0.1:1/x"}`)
	require.Equal(t, http.StatusNotFound, status)
	status, out = ctl("GET", "portal", "")
	require.Equal(t, http.StatusOK, status)
	require.EqualValues(t, sandbox.PortalID, out["hubId"])
	require.EqualValues(t, 3, out["contacts"])
	status, out = ctl("GET", "counters", "")
	require.Equal(t, http.StatusOK, status)
	require.EqualValues(t, 2, out["apiCalls"])
	require.EqualValues(t, 1, out["rateLimited"])
	status, _ = ctl("GET", "nothing", "")
	require.Equal(t, http.StatusNotFound, status)
}
