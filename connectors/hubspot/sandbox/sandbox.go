// Package sandbox emulates HubSpot for what Switchboard uses, so that the
// HubSpot connector can be developed, tested and demonstrated without a
// HubSpot account or network access. It is an http.Handler that the hub
// mounts under a prefix (for example /sandbox/hubspot, with
// http.StripPrefix). HubSpot lives on two hosts, app.hubspot.com (the
// consent page) and api.hubapi.com (everything else); the sandbox answers
// both sets of paths under its one base URL, which is what
// connectors.Env.ResolveURL produces: "https://app.hubspot.com/oauth/authorize"
// becomes "<base>/oauth/authorize" and "https://api.hubapi.com/oauth/v1/token"
// becomes "<base>/oauth/v1/token". Nothing else differs for the client.
//
// # What it follows
//
// HubSpot's OAuth v1 endpoints and the CRM v3 APIs (objects, batch, lists)
// as documented on developers.hubspot.com in 2025–2026, including the
// 18 August 2025 change that added hub_id and scopes to token responses:
//
//   - Consent: GET /oauth/authorize with client_id, redirect_uri, scope
//     (space-separated; required), optional_scope and state shows an HTML
//     page for the one emulated account, "Sandbox portal" (hub id PortalID),
//     with "Connect app" and "Cancel". Connecting redirects (302) to
//     redirect_uri?code=…&state=…; cancelling redirects with
//     error=access_denied, error_description and state. An unknown
//     client_id, a missing or (when Options.RedirectURIs is set) unregistered
//     redirect_uri, or a missing scope shows an error page instead (400),
//     as HubSpot does: it never redirects to a URI it cannot trust.
//   - Token endpoint POST /oauth/v1/token, form-encoded only, with
//     client_id and client_secret in the body. grant_type=authorization_code
//     needs code and the redirect_uri of the consent; codes are single use
//     and live CodeTTL. grant_type=refresh_token needs refresh_token. Both
//     answer {"token_type":"bearer","refresh_token","access_token",
//     "expires_in":1800,"hub_id","scopes"}. Refresh tokens do not rotate:
//     every refresh returns the same refresh token, which keeps working until
//     the app is uninstalled (RevokeTokens); earlier access tokens stay valid
//     until they expire. Errors are 400 with HubSpot's documented v1 body
//     {"status","message","correlationId"} plus the RFC 6749 "error" and
//     "error_description" members, which OAuth libraries (x/oauth2's
//     RetrieveError.ErrorCode) and the hub read to tell a dead grant from a
//     passing failure. HubSpot's reference shows only the first three;
//     integrators report invalid_grant next to BAD_REFRESH_TOKEN, and the
//     sandbox sends both so either reading works: BAD_AUTH_CODE and
//     BAD_REFRESH_TOKEN are invalid_grant ("missing or unknown auth code",
//     "missing or invalid refresh token"), BAD_REDIRECT_URI is invalid_grant,
//     BAD_CLIENT_ID and BAD_CLIENT_SECRET are invalid_client, BAD_GRANT_TYPE
//     (also for JSON bodies) is unsupported_grant_type.
//   - GET /oauth/v1/access-tokens/{token}: token, user, hub_domain, scopes,
//     hub_id, app_id, expires_in (seconds left), user_id, token_type
//     "access". An unknown or revoked token answers 404, an expired one 401.
//   - CRM v3 with "Authorization: Bearer <access token>": contacts list
//     (GET /crm/v3/objects/contacts, limit 1..100, default 10, cursor paging
//     with paging.next.after, properties=…), search (POST
//     /crm/v3/objects/contacts/search: filters, sorts, offset paging capped
//     at 10,000 results; search.go), create (POST, 409 CONFLICT
//     "Contact already exists. Existing ID: N" on a known email), read
//     (GET /crm/v3/objects/contacts/{id}, or by email with idProperty=email),
//     batch upsert (POST /crm/v3/objects/contacts/batch/upsert, 1..100 inputs
//     with idProperty email, each result with "new"); tickets create (POST
//     /crm/v3/objects/tickets: subject, content, hs_pipeline "0",
//     hs_pipeline_stage 1..4, hs_ticket_priority LOW/MEDIUM/HIGH/URGENT,
//     associations to contacts with HUBSPOT_DEFINED type 16); list
//     membership add (PUT /crm/v3/lists/{listId}/memberships/add with a JSON
//     array of record ids, answering recordsIdsAdded — HubSpot's spelling —,
//     recordIdsMissing and recordIdsRemoved; MANUAL and SNAPSHOT lists only).
//     Emails are matched case-insensitively and stored in lower case;
//     unknown properties answer 400 VALIDATION_ERROR with
//     PROPERTY_DOESNT_EXIST errors.
//   - Errors of the CRM API are HubSpot's JSON {"status":"error","message",
//     "correlationId","category"[,"errors","context"]}: 401
//     INVALID_AUTHENTICATION for a missing, unknown or revoked token, 401
//     EXPIRED_AUTHENTICATION ("The OAuth token used to make this call expired
//     N day(s) ago.") for an expired one.
//   - Rate limit: the limit for OAuth apps, RateLimit requests (100) per
//     rolling 10 seconds per app and account (the sandbox serves one app, so
//     per portal). Every CRM answer carries X-HubSpot-RateLimit-Max,
//     X-HubSpot-RateLimit-Remaining and
//     X-HubSpot-RateLimit-Interval-Milliseconds (10000); beyond the limit the
//     answer is 429 {"status":"error","message":"You have reached your
//     ten_secondly_rolling limit.","errorType":"RATE_LIMIT","correlationId",
//     "policyName":"TEN_SECONDLY_ROLLING","requestId"} with a Retry-After
//     header in whole seconds until the oldest counted request leaves the
//     window (HubSpot does not document Retry-After; the sandbox sends it
//     because the connector's Spec relies on it, and clients must fall back
//     to the interval header). Refused requests do not count.
//   - Webhooks: a delivery is a POST of a JSON array of events
//     (eventId, subscriptionId, portalId, appId, occurredAt,
//     subscriptionType, attemptNumber, objectId, changeSource, changeFlag,
//     propertyName, propertyValue) signed with X-HubSpot-Signature-v3 =
//     base64(HMAC-SHA256(client secret, "POST" + URI + body + timestamp)),
//     where the URI is the target URL with HubSpot's percent-decoding of
//     : / ? @ ! $ ' ( ) * , ; and the timestamp is
//     X-HubSpot-Request-Timestamp in Unix milliseconds; the legacy v1
//     X-HubSpot-Signature (hex SHA-256 of secret + body) is sent next to it,
//     as HubSpot does.
//
// # What it does not emulate
//
// More than one portal, user or app; the account chooser of the consent
// page and its login; the OAuth v3 endpoints (/oauth/v3/token), PKCE
// (code_verifier is ignored), the refresh-token metadata and DELETE
// endpoints; scope checks on API calls (every granted token may call every
// endpoint) and the validity of scope names; daily limits, the search API's
// own limit and plan-dependent burst sizes; every other CRM object, property
// definitions, property history, associations other than ticket → contact,
// search of objects other than contacts (search.go), merges, archiving and GDPR deletion; list creation through the API
// and dynamic list evaluation (lists are made through the control API);
// webhook subscriptions management, retries, batching of up to 100 events
// and throttling of deliveries (a delivery is triggered through the control
// API and sent once); HubSpot's exact wording of every error message; HTTPS.
//
// # Control API
//
// Tests and the hub's sandbox mode drive it under /_control/ with JSON (see
// control.go): seed contacts, create lists, fail the next N calls, exhaust
// the rate limit, revoke or expire tokens, mint tokens, read counters and
// trigger contact webhooks. The control API has no authentication: mount
// the sandbox only in sandbox mode.
package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// The emulated account and app.
const (
	// PortalID is the hub id of the one emulated account (HubSpot's own
	// example portal id).
	PortalID int64 = 62515
	// PortalName is the account's name on the consent page.
	PortalName = "Sandbox portal"
	// PortalDomain is the account's hub_domain.
	PortalDomain = "sandbox-portal.switchboard.example"
	// PortalUser is the user who installs apps.
	PortalUser = "owner@sandbox-portal.switchboard.example"
	// PortalUserID is that user's id.
	PortalUserID int64 = 7654321
	// AppID is the emulated app's id.
	AppID int64 = 54321
)

