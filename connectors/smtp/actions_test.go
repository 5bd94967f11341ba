package smtp_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/smtp"
	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
)

func sendEmail(t *testing.T, c connectors.Conn, key string, input map[string]string) (connectors.ActionResult, *connectors.ActionError) {
	t.Helper()
	res, err := smtp.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "send_email", Input: input, IdempotencyKey: key, Conn: c})
	if err == nil {
		return res, nil
	}
	ae, ok := err.(*connectors.ActionError)
	require.True(t, ok, "%T: %v", err, err)
	require.NotContains(t, ae.Message+ae.Response, "canary")
	return res, ae
}

func TestRunActionSendEmail(t *testing.T) {
	t.Parallel()
	s, err := sandbox.Start("shop", "s3cret-canary")
	require.NoError(t, err)
	defer s.Close()
	c := conn(s, "shop", "s3cret-canary")
	in := map[string]string{"to": "ada@example.com", "subject": "Your order #1001", "html": "<p>Thanks, Ada</p>", "text": "Thanks, Ada"}

	res, ae := sendEmail(t, c, "evt-1.rule-2.step-3", in)
	require.Nil(t, ae)
	require.Equal(t, map[string]string{"messageId": "<evt-1.rule-2.step-3@switchboard>"}, res.Output)
	require.Contains(t, res.Summary, "ada@example.com")

	// The server defers the retry of another step, then takes it: a
	// temporary failure is retried, and both attempts carry one Message-ID.
	s.FailNext(1, 451)
	_, ae = sendEmail(t, c, "evt-2.rule-2.step-3", in)
	require.NotNil(t, ae)
	require.False(t, ae.Permanent, "451 is temporary")
	require.Contains(t, ae.Response, "451")
	_, ae = sendEmail(t, c, "evt-2.rule-2.step-3", in)
	require.Nil(t, ae)
	msgs := s.Messages()
	require.Len(t, msgs, 2)
	require.Contains(t, string(msgs[1].Data), "Message-ID: <evt-2.rule-2.step-3@switchboard>")
	require.Equal(t, []string{"ada@example.com"}, msgs[1].To)
	require.True(t, strings.Contains(string(msgs[1].Data), "text/html") && strings.Contains(string(msgs[1].Data), "text/plain"))

	s.FailNext(1, 550)
	_, ae = sendEmail(t, c, "evt-3", in)
	require.True(t, ae.Permanent, "550 is final")

	for name, tc := range map[string]struct {
		conn connectors.Conn
		in   map[string]string
	}{
		"wrong password": {conn(s, "shop", "wrong-canary"), in},
		"no recipient":   {c, map[string]string{"subject": "x", "text": "x"}},
		"bad recipient":  {c, map[string]string{"to": "Ada <ada@example.com>", "subject": "x", "text": "x"}},
		"no subject":     {c, map[string]string{"to": "ada@example.com", "text": "x"}},
		"no body":        {c, map[string]string{"to": "ada@example.com", "subject": "x", "html": " "}},
		"tls required": {func() connectors.Conn {
			c := conn(s, "shop", "s3cret-canary")
			c.Config["tls"] = "starttls"
			return c
		}(), in},
	} {
		_, ae := sendEmail(t, tc.conn, "evt-4", tc.in)
		require.NotNil(t, ae, name)
		require.True(t, ae.Permanent, name)
	}

	down := conn(s, "shop", "s3cret-canary")
	down.Config["port"] = "1"
	_, ae = sendEmail(t, down, "evt-5", in)
	require.False(t, ae.Permanent, "nothing answered: the server may come back")
	require.Equal(t, "nothing answered at 127.0.0.1:1; check the host and port", ae.Message)

	require.Len(t, s.Messages(), 2)
	_, err = smtp.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "send_fax"})
	require.True(t, err.(*connectors.ActionError).Permanent)
}
