package twilio

import (
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

// The real Twilio hosts.
const (
	// DefaultBaseURL serves the 2010-04-01 REST API.
	DefaultBaseURL = "https://api.twilio.com"
	// DefaultMessagingBaseURL serves Messaging v1 (Messaging Services).
	DefaultMessagingBaseURL = "https://messaging.twilio.com"
)

// apiVersion is the REST API version the client calls.
const apiVersion = "2010-04-01"

// clientTimeout bounds one call when the Client has no HTTP client.
const clientTimeout = 30 * time.Second

// Client calls Twilio's REST API for one connection at a time (the Account
// SID and auth token come with each call). The same code serves the real
// Twilio and the sandbox (connectors/twilio/sandbox): only the base URLs
// differ.
type Client struct {
	// HTTP sends the requests (a client with a 30 s timeout when nil).
	HTTP *http.Client
	// BaseURL is the REST API's origin (DefaultBaseURL when empty).
	BaseURL string
	// MessagingBaseURL is Messaging v1's origin (DefaultMessagingBaseURL
	// when empty).
	MessagingBaseURL string
}

// ClientFor returns a client for the environment: the real Twilio, or the
// sandbox mounted at env.SandboxBase, which serves both hosts' paths.
func ClientFor(env connectors.Env) *Client {
	if env.SandboxBase != "" {
		base := strings.TrimRight(env.SandboxBase, "/")
		return &Client{HTTP: env.HTTP, BaseURL: base, MessagingBaseURL: base}
	}
	return &Client{HTTP: env.HTTP, BaseURL: DefaultBaseURL, MessagingBaseURL: DefaultMessagingBaseURL}
}

// Errors of the client, matched with errors.Is on an *APIError. No error of
// the client contains the auth token.
var (
	// ErrUnauthorized is a 401 (Twilio error 20003): wrong Account SID or
	// auth token.
	ErrUnauthorized = errors.New("twilio: credentials refused")
	// ErrNotFound is a 404 (20404).
	ErrNotFound = errors.New("twilio: not found")
	// ErrRateLimited is a 429 (20429): retry later.
	ErrRateLimited = errors.New("twilio: rate limited")
	// ErrUnavailable is a failure on Twilio's side (5xx): retry later.
	ErrUnavailable = errors.New("twilio: service unavailable")
)

// Twilio error codes the connector acts on.
const (
	// CodeAuthenticate is an authentication failure.
	CodeAuthenticate = 20003
	// CodeTestCredentials is a resource test credentials may not read.
	CodeTestCredentials = 20008
	// CodeInvalidTo is a To number that is not a valid phone number.
	CodeInvalidTo = 21211
	// CodeFromNotOwned is a From that is not a number of the account.
	CodeFromNotOwned = 21606
	// CodeTooManyRequests is Twilio's 429.
	CodeTooManyRequests = 20429
)

// APIError is an error answer of the API: the HTTP status and Twilio's
// error body ({"code","message","more_info","status"}).
type APIError struct {
	StatusCode int
	// Code is Twilio's error code (20003, 21211, …; 0 when the body had
	// none).
	Code     int
	Message  string
	MoreInfo string
}

// Error describes the answer; it never contains the credentials.
func (e *APIError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("twilio: HTTP %d, error %d: %s", e.StatusCode, e.Code, e.Message)
	}
	return fmt.Sprintf("twilio: HTTP %d: %s", e.StatusCode, e.Message)
}

// Is matches the client's sentinel errors by status.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrUnavailable:
		return e.StatusCode >= 500
	}
	return false
}

// TransportError is a call that got no usable answer: Twilio could not be
// reached, the call timed out, or the answer was not Twilio's JSON. It is
// retryable.
type TransportError struct {
	Err error
}

// Error describes the failure; it never contains the credentials.
func (e *TransportError) Error() string { return "twilio: request failed: " + e.Err.Error() }

// Unwrap returns the underlying failure.
func (e *TransportError) Unwrap() error { return e.Err }

