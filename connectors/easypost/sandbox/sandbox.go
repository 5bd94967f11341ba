// Package sandbox emulates EasyPost for what Switchboard uses, so that the
// EasyPost connector can be developed, tested and demonstrated without an
// EasyPost account or network access. It is an http.Handler that the hub
// mounts under a prefix (for example /sandbox/easypost, with
// http.StripPrefix); a client uses "<hub>/sandbox/easypost" where it would
// use "https://api.easypost.com". Nothing else differs for the client.
//
// # What it follows
//
// EasyPost API v2 (https://docs.easypost.com), as documented in 2025:
//
//   - Authentication: HTTP Basic with the API key as the user name and an
//     empty password. A missing or unknown key answers 401
//     {"error":{"code":"APIKEY.REQUIRED","message":"Missing or invalid API
//     key.","errors":[]}}; a key disabled through the control API answers 403
//     with code APIKEY.INACTIVE. Keys are test keys (EZTK…, objects in
//     "test" mode) or production keys (EZAK…, "production" mode).
//   - Trackers: POST /v2/trackers with {"tracker":{"tracking_code",
//     "carrier"}} (JSON, or the form encoding tracker[tracking_code]=…)
//     answers 201 with the Tracker object (id trk_…, tracking_details,
//     carrier_detail, public_url, est_delivery_date, …) in the shape of
//     EasyPost's published create response. Creating a tracker for a
//     tracking code and carrier the user already tracks returns the existing
//     tracker with 200. EasyPost's test tracking codes start where EasyPost
//     starts them: EZ1000000001 pre_transit, EZ2000000002 in_transit,
//     EZ3000000003 out_for_delivery, EZ4000000004 delivered, EZ5000000005
//     return_to_sender, EZ6000000006 failure, EZ7000000007 unknown; any
//     other code starts pre_transit. A missing tracking_code answers 422.
//     GET /v2/trackers/{id} reads one (404 NOT_FOUND for an unknown or
//     another user's id); GET /v2/trackers lists the user's trackers of the
//     key's mode, newest first, with page_size (1..100, default 20),
//     before_id, after_id, tracking_code and carrier, answering
//     {"trackers":[…],"has_more":bool}.
//   - Webhooks: POST /v2/webhooks {"webhook":{"url","webhook_secret"}} and
//     GET /v2/webhooks, per user and mode. Every tracker creation sends
//     tracker.created and every status change tracker.updated to the
//     user's webhooks of the tracker's mode: an Event
//     ({"object":"Event","description","mode","previous_attributes",
//     "result":Tracker,…}) POSTed as JSON with X-Hmac-Signature:
//     "hmac-sha256-hex=" + hex(HMAC-SHA256(NFKD(webhook secret), raw body)),
//     as EasyPost's client libraries verify it. tracker.created is delivered
//     in the background (use Wait); updates made through the control API are
//     delivered before the control call answers.
//   - Errors: {"error":{"code","message","errors":[]}} with the HTTP status
//     (401, 403, 404, 422, 429, 5xx).
//
// # Demo credentials
//
// So that a person trying the hub (make run) can connect without any setup,
// every key that starts with "EZTKsandbox" (for example
// "EZTKsandbox-demo") is a test key of one shared demo user (DemoUserID).
// Other keys are made through the control API.
//
// # What it does not emulate
//
// Shipments, rates, labels, addresses, batches, insurance, pickups, users
// and API-key management (GET /v2/users is Production-only at EasyPost and
// answers 404 here), carrier accounts, real carrier scans (statuses move
// only through the control API), the failure, return_to_sender and
// available_for_pickup branches of the progression (a tracker may be set to
// them through the control API), EasyPost's dynamic rate limiting (429s
// happen only when forced), webhook retries and disabling, the Event API
// (GET /v2/events), the exact wording of every error (422 codes are
// approximations), DELETE routes (the hub mounts sandboxes for GET and POST
// only), and HTTPS.
//
// # Control API
//
// Tests and the hub's sandbox mode drive it under /_control/ with JSON (see
// control.go): create users and keys, register webhooks, advance trackers,
// fail the next N calls, force 429s, disable keys and read counters. The
// control API has no authentication: mount the sandbox only in sandbox mode.
package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// APIVersion is the EasyPost API version the sandbox answers.
const APIVersion = "v2"

// DemoKeyPrefix starts every demo API key: any key with this prefix is a
// test key of the demo user.
const DemoKeyPrefix = "EZTKsandbox"

// DemoUserID is the user every demo key belongs to.
const DemoUserID = "user_5a4db0c0de5a4db0c0de5a4db0c0de00"

