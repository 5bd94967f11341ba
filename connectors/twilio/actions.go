package twilio

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
)

var _ connectors.ActionRunner = Connector{}

// RunAction implements connectors.ActionRunner for send_sms: body to the
// phone number to, from the connection's sender. Output: sid (the
// message's, which status callbacks name). Twilio's Messages API takes no
// idempotency key, so a retry whose first attempt reached Twilio (and lost
// the answer) sends a second message.
func (Connector) RunAction(ctx context.Context, call connectors.ActionCall) (connectors.ActionResult, error) {
	if call.Action != "send_sms" {
		return connectors.ActionResult{}, actionkit.Unknown("Twilio", call.Action)
	}
	to, err := actionkit.Required(call.Input, "to")
	if err != nil {
		return connectors.ActionResult{}, err
	}
	body := call.Input["body"]
	if strings.TrimSpace(body) == "" {
		return connectors.ActionResult{}, actionkit.Invalid("the body input is required")
	}
	m, err := ClientFor(call.Conn.Env).SendSMS(ctx, call.Conn, to, body, "")
	if err != nil {
		return connectors.ActionResult{}, actionError(err)
	}
	return connectors.ActionResult{Output: map[string]string{"sid": m.SID}, Summary: fmt.Sprintf("message %s %s", m.SID, m.Status)}, nil
}

// actionError turns a client failure into a *connectors.ActionError: 5xx,
// 408 and 429 answers and calls without an answer are retried; other 4xx
// answers (an invalid number, a sender not the account's, refused
// credentials) are permanent. The context's own error is returned as it is.
func actionError(err error) error {
	var (
		apiErr *APIError
		te     *TransportError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.As(err, &apiErr):
		msg := "Twilio refused the message: " + apiErr.Message
		switch {
		case errors.Is(apiErr, ErrUnauthorized):
			msg = "Twilio refused the connection's Account SID and auth token: update them"
		case !actionkit.Permanent(apiErr.StatusCode):
			msg = "Twilio could not take the message now: trying again later"
		}
		answer := apiErr.Message
		if apiErr.Code != 0 {
			answer = fmt.Sprintf("error %d: %s", apiErr.Code, apiErr.Message)
		}
		return actionkit.Failure(msg, apiErr.StatusCode, answer, 0)
	case errors.As(err, &te):
		return actionkit.Unreachable("Twilio could not be reached: trying again later", te)
	}
	return &connectors.ActionError{Message: err.Error()}
}
