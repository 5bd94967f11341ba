package twilio_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/twilio"
	"github.com/switchboard-hub/switchboard/connectors/twilio/sandbox"
)

func sendSMS(t *testing.T, env connectors.Env, conn connectors.Conn, input map[string]string) (connectors.ActionResult, *connectors.ActionError) {
	t.Helper()
	conn.Env = env
	res, err := twilio.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "send_sms", Input: input,
		IdempotencyKey: "evt-1.rule-1.step-1", Conn: conn})
	if err == nil {
		return res, nil
	}
	ae, ok := err.(*connectors.ActionError)
	require.True(t, ok, "%T: %v", err, err)
	require.NotContains(t, ae.Message+ae.Response, conn.Value("authToken"))
	return res, ae
}

func TestRunActionSendSMS(t *testing.T) {
	t.Parallel()
	e := newTwEnv(t)
	in := map[string]string{"to": "+15558675310", "body": "Your order #1001 has shipped"}

	res, ae := sendSMS(t, e.env, demoConn(), in)
	require.Nil(t, ae)
	sid := res.Output["sid"]
	require.Regexp(t, `^SM[0-9a-f]{32}$`, sid)
	require.Equal(t, map[string]string{"sid": sid}, res.Output)
	require.Equal(t, "message "+sid+" queued", res.Summary)
	msgs, err := e.sb.Messages(sandbox.DemoAccountSID)
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	var m struct{ SID, To, From, Body string }
	require.NoError(t, json.Unmarshal(msgs[0], &m))
	require.Equal(t, sid, m.SID)
	require.Equal(t, "Your order #1001 has shipped", m.Body)

	for name, tc := range map[string]struct {
		conn connectors.Conn
		in   map[string]string
		want string
	}{
		"no body":        {demoConn(), map[string]string{"to": "+15558675310", "body": "  "}, ""},
		"no recipient":   {demoConn(), map[string]string{"body": "hi"}, ""},
		"invalid number": {demoConn(), map[string]string{"to": "+15005550001", "body": "hi"}, "error 21211"},
		"not our sender": {twConn(sandbox.DemoAccountSID, sandbox.DemoAuthToken, "+14155550199"), in, "error 21606"},
		"wrong token":    {twConn(sandbox.DemoAccountSID, "wrong-token-canary", sandbox.DemoFrom), in, "HTTP 401"},
	} {
		_, ae := sendSMS(t, e.env, tc.conn, tc.in)
		require.NotNil(t, ae, name)
		require.True(t, ae.Permanent, name)
		require.Contains(t, ae.Response, tc.want, name)
	}

	require.NoError(t, e.sb.Throttle(sandbox.DemoAccountSID, 1))
	_, ae = sendSMS(t, e.env, demoConn(), in)
	require.False(t, ae.Permanent)
	require.Contains(t, ae.Response, "HTTP 429: error 20429")
	require.NoError(t, e.sb.FailNext(sandbox.DemoAccountSID, 1, http.StatusInternalServerError))
	_, ae = sendSMS(t, e.env, demoConn(), in)
	require.False(t, ae.Permanent)

	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	_, ae = sendSMS(t, connectors.Env{HTTP: e.env.HTTP, SandboxBase: down.URL}, demoConn(), in)
	require.False(t, ae.Permanent)

	msgs, _ = e.sb.Messages(sandbox.DemoAccountSID)
	require.Len(t, msgs, 1, "nothing else was sent")
	_, err = twilio.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "send_mms"})
	require.True(t, err.(*connectors.ActionError).Permanent)
}
