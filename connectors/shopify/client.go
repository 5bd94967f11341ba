package shopify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/apiclient"
)

// Client calls Shopify's Admin GraphQL API and builds its OAuth URLs for
// one app. The same code serves the real Shopify and the sandbox
// (connectors/shopify/sandbox): only BaseURL differs. The zero value works
// against the real Shopify.
type Client struct {
	// HTTP sends the requests (a client with a 30 s timeout when nil).
	HTTP *http.Client
	// BaseURL returns the shop's origin without a trailing slash:
	// DefaultBaseURL for the real Shopify, for example
	// "http://127.0.0.1:8080/sandbox/shopify/"+shop for the sandbox.
	BaseURL func(shop string) string
}

// DefaultBaseURL is the real Shopify: "https://" + shop.
func DefaultBaseURL(shop string) string { return "https://" + shop }

var defaultHTTP = &http.Client{Timeout: 30 * time.Second}

func (c *Client) httpClient() *http.Client {
	if c != nil && c.HTTP != nil {
		return c.HTTP
	}
	return defaultHTTP
}

func (c *Client) base(shop string) string {
	if c != nil && c.BaseURL != nil {
		return strings.TrimSuffix(c.BaseURL(shop), "/")
	}
	return DefaultBaseURL(shop)
}

// Errors of the client. They never contain a token or a secret.
var (
	// ErrUnauthorized is a 401: the access token is missing, invalid,
	// expired or revoked. The caller refreshes it, or marks the connection
	// as needing re-authorization.
	ErrUnauthorized = errors.New("shopify: access token invalid, expired or revoked")
	// ErrInvalidShop is a shop that is not a valid myshopify.com domain.
	ErrInvalidShop = errors.New("shopify: not a valid shop domain")
)

// ThrottledError is Shopify refusing a call for lack of rate-limit points
// (a THROTTLED GraphQL error, or HTTP 429). It is retryable after
// RetryAfter.
type ThrottledError struct {
	// RetryAfter is how long until enough points are restored for the
	// query, from extensions.cost (or the Retry-After header).
	RetryAfter time.Duration
	// Cost is the cost extension of the refused call, when there was one.
	Cost Cost
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("shopify: throttled, retry after %s", e.RetryAfter)
}

// ServerError is a failure on Shopify's side or on the way there: a 5xx,
// a timeout, a broken connection or an unreadable answer. It is retryable
// and never means the connection is dead.
type ServerError struct {
	// StatusCode is the HTTP status, 0 when no answer came.
	StatusCode int
	Err        error
}

func (e *ServerError) Error() string {
	return apiclient.ServerErrorText("shopify", e.StatusCode, e.Err)
}

func (e *ServerError) Unwrap() error { return e.Err }

// StatusError is an unexpected 4xx other than 401 and 429 (403 missing
// scope, 402 frozen shop, 404 unknown shop, 423 locked shop, …).
type StatusError struct {
	StatusCode int
	// Message is Shopify's "errors" text, when it sent one.
	Message string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("shopify: HTTP %d: %s", e.StatusCode, e.Message)
}

// GraphQLError holds the errors of a GraphQL response (syntax, unknown
// fields, bad arguments, cost limits).
type GraphQLError struct {
	Errors []GraphQLErrorDetail
}

// GraphQLErrorDetail is one GraphQL error.
type GraphQLErrorDetail struct {
	Message string
	// Code is extensions.code (undefinedField, MAX_COST_EXCEEDED, …).
	Code string
	Path []any
}

func (e *GraphQLError) Error() string {
	msgs := make([]string, len(e.Errors))
	for i, d := range e.Errors {
		msgs[i] = d.Message
		if d.Code != "" {
			msgs[i] += " (" + d.Code + ")"
		}
	}
	return "shopify: graphql: " + strings.Join(msgs, "; ")
}

// UserError is one entry of a mutation's userErrors.
type UserError struct {
	Field   []string `json:"field"`
	Message string   `json:"message"`
	// Code is set by mutations whose errors carry one (a
	// DiscountUserError's TAKEN, BLANK, …).
	Code string `json:"code,omitempty"`
}

// UserErrors is a mutation that Shopify refused for the input's sake.
type UserErrors struct {
	Mutation string
	Errors   []UserError
}

func (e *UserErrors) Error() string {
	msgs := make([]string, len(e.Errors))
	for i, u := range e.Errors {
		msgs[i] = u.Message
		if len(u.Field) > 0 {
			msgs[i] = strings.Join(u.Field, ".") + ": " + u.Message
		}
	}
	return "shopify: " + e.Mutation + ": " + strings.Join(msgs, "; ")
}

