package easypost

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

	"github.com/switchboard-hub/switchboard/connectors"

	"github.com/switchboard-hub/switchboard/connectors/internal/apiclient"
)

// DefaultBaseURL is the real EasyPost API.
const DefaultBaseURL = "https://api.easypost.com"

// clientTimeout bounds one call when the Client has no HTTP client.
const clientTimeout = 30 * time.Second

// Client calls EasyPost's API v2 for one connection at a time (the API key
// comes with each call). The same code serves the real EasyPost and the
// sandbox (connectors/easypost/sandbox): only BaseURL differs.
type Client struct {
	// HTTP sends the requests (a client with a 30 s timeout when nil).
	HTTP *http.Client
	// BaseURL is the API's origin without /v2 (DefaultBaseURL when empty).
	BaseURL string
}

// ClientFor returns a client for the environment: the real EasyPost, or the
// sandbox mounted at env.SandboxBase.
func ClientFor(env connectors.Env) *Client {
	base := DefaultBaseURL
	if env.SandboxBase != "" {
		base = strings.TrimRight(env.SandboxBase, "/")
	}
	return &Client{HTTP: env.HTTP, BaseURL: base}
}

// Errors of the client, matched with errors.Is on an *APIError. No error of
// the client contains the API key.
var (
	// ErrUnauthorized is a key EasyPost refuses: missing, unknown or
	// deactivated (401, or 403 with an APIKEY.* code).
	ErrUnauthorized = errors.New("easypost: API key refused")
	// ErrNotFound is an unknown object (404).
	ErrNotFound = errors.New("easypost: not found")
	// ErrRateLimited is a 429: retry later.
	ErrRateLimited = errors.New("easypost: rate limited")
	// ErrUnavailable is a failure on EasyPost's side (5xx): retry later.
	ErrUnavailable = errors.New("easypost: service unavailable")
)

// APIError is an error answer of the API: the HTTP status and EasyPost's
// error object.
type APIError struct {
	StatusCode int
	// Code is EasyPost's machine-readable code (APIKEY.REQUIRED,
	// NOT_FOUND, PARAMETER.REQUIRED, …).
	Code    string
	Message string
	// Fields are the per-field problems, when EasyPost lists them.
	Fields []FieldError
	// RetryAfter is the Retry-After of a 429 or 503, when one was sent.
	RetryAfter time.Duration
}

// FieldError is one entry of an error's "errors".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error describes the answer; it never contains the credentials.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("easypost: HTTP %d", e.StatusCode)
	if e.Code != "" {
		msg += " " + e.Code
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	for _, f := range e.Fields {
		msg += "; " + f.Field + " " + f.Message
	}
	return msg
}

// Is matches the client's sentinel errors by status.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || (e.StatusCode == http.StatusForbidden && strings.HasPrefix(e.Code, "APIKEY."))
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrUnavailable:
		return e.StatusCode >= 500
	}
	return false
}

// TransportError is a call that got no usable answer: EasyPost could not
// be reached, the call timed out, or the answer was not EasyPost's JSON.
// It is retryable.
type TransportError struct {
	Err error
}

// Error describes the failure; it never contains the credentials.
func (e *TransportError) Error() string { return "easypost: request failed: " + e.Err.Error() }

// Unwrap returns the underlying failure.
func (e *TransportError) Unwrap() error { return e.Err }

// TrackerPage is one page of GET /v2/trackers, newest first.
type TrackerPage struct {
	Trackers []Tracker
	// HasMore tells whether older trackers follow: ask again with
	// BeforeID set to the last tracker's id.
	HasMore bool
}

// ListOptions select a page of trackers.
type ListOptions struct {
	// PageSize is 1..100 (EasyPost's default, 20, when 0).
	PageSize int
	// BeforeID returns trackers older than this one.
	BeforeID     string
	TrackingCode string
}

// CreateTracker starts tracking a parcel (carrier may be empty: EasyPost
// then guesses it). Tracking a code the account already tracks returns the
// existing tracker.
func (c *Client) CreateTracker(ctx context.Context, conn connectors.Conn, trackingCode, carrier string) (Tracker, error) {
	in := map[string]map[string]string{"tracker": {"tracking_code": trackingCode}}
	if carrier != "" {
		in["tracker"]["carrier"] = carrier
	}
	body, err := json.Marshal(in)
	if err != nil {
		return Tracker{}, fmt.Errorf("easypost: create tracker: %w", err)
	}
	raw, err := c.do(ctx, conn, http.MethodPost, "/v2/trackers", body)
	if err != nil {
		return Tracker{}, fmt.Errorf("create tracker: %w", err)
	}
	return ParseTracker(raw)
}

// GetTracker reads a tracker by id (trk_…).
func (c *Client) GetTracker(ctx context.Context, conn connectors.Conn, id string) (Tracker, error) {
	raw, err := c.do(ctx, conn, http.MethodGet, "/v2/trackers/"+url.PathEscape(id), nil)
	if err != nil {
		return Tracker{}, fmt.Errorf("get tracker: %w", err)
	}
	return ParseTracker(raw)
}

