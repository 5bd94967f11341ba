package hubspot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/apiclient"
)

// DefaultBaseURL is the real HubSpot API.
const DefaultBaseURL = "https://api.hubapi.com"

// Limits of the CRM v3 API.
const (
	// MaxBatchSize is the most inputs one batch request may carry.
	MaxBatchSize = 100
	// MaxPageSize is the largest page of a list request.
	MaxPageSize = 100
)

// Client calls HubSpot's CRM v3 API and OAuth token-info endpoint. The
// same code serves the real HubSpot and the sandbox
// (connectors/hubspot/sandbox): only BaseURL differs. The zero value works
// against the real HubSpot.
type Client struct {
	// HTTP sends the requests (a client with a 30 s timeout when nil).
	HTTP *http.Client
	// BaseURL is the API origin without a trailing slash: DefaultBaseURL
	// when empty, for example "http://127.0.0.1:8080/sandbox/hubspot" for
	// the sandbox.
	BaseURL string
	// Observe, when set, sees the rate limit each answer reports.
	Observe func(RateLimitStatus)
}

// RateLimitStatus is HubSpot's rolling rate limit as the
// X-HubSpot-RateLimit-* headers of an answer report it.
type RateLimitStatus struct {
	Max, Remaining int
	Interval       time.Duration
}

// rateLimitOf reads the rate-limit headers, when the answer has them.
func rateLimitOf(h http.Header) (RateLimitStatus, bool) {
	maxN, err1 := strconv.Atoi(h.Get("X-HubSpot-RateLimit-Max"))
	ms, err2 := strconv.Atoi(h.Get("X-HubSpot-RateLimit-Interval-Milliseconds"))
	if err1 != nil || err2 != nil || maxN <= 0 || ms <= 0 {
		return RateLimitStatus{}, false
	}
	remaining, _ := strconv.Atoi(h.Get("X-HubSpot-RateLimit-Remaining"))
	return RateLimitStatus{Max: maxN, Remaining: remaining, Interval: time.Duration(ms) * time.Millisecond}, true
}

var defaultHTTP = &http.Client{Timeout: 30 * time.Second}

func (c *Client) httpClient() *http.Client {
	if c != nil && c.HTTP != nil {
		return c.HTTP
	}
	return defaultHTTP
}

func (c *Client) base() string {
	if c != nil && c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	return DefaultBaseURL
}

// Errors of the client. They never contain a token or a secret.
var (
	// ErrUnauthorized is a 401 (or an unknown token on the token-info
	// endpoint): the access token is missing, invalid, expired or revoked.
	// The caller refreshes it, or marks the connection as needing a new
	// consent.
	ErrUnauthorized = errors.New("hubspot: access token invalid, expired or revoked")
	// ErrNotFound is a 404: the record, list or token does not exist.
	// *StatusError unwraps to it.
	ErrNotFound = errors.New("hubspot: not found")
)

// RateLimitedError is HubSpot refusing a call with 429 (the ten-second
// rolling limit, or the daily one). It is retryable after RetryAfter.
type RateLimitedError struct {
	// RetryAfter is the Retry-After header, or else the rate-limit
	// interval HubSpot reports, or else one second.
	RetryAfter time.Duration
	// Policy is HubSpot's policyName (TEN_SECONDLY_ROLLING, DAILY, …).
	Policy string
}

// Error implements error.
func (e *RateLimitedError) Error() string {
	if e.Policy != "" {
		return fmt.Sprintf("hubspot: rate limited (%s), retry after %s", e.Policy, e.RetryAfter)
	}
	return fmt.Sprintf("hubspot: rate limited, retry after %s", e.RetryAfter)
}

// ServerError is a failure on HubSpot's side or on the way there: a 5xx,
// a timeout, a broken connection or an unreadable answer. It is retryable
// and never means the connection is dead.
type ServerError struct {
	// StatusCode is the HTTP status, 0 when no answer came.
	StatusCode int
	Err        error
}

// Error implements error.
func (e *ServerError) Error() string {
	return apiclient.ServerErrorText("hubspot", e.StatusCode, e.Err)
}

// Unwrap returns the underlying failure.
func (e *ServerError) Unwrap() error { return e.Err }

// StatusError is a 4xx other than 401 and 429: a validation error, a
// conflict, a missing scope, an unknown record.
type StatusError struct {
	StatusCode int
	// Message is HubSpot's message, Category its category
	// (VALIDATION_ERROR, CONFLICT, OBJECT_NOT_FOUND, MISSING_SCOPES, …).
	Message  string
	Category string
	// CorrelationID identifies the request for HubSpot's support.
	CorrelationID string
}

