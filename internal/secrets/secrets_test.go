package secrets_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

func TestSecretNeverPrintsItself(t *testing.T) {
	s := secrets.New("shpat_canary_123")
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "token", s, "struct", struct{ T secrets.Secret }{s})
	j, _ := json.Marshal(map[string]any{"t": s})
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q", s, s, s, s, s), string(j), logs.String(), fmt.Sprintf("%v", struct{ T secrets.Secret }{s})} {
		require.NotContains(t, out, "canary", out)
	}
	require.Equal(t, "shpat_canary_123", s.Reveal())
}

func TestSealOpenIsBoundToItsRowAndDetectsTampering(t *testing.T) {
	k, err := secrets.ParseKeys(secrets.NewKeySpec("k1"))
	require.NoError(t, err)
	env, err := k.Seal(secrets.New("refresh-token-canary"), "connections.credentials.row-1")
	require.NoError(t, err)
	require.NotContains(t, env, "canary")
	require.True(t, strings.HasPrefix(env, "v1.k1."))

	got, err := k.Open(env, "connections.credentials.row-1")
	require.NoError(t, err)
	require.Equal(t, "refresh-token-canary", got.Reveal())

	_, err = k.Open(env, "connections.credentials.row-2")
	require.ErrorIs(t, err, secrets.ErrOpen, "a value copied to another row does not open")

	raw, _ := base64.RawURLEncoding.DecodeString(strings.SplitN(env, ".", 3)[2])
	for i := range raw {
		flipped := append([]byte{}, raw...)
		flipped[i] ^= 0x01
		_, err := k.Open("v1.k1."+base64.RawURLEncoding.EncodeToString(flipped), "connections.credentials.row-1")
		require.ErrorIs(t, err, secrets.ErrOpen, "byte %d flipped", i)
	}
	for _, bad := range []string{"", "v2.k1.abc", "v1.nokey.abc", "v1.k1", "plaintext"} {
		_, err := k.Open(bad, "connections.credentials.row-1")
		require.ErrorIs(t, err, secrets.ErrOpen, bad)
	}
}

func TestRotationKeepsOldValuesReadable(t *testing.T) {
	old := secrets.NewKeySpec("k1")
	k1, err := secrets.ParseKeys(old)
	require.NoError(t, err)
	env, err := k1.Seal(secrets.New("v"), "b")
	require.NoError(t, err)

	k2, err := secrets.ParseKeys(secrets.NewKeySpec("k2") + "," + old)
	require.NoError(t, err)
	require.Equal(t, "k2", k2.PrimaryID())
	got, err := k2.Open(env, "b")
	require.NoError(t, err, "old rows still decrypt")
	require.Equal(t, "v", got.Reveal())
	require.Equal(t, "k1", secrets.KeyID(env))
	resealed, err := k2.Seal(got, "b")
	require.NoError(t, err)
	require.Equal(t, "k2", secrets.KeyID(resealed))
}

func TestBadKeySpecsNameTheProblem(t *testing.T) {
	for _, spec := range []string{"", "nokeyhere", "k1:short", "bad id:" + base64.StdEncoding.EncodeToString(make([]byte, 32)),
		"k1:" + base64.StdEncoding.EncodeToString(make([]byte, 32)) + ",k1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))} {
		_, err := secrets.ParseKeys(spec)
		require.ErrorContains(t, err, "HUB_SECRET_KEY", spec)
	}
}

func TestDevelopmentKeyIsMadeOnceAndKept(t *testing.T) {
	dir := t.TempDir()
	k1, created, err := secrets.DevelopmentKeys(dir)
	require.NoError(t, err)
	require.True(t, created)
	env, err := k1.Seal(secrets.New("x"), "b")
	require.NoError(t, err)
	k2, created, err := secrets.DevelopmentKeys(dir)
	require.NoError(t, err)
	require.False(t, created)
	got, err := k2.Open(env, "b")
	require.NoError(t, err)
	require.Equal(t, "x", got.Reveal())
}
