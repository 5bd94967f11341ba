// Package sandbox emulates Shopify for what Switchboard uses, so that the
// Shopify connector can be developed, tested and demonstrated without a
// Shopify account or network access. It is an http.Handler that the hub
// mounts under a prefix (for example /sandbox/shopify, with
// http.StripPrefix); shops are addressed by the first path segment, so the
// connector's base URL for shop acme.myshopify.com is
// "<hub>/sandbox/shopify/acme.myshopify.com" instead of
// "https://acme.myshopify.com". Nothing else differs for the client.
//
// # What it follows
//
// Admin API version 2026-04 (the connector's pinned version), with the
// behaviour documented on shopify.dev as of that version:
//
//   - OAuth authorization code grant: GET /{shop}/admin/oauth/authorize shows
//     a consent page; approving redirects to redirect_uri with code, hmac,
//     host, shop, state and timestamp, where hmac is the lower-case hex
//     HMAC-SHA256 (key: the app's client secret) of the other parameters,
//     sorted by name and form-encoded as Shopify's own libraries do.
//     Authorization codes are single use and valid for 60 seconds.
//   - Token endpoint POST /{shop}/admin/oauth/access_token, with JSON or form
//     bodies. Without expiring=1 it returns a non-expiring offline token
//     ({"access_token","scope"}; the same token for every authorization of a
//     shop). With expiring=1 it returns an expiring offline token
//     ({"access_token","scope","expires_in","refresh_token",
//     "refresh_token_expires_in"}: one hour and 90 days by default). Only one
//     expiring token is active per app and shop: issuing one revokes the
//     previous ones. grant_type=refresh_token returns a new access token and a
//     new refresh token; the refresh token used is retired at once, and using
//     it again answers 400 {"error":"invalid_grant","error_description":…}.
//     A reused or unknown code answers 400 {"error":"invalid_request",
//     "error_description":"The authorization code was not found or was
//     already used"}.
//   - Admin GraphQL API POST /{shop}/admin/api/2026-04/graphql.json with the
//     X-Shopify-Access-Token header. A missing, unknown, expired or revoked
//     token answers 401 {"errors":"[API] Invalid API key or access token
//     (unrecognized login or wrong password)"}. Documents are parsed with
//     gqlparser and a small part of the schema is answered: shop, customers
//     (a Relay connection with edges, nodes and pageInfo, forward and
//     backward pagination, a subset of the search syntax), customer,
//     the inventory queries below, webhookSubscriptionCreate, tagsAdd,
//     tagsRemove, discountCodeBasicCreate and inventorySetQuantities.
//     Unknown fields, arguments and
//     types answer GraphQL errors shaped like Shopify's (HTTP 200, errors[]
//     with message, locations, path and extensions.code).
//   - Rate limits: every GraphQL response carries extensions.cost
//     (requestedQueryCost, actualQueryCost, throttleStatus{maximumAvailable,
//     currentlyAvailable, restoreRate}). A leaky bucket per shop (the sandbox
//     serves one app) holds BucketSize points and refills at RestoreRate
//     points per second of the injected clock. A query whose requested cost
//     exceeds what is available answers HTTP 200 with errors
//     [{"message":"Throttled","extensions":{"code":"THROTTLED",…}}],
//     actualQueryCost null and the throttle status. A query costing more than
//     1000 points answers MAX_COST_EXCEEDED.
//   - Discounts: discountCodeBasicCreate(basicCodeDiscount:
//     DiscountCodeBasicInput!) creates an amount-off code discount from
//     title, code, startsAt, endsAt, usageLimit, appliesOncePerCustomer,
//     customerGets { value { percentage } items { all: true } } and either
//     context { all: ALL } or the deprecated customerSelection { all: true }
//     (both accepted by 2026-04). It answers DiscountCodeBasicCreatePayload:
//     codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title
//     status summary startsAt endsAt usageLimit appliesOncePerCustomer
//     codes(first: N) { nodes { id code } edges pageInfo } } } } and
//     userErrors of type DiscountUserError { field code message extraInfo }.
//     Codes are unique per shop, case-insensitively: a code the shop has
//     answers codeDiscountNode null and the userError {"field":
//     ["basicCodeDiscount","code"], "code": "TAKEN", "message": "Code must be
//     unique. Please try a different code."}, as Shopify does; blank title,
//     code or startsAt answer BLANK, an endsAt not after startsAt INVALID, a
//     percentage outside (0, 1] VALUE_OUTSIDE_RANGE.
//   - Inventory: each shop has one location, gid://shopify/Location/N
//     named "Shop location" (its primary location: location without an
//     id answers it), products with one variant each (title "Default
//     Title" unless given) and one inventory item per variant
//     (tracked: true unless made otherwise) with an available quantity at
//     the location; on_hand equals available (nothing is committed or
//     reserved). Queries: location(id:), inventoryItem(id:),
//     inventoryItems(first, after, last, before, query, reverse), a Relay
//     connection in id order whose query reads sku:, id:, created_at: and
//     updated_at: filters, and nodes(ids:) (InventoryItem, Location,
//     Product, ProductVariant, Customer; null for other ids). InventoryItem
//     { id sku tracked variant { id title displayName sku product { id
//     title } } inventoryLevel(locationId:) { id location quantities(names:)
//     { name quantity } } }; inventoryLevel is null at another location or
//     for an item not stocked there.
//   - inventorySetQuantities(input: InventorySetQuantitiesInput!) as
//     2026-04 defines it. The @idempotent(key:) directive is required:
//     without it the answer is a GraphQL error with extensions.code
//     BAD_REQUEST, "The @idempotent directive is required for this
//     mutation but was not provided." (the wording live stores give). Every
//     InventoryQuantityInput must give changeFromQuantity (null opts out of
//     the compare-and-set): leaving it out is the error INVALID_FIELD_ARGUMENTS
//     "InventoryQuantityInput must include the following argument:
//     changeFromQuantity.". compareQuantity and ignoreCompareQuantity no
//     longer exist: sending them is a validation error (INVALID_VARIABLE
//     "… (Field is not defined on InventoryQuantityInput)", or
//     argumentNotAccepted in a literal). The call is all or nothing:
//     userErrors (InventorySetQuantitiesUserError { code field message })
//     CHANGE_FROM_QUANTITY_STALE, INVALID_NAME (available and on_hand are
//     accepted), INVALID_REASON (Shopify's list of reasons),
//     INVALID_REFERENCE_DOCUMENT, INVALID_INVENTORY_ITEM, INVALID_LOCATION,
//     ITEM_NOT_STOCKED_AT_LOCATION, INVALID_QUANTITY_NEGATIVE,
//     INVALID_QUANTITY_TOO_HIGH and NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
//     leave every quantity as it was. The same key with the same input
//     answers the first result again (user errors included) without
//     changing anything; with another input, IDEMPOTENCY_KEY_PARAMETER_MISMATCH.
//     Keys are kept 24 hours. The payload's inventoryAdjustmentGroup { id
//     reason referenceDocumentUri createdAt changes(quantityNames:) { name
//     delta quantityAfterChange item location } } lists an available and an
//     on_hand change per level that moved. Each level that moved sends
//     inventory_levels/update ({inventory_item_id, location_id, available,
//     updated_at in the shop's time zone, admin_graphql_api_id
//     gid://shopify/InventoryLevel/{location}?inventory_item_id={item}}),
//     after the API answers, in the background (Sandbox.FlushWebhooks
//     waits for them).
//   - Orders and refunds (control API only): an order takes its units from
//     the location (below zero if need be, as a shop that keeps selling
//     when out of stock) and sends orders/create, then one
//     inventory_levels/update per item; a refund with restock puts them back
//     and sends refunds/create (with refund_line_items and a refund
//     transaction), then the levels. A merchant's stock edit sends the
//     level too.
//   - Webhooks: deliveries are JSON POSTs with X-Shopify-Topic,
//     X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the
//     client secret), X-Shopify-Shop-Domain, X-Shopify-API-Version,
//     X-Shopify-Webhook-Id, X-Shopify-Event-Id and X-Shopify-Triggered-At.
//     Webhook subscriptions are per shop, made with
//     webhookSubscriptionCreate; the compliance topics cannot be subscribed
//     that way.
//   - Installing from the App Store: GET /apps/switchboard is a stand-in for
//     the app's App Store listing, a page with a shop domain field and an
//     "Install app" button; GET /apps/switchboard/install?shop=… creates the
//     shop if needed and answers 303 to the app's App URL (Options.AppURL)
//     with hmac, host, shop and timestamp, signed like the OAuth callback.
//     host is the unpadded base64 of admin.shopify.com/store/{subdomain}.
//     The app then starts OAuth as it would on Shopify.
//   - Uninstalling (Sandbox.Uninstall, or the control API): every token and
//     refresh token of the shop is revoked at once (API calls answer 401),
//     all its webhook subscriptions are deleted, and app/uninstalled, whose
//     body is the REST shop resource (id, name, email, domain,
//     myshopify_domain, currency, iana_timezone, plan_name, …), goes to the
//     shop's APP_UNINSTALLED subscriptions.
//   - Mandatory compliance webhooks customers/data_request, customers/redact
//     and shop/redact (Sandbox.SendCompliance, or the control API) go to the
//     app's compliance webhooks URL (Options.ComplianceURL, configured in the
//     app's TOML on Shopify), signed like every webhook, with the bodies
//     Shopify documents (shop_id, shop_domain, customer {id, email, phone},
//     orders_requested or orders_to_redact, data_request {id}).
//
// # Cost model
//
// A simplification of Shopify's calculated query cost, documented so that
// tests can rely on it: scalars, enums and __typename cost 0; an object field
// costs 1 plus its selections; a connection field costs 2 plus first (or
// last) times the cost of one node's selections (at least 1), so
// customers(first: 100) { edges { node { id email } } } requests 102 points,
// and 202 if each node also selects amountSpent. nodes(ids:) costs, for
// each id, 1 plus its selections. A mutation field costs 10.
// The actual cost counts the nodes actually returned instead of first, and
// the difference is refunded to the bucket after the query runs.
//
// # What it does not emulate
//
// REST endpoints; online (per-user) access tokens (grant_options[]=per-user
// is accepted but an offline token is issued); token exchange and client
// credentials grants; PKCE; the 2026 grace period in which a refresh token
// stays usable until its replacement is first used (the sandbox retires it
// at once, the stricter behaviour); Shopify's exact wording of every error
// message; the full schema, mutations other than those listed;
// inventory at more than one location, inventory states other than
// available and on_hand (committed, reserved, incoming… read as 0),
// products with several variants, product and inventory mutations other
// than inventorySetQuantities, the GraphQL order and refund APIs (orders
// are made through the control API), concurrent calls with one
// idempotency key (IDEMPOTENCY_CONCURRENT_REQUEST: the sandbox serialises
// calls); other discount kinds (fixed amounts, buy X get Y, free
// shipping, automatic and app discounts), product or collection targets,
// minimum requirements, combinations, customer segments, discount usage
// and redemption, field merging rules, directives other than @skip,
// @include and @idempotent, introspection, bulk operations, the
// single-query 1000-point limit only approximates Shopify's; plan-dependent
// bucket sizes; webhook retries and ordering; the real App Store (search,
// reviews, pricing, billing) and Shopify-managed installation: the listing
// only sends the browser to the App URL, without asking who the merchant
// is; the shop/redact Shopify sends 48 hours after an uninstall (send it
// through the control API); orders in compliance payloads (the lists are
// empty unless a payload is given); HTTPS
// (callback URLs may use http for local testing); merchants, staff
// accounts, logins and the embedded admin.
//
// # Control API
//
// Tests and the hub's sandbox mode drive it under /_control/ with JSON (see
// control.go): create shops, seed customers, read a shop's state with its
// discount codes, fail the next N calls, drain the bucket, revoke or expire
// tokens, read counters, trigger webhooks,
// read the app's credentials (GET /_control/app, to sign deliveries as
// Shopify does), uninstall the app from a shop (POST
// /_control/shops/{shop}/uninstall) and
// send compliance webhooks (POST /_control/shops/{shop}/compliance with
// {"topic": "customers/redact", "payload": {…}}, the payload optional),
// create products, read the inventory, set stock as a merchant, place
// orders and refund them (see inventory_control.go).
// The control API has no authentication: mount the sandbox only in sandbox
// mode.
package sandbox

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// APIVersion is the Admin API version the sandbox answers.
const APIVersion = "2026-04"

