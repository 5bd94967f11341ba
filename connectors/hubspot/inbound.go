package hubspot

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/switchboard-hub/switchboard/connectors"
)

// ReadWebhook implements connectors.WebhookReader: HubSpot batches up to 100
// events in one JSON array; each becomes an event keyed by its
// subscription and event ids (HubSpot's event ids are unique per
// subscription) and carries the portal as its account.
func (Connector) ReadWebhook(r connectors.WebhookRequest) ([]connectors.InboundEvent, error) {
	events, err := ParseEvents(r.Body)
	if err != nil {
		return nil, err
	}
	out := make([]connectors.InboundEvent, len(events))
	for i, e := range events {
		body, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("hubspot: webhook event %d: %w", i, err)
		}
		out[i] = connectors.InboundEvent{
			ID:    strconv.FormatInt(e.SubscriptionID, 10) + ":" + strconv.FormatInt(e.EventID, 10),
			Topic: e.SubscriptionType, Account: strconv.FormatInt(e.PortalID, 10), Body: body,
		}
	}
	return out, nil
}
