package hubspot_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"
	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const vectorFile = "hubspot-signature-vectors.txt"

// signV3 is HubSpot's documented v3 algorithm, written out independently
// of the verifier: base64(HMAC-SHA256(secret, method+uri+body+timestamp)).
func signV3(secret, method, uri, body, ts string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(method + uri + body + ts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func v3Request(method, uri, body, ts, sig string) connectors.WebhookRequest {
	h := http.Header{}
	h.Set("X-HubSpot-Signature-v3", sig)
	h.Set("X-HubSpot-Request-Timestamp", ts)
	h.Set("Content-Type", "application/json")
	return connectors.WebhookRequest{Method: method, URL: uri, Header: h, Body: []byte(body)}
}

func flip(s string, i int) string {
	b := []byte(s)
	b[i] ^= 0x01
	return string(b)
}

// clock is a fixed time for the verifier.
func clock(t time.Time) hubspot.Verifier { return hubspot.Verifier{Now: func() time.Time { return t }} }

// TestVerifyV3 uses the vector file's secret, URI and body (the exact
// signed contact-creation body) with the v3 algorithm the file documents:
// HubSpot publishes no static v3 vector.
func TestVerifyV3(t *testing.T) {
	t.Parallel()
	v2 := fixtures.Section(t, vectorFile, "v2-post")
	secret, uri := v2.MustField(t, "clientSecret"), v2.MustField(t, "uri")
	body := string(fixtures.Read(t, "hubspot-webhook-contact-creation.json"))
	require.Equal(t, fixtures.Section(t, vectorFile, "v1").MustField(t, "requestBody"), body, "the fixture is the signed body of the v1 vector")

	now := time.UnixMilli(1564113600000 + 1500)
	ts := strconv.FormatInt(now.UnixMilli()-1000, 10)
	sig := signV3(secret, http.MethodPost, uri, body, ts)
	ok := v3Request(http.MethodPost, uri, body, ts, sig)
	require.NoError(t, clock(now).VerifyWebhook(ok, secrets.New(secret)))

	tests := []struct {
		name   string
		req    connectors.WebhookRequest
		secret string
		want   error
	}{
		{"method", v3Request(http.MethodPut, uri, body, ts, sig), secret, connectors.ErrWebhookSignature},
		{"uri", v3Request(http.MethodPost, uri+"?x=1", body, ts, sig), secret, connectors.ErrWebhookSignature},
		{"body first byte", v3Request(http.MethodPost, uri, flip(body, 0), ts, sig), secret, connectors.ErrWebhookSignature},
		{"body middle byte", v3Request(http.MethodPost, uri, flip(body, len(body)/2), ts, sig), secret, connectors.ErrWebhookSignature},
		{"body last byte", v3Request(http.MethodPost, uri, flip(body, len(body)-1), ts, sig), secret, connectors.ErrWebhookSignature},
		{"timestamp (still fresh)", v3Request(http.MethodPost, uri, body, strconv.FormatInt(now.UnixMilli(), 10), sig), secret, connectors.ErrWebhookSignature},
		{"signature byte", v3Request(http.MethodPost, uri, body, ts, flipMAC(t, sig)), secret, connectors.ErrWebhookSignature},
		{"secret byte", ok, flip(secret, 3), connectors.ErrWebhookSignature},
		{"empty secret", v3Request(http.MethodPost, uri, body, ts, signV3("", http.MethodPost, uri, body, ts)), "", connectors.ErrWebhookNoSecret},
		{"missing signature", v3Request(http.MethodPost, uri, body, ts, ""), secret, connectors.ErrWebhookUnsigned},
		{"garbled signature", v3Request(http.MethodPost, uri, body, ts, "%%%"), secret, connectors.ErrWebhookMalformed},
		{"hex signature", v3Request(http.MethodPost, uri, body, ts, hex.EncodeToString(make([]byte, 32))), secret, connectors.ErrWebhookMalformed},
		{"missing timestamp", v3Request(http.MethodPost, uri, body, "", sig), secret, connectors.ErrWebhookMalformed},
		{"timestamp in seconds", v3Request(http.MethodPost, uri, body, ts[:len(ts)-3], signV3(secret, http.MethodPost, uri, body, ts[:len(ts)-3])), secret, connectors.ErrWebhookStale},
		{"timestamp not a number", v3Request(http.MethodPost, uri, body, "yesterday", sig), secret, connectors.ErrWebhookMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := clock(now).VerifyWebhook(tc.req, secrets.New(tc.secret))
			require.ErrorIs(t, err, tc.want)
			require.NotContains(t, err.Error(), sig)
			require.NotContains(t, err.Error(), secret)
		})
	}
}

func flipMAC(t *testing.T, sig string) string {
	mac, err := base64.StdEncoding.DecodeString(sig)
	require.NoError(t, err)
	mac[len(mac)/2] ^= 0x01
	return base64.StdEncoding.EncodeToString(mac)
}

func TestVerifyV3Window(t *testing.T) {
	t.Parallel()
	const secret, uri, body = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", "https://www.example.com/webhook_uri", `[]`
	signedAt := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	ts := strconv.FormatInt(signedAt.UnixMilli(), 10)
	req := v3Request(http.MethodPost, uri, body, ts, signV3(secret, http.MethodPost, uri, body, ts))
	tests := []struct {
		name string
		now  time.Time
		want error
	}{
		{"same instant", signedAt, nil},
		{"4m59s later", signedAt.Add(4*time.Minute + 59*time.Second), nil},
		{"exactly 5 minutes later", signedAt.Add(5 * time.Minute), nil},
		{"5 minutes and 1ms later", signedAt.Add(5*time.Minute + time.Millisecond), connectors.ErrWebhookStale},
		{"an hour later (replay)", signedAt.Add(time.Hour), connectors.ErrWebhookStale},
		{"clock 1 minute behind", signedAt.Add(-time.Minute), nil},
		{"10 minutes in the future", signedAt.Add(-10 * time.Minute), connectors.ErrWebhookStale},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := clock(tc.now).VerifyWebhook(req, secrets.New(secret))
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
	// The connector uses the real clock: a 2019 timestamp is stale now.
	old := v3Request(http.MethodPost, uri, body, "1564113600000", signV3(secret, http.MethodPost, uri, body, "1564113600000"))
	require.ErrorIs(t, hubspot.Connector{}.VerifyWebhook(old, secrets.New(secret)), connectors.ErrWebhookStale)
	fresh := strconv.FormatInt(time.Now().UnixMilli(), 10)
	require.NoError(t, hubspot.Connector{}.VerifyWebhook(v3Request(http.MethodPost, uri, body, fresh, signV3(secret, http.MethodPost, uri, body, fresh)), secrets.New(secret)))
	require.NoError(t, hubspot.Verifier{}.VerifyWebhook(v3Request(http.MethodPost, uri, body, fresh, signV3(secret, http.MethodPost, uri, body, fresh)), secrets.New(secret)), "a nil clock is the real one")
}

// TestLegacyVectorsRejected reproduces the published v1/v2 vectors (so the
// file is read right) and checks that requests carrying only them are
// refused with a clear error, while the same request with a v3 signature
// next to them passes.
func TestLegacyVectorsRejected(t *testing.T) {
	t.Parallel()
	const uriIfNone = "https://hub.example/webhooks/hubspot"
	for _, v := range fixtures.Vectors(t, vectorFile) {
		if v.Name != "v1" && v.Name != "v2-get" && v.Name != "v2-post" {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			secret, expected := v.MustField(t, "clientSecret"), v.MustField(t, "expected")
			body := v.MustField(t, "requestBody")
			if body == "(empty)" {
				body = ""
			}
			method, hasMethod := v.Field("method")
			uri, _ := v.Field("uri")
			version := "v2"
			if !hasMethod {
				version, method, uri = "v1", http.MethodPost, uriIfNone
			}
			msg := secret + body // v1
			if version == "v2" {
				msg = secret + method + uri + body
			}
			sum := sha256.Sum256([]byte(msg))
			require.Equal(t, expected, hex.EncodeToString(sum[:]), "the published %s vector", v.Name)

			h := http.Header{}
			h.Set("X-HubSpot-Signature", expected)
			h.Set("X-HubSpot-Signature-Version", version)
			req := connectors.WebhookRequest{Method: method, URL: uri, Header: h, Body: []byte(body)}
			err := hubspot.Connector{}.VerifyWebhook(req, secrets.New(secret))
			require.ErrorIs(t, err, connectors.ErrWebhookUnsupported)
			require.ErrorContains(t, err, version+" signature")
			require.ErrorContains(t, err, "v3 is required")

			now := time.Now()
			ts := strconv.FormatInt(now.UnixMilli(), 10)
			h.Set("X-HubSpot-Signature-v3", signV3(secret, method, uri, body, ts))
			h.Set("X-HubSpot-Request-Timestamp", ts)
			require.NoError(t, clock(now).VerifyWebhook(req, secrets.New(secret)))
		})
	}
}

func TestSignedURI(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://www.example.com/webhook_uri", "https://www.example.com/webhook_uri"},
		{"https://a.example/hook?x=a%3Ab%2Fc%3Fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3Bm", "https://a.example/hook?x=a:b/c?d@e!f$g'h(i)j*k,l;m"},
		{"https://a.example/hook?x=a%3ab%2fc", "https://a.example/hook?x=a:b/c"},
		{"https://a.example/hook?q=a%20b%26c%3Dd%25", "https://a.example/hook?q=a%20b%26c%3Dd%25"},
		{"https://a.example/hook?q=%253A", "https://a.example/hook?q=%253A"},
		{"https://a.example/hook?q=%3", "https://a.example/hook?q=%3"},
		{"https://a.example/hook?q=%", "https://a.example/hook?q=%"},
		{"https://a.example/hook?q=%zz%3A", "https://a.example/hook?q=%zz:"},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, hubspot.SignedURI(tc.in), tc.in)
	}
}

