package sandbox

import (
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// validE164 tells whether s is a phone number in E.164 form: "+", a
// non-zero digit, then 6 to 14 more digits.
func validE164(s string) bool {
	digits, ok := strings.CutPrefix(s, "+")
	if !ok || len(digits) < 7 || len(digits) > 15 || digits[0] == '0' {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// maxBody is Twilio's limit on a message body, in characters.
const maxBody = 1600

// ServeHTTP routes /2010-04-01/... and /v1/... to the emulated Twilio and
// /_control/... to the control API.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if rest, ok := strings.CutPrefix(p, "/_control/"); ok {
		s.serveControl(w, r, rest)
		return
	}
	switch {
	case strings.HasPrefix(p, "/"+APIVersion+"/Accounts/"):
		s.serveREST(w, r, strings.TrimPrefix(p, "/"+APIVersion+"/Accounts/"))
	case strings.HasPrefix(p, "/v1/Services/"):
		s.serveService(w, r, strings.TrimPrefix(p, "/v1/Services/"))
	default:
		writeError(w, http.StatusNotFound, 20404, "The requested resource "+p+" was not found")
	}
}

// authenticate checks HTTP Basic credentials as Twilio does and returns the
// account.
func (s *Sandbox) authenticate(w http.ResponseWriter, r *http.Request) (*account, bool) {
	sid, token, ok := r.BasicAuth()
	if !ok || sid == "" {
		writeError(w, http.StatusUnauthorized, 20003, "Authentication Error - No credentials provided")
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[sid]
	if a == nil {
		writeError(w, http.StatusUnauthorized, 20003, "Authentication Error - invalid username")
		return nil, false
	}
	a.counters.APICalls++
	if subtle.ConstantTimeCompare([]byte(token), []byte(a.token)) != 1 {
		a.counters.AuthFailures++
		writeError(w, http.StatusUnauthorized, 20003, "Authenticate")
		return nil, false
	}
	return a, true
}

// admit applies forced 429s and failures to an authenticated call.
func (s *Sandbox) admit(w http.ResponseWriter, a *account) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.faults.TakeThrottle() {
		a.counters.Throttled++
		writeError(w, http.StatusTooManyRequests, 20429, "Too Many Requests")
		return false
	}
	if status := a.faults.TakeFailure(); status != 0 {
		a.counters.Failed++
		switch status {
		case http.StatusTooManyRequests:
			a.counters.Throttled++
			writeError(w, http.StatusTooManyRequests, 20429, "Too Many Requests")
		case http.StatusServiceUnavailable:
			writeError(w, http.StatusServiceUnavailable, 20503, "Service Unavailable")
		default:
			writeError(w, status, 20500, "Internal Server Error")
		}
		return false
	}
	return true
}

func (s *Sandbox) serveREST(w http.ResponseWriter, r *http.Request, rest string) {
	a, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	sid, sub, _ := strings.Cut(rest, "/")
	sid = strings.TrimSuffix(sid, ".json")
	if sid != a.sid {
		writeError(w, http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
		return
	}
	if !s.admit(w, a) {
		return
	}
	switch {
	case sub == "" && strings.HasSuffix(rest, ".json") && r.Method == http.MethodGet:
		s.mu.Lock()
		body := accountJSON(a)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, body)
	case sub == "Messages.json" && r.Method == http.MethodPost:
		s.createMessage(w, r, a)
	case strings.HasPrefix(sub, "Messages/") && strings.HasSuffix(sub, ".json") && r.Method == http.MethodGet:
		id := strings.TrimSuffix(strings.TrimPrefix(sub, "Messages/"), ".json")
		s.mu.Lock()
		m := s.messages[id]
		if m == nil || m.account != a {
			s.mu.Unlock()
			writeError(w, http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
			return
		}
		body := messageJSON(m)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, body)
	case sub == "IncomingPhoneNumbers.json" && r.Method == http.MethodGet:
		s.listNumbers(w, r, a)
	default:
		writeError(w, http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
	}
}

func (s *Sandbox) serveService(w http.ResponseWriter, r *http.Request, sid string) {
	a, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	if !s.admit(w, a) {
		return
	}
	s.mu.Lock()
	name, found := a.services[sid]
	s.mu.Unlock()
	if r.Method != http.MethodGet || !found {
		writeError(w, http.StatusNotFound, 20404, "The requested resource /Services/"+sid+" was not found")
		return
	}
	created := rfc2822(a.createdAt)
	writeJSON(w, http.StatusOK, map[string]any{
		"account_sid": a.sid, "sid": sid, "friendly_name": name, "date_created": created, "date_updated": created,
		"status_callback": nil, "usecase": "notifications", "url": "https://messaging.twilio.com/v1/Services/" + sid,
		"links": map[string]string{"phone_numbers": "https://messaging.twilio.com/v1/Services/" + sid + "/PhoneNumbers"},
	})
}

func (s *Sandbox) listNumbers(w http.ResponseWriter, r *http.Request, a *account) {
	filter := r.URL.Query().Get("PhoneNumber")
	base := "/" + APIVersion + "/Accounts/" + a.sid + "/IncomingPhoneNumbers.json"
	s.mu.Lock()
	list := []map[string]any{}
	for _, n := range a.numbers {
		if filter != "" && n != filter {
			continue
		}
		pn := "PN" + strings.TrimPrefix(a.sid, "AC")[:16] + fmt.Sprintf("%016x", numberKey(n))
		list = append(list, map[string]any{
			"account_sid": a.sid, "sid": pn, "phone_number": n, "friendly_name": n, "status": "in-use",
			"capabilities": map[string]bool{"sms": true, "mms": true, "voice": true, "fax": false},
			"date_created": rfc2822(a.createdAt), "date_updated": rfc2822(a.createdAt),
			"uri": "/" + APIVersion + "/Accounts/" + a.sid + "/IncomingPhoneNumbers/" + pn + ".json",
		})
	}
	s.mu.Unlock()
	first := base + "?PageSize=50&Page=0"
	writeJSON(w, http.StatusOK, map[string]any{
		"incoming_phone_numbers": list, "start": 0, "end": max(len(list)-1, 0), "page": 0, "page_size": 50,
		"first_page_uri": first, "next_page_uri": nil, "previous_page_uri": nil, "uri": first,
	})
}

// numberKey turns a phone number into a stable number for its PN SID.
func numberKey(n string) uint64 {
	v, _ := strconv.ParseUint(strings.TrimPrefix(n, "+"), 10, 64)
	return v
}

// magicTo are Twilio's test numbers that make a send fail.
func magicTo(to, from string) (int, string, bool) {
	switch to {
	case "+15005550001":
		return 21211, "Invalid 'To' Phone Number: " + to, true
	case "+15005550002":
		return 21612, fmt.Sprintf("The 'To' phone number: %s, is not currently reachable using the 'From' phone number: %s via SMS.", to, from), true
	case "+15005550003":
		return 21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: " + to, true
	case "+15005550004":
		return 21610, "Attempt to send to unsubscribed recipient", true
	case "+15005550009":
		return 21614, "'To' number is not a valid mobile number", true
	}
	return 0, "", false
}

func (s *Sandbox) createMessage(w http.ResponseWriter, r *http.Request, a *account) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, 20001, "Unable to read the request body")
		return
	}
	form, err := url.ParseQuery(string(raw))
	if err != nil {
		writeError(w, http.StatusBadRequest, 20001, "The request body is not form-encoded")
		return
	}
	to, from := strings.TrimSpace(form.Get("To")), strings.TrimSpace(form.Get("From"))
	service, body, callback := strings.TrimSpace(form.Get("MessagingServiceSid")), form.Get("Body"), form.Get("StatusCallback")
	bad := func(code int, msg string) { writeError(w, http.StatusBadRequest, code, msg) }
	switch {
	case to == "":
		bad(21604, "A 'To' phone number is required.")
		return
	case from == "" && service == "":
		bad(21603, "A 'From' phone number is required.")
		return
	case body == "" && form.Get("MediaUrl") == "":
		bad(21602, "Message body is required.")
		return
	case !validE164(to):
		bad(21211, "Invalid 'To' Phone Number: "+to)
		return
	}
	if code, msg, ok := magicTo(to, from); ok {
		bad(code, msg)
		return
	}
	s.mu.Lock()
	owns := from == "" || contains(a.numbers, from)
	_, knownService := a.services[service]
	s.mu.Unlock()
	switch {
	case !owns:
		bad(21606, fmt.Sprintf("The From phone number %s is not a valid, SMS-capable inbound phone number or short code for your account.", from))
		return
	case service != "" && !knownService:
		bad(21701, fmt.Sprintf("The Messaging Service Sid %s is invalid.", service))
		return
	case len(utf16.Encode([]rune(body))) > maxBody:
		bad(21617, "The concatenated message body exceeds the 1600 character limit.")
		return
	}
	if callback != "" {
		u, err := url.Parse(callback)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(21609, "Invalid StatusCallback url: "+callback)
			return
		}
	}

	s.mu.Lock()
	now := s.now()
	s.seq++
	m := &message{
		sid: newSID("SM"), account: a, seq: s.seq, to: to, from: from, serviceSID: service, body: body,
		segments: segments(body), status: "queued", statusCallback: callback, createdAt: now, updatedAt: now,
		dueAt: now.Add(s.opts.SendDelay),
	}
	if service != "" {
		m.status, m.dueAt = "accepted", now
	}
	s.messages[m.sid] = m
	a.counters.MessagesCreated++
	out := messageJSON(m)
	due := m.dueAt.Sub(now)
	s.mu.Unlock()

	s.schedule(due)
	writeJSON(w, http.StatusCreated, out)
}

