package smtp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/textproto"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"github.com/switchboard-hub/switchboard/connectors"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
	"github.com/switchboard-hub/switchboard/connectors/internal/apiclient"
)

var _ connectors.ActionRunner = Connector{}

// RunAction implements connectors.ActionRunner for send_email: to,
// subject and an html and/or text body, with the idempotency key as the
// Message-ID, so that a receiver can drop the duplicate of a retried step.
// Output: messageId. A failure the server calls temporary (4xx), or a
// server that did not answer, is retried; a refused login, sender or
// recipient (5xx) and wrong TLS settings are permanent.
func (Connector) RunAction(ctx context.Context, call connectors.ActionCall) (connectors.ActionResult, error) {
	if call.Action != "send_email" {
		return connectors.ActionResult{}, actionkit.Unknown("Email (SMTP)", call.Action)
	}
	m, err := emailInput(call)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	msg, client, err := compose(call.Conn, m)
	if err != nil {
		return connectors.ActionResult{}, &connectors.ActionError{Message: failureMessage(err), Permanent: true}
	}
	if err := deliver(ctx, client, msg); err != nil {
		if ctx.Err() != nil {
			return connectors.ActionResult{}, fmt.Errorf("smtp: send email: %w", ctx.Err())
		}
		return connectors.ActionResult{}, &connectors.ActionError{Message: failureMessage(explain(call.Conn, err)),
			Response: apiclient.RedactString(err.Error(), call.Conn.Value("password")), Permanent: !temporary(err)}
	}
	out := map[string]string{}
	if call.IdempotencyKey != "" {
		out["messageId"] = "<" + messageID(call.IdempotencyKey) + ">"
	}
	return connectors.ActionResult{Output: out,
		Summary: fmt.Sprintf("email to %s accepted by %s", m.To, net.JoinHostPort(call.Conn.Config["host"], call.Conn.Config["port"]))}, nil
}

func emailInput(call connectors.ActionCall) (connectors.EmailMessage, error) {
	to, err := actionkit.Required(call.Input, "to")
	if err != nil {
		return connectors.EmailMessage{}, err
	}
	if a, err := mail.ParseAddress(to); err != nil || a.Address != to {
		return connectors.EmailMessage{}, actionkit.Invalid("the to input %q is not an email address", to)
	}
	subject, err := actionkit.Required(call.Input, "subject")
	if err != nil {
		return connectors.EmailMessage{}, err
	}
	m := connectors.EmailMessage{To: to, Subject: subject, HTML: call.Input["html"], Text: call.Input["text"], IdempotencyKey: call.IdempotencyKey}
	if strings.TrimSpace(m.HTML) == "" && strings.TrimSpace(m.Text) == "" {
		return connectors.EmailMessage{}, actionkit.Invalid("the email needs an html or a text body")
	}
	return m, nil
}

func failureMessage(err error) string {
	var ce *connectors.CheckError
	if errors.As(err, &ce) {
		return ce.Message
	}
	return err.Error()
}

// temporary reports whether a delivery failure may pass: the server said
// so (an SMTP 4xx reply), or did not answer or dropped the connection.
func temporary(err error) bool {
	var (
		se  *gomail.SendError
		te  *textproto.Error
		dns *net.DNSError
	)
	var refused interface{ Refused() bool }
	switch {
	case errors.As(err, &se) && se.ErrorCode() != 0:
		return se.IsTemp()
	case errors.As(err, &te):
		return te.Code/100 == 4
	case errors.As(err, &refused) && refused.Refused():
		return false // the hub does not connect there, now or later
	case errors.As(err, &dns):
		return !dns.IsNotFound
	}
	text := strings.ToLower(err.Error())
	return !strings.Contains(text, "tls") && !strings.Contains(text, "certificate")
}