// Message is the part of Twilio's Message resource the connector uses.
type Message struct {
	SID                 string `json:"sid"`
	AccountSID          string `json:"account_sid"`
	MessagingServiceSID string `json:"messaging_service_sid"`
	From                string `json:"from"`
	To                  string `json:"to"`
	Body                string `json:"body"`
	// Status is queued (accepted with a Messaging Service) right after
	// sending; status callbacks tell the rest.
	Status      string `json:"status"`
	NumSegments string `json:"num_segments"`
	// ErrorCode is set for failed and undelivered messages.
	ErrorCode *int   `json:"error_code"`
	Direction string `json:"direction"`
	// DateCreated is in RFC 2822 form, as Twilio sends it.
	DateCreated string `json:"date_created"`
}

// Account is the part of Twilio's Account resource the connector uses.
type Account struct {
	SID          string `json:"sid"`
	FriendlyName string `json:"friendly_name"`
	// Status is active, suspended or closed.
	Status string `json:"status"`
	// Type is Trial or Full.
	Type string `json:"type"`
}

// SendSMS sends body to the phone number to, from the connection's sender
// (a phone number, or a Messaging Service SID), and asks Twilio to POST
// status changes to statusCallback (none when empty). It returns the new
// Message, whose SID identifies it in the callbacks.
func (c *Client) SendSMS(ctx context.Context, conn connectors.Conn, to, body, statusCallback string) (Message, error) {
	form := url.Values{"To": {to}, "Body": {body}}
	if from := conn.Config["from"]; strings.HasPrefix(from, "MG") {
		form.Set("MessagingServiceSid", from)
	} else {
		form.Set("From", from)
	}
	if statusCallback != "" {
		form.Set("StatusCallback", statusCallback)
	}
	var m Message
	path := "/" + apiVersion + "/Accounts/" + url.PathEscape(conn.Config["accountSid"]) + "/Messages.json"
	if err := c.do(ctx, conn, http.MethodPost, c.base()+path, form, &m); err != nil {
		return Message{}, fmt.Errorf("send sms: %w", err)
	}
	if m.SID == "" {
		return Message{}, fmt.Errorf("send sms: %w", &TransportError{Err: errors.New("the answer has no message sid")})
	}
	return m, nil
}

// GetMessage reads a message by SID (SM…).
func (c *Client) GetMessage(ctx context.Context, conn connectors.Conn, sid string) (Message, error) {
	var m Message
	path := "/" + apiVersion + "/Accounts/" + url.PathEscape(conn.Config["accountSid"]) + "/Messages/" + url.PathEscape(sid) + ".json"
	if err := c.do(ctx, conn, http.MethodGet, c.base()+path, nil, &m); err != nil {
		return Message{}, fmt.Errorf("get message: %w", err)
	}
	return m, nil
}

// Account reads the connection's account: the proof that the Account SID
// and auth token work.
func (c *Client) Account(ctx context.Context, conn connectors.Conn) (Account, error) {
	var a Account
	path := "/" + apiVersion + "/Accounts/" + url.PathEscape(conn.Config["accountSid"]) + ".json"
	if err := c.do(ctx, conn, http.MethodGet, c.base()+path, nil, &a); err != nil {
		return Account{}, fmt.Errorf("fetch account: %w", err)
	}
	return a, nil
}

// OwnsNumber tells whether the phone number is one of the account's
// incoming phone numbers.
func (c *Client) OwnsNumber(ctx context.Context, conn connectors.Conn, number string) (bool, error) {
	var list struct {
		Numbers []struct {
			PhoneNumber string `json:"phone_number"`
		} `json:"incoming_phone_numbers"`
	}
	path := "/" + apiVersion + "/Accounts/" + url.PathEscape(conn.Config["accountSid"]) + "/IncomingPhoneNumbers.json?" +
		url.Values{"PhoneNumber": {number}}.Encode()
	if err := c.do(ctx, conn, http.MethodGet, c.base()+path, nil, &list); err != nil {
		return false, fmt.Errorf("list phone numbers: %w", err)
	}
	for _, n := range list.Numbers {
		if n.PhoneNumber == number {
			return true, nil
		}
	}
	return false, nil
}

// HasMessagingService tells whether the Messaging Service (MG…) belongs to
// the account.
func (c *Client) HasMessagingService(ctx context.Context, conn connectors.Conn, sid string) (bool, error) {
	base := c.MessagingBaseURL
	if base == "" {
		base = DefaultMessagingBaseURL
	}
	var svc struct {
		SID string `json:"sid"`
	}
	err := c.do(ctx, conn, http.MethodGet, strings.TrimRight(base, "/")+"/v1/Services/"+url.PathEscape(sid), nil, &svc)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("fetch messaging service: %w", err)
	}
	return svc.SID == sid, nil
}

