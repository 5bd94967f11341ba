package twilio_test

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio's algorithm.
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
	"github.com/switchboard-hub/switchboard/connectors/twilio"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const vectorFile = "twilio-signature-vectors.txt"

// vectors is the published vector file, read into named cases.
type vectors struct {
	token, url, message, expected string
	params                        url.Values
	httpSig, wrongOrderSig        string
	formBody, formSig             string
	jsonBody, bodyHash            string
	jsonURLs, jsonSigs            []string
}

func find(t *testing.T, text, pattern string) []string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(text)
	require.NotNil(t, m, "vector file: no match for %s", pattern)
	return m
}

func readVectors(t *testing.T) vectors {
	t.Helper()
	sec := fixtures.Vectors(t, vectorFile)
	require.Len(t, sec, 1)
	v := sec[0]
	text := strings.Join(v.Lines, "\n")
	out := vectors{
		token: v.MustField(t, "authToken"), url: v.MustField(t, "url"),
		message: v.MustField(t, "message"), expected: v.MustField(t, "expected"),
		params: url.Values{},
	}
	for p := range strings.SplitSeq(v.MustField(t, "params"), ", ") {
		name, value, ok := strings.Cut(p, "=")
		require.True(t, ok, p)
		out.params.Add(name, value)
	}
	out.httpSig = find(t, text, `same with http:// scheme -> (\S+)`)[1]
	out.wrongOrderSig = find(t, text, `wrong sort order .* -> (\S+) \(must be REJECTED\)`)[1]
	m := find(t, text, `form body:\s+(\S+)\s+\(url as above\) -> (\S+)`)
	out.formBody, out.formSig = m[1], m[2]
	out.jsonBody = find(t, text, `JSON body \(bodySHA256 mode\): body (\{.*\})`)[1]
	out.bodyHash = find(t, text, `bodySHA256 = hex\(SHA-256\(body\)\) = ([0-9a-f]{64})`)[1]
	for _, m := range regexp.MustCompile(`url (https://\S+)[^\n]*-> (\S+)`).FindAllStringSubmatch(text, -1) {
		out.jsonURLs = append(out.jsonURLs, strings.ReplaceAll(m[1], "<hash>", out.bodyHash))
		out.jsonSigs = append(out.jsonSigs, m[2])
	}
	require.Len(t, out.jsonURLs, 2)
	return out
}

func formRequest(rawURL string, form url.Values, sig string) connectors.WebhookRequest {
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	if sig != "" {
		h.Set("X-Twilio-Signature", sig)
	}
	return connectors.WebhookRequest{Method: http.MethodPost, URL: rawURL, Header: h, Body: []byte(form.Encode())}
}

func sign(token, msg string) string {
	m := hmac.New(sha1.New, []byte(token))
	m.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func TestVerifyWebhookVectors(t *testing.T) {
	t.Parallel()
	v := readVectors(t)
	require.Equal(t, v.url+twilio.SortedParams(v.params), v.message, "the signed string is built as published")
	httpURL := "http://" + strings.TrimPrefix(v.url, "https://")
	withPort := strings.Replace(v.url, "mycompany.com/", "mycompany.com:443/", 1)
	u := v.url
	tests := []struct {
		name string
		req  connectors.WebhookRequest
	}{
		{"params", formRequest(u, v.params, v.expected)},
		{"params, http scheme", formRequest(httpURL, v.params, v.httpSig)},
		{"params, URL received with :443, signed without", formRequest(withPort, v.params, v.expected)},
		{"params, URL received without port, signed with :443", formRequest(u, v.params, sign(v.token, withPort+twilio.SortedParams(v.params)))},
		{"params, http URL signed with :80", formRequest(httpURL, v.params, sign(v.token, strings.Replace(httpURL, ".com/", ".com:80/", 1)+twilio.SortedParams(v.params)))},
		{"form body", connectors.WebhookRequest{Method: http.MethodPost, URL: u, Body: []byte(v.formBody),
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"}, "X-Twilio-Signature": {v.formSig}}}},
	}
	for i, jsonURL := range v.jsonURLs {
		tests = append(tests, struct {
			name string
			req  connectors.WebhookRequest
		}{"json body " + jsonURL, connectors.WebhookRequest{Method: http.MethodPost, URL: jsonURL, Body: []byte(v.jsonBody),
			Header: http.Header{"Content-Type": {"application/json"}, "X-Twilio-Signature": {v.jsonSigs[i]}}}})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, twilio.Connector{}.VerifyWebhook(tc.req, secrets.New(v.token)))
			require.ErrorIs(t, twilio.Connector{}.VerifyWebhook(tc.req, secrets.New(v.token+"6")), connectors.ErrWebhookSignature)
		})
	}

	sum := sha256.Sum256([]byte(v.jsonBody))
	require.Equal(t, v.bodyHash, hex.EncodeToString(sum[:]), "the published body hash")
}

