package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// The control API, for tests and the hub's sandbox mode. Every route takes
// and returns JSON; errors are {"error": "..."} with 400 or 404.
//
//	POST /_control/shops                      ShopSpec → 201 ShopState
//	GET  /_control/shops/{shop}               → ShopState (with its discount codes)
//	POST /_control/shops/{shop}/customers     {"count": N} or {"customers": [CustomerSeed…]} → {"ids": [gid…]}
//	POST /_control/shops/{shop}/customers/update {"id": gid, "customer": CustomerSeed} → 204 (non-empty fields replaced; updatedAt now)
//	POST /_control/shops/{shop}/fail          {"count": N, "status": 503} → 204
//	POST /_control/shops/{shop}/drain         → 204 (the GraphQL bucket is emptied)
//	POST /_control/shops/{shop}/revoke        → 204 (every token and refresh token revoked)
//	POST /_control/shops/{shop}/expire        → 204 (every expiring access token expired now)
//	GET  /_control/shops/{shop}/counters      → Counters
//	POST /_control/shops/{shop}/tokens        {"expiring": true} → {"access_token", "refresh_token"}
//	GET  /_control/shops/{shop}/webhooks      → {"subscriptions": [Subscription…]}
//	POST /_control/shops/{shop}/webhooks      {"topic": "orders/create", "payload": {…}, "eventId": ""} → {"deliveries": [Delivery…]}
//	POST /_control/shops/{shop}/uninstall     → {"deliveries": [Delivery…]} (app/uninstalled sent; tokens revoked; subscriptions removed)
//	POST /_control/shops/{shop}/compliance    {"topic": "customers/redact", "payload": {…}} → {"delivery": Delivery} (payload optional)
//
// The inventory routes (products, inventory, orders, refunds) are listed
// in inventory_control.go.

// ErrNoShop is returned for a shop that was not created.
var ErrNoShop = errors.New("sandbox: no such shop")

