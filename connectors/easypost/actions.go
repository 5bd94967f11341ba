package easypost

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
)

var _ connectors.ActionRunner = Connector{}

// RunAction implements connectors.ActionRunner for create_tracker: start
// tracking trackingCode (with carrier, or EasyPost's guess). EasyPost takes
// no idempotency key, but tracking a code the account already tracks
// returns the existing tracker, so a retry creates nothing new. Output:
// id, trackingCode, carrier, status and publicUrl.
func (Connector) RunAction(ctx context.Context, call connectors.ActionCall) (connectors.ActionResult, error) {
	if call.Action != "create_tracker" {
		return connectors.ActionResult{}, actionkit.Unknown("EasyPost", call.Action)
	}
	code, err := actionkit.Required(call.Input, "trackingCode")
	if err != nil {
		return connectors.ActionResult{}, err
	}
	t, err := ClientFor(call.Conn.Env).CreateTracker(ctx, call.Conn, code, strings.TrimSpace(call.Input["carrier"]))
	if err != nil {
		return connectors.ActionResult{}, actionError(err)
	}
	return connectors.ActionResult{
		Output:  map[string]string{"id": t.ID, "trackingCode": t.TrackingCode, "carrier": t.Carrier, "status": t.Status, "publicUrl": t.PublicURL},
		Summary: fmt.Sprintf("tracker %s: %s %s is %s", t.ID, t.Carrier, t.TrackingCode, t.Status),
	}, nil
}

// actionError turns a client failure into a *connectors.ActionError: 5xx,
// 408 and 429 answers (after Retry-After when sent) and calls without an
// answer are retried; other 4xx answers, a refused key included, are
// permanent. The context's own error is returned as it is.
func actionError(err error) error {
	var (
		apiErr *APIError
		te     *TransportError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.As(err, &apiErr):
		msg := "EasyPost refused the request: " + apiErr.Message
		switch {
		case errors.Is(apiErr, ErrUnauthorized):
			msg = "EasyPost refused the connection's API key: update it"
		case !actionkit.Permanent(apiErr.StatusCode):
			msg = "EasyPost could not take the request now: trying again later"
		}
		answer := strings.TrimLeft(strings.TrimPrefix(apiErr.Error(), fmt.Sprintf("easypost: HTTP %d", apiErr.StatusCode)), " :")
		return actionkit.Failure(msg, apiErr.StatusCode, answer, apiErr.RetryAfter)
	case errors.As(err, &te):
		return actionkit.Unreachable("EasyPost could not be reached: trying again later", te)
	}
	return &connectors.ActionError{Message: err.Error()}
}