// CheckCredentials implements connectors.CredentialChecker: it fetches the
// account (Account SID and auth token), then checks that the sender is the
// account's (a phone number among its incoming numbers, or one of its
// Messaging Services). It sends no message.
func (Connector) CheckCredentials(ctx context.Context, conn connectors.Conn, p connectors.Probe) error {
	client := ClientFor(p.Env)
	acct, err := client.Account(ctx, conn)
	if err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized && strings.Contains(strings.ToLower(apiErr.Message), "invalid username") {
			return &connectors.CheckError{Field: "accountSid", Message: "Twilio does not know this Account SID"}
		}
		return checkFailure(err, &connectors.CheckError{Field: "authToken", Message: "Twilio refused this Account SID and auth token"})
	}
	if acct.Status != "" && acct.Status != "active" {
		return &connectors.CheckError{Field: "accountSid", Message: "the Twilio account is " + acct.Status}
	}
	from := conn.Config["from"]
	var owned bool
	if strings.HasPrefix(from, "MG") {
		owned, err = client.HasMessagingService(ctx, conn, from)
	} else {
		owned, err = client.OwnsNumber(ctx, conn, from)
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.Code == CodeTestCredentials {
			// Test credentials may not list numbers; Twilio checks the
			// sender when a message is sent.
			return nil
		}
	}
	if err != nil {
		return checkFailure(err, nil)
	}
	if !owned {
		if strings.HasPrefix(from, "MG") {
			return &connectors.CheckError{Field: "from", Message: "this Messaging Service is not one of the Twilio account's"}
		}
		return &connectors.CheckError{Field: "from", Message: "this number is not a phone number of the Twilio account"}
	}
	return nil
}

// checkFailure turns a call's failure into a CheckError: refused
// credentials become unauthorized (when given), anything else says Twilio
// could not be asked.
func checkFailure(err error, unauthorized *connectors.CheckError) error {
	switch {
	case errors.Is(err, ErrUnauthorized) && unauthorized != nil:
		return unauthorized
	case errors.Is(err, ErrRateLimited):
		return &connectors.CheckError{Message: "Twilio is limiting the rate of requests; try again in a minute"}
	}
	var te *TransportError
	if errors.As(err, &te) || errors.Is(err, ErrUnavailable) {
		return &connectors.CheckError{Message: "Twilio could not be reached; try again later"}
	}
	return &connectors.CheckError{Message: "Twilio did not accept the check: " + err.Error()}
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

// do sends one call with the connection's credentials and decodes a 2xx
// answer into out, or returns an *APIError or *TransportError.
func (c *Client) do(ctx context.Context, conn connectors.Conn, method, rawURL string, form url.Values, out any) error {
	token := conn.Value("authToken")
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, body)
	if err != nil {
		return &TransportError{Err: fmt.Errorf("building the request: %w", err)}
	}
	req.SetBasicAuth(conn.Config["accountSid"], token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Switchboard (Twilio connector)")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, raw, err := apiclient.Exchange(c.httpClient(), req, 8<<20)
	switch {
	case err != nil && resp == nil:
		return &TransportError{Err: apiclient.Redact(err, token)}
	case err != nil:
		return &TransportError{Err: fmt.Errorf("reading the answer: %w", apiclient.Redact(err, token))}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			return &TransportError{Err: fmt.Errorf("reading the answer: %w", err)}
		}
		return nil
	}
	apiErr := &APIError{StatusCode: resp.StatusCode}
	var e struct {
		Code     json.Number `json:"code"`
		Message  string      `json:"message"`
		MoreInfo string      `json:"more_info"`
	}
	if json.Unmarshal(raw, &e) == nil {
		apiErr.Code, _ = strconv.Atoi(e.Code.String())
		apiErr.Message, apiErr.MoreInfo = e.Message, e.MoreInfo
	}
	if apiErr.Message == "" {
		apiErr.Message = http.StatusText(resp.StatusCode)
	}
	apiErr.Message = apiclient.RedactString(apiErr.Message, token)
	return apiErr
}