// Key modes.
const (
	ModeTest       = "test"
	ModeProduction = "production"
)

// Options configure a Sandbox.
type Options struct {
	// Now is the clock (time.Now when nil); it dates trackers, scans and
	// events.
	Now func() time.Time
	// WebhookClient sends webhook deliveries (a client with a 10 s timeout
	// when nil).
	WebhookClient *http.Client
}

// Sandbox is the EasyPost emulator. Create it with New; it is safe for
// concurrent use.
type Sandbox struct {
	opts Options

	mu       sync.Mutex
	users    map[string]*user
	keys     map[string]*apiKey
	trackers map[string]*tracker
	seq      int64 // orders trackers by creation

	inflight sync.WaitGroup
}

type user struct {
	id        string
	name      string
	createdAt time.Time
	webhooks  []*webhook

	faults   sandboxkit.Faults
	counters Counters
}

type apiKey struct {
	user   *user
	mode   string
	active bool
}

type webhook struct {
	id        string
	url       string
	secret    string
	mode      string
	createdAt time.Time
}

type tracker struct {
	id           string
	user         *user
	mode         string
	seq          int64
	trackingCode string
	carrier      string
	status       string
	statusDetail string
	createdAt    time.Time
	updatedAt    time.Time
	estDelivery  time.Time
	signedBy     string
	details      []detail
}

type detail struct {
	message      string
	status       string
	statusDetail string
	datetime     time.Time
	city, state  string
	zip          string
}

// Counters are what a user's traffic did, for tests.
type Counters struct {
	// APICalls counts authenticated API requests, including refused ones.
	APICalls int `json:"apiCalls"`
	// Unauthorized counts requests refused because the user's key is
	// disabled (unknown keys belong to no user and are not counted).
	Unauthorized int `json:"unauthorized"`
	// Throttled counts 429 answers.
	Throttled int `json:"throttled"`
	// Failed counts answers failed on purpose (FailNext).
	Failed int `json:"failed"`
	// TrackersCreated counts new trackers (not duplicates).
	TrackersCreated int `json:"trackersCreated"`
	// WebhooksSent counts webhook deliveries attempted.
	WebhooksSent int `json:"webhooksSent"`
}

// New returns a Sandbox with opts, filling in the defaults. The demo user
// exists from the start.
func New(opts Options) *Sandbox {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = &http.Client{Timeout: 10 * time.Second}
	}
	s := &Sandbox{opts: opts, users: map[string]*user{}, keys: map[string]*apiKey{}, trackers: map[string]*tracker{}}
	s.users[DemoUserID] = &user{id: DemoUserID, name: "Sandbox demo", createdAt: s.now()}
	return s
}

func (s *Sandbox) now() time.Time { return s.opts.Now().UTC().Truncate(time.Second) }

// newID returns an EasyPost-style id: prefix + 32 hex characters.
func newID(prefix string) string { return sandboxkit.RandomHex(prefix) }

// ServeHTTP routes /v2/... to the emulated EasyPost and /_control/... to
// the control API.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if rest, ok := strings.CutPrefix(p, "_control/"); ok {
		s.serveControl(w, r, rest)
		return
	}
	rest, ok := strings.CutPrefix(p, "v2/")
	if !ok {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource could not be found.", nil)
		return
	}
	rest = strings.TrimSuffix(rest, "/")
	u, mode, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	if !s.admit(w, u) {
		return
	}
	switch {
	case rest == "trackers" && r.Method == http.MethodPost:
		s.createTracker(w, r, u, mode)
	case rest == "trackers" && r.Method == http.MethodGet:
		s.listTrackers(w, r, u, mode)
	case strings.HasPrefix(rest, "trackers/") && r.Method == http.MethodGet:
		s.getTracker(w, u, strings.TrimPrefix(rest, "trackers/"))
	case rest == "webhooks" && r.Method == http.MethodPost:
		s.createWebhook(w, r, u, mode)
	case rest == "webhooks" && r.Method == http.MethodGet:
		s.listWebhooks(w, u, mode)
	default:
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource could not be found.", nil)
	}
}