// schedule runs Tick after d with the real clock, when AutoProgress is on.
func (s *Sandbox) schedule(d time.Duration) {
	if !s.opts.AutoProgress {
		return
	}
	time.AfterFunc(max(d, 0)+10*time.Millisecond, func() { s.Tick(context.Background()) })
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// gsm7 holds the characters of the GSM 03.38 basic set; gsm7Ext those of
// its extension table (two septets each).
const (
	gsm7    = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Ext = "^{}\\[~]|€\f"
)

// segments is how many SMS a body takes: 160 GSM-7 septets (153 per part)
// or 70 UCS-2 units (67 per part).
func segments(body string) int {
	septets, isGSM := 0, true
	for _, r := range body {
		switch {
		case strings.ContainsRune(gsm7, r):
			septets++
		case strings.ContainsRune(gsm7Ext, r):
			septets += 2
		default:
			isGSM = false
		}
	}
	if isGSM {
		if septets <= 160 {
			return 1
		}
		return (septets + 152) / 153
	}
	units := len(utf16.Encode([]rune(body)))
	if units <= 70 {
		return 1
	}
	return (units + 66) / 67
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// errorMessages are the texts of the delivery error codes the control API
// may set.
func errorMessage(code int) any {
	switch code {
	case 0:
		return nil
	case 30003:
		return "Unreachable destination handset"
	case 30005:
		return "Unknown destination handset"
	case 30006:
		return "Landline or unreachable carrier"
	case 30007:
		return "Message filtered"
	case 30008:
		return "Unknown error"
	}
	return "Message delivery failed"
}

// messageJSON renders a message as Twilio does; the caller holds s.mu.
func messageJSON(m *message) map[string]any {
	uri := "/" + APIVersion + "/Accounts/" + m.account.sid + "/Messages/" + m.sid
	var sent, code any
	if !m.sentAt.IsZero() {
		sent = rfc2822(m.sentAt)
	}
	if m.errorCode != 0 {
		code = m.errorCode
	}
	return map[string]any{
		"account_sid": m.account.sid, "api_version": APIVersion, "body": m.body,
		"date_created": rfc2822(m.createdAt), "date_updated": rfc2822(m.updatedAt), "date_sent": sent,
		"direction": "outbound-api", "error_code": code, "error_message": errorMessage(m.errorCode),
		"from": nullable(m.from), "messaging_service_sid": nullable(m.serviceSID), "num_media": "0",
		"num_segments": strconv.Itoa(m.segments), "price": nil, "price_unit": "USD", "sid": m.sid,
		"status": m.status, "to": m.to, "uri": uri + ".json",
		"subresource_uris": map[string]string{"media": uri + "/Media.json", "feedback": uri + "/Feedback.json"},
	}
}

// accountJSON renders an account as Twilio does, without its auth token;
// the caller holds s.mu.
func accountJSON(a *account) map[string]any {
	uri := "/" + APIVersion + "/Accounts/" + a.sid
	return map[string]any{
		"sid": a.sid, "owner_account_sid": a.sid, "friendly_name": a.friendlyName, "status": "active", "type": "Full",
		"date_created": rfc2822(a.createdAt), "date_updated": rfc2822(a.createdAt), "uri": uri + ".json",
		"subresource_uris": map[string]string{
			"messages": uri + "/Messages.json", "incoming_phone_numbers": uri + "/IncomingPhoneNumbers.json",
			"calls": uri + "/Calls.json", "balance": uri + "/Balance.json",
		},
	}
}
