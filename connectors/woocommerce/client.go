package woocommerce

import (
	"bytes"
	"context"
	"encoding/base64"
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

// APIPath is where WordPress serves the WooCommerce REST API under a
// store's URL.
const APIPath = "/wp-json/wc/v3"

// MaxPageSize is the most records one page of a WooCommerce list holds
// (per_page), and MaxBatchSize the most objects one batch request takes.
const (
	MaxPageSize  = 100
	MaxBatchSize = 100
)

// clientTimeout bounds one call when the Client has no HTTP client.
const clientTimeout = 30 * time.Second

// maxAnswer bounds the answer read from a store (a page of 100 products is
// well under it).
const maxAnswer = 16 << 20

// Client calls a store's REST API. The same code serves real stores and
// the sandbox (connectors/woocommerce/sandbox): only where a store URL
// points differs (see Root).
type Client struct {
	// HTTP sends the requests (a client with a 30 s timeout when nil).
	HTTP *http.Client
	// SandboxBase, when set, is the sandbox that serves every store: a store
	// URL's host and path become the first segments of a path under it.
	SandboxBase string
}

// ClientFor returns a client for the environment: real stores, or the
// sandbox mounted at env.SandboxBase.
func ClientFor(env connectors.Env) *Client {
	return &Client{HTTP: env.HTTP, SandboxBase: strings.TrimRight(env.SandboxBase, "/")}
}

// Errors of the client, matched with errors.Is. No error of the client
// contains the consumer key or secret.
var (
	// ErrStoreURL is a store URL the client will not call: not an absolute
	// https URL, or one with credentials, a query or a fragment.
	ErrStoreURL = errors.New("woocommerce: the store URL must be an https:// address without credentials, query or fragment")
	// ErrUnauthorized is a key the store refuses: unknown, with the wrong
	// secret, revoked, or without the permission the call needs (401).
	ErrUnauthorized = errors.New("woocommerce: consumer key refused")
	// ErrNotFound is an unknown route or object (404).
	ErrNotFound = errors.New("woocommerce: not found")
	// ErrRateLimited is a 429: retry later.
	ErrRateLimited = errors.New("woocommerce: rate limited")
	// ErrUnavailable is a failure on the store's side (5xx): retry later.
	ErrUnavailable = errors.New("woocommerce: store unavailable")
)

// StoreRoot checks a store URL and returns it normalized: scheme, lower-case
// host and path without a trailing slash ("https://example.com/shop"). In
// sandbox mode (sandbox true) plain http is accepted too, since the URL
// only names a sandbox store.
func StoreRoot(raw string, sandbox bool) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return nil, ErrStoreURL
	}
	if u.Scheme != "https" && (!sandbox || u.Scheme != "http") {
		return nil, ErrStoreURL
	}
	u.Host = strings.ToLower(u.Host)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if strings.Contains(u.Path, "/wp-json") {
		return nil, ErrStoreURL
	}
	return u, nil
}

// Root returns the REST API root of a store: storeURL + APIPath, or in
// sandbox mode <SandboxBase>/<host><path> + APIPath.
func (c *Client) Root(storeURL string) (string, error) {
	u, err := StoreRoot(storeURL, c.SandboxBase != "")
	if err != nil {
		return "", err
	}
	if c.SandboxBase != "" {
		return c.SandboxBase + "/" + u.Host + u.EscapedPath() + APIPath, nil
	}
	return "https://" + u.Host + u.EscapedPath() + APIPath, nil
}

// APIError is an error answer of the store: its HTTP status and
// WordPress's error body {"code","message","data":{"status"}}.
type APIError struct {
	StatusCode int
	// Code is WordPress's or WooCommerce's machine-readable code
	// (woocommerce_rest_cannot_view, rest_no_route, …); empty when the
	// answer was not a WordPress error body (a web server's own page).
	Code    string
	Message string
	// RetryAfter is the Retry-After of a 429 or 503, when one was sent.
	RetryAfter time.Duration
}

