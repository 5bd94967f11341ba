package auth_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/auth"
)

func TestPasswordHashes(t *testing.T) {
	h, err := auth.HashPassword("correct horse battery")
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$"))
	require.NotContains(t, h, "correct horse")

	ok, err := auth.CheckPassword(h, "correct horse battery")
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = auth.CheckPassword(h, "correct horse batterY")
	require.NoError(t, err)
	require.False(t, ok)

	h2, _ := auth.HashPassword("correct horse battery")
	require.NotEqual(t, h, h2, "salted")
	_, err = auth.CheckPassword("$2a$10$bcrypt", "x")
	require.Error(t, err)
}

func TestSecrets(t *testing.T) {
	a, b := auth.NewSecret(auth.APITokenPrefix), auth.NewSecret(auth.APITokenPrefix)
	require.NotEqual(t, a, b)
	require.True(t, strings.HasPrefix(a, "sbt_"))
	require.GreaterOrEqual(t, len(a), 40)
	require.Equal(t, auth.HashSecret(a), auth.HashSecret(a))
	require.NotContains(t, auth.HashSecret(a), a[4:])
}

func TestRoles(t *testing.T) {
	require.True(t, auth.Owner.AtLeast(auth.Admin))
	require.False(t, auth.Member.AtLeast(auth.Admin))
	require.True(t, auth.Admin.CanManage())
	require.False(t, auth.Member.CanManage())
	require.False(t, auth.Viewer.CanWrite())
	require.False(t, auth.Role("ROOT").Valid())
	var r auth.Role
	require.Error(t, r.UnmarshalGQL("ROOT"))
	require.NoError(t, r.UnmarshalGQL("ADMIN"))
	require.Equal(t, auth.Admin, r)
}

func TestThrottleAllowsABurstPerKeyThenRefuses(t *testing.T) {
	th := auth.NewThrottle(time.Hour, 3)
	for i := 0; i < 3; i++ {
		require.True(t, th.Allow("Ann@Example.com"))
	}
	require.False(t, th.Allow("ann@example.com "), "the same address, whatever its case")
	require.True(t, th.Allow("bob@example.com"), "other addresses are not affected")
}
