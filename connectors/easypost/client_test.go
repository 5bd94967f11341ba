package easypost_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/easypost"
	"github.com/switchboard-hub/switchboard/connectors/easypost/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const sandboxPrefix = "/sandbox/easypost"

// epEnv is a sandbox served over real HTTP under the hub's prefix.
type epEnv struct {
	sb   *sandbox.Sandbox
	srv  *httptest.Server
	base string
	env  connectors.Env
}

func newEPEnv(t *testing.T) *epEnv {
	t.Helper()
	start := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := start
	sb := sandbox.New(sandbox.Options{Now: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Minute)
		return now
	}})
	mux := http.NewServeMux()
	mux.Handle(sandboxPrefix+"/", http.StripPrefix(sandboxPrefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base := srv.URL + sandboxPrefix
	return &epEnv{sb: sb, srv: srv, base: base, env: connectors.Env{HTTP: &http.Client{Timeout: 5 * time.Second}, SandboxBase: base}}
}

// control calls the sandbox's control API over HTTP.
func (e *epEnv) control(t *testing.T, path string, body any) (int, map[string]any) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	resp, err := http.Post(e.base+"/_control"+path, "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	out := map[string]any{}
	if len(bytes.TrimSpace(raw)) > 0 {
		require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	}
	return resp.StatusCode, out
}

func conn(key string) connectors.Conn {
	return connectors.Conn{Config: map[string]string{}, Secrets: map[string]secrets.Secret{"apiKey": secrets.New(key)}}
}

func TestCheckCredentials(t *testing.T) {
	t.Parallel()
	e := newEPEnv(t)
	status, u := e.control(t, "/users", map[string]any{"name": "Acme"})
	require.Equal(t, http.StatusCreated, status)
	testKey, prodKey := u["testKey"].(string), u["productionKey"].(string)
	require.Regexp(t, `^EZTK[0-9a-f]{32}$`, testKey)
	require.Regexp(t, `^EZAK[0-9a-f]{32}$`, prodKey)
	status, disabledUser := e.control(t, "/users", map[string]any{"name": "Gone"})
	require.Equal(t, http.StatusCreated, status)
	status, _ = e.control(t, "/users/"+disabledUser["id"].(string)+"/disable-keys", nil)
	require.Equal(t, http.StatusNoContent, status)

	down := httptest.NewServer(http.NotFoundHandler())
	downBase := down.URL + sandboxPrefix
	down.Close()

	tests := []struct {
		name  string
		key   string
		env   connectors.Env
		field string
		msg   string
	}{
		{"demo key", "EZTKsandbox-demo", e.env, "", ""},
		{"test key", testKey, e.env, "", ""},
		{"production key", prodKey, e.env, "", ""},
		{"unknown key", "EZTKwrong0000canary", e.env, "apiKey", "EasyPost refused this API key"},
		{"disabled key", disabledUser["testKey"].(string), e.env, "apiKey", "EasyPost refused this API key"},
		{"empty key", "", e.env, "apiKey", "an EasyPost API key is required"},
		{"server down", "EZTKsandbox-demo", connectors.Env{HTTP: e.env.HTTP, SandboxBase: downBase}, "", "EasyPost could not be reached; try again later"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := easypost.Connector{}.CheckCredentials(context.Background(), conn(tc.key), connectors.Probe{Env: tc.env})
			if tc.msg == "" {
				require.NoError(t, err)
				return
			}
			var ce *connectors.CheckError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tc.field, ce.Field)
			require.Equal(t, tc.msg, ce.Message)
			if tc.key != "" {
				require.NotContains(t, err.Error(), tc.key)
			}
		})
	}

	// A forced 429 is not the key's fault.
	require.NoError(t, e.sb.Throttle("demo", 1))
	err := easypost.Connector{}.CheckCredentials(context.Background(), conn("EZTKsandbox-demo"), connectors.Probe{Env: e.env})
	var ce *connectors.CheckError
	require.ErrorAs(t, err, &ce)
	require.Empty(t, ce.Field)
	require.Contains(t, ce.Message, "limiting")
}

func TestClientForRealEnvironment(t *testing.T) {
	t.Parallel()
	require.Equal(t, "https://api.easypost.com", easypost.ClientFor(connectors.Env{}).BaseURL)
	require.Equal(t, "http://localhost:8080/sandbox/easypost", easypost.ClientFor(connectors.Env{SandboxBase: "http://localhost:8080/sandbox/easypost/"}).BaseURL)
}