// ShopSpec creates a shop. Only Domain is required.
type ShopSpec struct {
	Domain   string `json:"domain"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Currency string `json:"currency"`
	Timezone string `json:"timezone"`
}

// ShopState describes a shop.
type ShopState struct {
	ID            string         `json:"id"`
	Domain        string         `json:"domain"`
	Name          string         `json:"name"`
	Email         string         `json:"email"`
	Currency      string         `json:"currency"`
	Timezone      string         `json:"timezone"`
	Customers     int            `json:"customers"`
	Available     float64        `json:"available"`
	Counters      Counters       `json:"counters"`
	Subscriptions []Subscription `json:"subscriptions"`
	// Discounts are the code discounts made with discountCodeBasicCreate,
	// oldest first.
	Discounts []Discount `json:"discounts"`
}

// CustomerSeed is one customer to add; empty fields get generated values.
type CustomerSeed struct {
	Email          string   `json:"email"`
	FirstName      string   `json:"firstName"`
	LastName       string   `json:"lastName"`
	Phone          string   `json:"phone"`
	Tags           []string `json:"tags"`
	NumberOfOrders int64    `json:"numberOfOrders"`
	// AmountSpent is a decimal string such as "12.50".
	AmountSpent string `json:"amountSpent"`
	// MarketingState is SUBSCRIBED, NOT_SUBSCRIBED, UNSUBSCRIBED, PENDING, …
	MarketingState string `json:"marketingState"`
}

// Subscription is a webhook subscription made through the GraphQL API.
type Subscription struct {
	ID          string `json:"id"`
	Topic       string `json:"topic"`
	CallbackURL string `json:"callbackUrl"`
	Format      string `json:"format"`
}

// Delivery is the outcome of one webhook POST.
type Delivery struct {
	// SubscriptionID is empty for compliance webhooks, which go to the
	// app's configured URL rather than to a subscription.
	SubscriptionID string `json:"subscriptionId,omitempty"`
	CallbackURL    string `json:"callbackUrl"`
	WebhookID      string `json:"webhookId"`
	// Status is the HTTP status the endpoint answered (0 when it did not).
	Status int    `json:"status"`
	Error  string `json:"error,omitempty"`
}

// CreateShop creates a shop (or returns the existing one).
func (s *Sandbox) CreateShop(spec ShopSpec) (ShopState, error) {
	if !validShop(spec.Domain) {
		return ShopState{}, fmt.Errorf("sandbox: create shop: %q is not a shop domain like acme.myshopify.com", spec.Domain)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stateLocked(s.createShopLocked(spec.Domain, spec.Name, spec.Email, spec.Currency, spec.Timezone)), nil
}

// Shop returns a shop's state.
func (s *Sandbox) Shop(domain string) (ShopState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		return ShopState{}, ErrNoShop
	}
	s.refill(sh)
	return s.stateLocked(sh), nil
}

func (s *Sandbox) stateLocked(sh *shop) ShopState {
	st := ShopState{
		ID: "gid://shopify/Shop/" + strconv.FormatInt(sh.id, 10), Domain: sh.domain, Name: sh.name, Email: sh.email,
		Currency: sh.currency, Timezone: sh.timezone, Customers: len(sh.customers), Available: sh.bucketAvail,
		Counters: sh.counters, Subscriptions: []Subscription{}, Discounts: []Discount{},
	}
	for _, sub := range sh.subs {
		st.Subscriptions = append(st.Subscriptions, publicSub(sub))
	}
	for _, d := range sh.discounts {
		st.Discounts = append(st.Discounts, publicDiscount(d))
	}
	return st
}

func publicSub(sub *subscription) Subscription {
	return Subscription{ID: "gid://shopify/WebhookSubscription/" + strconv.FormatInt(sub.id, 10),
		Topic: sub.topic, CallbackURL: sub.callbackURL, Format: sub.format}
}

var (
	firstNames = []string{"Ada", "Bob", "Chloé", "Dmitri", "Emeka", "Fatima", "Grace", "Hiro", "Ingrid", "José", "Kiri", "Léa", "Mateo", "Nadia", "Omar", "Priya"}
	lastNames  = []string{"Lovelace", "Norman", "Dubois", "Ivanov", "Okafor", "Haddad", "Hopper", "Tanaka", "Berg", "García", "Ngata", "Martin", "Rossi", "Kowalski", "Farouk", "Iyer"}
	states     = []string{"SUBSCRIBED", "NOT_SUBSCRIBED", "UNSUBSCRIBED", "SUBSCRIBED", "NOT_SUBSCRIBED"}
)

// SeedCustomers adds n generated customers, then the given ones, and
// returns their ids (gid://shopify/Customer/N).
func (s *Sandbox) SeedCustomers(domain string, n int, list []CustomerSeed) ([]string, error) {
	if n < 0 || n > 100000 {
		return nil, fmt.Errorf("sandbox: seed customers: count %d out of range 0..100000", n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		return nil, ErrNoShop
	}
	return s.seedCustomersLocked(sh, n, list), nil
}

// seedCustomersLocked is SeedCustomers with s.mu held.
func (s *Sandbox) seedCustomersLocked(sh *shop, n int, list []CustomerSeed) []string {
	now := s.now().UTC().Truncate(time.Second)
	ids := make([]string, 0, n+len(list))
	add := func(seed CustomerSeed, i int) {
		sh.nextCustomerID++
		id := sh.nextCustomerID
		if seed.FirstName == "" && seed.LastName == "" && seed.Email == "" {
			seed.FirstName = firstNames[i%len(firstNames)]
			seed.LastName = lastNames[(i/len(firstNames))%len(lastNames)]
		}
		if seed.Email == "" {
			seed.Email = fmt.Sprintf("%s.%s.%d@example.com", asciiLower(seed.FirstName), asciiLower(seed.LastName), id)
		}
		if seed.AmountSpent == "" {
			seed.AmountSpent = fmt.Sprintf("%d.%02d", (i*37)%500, (i*13)%100)
			if seed.NumberOfOrders == 0 {
				seed.NumberOfOrders = int64(i % 7)
			}
		}
		if seed.MarketingState == "" {
			seed.MarketingState = states[i%len(states)]
		}
		if seed.Tags == nil {
			seed.Tags = []string{}
			if i%4 == 0 {
				seed.Tags = append(seed.Tags, "newsletter")
			}
		}
		created := now.Add(-time.Duration(n+len(list)-i) * time.Minute)
		sh.customers = append(sh.customers, &customer{
			id: id, email: seed.Email, firstName: seed.FirstName, lastName: seed.LastName, phone: seed.Phone,
			tags: append([]string{}, seed.Tags...), createdAt: created, updatedAt: created,
			numberOfOrders: seed.NumberOfOrders, amountSpent: seed.AmountSpent, marketingState: seed.MarketingState, consentAt: created,
		})
		ids = append(ids, customerGID(id))
	}
	for i := range n {
		add(CustomerSeed{}, i)
	}
	for i, c := range list {
		add(c, n+i)
	}
	return ids
}

// UpdateCustomer changes a customer as the admin would: the seed's
// non-empty fields replace the customer's, and its updatedAt becomes now.
func (s *Sandbox) UpdateCustomer(domain, gid string, change CustomerSeed) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		return ErrNoShop
	}
	var c *customer
	for _, x := range sh.customers {
		if customerGID(x.id) == gid {
			c = x
		}
	}
	if c == nil {
		return fmt.Errorf("sandbox: no customer %s", gid)
	}
	for _, f := range []struct {
		to   *string
		from string
	}{{&c.email, change.Email}, {&c.firstName, change.FirstName}, {&c.lastName, change.LastName}, {&c.phone, change.Phone},
		{&c.amountSpent, change.AmountSpent}, {&c.marketingState, change.MarketingState}} {
		if f.from != "" {
			*f.to = f.from
		}
	}
	if change.Tags != nil {
		c.tags = append([]string{}, change.Tags...)
	}
	if change.NumberOfOrders != 0 {
		c.numberOfOrders = change.NumberOfOrders
	}
	c.updatedAt = s.now().UTC()
	return nil
}

func asciiLower(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "customer"
	}
	return b.String()
}

// FailNext makes the shop's next n GraphQL calls answer status (a 4xx or
// 5xx; 429 comes with Retry-After).
func (s *Sandbox) FailNext(domain string, n, status int) error {
	if err := sandboxkit.CheckFailNext(n, status); err != nil {
		return err
	}
	return s.withShop(domain, func(sh *shop) { sh.faults.SetFail(n, status) })
}

// Drain empties the shop's cost bucket, so the next query is throttled.
func (s *Sandbox) Drain(domain string) error {
	return s.withShop(domain, func(sh *shop) { sh.bucketAvail, sh.bucketAt = 0, s.now() })
}

// RevokeTokens revokes every access and refresh token of the shop, as an
// uninstall does.
func (s *Sandbox) RevokeTokens(domain string) error {
	return s.withShop(domain, s.revokeLocked)
}

// revokeLocked revokes the shop's tokens; the caller holds s.mu.
func (s *Sandbox) revokeLocked(sh *shop) {
	for _, at := range s.access {
		if at.shop == sh.domain {
			at.revoked = true
		}
	}
	for _, rt := range s.refresh {
		if rt.shop == sh.domain {
			rt.revoked = true
		}
	}
	sh.permanentToken = ""
}

// ExpireAccessTokens ends every expiring access token of the shop now;
// refresh tokens keep working.
func (s *Sandbox) ExpireAccessTokens(domain string) error {
	return s.withShop(domain, func(*shop) {
		now := s.now()
		for _, at := range s.access {
			if at.shop == domain && at.expiring && now.Before(at.expiresAt) {
				at.expiresAt = now
			}
		}
	})
}

// Counters returns the shop's counters.
func (s *Sandbox) Counters(domain string) (Counters, error) {
	var c Counters
	err := s.withShop(domain, func(sh *shop) { c = sh.counters })
	return c, err
}

// IssueToken mints tokens for the shop as a completed OAuth would, for
// tests that do not go through the consent page. refresh is empty for a
// non-expiring token.
func (s *Sandbox) IssueToken(domain, scope string, expiring bool) (access, refresh string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		return "", "", ErrNoShop
	}
	access = randomToken("shpat_")
	if !expiring {
		s.access[access] = &accessToken{shop: domain, scope: scope}
		return access, "", nil
	}
	refresh = randomToken("shprt_")
	now := s.now()
	s.access[access] = &accessToken{shop: domain, scope: scope, expiring: true, expiresAt: now.Add(s.opts.AccessTokenTTL)}
	s.refresh[refresh] = &refreshToken{shop: domain, scope: scope, expiresAt: now.Add(s.opts.RefreshTokenTTL)}
	return access, refresh, nil
}

func (s *Sandbox) withShop(domain string, f func(*shop)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		return ErrNoShop
	}
	s.refill(sh)
	f(sh)
	return nil
}

func (s *Sandbox) serveControl(w http.ResponseWriter, r *http.Request, rest string) {
	parts := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	ctl := sandboxkit.Control{NotFound: []error{ErrNoShop}, MaxBody: 8 << 20}
	if rest == "app" && r.Method == http.MethodGet {
		// The app's credentials, so that tools (benchmarks, scripts) can sign
		// webhooks and install requests as Shopify would.
		writeJSON(w, http.StatusOK, map[string]string{"clientId": s.opts.ClientID, "clientSecret": s.opts.ClientSecret})
		return
	}
	if len(parts) == 0 || parts[0] != "shops" {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route"})
		return
	}
	route := r.Method + " " + strings.Join(append([]string{""}, parts[min(len(parts), 2):]...), "/")
	if len(parts) == 1 {
		if r.Method != http.MethodPost {
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST to create a shop"})
			return
		}
		var spec ShopSpec
		if !ctl.Read(w, r, &spec) {
			return
		}
		st, err := s.CreateShop(spec)
		ctl.Reply(w, http.StatusCreated, st, err)
		return
	}
	domain := parts[1]
	switch route {
	case "GET ":
		st, err := s.Shop(domain)
		ctl.Reply(w, http.StatusOK, st, err)
	case "POST /customers":
		var body struct {
			Count     int            `json:"count"`
			Customers []CustomerSeed `json:"customers"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		ids, err := s.SeedCustomers(domain, body.Count, body.Customers)
		ctl.Reply(w, http.StatusOK, map[string]any{"ids": ids}, err)
	case "POST /customers/update":
		var body struct {
			ID       string       `json:"id"`
			Customer CustomerSeed `json:"customer"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.UpdateCustomer(domain, body.ID, body.Customer))
	case "POST /fail":
		var body struct{ Count, Status int }
		if !ctl.Read(w, r, &body) {
			return
		}
		ctl.NoContent(w, s.FailNext(domain, body.Count, body.Status))
	case "POST /drain":
		ctl.NoContent(w, s.Drain(domain))
	case "POST /revoke":
		ctl.NoContent(w, s.RevokeTokens(domain))
	case "POST /expire":
		ctl.NoContent(w, s.ExpireAccessTokens(domain))
	case "GET /counters":
		c, err := s.Counters(domain)
		ctl.Reply(w, http.StatusOK, c, err)
	case "POST /tokens":
		var body struct {
			Expiring bool   `json:"expiring"`
			Scope    string `json:"scope"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		a, rt, err := s.IssueToken(domain, body.Scope, body.Expiring)
		ctl.Reply(w, http.StatusOK, map[string]string{"access_token": a, "refresh_token": rt}, err)
	case "GET /webhooks":
		st, err := s.Shop(domain)
		ctl.Reply(w, http.StatusOK, map[string]any{"subscriptions": st.Subscriptions}, err)
	case "POST /webhooks":
		var body struct {
			Topic   string          `json:"topic"`
			Payload json.RawMessage `json:"payload"`
			EventID string          `json:"eventId"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		ds, err := s.TriggerWebhook(r.Context(), domain, body.Topic, body.Payload, body.EventID)
		ctl.Reply(w, http.StatusOK, map[string]any{"deliveries": ds}, err)
	case "POST /uninstall":
		ds, err := s.Uninstall(r.Context(), domain)
		ctl.Reply(w, http.StatusOK, map[string]any{"deliveries": ds}, err)
	case "POST /compliance":
		var body struct {
			Topic   string          `json:"topic"`
			Payload json.RawMessage `json:"payload"`
		}
		if !ctl.Read(w, r, &body) {
			return
		}
		d, err := s.SendCompliance(r.Context(), domain, body.Topic, body.Payload)
		ctl.Reply(w, http.StatusOK, map[string]any{"delivery": d}, err)
	default:
		if s.serveStockControl(w, r, domain, route, ctl) {
			return
		}
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control route " + route})
	}
}
