package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Install app – {{.ShopName}} – Shopify sandbox</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f1f1f1;color:#303030;margin:0}
main{max-width:32rem;margin:3rem 1rem;margin:3rem max(1rem,calc((100% - 32rem) / 2));background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.badge{display:inline-block;background:#ffd79d;color:#5e4200;border-radius:6px;padding:.15rem .5rem;font-size:.8rem;font-weight:600}
h1{font-size:1.3rem;margin:.8rem 0}
ul{padding-left:1.2rem}
.actions{display:flex;gap:1rem;align-items:center;margin-top:1.5rem}
button{background:#303030;color:#fff;border:0;border-radius:8px;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}
a{color:#005bd3}
</style>
</head>
<body>
<main>
<span class="badge">Shopify sandbox</span>
<h1>Install app on {{.ShopName}}</h1>
<p>Store: <strong>{{.Shop}}</strong></p>
<p>This app is requesting access to:</p>
<ul>
{{- range .Scopes}}
<li><code>{{.}}</code></li>
{{- else}}
<li>No access scopes</li>
{{- end}}
</ul>
<form method="post" action="authorize/approve">
<input type="hidden" name="client_id" value="{{.ClientID}}">
<input type="hidden" name="scope" value="{{.Scope}}">
<input type="hidden" name="redirect_uri" value="{{.RedirectURI}}">
<input type="hidden" name="state" value="{{.State}}">
{{- range .GrantOptions}}
<input type="hidden" name="grant_options[]" value="{{.}}">
{{- end}}
<div class="actions">
<button type="submit">Install app</button>
<a href="{{.CancelURL}}">Cancel</a>
</div>
</form>
<p><small>This is an emulated store for testing; no real Shopify account is involved.</small></p>
</main>
</body>
</html>
`))

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Oauth error – Shopify sandbox</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto">
<p><strong>Shopify sandbox</strong></p>
<h1>Oops, something went wrong.</h1>
<p>Oauth error {{.Code}}: {{.Message}}</p>
</body></html>
`))

func writeErrorPage(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = errorPage.Execute(w, map[string]string{"Code": code, "Message": msg})
}

// checkAuthorizeParams validates client_id and redirect_uri; it returns an
// error message for the 400 page, or "".
func (s *Sandbox) checkAuthorizeParams(q url.Values) string {
	if subtle.ConstantTimeCompare([]byte(q.Get("client_id")), []byte(s.opts.ClientID)) != 1 {
		return "Could not find Shopify API application with api_key " + q.Get("client_id")
	}
	ru := q.Get("redirect_uri")
	u, err := url.Parse(ru)
	if ru == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
		return "The redirect_uri is missing or invalid"
	}
	if len(s.opts.RedirectURIs) > 0 && !slices.Contains(s.opts.RedirectURIs, ru) {
		return "The redirect_uri is not whitelisted"
	}
	return ""
}

func splitScopes(scope string) []string {
	var out []string
	for _, sc := range strings.Split(scope, ",") {
		if sc = strings.TrimSpace(sc); sc != "" {
			out = append(out, sc)
		}
	}
	return out
}

func (s *Sandbox) serveAuthorize(w http.ResponseWriter, r *http.Request, domain string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	if msg := s.checkAuthorizeParams(q); msg != "" {
		writeErrorPage(w, http.StatusBadRequest, "invalid_request", msg)
		return
	}
	s.mu.Lock()
	sh := s.createShopLocked(domain, "", "", "", "")
	name := sh.name
	s.mu.Unlock()

	cancel := url.Values{}
	for _, k := range []string{"client_id", "redirect_uri", "state"} {
		if v := q.Get(k); v != "" {
			cancel.Set(k, v)
		}
	}
	data := map[string]any{
		"Shop": domain, "ShopName": name, "Scopes": splitScopes(q.Get("scope")),
		"ClientID": q.Get("client_id"), "Scope": q.Get("scope"), "RedirectURI": q.Get("redirect_uri"),
		"State": q.Get("state"), "GrantOptions": q["grant_options[]"],
		"CancelURL": template.URL("authorize/cancel?" + cancel.Encode()),
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	_ = consentPage.Execute(w, data)
}

func (s *Sandbox) serveApprove(w http.ResponseWriter, r *http.Request, domain string) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeErrorPage(w, http.StatusBadRequest, "invalid_request", "The request could not be read")
		return
	}
	q := r.PostForm
	if msg := s.checkAuthorizeParams(q); msg != "" {
		writeErrorPage(w, http.StatusBadRequest, "invalid_request", msg)
		return
	}
	now := s.now()
	code := randomToken("")
	s.mu.Lock()
	sh := s.createShopLocked(domain, "", "", "", "")
	sh.counters.Authorizations++
	s.codes[code] = &authCode{shop: domain, scope: q.Get("scope"), redirectURI: q.Get("redirect_uri"), expiresAt: now.Add(codeTTL)}
	s.mu.Unlock()

	params := url.Values{}
	params.Set("code", code)
	params.Set("host", hostParam(domain))
	params.Set("shop", domain)
	if st := q.Get("state"); st != "" {
		params.Set("state", st)
	}
	params.Set("timestamp", strconv.FormatInt(now.Unix(), 10))
	s.redirectSigned(w, r, q.Get("redirect_uri"), params)
}

