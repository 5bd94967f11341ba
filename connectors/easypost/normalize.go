package easypost

import (
	"fmt"

	"github.com/switchboard-hub/switchboard/connectors"
)

var _ connectors.EventNormalizer = Connector{}

// Normalize implements connectors.EventNormalizer: a tracker.created or
// tracker.updated Event becomes shipment.status_changed with the
// tracker's status, and shipment.delivered as well once it is delivered.
// Other events emit nothing.
func (Connector) Normalize(topic string, body []byte) ([]connectors.Normalized, error) {
	if topic != "tracker.created" && topic != "tracker.updated" {
		return nil, nil
	}
	e, err := ParseEvent(body)
	if err != nil {
		return nil, fmt.Errorf("easypost: normalize %s: %w", topic, err)
	}
	t, err := e.Tracker()
	if err != nil {
		return nil, fmt.Errorf("easypost: normalize %s: %w", topic, err)
	}
	at := t.UpdatedAt
	if at.IsZero() {
		at = e.CreatedAt
	}
	s := &connectors.ShipmentFacts{TrackingNumber: t.TrackingCode, TrackingURL: t.PublicURL, Carrier: t.Carrier, Status: t.Status}
	out := []connectors.Normalized{{Type: "shipment.status_changed", ResourceID: t.ID, OccurredAt: at, UpdatedAt: t.UpdatedAt, Shipment: s}}
	if t.Status == "delivered" {
		out = append(out, connectors.Normalized{Type: "shipment.delivered", ResourceID: t.ID, OccurredAt: at, UpdatedAt: t.UpdatedAt, Shipment: s})
	}
	return out, nil
}
