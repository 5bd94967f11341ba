package sandbox

import (
	"net/http"

	"github.com/switchboard-hub/switchboard/connectors"
)

// init registers the emulator, so that a hub in sandbox mode mounts it for
// the "hubspot" connector.
func init() {
	connectors.RegisterSandbox("hubspot", func(app connectors.SandboxApp) http.Handler {
		return New(Options{ClientID: app.ClientID, ClientSecret: app.ClientSecret})
	})
}
