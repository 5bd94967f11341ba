package hubspot_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"
	"github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"
)

// An incremental read searches for the contacts modified since the
// checkpoint: it reads only those (not every contact), pages by id past
// the search API's 10,000-result ceiling, and its first page counts them.
func TestHubSpotIncrementalReadSearches(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{RateLimit: 1_000_000})
	tok := e.token()
	seed := make([]map[string]string, 450)
	for i := range seed {
		seed[i] = map[string]string{"email": fmt.Sprintf("contact-%d@example.com", i), "lifecyclestage": "lead"}
	}
	_, err := e.sb.SeedContacts(0, seed)
	require.NoError(t, err)
	e.clock.Advance(time.Minute)
	since := e.clock.Now()
	var changed []hubspot.Contact
	for i := 100; i < 350; i++ { // 250 contacts change after the checkpoint
		changed = append(changed, hubspot.Contact{Email: fmt.Sprintf("contact-%d@example.com", i), LifecycleStage: "customer"})
	}
	_, err = e.client.UpsertContacts(t.Context(), tok, changed)
	require.NoError(t, err)

	call := connectors.RecordCall{Conn: connectors.Conn{Env: e.cenv}, Token: tok, Entity: "contact"}
	before := e.sb.Counters().APICalls
	q := connectors.ReadQuery{Limit: 100, UpdatedSince: since}
	var ids []string
	for page := 0; ; page++ {
		p, err := hubspot.Connector{}.ReadRecords(t.Context(), call, q)
		require.NoError(t, err)
		if page == 0 {
			require.Equal(t, 250, p.Total, "the first page counts the changed contacts")
		}
		for _, r := range p.Records {
			require.False(t, r.UpdatedAt.Before(since))
			require.Equal(t, "customer", r.Fields["lifecyclestage"])
			ids = append(ids, r.ID)
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	require.Len(t, ids, 250, "only the changed contacts are read")
	require.Equal(t, 3, e.sb.Counters().APICalls-before, "three pages of 100, not five pages of every contact")
	for i := 1; i < len(ids); i++ {
		require.Less(t, atoi(t, ids[i-1]), atoi(t, ids[i]), "ascending ids, each once")
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	_, err := fmt.Sscan(s, &n)
	require.NoError(t, err)
	return n
}
