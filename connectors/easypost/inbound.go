package easypost

import "github.com/switchboard-hub/switchboard/connectors"

// ReadWebhook implements connectors.WebhookReader: one Event per delivery,
// keyed by its id, with its description ("tracker.updated") as the topic.
func (Connector) ReadWebhook(r connectors.WebhookRequest) ([]connectors.InboundEvent, error) {
	e, err := ParseEvent(r.Body)
	if err != nil {
		return nil, err
	}
	return []connectors.InboundEvent{{ID: e.ID, Topic: e.Description, Body: r.Body}}, nil
}
