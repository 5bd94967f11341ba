package hubspot

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

var _ connectors.EventNormalizer = Connector{}

// Normalize implements connectors.EventNormalizer. The body is one event of
// a delivery (ReadWebhook splits batches): a contact's creation becomes
// customer.created, a change of one of its properties customer.updated.
// The facts name the contact by its HubSpot id; a change of email, first
// or last name or phone carries the new value. Other subscriptions emit
// nothing.
func (Connector) Normalize(topic string, body []byte) ([]connectors.Normalized, error) {
	if !strings.HasPrefix(topic, "contact.") && !strings.HasPrefix(topic, "object.") {
		return nil, nil
	}
	var e Event
	if err := json.Unmarshal(body, &e); err != nil {
		return nil, fmt.Errorf("hubspot: normalize %s: %w", topic, err)
	}
	if e.SubscriptionType == "" {
		e.SubscriptionType = topic
	}
	typ := e.Type()
	if typ == "" {
		return nil, nil
	}
	if e.ObjectID == 0 {
		return nil, fmt.Errorf("hubspot: normalize %s: the event has no objectId", topic)
	}
	id := strconv.FormatInt(e.ObjectID, 10)
	facts := &connectors.CustomerFacts{ExternalID: id}
	if typ == "customer.updated" {
		switch e.PropertyName {
		case "email":
			facts.Email = e.PropertyValue
		case "firstname":
			facts.FirstName = e.PropertyValue
		case "lastname":
			facts.LastName = e.PropertyValue
		case "phone":
			facts.Phone = e.PropertyValue
		}
	}
	var at time.Time
	if e.OccurredAtMillis > 0 {
		at = e.OccurredAt()
	}
	return []connectors.Normalized{{Type: typ, ResourceID: id, OccurredAt: at, UpdatedAt: at, Customer: facts}}, nil
}