// Error describes the answer; it never contains the credentials.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("woocommerce: HTTP %d", e.StatusCode)
	if e.Code != "" {
		msg += " " + e.Code
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
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

// WordPress tells whether the answer was a WordPress REST error body, that
// is whether a WordPress site answered at all.
func (e *APIError) WordPress() bool { return e.Code != "" }

// RateLimitedError is a 429 answer; it implements connectors.RateLimited.
type RateLimitedError struct {
	*APIError
}

// defaultRetryAfter is how long to wait after a 429 that says nothing.
const defaultRetryAfter = 5 * time.Second

// RetryAfterDelay implements connectors.RateLimited.
func (e *RateLimitedError) RetryAfterDelay() time.Duration {
	if e.RetryAfter > 0 {
		return e.RetryAfter
	}
	return defaultRetryAfter
}

// Unwrap returns the APIError.
func (e *RateLimitedError) Unwrap() error { return e.APIError }

// TransportError is a call that got no usable answer: the store could not
// be reached, the call timed out, or the answer was not the JSON asked
// for. It is retryable.
type TransportError struct {
	Err error
}

// Error describes the failure; it never contains the credentials.
func (e *TransportError) Error() string { return "woocommerce: request failed: " + e.Err.Error() }

// Unwrap returns the underlying failure.
func (e *TransportError) Unwrap() error { return e.Err }

// Page is one page of a list: its raw items and the totals WordPress
// sends in X-WP-Total and X-WP-TotalPages (-1 when absent).
type Page struct {
	Items      []json.RawMessage
	Total      int
	TotalPages int
}

// credentials are a connection's consumer key and secret.
type credentials struct{ key, secret string }

func credentialsOf(conn connectors.Conn) credentials {
	return credentials{key: strings.TrimSpace(conn.Value("consumerKey")), secret: strings.TrimSpace(conn.Value("consumerSecret"))}
}

// redact removes the key, the secret and their Basic encoding from s.
func (cr credentials) redact(s string) string {
	s = apiclient.RedactString(s, cr.secret)
	s = apiclient.RedactString(s, cr.key)
	if cr.key != "" || cr.secret != "" {
		s = apiclient.RedactString(s, base64.StdEncoding.EncodeToString([]byte(cr.key+":"+cr.secret)))
	}
	return s
}

func (cr credentials) redactErr(err error) error {
	err = apiclient.Redact(err, cr.secret)
	err = apiclient.Redact(err, cr.key)
	if cr.key != "" || cr.secret != "" {
		err = apiclient.Redact(err, base64.StdEncoding.EncodeToString([]byte(cr.key+":"+cr.secret)))
	}
	return err
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: clientTimeout}
}

// do sends one call to the connection's store with HTTP Basic auth and
// returns a 2xx answer's body and header, or an *APIError,
// *RateLimitedError or *TransportError. path is relative to the API root
// ("/products").
func (c *Client) do(ctx context.Context, conn connectors.Conn, method, path string, q url.Values, in any) ([]byte, http.Header, error) {
	root, err := c.Root(conn.Config["storeUrl"])
	if err != nil {
		return nil, nil, err
	}
	cr := credentialsOf(conn)
	target := root + path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	var rd io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, nil, fmt.Errorf("woocommerce: encoding the request: %w", err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return nil, nil, &TransportError{Err: cr.redactErr(fmt.Errorf("building the request: %w", err))}
	}
	req.SetBasicAuth(cr.key, cr.secret)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Switchboard (WooCommerce connector)")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, raw, err := apiclient.Exchange(c.httpClient(), req, maxAnswer)
	switch {
	case err != nil && resp == nil:
		return nil, nil, &TransportError{Err: cr.redactErr(err)}
	case err != nil:
		return nil, nil, &TransportError{Err: fmt.Errorf("reading the answer: %w", cr.redactErr(err))}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return raw, resp.Header, nil
	}
	apiErr := &APIError{StatusCode: resp.StatusCode}
	if d, ok := apiclient.RetryAfterSeconds(resp.Header.Get("Retry-After"), time.Hour); ok {
		apiErr.RetryAfter = d
	}
	var body struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &body) == nil && body.Code != "" {
		apiErr.Code, apiErr.Message = cr.redact(body.Code), cr.redact(body.Message)
	} else {
		apiErr.Message = http.StatusText(resp.StatusCode)
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return nil, nil, &RateLimitedError{APIError: apiErr}
	}
	return nil, nil, apiErr
}