// Options configure a Sandbox.
type Options struct {
	// ClientID and ClientSecret are the app's credentials (Shopify's API key
	// and API secret key).
	ClientID     string
	ClientSecret string
	// RedirectURIs, when set, are the only redirect_uri values the authorize
	// endpoint accepts (Shopify's "Allowed redirection URL(s)").
	RedirectURIs []string
	// Now is the clock (time.Now when nil); tests inject one to expire codes
	// and tokens and to refill the rate-limit bucket.
	Now func() time.Time
	// AccessTokenTTL is the lifetime of expiring access tokens (1 hour).
	AccessTokenTTL time.Duration
	// RefreshTokenTTL is the lifetime of refresh tokens (90 days).
	RefreshTokenTTL time.Duration
	// BucketSize is the GraphQL cost bucket in points (2000).
	BucketSize int
	// DemoCustomers is how many generated customers a shop starts with (0).
	DemoCustomers int
	// DemoProducts gives every new shop the demo catalogue (DemoProducts):
	// products sharing SKUs with the WooCommerce sandbox's demo store, two
	// of them with other quantities, and two sold on Shopify only.
	DemoProducts bool
	// RestoreRate is how many points the bucket regains per second (100).
	RestoreRate int
	// WebhookClient sends webhook deliveries (a client with a 10 s timeout
	// when nil).
	WebhookClient *http.Client
	// AppURL is the app's App URL (the hub's /apps/shopify), where the App
	// Store listing sends a merchant who clicks "Install app", with a
	// signed query. Empty: the listing cannot install (503).
	AppURL string
	// ComplianceURL is the app's compliance webhooks URL (the hub's
	// /apps/shopify/webhooks), which receives customers/data_request,
	// customers/redact and shop/redact. Empty: SendCompliance fails.
	ComplianceURL string
}

