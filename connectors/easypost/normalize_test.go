package easypost_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/easypost"

	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
)

func TestNormalizeFixtures(t *testing.T) {
	t.Parallel()
	declared := map[string]bool{}
	for _, e := range (easypost.Connector{}).Spec().Events {
		declared[e.Type] = true
	}
	inTransit := &connectors.ShipmentFacts{TrackingNumber: "1", TrackingURL: "https://track.easypost.com/1", Carrier: "FedEx", Status: "in_transit"}
	at := time.Date(2024, 8, 2, 19, 26, 51, 0, time.UTC)
	delivered := &connectors.ShipmentFacts{TrackingNumber: "EZ4000000004", TrackingURL: "https://track.easypost.com/djE7...", Carrier: "UPS", Status: "delivered"}
	at2 := time.Date(2014, 11, 19, 10, 51, 54, 0, time.UTC)
	for _, tc := range []struct {
		file string
		want []connectors.Normalized
	}{
		{"easypost-event-tracker-updated-signed.json", []connectors.Normalized{
			{Type: "shipment.status_changed", ResourceID: "trk_1", OccurredAt: at, UpdatedAt: at, Shipment: inTransit}}},
		{"easypost-event-tracker-updated-guide-example.json", []connectors.Normalized{
			{Type: "shipment.status_changed", ResourceID: "trk_...", OccurredAt: at2, UpdatedAt: at2, Shipment: delivered},
			{Type: "shipment.delivered", ResourceID: "trk_...", OccurredAt: at2, UpdatedAt: at2, Shipment: delivered}}},
	} {
		body := fixtures.Read(t, tc.file)
		events, err := easypost.Connector{}.ReadWebhook(connectors.WebhookRequest{Body: body})
		require.NoError(t, err)
		got, err := easypost.Connector{}.Normalize(events[0].Topic, events[0].Body)
		require.NoError(t, err, tc.file)
		require.Equal(t, tc.want, got, tc.file)
		for _, n := range got {
			require.True(t, declared[n.Type])
		}
	}
}

func TestNormalizeOthers(t *testing.T) {
	t.Parallel()
	got, err := easypost.Connector{}.Normalize("tracker.created", []byte(`{"id":"evt_2","object":"Event","description":"tracker.created",
		"created_at":"2025-11-03T09:00:00Z","result":{"id":"trk_2","object":"Tracker","tracking_code":"EZ1000000001","status":"pre_transit","carrier":"USPS"}}`))
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, "pre_transit", got[0].Shipment.Status)
	require.Equal(t, time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC), got[0].OccurredAt, "without updated_at the event's time stands")

	for _, topic := range []string{"batch.updated", "shipment.invoice.created", "refund.successful"} {
		got, err := easypost.Connector{}.Normalize(topic, []byte(`anything`))
		require.NoError(t, err)
		require.Nil(t, got)
	}
	for _, body := range []string{`{`, `{"id":"evt_3","object":"Event","description":"tracker.updated","result":{"object":"Shipment","id":"shp_1"}}`,
		`{"object":"Tracker"}`} {
		_, err := easypost.Connector{}.Normalize("tracker.updated", []byte(body))
		require.Error(t, err, body)
	}
}