// Cost is a GraphQL response's extensions.cost.
type Cost struct {
	RequestedQueryCost int
	// ActualQueryCost is what the query used; 0 when it did not run.
	ActualQueryCost    int
	MaximumAvailable   float64
	CurrentlyAvailable float64
	// RestoreRate is points restored per second.
	RestoreRate float64
}

// Wait is how long until points are available at the restore rate (0 when
// they already are, or when the rate is unknown).
func (c Cost) Wait(points int) time.Duration {
	deficit := float64(points) - c.CurrentlyAvailable
	if deficit <= 0 || c.RestoreRate <= 0 {
		return 0
	}
	return time.Duration(math.Ceil(deficit/c.RestoreRate*1000)) * time.Millisecond
}

type costJSON struct {
	RequestedQueryCost float64  `json:"requestedQueryCost"`
	ActualQueryCost    *float64 `json:"actualQueryCost"`
	ThrottleStatus     struct {
		MaximumAvailable   float64 `json:"maximumAvailable"`
		CurrentlyAvailable float64 `json:"currentlyAvailable"`
		RestoreRate        float64 `json:"restoreRate"`
	} `json:"throttleStatus"`
}

func (j *costJSON) cost() Cost {
	if j == nil {
		return Cost{}
	}
	c := Cost{
		RequestedQueryCost: int(j.RequestedQueryCost),
		MaximumAvailable:   j.ThrottleStatus.MaximumAvailable,
		CurrentlyAvailable: j.ThrottleStatus.CurrentlyAvailable,
		RestoreRate:        j.ThrottleStatus.RestoreRate,
	}
	if j.ActualQueryCost != nil {
		c.ActualQueryCost = int(*j.ActualQueryCost)
	}
	return c
}

type graphQLResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string `json:"message"`
		Path       []any  `json:"path"`
		Extensions struct {
			Code string `json:"code"`
		} `json:"extensions"`
	} `json:"errors"`
	Extensions struct {
		Cost *costJSON `json:"cost"`
	} `json:"extensions"`
}

const (
	maxResponse       = 32 << 20
	defaultRetryAfter = time.Second
)

// GraphQL runs query with vars on the shop's Admin API
// (/admin/api/{APIVersion}/graphql.json) and decodes data into out (which
// may be nil). It returns the cost extension, and ErrUnauthorized,
// *ThrottledError, *ServerError, *StatusError or *GraphQLError on failure;
// ctx's error when ctx ends. The token goes only in the
// X-Shopify-Access-Token header.
func (c *Client) GraphQL(ctx context.Context, shop string, token secrets.Secret, query string, vars map[string]any, out any) (Cost, error) {
	if !ValidShop(shop) {
		return Cost{}, fmt.Errorf("shopify: graphql for %q: %w", shop, ErrInvalidShop)
	}
	if token.Empty() {
		return Cost{}, fmt.Errorf("shopify: graphql for %s: no access token: %w", shop, ErrUnauthorized)
	}
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return Cost{}, fmt.Errorf("shopify: graphql for %s: encoding variables: %w", shop, err)
	}
	endpoint := c.base(shop) + "/admin/api/" + APIVersion + "/graphql.json"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return Cost{}, fmt.Errorf("shopify: graphql for %s: %w", shop, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Shopify-Access-Token", token.Reveal())

	resp, raw, err := apiclient.Exchange(c.httpClient(), req, maxResponse)
	switch {
	case err != nil && ctx.Err() != nil:
		return Cost{}, fmt.Errorf("shopify: graphql for %s: %w", shop, ctx.Err())
	case err != nil && resp == nil:
		return Cost{}, &ServerError{Err: err}
	case err != nil:
		return Cost{}, &ServerError{StatusCode: resp.StatusCode, Err: fmt.Errorf("reading response: %w", err)}
	}

	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		return Cost{}, fmt.Errorf("shopify: graphql for %s: %w", shop, ErrUnauthorized)
	case resp.StatusCode == http.StatusTooManyRequests:
		return Cost{}, &ThrottledError{RetryAfter: retryAfterHeader(resp.Header.Get("Retry-After"))}
	case resp.StatusCode >= 500:
		return Cost{}, &ServerError{StatusCode: resp.StatusCode, Err: errors.New(errorsText(raw, resp.Status))}
	case resp.StatusCode != http.StatusOK:
		return Cost{}, &StatusError{StatusCode: resp.StatusCode, Message: errorsText(raw, resp.Status)}
	}

	var gr graphQLResponse
	if err := json.Unmarshal(raw, &gr); err != nil {
		return Cost{}, &ServerError{StatusCode: resp.StatusCode, Err: fmt.Errorf("decoding response: %w", err)}
	}
	cost := gr.Extensions.Cost.cost()
	for _, e := range gr.Errors {
		if e.Extensions.Code == "THROTTLED" {
			wait := defaultRetryAfter
			if gr.Extensions.Cost != nil && cost.RestoreRate > 0 {
				wait = max(cost.Wait(cost.RequestedQueryCost), time.Duration(math.Ceil(1000/cost.RestoreRate))*time.Millisecond)
			}
			return cost, &ThrottledError{RetryAfter: wait, Cost: cost}
		}
	}
	if out != nil && len(gr.Data) > 0 && string(gr.Data) != "null" {
		if err := json.Unmarshal(gr.Data, out); err != nil {
			return cost, fmt.Errorf("shopify: graphql for %s: decoding data: %w", shop, err)
		}
	}
	if len(gr.Errors) > 0 {
		ge := &GraphQLError{}
		for _, e := range gr.Errors {
			ge.Errors = append(ge.Errors, GraphQLErrorDetail{Message: e.Message, Code: e.Extensions.Code, Path: e.Path})
		}
		return cost, ge
	}
	return cost, nil
}

