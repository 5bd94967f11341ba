package easypost_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/easypost"
)

func createTracker(t *testing.T, env connectors.Env, key string, input map[string]string) (connectors.ActionResult, *connectors.ActionError) {
	t.Helper()
	res, err := easypost.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "create_tracker", Input: input,
		IdempotencyKey: "evt-1.rule-1.step-1", Conn: connectors.Conn{Config: conn(key).Config, Secrets: conn(key).Secrets, Env: env}})
	if err == nil {
		return res, nil
	}
	ae, ok := err.(*connectors.ActionError)
	require.True(t, ok, "%T: %v", err, err)
	require.NotContains(t, ae.Message+ae.Response, key)
	return res, ae
}

func TestRunActionCreateTracker(t *testing.T) {
	t.Parallel()
	e := newEPEnv(t)
	const key = "EZTKsandbox-demo"

	res, ae := createTracker(t, e.env, key, map[string]string{"trackingCode": "EZ2000000002", "carrier": "UPS"})
	require.Nil(t, ae)
	id := res.Output["id"]
	require.Regexp(t, `^trk_`, id)
	require.Equal(t, map[string]string{"id": id, "trackingCode": "EZ2000000002", "carrier": "UPS", "status": "in_transit",
		"publicUrl": res.Output["publicUrl"]}, res.Output)
	require.NotEmpty(t, res.Output["publicUrl"])
	require.Contains(t, res.Summary, "in_transit")

	res, ae = createTracker(t, e.env, key, map[string]string{"trackingCode": "EZ2000000002", "carrier": "UPS"})
	require.Nil(t, ae)
	require.Equal(t, id, res.Output["id"], "a retry finds the tracker made by the first attempt")

	_, ae = createTracker(t, e.env, key, map[string]string{"carrier": "UPS"})
	require.True(t, ae.Permanent, "no tracking code")
	_, ae = createTracker(t, e.env, key, map[string]string{"trackingCode": "EZ2000000002", "carrier": "A carrier whose name is far longer than fifty characters"})
	require.True(t, ae.Permanent)
	require.Contains(t, ae.Response, "HTTP 422: PARAMETER.INVALID")

	_, ae = createTracker(t, e.env, "EZTKwrong-canary", map[string]string{"trackingCode": "EZ1"})
	require.True(t, ae.Permanent)
	require.Contains(t, ae.Message, "API key")
	require.Contains(t, ae.Response, "HTTP 401")

	require.NoError(t, e.sb.Throttle("demo", 1))
	_, ae = createTracker(t, e.env, key, map[string]string{"trackingCode": "EZ3000000003"})
	require.False(t, ae.Permanent)
	require.Contains(t, ae.Response, "HTTP 429")
	require.NoError(t, e.sb.FailNext("demo", 1, http.StatusServiceUnavailable))
	_, ae = createTracker(t, e.env, key, map[string]string{"trackingCode": "EZ3000000003"})
	require.False(t, ae.Permanent)

	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	_, ae = createTracker(t, connectors.Env{HTTP: e.env.HTTP, SandboxBase: down.URL}, key, map[string]string{"trackingCode": "EZ3000000003"})
	require.False(t, ae.Permanent, "no answer is worth retrying")

	_, err := easypost.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "buy_label"})
	require.True(t, err.(*connectors.ActionError).Permanent)
}
