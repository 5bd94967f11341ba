package graph_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	easypostsandbox "github.com/switchboard-hub/switchboard/connectors/easypost/sandbox"
	twiliosandbox "github.com/switchboard-hub/switchboard/connectors/twilio/sandbox"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// TestKeyedConnectionsAgainstSandboxes connects EasyPost and Twilio in a hub
// in sandbox mode (testenv's default): the credential checks run over HTTP
// against the emulators the hub mounts, the demo credentials work, and a
// wrong key or token names its field and saves nothing.
func TestKeyedConnectionsAgainstSandboxes(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Keyed")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Parcels and texts"}).String("createWorkspace.id")
		values := func(kv ...string) []map[string]any {
			out := []map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				out = append(out, map[string]any{"name": kv[i], "value": kv[i+1]})
			}
			return out
		}
		twilioValues := func(token string) []map[string]any {
			return values("accountSid", twiliosandbox.DemoAccountSID, "authToken", token, "from", twiliosandbox.DemoFrom)
		}
		listConnections := func() []any {
			r := owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { name status sandbox connector { slug } } }`, map[string]any{"w": ws})
			return r.Get("connections").([]any)
		}

		refused := []struct {
			name      string
			connector string
			values    []map[string]any
			field     string
			message   string
		}{
			{"easypost wrong key", "easypost", values("apiKey", "EZTKwrong-key-canary"), "values.apiKey", "EasyPost refused this API key"},
			{"twilio wrong token", "twilio", twilioValues("wrong-token-canary"), "values.authToken", "Twilio refused this Account SID and auth token"},
			{"twilio unknown account", "twilio", values("accountSid", "AC0123456789abcdef0123456789abcdef", "authToken", "token-canary", "from", twiliosandbox.DemoFrom),
				"values.accountSid", "Twilio does not know this Account SID"},
		}
		for _, tc := range refused {
			r := owner.Do(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": tc.connector, "values": tc.values}})
			require.Equal(t, "VALIDATION_FAILED", r.Code(), tc.name)
			require.Equal(t, tc.message, r.Fields()[tc.field], tc.name)
			require.NotContains(t, r.Raw, "canary", tc.name)
		}
		require.Empty(t, listConnections(), "a refused check saves nothing")

		accepted := []struct {
			connector string
			values    []map[string]any
		}{
			{"easypost", values("apiKey", easypostsandbox.DemoKeyPrefix+"-demo", "webhookSecret", "whsec-demo")},
			{"twilio", twilioValues(twiliosandbox.DemoAuthToken)},
		}
		for _, tc := range accepted {
			r := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": tc.connector, "values": tc.values}})
			require.Equal(t, "ACTIVE", r.String("createConnection.status"), tc.connector)
			require.Equal(t, true, r.Get("createConnection.sandbox"), tc.connector)
			require.Equal(t, tc.connector, r.String("createConnection.connector.slug"))
			require.NotEmpty(t, r.String("createConnection.lastCheckedAt"))
			require.NotContains(t, r.Raw, twiliosandbox.DemoAuthToken, "secrets never come back")
			require.NotContains(t, r.Raw, easypostsandbox.DemoKeyPrefix+"-demo", "secrets never come back")
		}
		list := listConnections()
		require.Len(t, list, 2)
		for _, c := range list {
			require.Equal(t, "ACTIVE", c.(map[string]any)["status"])
			require.Equal(t, true, c.(map[string]any)["sandbox"])
		}
	})
}
