package smtp_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/smtp"
	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

func conn(s *sandbox.Server, user, pass string) connectors.Conn {
	return connectors.Conn{
		Config:  map[string]string{"host": s.Host(), "port": strconv.Itoa(s.Port()), "tls": "none", "username": user, "from": "shop@example.com", "fromName": "Acme Shop"},
		Secrets: map[string]secrets.Secret{"password": secrets.New(pass)},
	}
}

func TestCheckSendsATestMessageThroughARealServer(t *testing.T) {
	s, err := sandbox.Start("shop", "s3cret-canary")
	require.NoError(t, err)
	defer s.Close()

	err = smtp.Connector{}.CheckCredentials(context.Background(), conn(s, "shop", "s3cret-canary"), connectors.Probe{Recipient: "owner@example.com"})
	require.NoError(t, err)
	msgs := s.Messages()
	require.Len(t, msgs, 1)
	require.Equal(t, []string{"owner@example.com"}, msgs[0].To)
	require.Equal(t, "shop@example.com", msgs[0].From)
	require.Contains(t, string(msgs[0].Data), "Subject: Switchboard test message")
	require.Contains(t, string(msgs[0].Data), "Acme Shop")
}

func TestFailedChecksNameTheFieldAndHideThePassword(t *testing.T) {
	s, err := sandbox.Start("shop", "right-password")
	require.NoError(t, err)
	defer s.Close()
	ctx := context.Background()
	probe := connectors.Probe{Recipient: "owner@example.com"}

	err = smtp.Connector{}.CheckCredentials(ctx, conn(s, "shop", "wrong-password-canary"), probe)
	var ce *connectors.CheckError
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "password", ce.Field)
	require.NotContains(t, err.Error(), "canary")

	c := conn(s, "shop", "right-password")
	c.Config["port"] = "1"
	err = smtp.Connector{}.CheckCredentials(ctx, c, probe)
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "port", ce.Field)

	c = conn(s, "shop", "right-password")
	c.Config["tls"] = "starttls"
	err = smtp.Connector{}.CheckCredentials(ctx, c, probe)
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "tls", ce.Field, "a server without STARTTLS is refused when TLS is required: %v", err)
	require.Empty(t, s.Messages(), "nothing was delivered by the failed checks")
}

func TestIdempotencyKeyBecomesTheMessageID(t *testing.T) {
	s, err := sandbox.Start("", "")
	require.NoError(t, err)
	defer s.Close()
	err = smtp.Connector{}.SendEmail(context.Background(), conn(s, "", ""), connectors.EmailMessage{
		To: "c@example.com", Subject: "Order #1001", HTML: "<p>Thanks</p>", Text: "Thanks", IdempotencyKey: "evt-1.rule-2.step-3",
	})
	require.NoError(t, err)
	data := string(s.Messages()[0].Data)
	require.Contains(t, data, "Message-ID: <evt-1.rule-2.step-3@switchboard>")
	require.True(t, strings.Contains(data, "text/html") && strings.Contains(data, "text/plain"))
}
