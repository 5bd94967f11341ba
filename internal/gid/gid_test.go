package gid_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/gid"
)

func TestGlobalIDsRoundTripAndRejectOtherTypes(t *testing.T) {
	id := gid.Encode("Workspace", "0190-abc")
	typ, raw, ok := gid.Decode(id)
	require.True(t, ok)
	require.Equal(t, "Workspace", typ)
	require.Equal(t, "0190-abc", raw)

	got, err := gid.Expect("id", "Workspace", id)
	require.NoError(t, err)
	require.Equal(t, "0190-abc", got)

	for _, bad := range []string{gid.Encode("Agency", "0190-abc"), "not base64!", "", gid.Encode("Workspace", "")} {
		_, err := gid.Expect("workspaceId", "Workspace", bad)
		f, ok := failure.As(err)
		require.True(t, ok, bad)
		require.Equal(t, failure.ValidationFailed, f.Code)
		require.Contains(t, f.Fields, "workspaceId")
	}
}

func TestCursors(t *testing.T) {
	c := gid.Cursor("row-1")
	got, err := gid.DecodeCursor(&c)
	require.NoError(t, err)
	require.Equal(t, "row-1", got)
	empty, err := gid.DecodeCursor(nil)
	require.NoError(t, err)
	require.Empty(t, empty)
	bad := gid.Encode("Workspace", "x")
	_, err = gid.DecodeCursor(&bad)
	require.True(t, failure.Is(err, failure.ValidationFailed), "an id is not a cursor")
}
