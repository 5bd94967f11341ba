package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/webhook"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const secret = "a-long-random-signing-secret-canary"

// receiver records deliveries and answers with the statuses queued in
// answers (200 once they run out).
type receiver struct {
	mu      sync.Mutex
	got     []*http.Request
	bodies  [][]byte
	answers []int
	srv     *httptest.Server
}

func newReceiver(t *testing.T, answers ...int) *receiver {
	t.Helper()
	rc := &receiver{answers: answers}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got, rc.bodies = append(rc.got, r), append(rc.bodies, body)
		status := http.StatusOK
		if len(rc.answers) > 0 {
			status, rc.answers = rc.answers[0], rc.answers[1:]
		}
		rc.mu.Unlock()
		switch status {
		case http.StatusTooManyRequests:
			w.Header().Set("Retry-After", "30")
		case http.StatusFound:
			w.Header().Set("Location", "/elsewhere")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"answer":"`+http.StatusText(status)+`"}`)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

func notify(t *testing.T, url, signing, key string, input map[string]string) (connectors.ActionResult, *connectors.ActionError) {
	t.Helper()
	res, err := webhook.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "notify", Input: input, IdempotencyKey: key,
		Conn: connectors.Conn{Config: map[string]string{"url": url}, Secrets: map[string]secrets.Secret{"signingSecret": secrets.New(signing)},
			Env: connectors.Env{HTTP: &http.Client{Timeout: 5 * time.Second}}}})
	if err == nil {
		return res, nil
	}
	ae, ok := err.(*connectors.ActionError)
	require.True(t, ok, "%T: %v", err, err)
	require.NotContains(t, ae.Message+ae.Response, signing)
	return res, ae
}

// verify checks a delivery the way the Standard Webhooks libraries do.
func verify(t *testing.T, key []byte, r *http.Request, body []byte) {
	t.Helper()
	ts, err := strconv.ParseInt(r.Header.Get("Webhook-Timestamp"), 10, 64)
	require.NoError(t, err)
	require.WithinDuration(t, time.Now(), time.Unix(ts, 0), time.Minute)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(r.Header.Get("Webhook-Id") + "." + r.Header.Get("Webhook-Timestamp") + "." + string(body)))
	require.Equal(t, "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)), r.Header.Get("Webhook-Signature"))
}

func TestNotify(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, http.StatusServiceUnavailable)
	in := map[string]string{"event": "order.created", "payload": `{ "order": { "id": "1001", "total": 59.9 } }`}

	_, ae := notify(t, rc.srv.URL+"/hooks?x=1", secret, "evt-1.rule-2.step-3", in)
	require.NotNil(t, ae)
	require.False(t, ae.Permanent, "a 503 is retried")
	require.Equal(t, `HTTP 503: {"answer":"Service Unavailable"}`, ae.Response)

	res, ae := notify(t, rc.srv.URL+"/hooks?x=1", secret, "evt-1.rule-2.step-3", in)
	require.Nil(t, ae)
	require.Equal(t, map[string]string{"status": "200"}, res.Output)
	require.Contains(t, res.Summary, "answered HTTP 200")

	require.Len(t, rc.got, 2)
	for i, r := range rc.got {
		require.Equal(t, http.MethodPost, r.Method)
		require.Equal(t, "/hooks?x=1", r.URL.RequestURI())
		require.Equal(t, "application/json", r.Header.Get("Content-Type"))
		require.Equal(t, "evt-1.rule-2.step-3", r.Header.Get("Webhook-Id"), "every attempt carries the same id")
		require.Equal(t, "evt-1.rule-2.step-3", r.Header.Get("Idempotency-Key"))
		require.JSONEq(t, `{"event":"order.created","data":{"order":{"id":"1001","total":59.9}},"id":"evt-1.rule-2.step-3"}`, string(rc.bodies[i]))
		verify(t, []byte(secret), r, rc.bodies[i])
	}
	require.Equal(t, webhook.Sign(secrets.New(secret), "evt-1.rule-2.step-3", mustInt(t, rc.got[1].Header.Get("Webhook-Timestamp")), rc.bodies[1]),
		rc.got[1].Header.Get("Webhook-Signature"))

	var d webhook.Delivery
	require.NoError(t, json.Unmarshal(rc.bodies[1], &d))
	require.Equal(t, "order.created", d.Event)
}

func TestNotifyStandardWebhooksSecretAndNullData(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t)
	key := []byte("0123456789abcdef0123456789abcdef")
	whsec := "whsec_" + base64.StdEncoding.EncodeToString(key)
	_, ae := notify(t, rc.srv.URL, whsec, "k-1", map[string]string{"event": "customer.tagged"})
	require.Nil(t, ae)
	require.JSONEq(t, `{"event":"customer.tagged","data":null,"id":"k-1"}`, string(rc.bodies[0]))
	verify(t, key, rc.got[0], rc.bodies[0])
}

func TestNotifyFailures(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, http.StatusTooManyRequests, http.StatusBadRequest, http.StatusFound)
	in := map[string]string{"event": "x"}

	_, ae := notify(t, rc.srv.URL, secret, "k", in)
	require.False(t, ae.Permanent)
	require.Equal(t, 30*time.Second, ae.RetryAfter)
	_, ae = notify(t, rc.srv.URL, secret, "k", in)
	require.True(t, ae.Permanent, "a 400 will not change")
	_, ae = notify(t, rc.srv.URL, secret, "k", in)
	require.True(t, ae.Permanent, "a redirect is not followed")
	require.Len(t, rc.got, 3)

	for name, tc := range map[string]struct {
		key string
		in  map[string]string
	}{
		"no event":       {"k", map[string]string{"payload": "{}"}},
		"bad payload":    {"k", map[string]string{"event": "x", "payload": "{not json"}},
		"no delivery id": {"", in},
	} {
		_, ae := notify(t, rc.srv.URL, secret, tc.key, tc.in)
		require.True(t, ae.Permanent, name)
	}
	require.Len(t, rc.got, 3, "bad input is never sent")

	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	_, ae = notify(t, down.URL, secret, "k", in)
	require.False(t, ae.Permanent, "no answer is retried")
	_, err := webhook.Connector{}.RunAction(context.Background(), connectors.ActionCall{Action: "poll"})
	require.True(t, err.(*connectors.ActionError).Permanent)
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	require.NoError(t, err)
	return n
}
