// Package sandbox emulates Twilio's Programmable Messaging for what
// Switchboard uses, so that the Twilio connector can be developed, tested
// and demonstrated without a Twilio account or network access. It is an
// http.Handler that the hub mounts under a prefix (for example
// /sandbox/twilio, with http.StripPrefix); a client uses
// "<hub>/sandbox/twilio" where it would use "https://api.twilio.com" (and
// "https://messaging.twilio.com" for Messaging Services). Nothing else
// differs for the client.
//
// # What it follows
//
// The REST API version 2010-04-01 and Messaging v1, as documented on
// twilio.com in 2025:
//
//   - Authentication: HTTP Basic with the Account SID and the auth token. A
//     failure answers 401 with WWW-Authenticate and Twilio's error body
//     {"code":20003,"message":…,"more_info":"https://www.twilio.com/docs/errors/20003","status":401}:
//     "Authentication Error - No credentials provided" without credentials,
//     "Authentication Error - invalid username" for an unknown SID and
//     "Authenticate" for a wrong token. A path naming another account than
//     the credentials answers 404 (20404).
//   - GET /2010-04-01/Accounts/{AccountSid}.json: the Account resource
//     (sid, friendly_name, status, type, owner_account_sid, dates in RFC
//     2822 form, uri, subresource_uris), without the auth_token Twilio
//     includes.
//   - POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To,
//     From or MessagingServiceSid, Body, StatusCallback: 201 with the Message
//     resource (sid SM…, status queued — accepted with a Messaging Service —,
//     num_segments for GSM-7 or UCS-2 bodies, direction outbound-api, …).
//     Validations, in Twilio's order and with its codes: To missing (21604),
//     From and MessagingServiceSid missing (21603), Body missing (21602), To
//     not E.164 (21211), From not a number of the account (21606), unknown
//     Messaging Service (21701), body over 1600 characters (21617), a bad
//     StatusCallback URL (21609). Twilio's magic test numbers are honoured as
//     To: +15005550001 invalid (21211), +15005550002 unroutable (21612),
//     +15005550003 no international permission (21408), +15005550004
//     blocked (21610), +15005550009 not SMS-capable (21614).
//   - GET …/Messages/{Sid}.json reads a message; GET
//     …/IncomingPhoneNumbers.json?PhoneNumber=… lists the account's numbers
//     (Twilio's paging envelope, one page); GET /v1/Services/{Sid} reads a
//     Messaging Service of the account.
//   - Status progression, asynchronous as at Twilio: accepted → queued (with
//     a Messaging Service) → sent → delivered. Each change after the initial
//     status POSTs a status callback to the message's StatusCallback:
//     form-encoded AccountSid, ApiVersion, From, MessageSid, MessageStatus,
//     SmsSid, SmsStatus, To (plus MessagingServiceSid and ErrorCode when
//     set), signed with X-Twilio-Signature = base64(HMAC-SHA1(auth token,
//     the exact callback URL + every parameter name and value sorted by
//     name)). Changes happen when the clock says they are due (SendDelay
//     after creation, DeliverDelay after sending) and something calls Tick
//     — the control API, or on its own with Options.AutoProgress — or when
//     the control API sets a status (including failed and undelivered with
//     an error code).
//   - Rate limits: 429 with code 20429 "Too Many Requests", when forced.
//
// # Demo credentials
//
// So that a person trying the hub (make run) can connect without any setup,
// the account DemoAccountSID (ACc0ffee00c0ffee00c0ffee00c0ffee00) with auth
// token DemoAuthToken ("sandbox-demo-auth-token") owns the number DemoFrom
// (+15005550006, Twilio's magic "valid sender" number) and the Messaging
// Service DemoMessagingServiceSID. Other accounts are made through the
// control API.
//
// # What it does not emulate
//
// Calls, MMS media, inbound messages, scheduling, message redaction and
// deletion, subaccounts, API keys (SK…) and auth-token promotion, test
// credentials' restrictions (the magic To numbers work for every account),
// Twilio's real queueing and carrier behaviour (statuses move only as
// described above; "sending" is skipped), status callbacks' retries and the
// Messaging Service's own callback URL, Webhooks Rules signed with a shared
// key, pagination beyond one page, Twilio's concurrency-based rate limiting
// (429s happen only when forced), prices, DELETE routes (the hub mounts
// sandboxes for GET and POST only), and HTTPS.
//
// # Control API
//
// Tests and the hub's sandbox mode drive it under /_control/ with JSON (see
// control.go): create accounts, add numbers, fail the next N calls, force
// 429s, rotate tokens, read counters and messages, set a message's status
// and run due status changes. The control API has no authentication: mount
// the sandbox only in sandbox mode.
package sandbox

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// APIVersion is the REST API version the sandbox answers.
const APIVersion = "2010-04-01"

