package sandbox

import (
	"net/http"

	"github.com/switchboard-hub/switchboard/connectors"
)

// init registers the emulator, so that a hub in sandbox mode mounts it for
// the "easypost" connector. EasyPost has no OAuth app: the SandboxApp is
// not used.
func init() {
	connectors.RegisterSandbox("easypost", func(connectors.SandboxApp) http.Handler {
		return New(Options{})
	})
}
