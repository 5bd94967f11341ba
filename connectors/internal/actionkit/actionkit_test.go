package actionkit_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
)

func TestPermanent(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]bool{0: false, 200: false, 400: true, 401: true, 403: true, 404: true, 408: false, 409: true, 422: true, 429: false, 500: false, 503: false} {
		require.Equal(t, want, actionkit.Permanent(status), status)
	}
}

func TestFailure(t *testing.T) {
	t.Parallel()
	e := actionkit.Failure("refused", 429, ` {"message":"slow down"} `, 2*time.Second)
	require.Equal(t, "refused", e.Message)
	require.Equal(t, `HTTP 429: {"message":"slow down"}`, e.Response)
	require.False(t, e.Permanent)
	require.Equal(t, 2*time.Second, e.RetryAfter)
	require.True(t, actionkit.Failure("bad", 422, "", 0).Permanent)
	require.Equal(t, "HTTP 422", actionkit.Failure("bad", 422, "", 0).Response)

	long := actionkit.Response(500, strings.Repeat("é", 3000))
	require.True(t, utf8.ValidString(long))
	require.Less(t, len(long), 2100)

	u := actionkit.Unreachable("could not reach it", errors.New("dial tcp: refused"))
	require.False(t, u.Permanent)
	require.Equal(t, "dial tcp: refused", u.Response)
}

func TestInputs(t *testing.T) {
	t.Parallel()
	in := map[string]string{"tags": " vip, repeat ,,\nwinback ", "n": "12.5", "blank": "  "}
	require.Equal(t, []string{"vip", "repeat", "winback"}, actionkit.List(in["tags"]))
	require.Nil(t, actionkit.List(" , "))

	v, err := actionkit.Required(in, "n")
	require.NoError(t, err)
	require.Equal(t, "12.5", v)
	_, err = actionkit.Required(in, "blank")
	require.EqualError(t, err, "the blank input is required")
	var ae *connectors.ActionError
	require.ErrorAs(t, err, &ae)
	require.True(t, ae.Permanent)

	n, err := actionkit.Number(in, "n", 0, 1, 100)
	require.NoError(t, err)
	require.Equal(t, 12.5, n)
	n, err = actionkit.Number(in, "missing", 30, 1, 365)
	require.NoError(t, err)
	require.Equal(t, 30.0, n)
	_, err = actionkit.Number(map[string]string{"n": "0"}, "n", 0, 1, 100)
	require.EqualError(t, err, `the n input must be a number from 1 to 100, not "0"`)
	require.True(t, actionkit.Unknown("Shopify", "fly").Permanent)
}
