// Package egress guards the hub's outbound connections: calls to addresses
// a user names (a mail server, a webhook URL, a provider base URL) must not
// reach the hub's own network — loopback, private ranges, link-local
// (cloud metadata) — unless the operator allows it (sandbox mode, where
// the emulators live on loopback, or HUB_ALLOW_PRIVATE_EGRESS=on).
package egress

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// Guard dials only public addresses, unless AllowPrivate is set.
type Guard struct {
	AllowPrivate bool
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Refused reports whether ip is an address the guard refuses.
func Refused(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() || cgnat.Contains(ip)
}

// DialContext dials addr, checking the address DNS resolved to (so a public
// name pointing at a private address is refused too).
func (g Guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}
	if !g.AllowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("egress: cannot read the address %q", address)
			}
			if Refused(ap.Addr()) {
				return &RefusedError{Addr: ap.Addr().String()}
			}
			return nil
		}
	}
	return d.DialContext(ctx, network, addr)
}

// HTTPClient returns a client whose connections go through the guard, with
// a timeout and no redirects to another host.
func (g Guard) HTTPClient(timeout time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = g.DialContext
	t.Proxy = nil
	return &http.Client{Timeout: timeout, Transport: t, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) > 0 && req.URL.Host != via[0].URL.Host {
			return fmt.Errorf("refusing a redirect from %s to another host", via[0].URL.Host)
		}
		if len(via) >= 5 {
			return fmt.Errorf("too many redirects")
		}
		return nil
	}}
}

// RefusedError is a connection the guard did not allow.
type RefusedError struct{ Addr string }

// Refused marks the error for callers that cannot import this package
// (connectors match on this method).
func (e *RefusedError) Refused() bool { return true }

func (e *RefusedError) Error() string {
	return "connections to private or local addresses (" + e.Addr + ") are not allowed from this hub"
}