// received is one webhook POST as the endpoint saw it.
type received struct {
	url    string
	header http.Header
	body   []byte
}

// receiver is a webhook endpoint that records what it gets.
func receiver(t *testing.T) (*httptest.Server, <-chan received) {
	t.Helper()
	ch := make(chan received, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ch <- received{url: "http://" + r.Host + r.URL.RequestURI(), header: r.Header.Clone(), body: b}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func next(t *testing.T, ch <-chan received) received {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("no webhook arrived")
		return received{}
	}
}

func TestTrackerProgressionSendsSignedWebhooks(t *testing.T) {
	t.Parallel()
	e := newEPEnv(t)
	hook, got := receiver(t)
	const secret = "s\u00e9cret-canary" // normalized (NFKD) by the signer and the verifier alike
	status, _ := e.control(t, "/users/demo/webhooks", map[string]any{"url": hook.URL + "/webhooks/easypost?c=1", "secret": secret})
	require.Equal(t, http.StatusCreated, status)

	client := easypost.ClientFor(e.env)
	ctx := context.Background()
	c := conn("EZTKsandbox-demo")
	tr, err := client.CreateTracker(ctx, c, "EZ1000000001", "USPS")
	require.NoError(t, err)
	require.Regexp(t, `^trk_[0-9a-f]{32}$`, tr.ID)
	require.Equal(t, "pre_transit", tr.Status)
	require.Equal(t, "test", tr.Mode)
	require.Equal(t, "USPS", tr.Carrier)
	require.NotNil(t, tr.EstDeliveryDate)
	require.NotEmpty(t, tr.PublicURL)

	again, err := client.CreateTracker(ctx, c, "EZ1000000001", "USPS")
	require.NoError(t, err)
	require.Equal(t, tr.ID, again.ID, "the same code is tracked once")

	verify := func(r received, wantDescription string) easypost.Tracker {
		t.Helper()
		req := connectors.WebhookRequest{Method: http.MethodPost, URL: r.url, Header: r.header, Body: r.body}
		require.NoError(t, easypost.Connector{}.VerifyWebhook(req, secrets.New(secret)))
		require.Error(t, easypost.Connector{}.VerifyWebhook(req, secrets.New("secret-canary")))
		ev, err := easypost.ParseEvent(r.body)
		require.NoError(t, err)
		require.Equal(t, wantDescription, ev.Description)
		require.Equal(t, "test", ev.Mode)
		got, err := ev.Tracker()
		require.NoError(t, err)
		require.Equal(t, tr.ID, got.ID)
		require.Equal(t, "application/json", r.header.Get("Content-Type"))
		return got
	}
	e.sb.Wait()
	created := verify(next(t, got), "tracker.created")
	require.Equal(t, "pre_transit", created.Status)

	previous := "pre_transit"
	for _, want := range []string{"in_transit", "out_for_delivery", "delivered"} {
		status, out := e.control(t, "/trackers/"+tr.ID+"/advance", nil)
		require.Equal(t, http.StatusOK, status, out)
		ds := out["deliveries"].([]any)
		require.Len(t, ds, 1)
		require.EqualValues(t, http.StatusOK, ds[0].(map[string]any)["status"])
		r := next(t, got)
		upd := verify(r, "tracker.updated")
		require.Equal(t, want, upd.Status)
		ev, err := easypost.ParseEvent(r.body)
		require.NoError(t, err)
		require.Equal(t, previous, ev.PreviousAttributes.Status)
		previous = want
		if want == "delivered" {
			require.Equal(t, "shipment.delivered", upd.EventType())
		} else {
			require.Equal(t, "shipment.status_changed", upd.EventType())
		}
	}
	status, out := e.control(t, "/trackers/"+tr.ID+"/advance", nil)
	require.Equal(t, http.StatusBadRequest, status, "a delivered parcel goes no further")
	require.Contains(t, out["error"], "no next status")

	final, err := client.GetTracker(ctx, c, tr.ID)
	require.NoError(t, err)
	require.Equal(t, "delivered", final.Status)
	require.NotEmpty(t, final.SignedBy)
	var statuses []string
	for _, d := range final.TrackingDetails {
		statuses = append(statuses, d.Status)
	}
	require.Equal(t, []string{"pre_transit", "in_transit", "out_for_delivery", "delivered"}, statuses)
	require.True(t, final.TrackingDetails[0].Datetime.Before(final.TrackingDetails[3].Datetime))

	counters, err := e.sb.Counters("demo")
	require.NoError(t, err)
	require.Equal(t, 1, counters.TrackersCreated)
	require.Equal(t, 4, counters.WebhooksSent)
}

func TestClientErrors(t *testing.T) {
	t.Parallel()
	e := newEPEnv(t)
	client := easypost.ClientFor(e.env)
	ctx := context.Background()
	const key = "EZTKsandbox-canary-key"
	c := conn(key)

	tests := []struct {
		name    string
		prepare func()
		call    func() error
		want    error
		status  int
		code    string
	}{
		{"forced 429", func() { require.NoError(t, e.sb.Throttle("demo", 1)) },
			func() error { _, err := client.GetTracker(ctx, c, "trk_1"); return err }, easypost.ErrRateLimited, 429, "RATE_LIMITED"},
		{"fail next 503", func() { require.NoError(t, e.sb.FailNext("demo", 1, 503)) },
			func() error { _, err := client.CreateTracker(ctx, c, "EZ2000000002", ""); return err }, easypost.ErrUnavailable, 503, "SERVICE.UNAVAILABLE"},
		{"fail next 429", func() { require.NoError(t, e.sb.FailNext("demo", 1, 429)) },
			func() error { _, err := client.ListTrackers(ctx, c, easypost.ListOptions{}); return err }, easypost.ErrRateLimited, 429, "RATE_LIMITED"},
		{"unknown tracker", func() {},
			func() error { _, err := client.GetTracker(ctx, c, "trk_00000000000000000000000000000000"); return err }, easypost.ErrNotFound, 404, "NOT_FOUND"},
		{"no tracking code", func() {},
			func() error { _, err := client.CreateTracker(ctx, c, "", "USPS"); return err }, nil, 422, "PARAMETER.REQUIRED"},
		{"wrong key", func() {},
			func() error { _, err := client.GetTracker(ctx, conn("EZTKnot-a-key-canary"), "trk_1"); return err }, easypost.ErrUnauthorized, 401, "APIKEY.REQUIRED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Not parallel: the failures are injected for the next call.
			tc.prepare()
			err := tc.call()
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			var apiErr *easypost.APIError
			require.ErrorAs(t, err, &apiErr)
			require.Equal(t, tc.status, apiErr.StatusCode)
			require.Equal(t, tc.code, apiErr.Code)
			require.NotContains(t, err.Error(), "canary")
		})
	}

	// After the injected failures the same calls succeed.
	tr, err := client.CreateTracker(ctx, c, "EZ2000000002", "")
	require.NoError(t, err)
	require.Equal(t, "in_transit", tr.Status)
	counters, err := e.sb.Counters("demo")
	require.NoError(t, err)
	require.Equal(t, 2, counters.Throttled)
	require.Equal(t, 2, counters.Failed)

	// An unreachable server is a TransportError without the key.
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	_, err = (&easypost.Client{BaseURL: down.URL}).GetTracker(ctx, c, "trk_1")
	var te *easypost.TransportError
	require.True(t, errors.As(err, &te))
	require.NotContains(t, err.Error(), "canary")
}

