package hubspot_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"

	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
)

// stored is what the hub stores of a delivery: each event of the batch.
func stored(t *testing.T, body []byte) []connectors.InboundEvent {
	t.Helper()
	events, err := hubspot.Connector{}.ReadWebhook(connectors.WebhookRequest{Body: body})
	require.NoError(t, err)
	return events
}

func TestNormalizeFixture(t *testing.T) {
	t.Parallel()
	events := stored(t, fixtures.Read(t, "hubspot-webhook-contact-creation.json"))
	require.Len(t, events, 1)
	got, err := hubspot.Connector{}.Normalize(events[0].Topic, events[0].Body)
	require.NoError(t, err)
	at := time.Date(2019, 7, 26, 4, 0, 0, 0, time.UTC)
	require.Equal(t, []connectors.Normalized{{Type: "customer.created", ResourceID: "123", OccurredAt: at, UpdatedAt: at,
		Customer: &connectors.CustomerFacts{ExternalID: "123"}}}, got)
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	declared := map[string]bool{}
	for _, e := range (hubspot.Connector{}).Spec().Events {
		declared[e.Type] = true
	}
	events := stored(t, []byte(`[
		{"eventId":2,"subscriptionId":7,"portalId":1,"occurredAt":1762160400000,"subscriptionType":"contact.propertyChange","objectId":51,"propertyName":"email","propertyValue":"new@example.com"},
		{"eventId":3,"subscriptionId":7,"portalId":1,"occurredAt":1762160400000,"subscriptionType":"contact.propertyChange","objectId":51,"propertyName":"firstname","propertyValue":"Ada"},
		{"eventId":4,"subscriptionId":7,"portalId":1,"occurredAt":1762160400000,"subscriptionType":"contact.propertyChange","objectId":51,"propertyName":"lifecyclestage","propertyValue":"customer"},
		{"eventId":5,"subscriptionId":8,"portalId":1,"occurredAt":1762160400000,"subscriptionType":"object.creation","objectTypeId":"0-1","objectId":52},
		{"eventId":6,"subscriptionId":8,"portalId":1,"occurredAt":1762160400000,"subscriptionType":"object.creation","objectTypeId":"0-3","objectId":53},
		{"eventId":7,"subscriptionId":9,"portalId":1,"occurredAt":1762160400000,"subscriptionType":"contact.deletion","objectId":51},
		{"eventId":8,"subscriptionId":9,"portalId":1,"occurredAt":1762160400000,"subscriptionType":"deal.creation","objectId":54}]`))
	want := []*connectors.CustomerFacts{
		{ExternalID: "51", Email: "new@example.com"}, {ExternalID: "51", FirstName: "Ada"}, {ExternalID: "51"}, {ExternalID: "52"}, nil, nil, nil,
	}
	at := time.UnixMilli(1762160400000).UTC()
	for i, ev := range events {
		got, err := hubspot.Connector{}.Normalize(ev.Topic, ev.Body)
		require.NoError(t, err, i)
		if want[i] == nil {
			require.Nil(t, got, "%s emits nothing", ev.Topic)
			continue
		}
		require.Len(t, got, 1)
		require.True(t, declared[got[0].Type])
		require.Equal(t, want[i], got[0].Customer, i)
		require.Equal(t, want[i].ExternalID, got[0].ResourceID)
		require.Equal(t, at, got[0].OccurredAt)
		require.Equal(t, at, got[0].UpdatedAt, "the change's time orders out-of-order deliveries")
	}

	_, err := hubspot.Connector{}.Normalize("contact.creation", []byte(`{"eventId":1,`))
	require.Error(t, err)
	_, err = hubspot.Connector{}.Normalize("contact.creation", []byte(`{"eventId":1,"subscriptionType":"contact.creation"}`))
	require.Error(t, err, "no objectId")
	got, err := hubspot.Connector{}.Normalize("company.creation", []byte(`not read`))
	require.NoError(t, err)
	require.Nil(t, got)
}