// Sandbox is the Shopify emulator. Create it with New; it is safe for
// concurrent use.
type Sandbox struct {
	opts Options

	mu      sync.Mutex
	shops   map[string]*shop
	codes   map[string]*authCode
	access  map[string]*accessToken
	refresh map[string]*refreshToken
	nextID  int64

	// background counts webhook deliveries running after GraphQL answers.
	background inflight
}

// New returns a Sandbox with opts, filling in the defaults.
func New(opts Options) *Sandbox {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.AccessTokenTTL <= 0 {
		opts.AccessTokenTTL = time.Hour
	}
	if opts.RefreshTokenTTL <= 0 {
		opts.RefreshTokenTTL = 90 * 24 * time.Hour
	}
	if opts.BucketSize <= 0 {
		opts.BucketSize = 2000
	}
	if opts.RestoreRate <= 0 {
		opts.RestoreRate = 100
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = &http.Client{Timeout: 10 * time.Second}
	}
	return &Sandbox{
		opts:    opts,
		shops:   map[string]*shop{},
		codes:   map[string]*authCode{},
		access:  map[string]*accessToken{},
		refresh: map[string]*refreshToken{},
		nextID:  1000,
	}
}

// codeTTL is how long an authorization code may be exchanged.
const codeTTL = 60 * time.Second

