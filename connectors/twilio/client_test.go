package twilio_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/twilio"
	"github.com/switchboard-hub/switchboard/connectors/twilio/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

const sandboxPrefix = "/sandbox/twilio"

// twEnv is a sandbox served over real HTTP under the hub's prefix.
type twEnv struct {
	sb    *sandbox.Sandbox
	clock *sandboxkit.Clock
	env   connectors.Env
}

func newTwEnv(t *testing.T) *twEnv {
	t.Helper()
	clk := sandboxkit.NewClock(time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC))
	sb := sandbox.New(sandbox.Options{Now: clk.Now})
	mux := http.NewServeMux()
	mux.Handle(sandboxPrefix+"/", http.StripPrefix(sandboxPrefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &twEnv{sb: sb, clock: clk, env: connectors.Env{HTTP: &http.Client{Timeout: 5 * time.Second}, SandboxBase: srv.URL + sandboxPrefix}}
}

func twConn(sid, token, from string) connectors.Conn {
	return connectors.Conn{
		Config:  map[string]string{"accountSid": sid, "from": from},
		Secrets: map[string]secrets.Secret{"authToken": secrets.New(token)},
	}
}

func demoConn() connectors.Conn {
	return twConn(sandbox.DemoAccountSID, sandbox.DemoAuthToken, sandbox.DemoFrom)
}

func TestCheckCredentials(t *testing.T) {
	t.Parallel()
	e := newTwEnv(t)
	acct, err := e.sb.CreateAccount(sandbox.AccountSpec{AuthToken: "acme-token-canary", Numbers: []string{"+14155550100"}})
	require.NoError(t, err)
	down := httptest.NewServer(http.NotFoundHandler())
	downEnv := connectors.Env{HTTP: e.env.HTTP, SandboxBase: down.URL + sandboxPrefix}
	down.Close()

	tests := []struct {
		name  string
		conn  connectors.Conn
		env   connectors.Env
		field string
		msg   string
	}{
		{"demo account", demoConn(), e.env, "", ""},
		{"demo messaging service", twConn(sandbox.DemoAccountSID, sandbox.DemoAuthToken, sandbox.DemoMessagingServiceSID), e.env, "", ""},
		{"created account", twConn(acct.SID, "acme-token-canary", "+14155550100"), e.env, "", ""},
		{"wrong token", twConn(sandbox.DemoAccountSID, "wrong-token-canary", sandbox.DemoFrom), e.env, "authToken", "Twilio refused this Account SID and auth token"},
		{"another account's token", twConn(sandbox.DemoAccountSID, "acme-token-canary", sandbox.DemoFrom), e.env, "authToken", "Twilio refused this Account SID and auth token"},
		{"unknown SID", twConn("AC0123456789abcdef0123456789abcdef", "token-canary", sandbox.DemoFrom), e.env, "accountSid", "Twilio does not know this Account SID"},
		{"number of another account", twConn(sandbox.DemoAccountSID, sandbox.DemoAuthToken, "+14155550100"), e.env, "from", "this number is not a phone number of the Twilio account"},
		{"unknown messaging service", twConn(acct.SID, "acme-token-canary", sandbox.DemoMessagingServiceSID), e.env, "from", "this Messaging Service is not one of the Twilio account's"},
		{"server down", demoConn(), downEnv, "", "Twilio could not be reached; try again later"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := twilio.Connector{}.CheckCredentials(context.Background(), tc.conn, connectors.Probe{Env: tc.env})
			if tc.msg == "" {
				require.NoError(t, err)
				return
			}
			var ce *connectors.CheckError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tc.field, ce.Field)
			require.Equal(t, tc.msg, ce.Message)
			require.NotContains(t, err.Error(), "canary")
			require.NotContains(t, err.Error(), sandbox.DemoAuthToken)
		})
	}

	// A 429 is nobody's fault.
	require.NoError(t, e.sb.Throttle(acct.SID, 1))
	err = twilio.Connector{}.CheckCredentials(context.Background(), twConn(acct.SID, "acme-token-canary", "+14155550100"), connectors.Probe{Env: e.env})
	var ce *connectors.CheckError
	require.ErrorAs(t, err, &ce)
	require.Empty(t, ce.Field)
	require.Contains(t, ce.Message, "limiting")
}

