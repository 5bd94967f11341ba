package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// syncBuffer is a log sink safe for the hub's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProductionModeClosesTheSchemaAndLogsJSON(t *testing.T) {
	logs := &syncBuffer{}
	db := testenv.NewTarget(t, "sqlite")
	h := testenv.StartHubWith(t, db, testenv.HubOptions{Env: map[string]string{"HUB_ENV": "production", "HUB_SECRET_KEY": secrets.NewKeySpec("k1")}, Log: logs})

	r := h.NewClient().Do(t, `{ __schema { types { name } } }`, nil)
	require.NotEmpty(t, r.Errors, "introspection is off in production")
	require.NotContains(t, getBody(t, h.URL+"/graphiql"), "Switchboard GraphQL", "no GraphiQL page in production")

	h.SignUp(t, "Prod")
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.NotEmpty(t, lines)
	var sawRequestID bool
	for _, line := range lines {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), "every log line is JSON: %s", line)
		if _, ok := rec["request_id"]; ok {
			sawRequestID = true
		}
	}
	require.True(t, sawRequestID, "request log lines carry the request id")
}

func TestDevelopmentModeOffersIntrospection(t *testing.T) {
	h := testenv.StartHub(t, testenv.NewTarget(t, "sqlite"))
	r := h.NewClient().Do(t, `{ __schema { queryType { name } } }`, nil)
	require.Empty(t, r.Errors)
	require.Contains(t, getBody(t, h.URL+"/graphiql"), "Switchboard GraphQL")
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(resp.Body)
	require.NoError(t, err)
	return b.String()
}

func TestSecretsStayOutOfLogsAndLaterResponses(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		logs := &syncBuffer{}
		h := testenv.StartHubWith(t, db, testenv.HubOptions{Log: logs})
		owner := h.SignUp(t, "Secretive")
		secret := owner.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "s", access: READ_WRITE}) { secret } }`,
			map[string]any{"a": owner.AgencyID}).String("createApiToken.secret")
		invite := owner.MustDo(t, `mutation($a: ID!) { inviteMember(input: {agencyId: $a, email: "x@example.com", role: MEMBER}) { inviteUrl } }`,
			map[string]any{"a": owner.AgencyID}).String("inviteMember.inviteUrl")
		resp, err := http.Get(invite) // the invitee opens the link
		require.NoError(t, err)
		resp.Body.Close()
		dev := h.WithToken(secret)
		dev.MustDo(t, `{ viewer { user { email } } }`, nil)
		h.WithToken(secret+"x").Do(t, `{ viewer { user { email } } }`, nil) // a failing attempt is logged too

		later := owner.MustDo(t, `query($a: ID!) { apiTokens(agencyId: $a) { edges { node { id name prefix } } } auditLog(agencyId: $a) { edges { node { summary } } } }`,
			map[string]any{"a": owner.AgencyID})
		inviteToken := invite[strings.LastIndex(invite, "/")+1:]
		var session string
		for _, c := range owner.Cookies() {
			if c.Name == "sb_session" {
				session = c.Value
			}
		}
		require.NotEmpty(t, session)
		for _, s := range []string{secret, inviteToken, session, "correct horse battery"} {
			require.NotContains(t, logs.String(), s, "a secret reached the log")
			require.NotContains(t, later.Raw, s, "a secret came back in a later response")
		}
	})
}
