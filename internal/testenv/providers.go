package testenv

import (
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"

	hubspotsandbox "github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"
	shopifysandbox "github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

// Providers are the Shopify and HubSpot sandboxes served on their own
// ports, outside any hub process: their state outlives a hub that is
// killed, and several hub processes share them. Hub processes reach them
// through HUB_<SLUG>_CLIENT_ID/_CLIENT_SECRET/_BASE_URL (Env).
type Providers struct {
	Shopify    *shopifysandbox.Sandbox
	HubSpot    *hubspotsandbox.Sandbox
	ShopifyURL string
	HubSpotURL string
	servers    []*httptest.Server
}

// ProviderOptions shape the sandboxes.
type ProviderOptions struct {
	// Unlimited lifts the providers' rate limits (a huge Shopify bucket and
	// HubSpot window): the hub paces itself by what they report.
	Unlimited bool
	// ShopifyMiddleware, when set, wraps the Shopify sandbox's handler (to
	// observe the calls the hub makes).
	ShopifyMiddleware func(http.Handler) http.Handler
}

// The sandbox apps' credentials.
const (
	providerShopifyID     = "external-shopify-app"
	providerShopifySecret = "external-shopify-secret"
	providerHubSpotID     = "external-hubspot-app"
	providerHubSpotSecret = "external-hubspot-secret"
)

// StartProviders serves both sandboxes; Close stops them.
func StartProviders(o ProviderOptions) *Providers {
	so := shopifysandbox.Options{ClientID: providerShopifyID, ClientSecret: providerShopifySecret}
	ho := hubspotsandbox.Options{ClientID: providerHubSpotID, ClientSecret: providerHubSpotSecret}
	if o.Unlimited {
		so.BucketSize, so.RestoreRate = 100_000_000, 10_000_000
		ho.RateLimit = 10_000_000
	}
	p := &Providers{Shopify: shopifysandbox.New(so), HubSpot: hubspotsandbox.New(ho)}
	var shopify http.Handler = p.Shopify
	if o.ShopifyMiddleware != nil {
		shopify = o.ShopifyMiddleware(shopify)
	}
	shop, hub := httptest.NewServer(shopify), httptest.NewServer(p.HubSpot)
	p.servers = []*httptest.Server{shop, hub}
	p.ShopifyURL, p.HubSpotURL = shop.URL, hub.URL
	return p
}

// Close stops the sandboxes.
func (p *Providers) Close() {
	for _, s := range p.servers {
		s.Close()
	}
}

// Env are the environment variables that point a hub process at the
// sandboxes as if they were the real providers.
func (p *Providers) Env() []string {
	return []string{
		"HUB_SHOPIFY_CLIENT_ID=" + providerShopifyID, "HUB_SHOPIFY_CLIENT_SECRET=" + providerShopifySecret, "HUB_SHOPIFY_BASE_URL=" + p.ShopifyURL,
		"HUB_HUBSPOT_CLIENT_ID=" + providerHubSpotID, "HUB_HUBSPOT_CLIENT_SECRET=" + providerHubSpotSecret, "HUB_HUBSPOT_BASE_URL=" + p.HubSpotURL,
	}
}

// ApproveShopify approves a Shopify authorize URL as the merchant would
// and returns the hub callback the consent redirects to.
func ApproveShopify(browser *http.Client, authorizeURL string) (string, error) {
	u, err := url.Parse(authorizeURL)
	if err != nil {
		return "", fmt.Errorf("authorize URL: %w", err)
	}
	q := u.Query()
	form := url.Values{"client_id": {q.Get("client_id")}, "scope": {q.Get("scope")}, "redirect_uri": {q.Get("redirect_uri")}, "state": {q.Get("state")}}
	resp, err := browser.PostForm(strings.TrimSuffix(u.Scheme+"://"+u.Host+u.Path, "/")+"/approve", form)
	if err != nil {
		return "", fmt.Errorf("approve: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return "", fmt.Errorf("approve answered %d", resp.StatusCode)
	}
	return resp.Header.Get("Location"), nil
}

var (
	consentFormRE   = regexp.MustCompile(`(?s)<form method="post" action="([^"]+)">(.*?)</form>`)
	consentHiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// ApproveHubSpot clicks the HubSpot consent page's "Connect app" and
// returns the hub callback it redirects to.
func ApproveHubSpot(browser *http.Client, authorizeURL string) (string, error) {
	resp, err := browser.Get(authorizeURL)
	if err != nil {
		return "", fmt.Errorf("consent page: %w", err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, f := range consentFormRE.FindAllStringSubmatch(string(page), -1) {
		if !strings.Contains(f[2], ">Connect app</button>") {
			continue
		}
		form := url.Values{}
		for _, h := range consentHiddenRE.FindAllStringSubmatch(f[2], -1) {
			form.Add(html.UnescapeString(h[1]), html.UnescapeString(h[2]))
		}
		base, err := url.Parse(authorizeURL)
		if err != nil {
			return "", fmt.Errorf("authorize URL: %w", err)
		}
		resp, err := browser.PostForm(base.ResolveReference(&url.URL{Path: html.UnescapeString(f[1])}).String(), form)
		if err != nil {
			return "", fmt.Errorf("approve: %w", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			return "", fmt.Errorf("approve answered %d", resp.StatusCode)
		}
		return resp.Header.Get("Location"), nil
	}
	return "", errors.New(`no "Connect app" button on the HubSpot consent page`)
}