// list reads one page of a collection (GET path with q).
func (c *Client) list(ctx context.Context, conn connectors.Conn, path string, q url.Values) (Page, error) {
	raw, h, err := c.do(ctx, conn, http.MethodGet, path, q, nil)
	if err != nil {
		return Page{}, err
	}
	p := Page{Total: headerInt(h, "X-WP-Total"), TotalPages: headerInt(h, "X-WP-TotalPages")}
	if err := json.Unmarshal(raw, &p.Items); err != nil {
		return Page{}, &TransportError{Err: errors.New("the answer is not a JSON list (is this a WooCommerce store?)")}
	}
	return p, nil
}

func headerInt(h http.Header, name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// ProductQuery selects a page of products.
type ProductQuery struct {
	// Page is 1-based; PerPage is 1..MaxPageSize (MaxPageSize when 0).
	Page, PerPage int
	// ModifiedAfter keeps products modified after it (GMT), when set.
	ModifiedAfter time.Time
	// SKUs keeps products with one of the SKUs, when set. WooCommerce
	// splits the sku parameter on commas, so SKUs that contain one are
	// best asked for alone.
	SKUs []string
	// IDs keeps the products with these ids (include), when set.
	IDs []int64
}

// ListProducts reads a page of the store's products, in id order.
func (c *Client) ListProducts(ctx context.Context, conn connectors.Conn, pq ProductQuery) ([]Product, Page, error) {
	q := url.Values{"orderby": {"id"}, "order": {"asc"}}
	page, per := max(pq.Page, 1), pq.PerPage
	if per <= 0 || per > MaxPageSize {
		per = MaxPageSize
	}
	q.Set("page", strconv.Itoa(page))
	q.Set("per_page", strconv.Itoa(per))
	if !pq.ModifiedAfter.IsZero() {
		q.Set("modified_after", pq.ModifiedAfter.UTC().Format(wcTimeLayout))
		q.Set("dates_are_gmt", "true")
	}
	if len(pq.SKUs) > 0 {
		q.Set("sku", strings.Join(pq.SKUs, ","))
	}
	if len(pq.IDs) > 0 {
		ids := make([]string, len(pq.IDs))
		for i, id := range pq.IDs {
			ids[i] = strconv.FormatInt(id, 10)
		}
		q.Set("include", strings.Join(ids, ","))
	}
	p, err := c.list(ctx, conn, "/products", q)
	if err != nil {
		return nil, Page{}, fmt.Errorf("list products: %w", err)
	}
	out := make([]Product, 0, len(p.Items))
	for _, raw := range p.Items {
		pr, err := ParseProduct(raw)
		if err != nil {
			return nil, Page{}, fmt.Errorf("list products: %w", err)
		}
		out = append(out, pr)
	}
	return out, p, nil
}

// GetProduct reads one product (GET /products/{id}); an unknown id is an
// error matching ErrNotFound.
func (c *Client) GetProduct(ctx context.Context, conn connectors.Conn, id int64) (Product, error) {
	raw, _, err := c.do(ctx, conn, http.MethodGet, "/products/"+strconv.FormatInt(id, 10), nil, nil)
	if err != nil {
		return Product{}, fmt.Errorf("get product %d: %w", id, err)
	}
	p, err := ParseProduct(raw)
	if err != nil {
		return Product{}, fmt.Errorf("get product %d: %w", id, err)
	}
	return p, nil
}

// UpdateProduct sends PUT /products/{id} with the properties to set, named
// as the API names them, and returns the product as saved.
func (c *Client) UpdateProduct(ctx context.Context, conn connectors.Conn, id int64, update ProductUpdate) (Product, error) {
	raw, _, err := c.do(ctx, conn, http.MethodPut, "/products/"+strconv.FormatInt(id, 10), nil, update)
	if err != nil {
		return Product{}, fmt.Errorf("update product %d: %w", id, err)
	}
	p, err := ParseProduct(raw)
	if err != nil {
		return Product{}, fmt.Errorf("update product %d: %w", id, err)
	}
	return p, nil
}

// ProductUpdate is one entry of a batch update: the product's id and the
// properties to set, named as the API names them (stock_quantity, …).
type ProductUpdate map[string]any

// BatchResult is one entry of a batch answer: the product as saved, or
// the error WooCommerce gave for it.
type BatchResult struct {
	Product Product
	// Err is set when WooCommerce refused this entry.
	Err *ItemError
}

// ItemError is a batch entry's error object.
type ItemError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *ItemError) Error() string {
	if e.Code == "" {
		return e.Message
	}
	return e.Code + ": " + e.Message
}