// authenticate finds the key's user and mode, or answers as EasyPost does.
func (s *Sandbox) authenticate(w http.ResponseWriter, r *http.Request) (*user, string, bool) {
	key, _, ok := r.BasicAuth()
	s.mu.Lock()
	defer s.mu.Unlock()
	if ok && strings.HasPrefix(key, DemoKeyPrefix) {
		u := s.users[DemoUserID]
		u.counters.APICalls++
		return u, ModeTest, true
	}
	k := s.keys[key]
	if !ok || key == "" || k == nil {
		writeError(w, http.StatusUnauthorized, "APIKEY.REQUIRED", "Missing or invalid API key.", nil)
		return nil, "", false
	}
	k.user.counters.APICalls++
	if !k.active {
		k.user.counters.Unauthorized++
		writeError(w, http.StatusForbidden, "APIKEY.INACTIVE",
			"This api key is no longer active. Please use a different api key or reactivate this key.", nil)
		return nil, "", false
	}
	return k.user, k.mode, true
}

// admit applies forced 429s and failures to an authenticated call.
func (s *Sandbox) admit(w http.ResponseWriter, u *user) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.faults.TakeThrottle() {
		u.counters.Throttled++
		writeError(w, http.StatusTooManyRequests, "RATE_LIMITED",
			"You have exceeded the rate limit. Please reduce the rate of your requests and try again.", nil)
		return false
	}
	if status := u.faults.TakeFailure(); status != 0 {
		u.counters.Failed++
		if status == http.StatusTooManyRequests {
			u.counters.Throttled++
			writeError(w, status, "RATE_LIMITED", "You have exceeded the rate limit. Please reduce the rate of your requests and try again.", nil)
			return false
		}
		code := "INTERNAL_SERVER_ERROR"
		if status == http.StatusServiceUnavailable {
			code = "SERVICE.UNAVAILABLE"
		}
		writeError(w, status, code, "Sandbox failure injected through the control API.", nil)
		return false
	}
	return true
}

// testCodes are EasyPost's test tracking codes and the status each starts
// with.
func testCodeStatus(code string) (string, bool) {
	switch code {
	case "EZ1000000001":
		return "pre_transit", true
	case "EZ2000000002":
		return "in_transit", true
	case "EZ3000000003":
		return "out_for_delivery", true
	case "EZ4000000004":
		return "delivered", true
	case "EZ5000000005":
		return "return_to_sender", true
	case "EZ6000000006":
		return "failure", true
	case "EZ7000000007":
		return "unknown", true
	}
	return "", false
}

// fieldError is one entry of an error's "errors".
type fieldError struct {
	Field      string  `json:"field"`
	Message    string  `json:"message"`
	Suggestion *string `json:"suggestion"`
}

func (s *Sandbox) createTracker(w http.ResponseWriter, r *http.Request, u *user, mode string) {
	code, carrier, err := readTrackerParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "The request could not be understood: "+err.Error(), nil)
		return
	}
	code = strings.TrimSpace(code)
	carrier = strings.TrimSpace(carrier)
	if code == "" {
		writeError(w, http.StatusUnprocessableEntity, "PARAMETER.REQUIRED", "Missing required parameter.",
			[]fieldError{{Field: "tracking_code", Message: "cannot be blank"}})
		return
	}
	if len(code) > 100 || len(carrier) > 50 {
		writeError(w, http.StatusUnprocessableEntity, "PARAMETER.INVALID", "Invalid parameter.",
			[]fieldError{{Field: "tracking_code", Message: "is too long"}})
		return
	}
	if carrier == "" {
		carrier = "USPS"
	}
	s.mu.Lock()
	for _, t := range s.trackers {
		if t.user == u && t.mode == mode && t.trackingCode == code && strings.EqualFold(t.carrier, carrier) {
			body := trackerJSON(t)
			s.mu.Unlock()
			writeJSON(w, http.StatusOK, body)
			return
		}
	}
	now := s.now()
	status, known := testCodeStatus(code)
	if !known {
		status = "pre_transit"
	}
	s.seq++
	t := &tracker{
		id: newID("trk_"), user: u, mode: mode, seq: s.seq, trackingCode: code, carrier: carrier,
		createdAt: now, updatedAt: now, estDelivery: now.Add(72 * time.Hour),
	}
	t.details = append(t.details, detail{message: "Pre-Shipment Info Sent to " + carrier, status: "pre_transit",
		statusDetail: "status_update", datetime: now})
	// A test code that starts further along gets the scans that lead there.
	for _, st := range progression() {
		if st == "pre_transit" || rank(status) < rank(st) || rank(status) < 0 {
			continue
		}
		t.details = append(t.details, scanFor(st, carrier, now))
	}
	if rank(status) < 0 {
		t.details = append(t.details, scanFor(status, carrier, now))
	}
	t.status, t.statusDetail = status, t.details[len(t.details)-1].statusDetail
	if status == "delivered" {
		t.signedBy = "J. Tester"
	}
	s.trackers[t.id] = t
	u.counters.TrackersCreated++
	body := trackerJSON(t)
	deliveries := s.prepareEventLocked(u, t, "tracker.created", "")
	s.mu.Unlock()

	if len(deliveries) > 0 {
		s.inflight.Add(1)
		go func() {
			defer s.inflight.Done()
			s.deliver(deliveries)
		}()
	}
	writeJSON(w, http.StatusCreated, body)
}