type shop struct {
	id       int64
	domain   string
	name     string
	email    string
	currency string
	timezone string
	created  time.Time

	customers      []*customer // ascending id
	nextCustomerID int64
	subs           []*subscription
	nextSubID      int64
	discounts      []*discount
	nextDiscountID int64

	bucketAvail float64
	bucketAt    time.Time

	faults sandboxkit.Faults

	permanentToken string
	counters       Counters

	// stock is the shop's location, products, inventory and orders.
	stock *stock
	// outbox orders the webhooks the shop's activity causes.
	outbox outbox
}

// Counters are what a shop's traffic did, for tests.
type Counters struct {
	// Authorizations counts approved consent pages.
	Authorizations int `json:"authorizations"`
	// CodeExchanges counts authorization-code token requests.
	CodeExchanges int `json:"codeExchanges"`
	// RefreshRequests counts refresh_token grant requests, good or bad.
	RefreshRequests int `json:"refreshRequests"`
	// APICalls counts GraphQL requests, including failed ones.
	APICalls int `json:"apiCalls"`
	// Throttled counts THROTTLED answers.
	Throttled int `json:"throttled"`
	// PointsSpent sums the actual cost of the queries that ran.
	PointsSpent int `json:"pointsSpent"`
	// WebhooksSent counts webhook deliveries attempted.
	WebhooksSent int `json:"webhooksSent"`
	// InventorySets counts inventorySetQuantities calls that ran (with
	// the @idempotent directive and every changeFromQuantity given),
	// replays and refusals included.
	InventorySets int `json:"inventorySets"`
	// StaleRefusals counts inventorySetQuantities calls refused with
	// CHANGE_FROM_QUANTITY_STALE (replays of one not counted again).
	StaleRefusals int `json:"staleRefusals"`
	// IdempotentReplays counts inventorySetQuantities calls answered with
	// the result of an earlier call with the same idempotency key and input.
	IdempotentReplays int `json:"idempotentReplays"`
}