// The demo account, which exists in every sandbox.
const (
	// DemoAccountSID is the demo account's SID.
	DemoAccountSID = "ACc0ffee00c0ffee00c0ffee00c0ffee00"
	// DemoAuthToken is the demo account's auth token.
	DemoAuthToken = "sandbox-demo-auth-token"
	// DemoFrom is the demo account's phone number.
	DemoFrom = "+15005550006"
	// DemoMessagingServiceSID is the demo account's Messaging Service.
	DemoMessagingServiceSID = "MGc0ffee00c0ffee00c0ffee00c0ffee00"
)

// Options configure a Sandbox.
type Options struct {
	// Now is the clock (time.Now when nil); status changes fall due by it.
	Now func() time.Time
	// WebhookClient sends status callbacks (a client with a 10 s timeout
	// when nil).
	WebhookClient *http.Client
	// SendDelay is how long a message stays queued (1 s when 0);
	// DeliverDelay how long it stays sent before delivered (2 s when 0).
	SendDelay, DeliverDelay time.Duration
	// AutoProgress makes due status changes happen on their own, with
	// timers of the real clock (the hub's sandbox mode). Without it they
	// happen when Tick is called (tests).
	AutoProgress bool
}

// Sandbox is the Twilio emulator. Create it with New; it is safe for
// concurrent use.
type Sandbox struct {
	opts Options

	mu       sync.Mutex
	accounts map[string]*account
	messages map[string]*message
	seq      int64
}

type account struct {
	sid          string
	token        string
	friendlyName string
	createdAt    time.Time
	numbers      []string
	services     map[string]string // sid → friendly name

	faults   sandboxkit.Faults
	counters Counters
}

type message struct {
	sid            string
	account        *account
	seq            int64
	to, from       string
	serviceSID     string
	body           string
	segments       int
	status         string
	errorCode      int
	statusCallback string
	createdAt      time.Time
	updatedAt      time.Time
	sentAt         time.Time
	dueAt          time.Time // when the next automatic change falls due
}

// Counters are what an account's traffic did, for tests.
type Counters struct {
	// APICalls counts authenticated API requests, including refused ones.
	APICalls int `json:"apiCalls"`
	// AuthFailures counts requests refused for a wrong auth token.
	AuthFailures int `json:"authFailures"`
	// Throttled counts 429 answers.
	Throttled int `json:"throttled"`
	// Failed counts answers failed on purpose (FailNext).
	Failed int `json:"failed"`
	// MessagesCreated counts messages accepted.
	MessagesCreated int `json:"messagesCreated"`
	// CallbacksSent counts status callbacks attempted.
	CallbacksSent int `json:"callbacksSent"`
}

// New returns a Sandbox with opts, filling in the defaults. The demo
// account exists from the start.
func New(opts Options) *Sandbox {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = &http.Client{Timeout: 10 * time.Second}
	}
	if opts.SendDelay <= 0 {
		opts.SendDelay = time.Second
	}
	if opts.DeliverDelay <= 0 {
		opts.DeliverDelay = 2 * time.Second
	}
	s := &Sandbox{opts: opts, accounts: map[string]*account{}, messages: map[string]*message{}}
	s.accounts[DemoAccountSID] = &account{
		sid: DemoAccountSID, token: DemoAuthToken, friendlyName: "Switchboard sandbox demo", createdAt: s.now(),
		numbers: []string{DemoFrom}, services: map[string]string{DemoMessagingServiceSID: "Sandbox demo service"},
	}
	return s
}

func (s *Sandbox) now() time.Time { return s.opts.Now().UTC() }

// newSID returns a Twilio SID: two letters and 32 hex characters.
func newSID(prefix string) string { return sandboxkit.RandomHex(prefix) }

// rfc2822 is Twilio's date format.
func rfc2822(t time.Time) string { return t.UTC().Format("Mon, 02 Jan 2006 15:04:05 -0700") }

// twilioError is Twilio's error body.
type twilioError struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

func writeJSON(w http.ResponseWriter, status int, v any) { sandboxkit.WriteJSON(w, status, v) }

// writeError answers Twilio's error body.
func writeError(w http.ResponseWriter, status, code int, message string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
	}
	writeJSON(w, status, twilioError{Code: code, Message: message,
		MoreInfo: fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code), Status: status})
}
