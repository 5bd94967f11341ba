package twilio

import (
	"fmt"

	"github.com/switchboard-hub/switchboard/connectors"
)

// statusTopic is the topic ReadWebhook gives a status callback.
const statusTopic = "message.status"

var _ connectors.EventNormalizer = Connector{}

// Normalize implements connectors.EventNormalizer: a message status
// callback becomes message.status_changed about the message (its
// MessageSid). Twilio's callbacks carry no time of their own.
func (Connector) Normalize(topic string, body []byte) ([]connectors.Normalized, error) {
	if topic != statusTopic {
		return nil, nil
	}
	cb, err := ParseStatusCallback(body)
	if err != nil {
		return nil, fmt.Errorf("twilio: normalize %s: %w", topic, err)
	}
	return []connectors.Normalized{{Type: cb.EventType(), ResourceID: cb.MessageSid}}, nil
}