// ListTrackers reads a page of the account's trackers.
func (c *Client) ListTrackers(ctx context.Context, conn connectors.Conn, o ListOptions) (TrackerPage, error) {
	q := url.Values{}
	if o.PageSize > 0 {
		q.Set("page_size", strconv.Itoa(o.PageSize))
	}
	if o.BeforeID != "" {
		q.Set("before_id", o.BeforeID)
	}
	if o.TrackingCode != "" {
		q.Set("tracking_code", o.TrackingCode)
	}
	path := "/v2/trackers"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	raw, err := c.do(ctx, conn, http.MethodGet, path, nil)
	if err != nil {
		return TrackerPage{}, fmt.Errorf("list trackers: %w", err)
	}
	var page struct {
		Trackers []json.RawMessage `json:"trackers"`
		HasMore  bool              `json:"has_more"`
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		return TrackerPage{}, fmt.Errorf("list trackers: %w", &TransportError{Err: fmt.Errorf("reading the answer: %w", err)})
	}
	out := TrackerPage{HasMore: page.HasMore, Trackers: make([]Tracker, 0, len(page.Trackers))}
	for _, t := range page.Trackers {
		tr, err := ParseTracker(t)
		if err != nil {
			return TrackerPage{}, fmt.Errorf("list trackers: %w", err)
		}
		out.Trackers = append(out.Trackers, tr)
	}
	return out, nil
}

// CheckCredentials implements connectors.CredentialChecker by listing one
// tracker: the cheapest call every key may make (EasyPost's Users API,
// which its libraries use for "retrieve me", only takes production keys).
func (Connector) CheckCredentials(ctx context.Context, c connectors.Conn, p connectors.Probe) error {
	if c.Value("apiKey") == "" {
		return &connectors.CheckError{Field: "apiKey", Message: "an EasyPost API key is required"}
	}
	_, err := ClientFor(p.Env).ListTrackers(ctx, c, ListOptions{PageSize: 1})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrUnauthorized):
		return &connectors.CheckError{Field: "apiKey", Message: "EasyPost refused this API key"}
	case errors.Is(err, ErrRateLimited):
		return &connectors.CheckError{Message: "EasyPost is limiting the rate of requests; try again in a minute"}
	}
	var te *TransportError
	if errors.As(err, &te) || errors.Is(err, ErrUnavailable) {
		return &connectors.CheckError{Message: "EasyPost could not be reached; try again later"}
	}
	return &connectors.CheckError{Message: "EasyPost did not accept the check: " + err.Error()}
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: clientTimeout}
}

func (c *Client) base() string {
	if c.BaseURL == "" {
		return DefaultBaseURL
	}
	return strings.TrimRight(c.BaseURL, "/")
}

// do sends one call with the connection's key and returns the body of a 2xx
// answer, or an *APIError or *TransportError.
func (c *Client) do(ctx context.Context, conn connectors.Conn, method, path string, body []byte) ([]byte, error) {
	key := conn.Value("apiKey")
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base()+path, rd)
	if err != nil {
		return nil, &TransportError{Err: fmt.Errorf("building the request: %w", err)}
	}
	req.SetBasicAuth(key, "")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Switchboard (EasyPost connector)")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, raw, err := apiclient.Exchange(c.httpClient(), req, 8<<20)
	switch {
	case err != nil && resp == nil:
		return nil, &TransportError{Err: apiclient.Redact(err, key)}
	case err != nil:
		return nil, &TransportError{Err: fmt.Errorf("reading the answer: %w", apiclient.Redact(err, key))}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return raw, nil
	}
	apiErr := &APIError{StatusCode: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	var e struct {
		Error struct {
			Code    string            `json:"code"`
			Message json.RawMessage   `json:"message"`
			Errors  []json.RawMessage `json:"errors"`
		} `json:"error"`
	}
	if json.Unmarshal(raw, &e) == nil {
		apiErr.Code = e.Error.Code
		apiErr.Message = messageText(e.Error.Message)
		for _, fe := range e.Error.Errors {
			var f FieldError
			if json.Unmarshal(fe, &f) == nil {
				apiErr.Fields = append(apiErr.Fields, f)
				continue
			}
			var s string
			if json.Unmarshal(fe, &s) == nil {
				apiErr.Fields = append(apiErr.Fields, FieldError{Message: s})
			}
		}
	} else {
		apiErr.Message = http.StatusText(resp.StatusCode)
	}
	apiErr.Message = apiclient.RedactString(apiErr.Message, key)
	for i := range apiErr.Fields {
		apiErr.Fields[i].Message = apiclient.RedactString(apiErr.Fields[i].Message, key)
	}
	return nil, apiErr
}

// messageText reads an error message, which EasyPost sends as a string or,
// for some errors, as a list or object of strings.
func messageText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	var parts []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			parts = append(parts, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return strings.Join(parts, ", ")
}

func retryAfter(v string) time.Duration {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	return 0
}
