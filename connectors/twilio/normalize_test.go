package twilio_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/twilio"
)

func TestNormalizeStatusCallback(t *testing.T) {
	t.Parallel()
	declared := map[string]bool{}
	for _, e := range (twilio.Connector{}).Spec().Events {
		declared[e.Type] = true
	}
	for name, form := range map[string]url.Values{
		"documented parameters": {"MessageSid": {"SM1f0e8ae6ade43cb3c0ce4525424e404f"}, "MessageStatus": {"undelivered"}, "ErrorCode": {"30003"},
			"AccountSid": {"AC0123456789abcdef0123456789abcdef"}, "From": {"+15017122661"}, "To": {"+15558675310"}, "ApiVersion": {"2010-04-01"},
			"SmsSid": {"SM1f0e8ae6ade43cb3c0ce4525424e404f"}, "SmsStatus": {"undelivered"}},
		"legacy names only": {"SmsSid": {"SM1f0e8ae6ade43cb3c0ce4525424e404f"}, "SmsStatus": {"delivered"}},
	} {
		body := []byte(form.Encode())
		events, err := twilio.Connector{}.ReadWebhook(connectors.WebhookRequest{Body: body})
		require.NoError(t, err, name)
		got, err := twilio.Connector{}.Normalize(events[0].Topic, events[0].Body)
		require.NoError(t, err, name)
		require.Equal(t, []connectors.Normalized{{Type: "message.status_changed", ResourceID: "SM1f0e8ae6ade43cb3c0ce4525424e404f"}}, got, name)
		require.True(t, declared[got[0].Type])
	}

	_, err := twilio.Connector{}.Normalize("message.status", []byte("MessageStatus=sent"))
	require.Error(t, err, "no MessageSid")
	_, err = twilio.Connector{}.Normalize("message.status", []byte("%zz"))
	require.Error(t, err)
	got, err := twilio.Connector{}.Normalize("call.status", []byte("CallSid=CA1"))
	require.NoError(t, err)
	require.Nil(t, got)
}
