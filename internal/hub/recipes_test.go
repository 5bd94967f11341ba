package hub

import (
	"testing"

	"github.com/stretchr/testify/require"

	_ "github.com/switchboard-hub/switchboard/connectors/all"
	"github.com/switchboard-hub/switchboard/internal/rules"
)

// Every built-in recipe compiles against a workspace that has the
// connections it needs.
func TestRecipesCompile(t *testing.T) {
	t.Parallel()
	for _, rec := range Recipes {
		conns, chosen := rules.Connections{}, map[string]string{}
		for _, need := range rec.Needs {
			conns["conn-"+need], chosen[need] = need, "conn-"+need
		}
		d := rec.build(chosen)
		_, err := rules.CompileDefinition(d, conns)
		require.NoError(t, err, rec.Slug)
		require.Equal(t, rec.Marketing, d.Marketing, rec.Slug)
		require.NotEmpty(t, rec.Summary)
	}
}