func TestVerifyWebhookRejects(t *testing.T) {
	t.Parallel()
	v := readVectors(t)
	flipped := func(s string, i int) string {
		b := []byte(s)
		b[i] ^= 0x01
		return string(b)
	}
	mac, err := base64.StdEncoding.DecodeString(v.expected)
	require.NoError(t, err)
	mac[7] ^= 0x01
	badSig := base64.StdEncoding.EncodeToString(mac)

	changed := func(name, value string) url.Values {
		p := url.Values{}
		for k, vs := range v.params {
			p[k] = append([]string(nil), vs...)
		}
		p.Set(name, value)
		return p
	}
	jsonReq := func(rawURL, body, sig, ct string) connectors.WebhookRequest {
		return connectors.WebhookRequest{Method: http.MethodPost, URL: rawURL, Body: []byte(body),
			Header: http.Header{"Content-Type": {ct}, "X-Twilio-Signature": {sig}}}
	}
	tests := []struct {
		name   string
		req    connectors.WebhookRequest
		secret string
		want   error
	}{
		{"wrong sort order (published)", formRequest(v.url, v.params, v.wrongOrderSig), v.token, connectors.ErrWebhookSignature},
		{"http signature on https URL", formRequest(v.url, v.params, v.httpSig), v.token, connectors.ErrWebhookSignature},
		{"param value changed", formRequest(v.url, changed("Digits", "1235"), v.expected), v.token, connectors.ErrWebhookSignature},
		{"param added", formRequest(v.url, changed("Extra", "1"), v.expected), v.token, connectors.ErrWebhookSignature},
		{"query changed", formRequest(strings.Replace(v.url, "foo=1", "foo=2", 1), v.params, v.expected), v.token, connectors.ErrWebhookSignature},
		{"path changed", formRequest(strings.Replace(v.url, "myapp", "myApp", 1), v.params, v.expected), v.token, connectors.ErrWebhookSignature},
		{"non-default port", formRequest(strings.Replace(v.url, ".com/", ".com:8443/", 1), v.params, sign(v.token, strings.Replace(v.url, ".com/", ".com:443/", 1)+twilio.SortedParams(v.params))), v.token, connectors.ErrWebhookSignature},
		{"signature byte", formRequest(v.url, v.params, badSig), v.token, connectors.ErrWebhookSignature},
		{"secret byte", formRequest(v.url, v.params, v.expected), flipped(v.token, 2), connectors.ErrWebhookSignature},
		{"form body byte", connectors.WebhookRequest{Method: http.MethodPost, URL: v.url, Body: []byte(flipped(v.formBody, 3)),
			Header: http.Header{"X-Twilio-Signature": {v.formSig}}}, v.token, connectors.ErrWebhookSignature},
		{"json body byte", jsonReq(v.jsonURLs[0], flipped(v.jsonBody, 5), v.jsonSigs[0], "application/json"), v.token, connectors.ErrWebhookSignature},
		{"json body hash byte", jsonReq(strings.Replace(v.jsonURLs[0], v.bodyHash, flipped(v.bodyHash, 0), 1), v.jsonBody, v.jsonSigs[0], "application/json"), v.token, connectors.ErrWebhookSignature},
		{"json body without bodySHA256", jsonReq(v.url, v.jsonBody, v.expected, "application/json"), v.token, connectors.ErrWebhookMalformed},
		{"bodySHA256 not hex", jsonReq(v.url+"&bodySHA256=xyz", v.jsonBody, v.expected, "application/json"), v.token, connectors.ErrWebhookMalformed},
		{"bodySHA256 twice", jsonReq(v.jsonURLs[0]+"&bodySHA256="+v.bodyHash, v.jsonBody, v.jsonSigs[0], "application/json"), v.token, connectors.ErrWebhookMalformed},
		{"missing header", formRequest(v.url, v.params, ""), v.token, connectors.ErrWebhookUnsigned},
		{"garbled header", formRequest(v.url, v.params, "vOEb5UThFn24KEfnOFLQY2AE5FY"), v.token, connectors.ErrWebhookMalformed},
		{"sha256-sized header", formRequest(v.url, v.params, base64.StdEncoding.EncodeToString(make([]byte, 32))), v.token, connectors.ErrWebhookMalformed},
		{"relative URL", formRequest("/myapp.php?foo=1&bar=2", v.params, v.expected), v.token, connectors.ErrWebhookMalformed},
		{"empty secret", formRequest(v.url, v.params, sign("", v.message)), "", connectors.ErrWebhookNoSecret},
	}
	settings := formRequest(v.url, v.params, v.expected)
	settings.Header.Set("X-Twilio-Webhooks-Signature-Settings", "key=KS123,algorithm=HMAC_SHA256")
	tests = append(tests, struct {
		name   string
		req    connectors.WebhookRequest
		secret string
		want   error
	}{"webhooks rule shared key", settings, v.token, connectors.ErrWebhookUnsupported})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := twilio.Connector{}.VerifyWebhook(tc.req, secrets.New(tc.secret))
			require.ErrorIs(t, err, tc.want)
			require.NotContains(t, err.Error(), v.expected)
			if tc.secret != "" {
				require.NotContains(t, err.Error(), tc.secret)
			}
		})
	}
}

