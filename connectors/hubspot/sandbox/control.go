package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// The control API, for tests and the hub's sandbox mode. Every route takes
// and returns JSON; errors are {"error": "..."} with 400 or 404.
//
//	GET  /_control/portal      → PortalState
//	GET  /_control/counters    → Counters
//	POST /_control/contacts    {"count": N} or {"contacts": [{"email": …, …}]} → {"ids": [...]}
//	GET  /_control/contacts    → {"contacts": [Record…]}
//	GET  /_control/tickets     → {"tickets": [Record…]}
//	POST /_control/lists       {"name": "VIP", "processingType": "MANUAL"} → List
//	GET  /_control/lists/{id}  → List
//	POST /_control/fail        {"count": N, "status": 503} → 204
//	POST /_control/throttle    → 204 (the rate-limit window is filled now)
//	POST /_control/throttle-every {"every": 2} → 204 (every n-th API call answers 429, Retry-After 1 s; 0 stops)
//	POST /_control/revoke      → 204 (every access and refresh token revoked: an uninstall)
//	POST /_control/expire      → 204 (every access token expired now)
//	POST /_control/tokens      {"scopes": [...]} → {"access_token", "refresh_token"}
//	PUT  /_control/webhooks    {"targetUrl": "https://…"} → 204 (the app's webhook target)
//	POST /_control/webhooks    WebhookTrigger → Delivery

// ErrNotFound is a record or list the sandbox does not have.
var ErrNotFound = errors.New("sandbox: not found")

// PortalState describes the emulated account.
type PortalState struct {
	HubID    int64    `json:"hubId"`
	Name     string   `json:"name"`
	Domain   string   `json:"domain"`
	Contacts int      `json:"contacts"`
	Tickets  int      `json:"tickets"`
	Lists    int      `json:"lists"`
	Counters Counters `json:"counters"`
	// WebhookTarget is the app's webhook URL ("" when unset).
	WebhookTarget string `json:"webhookTarget"`
}

// Record is a contact or ticket as the control API shows it.
type Record struct {
	ID         string            `json:"id"`
	Properties map[string]string `json:"properties"`
	CreatedAt  time.Time         `json:"createdAt"`
	UpdatedAt  time.Time         `json:"updatedAt"`
	// Contacts are the associated contact ids (tickets).
	Contacts []string `json:"contacts,omitempty"`
}

// List is a contact list.
type List struct {
	ID             string   `json:"listId"`
	Name           string   `json:"name"`
	ProcessingType string   `json:"processingType"`
	Members        []string `json:"members"`
}

// Portal returns the account's state.
func (s *Sandbox) Portal() PortalState {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.portal
	return PortalState{HubID: PortalID, Name: PortalName, Domain: PortalDomain, Contacts: len(p.contacts),
		Tickets: len(p.tickets), Lists: len(p.lists), Counters: p.counters, WebhookTarget: s.webhookTarget}
}

// Counters returns the portal's counters.
func (s *Sandbox) Counters() Counters {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.portal.counters
}

var (
	firstNames = []string{"Ada", "Bob", "Chloé", "Dmitri", "Emeka", "Fatima", "Grace", "Hiro", "Ingrid", "José", "Kiri", "Léa"}
	lastNames  = []string{"Lovelace", "Norman", "Dubois", "Ivanov", "Okafor", "Haddad", "Hopper", "Tanaka", "Berg", "García"}
	stages     = []string{"subscriber", "lead", "marketingqualifiedlead", "customer"}
)

