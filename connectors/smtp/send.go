package smtp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/switchboard-hub/switchboard/connectors"
)

// sendTimeout bounds one delivery, connection included.
const sendTimeout = 20 * time.Second

// SendEmail delivers one message through the connection's server.
func (Connector) SendEmail(ctx context.Context, c connectors.Conn, m connectors.EmailMessage) error {
	msg, client, err := compose(c, m)
	if err != nil {
		return err
	}
	if err := deliver(ctx, client, msg); err != nil {
		return explain(c, err)
	}
	return nil
}

// compose builds the message and a client for the connection's server;
// its errors are the message's or the settings' fault, and final.
func compose(c connectors.Conn, m connectors.EmailMessage) (*mail.Msg, *mail.Client, error) {
	msg := mail.NewMsg()
	if err := msg.FromFormat(c.Config["fromName"], c.Config["from"]); err != nil {
		return nil, nil, &connectors.CheckError{Field: "from", Message: "the sender address is not valid"}
	}
	if err := msg.To(m.To); err != nil {
		return nil, nil, fmt.Errorf("smtp: recipient %q is not a valid address", m.To)
	}
	msg.Subject(m.Subject)
	if m.IdempotencyKey != "" {
		msg.SetMessageIDWithValue(messageID(m.IdempotencyKey))
	}
	switch {
	case m.HTML != "" && m.Text != "":
		msg.SetBodyString(mail.TypeTextPlain, m.Text)
		msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	case m.HTML != "":
		msg.SetBodyString(mail.TypeTextHTML, m.HTML)
	default:
		msg.SetBodyString(mail.TypeTextPlain, m.Text)
	}
	client, err := newClient(c)
	if err != nil {
		return nil, nil, err
	}
	return msg, client, nil
}

// messageID is the Message-ID (without its angle brackets) of the message
// sent for an idempotency key: every retry sends the same one, so that a
// receiver can drop duplicates.
func messageID(idempotencyKey string) string { return idempotencyKey + "@switchboard" }

// deliver connects and sends msg within sendTimeout.
func deliver(ctx context.Context, client *mail.Client, msg *mail.Msg) error {
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	return client.DialAndSendWithContext(ctx, msg)
}

// CheckCredentials sends a test message to the probe's recipient: the only
// proof that host, port, TLS, user name, password and sender all work.
func (s Connector) CheckCredentials(ctx context.Context, c connectors.Conn, p connectors.Probe) error {
	return s.SendEmail(ctx, c, connectors.EmailMessage{
		To:      p.Recipient,
		Subject: "Switchboard test message",
		Text: "This message confirms that Switchboard can send email through " + c.Config["host"] +
			" as " + c.Config["from"] + ".\n\nYou received it because you connected this mail server.",
	})
}

func newClient(c connectors.Conn) (*mail.Client, error) {
	port, err := strconv.Atoi(c.Config["port"])
	if err != nil {
		return nil, &connectors.CheckError{Field: "port", Message: "the port must be a number"}
	}
	opts := []mail.Option{mail.WithTimeout(sendTimeout)}
	switch c.Config["tls"] {
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	opts = append(opts, mail.WithPort(port))
	if c.Env.Dial != nil {
		opts = append(opts, mail.WithDialContextFunc(c.Env.Dial))
	}
	if user := c.Config["username"]; user != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(c.Value("password")))
	}
	client, err := mail.NewClient(c.Config["host"], opts...)
	if err != nil {
		return nil, &connectors.CheckError{Field: "host", Message: "the mail server settings are not valid"}
	}
	return client, nil
}

// explain turns a delivery error into a message a user can act on, naming
// the field at fault; it never repeats the password.
func explain(c connectors.Conn, err error) error {
	addr := net.JoinHostPort(c.Config["host"], c.Config["port"])
	text := strings.ToLower(err.Error())
	if pw := c.Value("password"); pw != "" {
		text = strings.ReplaceAll(text, strings.ToLower(pw), "[redacted]")
	}
	var netErr net.Error
	var refused interface{ Refused() bool }
	switch {
	case errors.As(err, &refused) && refused.Refused():
		return &connectors.CheckError{Field: "host", Message: "this hub does not connect to private or local addresses such as " + c.Config["host"]}
	case strings.Contains(text, "no such host"):
		return &connectors.CheckError{Field: "host", Message: "the host " + c.Config["host"] + " does not exist"}
	case strings.Contains(text, "connection refused"), errors.As(err, &netErr) && netErr.Timeout(), strings.Contains(text, "i/o timeout"):
		return &connectors.CheckError{Field: "port", Message: "nothing answered at " + addr + "; check the host and port"}
	case strings.Contains(text, "starttls"), strings.Contains(text, "tls"):
		return &connectors.CheckError{Field: "tls", Message: "the TLS setting does not match the server at " + addr}
	case strings.Contains(text, "auth"), strings.Contains(text, "535"), strings.Contains(text, "credentials"):
		return &connectors.CheckError{Field: "password", Message: "the server refused the user name or password"}
	case strings.Contains(text, "sender"), strings.Contains(text, "mail from"), strings.Contains(text, "553"), strings.Contains(text, "550"):
		return &connectors.CheckError{Field: "from", Message: "the server refused the sender address " + c.Config["from"]}
	}
	return &connectors.CheckError{Message: "the mail server at " + addr + " did not accept the message: " + text}
}