// serveCancel sends the merchant back to the app with error=access_denied,
// the RFC 6749 §4.1.2.1 answer, signed like every other redirect so that
// the app can trust it.
func (s *Sandbox) serveCancel(w http.ResponseWriter, r *http.Request, domain string) {
	q := r.URL.Query()
	if msg := s.checkAuthorizeParams(q); msg != "" {
		writeErrorPage(w, http.StatusBadRequest, "invalid_request", msg)
		return
	}
	params := url.Values{}
	params.Set("error", "access_denied")
	params.Set("error_description", "The merchant declined to install the app")
	params.Set("shop", domain)
	if st := q.Get("state"); st != "" {
		params.Set("state", st)
	}
	params.Set("timestamp", strconv.FormatInt(s.now().Unix(), 10))
	s.redirectSigned(w, r, q.Get("redirect_uri"), params)
}

// redirectSigned redirects to redirectURI with params added to its query
// and an hmac over the whole query.
func (s *Sandbox) redirectSigned(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values) {
	u, err := s.signedURL(redirectURI, params)
	if err != nil {
		writeErrorPage(w, http.StatusBadRequest, "invalid_request", "The redirect_uri is missing or invalid")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u, http.StatusFound)
}

// signedURL returns base with params added to its query and an hmac over
// the whole query, as Shopify signs the OAuth callback and the App URL.
func (s *Sandbox) signedURL(base string, params url.Values) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	q := u.Query()
	for k, v := range params {
		q[k] = v
	}
	q.Del("hmac")
	q.Set("hmac", oauthHMAC(q, s.opts.ClientSecret))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// hostParam is the host parameter Shopify adds to the App URL and the
// OAuth callback: the unpadded base64 of the shop's admin address,
// admin.shopify.com/store/{subdomain}.
func hostParam(domain string) string {
	return base64.RawStdEncoding.EncodeToString([]byte("admin.shopify.com/store/" + strings.TrimSuffix(domain, ".myshopify.com")))
}

// oauthHMAC is Shopify's query signature: every parameter except hmac and
// signature, sorted by name, form-encoded (space as %20) and joined with &,
// then HMAC-SHA256 with the client secret, in lower-case hex. Repeated
// parameters are joined with commas.
func oauthHMAC(q url.Values, secret string) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "hmac" && k != "signature" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(formEncode(k))
		b.WriteByte('=')
		b.WriteString(formEncode(strings.Join(q[k], ",")))
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(b.String()))
	return hex.EncodeToString(m.Sum(nil))
}

// formEncode percent-encodes like the WHATWG urlencoded serializer (what
// Shopify's JavaScript library signs), with spaces as %20.
func formEncode(s string) string {
	const hexdig = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexdig[c>>4])
			b.WriteByte(hexdig[c&15])
		}
	}
	return b.String()
}