// Error implements error.
func (e *StatusError) Error() string {
	if e.Category != "" {
		return fmt.Sprintf("hubspot: HTTP %d %s: %s", e.StatusCode, e.Category, e.Message)
	}
	return fmt.Sprintf("hubspot: HTTP %d: %s", e.StatusCode, e.Message)
}

// Unwrap makes a 404 match ErrNotFound.
func (e *StatusError) Unwrap() error {
	if e.StatusCode == http.StatusNotFound {
		return ErrNotFound
	}
	return nil
}

// errorBody is HubSpot's error JSON.
type errorBody struct {
	Status        string `json:"status"`
	Message       string `json:"message"`
	Category      string `json:"category"`
	CorrelationID string `json:"correlationId"`
	PolicyName    string `json:"policyName"`
	Errors        []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

const maxResponse = 16 << 20

// do sends one request. The token goes only in the Authorization header
// (or, for TokenInfo, the path, which never appears in an error: transport
// errors are reported without the URL). op names the call in errors.
func (c *Client) do(ctx context.Context, op, method, path string, query url.Values, token secrets.Secret, in, out any) error {
	if token.Empty() {
		return fmt.Errorf("hubspot: %s: no access token: %w", op, ErrUnauthorized)
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("hubspot: %s: encoding request: %w", op, err)
		}
		body = bytes.NewReader(b)
	}
	endpoint := c.base() + path
	if len(query) > 0 {
		endpoint += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, endpoint, body)
	if err != nil {
		return fmt.Errorf("hubspot: %s: building request: %w", op, apiclient.WithoutURL(err))
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if !strings.HasPrefix(path, "/oauth/") {
		req.Header.Set("Authorization", "Bearer "+token.Reveal())
	}
	resp, raw, err := apiclient.Exchange(c.httpClient(), req, maxResponse)
	if resp != nil && c.Observe != nil {
		if st, ok := rateLimitOf(resp.Header); ok {
			c.Observe(st)
		}
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return fmt.Errorf("hubspot: %s: %w", op, ctx.Err())
	case err != nil && resp == nil:
		return &ServerError{Err: fmt.Errorf("%s: %w", op, apiclient.WithoutURL(err))}
	case err != nil:
		return &ServerError{StatusCode: resp.StatusCode, Err: fmt.Errorf("%s: reading response: %w", op, apiclient.WithoutURL(err))}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return statusErr(op, resp, raw, token)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &ServerError{StatusCode: resp.StatusCode, Err: fmt.Errorf("%s: decoding response: %w", op, err)}
	}
	return nil
}

func statusErr(op string, resp *http.Response, raw []byte, token secrets.Secret) error {
	var eb errorBody
	_ = json.Unmarshal(raw, &eb)
	msg := eb.Message
	for _, d := range eb.Errors {
		if d.Message != "" {
			msg += "; " + d.Message
		}
	}
	if msg == "" {
		msg = resp.Status
	}
	// HubSpot never echoes the token, but a message is only ever shown
	// with it taken out.
	msg = apiclient.RedactString(msg, token.Reveal())
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized:
		return fmt.Errorf("hubspot: %s: %s: %w", op, firstNonEmpty(eb.Category, "HTTP 401"), ErrUnauthorized)
	case code == http.StatusTooManyRequests:
		return &RateLimitedError{RetryAfter: retryAfter(resp.Header), Policy: eb.PolicyName}
	case code >= 500:
		return &ServerError{StatusCode: code, Err: fmt.Errorf("%s: %s", op, msg)}
	default:
		return &StatusError{StatusCode: code, Message: msg, Category: eb.Category, CorrelationID: eb.CorrelationID}
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// retryAfter reads Retry-After (seconds), else the rate-limit interval
// header (milliseconds, the most a full window can take to clear), else
// one second.
func retryAfter(h http.Header) time.Duration {
	if d, ok := apiclient.RetryAfterSeconds(h.Get("Retry-After"), 24*time.Hour); ok {
		return d
	}
	if ms, err := strconv.ParseInt(strings.TrimSpace(h.Get("X-HubSpot-RateLimit-Interval-Milliseconds")), 10, 64); err == nil && ms > 0 && ms <= 86400000 {
		return time.Duration(ms) * time.Millisecond
	}
	return time.Second
}

// TokenInfo is what HubSpot says about an access token.
type TokenInfo struct {
	HubID     int64    `json:"hub_id"`
	HubDomain string   `json:"hub_domain"`
	User      string   `json:"user"`
	UserID    int64    `json:"user_id"`
	AppID     int64    `json:"app_id"`
	Scopes    []string `json:"scopes"`
	// ExpiresIn is the token's remaining lifetime.
	ExpiresIn time.Duration `json:"-"`
}

// TokenInfo reads the account, user and scopes behind token
// (GET /oauth/v1/access-tokens/{token}). An unknown, revoked or expired
// token is ErrUnauthorized.
func (c *Client) TokenInfo(ctx context.Context, token secrets.Secret) (TokenInfo, error) {
	var out struct {
		TokenInfo
		ExpiresIn int64 `json:"expires_in"`
	}
	err := c.do(ctx, "token info", http.MethodGet, "/oauth/v1/access-tokens/"+url.PathEscape(token.Reveal()), nil, token, nil, &out)
	if errors.Is(err, ErrNotFound) {
		return TokenInfo{}, fmt.Errorf("hubspot: token info: unknown token: %w", ErrUnauthorized)
	}
	if err != nil {
		return TokenInfo{}, err
	}
	out.TokenInfo.ExpiresIn = time.Duration(out.ExpiresIn) * time.Second
	return out.TokenInfo, nil
}

// Contact is a contact to write. Email identifies it; empty fields are
// left as they are at HubSpot.
type Contact struct {
	Email          string
	FirstName      string
	LastName       string
	Phone          string
	LifecycleStage string
	// TotalRevenue is a decimal string.
	TotalRevenue string
	// Properties are further HubSpot properties by internal name; they
	// win over the fields above.
	Properties map[string]string
}

func (c Contact) properties() map[string]string {
	p := map[string]string{}
	for k, v := range map[string]string{"email": c.Email, "firstname": c.FirstName, "lastname": c.LastName, "phone": c.Phone,
		"lifecyclestage": c.LifecycleStage, "total_revenue": c.TotalRevenue} {
		if v != "" {
			p[k] = v
		}
	}
	for k, v := range c.Properties {
		p[k] = v
	}
	return p
}

// Record is a CRM object as HubSpot returns it.
type Record struct {
	ID         string            `json:"id"`
	Properties map[string]string `json:"properties"`
	CreatedAt  time.Time         `json:"createdAt"`
	UpdatedAt  time.Time         `json:"updatedAt"`
	Archived   bool              `json:"archived"`
}

// UnmarshalJSON reads properties whose values may be null.
func (r *Record) UnmarshalJSON(b []byte) error {
	var raw struct {
		ID         string             `json:"id"`
		Properties map[string]*string `json:"properties"`
		CreatedAt  time.Time          `json:"createdAt"`
		UpdatedAt  time.Time          `json:"updatedAt"`
		Archived   bool               `json:"archived"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*r = Record{ID: raw.ID, CreatedAt: raw.CreatedAt, UpdatedAt: raw.UpdatedAt, Archived: raw.Archived, Properties: map[string]string{}}
	for k, v := range raw.Properties {
		if v != nil {
			r.Properties[k] = *v
		}
	}
	return nil
}

// Email is the record's email property.
func (r Record) Email() string { return r.Properties["email"] }

// UpsertResult is one contact written by UpsertContacts.
type UpsertResult struct {
	Record
	// New tells whether the contact was created (false: updated).
	New bool `json:"new"`
}

// UnmarshalJSON reads the record and its "new" flag (Record's own
// UnmarshalJSON would otherwise hide the flag).
func (u *UpsertResult) UnmarshalJSON(b []byte) error {
	var flag struct {
		New bool `json:"new"`
	}
	if err := json.Unmarshal(b, &flag); err != nil {
		return err
	}
	if err := u.Record.UnmarshalJSON(b); err != nil {
		return err
	}
	u.New = flag.New
	return nil
}

// UpsertContacts creates or updates contacts by email with the batch
// upsert endpoint, MaxBatchSize per request, in order. Emails must be
// present and distinct (case-insensitively). On failure it returns the
// results of the batches that went through, with the error.
func (c *Client) UpsertContacts(ctx context.Context, token secrets.Secret, contacts []Contact) ([]UpsertResult, error) {
	seen := make(map[string]int, len(contacts))
	for i, ct := range contacts {
		e := strings.ToLower(strings.TrimSpace(ct.Email))
		if e == "" {
			return nil, fmt.Errorf("hubspot: upsert contacts: contact %d has no email", i)
		}
		if j, dup := seen[e]; dup {
			return nil, fmt.Errorf("hubspot: upsert contacts: contacts %d and %d have the same email", j, i)
		}
		seen[e] = i
	}
	type input struct {
		ID         string            `json:"id"`
		IDProperty string            `json:"idProperty"`
		Properties map[string]string `json:"properties"`
	}
	results := make([]UpsertResult, 0, len(contacts))
	for start := 0; start < len(contacts); start += MaxBatchSize {
		chunk := contacts[start:min(start+MaxBatchSize, len(contacts))]
		inputs := make([]input, len(chunk))
		for i, ct := range chunk {
			props := ct.properties()
			delete(props, "email") // the id carries it
			inputs[i] = input{ID: strings.TrimSpace(ct.Email), IDProperty: "email", Properties: props}
		}
		var out struct {
			Status  string         `json:"status"`
			Results []UpsertResult `json:"results"`
		}
		op := fmt.Sprintf("upsert contacts %d..%d", start, start+len(chunk)-1)
		if err := c.do(ctx, op, http.MethodPost, "/crm/v3/objects/contacts/batch/upsert", nil, token, map[string]any{"inputs": inputs}, &out); err != nil {
			return results, err
		}
		results = append(results, out.Results...)
	}
	return results, nil
}

// contactProperties are the properties the connector reads.
const contactProperties = "email,firstname,lastname,phone,lifecyclestage,total_revenue"

// ContactPage is one page of contacts.
type ContactPage struct {
	Contacts []Record
	// After is the cursor of the next page; empty on the last one.
	After string
}

// Contacts reads one page of contacts in id order, limit (1..MaxPageSize)
// at a time, starting at the cursor after ("" for the first page).
func (c *Client) Contacts(ctx context.Context, token secrets.Secret, limit int, after string) (ContactPage, error) {
	if limit < 1 || limit > MaxPageSize {
		return ContactPage{}, fmt.Errorf("hubspot: contacts: limit must be 1..%d, got %d", MaxPageSize, limit)
	}
	q := url.Values{"limit": {strconv.Itoa(limit)}, "properties": {contactProperties}, "archived": {"false"}}
	if after != "" {
		q.Set("after", after)
	}
	var out struct {
		Results []Record `json:"results"`
		Paging  *struct {
			Next *struct {
				After string `json:"after"`
			} `json:"next"`
		} `json:"paging"`
	}
	if err := c.do(ctx, "contacts", http.MethodGet, "/crm/v3/objects/contacts", q, token, nil, &out); err != nil {
		return ContactPage{}, err
	}
	page := ContactPage{Contacts: out.Results}
	if out.Paging != nil && out.Paging.Next != nil {
		page.After = out.Paging.Next.After
	}
	return page, nil
}

// ContactsModifiedSince reads one page of the contacts modified at or
// after since, by ascending id, through the search API. HubSpot's search
// pages through at most 10,000 results, so paging is by id instead of
// offset: afterID is the last id of the previous page ("" for the first),
// and each page is a new search for ids above it. Total is how many
// contacts the search matched (on the first page, all of them).
func (c *Client) ContactsModifiedSince(ctx context.Context, token secrets.Secret, since time.Time, limit int, afterID string) (ContactPage, int, error) {
	if limit < 1 || limit > MaxPageSize {
		return ContactPage{}, 0, fmt.Errorf("hubspot: contacts search: limit must be 1..%d, got %d", MaxPageSize, limit)
	}
	filters := []map[string]any{{"propertyName": "lastmodifieddate", "operator": "GTE", "value": strconv.FormatInt(since.UnixMilli(), 10)}}
	if afterID != "" {
		filters = append(filters, map[string]any{"propertyName": "hs_object_id", "operator": "GT", "value": afterID})
	}
	in := map[string]any{"filterGroups": []map[string]any{{"filters": filters}},
		"sorts":      []map[string]any{{"propertyName": "hs_object_id", "direction": "ASCENDING"}},
		"properties": strings.Split(contactProperties, ","), "limit": limit}
	var out struct {
		Total   int      `json:"total"`
		Results []Record `json:"results"`
	}
	if err := c.do(ctx, "contacts search", http.MethodPost, "/crm/v3/objects/contacts/search", nil, token, in, &out); err != nil {
		return ContactPage{}, 0, err
	}
	page := ContactPage{Contacts: out.Results}
	if len(out.Results) == limit && out.Total > limit {
		page.After = out.Results[len(out.Results)-1].ID
	}
	return page, out.Total, nil
}

// ContactByEmail reads the contact with email; ErrNotFound when there is
// none.
func (c *Client) ContactByEmail(ctx context.Context, token secrets.Secret, email string) (Record, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return Record{}, errors.New("hubspot: contact by email: no email")
	}
	var out Record
	q := url.Values{"idProperty": {"email"}, "properties": {contactProperties}}
	if err := c.do(ctx, "contact by email", http.MethodGet, "/crm/v3/objects/contacts/"+url.PathEscape(email), q, token, nil, &out); err != nil {
		return Record{}, err
	}
	return out, nil
}

// Ticket is a support ticket to open.
type Ticket struct {
	Subject string
	Content string
	// Priority is LOW, MEDIUM, HIGH or URGENT ("" for none).
	Priority string
	// Pipeline and Stage default to HubSpot's support pipeline ("0") and
	// its first stage, New ("1").
	Pipeline string
	Stage    string
	// ContactID, when set, associates the ticket with that contact.
	ContactID string
}

// ticketToContact is HubSpot's association type id for ticket → contact.
const ticketToContact = 16

// CreateTicket opens a ticket (POST /crm/v3/objects/tickets).
func (c *Client) CreateTicket(ctx context.Context, token secrets.Secret, t Ticket) (Record, error) {
	if strings.TrimSpace(t.Subject) == "" {
		return Record{}, errors.New("hubspot: create ticket: a subject is required")
	}
	switch t.Priority {
	case "", "LOW", "MEDIUM", "HIGH", "URGENT":
	default:
		return Record{}, fmt.Errorf("hubspot: create ticket: priority %q is not LOW, MEDIUM, HIGH or URGENT", t.Priority)
	}
	props := map[string]string{"subject": t.Subject, "hs_pipeline": firstNonEmpty(t.Pipeline, "0"), "hs_pipeline_stage": firstNonEmpty(t.Stage, "1")}
	if t.Content != "" {
		props["content"] = t.Content
	}
	if t.Priority != "" {
		props["hs_ticket_priority"] = t.Priority
	}
	in := map[string]any{"properties": props}
	if t.ContactID != "" {
		in["associations"] = []any{map[string]any{
			"to":    map[string]string{"id": t.ContactID},
			"types": []any{map[string]any{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": ticketToContact}},
		}}
	}
	var out Record
	if err := c.do(ctx, "create ticket", http.MethodPost, "/crm/v3/objects/tickets", nil, token, in, &out); err != nil {
		return Record{}, err
	}
	return out, nil
}

// ListMembership is what adding records to a list did.
type ListMembership struct {
	// Added are the records that became members; records already in the
	// list are in neither Added nor Missing.
	Added []string
	// Missing are ids of records that do not exist.
	Missing []string
}

// AddToList adds records (contact ids) to a MANUAL or SNAPSHOT list
// (PUT /crm/v3/lists/{listId}/memberships/add). Adding a member again is a
// no-op, so the call can be retried.
func (c *Client) AddToList(ctx context.Context, token secrets.Secret, listID string, recordIDs []string) (ListMembership, error) {
	if strings.TrimSpace(listID) == "" {
		return ListMembership{}, errors.New("hubspot: add to list: no list id")
	}
	if len(recordIDs) == 0 {
		return ListMembership{}, nil
	}
	var out struct {
		// HubSpot's schema spells it recordsIdsAdded; accept both.
		RecordsIDsAdded  []string `json:"recordsIdsAdded"`
		RecordIDsAdded   []string `json:"recordIdsAdded"`
		RecordIDsMissing []string `json:"recordIdsMissing"`
	}
	if err := c.do(ctx, "add to list "+listID, http.MethodPut, "/crm/v3/lists/"+url.PathEscape(listID)+"/memberships/add", nil, token, recordIDs, &out); err != nil {
		return ListMembership{}, err
	}
	return ListMembership{Added: append(out.RecordsIDsAdded, out.RecordIDsAdded...), Missing: out.RecordIDsMissing}, nil
}

// RevokeRefreshToken deletes a refresh token at HubSpot, ending the app's
// access to the portal through it (the request carries the connection's
// access token). An unknown token counts as revoked.
func (c *Client) RevokeRefreshToken(ctx context.Context, access, refresh secrets.Secret) error {
	err := c.do(ctx, "revoke refresh token", http.MethodDelete, "/oauth/v1/refresh-tokens/"+url.PathEscape(refresh.Reveal()), nil, access, nil, nil)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// RetryAfterDelay implements connectors.RateLimited.
func (e *RateLimitedError) RetryAfterDelay() time.Duration { return e.RetryAfter }
