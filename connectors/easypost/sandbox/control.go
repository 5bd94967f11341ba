package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// The control API, for tests and the hub's sandbox mode. Every route takes
// and returns JSON; errors are {"error": "..."} with 400 or 404. {user} is a
// user id, or "demo" for the demo user.
//
//	POST /_control/users                       {"name": ""} → 201 UserState (with a test and a production key)
//	GET  /_control/users/{user}                → UserState
//	POST /_control/users/{user}/keys           {"mode": "test"|"production"} → {"key": "EZTK…"}
//	POST /_control/users/{user}/disable-keys   → 204 (every key of the user answers 403 APIKEY.INACTIVE)
//	POST /_control/users/{user}/webhooks       {"url", "secret", "mode": "test"} → 201 Webhook
//	POST /_control/users/{user}/fail           {"count": N, "status": 503} → 204
//	POST /_control/users/{user}/throttle       {"count": N} → 204 (the next N calls answer 429)
//	GET  /_control/users/{user}/counters       → Counters
//	POST /_control/trackers/{id}/advance       {"status": ""} → {"tracker": {…}, "deliveries": [Delivery…]}
//
// advance moves a tracker to the next status of pre_transit → in_transit →
// out_for_delivery → delivered, or to the status given (any EasyPost
// tracker status), adds the carrier scan and sends tracker.updated to the
// user's webhooks before it answers.

// Errors of the control API.
var (
	// ErrNoUser is returned for a user that does not exist.
	ErrNoUser = errors.New("sandbox: no such user")
	// ErrNoTracker is returned for a tracker that does not exist.
	ErrNoTracker = errors.New("sandbox: no such tracker")
)

// UserState describes a user.
type UserState struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Trackers int       `json:"trackers"`
	Webhooks []Webhook `json:"webhooks"`
	Counters Counters  `json:"counters"`
	// TestKey and ProductionKey are set only by CreateUser.
	TestKey       string `json:"testKey,omitempty"`
	ProductionKey string `json:"productionKey,omitempty"`
}

// Webhook is a registered webhook endpoint (its secret is not shown).
type Webhook struct {
	ID   string `json:"id"`
	URL  string `json:"url"`
	Mode string `json:"mode"`
}

// Delivery is the outcome of one webhook POST.
type Delivery struct {
	WebhookID string `json:"webhookId"`
	URL       string `json:"url"`
	EventID   string `json:"eventId"`
	// Event is the event's description, e.g. tracker.updated.
	Event string `json:"event"`
	// Status is the HTTP status the endpoint answered (0 when it did not).
	Status int    `json:"status"`
	Error  string `json:"error,omitempty"`
}

// userID resolves the "demo" alias.
func userID(id string) string {
	if id == "demo" {
		return DemoUserID
	}
	return id
}

// CreateUser creates a user with one test key (EZTK…) and one production
// key (EZAK…).
func (s *Sandbox) CreateUser(name string) UserState {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := &user{id: newID("user_"), name: name, createdAt: s.now()}
	if u.name == "" {
		u.name = "Sandbox user"
	}
	s.users[u.id] = u
	st := s.stateLocked(u)
	st.TestKey = s.newKeyLocked(u, ModeTest)
	st.ProductionKey = s.newKeyLocked(u, ModeProduction)
	return st
}

func (s *Sandbox) newKeyLocked(u *user, mode string) string {
	prefix := "EZTK"
	if mode == ModeProduction {
		prefix = "EZAK"
	}
	k := newID(prefix)
	s.keys[k] = &apiKey{user: u, mode: mode, active: true}
	return k
}