// tokenParams reads a token request body, JSON or form-encoded, as strings.
func tokenParams(r *http.Request) (map[string]string, error) {
	out := map[string]string{}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/json" {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		var raw map[string]any
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, err
		}
		for k, v := range raw {
			switch v := v.(type) {
			case string:
				out[k] = v
			case float64:
				out[k] = strconv.FormatFloat(v, 'f', -1, 64)
			case bool:
				out[k] = strconv.FormatBool(v)
			}
		}
		for k, v := range r.URL.Query() {
			if _, ok := out[k]; !ok && len(v) > 0 {
				out[k] = v[0]
			}
		}
		return out, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	for k, v := range r.Form {
		if len(v) > 0 {
			out[k] = v[0]
		}
	}
	return out, nil
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

func (s *Sandbox) serveAccessToken(w http.ResponseWriter, r *http.Request, domain string) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		oauthError(w, http.StatusMethodNotAllowed, "invalid_request", "The token endpoint only accepts POST")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	p, err := tokenParams(r)
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "The request body could not be read")
		return
	}
	buf := sandboxkit.NewBuffer()
	s.accessTokenLocked(buf, domain, p)
	buf.Flush(w)
}

func (s *Sandbox) accessTokenLocked(w http.ResponseWriter, domain string, p map[string]string) {
	grant := p["grant_type"]
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		notFound(w)
		return
	}
	if grant == "refresh_token" {
		sh.counters.RefreshRequests++
	} else {
		sh.counters.CodeExchanges++
	}
	if subtle.ConstantTimeCompare([]byte(p["client_id"]), []byte(s.opts.ClientID)) != 1 {
		oauthError(w, http.StatusBadRequest, "invalid_request", "Could not find Shopify API application with api_key "+p["client_id"])
		return
	}
	if subtle.ConstantTimeCompare([]byte(p["client_secret"]), []byte(s.opts.ClientSecret)) != 1 {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed: the client_secret is invalid")
		return
	}
	now := s.now()
	switch grant {
	case "", "authorization_code":
		c := s.codes[p["code"]]
		if c == nil || c.used || c.shop != domain || !now.Before(c.expiresAt) {
			oauthError(w, http.StatusBadRequest, "invalid_request", "The authorization code was not found or was already used")
			return
		}
		c.used = true
		if expiring(p["expiring"]) {
			s.issueExpiringLocked(w, sh, c.scope)
			return
		}
		tok := sh.permanentToken
		if at := s.access[tok]; tok == "" || at == nil || at.revoked {
			tok = randomToken("shpat_")
			s.access[tok] = &accessToken{shop: domain, scope: c.scope}
			sh.permanentToken = tok
		} else {
			at.scope = c.scope
		}
		writeToken(w, map[string]any{"access_token": tok, "scope": c.scope})
	case "refresh_token":
		rt := s.refresh[p["refresh_token"]]
		if rt == nil || rt.used || rt.revoked || rt.shop != domain || !now.Before(rt.expiresAt) {
			oauthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid or expired")
			return
		}
		rt.used = true
		s.issueExpiringLocked(w, sh, rt.scope)
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "The grant_type "+grant+" is not supported")
	}
}

func expiring(v string) bool { return v == "1" || v == "true" }

// issueExpiringLocked revokes the shop's previous expiring tokens (only one
// may be active per app and shop) and writes a new pair.
func (s *Sandbox) issueExpiringLocked(w http.ResponseWriter, sh *shop, scope string) {
	now := s.now()
	for _, at := range s.access {
		if at.shop == sh.domain && at.expiring {
			at.revoked = true
		}
	}
	for _, rt := range s.refresh {
		if rt.shop == sh.domain && !rt.used {
			rt.revoked = true
		}
	}
	tok, ref := randomToken("shpat_"), randomToken("shprt_")
	s.access[tok] = &accessToken{shop: sh.domain, scope: scope, expiring: true, expiresAt: now.Add(s.opts.AccessTokenTTL)}
	s.refresh[ref] = &refreshToken{shop: sh.domain, scope: scope, expiresAt: now.Add(s.opts.RefreshTokenTTL)}
	writeToken(w, map[string]any{
		"access_token": tok, "scope": scope,
		"expires_in":               int64(s.opts.AccessTokenTTL / time.Second),
		"refresh_token":            ref,
		"refresh_token_expires_in": int64(s.opts.RefreshTokenTTL / time.Second),
	})
}

func writeToken(w http.ResponseWriter, v map[string]any) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, v)
}

func writeJSON(w http.ResponseWriter, status int, v any) { sandboxkit.WriteJSON(w, status, v) }