type customer struct {
	id             int64
	email          string
	firstName      string
	lastName       string
	phone          string
	tags           []string
	createdAt      time.Time
	updatedAt      time.Time
	numberOfOrders int64
	amountSpent    string
	marketingState string
	consentAt      time.Time
}

type subscription struct {
	id          int64
	topic       string // enum form, ORDERS_CREATE
	callbackURL string
	format      string
	createdAt   time.Time
}

type authCode struct {
	shop        string
	scope       string
	redirectURI string
	expiresAt   time.Time
	used        bool
}

type accessToken struct {
	shop      string
	scope     string
	expiring  bool
	expiresAt time.Time // zero: never
	revoked   bool
}

type refreshToken struct {
	shop      string
	scope     string
	expiresAt time.Time
	used      bool
	revoked   bool
}

var shopRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*\.myshopify\.com$`)

func validShop(s string) bool { return shopRE.MatchString(s) }

func (s *Sandbox) now() time.Time { return s.opts.Now() }

func randomToken(prefix string) string { return sandboxkit.RandomHex(prefix) }

// ServeHTTP routes /{shop}/admin/... to the emulated Shopify,
// /apps/switchboard[/install] to the App Store listing and /_control/... to
// the control API.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if rest, ok := strings.CutPrefix(p, "_control/"); ok {
		s.serveControl(w, r, rest)
		return
	}
	switch p {
	case listingPath:
		s.serveListing(w, r)
		return
	case listingPath + "/install":
		s.serveInstall(w, r)
		return
	}
	shopDomain, rest, _ := strings.Cut(p, "/")
	if !validShop(shopDomain) {
		notFound(w)
		return
	}
	switch {
	case rest == "admin/oauth/authorize":
		s.serveAuthorize(w, r, shopDomain)
	case rest == "admin/oauth/authorize/approve":
		s.serveApprove(w, r, shopDomain)
	case rest == "admin/oauth/authorize/cancel":
		s.serveCancel(w, r, shopDomain)
	case rest == "admin/oauth/access_token":
		s.serveAccessToken(w, r, shopDomain)
	case strings.HasPrefix(rest, "admin/api/") && strings.HasSuffix(rest, "/graphql.json"):
		version := strings.TrimSuffix(strings.TrimPrefix(rest, "admin/api/"), "/graphql.json")
		if version != APIVersion {
			notFound(w)
			return
		}
		s.serveGraphQL(w, r, shopDomain)
	default:
		notFound(w)
	}
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"errors": "Not Found"})
}

// getShop returns the shop; the caller holds s.mu.
func (s *Sandbox) getShop(domain string) *shop { return s.shops[domain] }

// createShopLocked adds a shop; the caller holds s.mu.
func (s *Sandbox) createShopLocked(domain, name, email, currency, timezone string) *shop {
	if sh, ok := s.shops[domain]; ok {
		return sh
	}
	label := strings.TrimSuffix(domain, ".myshopify.com")
	if name == "" {
		name = shopName(label)
	}
	if email == "" {
		email = "owner@" + label + ".example.com"
	}
	if currency == "" {
		currency = "USD"
	}
	if timezone == "" {
		timezone = "America/New_York"
	}
	s.nextID++
	sh := &shop{
		id: 60000000000 + s.nextID, domain: domain, name: name, email: email,
		currency: currency, timezone: timezone, created: s.now().UTC().Truncate(time.Second), nextCustomerID: 7000000000,
		nextSubID: 1100000000, nextDiscountID: 1057000000, bucketAvail: float64(s.opts.BucketSize), bucketAt: s.now(),
	}
	sh.stock = newStock(s.nextID)
	s.shops[domain] = sh
	if n := s.opts.DemoCustomers; n > 0 {
		s.seedCustomersLocked(sh, n, nil)
	}
	if s.opts.DemoProducts {
		s.seedDemoProductsLocked(sh)
	}
	return sh
}

// shopName makes a store name of a myshopify.com subdomain: demo-store
// becomes "Demo Store".
func shopName(label string) string {
	words := strings.FieldsFunc(label, func(r rune) bool { return r == '-' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return label
	}
	return strings.Join(words, " ")
}

// refill brings a shop's bucket up to date; the caller holds s.mu.
func (s *Sandbox) refill(sh *shop) {
	now := s.now()
	if el := now.Sub(sh.bucketAt); el > 0 {
		sh.bucketAvail += el.Seconds() * float64(s.opts.RestoreRate)
		if max := float64(s.opts.BucketSize); sh.bucketAvail > max {
			sh.bucketAvail = max
		}
	}
	sh.bucketAt = now
}
