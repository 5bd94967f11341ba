package egress_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/egress"
)

func TestRefusedAddresses(t *testing.T) {
	for _, a := range []string{"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "fe80::1", "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1", "fc00::1"} {
		require.True(t, egress.Refused(netip.MustParseAddr(a)), a)
	}
	for _, a := range []string{"93.184.216.34", "2606:2800:220:1::1", "8.8.8.8"} {
		require.False(t, egress.Refused(netip.MustParseAddr(a)), a)
	}
}

func TestGuardRefusesLoopbackUnlessAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }))
	defer srv.Close()

	_, err := egress.Guard{}.HTTPClient(0).Get(srv.URL)
	var refused *egress.RefusedError
	require.ErrorAs(t, err, &refused)
	require.Equal(t, "127.0.0.1", refused.Addr)

	_, err = egress.Guard{}.DialContext(context.Background(), "tcp", "localhost:1")
	require.True(t, errors.As(err, &refused), "a name resolving to loopback is refused too: %v", err)

	resp, err := egress.Guard{AllowPrivate: true}.HTTPClient(0).Get(srv.URL)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 204, resp.StatusCode)
}
