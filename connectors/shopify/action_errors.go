package shopify

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
)

// actionError turns a client failure into a *connectors.ActionError:
// throttling, server failures and a refused token are retried (throttling
// after the wait the cost extension asks for; the hub refreshes the
// one-hour token before each attempt, so the next one may carry a good
// token); other 4xx answers, GraphQL errors and a mutation's user errors
// are permanent. An ActionError passes through; the context's own error is
// returned as it is.
func actionError(err error) error {
	var (
		ae *connectors.ActionError
		th *ThrottledError
		se *ServerError
		st *StatusError
		ue *UserErrors
		ge *GraphQLError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, ErrUnauthorized):
		return &connectors.ActionError{Message: "Shopify refused the connection's access token: reconnect the store if this goes on",
			Response: actionkit.Response(http.StatusUnauthorized, err.Error())}
	case errors.As(err, &th):
		return &connectors.ActionError{Message: "Shopify is limiting the rate of requests: trying again later", Response: th.Error(), RetryAfter: th.RetryAfter}
	case errors.As(err, &se):
		return actionkit.Failure("Shopify did not answer properly: trying again later", se.StatusCode, se.Err.Error(), 0)
	case errors.As(err, &st):
		return actionkit.Failure("Shopify refused the request: "+st.Message, st.StatusCode, st.Message, 0)
	case errors.As(err, &ue):
		msgs := make([]string, len(ue.Errors))
		for i, u := range ue.Errors {
			msgs[i] = u.Message
		}
		return &connectors.ActionError{Message: "Shopify refused: " + strings.Join(msgs, "; "), Response: ue.Error(), Permanent: true}
	case errors.As(err, &ge):
		return &connectors.ActionError{Message: "Shopify could not run the request", Response: ge.Error(), Permanent: true}
	}
	return &connectors.ActionError{Message: err.Error(), Permanent: errors.Is(err, ErrInvalidShop)}
}
