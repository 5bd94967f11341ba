package sandbox

import (
	"net/http"

	"github.com/switchboard-hub/switchboard/connectors"
	// The connector this emulates: importing the sandbox (as
	// connectors/all does) registers both.
	_ "github.com/switchboard-hub/switchboard/connectors/woocommerce"
)

// init registers the emulator, so that a hub in sandbox mode mounts it for
// the "woocommerce" connector at /sandbox/woocommerce. WooCommerce has no
// OAuth app: the SandboxApp is not used.
func init() {
	connectors.RegisterSandbox("woocommerce", func(connectors.SandboxApp) http.Handler {
		return New(Options{})
	})
}
