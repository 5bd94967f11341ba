package sandbox_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio's algorithm.
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/twilio/sandbox"
)

const prefix = "/sandbox/twilio"

type env struct {
	t    *testing.T
	sb   *sandbox.Sandbox
	base string
}

func newEnv(t *testing.T, opts sandbox.Options) *env {
	t.Helper()
	sb := sandbox.New(opts)
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &env{t: t, sb: sb, base: srv.URL + prefix}
}

// do sends a request with Basic credentials (none when sid is empty) and a
// form body, and decodes the JSON answer.
func (e *env) do(method, path, sid, token string, form url.Values) (int, http.Header, map[string]any) {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.base+path, body)
	require.NoError(e.t, err)
	if sid != "" {
		req.SetBasicAuth(sid, token)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	out := map[string]any{}
	if len(bytes.TrimSpace(raw)) > 0 {
		require.NoError(e.t, json.Unmarshal(raw, &out), string(raw))
	}
	return resp.StatusCode, resp.Header, out
}

// control posts JSON to the control API.
func (e *env) control(method, path, body string) (int, map[string]any) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.base+"/_control"+path, strings.NewReader(body))
	require.NoError(e.t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	out := map[string]any{}
	if len(bytes.TrimSpace(raw)) > 0 {
		require.NoError(e.t, json.Unmarshal(raw, &out), string(raw))
	}
	return resp.StatusCode, out
}

func twilioError(status, code int, message string) map[string]any {
	return map[string]any{"code": float64(code), "message": message, "status": float64(status),
		"more_info": "https://www.twilio.com/docs/errors/" + strconv.Itoa(code)}
}

func TestAuthenticationErrorsAreTwilios(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	other, err := e.sb.CreateAccount(sandbox.AccountSpec{AuthToken: "other-token"})
	require.NoError(t, err)
	demoPath := "/2010-04-01/Accounts/" + sandbox.DemoAccountSID + ".json"
	tests := []struct {
		name, sid, token, path string
		status                 int
		want                   map[string]any
	}{
		{"no credentials", "", "", demoPath, 401, twilioError(401, 20003, "Authentication Error - No credentials provided")},
		{"unknown SID", "AC0123456789abcdef0123456789abcdef", "x", demoPath, 401, twilioError(401, 20003, "Authentication Error - invalid username")},
		{"wrong token", sandbox.DemoAccountSID, "nope", demoPath, 401, twilioError(401, 20003, "Authenticate")},
		{"another account's path", other.SID, "other-token", demoPath, 404, twilioError(404, 20404, "The requested resource "+demoPath+" was not found")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			status, h, body := e.do(http.MethodGet, tc.path, tc.sid, tc.token, nil)
			require.Equal(t, tc.status, status)
			require.Equal(t, tc.want, body)
			if status == 401 {
				require.Equal(t, `Basic realm="Twilio API"`, h.Get("WWW-Authenticate"))
			}
		})
	}
	status, _, acct := e.do(http.MethodGet, demoPath, sandbox.DemoAccountSID, sandbox.DemoAuthToken, nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, sandbox.DemoAccountSID, acct["sid"])
	require.Equal(t, "active", acct["status"])
	require.NotContains(t, acct, "auth_token")
	require.Regexp(t, `^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$`, acct["date_created"], "RFC 2822, as Twilio writes dates")
}

func TestMessagesAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{Now: func() time.Time { return time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC) }})
	path := "/2010-04-01/Accounts/" + sandbox.DemoAccountSID + "/Messages.json"
	send := func(form url.Values) (int, map[string]any) {
		status, _, body := e.do(http.MethodPost, path, sandbox.DemoAccountSID, sandbox.DemoAuthToken, form)
		return status, body
	}
	base := url.Values{"To": {"+14155550123"}, "From": {sandbox.DemoFrom}, "Body": {"hi"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for kk, vv := range base {
			f[kk] = vv
		}
		if v == "" {
			f.Del(k)
		} else {
			f.Set(k, v)
		}
		return f
	}
	tests := []struct {
		name string
		form url.Values
		code int
	}{
		{"no To", with("To", ""), 21604},
		{"no From", with("From", ""), 21603},
		{"no Body", with("Body", ""), 21602},
		{"To not E.164", with("To", "+0123"), 21211},
		{"To with letters", with("To", "+1415555CALL"), 21211},
		{"magic no permission", with("To", "+15005550003"), 21408},
		{"magic not mobile", with("To", "+15005550009"), 21614},
		{"From of nobody", with("From", "+14155550999"), 21606},
		{"unknown messaging service", with("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"), 21701},
		{"body over 1600", with("Body", strings.Repeat("ж", 1601)), 21617},
		{"bad status callback", with("StatusCallback", "not a url"), 21609},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			status, body := send(tc.form)
			require.Equal(t, http.StatusBadRequest, status, body)
			require.EqualValues(t, tc.code, body["code"], body)
			require.EqualValues(t, 400, body["status"])
		})
	}

	status, m := send(with("Body", strings.Repeat("ж", 71)))
	require.Equal(t, http.StatusCreated, status, m)
	for _, k := range []string{"account_sid", "api_version", "body", "date_created", "date_updated", "date_sent", "direction",
		"error_code", "error_message", "from", "messaging_service_sid", "num_media", "num_segments", "price", "price_unit",
		"sid", "status", "subresource_uris", "to", "uri"} {
		require.Contains(t, m, k)
	}
	require.Equal(t, "2", m["num_segments"], "71 UCS-2 characters take two segments")
	require.Equal(t, "queued", m["status"])
	require.Nil(t, m["date_sent"])
	status, _, read := e.do(http.MethodGet, "/2010-04-01/Accounts/"+sandbox.DemoAccountSID+"/Messages/"+m["sid"].(string)+".json",
		sandbox.DemoAccountSID, sandbox.DemoAuthToken, nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, m, read)

	status, _, nums := e.do(http.MethodGet, "/2010-04-01/Accounts/"+sandbox.DemoAccountSID+"/IncomingPhoneNumbers.json?PhoneNumber=%2B15005550006",
		sandbox.DemoAccountSID, sandbox.DemoAuthToken, nil)
	require.Equal(t, http.StatusOK, status)
	require.Len(t, nums["incoming_phone_numbers"], 1)
	status, _, nums = e.do(http.MethodGet, "/2010-04-01/Accounts/"+sandbox.DemoAccountSID+"/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550999",
		sandbox.DemoAccountSID, sandbox.DemoAuthToken, nil)
	require.Equal(t, http.StatusOK, status)
	require.Empty(t, nums["incoming_phone_numbers"])
	status, _, svc := e.do(http.MethodGet, "/v1/Services/"+sandbox.DemoMessagingServiceSID, sandbox.DemoAccountSID, sandbox.DemoAuthToken, nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, sandbox.DemoMessagingServiceSID, svc["sid"])
}

func TestControlAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	status, acct := e.control(http.MethodPost, "/accounts", `{"friendlyName":"Acme","numbers":["+14155550100"]}`)
	require.Equal(t, http.StatusCreated, status, acct)
	sid, token := acct["sid"].(string), acct["authToken"].(string)
	require.Regexp(t, `^AC[0-9a-f]{32}$`, sid)
	require.Regexp(t, `^[0-9a-f]{32}$`, token)
	acctPath := "/2010-04-01/Accounts/" + sid + ".json"
	status, _, _ = e.do(http.MethodGet, acctPath, sid, token, nil)
	require.Equal(t, http.StatusOK, status)

	status, rotated := e.control(http.MethodPost, "/accounts/"+sid+"/rotate-token", "")
	require.Equal(t, http.StatusOK, status)
	status, _, _ = e.do(http.MethodGet, acctPath, sid, token, nil)
	require.Equal(t, http.StatusUnauthorized, status, "the old token stops working")
	status, _, _ = e.do(http.MethodGet, acctPath, sid, rotated["authToken"].(string), nil)
	require.Equal(t, http.StatusOK, status)

	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{http.MethodPost, "/accounts", `{"numbers":["415"]}`, http.StatusBadRequest},
		{http.MethodGet, "/accounts/ACnope", "", http.StatusNotFound},
		{http.MethodPost, "/accounts/" + sid + "/numbers", `{"number":"+14155550101"}`, http.StatusNoContent},
		{http.MethodPost, "/accounts/" + sid + "/numbers", `{"number":"nope"}`, http.StatusBadRequest},
		{http.MethodPost, "/accounts/" + sandbox.DemoAccountSID + "/rotate-token", "", http.StatusBadRequest},
		{http.MethodPost, "/accounts/" + sid + "/fail", `{"count":1,"status":302}`, http.StatusBadRequest},
		{http.MethodPost, "/messages/SMnope/status", `{"status":"delivered"}`, http.StatusNotFound},
		{http.MethodPost, "/tick", "", http.StatusOK},
		{http.MethodGet, "/nope", "", http.StatusNotFound},
		{http.MethodPost, "/accounts/" + sid + "/throttle", `{"count":1}`, http.StatusNoContent},
	} {
		status, out := e.control(tc.method, tc.path, tc.body)
		require.Equal(t, tc.status, status, "%s %s: %v", tc.method, tc.path, out)
	}
	status, _, body := e.do(http.MethodGet, acctPath, sid, rotated["authToken"].(string), nil)
	require.Equal(t, http.StatusTooManyRequests, status)
	require.Equal(t, twilioError(429, 20429, "Too Many Requests"), body)

	status, out := e.control(http.MethodGet, "/accounts/"+sid, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, []any{"+14155550100", "+14155550101"}, out["numbers"])
	require.NotContains(t, out, "authToken", "the token is shown once")
	status, out = e.control(http.MethodGet, "/accounts/"+sid+"/counters", "")
	require.Equal(t, http.StatusOK, status)
	require.EqualValues(t, 1, out["authFailures"])
	require.EqualValues(t, 1, out["throttled"])
	status, out = e.control(http.MethodGet, "/accounts/"+sid+"/messages", "")
	require.Equal(t, http.StatusOK, status)
	require.Empty(t, out["messages"])
}

// signature recomputes X-Twilio-Signature independently of the sandbox.
func signature(token, rawURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := rawURL
	for _, k := range keys {
		s += k + form.Get(k)
	}
	m := hmac.New(sha1.New, []byte(token))
	m.Write([]byte(s))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func TestAutoProgressWithTheRealClock(t *testing.T) {
	t.Parallel()
	type cb struct {
		form url.Values
		sig  string
		url  string
	}
	got := make(chan cb, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		got <- cb{form: r.PostForm, sig: r.Header.Get("X-Twilio-Signature"), url: "http://" + r.Host + r.URL.RequestURI()}
	}))
	t.Cleanup(hook.Close)
	e := newEnv(t, sandbox.Options{AutoProgress: true, SendDelay: 20 * time.Millisecond, DeliverDelay: 20 * time.Millisecond})
	callbackURL := hook.URL + "/status?id=1"
	status, _, m := e.do(http.MethodPost, "/2010-04-01/Accounts/"+sandbox.DemoAccountSID+"/Messages.json", sandbox.DemoAccountSID, sandbox.DemoAuthToken,
		url.Values{"To": {"+14155550123"}, "From": {sandbox.DemoFrom}, "Body": {"hi"}, "StatusCallback": {callbackURL}})
	require.Equal(t, http.StatusCreated, status, m)
	for _, want := range []string{"sent", "delivered"} {
		select {
		case c := <-got:
			require.Equal(t, want, c.form.Get("MessageStatus"))
			require.Equal(t, m["sid"], c.form.Get("MessageSid"))
			require.Equal(t, callbackURL, c.url)
			require.Equal(t, signature(sandbox.DemoAuthToken, callbackURL, c.form), c.sig)
		case <-time.After(3 * time.Second):
			t.Fatalf("no %s callback", want)
		}
	}
}

func TestRegisteredForTheHub(t *testing.T) {
	t.Parallel()
	f, ok := connectors.SandboxFor("twilio")
	require.True(t, ok)
	require.NotNil(t, f(connectors.SandboxApp{}))
}
