package sandbox

import (
	"context"
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio signs callbacks with HMAC-SHA1; the sandbox signs as Twilio does.
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// The control API, for tests and the hub's sandbox mode. Every route takes
// and returns JSON; errors are {"error": "..."} with 400 or 404.
//
//	POST /_control/accounts                      AccountSpec → 201 AccountState (with its auth token)
//	GET  /_control/accounts/{sid}                → AccountState
//	POST /_control/accounts/{sid}/numbers        {"number": "+1…"} → 204
//	POST /_control/accounts/{sid}/rotate-token   → {"authToken": "…"} (the old token stops working)
//	POST /_control/accounts/{sid}/fail           {"count": N, "status": 503} → 204
//	POST /_control/accounts/{sid}/throttle       {"count": N} → 204 (the next N calls answer 429, code 20429)
//	GET  /_control/accounts/{sid}/counters       → Counters
//	GET  /_control/accounts/{sid}/messages       → {"messages": [Message…]} (oldest first)
//	POST /_control/messages/{sid}/status         {"status": "delivered", "errorCode": 0} → {"message": {…}, "deliveries": [Delivery…]}
//	POST /_control/tick                          → {"deliveries": [Delivery…]} (every status change due by the clock)

// Errors of the control API.
var (
	// ErrNoAccount is returned for an account that does not exist.
	ErrNoAccount = errors.New("sandbox: no such account")
	// ErrNoMessage is returned for a message that does not exist.
	ErrNoMessage = errors.New("sandbox: no such message")
)

// AccountSpec creates an account; every field is optional.
type AccountSpec struct {
	FriendlyName string `json:"friendlyName"`
	// AuthToken is generated when empty.
	AuthToken string `json:"authToken"`
	// Numbers are the account's phone numbers (one is generated when
	// empty).
	Numbers []string `json:"numbers"`
	// MessagingServices are the account's Messaging Service SIDs (MG…).
	MessagingServices []string `json:"messagingServices"`
}

// AccountState describes an account.
type AccountState struct {
	SID               string   `json:"sid"`
	FriendlyName      string   `json:"friendlyName"`
	Numbers           []string `json:"numbers"`
	MessagingServices []string `json:"messagingServices"`
	Messages          int      `json:"messages"`
	Counters          Counters `json:"counters"`
	// AuthToken is set only by CreateAccount.
	AuthToken string `json:"authToken,omitempty"`
}

// Delivery is the outcome of one status callback.
type Delivery struct {
	MessageSID string `json:"messageSid"`
	Status     string `json:"status"`
	URL        string `json:"url"`
	// HTTPStatus is what the endpoint answered (0 when it did not).
	HTTPStatus int    `json:"httpStatus"`
	Error      string `json:"error,omitempty"`
}

// CreateAccount creates an account.
func (s *Sandbox) CreateAccount(spec AccountSpec) (AccountState, error) {
	for _, n := range spec.Numbers {
		if !validE164(n) {
			return AccountState{}, fmt.Errorf("sandbox: create account: %q is not an E.164 number", n)
		}
	}
	for _, mg := range spec.MessagingServices {
		if !strings.HasPrefix(mg, "MG") || len(mg) != 34 {
			return AccountState{}, fmt.Errorf("sandbox: create account: %q is not a Messaging Service SID", mg)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := &account{sid: newSID("AC"), token: spec.AuthToken, friendlyName: spec.FriendlyName, createdAt: s.now(),
		numbers: append([]string(nil), spec.Numbers...), services: map[string]string{}}
	if a.token == "" {
		a.token = newSID("")
	}
	if a.friendlyName == "" {
		a.friendlyName = "Sandbox account"
	}
	if len(a.numbers) == 0 {
		a.numbers = []string{fmt.Sprintf("+1555%07d", len(s.accounts))}
	}
	for i, mg := range spec.MessagingServices {
		a.services[mg] = fmt.Sprintf("Service %d", i+1)
	}
	s.accounts[a.sid] = a
	st := s.stateLocked(a)
	st.AuthToken = a.token
	return st, nil
}

// Account returns an account's state.
func (s *Sandbox) Account(sid string) (AccountState, error) {
	var st AccountState
	err := s.withAccount(sid, func(a *account) { st = s.stateLocked(a) })
	return st, err
}

func (s *Sandbox) stateLocked(a *account) AccountState {
	st := AccountState{SID: a.sid, FriendlyName: a.friendlyName, Numbers: append([]string{}, a.numbers...),
		MessagingServices: []string{}, Counters: a.counters}
	for mg := range a.services {
		st.MessagingServices = append(st.MessagingServices, mg)
	}
	sort.Strings(st.MessagingServices)
	for _, m := range s.messages {
		if m.account == a {
			st.Messages++
		}
	}
	return st
}

// AddNumber gives the account a phone number.
func (s *Sandbox) AddNumber(sid, number string) error {
	if !validE164(number) {
		return fmt.Errorf("sandbox: add number: %q is not an E.164 number", number)
	}
	return s.withAccount(sid, func(a *account) {
		if !contains(a.numbers, number) {
			a.numbers = append(a.numbers, number)
		}
	})
}

// RotateToken gives the account a new auth token and returns it.
func (s *Sandbox) RotateToken(sid string) (string, error) {
	if sid == DemoAccountSID {
		return "", errors.New("sandbox: the demo account's token is fixed")
	}
	var tok string
	err := s.withAccount(sid, func(a *account) {
		a.token = newSID("")
		tok = a.token
	})
	return tok, err
}

// FailNext makes the account's next n API calls answer status (a 4xx or
// 5xx).
func (s *Sandbox) FailNext(sid string, n, status int) error {
	if err := sandboxkit.CheckFailNext(n, status); err != nil {
		return err
	}
	return s.withAccount(sid, func(a *account) { a.faults.SetFail(n, status) })
}

// Throttle makes the account's next n API calls answer 429 (20429).
func (s *Sandbox) Throttle(sid string, n int) error {
	if err := sandboxkit.CheckThrottle(n); err != nil {
		return err
	}
	return s.withAccount(sid, func(a *account) { a.faults.SetThrottle(n) })
}

// Counters returns the account's counters.
func (s *Sandbox) Counters(sid string) (Counters, error) {
	var c Counters
	err := s.withAccount(sid, func(a *account) { c = a.counters })
	return c, err
}

// Messages returns the account's messages as the API shows them, oldest
// first.
func (s *Sandbox) Messages(sid string) ([]json.RawMessage, error) {
	var out []json.RawMessage
	err := s.withAccount(sid, func(a *account) {
		var list []*message
		for _, m := range s.messages {
			if m.account == a {
				list = append(list, m)
			}
		}
		sort.Slice(list, func(i, j int) bool { return list[i].seq < list[j].seq })
		for _, m := range list {
			b, _ := json.Marshal(messageJSON(m))
			out = append(out, b)
		}
	})
	return out, err
}

func (s *Sandbox) withAccount(sid string, f func(*account)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[sid]
	if a == nil {
		return ErrNoAccount
	}
	f(a)
	return nil
}

// callback is one status callback to make.
type callback struct {
	messageSID, status, url, signature string
	form                               url.Values
}

// nextStatus is the automatic step after status, "" when there is none.
func nextStatus(status string) string {
	switch status {
	case "accepted":
		return "queued"
	case "queued":
		return "sent"
	case "sent":
		return "delivered"
	}
	return ""
}

// setStatusLocked changes a message's status, schedules its next automatic
// step and returns the callback to make; the caller holds s.mu.
func (s *Sandbox) setStatusLocked(m *message, status string, errorCode int, now time.Time) *callback {
	m.status, m.errorCode, m.updatedAt = status, errorCode, now
	switch status {
	case "queued":
		if m.from == "" && len(m.account.numbers) > 0 {
			m.from = m.account.numbers[0]
		}
		m.dueAt = now.Add(s.opts.SendDelay)
	case "sent":
		m.sentAt = now
		m.dueAt = now.Add(s.opts.DeliverDelay)
	}
	if m.statusCallback == "" {
		return nil
	}
	form := url.Values{
		"AccountSid": {m.account.sid}, "ApiVersion": {APIVersion}, "MessageSid": {m.sid}, "SmsSid": {m.sid},
		"MessageStatus": {status}, "SmsStatus": {status}, "To": {m.to},
	}
	if m.from != "" {
		form.Set("From", m.from)
	}
	if m.serviceSID != "" {
		form.Set("MessagingServiceSid", m.serviceSID)
	}
	if errorCode != 0 {
		form.Set("ErrorCode", strconv.Itoa(errorCode))
	}
	m.account.counters.CallbacksSent++
	return &callback{messageSID: m.sid, status: status, url: m.statusCallback, form: form,
		signature: sign(m.account.token, m.statusCallback, form)}
}

// sign computes X-Twilio-Signature: base64(HMAC-SHA1(token, URL + each
// parameter name and value, names in byte order)).
func sign(token, rawURL string, form url.Values) string {
	names := make([]string, 0, len(form))
	for n := range form {
		names = append(names, n)
	}
	sort.Strings(names)
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(rawURL))
	for _, n := range names {
		vs := append([]string(nil), form[n]...)
		sort.Strings(vs)
		for _, v := range vs {
			mac.Write([]byte(n))
			mac.Write([]byte(v))
		}
	}
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Tick makes every status change due by the clock (several per message
// when the clock moved far), sends their callbacks in order and reports
// them.
func (s *Sandbox) Tick(ctx context.Context) []Delivery {
	s.mu.Lock()
	now := s.now()
	var due []*message
	for _, m := range s.messages {
		if nextStatus(m.status) != "" && !m.dueAt.After(now) {
			due = append(due, m)
		}
	}
	sort.Slice(due, func(i, j int) bool { return due[i].seq < due[j].seq })
	var calls []*callback
	var wait []time.Duration
	for _, m := range due {
		// Each change happens when it fell due, so a clock moved far makes
		// the whole progression at once, with the times it would have had.
		for next := nextStatus(m.status); next != "" && !m.dueAt.After(now); next = nextStatus(m.status) {
			if cb := s.setStatusLocked(m, next, 0, m.dueAt); cb != nil {
				calls = append(calls, cb)
			}
		}
		if nextStatus(m.status) != "" {
			wait = append(wait, m.dueAt.Sub(now))
		}
	}
	s.mu.Unlock()
	for _, d := range wait {
		s.schedule(d)
	}
	return s.send(ctx, calls)
}

// SetStatus sets a message's status (queued, sending, sent, delivered,
// undelivered, failed, read or canceled), with an error code for failed and
// undelivered (30003, …), sends its callback and returns the message as the
// API shows it.
func (s *Sandbox) SetStatus(ctx context.Context, messageSID, status string, errorCode int) (json.RawMessage, []Delivery, error) {
	switch status {
	case "queued", "sending", "sent", "delivered", "undelivered", "failed", "read", "canceled":
	default:
		return nil, nil, fmt.Errorf("sandbox: set status: %q is not a message status", status)
	}
	if errorCode != 0 && status != "failed" && status != "undelivered" {
		return nil, nil, fmt.Errorf("sandbox: set status: only failed and undelivered messages have an error code")
	}
	s.mu.Lock()
	m := s.messages[messageSID]
	if m == nil {
		s.mu.Unlock()
		return nil, nil, ErrNoMessage
	}
	now := s.now()
	cb := s.setStatusLocked(m, status, errorCode, now)
	body, err := json.Marshal(messageJSON(m))
	wait := m.dueAt.Sub(now)
	auto := nextStatus(m.status) != ""
	s.mu.Unlock()
	if err != nil {
		return nil, nil, fmt.Errorf("sandbox: set status: %w", err)
	}
	if auto {
		s.schedule(wait)
	}
	var calls []*callback
	if cb != nil {
		calls = append(calls, cb)
	}
	return body, s.send(ctx, calls), nil
}

func (s *Sandbox) send(ctx context.Context, calls []*callback) []Delivery {
	out := make([]Delivery, 0, len(calls))
	for _, c := range calls {
		d := Delivery{MessageSID: c.messageSID, Status: c.status, URL: c.url}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, strings.NewReader(c.form.Encode()))
		if err != nil {
			d.Error = err.Error()
			out = append(out, d)
			continue
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		req.Header.Set("User-Agent", "TwilioProxy/1.1")
		req.Header.Set("X-Twilio-Signature", c.signature)
		req.Header.Set("I-Twilio-Idempotency-Token", newSID(""))
		resp, err := s.opts.WebhookClient.Do(req)
		if err != nil {
			d.Error = err.Error()
		} else {
			d.HTTPStatus = resp.StatusCode
			sandboxkit.DrainAndClose(resp)
		}
		out = append(out, d)
	}
	return out
}

func (s *Sandbox) serveControl(w http.ResponseWriter, r *http.Request, rest string) {
	parts := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	ctl := sandboxkit.Control{NotFound: []error{ErrNoAccount, ErrNoMessage}, MaxBody: 1 << 20}
	switch {
	case len(parts) == 1 && parts[0] == "tick" && r.Method == http.MethodPost:
		writeJSON(w, http.StatusOK, map[string]any{"deliveries": s.Tick(r.Context())})
		return
	case len(parts) == 1 && parts[0] == "accounts" && r.Method == http.MethodPost:
		var spec AccountSpec
		if !ctl.Read(w, r, &spec) {
			return
		}
		st, err := s.CreateAccount(spec)
		ctl.Reply(w, http.StatusCreated, st, err)
		return
	case len(parts) == 3 && parts[0] == "messages" && parts[2] == "status" && r.Method == http.MethodPost:
		var body struct {
			Status    string `json:"status"`
			ErrorCode int    `json:"errorCode"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		m, ds, err := s.SetStatus(r.Context(), parts[1], body.Status, body.ErrorCode)
		ctl.Reply(w, http.StatusOK, map[string]any{"message": m, "deliveries": ds}, err)
		return
	case len(parts) < 2 || parts[0] != "accounts":
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route"})
		return
	}
	sid := parts[1]
	route := r.Method + " " + strings.Join(append([]string{""}, parts[2:]...), "/")
	switch route {
	case "GET ":
		st, err := s.Account(sid)
		ctl.Reply(w, http.StatusOK, st, err)
	case "POST /numbers":
		var body struct {
			Number string `json:"number"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.AddNumber(sid, body.Number))
	case "POST /rotate-token":
		tok, err := s.RotateToken(sid)
		ctl.Reply(w, http.StatusOK, map[string]string{"authToken": tok}, err)
	case "POST /fail":
		var body struct{ Count, Status int }
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.FailNext(sid, body.Count, body.Status))
	case "POST /throttle":
		var body struct{ Count int }
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.Throttle(sid, body.Count))
	case "GET /counters":
		c, err := s.Counters(sid)
		ctl.Reply(w, http.StatusOK, c, err)
	case "GET /messages":
		ms, err := s.Messages(sid)
		if err != nil {
			ctl.Error(w, err)
			return
		}
		if ms == nil {
			ms = []json.RawMessage{}
		}
		writeJSON(w, http.StatusOK, map[string]any{"messages": ms})
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route " + route})
	}
}
