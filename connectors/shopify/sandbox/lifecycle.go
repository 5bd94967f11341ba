package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Uninstall does what a merchant's uninstall does on Shopify: it revokes
// every access and refresh token of the shop (API calls then answer 401)
// and pending authorization codes, removes all the shop's webhook
// subscriptions, and delivers app/uninstalled, whose body is the shop
// resource, to the subscriptions that had that topic. As on Shopify, the
// tokens are already revoked when the webhook arrives. The shop and its
// data stay.
func (s *Sandbox) Uninstall(ctx context.Context, domain string) ([]Delivery, error) {
	s.mu.Lock()
	sh := s.getShop(domain)
	if sh == nil {
		s.mu.Unlock()
		return nil, ErrNoShop
	}
	payload, err := json.Marshal(s.shopPayloadLocked(sh))
	if err != nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("sandbox: uninstall: %w", err)
	}
	subs := subsLocked(sh, "APP_UNINSTALLED")
	s.revokeLocked(sh)
	for _, c := range s.codes {
		if c.shop == domain {
			c.used = true
		}
	}
	sh.subs = nil
	s.mu.Unlock()
	return s.sendToSubs(ctx, s.newEvent(domain, "app/uninstalled", payload, ""), subs), nil
}

// shopPayloadLocked is the shop as the REST Admin API and the app/uninstalled
// and shop/update webhooks show it. Address, plan and formats are those of
// a development store in the United States; the caller holds s.mu.
func (s *Sandbox) shopPayloadLocked(sh *shop) map[string]any {
	loc, err := time.LoadLocation(sh.timezone)
	if err != nil {
		loc = time.UTC
	}
	created := sh.created.In(loc)
	symbol := map[string]string{"USD": "$", "CAD": "$", "AUD": "$", "NZD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}[sh.currency]
	money, withCurrency := symbol+"{{amount}}", symbol+"{{amount}} "+sh.currency
	if symbol == "" {
		money, withCurrency = "{{amount}} "+sh.currency, "{{amount}} "+sh.currency
	}
	return map[string]any{
		"id": sh.id, "name": sh.name, "email": sh.email, "domain": sh.domain,
		"province": "New York", "country": "US", "address1": "1 Sandbox Street", "zip": "10001", "city": "New York",
		"source": nil, "phone": "", "latitude": 40.7506, "longitude": -73.9972, "primary_locale": "en", "address2": "",
		"created_at": created.Format(time.RFC3339), "updated_at": created.Format(time.RFC3339),
		"country_code": "US", "country_name": "United States", "currency": sh.currency, "customer_email": sh.email,
		"timezone": "(GMT" + created.Format("-07:00") + ") " + sh.timezone, "iana_timezone": sh.timezone,
		"shop_owner": sh.name + " Owner", "money_format": money, "money_with_currency_format": withCurrency,
		"weight_unit": "lb", "province_code": "NY", "taxes_included": false, "auto_configure_tax_inclusivity": nil,
		"tax_shipping": nil, "county_taxes": true, "plan_display_name": "Development", "plan_name": "partner_test",
		"has_discounts": false, "has_gift_cards": false, "myshopify_domain": sh.domain,
		"google_apps_domain": nil, "google_apps_login_enabled": nil,
		"money_in_emails_format": money, "money_with_currency_in_emails_format": withCurrency,
		"eligible_for_payments": true, "requires_extra_payments_agreement": false, "password_enabled": true,
		"has_storefront": true, "finances": true, "primary_location_id": sh.stock.location.id, "checkout_api_supported": false,
		"multi_location_enabled": true, "setup_required": false, "pre_launch_enabled": false,
		"enabled_presentment_currencies": []string{sh.currency}, "marketing_sms_consent_enabled_at_checkout": false,
		"transactional_sms_disabled": false,
	}
}

// ComplianceTopics are the mandatory compliance webhook topics, which
// Shopify sends to the app's configured compliance URL.
var ComplianceTopics = []string{"customers/data_request", "customers/redact", "shop/redact"}

// SendCompliance POSTs a mandatory compliance webhook (topic is one of
// ComplianceTopics, or its enum form) for the shop to Options.ComplianceURL,
// signed like every webhook. An empty or null payload is replaced by the
// one Shopify documents for the topic, about the shop's first customer
// when it has one (the orders lists are empty).
func (s *Sandbox) SendCompliance(ctx context.Context, domain, topic string, payload []byte) (Delivery, error) {
	enum := topicEnum(topic)
	if !complianceTopics[enum] {
		return Delivery{}, fmt.Errorf("sandbox: send compliance webhook: %q is not one of the topics %v", topic, ComplianceTopics)
	}
	if s.opts.ComplianceURL == "" {
		return Delivery{}, errors.New("sandbox: send compliance webhook: no compliance URL configured (Options.ComplianceURL)")
	}
	custom := len(bytes.TrimSpace(payload)) > 0 && string(bytes.TrimSpace(payload)) != "null"
	if custom && !json.Valid(payload) {
		return Delivery{}, errors.New("sandbox: send compliance webhook: payload is not JSON")
	}
	s.mu.Lock()
	sh := s.getShop(domain)
	if sh == nil {
		s.mu.Unlock()
		return Delivery{}, ErrNoShop
	}
	if !custom {
		var err error
		if payload, err = json.Marshal(s.compliancePayloadLocked(sh, enum)); err != nil {
			s.mu.Unlock()
			return Delivery{}, fmt.Errorf("sandbox: send compliance webhook: %w", err)
		}
	}
	sh.counters.WebhooksSent++
	s.mu.Unlock()
	return s.send(ctx, s.newEvent(domain, webhookTopics[enum], payload, ""), s.opts.ComplianceURL), nil
}

// compliancePayloadLocked builds the body Shopify documents for a
// compliance topic; the caller holds s.mu.
func (s *Sandbox) compliancePayloadLocked(sh *shop, enum string) map[string]any {
	p := map[string]any{"shop_id": sh.id, "shop_domain": sh.domain}
	if enum == "SHOP_REDACT" {
		return p
	}
	// Shopify's documented example customer, for a shop without customers.
	cust := map[string]any{"id": int64(191167), "email": "john@example.com", "phone": "555-625-1199"}
	if len(sh.customers) > 0 {
		c := sh.customers[0]
		cust = map[string]any{"id": c.id, "email": c.email, "phone": nil}
		if c.phone != "" {
			cust["phone"] = c.phone
		}
	}
	p["customer"] = cust
	if enum == "CUSTOMERS_REDACT" {
		p["orders_to_redact"] = []int64{}
		return p
	}
	s.nextID++
	p["orders_requested"] = []int64{}
	p["data_request"] = map[string]any{"id": s.nextID}
	return p
}