func TestListTrackersPages(t *testing.T) {
	t.Parallel()
	e := newEPEnv(t)
	client := easypost.ClientFor(e.env)
	ctx := context.Background()
	c := conn("EZTKsandbox-demo")
	var ids []string
	for _, code := range []string{"A1", "A2", "A3", "A4", "A5"} {
		tr, err := client.CreateTracker(ctx, c, code, "UPS")
		require.NoError(t, err)
		ids = append(ids, tr.ID)
	}
	var seen []string
	before := ""
	for {
		page, err := client.ListTrackers(ctx, c, easypost.ListOptions{PageSize: 2, BeforeID: before})
		require.NoError(t, err)
		for _, tr := range page.Trackers {
			seen = append(seen, tr.ID)
		}
		if !page.HasMore {
			break
		}
		before = page.Trackers[len(page.Trackers)-1].ID
	}
	require.Equal(t, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}, seen, "newest first, every tracker once")

	// Another user's key sees none of them.
	u := e.sb.CreateUser("Other")
	page, err := client.ListTrackers(ctx, conn(u.TestKey), easypost.ListOptions{})
	require.NoError(t, err)
	require.Empty(t, page.Trackers)
	_, err = client.GetTracker(ctx, conn(u.TestKey), ids[0])
	require.ErrorIs(t, err, easypost.ErrNotFound)
}