// errorsText returns Shopify's {"errors": "..."} text, or fallback.
func errorsText(body []byte, fallback string) string {
	var e struct {
		Errors any `json:"errors"`
	}
	if json.Unmarshal(body, &e) == nil && e.Errors != nil {
		if s, ok := e.Errors.(string); ok {
			return s
		}
		if b, err := json.Marshal(e.Errors); err == nil {
			return string(b)
		}
	}
	return fallback
}

// retryAfterHeader reads Retry-After in (possibly fractional) seconds.
func retryAfterHeader(v string) time.Duration {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f <= 0 || f > 3600 {
		return defaultRetryAfter
	}
	return time.Duration(f * float64(time.Second))
}

// ShopInfo is the store a token belongs to.
type ShopInfo struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	Email           string `json:"email"`
	MyshopifyDomain string `json:"myshopifyDomain"`
	CurrencyCode    string `json:"currencyCode"`
	IANATimezone    string `json:"ianaTimezone"`
}

const shopQuery = `query SwitchboardShop {
  shop { id name email myshopifyDomain currencyCode ianaTimezone }
}`

// Shop reads the store behind token. The hub calls it after the OAuth
// token exchange to check the token and that it belongs to shop.
func (c *Client) Shop(ctx context.Context, shop string, token secrets.Secret) (ShopInfo, error) {
	var data struct {
		Shop ShopInfo `json:"shop"`
	}
	if _, err := c.GraphQL(ctx, shop, token, shopQuery, nil, &data); err != nil {
		return ShopInfo{}, err
	}
	if data.Shop.MyshopifyDomain != "" && data.Shop.MyshopifyDomain != shop {
		return ShopInfo{}, fmt.Errorf("shopify: token of %s answered for %s: %w", shop, data.Shop.MyshopifyDomain, ErrUnauthorized)
	}
	return data.Shop, nil
}

// Money is an amount in a currency; Amount is a decimal string.
type Money struct {
	Amount       string `json:"amount"`
	CurrencyCode string `json:"currencyCode"`
}

// CustomerRecord is a customer as the connector reads it through the
// GraphQL Admin API (Customer, the webhook payload, is the REST shape).
type CustomerRecord struct {
	// ID is the global id, gid://shopify/Customer/N.
	ID             string
	Email          string
	FirstName      string
	LastName       string
	Phone          string
	Tags           []string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	NumberOfOrders int64
	AmountSpent    Money
	// EmailMarketingState is SUBSCRIBED, NOT_SUBSCRIBED, UNSUBSCRIBED, …;
	// empty for customers without an email address.
	EmailMarketingState string
}

// CustomerPage is one page of customers.
type CustomerPage struct {
	// Total is how many customers match (at least; capped by Shopify at
	// 10,000), read with the first page only; -1 on later pages.
	Total       int
	Customers   []CustomerRecord
	HasNextPage bool
	// EndCursor is the after argument for the next page.
	EndCursor string
}

const customersQuery = `query SwitchboardCustomers($first: Int!, $after: String, $query: String, $first_page: Boolean!) {
  customers(first: $first, after: $after, sortKey: ID, query: $query) {
    edges {
      node {
        id email firstName lastName phone tags createdAt updatedAt numberOfOrders
        amountSpent { amount currencyCode }
        emailMarketingConsent { marketingState }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  customersCount(query: $query) @include(if: $first_page) { count }
}`

