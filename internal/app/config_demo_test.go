package app

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Sandbox stores start with demo customers in sandbox mode unless
// HUB_SANDBOX_DEMO is off; a value that is not on or off names the
// variable.
func TestSandboxDemoFollowsSandboxMode(t *testing.T) {
	t.Parallel()
	read := func(env map[string]string) (Config, error) {
		return ConfigFromEnv(func(k string) string { return env[k] })
	}
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"HUB_SANDBOX_DEMO": "off"}, false},
		{map[string]string{"HUB_SANDBOX": "off"}, false},
		{map[string]string{"HUB_SANDBOX": "off", "HUB_SANDBOX_DEMO": "on"}, false},
	} {
		c, err := read(tc.env)
		require.NoError(t, err, tc.env)
		require.Equal(t, tc.want, c.SandboxDemo, tc.env)
	}
	_, err := read(map[string]string{"HUB_SANDBOX_DEMO": "maybe"})
	require.ErrorContains(t, err, "HUB_SANDBOX_DEMO must be on or off")
}
