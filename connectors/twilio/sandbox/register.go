package sandbox

import (
	"net/http"

	"github.com/switchboard-hub/switchboard/connectors"
)

// init registers the emulator, so that a hub in sandbox mode mounts it for
// the "twilio" connector. Messages progress on their own there (with the
// real clock), so that status callbacks reach the hub without a test
// driving them. Twilio has no OAuth app: the SandboxApp is not used.
func init() {
	connectors.RegisterSandbox("twilio", func(connectors.SandboxApp) http.Handler {
		return New(Options{AutoProgress: true})
	})
}