// MaxPageSize is the largest first Shopify accepts on a connection.
const MaxPageSize = 250

// Customers reads one page of customers in id order, starting after the
// cursor after ("" for the first page).
func (c *Client) Customers(ctx context.Context, shop string, token secrets.Secret, first int, after string) (CustomerPage, Cost, error) {
	return c.SearchCustomers(ctx, shop, token, first, after, "")
}

// SearchCustomers is Customers limited by a search query in Shopify's
// syntax, e.g. updated_at:>='2026-01-02T15:04:05Z' ("" for all).
func (c *Client) SearchCustomers(ctx context.Context, shop string, token secrets.Secret, first int, after, query string) (CustomerPage, Cost, error) {
	if first < 1 || first > MaxPageSize {
		return CustomerPage{}, Cost{}, fmt.Errorf("shopify: customers: first must be 1..%d, got %d", MaxPageSize, first)
	}
	vars := map[string]any{"first": first, "after": nil, "query": nil, "first_page": after == ""}
	if after != "" {
		vars["after"] = after
	}
	if query != "" {
		vars["query"] = query
	}
	var data struct {
		Customers struct {
			Edges []struct {
				Node struct {
					ID                    string      `json:"id"`
					Email                 *string     `json:"email"`
					FirstName             *string     `json:"firstName"`
					LastName              *string     `json:"lastName"`
					Phone                 *string     `json:"phone"`
					Tags                  []string    `json:"tags"`
					CreatedAt             time.Time   `json:"createdAt"`
					UpdatedAt             time.Time   `json:"updatedAt"`
					NumberOfOrders        json.Number `json:"numberOfOrders"`
					AmountSpent           Money       `json:"amountSpent"`
					EmailMarketingConsent *struct {
						State string `json:"marketingState"`
					} `json:"emailMarketingConsent"`
				} `json:"node"`
			} `json:"edges"`
			PageInfo struct {
				HasNextPage bool    `json:"hasNextPage"`
				EndCursor   *string `json:"endCursor"`
			} `json:"pageInfo"`
		} `json:"customers"`
		CustomersCount *struct {
			Count int `json:"count"`
		} `json:"customersCount"`
	}
	cost, err := c.GraphQL(ctx, shop, token, customersQuery, vars, &data)
	if err != nil {
		return CustomerPage{}, cost, err
	}
	page := CustomerPage{Total: -1, HasNextPage: data.Customers.PageInfo.HasNextPage, Customers: make([]CustomerRecord, 0, len(data.Customers.Edges))}
	if data.CustomersCount != nil {
		page.Total = data.CustomersCount.Count
	}
	if p := data.Customers.PageInfo.EndCursor; p != nil {
		page.EndCursor = *p
	}
	for _, e := range data.Customers.Edges {
		n := e.Node
		cu := CustomerRecord{ID: n.ID, Email: deref(n.Email), FirstName: deref(n.FirstName), LastName: deref(n.LastName),
			Phone: deref(n.Phone), Tags: n.Tags, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt, AmountSpent: n.AmountSpent}
		if n.NumberOfOrders != "" {
			// UnsignedInt64 is serialized as a string.
			if cu.NumberOfOrders, err = strconv.ParseInt(string(n.NumberOfOrders), 10, 64); err != nil {
				return CustomerPage{}, cost, fmt.Errorf("shopify: customers: numberOfOrders of %s: %w", n.ID, err)
			}
		}
		if n.EmailMarketingConsent != nil {
			cu.EmailMarketingState = n.EmailMarketingConsent.State
		}
		page.Customers = append(page.Customers, cu)
	}
	return page, cost, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

const webhookSubscribeMutation = `mutation SwitchboardWebhookSubscribe($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
    webhookSubscription { id }
    userErrors { field message }
  }
}`

var topicEnumRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// alreadySubscribed is Shopify's userError for a topic and address that
// already have a subscription.
const alreadySubscribed = "Address for this topic has already been taken"

// SubscribeWebhook subscribes callbackURL to topic ("orders/create" or
// ORDERS_CREATE) with JSON payloads. Subscribing an address already
// subscribed to the topic succeeds, so the call can be retried.
func (c *Client) SubscribeWebhook(ctx context.Context, shop string, token secrets.Secret, topic, callbackURL string) error {
	enum := strings.ToUpper(strings.ReplaceAll(topic, "/", "_"))
	if !topicEnumRE.MatchString(enum) {
		return fmt.Errorf("shopify: subscribe webhook: invalid topic %q", topic)
	}
	if u, err := url.Parse(callbackURL); err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("shopify: subscribe webhook %s: callback URL must be an absolute http(s) URL", enum)
	}
	var data struct {
		Payload struct {
			UserErrors []UserError `json:"userErrors"`
		} `json:"webhookSubscriptionCreate"`
	}
	vars := map[string]any{"topic": enum, "sub": map[string]any{"callbackUrl": callbackURL, "format": "JSON"}}
	if _, err := c.GraphQL(ctx, shop, token, webhookSubscribeMutation, vars, &data); err != nil {
		return fmt.Errorf("shopify: subscribe webhook %s: %w", enum, err)
	}
	var ues []UserError
	for _, u := range data.Payload.UserErrors {
		if u.Message != alreadySubscribed {
			ues = append(ues, u)
		}
	}
	if len(ues) > 0 {
		return &UserErrors{Mutation: "webhookSubscriptionCreate", Errors: ues}
	}
	return nil
}

