package sandbox

import (
	"net/http"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
)

// demoCustomers is how many customers a store connected in the hub's
// sandbox mode starts with, so that a first mapping preview and sync have
// records to show; such a store also gets the demo catalogue
// (DemoProducts), so that a first stock reconciliation has drift to show.
const demoCustomers = 120

// init registers the emulator, so that a hub in sandbox mode mounts it for
// the "shopify" connector. With the hub's public URL known, the app's App
// URL is <hub>/apps/shopify and its compliance webhooks URL
// <hub>/apps/shopify/webhooks.
func init() {
	connectors.RegisterSandbox("shopify", func(app connectors.SandboxApp) http.Handler {
		opts := Options{ClientID: app.ClientID, ClientSecret: app.ClientSecret}
		if app.Demo {
			opts.DemoCustomers = demoCustomers
			opts.DemoProducts = true
		}
		if hub := strings.TrimRight(app.HubURL, "/"); hub != "" {
			opts.AppURL = hub + "/apps/shopify"
			opts.ComplianceURL = hub + "/apps/shopify/webhooks"
		}
		return New(opts)
	})
}