// SeedContacts adds n generated contacts, then the given ones (property
// maps; a known email is updated rather than duplicated), and returns their
// ids.
func (s *Sandbox) SeedContacts(n int, contacts []map[string]string) ([]string, error) {
	if n < 0 || n > 100000 {
		return nil, fmt.Errorf("sandbox: seed contacts: count %d out of range 0..100000", n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, now := s.portal, s.now().UTC().Truncate(time.Millisecond)
	ids := make([]string, 0, n+len(contacts))
	for i := range n {
		first, last := firstNames[i%len(firstNames)], lastNames[(i/len(firstNames))%len(lastNames)]
		o := p.addContactLocked(map[string]string{
			"firstname": first, "lastname": last, "lifecyclestage": stages[i%len(stages)],
			"email": fmt.Sprintf("contact%d.%d@example.com", p.nextContactID+1, i),
		}, now)
		ids = append(ids, itoa(o.id))
	}
	for _, c := range contacts {
		props := map[string]string{}
		for k, v := range c {
			if !contactProperties[k] {
				return ids, fmt.Errorf("sandbox: seed contacts: unknown property %q", k)
			}
			props[k] = v
		}
		if o := p.contactByMail[normEmail(props["email"])]; o != nil && props["email"] != "" {
			for k, v := range props {
				o.props[k] = v
			}
			o.props["email"], o.updatedAt = normEmail(props["email"]), now
			ids = append(ids, itoa(o.id))
			continue
		}
		ids = append(ids, itoa(p.addContactLocked(props, now).id))
	}
	return ids, nil
}

func record(o *object) Record {
	r := Record{ID: itoa(o.id), Properties: map[string]string{}, CreatedAt: o.createdAt, UpdatedAt: o.updatedAt}
	for k, v := range o.props {
		r.Properties[k] = v
	}
	for _, c := range o.associations {
		r.Contacts = append(r.Contacts, itoa(c))
	}
	return r
}

// Contacts returns every contact, in id order.
func (s *Sandbox) Contacts() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Record, 0, len(s.portal.contacts))
	for _, o := range s.portal.contacts {
		out = append(out, record(o))
	}
	return out
}

// Tickets returns every ticket, in id order.
func (s *Sandbox) Tickets() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Record, 0, len(s.portal.tickets))
	for _, o := range s.portal.tickets {
		out = append(out, record(o))
	}
	return out
}

// CreateList creates a contact list; processingType is MANUAL (the
// default), SNAPSHOT or DYNAMIC.
func (s *Sandbox) CreateList(name, processingType string) (List, error) {
	if processingType == "" {
		processingType = "MANUAL"
	}
	if processingType != "MANUAL" && processingType != "SNAPSHOT" && processingType != "DYNAMIC" {
		return List{}, fmt.Errorf("sandbox: create list: processingType %q is not MANUAL, SNAPSHOT or DYNAMIC", processingType)
	}
	if strings.TrimSpace(name) == "" {
		return List{}, errors.New("sandbox: create list: a name is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.portal
	p.nextListID++
	l := &list{id: itoa(p.nextListID), name: name, processingType: processingType, member: map[int64]bool{}}
	p.lists[l.id] = l
	return publicList(l), nil
}

// ListByID returns a list and its members.
func (s *Sandbox) ListByID(id string) (List, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.portal.lists[id]
	if l == nil {
		return List{}, ErrNotFound
	}
	return publicList(l), nil
}

func publicList(l *list) List {
	out := List{ID: l.id, Name: l.name, ProcessingType: l.processingType, Members: []string{}}
	for _, m := range l.members {
		out.Members = append(out.Members, itoa(m))
	}
	return out
}

// FailNext makes the next n authenticated API calls answer status (a 4xx
// or 5xx; 429 comes as HubSpot's rate-limit answer).
func (s *Sandbox) FailNext(n, status int) error {
	if err := sandboxkit.CheckFailNext(n, status); err != nil {
		return err
	}
	s.portal.faults.SetFail(n, status)
	return nil
}

// Throttle fills the rate-limit window now: API calls answer 429 until
// RateInterval has passed on the sandbox's clock.
func (s *Sandbox) Throttle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for len(s.portal.window) < s.opts.RateLimit {
		s.portal.window = append(s.portal.window, now)
	}
}

// ThrottleEvery answers every n-th API call from now on 429 with a
// one-second Retry-After (0 stops it).
func (s *Sandbox) ThrottleEvery(n int) error {
	if n < 0 {
		return fmt.Errorf("sandbox: throttle every %d calls: must be 0 or more", n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.portal.throttleEvery, s.portal.calls = n, 0
	return nil
}

// RevokeTokens revokes every access and refresh token, as uninstalling the
// app does.
func (s *Sandbox) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, at := range s.access {
		at.revoked = true
	}
	for _, rt := range s.refresh {
		rt.revoked = true
	}
}

// ExpireAccessTokens ends every access token now; refresh tokens keep
// working.
func (s *Sandbox) ExpireAccessTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for _, at := range s.access {
		if now.Before(at.expiresAt) {
			at.expiresAt = now
		}
	}
}

// IssueTokens mints an access and refresh token as a completed consent
// would, for tests that do not go through the consent page.
func (s *Sandbox) IssueTokens(scopes []string) (access, refresh string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	refresh = "na1-" + sandboxkit.NewUUID()
	s.refresh[refresh] = &refreshToken{scopes: scopes}
	return s.issueAccessLocked(scopes, s.now()), refresh
}

// SetWebhookTarget sets the app's webhook URL, where TriggerContactWebhook
// delivers when no URL is given.
func (s *Sandbox) SetWebhookTarget(targetURL string) error {
	if err := checkTarget(targetURL); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookTarget = targetURL
	return nil
}

func checkTarget(targetURL string) error {
	u, err := url.Parse(targetURL)
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return errors.New("sandbox: the webhook target must be an absolute http(s) URL")
	}
	return nil
}

