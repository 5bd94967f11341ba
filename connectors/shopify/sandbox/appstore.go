package sandbox

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// listingPath is the App Store listing, the sandbox's stand-in for
// apps.shopify.com/switchboard.
const listingPath = "apps/switchboard"

// defaultListingShop is the shop the listing's form suggests.
const defaultListingShop = "demo-store.myshopify.com"

var listingPage = template.Must(template.New("listing").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard – Shopify App Store (sandbox)</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f1f1f1;color:#303030;margin:0}
main{max-width:32rem;margin:3rem 1rem;margin:3rem max(1rem,calc((100% - 32rem) / 2));background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.badge{display:inline-block;background:#ffd79d;color:#5e4200;border-radius:6px;padding:.15rem .5rem;font-size:.8rem;font-weight:600}
h1{font-size:1.3rem;margin:.8rem 0}
label{display:block;font-weight:600;margin-bottom:.3rem}
input{box-sizing:border-box;width:100%;font-size:1rem;padding:.5rem;border:1px solid #8a8a8a;border-radius:8px}
.error{background:#fee9e8;color:#8e1f0b;border-radius:8px;padding:.6rem .8rem}
.actions{display:flex;gap:1rem;align-items:center;margin-top:1.5rem}
button{background:#303030;color:#fff;border:0;border-radius:8px;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}
</style>
</head>
<body>
<main>
<span class="badge">Shopify App Store (sandbox)</span>
<h1>Switchboard</h1>
<p>Connect your store to Switchboard: sync customers and orders with your CRM, shipping and messaging tools.</p>
{{- if .Error}}
<p class="error" role="alert">{{.Error}}</p>
{{- end}}
{{- if .Form}}
<form method="get" action="switchboard/install">
<label for="shop">Shop domain</label>
<input type="text" id="shop" name="shop" value="{{.Shop}}" required>
<div class="actions">
<button type="submit">Install app</button>
</div>
</form>
{{- end}}
<p><small>This is an emulated App Store for testing; no real Shopify account is involved.</small></p>
</main>
</body>
</html>
`))

// writeListing renders the listing page with status; errMsg, when set, is
// shown above the form.
func writeListing(w http.ResponseWriter, status int, shop, errMsg string, form bool) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = listingPage.Execute(w, map[string]any{"Shop": shop, "Error": errMsg, "Form": form})
}

func allowGet(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// serveListing shows the App Store listing with its install form.
func (s *Sandbox) serveListing(w http.ResponseWriter, r *http.Request) {
	if allowGet(w, r) {
		writeListing(w, http.StatusOK, defaultListingShop, "", true)
	}
}

// serveInstall is the listing's "Install app": it sends the merchant to the
// app's App URL with a signed query, as Shopify does.
func (s *Sandbox) serveInstall(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r) {
		return
	}
	if s.opts.AppURL == "" {
		writeListing(w, http.StatusServiceUnavailable, "",
			"This sandbox has no App URL for the app (the hub's public URL is not configured), so it cannot be installed from here.", false)
		return
	}
	shop := listingShop(r.URL.Query().Get("shop"))
	if msg := shopProblem(shop); msg != "" {
		writeListing(w, http.StatusBadRequest, shop, msg, true)
		return
	}
	u, err := s.InstallURL(shop)
	if err != nil {
		writeListing(w, http.StatusServiceUnavailable, shop, "The app's App URL is invalid: "+err.Error(), false)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// listingShop tidies what a merchant typed: spaces and case, and a bare
// subdomain ("demo-store") gets .myshopify.com.
func listingShop(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if v != "" && !strings.Contains(v, ".") {
		v += ".myshopify.com"
	}
	return v
}

// shopProblem says what is wrong with a shop domain, or "".
func shopProblem(shop string) string {
	switch {
	case shop == "":
		return "Enter a shop domain, like " + defaultListingShop + "."
	case !validShop(shop):
		return fmt.Sprintf("%q is not a shop domain like %s.", shop, defaultListingShop)
	}
	return ""
}

// InstallURL returns where the App Store sends a merchant who installs the
// app on shop: Options.AppURL with hmac, host, shop and timestamp (now, in
// Unix seconds), signed like the OAuth callback. It creates the shop
// when it does not exist.
func (s *Sandbox) InstallURL(shop string) (string, error) {
	if s.opts.AppURL == "" {
		return "", errors.New("sandbox: install: no App URL configured (Options.AppURL)")
	}
	if msg := shopProblem(shop); msg != "" {
		return "", errors.New("sandbox: install: " + msg)
	}
	s.mu.Lock()
	s.createShopLocked(shop, "", "", "", "")
	s.mu.Unlock()
	params := url.Values{}
	params.Set("host", hostParam(shop))
	params.Set("shop", shop)
	params.Set("timestamp", strconv.FormatInt(s.now().Unix(), 10))
	return s.signedURL(s.opts.AppURL, params)
}
