package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

func get(t *testing.T, h *testenv.Hub, c *testenv.Client, path string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", h.URL+path, nil)
	require.NoError(t, err)
	if c != nil {
		for _, ck := range c.Cookies() {
			req.AddCookie(ck)
		}
		if c.Token != "" {
			req.Header.Set("Authorization", "Bearer "+c.Token)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestJobsUIIsForOperatorsOnly(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Owner Not Operator")
		operator := h.SignUp(t, "Operator")
		u, err := store.UserByEmail(t.Context(), h.App.DB.Bun, operator.Email)
		require.NoError(t, err)
		require.NoError(t, store.SetOperator(t.Context(), h.App.DB.Bun, u.ID, true))

		require.Equal(t, http.StatusNotFound, get(t, h, nil, "/admin/jobs/").StatusCode, "anonymous")
		require.Equal(t, http.StatusNotFound, get(t, h, owner.Client, "/admin/jobs/").StatusCode, "an agency owner is not an operator")
		require.Equal(t, http.StatusNotFound, get(t, h, owner.Client, "/admin/jobs/api/jobs?state=completed").StatusCode)

		secret := operator.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "t", access: READ_WRITE}) { secret } }`,
			map[string]any{"a": operator.AgencyID}).String("createApiToken.secret")
		require.Equal(t, http.StatusNotFound, get(t, h, h.WithToken(secret), "/admin/jobs/").StatusCode, "operators use a browser session, not a token")

		resp := get(t, h, operator.Client, "/admin/jobs/")
		require.Equal(t, http.StatusOK, resp.StatusCode)

		// River UI's own actions (it cannot send our CSRF header) pass from
		// the hub's origin and are refused from anywhere else.
		for origin, want := range map[string]bool{h.URL: true, "https://evil.example": false, "": false} {
			req, err := http.NewRequest("POST", h.URL+"/admin/jobs/api/jobs/retry", strings.NewReader(`{"ids":["1"]}`))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json")
			if origin != "" {
				req.Header.Set("Origin", origin)
			}
			for _, ck := range operator.Cookies() {
				req.AddCookie(ck)
			}
			r, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			r.Body.Close()
			require.Equal(t, want, r.StatusCode != http.StatusForbidden, "origin %q: status %d", origin, r.StatusCode)
		}
		v := operator.MustDo(t, `{ viewer { isOperator } }`, nil)
		require.Equal(t, true, v.Get("viewer.isOperator"))
	})
}

func TestOperationalEndpoints(t *testing.T) {
	h := testenv.StartHub(t, testenv.NewTarget(t, "sqlite"))
	resp := get(t, h, nil, "/healthz")
	require.Equal(t, 200, resp.StatusCode)
	require.NotEmpty(t, resp.Header.Get("X-Request-Id"), "every response names its request id")
	require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))

	h.SignUp(t, "Metrics")
	resp = get(t, h, nil, "/metrics")
	body, _ := io.ReadAll(resp.Body)
	for _, m := range []string{"switchboard_http_requests_total", "switchboard_graphql_operations_total{type=\"mutation\"}", "go_goroutines"} {
		require.Contains(t, string(body), m)
	}

	// The SPA answers client-side routes, while unknown files are 404.
	require.Equal(t, 200, get(t, h, nil, "/agencies/abc/audit").StatusCode)
	require.Equal(t, 404, get(t, h, nil, "/assets/missing.js").StatusCode)

	// A malformed Authorization header is refused, not ignored.
	req, _ := http.NewRequest("POST", h.URL+"/graphql", strings.NewReader(`{"query":"{ viewer { user { id } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Basic abc")
	r, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	r.Body.Close()
	require.Equal(t, http.StatusUnauthorized, r.StatusCode)
}
