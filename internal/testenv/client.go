package testenv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// Client calls the hub's GraphQL API over HTTP like a browser (cookies and
// the CSRF header) or like a developer (an API token).
type Client struct {
	hub   *Hub
	http  *http.Client
	Token string
	// NoCSRF leaves out the X-CSRF-Token header.
	NoCSRF bool
	// Record, when set, receives every raw response body.
	Record func(raw string)
}

// NewClient returns a client with an empty cookie jar.
func (h *Hub) NewClient() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{hub: h, http: &http.Client{Jar: jar}}
}

// WithToken returns a client that authenticates with an API token only.
func (h *Hub) WithToken(token string) *Client {
	return &Client{hub: h, http: &http.Client{}, Token: token}
}

// Response is a GraphQL response.
type Response struct {
	Status int
	Data   map[string]any
	Errors []GQLError
	Raw    string
}

// GQLError is one GraphQL error.
type GQLError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns the extensions.code of the first error, or "".
func (r *Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// Fields returns the field messages of the first error.
func (r *Response) Fields() map[string]any {
	if len(r.Errors) == 0 {
		return nil
	}
	f, _ := r.Errors[0].Extensions["fields"].(map[string]any)
	return f
}

// Get walks the data by a dotted path ("createWorkspace.id"); a number
// picks a list element ("connections.0.status").
func (r *Response) Get(path string) any {
	var cur any = r.Data
	for _, p := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			cur = v[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(v) {
				return nil
			}
			cur = v[i]
		default:
			return nil
		}
	}
	return cur
}

// String is Get for a string value.
func (r *Response) String(path string) string {
	s, _ := r.Get(path).(string)
	return s
}

// CSRF returns the value of the client's CSRF cookie.
func (c *Client) CSRF() string {
	if c.http.Jar == nil {
		return ""
	}
	req, _ := http.NewRequest("GET", c.hub.URL, nil)
	for _, ck := range c.http.Jar.Cookies(req.URL) {
		if ck.Name == "sb_csrf" {
			return ck.Value
		}
	}
	return ""
}

// SetCookies puts cookies into the client's jar.
func (c *Client) SetCookies(u *url.URL, cookies []*http.Cookie) { c.http.Jar.SetCookies(u, cookies) }

// Cookies returns the cookie header the client would send.
func (c *Client) Cookies() []*http.Cookie {
	if c.http.Jar == nil {
		return nil
	}
	req, _ := http.NewRequest("GET", c.hub.URL, nil)
	return c.http.Jar.Cookies(req.URL)
}

// Post sends a raw body to /graphql.
func (c *Client) Post(t testing.TB, body []byte) *Response {
	t.Helper()
	req, err := http.NewRequest("POST", c.hub.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if csrf := c.CSRF(); csrf != "" && !c.NoCSRF {
		req.Header.Set("X-CSRF-Token", csrf)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	out := &Response{Status: resp.StatusCode, Raw: buf.String()}
	if c.Record != nil {
		c.Record(out.Raw)
	}
	var decoded struct {
		Data   map[string]any `json:"data"`
		Errors []GQLError     `json:"errors"`
	}
	if err := json.Unmarshal(buf.Bytes(), &decoded); err != nil {
		t.Fatalf("response is not JSON (status %d): %s", resp.StatusCode, buf.String())
	}
	out.Data, out.Errors = decoded.Data, decoded.Errors
	return out
}

// Do runs a GraphQL operation.
func (c *Client) Do(t testing.TB, query string, vars map[string]any) *Response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return c.Post(t, body)
}

// MustDo runs an operation that must succeed.
func (c *Client) MustDo(t testing.TB, query string, vars map[string]any) *Response {
	t.Helper()
	r := c.Do(t, query, vars)
	if len(r.Errors) > 0 || r.Status != 200 {
		t.Fatalf("operation failed (status %d): %s\n%s", r.Status, r.Raw, query)
	}
	return r
}

// Account is a signed-up user with their agency.
type Account struct {
	*Client
	Email    string
	AgencyID string
	UserID   string
}

var accountSeq atomic.Int64

// SignUp creates an agency with a new owner and returns the signed-in client.
func (h *Hub) SignUp(t testing.TB, agency string) *Account {
	t.Helper()
	email := fmt.Sprintf("owner%d-%s@example.com", accountSeq.Add(1), strings.ToLower(strings.ReplaceAll(agency, " ", "")))
	c := h.NewClient()
	r := c.MustDo(t, `mutation($in: SignUpInput!) { signUp(input: $in) { viewer { user { id } memberships { agency { id } } } } }`,
		map[string]any{"in": map[string]any{"agencyName": agency, "name": "Owner of " + agency, "email": email, "password": "correct horse battery"}})
	ms := r.Get("signUp.viewer.memberships").([]any)
	agencyID := ms[0].(map[string]any)["agency"].(map[string]any)["id"].(string)
	return &Account{Client: c, Email: email, AgencyID: agencyID, UserID: r.String("signUp.viewer.user.id")}
}

// Browser returns an HTTP client sharing this client's cookies that does not
// follow redirects, to walk through redirect-based flows (OAuth) step by step.
func (c *Client) Browser() *http.Client {
	return &http.Client{Jar: c.http.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
