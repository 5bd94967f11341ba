// Package all registers every connector compiled into the hub. Import it for
// its side effect.
package all

import (
	_ "github.com/switchboard-hub/switchboard/connectors/easypost"            // registers "easypost"
	_ "github.com/switchboard-hub/switchboard/connectors/easypost/sandbox"    // registers EasyPost's sandbox
	_ "github.com/switchboard-hub/switchboard/connectors/hubspot"             // registers "hubspot"
	_ "github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"     // registers HubSpot's sandbox
	_ "github.com/switchboard-hub/switchboard/connectors/shopify"             // registers "shopify"
	_ "github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"     // registers Shopify's sandbox
	_ "github.com/switchboard-hub/switchboard/connectors/smtp"                // registers "smtp"
	_ "github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"        // registers the sandbox mail server
	_ "github.com/switchboard-hub/switchboard/connectors/twilio"              // registers "twilio"
	_ "github.com/switchboard-hub/switchboard/connectors/twilio/sandbox"      // registers Twilio's sandbox
	_ "github.com/switchboard-hub/switchboard/connectors/webhook"             // registers "webhook"
	_ "github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox" // registers "woocommerce" and its sandbox
)