// CreateKey adds an API key of mode ("test" or "production") to a user.
func (s *Sandbox) CreateKey(id, mode string) (string, error) {
	if mode == "" {
		mode = ModeTest
	}
	if mode != ModeTest && mode != ModeProduction {
		return "", fmt.Errorf("sandbox: create key: mode must be test or production, not %q", mode)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[userID(id)]
	if u == nil {
		return "", ErrNoUser
	}
	return s.newKeyLocked(u, mode), nil
}

// DisableKeys deactivates every key of a user (demo keys cannot be
// disabled).
func (s *Sandbox) DisableKeys(id string) error {
	return s.withUser(id, func(u *user) {
		for _, k := range s.keys {
			if k.user == u {
				k.active = false
			}
		}
	})
}

// User returns a user's state.
func (s *Sandbox) User(id string) (UserState, error) {
	var st UserState
	err := s.withUser(id, func(u *user) { st = s.stateLocked(u) })
	return st, err
}

func (s *Sandbox) stateLocked(u *user) UserState {
	st := UserState{ID: u.id, Name: u.name, Counters: u.counters, Webhooks: []Webhook{}}
	for _, t := range s.trackers {
		if t.user == u {
			st.Trackers++
		}
	}
	for _, h := range u.webhooks {
		st.Webhooks = append(st.Webhooks, Webhook{ID: h.id, URL: h.url, Mode: h.mode})
	}
	return st
}

// AddWebhook registers a webhook endpoint for the user's events of mode
// (test when empty), signed with secret.
func (s *Sandbox) AddWebhook(id, rawURL, secret, mode string) (Webhook, error) {
	h, err := s.addWebhook(userID(id), rawURL, secret, mode)
	if err != nil {
		return Webhook{}, err
	}
	return Webhook{ID: h.id, URL: h.url, Mode: h.mode}, nil
}

func (s *Sandbox) addWebhook(id, rawURL, secret, mode string) (*webhook, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("sandbox: webhook URL must be an absolute http(s) URL")
	}
	if mode == "" {
		mode = ModeTest
	}
	if mode != ModeTest && mode != ModeProduction {
		return nil, fmt.Errorf("sandbox: webhook mode must be test or production, not %q", mode)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	usr := s.users[id]
	if usr == nil {
		return nil, ErrNoUser
	}
	h := &webhook{id: newID("hook_"), url: rawURL, secret: secret, mode: mode, createdAt: s.now()}
	usr.webhooks = append(usr.webhooks, h)
	return h, nil
}

// FailNext makes the user's next n API calls answer status (a 4xx or 5xx).
func (s *Sandbox) FailNext(id string, n, status int) error {
	if err := sandboxkit.CheckFailNext(n, status); err != nil {
		return err
	}
	return s.withUser(id, func(u *user) { u.faults.SetFail(n, status) })
}

// Throttle makes the user's next n API calls answer 429.
func (s *Sandbox) Throttle(id string, n int) error {
	if err := sandboxkit.CheckThrottle(n); err != nil {
		return err
	}
	return s.withUser(id, func(u *user) { u.faults.SetThrottle(n) })
}

// Counters returns the user's counters.
func (s *Sandbox) Counters(id string) (Counters, error) {
	var c Counters
	err := s.withUser(id, func(u *user) { c = u.counters })
	return c, err
}

func (s *Sandbox) withUser(id string, f func(*user)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[userID(id)]
	if u == nil {
		return ErrNoUser
	}
	f(u)
	return nil
}

// knownStatus tells whether status is one of EasyPost's tracker statuses.
func knownStatus(status string) bool {
	switch status {
	case "unknown", "pre_transit", "in_transit", "out_for_delivery", "delivered", "available_for_pickup",
		"return_to_sender", "failure", "cancelled", "error":
		return true
	}
	return false
}

// Advance moves a tracker to status (the next step of the progression when
// empty), adds the scan, and sends tracker.updated to the user's webhooks,
// returning the tracker as the API shows it and what each endpoint
// answered. A delivered tracker has no next step.
func (s *Sandbox) Advance(ctx context.Context, trackerID, status string) (json.RawMessage, []Delivery, error) {
	s.mu.Lock()
	t := s.trackers[trackerID]
	if t == nil {
		s.mu.Unlock()
		return nil, nil, ErrNoTracker
	}
	if status == "" {
		r := rank(t.status)
		if r < 0 || r == len(progression())-1 {
			s.mu.Unlock()
			return nil, nil, fmt.Errorf("sandbox: advance: a %s tracker has no next status; name one", t.status)
		}
		status = progression()[r+1]
	}
	if !knownStatus(status) {
		s.mu.Unlock()
		return nil, nil, fmt.Errorf("sandbox: advance: %q is not a tracker status", status)
	}
	previous := t.status
	now := s.now()
	d := scanFor(status, t.carrier, now)
	t.details = append(t.details, d)
	t.status, t.statusDetail, t.updatedAt = status, d.statusDetail, now
	if status == "delivered" {
		t.signedBy = "J. Tester"
	}
	body, err := json.Marshal(trackerJSON(t))
	pending := s.prepareEventLocked(t.user, t, "tracker.updated", previous)
	s.mu.Unlock()
	if err != nil {
		return nil, nil, fmt.Errorf("sandbox: advance: %w", err)
	}
	return body, s.deliverCtx(ctx, pending), nil
}

// Wait blocks until background webhook deliveries (tracker.created) are
// done.
func (s *Sandbox) Wait() { s.inflight.Wait() }

// pendingDelivery is one signed webhook POST to make.
type pendingDelivery struct {
	hookID, url, eventID, event, signature string
	body                                   []byte
}

// prepareEventLocked builds an Event about t for every webhook of its
// user and mode; the caller holds s.mu.
func (s *Sandbox) prepareEventLocked(u *user, t *tracker, description, previous string) []pendingDelivery {
	var hooks []*webhook
	for _, h := range u.webhooks {
		if h.mode == t.mode {
			hooks = append(hooks, h)
		}
	}
	if len(hooks) == 0 {
		return nil
	}
	now := s.now().Format("2006-01-02T15:04:05Z")
	prev := map[string]any{}
	if previous != "" {
		prev["status"] = previous
	}
	urls := make([]string, 0, len(hooks))
	for _, h := range hooks {
		urls = append(urls, h.url)
	}
	event := map[string]any{
		"id": newID("evt_"), "object": "Event", "mode": t.mode, "description": description,
		"created_at": now, "updated_at": now, "previous_attributes": prev,
		"pending_urls": urls, "completed_urls": []string{}, "user_id": u.id, "status": "pending",
		"result": trackerJSON(t),
	}
	body, err := json.Marshal(event)
	if err != nil {
		return nil
	}
	out := make([]pendingDelivery, 0, len(hooks))
	for _, h := range hooks {
		mac := hmac.New(sha256.New, []byte(norm.NFKD.String(h.secret)))
		mac.Write(body)
		out = append(out, pendingDelivery{hookID: h.id, url: h.url, eventID: event["id"].(string), event: description,
			signature: "hmac-sha256-hex=" + hex.EncodeToString(mac.Sum(nil)), body: body})
	}
	u.counters.WebhooksSent += len(out)
	return out
}

func (s *Sandbox) deliver(pending []pendingDelivery) []Delivery {
	return s.deliverCtx(context.Background(), pending)
}

func (s *Sandbox) deliverCtx(ctx context.Context, pending []pendingDelivery) []Delivery {
	out := make([]Delivery, 0, len(pending))
	for _, p := range pending {
		d := Delivery{WebhookID: p.hookID, URL: p.url, EventID: p.eventID, Event: p.event}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(p.body))
		if err != nil {
			d.Error = err.Error()
			out = append(out, d)
			continue
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "EasyPost WebHook Agent 1.0")
		req.Header.Set("X-Hmac-Signature", p.signature)
		resp, err := s.opts.WebhookClient.Do(req)
		if err != nil {
			d.Error = err.Error()
		} else {
			d.Status = resp.StatusCode
			sandboxkit.DrainAndClose(resp)
		}
		out = append(out, d)
	}
	return out
}

