package easypost_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/easypost"
	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const (
	vectorFile = "easypost-webhook-vector.txt"
	signedBody = "easypost-event-tracker-updated-signed.json"
)

// vector is the published EasyPost webhook vector, read from the file.
type vector struct {
	secret, normalized, header, unnormalizedDigest string
	body                                           []byte
}

// unescape reads the file's \uXXXX notation.
func unescape(t *testing.T, s string) string {
	t.Helper()
	u, err := strconv.Unquote(`"` + strings.Trim(s, `"`) + `"`)
	require.NoError(t, err, s)
	return u
}

func readVector(t *testing.T) vector {
	t.Helper()
	sec := fixtures.Vectors(t, vectorFile)
	require.Len(t, sec, 1)
	v := sec[0]
	given := strings.Fields(v.MustField(t, "secret (as given)"))[0]
	after := v.MustField(t, "secret after NFKD")
	byteList := after[strings.Index(after, "UTF-8 bytes")+len("UTF-8 bytes"):]
	rawBytes, err := hex.DecodeString(strings.Join(strings.Fields(byteList), ""))
	require.NoError(t, err)
	require.Equal(t, unescape(t, strings.Fields(after)[0]), string(rawBytes), "the file's two spellings of the normalized secret agree")

	body := v.MustField(t, "body")
	require.True(t, strings.HasPrefix(body, "fixtures/"+signedBody), body)
	n, err := strconv.Atoi(regexp.MustCompile(`\((\d+) bytes`).FindStringSubmatch(body)[1])
	require.NoError(t, err)
	b := fixtures.Read(t, signedBody)
	require.Len(t, b, n, "the signed body is used byte for byte")

	m := regexp.MustCompile(`without NFKD normalisation the digest would be ([0-9a-f]{64})`).FindStringSubmatch(strings.Join(v.Lines, "\n"))
	require.NotNil(t, m)
	return vector{secret: unescape(t, given), normalized: string(rawBytes), header: v.MustField(t, "expected header value"),
		unnormalizedDigest: m[1], body: b}
}

func request(body []byte, sig string) connectors.WebhookRequest {
	h := http.Header{}
	if sig != "" {
		h.Set("X-Hmac-Signature", sig)
	}
	return connectors.WebhookRequest{Method: http.MethodPost, URL: "https://hub.example/webhooks/easypost", Header: h, Body: body}
}

func TestVerifyWebhookVector(t *testing.T) {
	t.Parallel()
	v := readVector(t)
	require.Equal(t, "sécret", v.secret)
	require.Equal(t, v.normalized, norm.NFKD.String(v.secret))
	c := easypost.Connector{}
	require.NoError(t, c.VerifyWebhook(request(v.body, v.header), secrets.New(v.secret)))
	require.NoError(t, c.VerifyWebhook(request(v.body, v.header), secrets.New(v.normalized)), "the decomposed spelling is the same secret")
	upper := "hmac-sha256-hex=" + strings.ToUpper(strings.TrimPrefix(v.header, "hmac-sha256-hex="))
	require.NoError(t, c.VerifyWebhook(request(v.body, upper), secrets.New(v.secret)), "hex case does not matter")

	// The un-normalized digest is what a verifier that skips NFKD computes:
	// the file says it must not match, and it does not.
	m := hmac.New(sha256.New, []byte(v.secret))
	m.Write(v.body)
	require.Equal(t, v.unnormalizedDigest, hex.EncodeToString(m.Sum(nil)))
	require.ErrorIs(t, c.VerifyWebhook(request(v.body, "hmac-sha256-hex="+v.unnormalizedDigest), secrets.New(v.secret)), connectors.ErrWebhookSignature)

	// The upstream file ends with a newline the SDK strips before signing.
	require.ErrorIs(t, c.VerifyWebhook(request(append(append([]byte{}, v.body...), '\n'), v.header), secrets.New(v.secret)), connectors.ErrWebhookSignature)
}

func TestVerifyWebhookRejects(t *testing.T) {
	t.Parallel()
	v := readVector(t)
	flipBody := func(i int) []byte {
		b := append([]byte{}, v.body...)
		b[i] ^= 0x01
		return b
	}
	digest := strings.TrimPrefix(v.header, "hmac-sha256-hex=")
	mac, err := hex.DecodeString(digest)
	require.NoError(t, err)
	mac[len(mac)/2] ^= 0x01
	flippedDigest := hex.EncodeToString(mac)
	tests := []struct {
		name   string
		req    connectors.WebhookRequest
		secret string
		want   error
	}{
		{"body first byte", request(flipBody(0), v.header), v.secret, connectors.ErrWebhookSignature},
		{"body middle byte", request(flipBody(len(v.body)/2), v.header), v.secret, connectors.ErrWebhookSignature},
		{"body last byte", request(flipBody(len(v.body)-1), v.header), v.secret, connectors.ErrWebhookSignature},
		{"signature digit", request(v.body, "hmac-sha256-hex="+flippedDigest), v.secret, connectors.ErrWebhookSignature},
		{"secret byte", request(v.body, v.header), "s\u00e9crex", connectors.ErrWebhookSignature},
		{"secret without accent", request(v.body, v.header), "secret", connectors.ErrWebhookSignature},
		{"empty secret", request(v.body, v.header), "", connectors.ErrWebhookNoSecret},
		{"missing header", request(v.body, ""), v.secret, connectors.ErrWebhookUnsigned},
		{"no prefix", request(v.body, digest), v.secret, connectors.ErrWebhookMalformed},
		{"other algorithm", request(v.body, "hmac-sha1-hex="+digest[:40]), v.secret, connectors.ErrWebhookMalformed},
		{"not hex", request(v.body, "hmac-sha256-hex="+strings.Repeat("zz", 32)), v.secret, connectors.ErrWebhookMalformed},
		{"truncated", request(v.body, v.header[:len(v.header)-2]), v.secret, connectors.ErrWebhookMalformed},
		{"odd length", request(v.body, v.header[:len(v.header)-1]), v.secret, connectors.ErrWebhookMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := easypost.Connector{}.VerifyWebhook(tc.req, secrets.New(tc.secret))
			require.ErrorIs(t, err, tc.want)
			require.NotContains(t, err.Error(), digest)
			require.NotContains(t, err.Error(), v.secret)
			require.NotContains(t, err.Error(), v.normalized)
		})
	}
}