// readTrackerParams reads {"tracker":{…}} as JSON, or tracker[…] form
// fields.
func readTrackerParams(r *http.Request) (code, carrier string, err error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return "", "", fmt.Errorf("reading body: %w", err)
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return "", "", fmt.Errorf("form body: %w", err)
		}
		return form.Get("tracker[tracking_code]"), form.Get("tracker[carrier]"), nil
	}
	var in struct {
		Tracker struct {
			TrackingCode string `json:"tracking_code"`
			Carrier      string `json:"carrier"`
		} `json:"tracker"`
	}
	if len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, &in); err != nil {
			return "", "", fmt.Errorf("JSON body: %w", err)
		}
	}
	return in.Tracker.TrackingCode, in.Tracker.Carrier, nil
}

func (s *Sandbox) getTracker(w http.ResponseWriter, u *user, id string) {
	s.mu.Lock()
	t := s.trackers[id]
	if t == nil || t.user != u {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource could not be found.", nil)
		return
	}
	body := trackerJSON(t)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

func (s *Sandbox) listTrackers(w http.ResponseWriter, r *http.Request, u *user, mode string) {
	q := r.URL.Query()
	size := 20
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			writeError(w, http.StatusUnprocessableEntity, "PARAMETER.INVALID", "Invalid parameter.",
				[]fieldError{{Field: "page_size", Message: "must be between 1 and 100"}})
			return
		}
		size = n
	}
	s.mu.Lock()
	var all []*tracker
	for _, t := range s.trackers {
		if t.user != u || t.mode != mode {
			continue
		}
		if c := q.Get("tracking_code"); c != "" && t.trackingCode != c {
			continue
		}
		if c := q.Get("carrier"); c != "" && !strings.EqualFold(t.carrier, c) {
			continue
		}
		all = append(all, t)
	}
	// Newest first.
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && all[j].seq > all[j-1].seq; j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	if before := q.Get("before_id"); before != "" {
		if b := s.trackers[before]; b != nil {
			var kept []*tracker
			for _, t := range all {
				if t.seq < b.seq {
					kept = append(kept, t)
				}
			}
			all = kept
		}
	}
	if after := q.Get("after_id"); after != "" {
		if a := s.trackers[after]; a != nil {
			var kept []*tracker
			for _, t := range all {
				if t.seq > a.seq {
					kept = append(kept, t)
				}
			}
			all = kept
		}
	}
	hasMore := len(all) > size
	if hasMore {
		all = all[:size]
	}
	out := make([]map[string]any, 0, len(all))
	for _, t := range all {
		out = append(out, trackerJSON(t))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"trackers": out, "has_more": hasMore})
}

