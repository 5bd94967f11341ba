package hubspot

import (
	"context"
	"errors"
	"net/http"

	"github.com/switchboard-hub/switchboard/connectors"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
)

// actionError turns a client failure into a *connectors.ActionError. Rate
// limits (after Retry-After), server failures and a refused token (the hub
// refreshes HubSpot's 30-minute tokens before each attempt, so the next
// one may carry a good token) are retried; other 4xx answers (validation,
// conflicts, unknown lists, missing scopes) are permanent. An ActionError
// passes through; the context's own error is returned as it is.
func actionError(err error) error {
	var (
		ae *connectors.ActionError
		rl *RateLimitedError
		se *ServerError
		st *StatusError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, ErrUnauthorized):
		return &connectors.ActionError{Message: "HubSpot refused the connection's access token: reconnect HubSpot if this goes on",
			Response: actionkit.Response(http.StatusUnauthorized, err.Error())}
	case errors.As(err, &rl):
		return actionkit.Failure("HubSpot is limiting the rate of requests: trying again later", http.StatusTooManyRequests, rl.Error(), rl.RetryAfter)
	case errors.As(err, &se):
		return actionkit.Failure("HubSpot did not answer properly: trying again later", se.StatusCode, se.Err.Error(), 0)
	case errors.As(err, &st):
		answer := st.Message
		if st.Category != "" {
			answer = st.Category + ": " + st.Message
		}
		return actionkit.Failure("HubSpot refused the request: "+st.Message, st.StatusCode, answer, 0)
	}
	return &connectors.ActionError{Message: err.Error()}
}