// WebhookTrigger asks for one contact event.
type WebhookTrigger struct {
	// TargetURL is where to deliver; empty means the app's webhook target.
	TargetURL string `json:"targetUrl"`
	// SubscriptionType is contact.creation (the default),
	// contact.propertyChange or contact.deletion.
	SubscriptionType string `json:"subscriptionType"`
	// ContactID or Email names an existing contact.
	ContactID string `json:"contactId"`
	Email     string `json:"email"`
	// PropertyName and PropertyValue describe a propertyChange (the value
	// defaults to the contact's current one).
	PropertyName  string `json:"propertyName"`
	PropertyValue string `json:"propertyValue"`
}

// Delivery is the outcome of one webhook POST.
type Delivery struct {
	TargetURL string `json:"targetUrl"`
	EventID   int64  `json:"eventId"`
	// Body is the JSON array that was sent.
	Body json.RawMessage `json:"body"`
	// Status is the HTTP status the target answered (0 when it did not).
	Status int    `json:"status"`
	Error  string `json:"error,omitempty"`
}

// subscriptionIDs are the emulated app's subscription ids per type.
var subscriptionIDs = map[string]int64{"contact.creation": 12345, "contact.propertyChange": 12346, "contact.deletion": 12347}

// TriggerContactWebhook sends one contact event to the target, signed as
// HubSpot signs (v3, and the legacy v1 next to it), and reports what the
// target answered.
func (s *Sandbox) TriggerContactWebhook(ctx context.Context, t WebhookTrigger) (Delivery, error) {
	if t.SubscriptionType == "" {
		t.SubscriptionType = "contact.creation"
	}
	subID, ok := subscriptionIDs[t.SubscriptionType]
	if !ok {
		return Delivery{}, fmt.Errorf("sandbox: trigger webhook: unsupported subscriptionType %q", t.SubscriptionType)
	}
	s.mu.Lock()
	target := t.TargetURL
	if target == "" {
		target = s.webhookTarget
	}
	if err := checkTarget(target); err != nil {
		s.mu.Unlock()
		return Delivery{}, err
	}
	p := s.portal
	var o *object
	if t.Email != "" {
		o = p.contactByMail[normEmail(t.Email)]
	} else if id, err := strconv.ParseInt(t.ContactID, 10, 64); err == nil {
		o = p.contactByID[id]
	}
	if o == nil {
		s.mu.Unlock()
		return Delivery{}, fmt.Errorf("sandbox: trigger webhook: contact: %w", ErrNotFound)
	}
	s.nextEventID++
	now := s.now()
	ev := map[string]any{
		"eventId": s.nextEventID, "subscriptionId": subID, "portalId": PortalID, "appId": AppID,
		"occurredAt": now.UnixMilli(), "subscriptionType": t.SubscriptionType, "attemptNumber": 0,
		"objectId": o.id, "changeSource": "CRM",
	}
	switch t.SubscriptionType {
	case "contact.creation":
		ev["changeFlag"] = "NEW"
	case "contact.propertyChange":
		if t.PropertyName == "" {
			t.PropertyName = "email"
		}
		v, has := o.props[t.PropertyName]
		if t.PropertyValue != "" || !has {
			v = t.PropertyValue
		}
		ev["propertyName"], ev["propertyValue"] = t.PropertyName, v
	case "contact.deletion":
		ev["changeFlag"] = "DELETED"
	}
	p.counters.WebhooksSent++
	s.mu.Unlock()

	body, err := json.Marshal([]any{ev})
	if err != nil {
		return Delivery{}, fmt.Errorf("sandbox: trigger webhook: encoding: %w", err)
	}
	d := Delivery{TargetURL: target, EventID: ev["eventId"].(int64), Body: body}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return Delivery{}, fmt.Errorf("sandbox: trigger webhook: %w", err)
	}
	ts := strconv.FormatInt(now.UnixMilli(), 10)
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client) - WebhooksExecutorDaemon-sandbox")
	h.Set("X-HubSpot-Signature-v3", signV3(s.opts.ClientSecret, http.MethodPost, target, body, ts))
	h.Set("X-HubSpot-Request-Timestamp", ts)
	v1 := sha256.Sum256(append([]byte(s.opts.ClientSecret), body...))
	h.Set("X-HubSpot-Signature", hex.EncodeToString(v1[:]))
	h.Set("X-HubSpot-Signature-Version", "v1")
	resp, err := s.opts.WebhookClient.Do(req)
	if err != nil {
		d.Error = err.Error()
		return d, nil
	}
	d.Status = resp.StatusCode
	sandboxkit.DrainAndClose(resp)
	return d, nil
}

