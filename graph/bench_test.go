package graph_test

import (
	"fmt"
	"testing"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// BenchmarkAPI measures whole GraphQL requests over real HTTP, through
// authentication, authorization and the database, on both engines:
//
//	go test -run '^$' -bench BenchmarkAPI ./graph/
func BenchmarkAPI(b *testing.B) {
	for _, dbName := range []string{"sqlite", "postgres"} {
		b.Run(dbName, func(b *testing.B) {
			h := testenv.StartHub(b, testenv.NewTarget(b, dbName))
			owner := h.SignUp(b, "Bench")
			for i := 0; i < 50; i++ {
				owner.MustDo(b, createWorkspace, map[string]any{"a": owner.AgencyID, "n": fmt.Sprintf("store %d", i)})
			}
			list := `query($a: ID!) { workspaces(agencyId: $a, first: 50) { totalCount edges { node { id name agency { name } } } } }`
			b.Run("list 50 workspaces", func(b *testing.B) {
				for b.Loop() {
					owner.MustDo(b, list, map[string]any{"a": owner.AgencyID})
				}
			})
			n := 0
			b.Run("create workspace with audit entry", func(b *testing.B) {
				for b.Loop() {
					n++
					owner.MustDo(b, createWorkspace, map[string]any{"a": owner.AgencyID, "n": fmt.Sprintf("bench %d", n)})
				}
			})
		})
	}
}