// TestVerifyV3DecodesURI: HubSpot signs the URI with the listed characters
// decoded, so a request to an encoded URL verifies against the decoded form
// and not against the URL as received.
func TestVerifyV3DecodesURI(t *testing.T) {
	t.Parallel()
	const secret, body = "s3cr3t", `[{"eventId":1}]`
	received := "https://hub.example/webhooks/hubspot?connection=c%3A42&redirect=https%3A%2F%2Fx.example%2F&name=a%20b"
	signedForm := "https://hub.example/webhooks/hubspot?connection=c:42&redirect=https://x.example/&name=a%20b"
	now := time.Now()
	ts := strconv.FormatInt(now.UnixMilli(), 10)
	require.NoError(t, clock(now).VerifyWebhook(v3Request(http.MethodPost, received, body, ts, signV3(secret, http.MethodPost, signedForm, body, ts)), secrets.New(secret)))
	require.ErrorIs(t, clock(now).VerifyWebhook(v3Request(http.MethodPost, received, body, ts, signV3(secret, http.MethodPost, received, body, ts)), secrets.New(secret)), connectors.ErrWebhookSignature)
}

func TestConnectorIsWebhookVerifier(t *testing.T) {
	t.Parallel()
	c, ok := connectors.Get("hubspot")
	require.True(t, ok)
	_, ok = c.(connectors.WebhookVerifier)
	require.True(t, ok)
	var _ connectors.WebhookVerifier = hubspot.Verifier{}
}

