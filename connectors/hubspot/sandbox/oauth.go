package sandbox

import (
	"crypto/subtle"
	"html/template"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect app – {{.Portal}} – HubSpot sandbox</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f5f8fa;color:#33475b;margin:0}
main{max-width:34rem;margin:3rem max(1rem,calc((100% - 34rem) / 2));background:#fff;border:1px solid #cbd6e2;border-radius:6px;padding:2rem}
.badge{display:inline-block;background:#ff7a59;color:#fff;border-radius:4px;padding:.15rem .5rem;font-size:.8rem;font-weight:600}
h1{font-size:1.3rem;margin:.8rem 0}
ul{padding-left:1.2rem}
.actions{display:flex;gap:1rem;align-items:center;margin-top:1.5rem}
button{border-radius:3px;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}
.primary{background:#ff7a59;color:#fff;border:1px solid #ff7a59}
.secondary{background:#fff;color:#33475b;border:1px solid #cbd6e2}
</style>
</head>
<body>
<main>
<span class="badge">HubSpot sandbox</span>
<h1>Connect the app to {{.Portal}}</h1>
<p>Account: <strong>{{.Portal}}</strong> (hub id {{.HubID}}, {{.Domain}})</p>
<p>The app is requesting access to:</p>
<ul>
{{- range .Scopes}}
<li><code>{{.}}</code></li>
{{- end}}
{{- range .OptionalScopes}}
<li><code>{{.}}</code> (optional)</li>
{{- end}}
</ul>
<div class="actions">
<form method="post" action="authorize/approve">
{{- range .Fields}}
<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{- end}}
<button class="primary" type="submit">Connect app</button>
</form>
<form method="post" action="authorize/cancel">
{{- range .Fields}}
<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{- end}}
<button class="secondary" type="submit">Cancel</button>
</form>
</div>
<p><small>This is an emulated HubSpot account for testing; no real HubSpot account is involved.</small></p>
</main>
</body>
</html>
`))

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization failed – HubSpot sandbox</title></head>
<body style="font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto">
<p><strong>HubSpot sandbox</strong></p>
<h1>Couldn't complete the connection</h1>
<p>{{.}}</p>
</body></html>
`))

func writeErrorPage(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusBadRequest)
	_ = errorPage.Execute(w, msg)
}

// splitScopes splits a space-separated scope list (HubSpot also tolerates
// "+" and commas in hand-made URLs).
func splitScopes(s string) []string {
	var out []string
	for _, sc := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '+' || r == ',' }) {
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return out
}

// checkConsent validates the consent parameters; it returns a message for
// the error page, or "".
func (s *Sandbox) checkConsent(q url.Values) string {
	if q.Get("client_id") == "" || subtle.ConstantTimeCompare([]byte(q.Get("client_id")), []byte(s.opts.ClientID)) != 1 {
		return "The client_id is missing or does not belong to an app."
	}
	ru := q.Get("redirect_uri")
	u, err := url.Parse(ru)
	if ru == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
		return "The redirect_uri is missing or invalid."
	}
	if len(s.opts.RedirectURIs) > 0 && !slices.Contains(s.opts.RedirectURIs, ru) {
		return "The redirect_uri does not match the app's redirect URLs."
	}
	if len(splitScopes(q.Get("scope"))) == 0 {
		return "Authorization failed because the scope parameter is missing."
	}
	return ""
}

type field struct{ Name, Value string }

func (s *Sandbox) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if msg := s.checkConsent(q); msg != "" {
		writeErrorPage(w, msg)
		return
	}
	var fields []field
	for _, k := range []string{"client_id", "redirect_uri", "scope", "optional_scope", "state"} {
		if v, ok := q[k]; ok && len(v) > 0 {
			fields = append(fields, field{k, v[0]})
		}
	}
	data := map[string]any{
		"Portal": PortalName, "HubID": PortalID, "Domain": PortalDomain,
		"Scopes": splitScopes(q.Get("scope")), "OptionalScopes": splitScopes(q.Get("optional_scope")), "Fields": fields,
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	_ = consentPage.Execute(w, data)
}

func (s *Sandbox) consentForm(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeErrorPage(w, "The request could not be read.")
		return nil, false
	}
	if msg := s.checkConsent(r.PostForm); msg != "" {
		writeErrorPage(w, msg)
		return nil, false
	}
	return r.PostForm, true
}

func (s *Sandbox) serveApprove(w http.ResponseWriter, r *http.Request) {
	q, ok := s.consentForm(w, r)
	if !ok {
		return
	}
	scopes := append(splitScopes(q.Get("scope")), splitScopes(q.Get("optional_scope"))...)
	code := sandboxkit.NewUUID()
	s.mu.Lock()
	s.portal.counters.Authorizations++
	s.codes[code] = &authCode{scopes: dedupe(scopes), redirectURI: q.Get("redirect_uri"), expiresAt: s.now().Add(CodeTTL)}
	s.mu.Unlock()
	params := url.Values{"code": {code}}
	if st, ok := q["state"]; ok {
		params["state"] = st
	}
	redirect(w, r, q.Get("redirect_uri"), params)
}

// serveCancel sends the user back to the app with error=access_denied, the
// RFC 6749 §4.1.2.1 answer.
func (s *Sandbox) serveCancel(w http.ResponseWriter, r *http.Request) {
	q, ok := s.consentForm(w, r)
	if !ok {
		return
	}
	params := url.Values{"error": {"access_denied"}, "error_description": {"The user declined to connect the app"}}
	if st, ok := q["state"]; ok {
		params["state"] = st
	}
	redirect(w, r, q.Get("redirect_uri"), params)
}