func (s *Sandbox) serveControl(w http.ResponseWriter, r *http.Request, rest string) {
	parts := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	ctl := sandboxkit.Control{NotFound: []error{ErrNoUser, ErrNoTracker}, MaxBody: 1 << 20}
	switch {
	case len(parts) == 1 && parts[0] == "users" && r.Method == http.MethodPost:
		var body struct {
			Name string `json:"name"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		writeJSON(w, http.StatusCreated, s.CreateUser(body.Name))
		return
	case len(parts) == 3 && parts[0] == "trackers" && parts[2] == "advance" && r.Method == http.MethodPost:
		var body struct {
			Status string `json:"status"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		tr, ds, err := s.Advance(r.Context(), parts[1], body.Status)
		ctl.Reply(w, http.StatusOK, map[string]any{"tracker": tr, "deliveries": ds}, err)
		return
	case len(parts) < 2 || parts[0] != "users":
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route"})
		return
	}
	id := parts[1]
	route := r.Method + " " + strings.Join(append([]string{""}, parts[2:]...), "/")
	switch route {
	case "GET ":
		st, err := s.User(id)
		ctl.Reply(w, http.StatusOK, st, err)
	case "POST /keys":
		var body struct {
			Mode string `json:"mode"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		k, err := s.CreateKey(id, body.Mode)
		ctl.Reply(w, http.StatusOK, map[string]string{"key": k}, err)
	case "POST /disable-keys":
		ctl.NoContent(w, s.DisableKeys(id))
	case "POST /webhooks":
		var body struct {
			URL    string `json:"url"`
			Secret string `json:"secret"`
			Mode   string `json:"mode"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		h, err := s.AddWebhook(id, body.URL, body.Secret, body.Mode)
		ctl.Reply(w, http.StatusCreated, h, err)
	case "POST /fail":
		var body struct{ Count, Status int }
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.FailNext(id, body.Count, body.Status))
	case "POST /throttle":
		var body struct{ Count int }
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.Throttle(id, body.Count))
	case "GET /counters":
		c, err := s.Counters(id)
		ctl.Reply(w, http.StatusOK, c, err)
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route " + route})
	}
}
