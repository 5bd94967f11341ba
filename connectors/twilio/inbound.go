package twilio

import (
	"fmt"

	"github.com/switchboard-hub/switchboard/connectors"
)

// ReadWebhook implements connectors.WebhookReader: a status callback is one
// event. Twilio gives callbacks no id of their own, so a message's status
// is the key: a redelivered callback for the same status is a duplicate.
func (Connector) ReadWebhook(r connectors.WebhookRequest) ([]connectors.InboundEvent, error) {
	cb, err := ParseStatusCallback(r.Body)
	if err != nil {
		return nil, err
	}
	if cb.MessageSid == "" || cb.Status == "" {
		return nil, fmt.Errorf("twilio: status callback lacks MessageSid or MessageStatus")
	}
	return []connectors.InboundEvent{{ID: cb.MessageSid + ":" + cb.Status, Topic: statusTopic, Account: cb.AccountSid, Body: r.Body}}, nil
}