func (s *Sandbox) createWebhook(w http.ResponseWriter, r *http.Request, u *user, mode string) {
	var in struct {
		Webhook struct {
			URL           string `json:"url"`
			WebhookSecret string `json:"webhook_secret"`
		} `json:"webhook"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil && len(bytes.TrimSpace(body)) > 0 {
		err = json.Unmarshal(body, &in)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "The request could not be understood.", nil)
		return
	}
	hook, err := s.addWebhook(u.id, in.Webhook.URL, in.Webhook.WebhookSecret, mode)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "WEBHOOK.URL.INVALID", "Invalid webhook URL.",
			[]fieldError{{Field: "url", Message: "must be an http(s) URL"}})
		return
	}
	writeJSON(w, http.StatusCreated, webhookJSON(hook))
}

func (s *Sandbox) listWebhooks(w http.ResponseWriter, u *user, mode string) {
	s.mu.Lock()
	out := []map[string]any{}
	for _, h := range u.webhooks {
		if h.mode == mode {
			out = append(out, webhookJSON(h))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"webhooks": out})
}

func webhookJSON(h *webhook) map[string]any {
	return map[string]any{"id": h.id, "object": "Webhook", "mode": h.mode, "url": h.url,
		"created_at": h.createdAt.Format(time.RFC3339), "disabled_at": nil}
}

// progression is the happy path of a parcel.
func progression() [4]string {
	return [4]string{"pre_transit", "in_transit", "out_for_delivery", "delivered"}
}

func rank(status string) int {
	for i, st := range progression() {
		if st == status {
			return i
		}
	}
	return -1
}

// scanFor returns the scan that moves a parcel to status.
func scanFor(status, carrier string, at time.Time) detail {
	switch status {
	case "pre_transit":
		return detail{message: "Shipping Label Created", status: status, statusDetail: "label_created", datetime: at, city: "HOUSTON", state: "TX", zip: "77063"}
	case "in_transit":
		return detail{message: "Arrived at " + carrier + " facility", status: status, statusDetail: "arrived_at_facility", datetime: at, city: "MEMPHIS", state: "TN", zip: "38118"}
	case "out_for_delivery":
		return detail{message: "Out for Delivery", status: status, statusDetail: "out_for_delivery", datetime: at, city: "CHARLESTON", state: "SC", zip: "29401"}
	case "delivered":
		return detail{message: "Delivered, In/At Mailbox", status: status, statusDetail: "arrived_at_destination", datetime: at, city: "CHARLESTON", state: "SC", zip: "29401"}
	case "available_for_pickup":
		return detail{message: "Available for Pickup", status: status, statusDetail: "available_for_pickup", datetime: at, city: "CHARLESTON", state: "SC", zip: "29401"}
	case "return_to_sender":
		return detail{message: "Return to Sender", status: status, statusDetail: "return", datetime: at, city: "CHARLESTON", state: "SC", zip: "29401"}
	case "failure":
		return detail{message: "Delivery Attempt Failed", status: status, statusDetail: "delivery_failed", datetime: at, city: "CHARLESTON", state: "SC", zip: "29401"}
	case "cancelled":
		return detail{message: "Tracking Cancelled", status: status, statusDetail: "cancelled", datetime: at}
	case "error":
		return detail{message: "Carrier Error", status: status, statusDetail: "unknown", datetime: at}
	}
	return detail{message: "No information from the carrier yet", status: "unknown", statusDetail: "unknown", datetime: at}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func location(d detail) map[string]any {
	var country any
	if d.city != "" {
		country = "US"
	}
	return map[string]any{"object": "TrackingLocation", "city": nullable(d.city), "state": nullable(d.state), "country": country, "zip": nullable(d.zip)}
}

// trackerJSON renders a tracker as EasyPost does; the caller holds s.mu.
func trackerJSON(t *tracker) map[string]any {
	details := make([]map[string]any, 0, len(t.details))
	for _, d := range t.details {
		details = append(details, map[string]any{
			"object": "TrackingDetail", "message": d.message, "description": nil, "status": d.status,
			"status_detail": d.statusDetail, "datetime": d.datetime.Format(time.RFC3339), "source": t.carrier,
			"carrier_code": nil, "tracking_location": location(d), "est_delivery_date": nil,
		})
	}
	first, last := t.details[0], t.details[len(t.details)-1]
	return map[string]any{
		"id": t.id, "object": "Tracker", "mode": t.mode, "tracking_code": t.trackingCode,
		"status": t.status, "status_detail": t.statusDetail,
		"created_at": t.createdAt.Format(time.RFC3339), "updated_at": t.updatedAt.Format(time.RFC3339),
		"signed_by": nullable(t.signedBy), "weight": nil, "est_delivery_date": t.estDelivery.Format(time.RFC3339),
		"shipment_id": nil, "carrier": t.carrier, "tracking_details": details,
		"carrier_detail": map[string]any{
			"object": "CarrierDetail", "service": "First-Class Package Service", "container_type": nil,
			"est_delivery_date_local": nil, "est_delivery_time_local": nil,
			"origin_location": "HOUSTON TX, 77001", "origin_tracking_location": location(detail{city: "HOUSTON", state: "TX", zip: "77063"}),
			"destination_location": "CHARLESTON SC, 29401", "destination_tracking_location": nil,
			"guaranteed_delivery_date": nil, "alternate_identifier": nil, "initial_delivery_attempt": nil,
		},
		"finalized": first.status != last.status || t.status == "delivered", "is_return": t.status == "return_to_sender",
		"public_url": "https://track.easypost.com/" + base64.RawURLEncoding.EncodeToString([]byte("v1:"+t.id)),
		"fees":       []any{},
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) { sandboxkit.WriteJSON(w, status, v) }

// writeError answers EasyPost's error body.
func writeError(w http.ResponseWriter, status int, code, message string, errs []fieldError) {
	if errs == nil {
		errs = []fieldError{}
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"code": code, "message": message, "errors": errs}})
}