func TestConnectorIsWebhookVerifier(t *testing.T) {
	t.Parallel()
	c, ok := connectors.Get("easypost")
	require.True(t, ok)
	_, ok = c.(connectors.WebhookVerifier)
	require.True(t, ok)
}

func day(t *testing.T, s string) *time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return &v
}

func TestParseEventFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file                                          string
		id, mode, previous                            string
		trackerID, code, status, detail, carrier, url string
		est                                           string
		details                                       int
		lastMessage, lastCity                         string
		eventType                                     string
	}{
		{
			file: signedBody, id: "evt_1", mode: "production", previous: "in_transit",
			trackerID: "trk_1", code: "1", status: "in_transit", detail: "arrived_at_facility", carrier: "FedEx",
			url: "https://track.easypost.com/1", est: "2024-08-05T00:00:00Z", details: 7,
			lastMessage: "Arrived at FedEx location", lastCity: "EDISON", eventType: "shipment.status_changed",
		},
		{
			file: "easypost-event-tracker-updated-guide-example.json", id: "evt_...", mode: "test", previous: "unknown",
			trackerID: "trk_...", code: "EZ4000000004", status: "delivered", carrier: "UPS",
			url: "https://track.easypost.com/djE7...", est: "2014-11-27T00:00:00Z", details: 6,
			lastMessage: "DELIVERED", lastCity: "SAN FRANCISCO", eventType: "shipment.delivered",
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			e, err := easypost.ParseEvent(fixtures.Read(t, tc.file))
			require.NoError(t, err)
			require.Equal(t, tc.id, e.ID)
			require.Equal(t, "tracker.updated", e.Description)
			require.Equal(t, tc.mode, e.Mode)
			require.Equal(t, tc.previous, e.PreviousAttributes.Status)
			tr, err := e.Tracker()
			require.NoError(t, err)
			require.Equal(t, tc.trackerID, tr.ID)
			require.Equal(t, tc.code, tr.TrackingCode)
			require.Equal(t, tc.status, tr.Status)
			require.Equal(t, tc.detail, tr.StatusDetail)
			require.Equal(t, tc.carrier, tr.Carrier)
			require.Equal(t, tc.url, tr.PublicURL)
			require.Equal(t, day(t, tc.est), tr.EstDeliveryDate)
			require.Len(t, tr.TrackingDetails, tc.details)
			last := tr.TrackingDetails[len(tr.TrackingDetails)-1]
			require.Equal(t, tc.lastMessage, last.Message)
			require.Equal(t, tc.lastCity, last.Location.City)
			require.Equal(t, tc.eventType, tr.EventType())
		})
	}
}

func TestParseTrackerCreateResponse(t *testing.T) {
	t.Parallel()
	tr, err := easypost.ParseTracker(fixtures.Read(t, "easypost-tracker-create-response.json"))
	require.NoError(t, err)
	require.Equal(t, "trk_9135862729734d96ad2f9ed0f0565a27", tr.ID)
	require.Equal(t, "EZ1000000001", tr.TrackingCode)
	require.Equal(t, "pre_transit", tr.Status)
	require.Equal(t, "USPS", tr.Carrier)
	require.Equal(t, "https://track.easypost.com/djE6dHJrXzkxMzU4NjI3Mjk3MzRkOTZhZDJmOWVkMGYwNTY1YTI3", tr.PublicURL)
	require.Equal(t, day(t, "2025-05-09T20:40:17Z"), tr.EstDeliveryDate)
	require.Len(t, tr.TrackingDetails, 2)
	require.Equal(t, "HOUSTON", tr.TrackingDetails[1].Location.City)
	require.Equal(t, "shipment.status_changed", tr.EventType())
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	for _, body := range []string{``, `[]`, `{}`, `{"object":"Tracker","id":"trk_1"}`, `{"object":"Event","id":"evt_1"}`} {
		_, err := easypost.ParseEvent([]byte(body))
		require.Error(t, err, body)
	}
	e, err := easypost.ParseEvent([]byte(`{"object":"Event","id":"evt_1","description":"batch.updated","result":{"object":"Batch"}}`))
	require.NoError(t, err)
	_, err = e.Tracker()
	require.Error(t, err)
	for _, body := range []string{`{"object":"Event"}`, `{"object":"Tracker"}`, `{"object":"Tracker","id":"trk_1","tracking_code":"1","est_delivery_date":"soon"}`} {
		_, err := easypost.ParseTracker([]byte(body))
		require.Error(t, err, body)
	}
}