const tagsAddMutation = `mutation SwitchboardTagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) {
    node { id }
    userErrors { field message }
  }
}`

const tagsRemoveMutation = `mutation SwitchboardTagsRemove($id: ID!, $tags: [String!]!) {
  tagsRemove(id: $id, tags: $tags) {
    node { id }
    userErrors { field message }
  }
}`

// TagCustomer adds tags to the customer customerGID
// (gid://shopify/Customer/N). Adding a tag the customer has is a no-op, so
// the call can be retried.
func (c *Client) TagCustomer(ctx context.Context, shop string, token secrets.Secret, customerGID string, tags []string) error {
	if _, ok := strings.CutPrefix(customerGID, "gid://shopify/Customer/"); !ok {
		return fmt.Errorf("shopify: tag customer: %q is not a customer id (gid://shopify/Customer/N)", customerGID)
	}
	if len(tags) == 0 {
		return errors.New("shopify: tag customer: no tags")
	}
	_, err := c.changeTags(ctx, shop, token, customerGID, tags, false)
	return err
}

// changeTags runs tagsAdd (or tagsRemove) and returns its cost.
func (c *Client) changeTags(ctx context.Context, shop string, token secrets.Secret, customerGID string, tags []string, remove bool) (Cost, error) {
	mutation, name := tagsAddMutation, "tagsAdd"
	if remove {
		mutation, name = tagsRemoveMutation, "tagsRemove"
	}
	var data map[string]struct {
		UserErrors []UserError `json:"userErrors"`
	}
	cost, err := c.GraphQL(ctx, shop, token, mutation, map[string]any{"id": customerGID, "tags": tags}, &data)
	if err != nil {
		return cost, fmt.Errorf("shopify: %s on customer %s: %w", name, customerGID, err)
	}
	if errs := data[name].UserErrors; len(errs) > 0 {
		return cost, &UserErrors{Mutation: name, Errors: errs}
	}
	return cost, nil
}

// Endpoint is the shop's OAuth endpoints for golang.org/x/oauth2, with
// the client credentials sent in the body as Shopify requires. Ask for
// expiring offline tokens with oauth2.SetAuthURLParam("expiring", "1") on
// Exchange.
func (c *Client) Endpoint(shop string) (oauth2.Endpoint, error) {
	if !ValidShop(shop) {
		return oauth2.Endpoint{}, fmt.Errorf("shopify: oauth endpoint for %q: %w", shop, ErrInvalidShop)
	}
	b := c.base(shop)
	return oauth2.Endpoint{
		AuthURL:   b + "/admin/oauth/authorize",
		TokenURL:  b + "/admin/oauth/access_token",
		AuthStyle: oauth2.AuthStyleInParams,
	}, nil
}

// AuthorizeURL is the consent page URL for an offline-access install:
// scopes are comma-separated, as Shopify wants (oauth2.Config.AuthCodeURL
// would join them with spaces).
func (c *Client) AuthorizeURL(shop, clientID, redirectURI, state string, scopes []string) (string, error) {
	ep, err := c.Endpoint(shop)
	if err != nil {
		return "", err
	}
	q := url.Values{}
	q.Set("client_id", clientID)
	q.Set("scope", strings.Join(scopes, ","))
	q.Set("redirect_uri", redirectURI)
	q.Set("state", state)
	return ep.AuthURL + "?" + q.Encode(), nil
}

// RetryAfterDelay implements connectors.RateLimited.
func (e *ThrottledError) RetryAfterDelay() time.Duration { return e.RetryAfter }