// signV3 is HubSpot's request signature v3.
func signV3(secret, method, uri string, body []byte, ts string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(method))
	m.Write([]byte(hubspotDecodedURI(uri)))
	m.Write(body)
	m.Write([]byte(ts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// hubspotDecodedURI is the URI as HubSpot puts it in the v3 signature: the
// percent-encodings of : / ? @ ! $ ' ( ) * , ; decoded, every other byte
// as it is.
func hubspotDecodedURI(uri string) string {
	decoded := map[string]string{
		"3A": ":", "2F": "/", "3F": "?", "40": "@", "21": "!", "24": "$", "27": "'", "28": "(", "29": ")", "2A": "*", "2C": ",", "3B": ";",
	}
	var b strings.Builder
	for i := 0; i < len(uri); i++ {
		if uri[i] == '%' && i+2 < len(uri) {
			if c, ok := decoded[strings.ToUpper(uri[i+1:i+3])]; ok {
				b.WriteString(c)
				i += 2
				continue
			}
		}
		b.WriteByte(uri[i])
	}
	return b.String()
}

func (s *Sandbox) serveControl(w http.ResponseWriter, r *http.Request) {
	rest := strings.Trim(strings.TrimPrefix(r.URL.Path, "/_control/"), "/")
	ctl := sandboxkit.Control{NotFound: []error{ErrNotFound}, MaxBody: 8 << 20, ContentType: jsonContentType}
	if id, ok := strings.CutPrefix(rest, "lists/"); ok && r.Method == http.MethodGet {
		l, err := s.ListByID(id)
		ctl.Reply(w, http.StatusOK, l, err)
		return
	}
	switch r.Method + " " + rest {
	case "GET portal":
		writeJSON(w, http.StatusOK, s.Portal())
	case "GET counters":
		writeJSON(w, http.StatusOK, s.Counters())
	case "POST contacts":
		var body struct {
			Count    int                 `json:"count"`
			Contacts []map[string]string `json:"contacts"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		ids, err := s.SeedContacts(body.Count, body.Contacts)
		ctl.Reply(w, http.StatusOK, map[string]any{"ids": ids}, err)
	case "GET contacts":
		writeJSON(w, http.StatusOK, map[string]any{"contacts": s.Contacts()})
	case "GET tickets":
		writeJSON(w, http.StatusOK, map[string]any{"tickets": s.Tickets()})
	case "POST lists":
		var body struct{ Name, ProcessingType string }
		if !ctl.Read(w, r, &body) {
			return
		}
		l, err := s.CreateList(body.Name, body.ProcessingType)
		ctl.Reply(w, http.StatusCreated, l, err)
	case "POST fail":
		var body struct{ Count, Status int }
		if ctl.Read(w, r, &body) {
			ctl.NoContent(w, s.FailNext(body.Count, body.Status))
		}
	case "POST throttle":
		s.Throttle()
		ctl.NoContent(w, nil)
	case "POST throttle-every":
		var body struct{ Every int }
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.ThrottleEvery(body.Every))
	case "POST revoke":
		s.RevokeTokens()
		ctl.NoContent(w, nil)
	case "POST expire":
		s.ExpireAccessTokens()
		ctl.NoContent(w, nil)
	case "POST tokens":
		var body struct {
			Scopes []string `json:"scopes"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		a, rt := s.IssueTokens(body.Scopes)
		writeJSON(w, http.StatusOK, map[string]string{"access_token": a, "refresh_token": rt})
	case "PUT webhooks":
		var body struct {
			TargetURL string `json:"targetUrl"`
		}
		if ctl.Read(w, r, &body) {
			ctl.NoContent(w, s.SetWebhookTarget(body.TargetURL))
		}
	case "POST webhooks":
		var t WebhookTrigger
		if !ctl.Read(w, r, &t) {
			return
		}
		d, err := s.TriggerContactWebhook(r.Context(), t)
		ctl.Reply(w, http.StatusOK, d, err)
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route " + r.Method + " /_control/" + rest})
	}
}