func redirect(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values) {
	u, err := url.Parse(redirectURI)
	if err != nil {
		writeErrorPage(w, "The redirect_uri is missing or invalid.")
		return
	}
	q := u.Query()
	for k, v := range params {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func dedupe(in []string) []string {
	var out []string
	for _, v := range in {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// tokenError writes HubSpot's token-endpoint error: its own status and
// message, and the RFC 6749 error code.
func tokenError(w http.ResponseWriter, status int, hubStatus, message, oauthCode string) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, map[string]string{
		"status": hubStatus, "message": message, "correlationId": sandboxkit.NewUUID(),
		"error": oauthCode, "error_description": message,
	})
}

func (s *Sandbox) serveToken(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		tokenError(w, http.StatusBadRequest, "BAD_GRANT_TYPE", "missing or unknown grant type", "unsupported_grant_type")
		return
	}
	if err := r.ParseForm(); err != nil {
		tokenError(w, http.StatusBadRequest, "BAD_GRANT_TYPE", "missing or unknown grant type", "invalid_request")
		return
	}
	buf := sandboxkit.NewBuffer()
	s.tokenLocked(buf, r.PostForm)
	buf.Flush(w)
}

func (s *Sandbox) tokenLocked(w http.ResponseWriter, p url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	grant := p.Get("grant_type")
	switch grant {
	case "authorization_code":
		s.portal.counters.CodeExchanges++
	case "refresh_token":
		s.portal.counters.RefreshRequests++
	default:
		tokenError(w, http.StatusBadRequest, "BAD_GRANT_TYPE", "missing or unknown grant type", "unsupported_grant_type")
		return
	}
	if p.Get("client_id") == "" || subtle.ConstantTimeCompare([]byte(p.Get("client_id")), []byte(s.opts.ClientID)) != 1 {
		tokenError(w, http.StatusBadRequest, "BAD_CLIENT_ID", "missing or invalid client id", "invalid_client")
		return
	}
	if subtle.ConstantTimeCompare([]byte(p.Get("client_secret")), []byte(s.opts.ClientSecret)) != 1 {
		tokenError(w, http.StatusBadRequest, "BAD_CLIENT_SECRET", "missing or invalid client secret", "invalid_client")
		return
	}
	now := s.now()
	if grant == "authorization_code" {
		c := s.codes[p.Get("code")]
		if c == nil || c.used || !now.Before(c.expiresAt) {
			tokenError(w, http.StatusBadRequest, "BAD_AUTH_CODE", "missing or unknown auth code", "invalid_grant")
			return
		}
		if p.Get("redirect_uri") != c.redirectURI {
			tokenError(w, http.StatusBadRequest, "BAD_REDIRECT_URI", "redirect_uri does not match initial auth code URL", "invalid_grant")
			return
		}
		c.used = true
		ref := "na1-" + sandboxkit.NewUUID()
		s.refresh[ref] = &refreshToken{scopes: c.scopes}
		s.writeTokenLocked(w, ref, c.scopes, now)
		return
	}
	ref := p.Get("refresh_token")
	rt := s.refresh[ref]
	if rt == nil || rt.revoked {
		tokenError(w, http.StatusBadRequest, "BAD_REFRESH_TOKEN", "missing or invalid refresh token", "invalid_grant")
		return
	}
	// HubSpot does not rotate refresh tokens: the same one comes back.
	s.writeTokenLocked(w, ref, rt.scopes, now)
}

func (s *Sandbox) issueAccessLocked(scopes []string, now time.Time) string {
	tok := randomToken("C", 96)
	s.access[tok] = &accessToken{scopes: scopes, expiresAt: now.Add(s.opts.AccessTokenTTL)}
	return tok
}

func (s *Sandbox) writeTokenLocked(w http.ResponseWriter, refresh string, scopes []string, now time.Time) {
	tok := s.issueAccessLocked(scopes, now)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type": "bearer", "refresh_token": refresh, "access_token": tok,
		"expires_in": int64(s.opts.AccessTokenTTL / time.Second), "hub_id": PortalID, "scopes": scopes,
	})
}

func (s *Sandbox) serveTokenInfo(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	s.mu.Lock()
	at := s.access[tok]
	now := s.now()
	var scopes []string
	var left time.Duration
	if at != nil {
		scopes, left = append([]string{}, at.scopes...), at.expiresAt.Sub(now)
	}
	revoked := at != nil && at.revoked
	s.mu.Unlock()
	switch {
	case at == nil || revoked:
		apiError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "Token not found", nil)
	case left <= 0:
		expiredError(w, -left)
	default:
		writeJSON(w, http.StatusOK, map[string]any{
			"token": tok, "user": PortalUser, "hub_domain": PortalDomain, "scopes": scopes, "hub_id": PortalID,
			"app_id": AppID, "expires_in": int64(left / time.Second), "user_id": PortalUserID, "token_type": "access",
			"is_private_distribution": false,
		})
	}
}

func expiredError(w http.ResponseWriter, ago time.Duration) {
	apiError(w, http.StatusUnauthorized, "EXPIRED_AUTHENTICATION",
		"The OAuth token used to make this call expired "+itoa(int64(ago/(24*time.Hour)))+" day(s) ago.", nil)
}
