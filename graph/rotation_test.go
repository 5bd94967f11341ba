package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// TestKeyRotationReencryptsEverything: a hub given a new key (newest first,
// the old one kept) re-seals every credential with it; afterwards the old
// key can go.
func TestKeyRotationReencryptsEverything(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		k1, k2 := secrets.NewKeySpec("k1"), secrets.NewKeySpec("k2")
		withKeys := func(spec string) *testenv.Hub {
			return testenv.StartHubWith(t, db, testenv.HubOptions{Env: map[string]string{"HUB_SECRET_KEY": spec}})
		}
		credentials := func(h *testenv.Hub) []string {
			var out []string
			require.NoError(t, h.App.DB.Bun.NewRaw("SELECT credentials FROM connections ORDER BY id").Scan(t.Context(), &out))
			return out
		}

		first := withKeys(k1)
		owner := first.SignUp(t, "Rotating")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "R"}).String("createWorkspace.id")
		var ids []string
		for _, name := range []string{"a", "b", "c"} {
			ids = append(ids, addWebhook(t, owner, ws, name))
		}
		for _, c := range credentials(first) {
			require.True(t, strings.HasPrefix(c, "v1.k1."))
		}
		first.Stop()

		second := withKeys(k2 + "," + k1)
		require.Eventually(t, func() bool {
			for _, c := range credentials(second) {
				if !strings.HasPrefix(c, "v1.k2.") {
					return false
				}
			}
			return true
		}, 15*time.Second, 50*time.Millisecond, "the re-seal job rewrote every credential with the new key")
		second.Stop()

		third := withKeys(k2)
		again := third.NewClient()
		again.MustDo(t, `mutation($e: String!) { signIn(input: {email: $e, password: "correct horse battery"}) { viewer { user { id } } } }`, map[string]any{"e": owner.Email})
		for _, id := range ids {
			r := again.MustDo(t, `mutation($id: ID!) { testConnection(id: $id) { status } }`, map[string]any{"id": id})
			require.Equal(t, "ACTIVE", r.String("testConnection.status"), "opens with the new key alone")
		}
	})
}