func TestParseEventsFixture(t *testing.T) {
	t.Parallel()
	events, err := hubspot.ParseEvents(fixtures.Read(t, "hubspot-webhook-contact-creation.json"))
	require.NoError(t, err)
	require.Equal(t, []hubspot.Event{{
		EventID: 1, SubscriptionID: 12345, PortalID: 62515, AppID: 54321, OccurredAtMillis: 1564113600000,
		SubscriptionType: "contact.creation", AttemptNumber: 0, ObjectID: 123, ChangeSource: "CRM", ChangeFlag: "NEW",
	}}, events)
	e := events[0]
	require.Equal(t, "customer.created", e.Type())
	require.Equal(t, time.Date(2019, 7, 26, 4, 0, 0, 0, time.UTC), e.OccurredAt())
	require.Equal(t, "12345:1", e.DedupeKey())
}

func TestEventTypes(t *testing.T) {
	t.Parallel()
	declared := map[string]bool{}
	for _, e := range (hubspot.Connector{}).Spec().Events {
		declared[e.Type] = true
	}
	tests := []struct {
		event hubspot.Event
		want  string
	}{
		{hubspot.Event{SubscriptionType: "contact.creation"}, "customer.created"},
		{hubspot.Event{SubscriptionType: "contact.propertyChange", PropertyName: "email"}, "customer.updated"},
		{hubspot.Event{SubscriptionType: "object.creation", ObjectTypeID: "0-1"}, "customer.created"},
		{hubspot.Event{SubscriptionType: "object.propertyChange", ObjectTypeID: "0-1"}, "customer.updated"},
		{hubspot.Event{SubscriptionType: "object.creation", ObjectTypeID: "0-3"}, ""},
		{hubspot.Event{SubscriptionType: "contact.deletion"}, ""},
		{hubspot.Event{SubscriptionType: "deal.creation"}, ""},
	}
	for _, tc := range tests {
		got := tc.event.Type()
		require.Equal(t, tc.want, got, tc.event.SubscriptionType)
		if got != "" {
			require.True(t, declared[got])
		}
	}
}

func TestParseEventsRejects(t *testing.T) {
	t.Parallel()
	for _, body := range []string{``, `{}`, `{"eventId":1}`, `[{"subscriptionType":"contact.creation","objectId":1}]`,
		`[{"eventId":1,"objectId":1}]`, `[{"eventId":"one","subscriptionType":"contact.creation","objectId":1}]`} {
		_, err := hubspot.ParseEvents([]byte(body))
		require.Error(t, err, body)
	}
	events, err := hubspot.ParseEvents([]byte(`[]`))
	require.NoError(t, err)
	require.Empty(t, events)
}