func TestClientFor(t *testing.T) {
	t.Parallel()
	real := twilio.ClientFor(connectors.Env{})
	require.Equal(t, "https://api.twilio.com", real.BaseURL)
	require.Equal(t, "https://messaging.twilio.com", real.MessagingBaseURL)
	sb := twilio.ClientFor(connectors.Env{SandboxBase: "http://localhost:8080/sandbox/twilio/"})
	require.Equal(t, "http://localhost:8080/sandbox/twilio", sb.BaseURL)
	require.Equal(t, "http://localhost:8080/sandbox/twilio", sb.MessagingBaseURL)
}

// callback is one status callback as the endpoint saw it.
type callback struct {
	req connectors.WebhookRequest
}

// callbackServer records status callbacks; the URL it reports is the full
// URL Twilio called, which is what Twilio signs.
func callbackServer(t *testing.T) (*httptest.Server, <-chan callback) {
	t.Helper()
	ch := make(chan callback, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ch <- callback{req: connectors.WebhookRequest{Method: r.Method, URL: "http://" + r.Host + r.URL.RequestURI(), Header: r.Header.Clone(), Body: b}}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func nextCallback(t *testing.T, ch <-chan callback) callback {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no status callback arrived")
		return callback{}
	}
}

func TestSendSMSWithSignedStatusCallbacks(t *testing.T) {
	t.Parallel()
	e := newTwEnv(t)
	srv, got := callbackServer(t)
	client := twilio.ClientFor(e.env)
	ctx := context.Background()
	callbackURL := srv.URL + "/webhooks/twilio/conn_1?x=a%20b&y=1"

	tests := []struct {
		name     string
		from     string
		initial  string
		statuses []string
	}{
		{"from a number", sandbox.DemoFrom, "queued", []string{"sent", "delivered"}},
		{"through a messaging service", sandbox.DemoMessagingServiceSID, "accepted", []string{"queued", "sent", "delivered"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Not parallel: the callbacks share one endpoint and one clock.
			conn := twConn(sandbox.DemoAccountSID, sandbox.DemoAuthToken, tc.from)
			m, err := client.SendSMS(ctx, conn, "+14155550123", "Your order has shipped: EZ1000000001 ✓", callbackURL)
			require.NoError(t, err)
			require.Regexp(t, `^SM[0-9a-f]{32}$`, m.SID)
			require.Equal(t, tc.initial, m.Status)
			require.Equal(t, "outbound-api", m.Direction)
			require.Equal(t, "1", m.NumSegments)
			require.Equal(t, sandbox.DemoAccountSID, m.AccountSID)

			// No callback for the initial status; accepted → queued is due at
			// once, the rest when the clock has moved.
			ds := e.sb.Tick(ctx)
			require.Len(t, ds, len(tc.statuses)-2)
			e.clock.Advance(10 * time.Second)
			ds = append(ds, e.sb.Tick(ctx)...)
			require.Len(t, ds, len(tc.statuses))
			for i, want := range tc.statuses {
				require.Equal(t, http.StatusNoContent, ds[i].HTTPStatus)
				cb := nextCallback(t, got)
				require.Equal(t, callbackURL, cb.req.URL)
				require.NoError(t, twilio.Connector{}.VerifyWebhook(cb.req, secrets.New(sandbox.DemoAuthToken)))
				require.ErrorIs(t, twilio.Connector{}.VerifyWebhook(cb.req, secrets.New("another-token")), connectors.ErrWebhookSignature)
				moved := cb.req
				moved.URL = strings.Replace(callbackURL, "conn_1", "conn_2", 1)
				require.ErrorIs(t, twilio.Connector{}.VerifyWebhook(moved, secrets.New(sandbox.DemoAuthToken)), connectors.ErrWebhookSignature,
					"the signature covers the full URL")
				parsed, err := twilio.ParseStatusCallback(cb.req.Body)
				require.NoError(t, err)
				require.Equal(t, m.SID, parsed.MessageSid)
				require.Equal(t, want, parsed.Status)
				require.Equal(t, sandbox.DemoAccountSID, parsed.AccountSid)
				require.Equal(t, sandbox.DemoFrom, parsed.From)
				require.Equal(t, "+14155550123", parsed.To)
				require.Equal(t, "2010-04-01", parsed.APIVersion)
			}
			read, err := client.GetMessage(ctx, conn, m.SID)
			require.NoError(t, err)
			require.Equal(t, "delivered", read.Status)
		})
	}

	// A delivery failure set through the control API carries its error code.
	m, err := client.SendSMS(ctx, demoConn(), "+14155550124", "hello", callbackURL)
	require.NoError(t, err)
	_, ds, err := e.sb.SetStatus(ctx, m.SID, "undelivered", 30003)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	cb := nextCallback(t, got)
	require.NoError(t, twilio.Connector{}.VerifyWebhook(cb.req, secrets.New(sandbox.DemoAuthToken)))
	parsed, err := twilio.ParseStatusCallback(cb.req.Body)
	require.NoError(t, err)
	require.Equal(t, "undelivered", parsed.Status)
	require.Equal(t, "30003", parsed.ErrorCode)
	e.clock.Advance(time.Minute)
	require.Empty(t, e.sb.Tick(ctx), "an undelivered message stays undelivered")

	counters, err := e.sb.Counters(sandbox.DemoAccountSID)
	require.NoError(t, err)
	require.Equal(t, 3, counters.MessagesCreated)
	require.Equal(t, 6, counters.CallbacksSent)
}

func TestSendSMSErrors(t *testing.T) {
	t.Parallel()
	e := newTwEnv(t)
	client := twilio.ClientFor(e.env)
	ctx := context.Background()
	acct, err := e.sb.CreateAccount(sandbox.AccountSpec{AuthToken: "acme-token-canary", Numbers: []string{"+14155550100"}})
	require.NoError(t, err)
	acme := twConn(acct.SID, "acme-token-canary", "+14155550100")

	tests := []struct {
		name    string
		prepare func()
		conn    connectors.Conn
		to      string
		body    string
		status  int
		code    int
		is      error
	}{
		{"invalid To", nil, acme, "0415 555 0123", "hi", 400, twilio.CodeInvalidTo, nil},
		{"magic invalid To", nil, acme, "+15005550001", "hi", 400, twilio.CodeInvalidTo, nil},
		{"magic unroutable To", nil, acme, "+15005550002", "hi", 400, 21612, nil},
		{"magic blocked To", nil, acme, "+15005550004", "hi", 400, 21610, nil},
		{"From not the account's", nil, twConn(acct.SID, "acme-token-canary", sandbox.DemoFrom), "+14155550123", "hi", 400, twilio.CodeFromNotOwned, nil},
		{"empty body", nil, acme, "+14155550123", "", 400, 21602, nil},
		{"body too long", nil, acme, "+14155550123", strings.Repeat("a", 1601), 400, 21617, nil},
		{"wrong token", nil, twConn(acct.SID, "wrong-canary", "+14155550100"), "+14155550123", "hi", 401, twilio.CodeAuthenticate, twilio.ErrUnauthorized},
		{"forced 429", func() { require.NoError(t, e.sb.Throttle(acct.SID, 1)) }, acme, "+14155550123", "hi", 429, twilio.CodeTooManyRequests, twilio.ErrRateLimited},
		{"fail next 503", func() { require.NoError(t, e.sb.FailNext(acct.SID, 1, 503)) }, acme, "+14155550123", "hi", 503, 20503, twilio.ErrUnavailable},
		{"fail next 429", func() { require.NoError(t, e.sb.FailNext(acct.SID, 1, 429)) }, acme, "+14155550123", "hi", 429, twilio.CodeTooManyRequests, twilio.ErrRateLimited},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Not parallel: failures are injected for the next call.
			if tc.prepare != nil {
				tc.prepare()
			}
			_, err := client.SendSMS(ctx, tc.conn, tc.to, tc.body, "")
			var apiErr *twilio.APIError
			require.ErrorAs(t, err, &apiErr)
			require.Equal(t, tc.status, apiErr.StatusCode)
			require.Equal(t, tc.code, apiErr.Code)
			require.Equal(t, "https://www.twilio.com/docs/errors/"+strconv.Itoa(tc.code), apiErr.MoreInfo)
			if tc.is != nil {
				require.ErrorIs(t, err, tc.is)
			}
			require.NotContains(t, err.Error(), "canary")
		})
	}

	// 1600 characters is the limit, not over it; a long body takes several segments.
	m, err := client.SendSMS(ctx, acme, "+14155550123", strings.Repeat("a", 1600), "")
	require.NoError(t, err)
	require.Equal(t, "11", m.NumSegments)
	counters, err := e.sb.Counters(acct.SID)
	require.NoError(t, err)
	require.Equal(t, 2, counters.Throttled)
	require.Equal(t, 2, counters.Failed)
	require.Equal(t, 1, counters.MessagesCreated)

	// An unreachable Twilio is a TransportError without the token.
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	_, err = (&twilio.Client{BaseURL: down.URL}).SendSMS(ctx, acme, "+14155550123", "hi", "")
	var te *twilio.TransportError
	require.True(t, errors.As(err, &te))
	require.NotContains(t, err.Error(), "canary")
}