func TestSortedParams(t *testing.T) {
	t.Parallel()
	tests := []struct {
		form url.Values
		want string
	}{
		{url.Values{}, ""},
		{url.Values{"b": {"2"}, "a": {"1"}}, "a1b2"},
		{url.Values{"Reason": {"Participant"}, "ReasonConferenceEnded": {"test"}}, "ReasonParticipantReasonConferenceEndedtest"},
		{url.Values{"a": {"z", "y"}, "B": {""}}, "Bayaz"},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, twilio.SortedParams(tc.form))
	}
}

func TestConnectorIsWebhookVerifier(t *testing.T) {
	t.Parallel()
	c, ok := connectors.Get("twilio")
	require.True(t, ok)
	_, ok = c.(connectors.WebhookVerifier)
	require.True(t, ok)
}

// statusCallback is a message status callback with the parameters Twilio
// documents for it (no status-callback body is among the published
// fixtures).
func statusCallback(status, errorCode string) url.Values {
	v := url.Values{
		"AccountSid":    {"ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"},
		"ApiVersion":    {"2010-04-01"},
		"From":          {"+15017250604"},
		"MessageSid":    {"SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"},
		"MessageStatus": {status},
		"SmsSid":        {"SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"},
		"SmsStatus":     {status},
		"To":            {"+15558675310"},
	}
	if errorCode != "" {
		v.Set("ErrorCode", errorCode)
	}
	return v
}

func TestParseStatusCallback(t *testing.T) {
	t.Parallel()
	base := twilio.StatusCallback{MessageSid: "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", AccountSid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
		From: "+15017250604", To: "+15558675310", APIVersion: "2010-04-01"}
	legacy := url.Values{"SmsSid": {"SM1"}, "SmsStatus": {"sent"}}
	tests := []struct {
		name string
		body string
		want twilio.StatusCallback
	}{
		{"delivered", statusCallback("delivered", "").Encode(), func() twilio.StatusCallback { c := base; c.Status = "delivered"; return c }()},
		{"undelivered", statusCallback("undelivered", "30003").Encode(), func() twilio.StatusCallback {
			c := base
			c.Status, c.ErrorCode = "undelivered", "30003"
			return c
		}()},
		{"legacy names only", legacy.Encode(), twilio.StatusCallback{MessageSid: "SM1", Status: "sent"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := twilio.ParseStatusCallback([]byte(tc.body))
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			require.Equal(t, "message.status_changed", got.EventType())
		})
	}
	for _, bad := range []string{"", "MessageStatus=sent", "MessageSid=SM1", "MessageSid=SM1&MessageStatus=%zz"} {
		_, err := twilio.ParseStatusCallback([]byte(bad))
		require.Error(t, err, bad)
	}
}

// TestStatusCallbackRoundTrip signs a status callback the published way
// and checks that it verifies and parses.
func TestStatusCallbackRoundTrip(t *testing.T) {
	t.Parallel()
	const token = "12345"
	const callbackURL = "https://hub.example/webhooks/twilio/conn_1?x=a%20b"
	form := statusCallback("failed", "30007")
	req := formRequest(callbackURL, form, sign(token, callbackURL+twilio.SortedParams(form)))
	require.NoError(t, twilio.Connector{}.VerifyWebhook(req, secrets.New(token)))
	cb, err := twilio.ParseStatusCallback(req.Body)
	require.NoError(t, err)
	require.Equal(t, "failed", cb.Status)
	require.Equal(t, "30007", cb.ErrorCode)
}