// BatchUpdateProducts sends POST /products/batch {"update": updates}
// (at most MaxBatchSize) and returns one result per update, in order.
func (c *Client) BatchUpdateProducts(ctx context.Context, conn connectors.Conn, updates []ProductUpdate) ([]BatchResult, error) {
	if len(updates) > MaxBatchSize {
		return nil, fmt.Errorf("woocommerce: a batch takes at most %d products, not %d", MaxBatchSize, len(updates))
	}
	raw, _, err := c.do(ctx, conn, http.MethodPost, "/products/batch", nil, map[string]any{"update": updates})
	if err != nil {
		return nil, fmt.Errorf("batch update products: %w", err)
	}
	var answer struct {
		Update []json.RawMessage `json:"update"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil || len(answer.Update) != len(updates) {
		return nil, fmt.Errorf("batch update products: %w", &TransportError{
			Err: fmt.Errorf("the answer holds %d results for %d updates", len(answer.Update), len(updates))})
	}
	cr := credentialsOf(conn)
	out := make([]BatchResult, len(updates))
	for i, item := range answer.Update {
		var probe struct {
			Error *ItemError `json:"error"`
		}
		if err := json.Unmarshal(item, &probe); err != nil {
			return nil, fmt.Errorf("batch update products: %w", &TransportError{Err: fmt.Errorf("result %d: %w", i, err)})
		}
		if probe.Error != nil {
			probe.Error.Code, probe.Error.Message = cr.redact(probe.Error.Code), cr.redact(probe.Error.Message)
			out[i].Err = probe.Error
			continue
		}
		p, err := ParseProduct(item)
		if err != nil {
			return nil, fmt.Errorf("batch update products: result %d: %w", i, err)
		}
		out[i].Product = p
	}
	return out, nil
}

// CheckCredentials implements connectors.CredentialChecker by listing one
// product, which any key with read access may do: a refused key names
// consumerKey, a store that cannot be reached or is not WooCommerce names
// storeUrl.
func (Connector) CheckCredentials(ctx context.Context, c connectors.Conn, p connectors.Probe) error {
	client := ClientFor(p.Env)
	switch {
	case strings.TrimSpace(c.Config["storeUrl"]) == "":
		return &connectors.CheckError{Field: "storeUrl", Message: "the store's URL is required"}
	case strings.TrimSpace(c.Value("consumerKey")) == "":
		return &connectors.CheckError{Field: "consumerKey", Message: "a WooCommerce consumer key is required"}
	case strings.TrimSpace(c.Value("consumerSecret")) == "":
		return &connectors.CheckError{Field: "consumerSecret", Message: "the consumer key's secret is required"}
	case c.Value("webhookSecret") == "":
		return &connectors.CheckError{Field: "webhookSecret", Message: "the webhooks' secret is required, to verify their signatures"}
	}
	if _, err := client.Root(c.Config["storeUrl"]); err != nil {
		return &connectors.CheckError{Field: "storeUrl", Message: "must be the store's https:// address, like https://shop.example.com " +
			"(WooCommerce takes keys over plain HTTP only with OAuth 1.0a signatures)"}
	}
	_, _, err := client.ListProducts(ctx, c, ProductQuery{Page: 1, PerPage: 1})
	var (
		apiErr *APIError
		te     *TransportError
	)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, ErrUnauthorized), errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden && apiErr.WordPress():
		return &connectors.CheckError{Field: "consumerKey", Message: "the store refused this consumer key and secret: check both, and that the key has Read/Write permission"}
	case errors.Is(err, ErrRateLimited):
		return &connectors.CheckError{Message: "the store is limiting the rate of requests; try again in a minute"}
	case errors.Is(err, ErrNotFound):
		return &connectors.CheckError{Field: "storeUrl", Message: "no WooCommerce REST API answers at this address: check the URL, that WooCommerce is active and that permalinks are not \"Plain\""}
	case errors.Is(err, ErrUnavailable):
		return &connectors.CheckError{Message: "the store answered with a server error; try again later"}
	case errors.As(err, &te):
		return &connectors.CheckError{Field: "storeUrl", Message: "the store could not be reached, or did not answer like WooCommerce: check the URL"}
	case errors.As(err, &apiErr):
		return &connectors.CheckError{Field: "storeUrl", Message: "the store did not accept the check: " + apiErr.Error()}
	}
	return &connectors.CheckError{Message: "the store did not accept the check: " + credentialsOf(c).redact(err.Error())}
}
