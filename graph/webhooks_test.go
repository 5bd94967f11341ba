package graph_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio signs with HMAC-SHA1
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const createKeyed = `mutation($w: ID!, $c: String!, $v: [ConnectionValueInput!]!) {
	createConnection(input: {workspaceId: $w, connector: $c, values: $v}) { id webhookUrl } }`

func post(t *testing.T, target, contentType string, header http.Header, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// Connectors whose webhooks are signed with a connection's own secret
// (EasyPost's webhook secret, Twilio's auth token) receive at the URL the
// connection shows, checked with that secret.
func TestWebhooksSignedWithConnectionSecrets(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Hooks")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Parcels"}).String("createWorkspace.id")

		ep := owner.MustDo(t, createKeyed, map[string]any{"w": ws, "c": "easypost", "v": []map[string]string{
			{"name": "apiKey", "value": "EZTKsandbox-demo"}, {"name": "webhookSecret", "value": "s3cret-of-the-hook"}}})
		epURL := ep.String("createConnection.webhookUrl")
		require.True(t, strings.HasPrefix(epURL, h.URL+"/webhooks/easypost/"), epURL)
		event := []byte(`{"id":"evt_1","object":"Event","description":"tracker.updated","mode":"test","result":{"id":"trk_1","object":"Tracker","status":"delivered"}}`)
		sign := func(secret string) http.Header {
			mac := hmac.New(sha256.New, []byte(secret))
			mac.Write(event)
			return http.Header{"X-Hmac-Signature": {"hmac-sha256-hex=" + hex.EncodeToString(mac.Sum(nil))}}
		}
		require.Equal(t, 401, post(t, epURL, "application/json", sign("another-secret"), event))
		require.Equal(t, 401, post(t, epURL, "application/json", nil, event))
		require.Equal(t, 200, post(t, epURL, "application/json", sign("s3cret-of-the-hook"), event))
		require.Equal(t, 200, post(t, epURL, "application/json", sign("s3cret-of-the-hook"), event), "a redelivery is acknowledged")
		require.Equal(t, 1, countRows(t, h, "webhook_events"))
		// The EasyPost URL does not take another connector's deliveries.
		require.Equal(t, 404, post(t, strings.Replace(epURL, "/easypost/", "/twilio/", 1), "application/json", sign("s3cret-of-the-hook"), event))

		tw := owner.MustDo(t, createKeyed, map[string]any{"w": ws, "c": "twilio", "v": []map[string]string{
			{"name": "accountSid", "value": "ACc0ffee00c0ffee00c0ffee00c0ffee00"}, {"name": "authToken", "value": "sandbox-demo-auth-token"},
			{"name": "from", "value": "+15005550006"}}})
		twURL := tw.String("createConnection.webhookUrl")
		form := url.Values{"MessageSid": {"SM0123"}, "MessageStatus": {"delivered"}, "AccountSid": {"ACc0ffee00c0ffee00c0ffee00c0ffee00"}, "To": {"+15005550010"}}
		twilioSign := func(token string) http.Header {
			keys := make([]string, 0, len(form))
			for k := range form {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			msg := twURL
			for _, k := range keys {
				msg += k + form.Get(k)
			}
			mac := hmac.New(sha1.New, []byte(token))
			mac.Write([]byte(msg))
			return http.Header{"X-Twilio-Signature": {base64.StdEncoding.EncodeToString(mac.Sum(nil))}}
		}
		body := []byte(form.Encode())
		require.Equal(t, 401, post(t, twURL, "application/x-www-form-urlencoded", twilioSign("wrong-token"), body))
		require.Equal(t, 200, post(t, twURL, "application/x-www-form-urlencoded", twilioSign("sandbox-demo-auth-token"), body))
		require.Equal(t, 2, countRows(t, h, "webhook_events"))

		// When the event cannot be stored the provider is told to retry
		// (503, never 200), and the retry is stored.
		_, err := h.App.DB.Bun.ExecContext(t.Context(), "ALTER TABLE webhook_events RENAME TO webhook_events_away")
		require.NoError(t, err)
		form.Set("MessageStatus", "read")
		body = []byte(form.Encode())
		require.Equal(t, 503, post(t, twURL, "application/x-www-form-urlencoded", twilioSign("sandbox-demo-auth-token"), body))
		_, err = h.App.DB.Bun.ExecContext(t.Context(), "ALTER TABLE webhook_events_away RENAME TO webhook_events")
		require.NoError(t, err)
		require.Equal(t, 200, post(t, twURL, "application/x-www-form-urlencoded", twilioSign("sandbox-demo-auth-token"), body))
		require.Equal(t, 3, countRows(t, h, "webhook_events"))

		// Connectors that receive nothing show no webhook URL.
		hook := addWebhook(t, owner, ws, "Out")
		require.Nil(t, owner.MustDo(t, `query($id: ID!) { node(id: $id) { ... on Connection { webhookUrl } } }`, map[string]any{"id": hook}).Get("node.webhookUrl"))
	})
}