// Limits and lifetimes.
const (
	// RateInterval is the rolling window of the rate limit.
	RateInterval = 10 * time.Second
	// CodeTTL is how long an authorization code may be exchanged.
	CodeTTL = 5 * time.Minute
	// MaxBatch is the largest batch input HubSpot accepts.
	MaxBatch = 100
	// MaxPage is the largest page limit.
	MaxPage = 100
)

// Options configure a Sandbox.
type Options struct {
	// ClientID and ClientSecret are the app's credentials.
	ClientID     string
	ClientSecret string
	// RedirectURIs, when set, are the only redirect_uri values the consent
	// page accepts (the app's registered redirect URLs).
	RedirectURIs []string
	// Now is the clock (time.Now when nil); tests inject one to expire
	// codes and tokens and to move the rate-limit window.
	Now func() time.Time
	// AccessTokenTTL is the lifetime of access tokens (30 minutes).
	AccessTokenTTL time.Duration
	// RateLimit is how many API requests a portal may make per rolling
	// RateInterval (100).
	RateLimit int
	// WebhookClient sends webhook deliveries (a client with a 10 s timeout
	// when nil).
	WebhookClient *http.Client
}

// Sandbox is the HubSpot emulator. Create it with New; it is safe for
// concurrent use.
type Sandbox struct {
	opts Options
	mux  *http.ServeMux

	mu            sync.Mutex
	portal        *portal
	codes         map[string]*authCode
	access        map[string]*accessToken
	refresh       map[string]*refreshToken
	webhookTarget string
	nextEventID   int64
}

// Counters are what the portal's traffic did, for tests.
type Counters struct {
	// Authorizations counts approved consent pages.
	Authorizations int `json:"authorizations"`
	// CodeExchanges counts authorization_code token requests, good or bad.
	CodeExchanges int `json:"codeExchanges"`
	// RefreshRequests counts refresh_token token requests, good or bad.
	RefreshRequests int `json:"refreshRequests"`
	// APICalls counts CRM requests, including refused ones.
	APICalls int `json:"apiCalls"`
	// RateLimited counts 429 answers.
	RateLimited int `json:"rateLimited"`
	// MaxWindow is the most requests accepted within one rolling
	// RateInterval so far (at most RateLimit).
	MaxWindow int `json:"maxWindow"`
	// EarlyCalls counts API calls made before the Retry-After of the last
	// 429 had passed (a well-behaved client makes none).
	EarlyCalls int `json:"earlyCalls"`
	// WebhooksSent counts webhook deliveries attempted.
	WebhooksSent int `json:"webhooksSent"`
}

type portal struct {
	contacts      []*object // ascending id
	contactByID   map[int64]*object
	contactByMail map[string]*object
	nextContactID int64
	tickets       []*object
	nextTicketID  int64
	lists         map[string]*list
	nextListID    int64

	window   []time.Time // accepted API requests, oldest first
	faults   sandboxkit.Faults
	counters Counters
	// retryAt is when the last 429's Retry-After ends.
	retryAt time.Time
	// throttleEvery, when set, answers every n-th API call 429 with a
	// one-second Retry-After; calls counts API calls for it.
	throttleEvery, calls int
}

// object is a CRM record.
type object struct {
	id        int64
	props     map[string]string
	createdAt time.Time
	updatedAt time.Time
	// associations holds associated contact ids (tickets only).
	associations []int64
}

type list struct {
	id             string
	name           string
	processingType string
	members        []int64
	member         map[int64]bool
}

type authCode struct {
	scopes      []string
	redirectURI string
	expiresAt   time.Time
	used        bool
}

type accessToken struct {
	scopes    []string
	expiresAt time.Time
	revoked   bool
}

type refreshToken struct {
	scopes  []string
	revoked bool
}

// New returns a Sandbox with opts, filling in the defaults.
func New(opts Options) *Sandbox {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.AccessTokenTTL <= 0 {
		opts.AccessTokenTTL = 30 * time.Minute
	}
	if opts.RateLimit <= 0 {
		opts.RateLimit = 100
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = &http.Client{Timeout: 10 * time.Second}
	}
	s := &Sandbox{
		opts: opts,
		portal: &portal{
			contactByID: map[int64]*object{}, contactByMail: map[string]*object{}, nextContactID: 100,
			nextTicketID: 5000, lists: map[string]*list{},
		},
		codes:       map[string]*authCode{},
		access:      map[string]*accessToken{},
		refresh:     map[string]*refreshToken{},
		nextEventID: 100,
	}
	s.mux = s.routes()
	return s
}

func (s *Sandbox) routes() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("GET /oauth/authorize", s.serveAuthorize)
	m.HandleFunc("POST /oauth/authorize/approve", s.serveApprove)
	m.HandleFunc("POST /oauth/authorize/cancel", s.serveCancel)
	m.HandleFunc("POST /oauth/v1/token", s.serveToken)
	m.HandleFunc("GET /oauth/v1/access-tokens/{token}", s.serveTokenInfo)
	m.HandleFunc("DELETE /oauth/v1/refresh-tokens/{token}", s.serveRevokeRefresh)
	m.HandleFunc("GET /crm/v3/objects/contacts", s.api(s.listContacts))
	m.HandleFunc("POST /crm/v3/objects/contacts", s.api(s.createContact))
	m.HandleFunc("GET /crm/v3/objects/contacts/{id}", s.api(s.readContact))
	m.HandleFunc("POST /crm/v3/objects/contacts/search", s.api(s.searchContacts))
	m.HandleFunc("POST /crm/v3/objects/contacts/batch/upsert", s.api(s.upsertContacts))
	m.HandleFunc("POST /crm/v3/objects/tickets", s.api(s.createTicket))
	m.HandleFunc("PUT /crm/v3/lists/{listId}/memberships/add", s.api(s.addToList))
	m.HandleFunc("/_control/", s.serveControl)
	return m
}

// ServeHTTP answers HubSpot's OAuth and CRM paths and, under /_control/, the
// control API.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		apiError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "Resource not found", nil)
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Sandbox) now() time.Time { return s.opts.Now() }

// randomToken returns prefix + n random bytes in unpadded base64url.
func randomToken(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// jsonContentType is how HubSpot spells its JSON Content-Type.
const jsonContentType = "application/json;charset=utf-8"

func writeJSON(w http.ResponseWriter, status int, v any) {
	sandboxkit.WriteJSONAs(w, jsonContentType, status, v)
}

// apiError writes HubSpot's standard error body.
func apiError(w http.ResponseWriter, status int, category, message string, extra map[string]any) {
	body := map[string]any{"status": "error", "message": message, "correlationId": sandboxkit.NewUUID(), "category": category}
	for k, v := range extra {
		body[k] = v
	}
	writeJSON(w, status, body)
}

func normEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
