package connectors

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Conn is what a connector gets to act for one connection: the values the
// user entered, with the secret ones kept as secrets.
type Conn struct {
	Config  map[string]string
	Secrets map[string]secrets.Secret
	// Env is where the provider is and how to reach it.
	Env Env
}

// Value returns a field's value, secret or not, as text (for the one call
// that must send it).
func (c Conn) Value(name string) string {
	if s, ok := c.Secrets[name]; ok {
		return s.Reveal()
	}
	return c.Config[name]
}

// Probe is what a credential check may use: where the provider is, and
// where to send a test message.
type Probe struct {
	// Env is the provider's environment (real, or its sandbox).
	Env Env
	// Recipient receives a test message, for connectors that send messages.
	Recipient string
}

// CredentialChecker checks a connection against the provider, before it is
// saved and whenever a user tests it.
type CredentialChecker interface {
	CheckCredentials(ctx context.Context, c Conn, p Probe) error
}

// CheckError is a failed check that a user can fix: it names the field at
// fault (empty when no single field is) and never contains a secret.
type CheckError struct {
	Field   string
	Message string
}

func (e *CheckError) Error() string { return e.Message }

// EmailMessage is a message to send.
type EmailMessage struct {
	To      string
	Subject string
	HTML    string
	Text    string
	// IdempotencyKey identifies the message across retries (sent as the
	// Message-ID), so a receiver can drop duplicates.
	IdempotencyKey string
}

// EmailSender sends email.
type EmailSender interface {
	SendEmail(ctx context.Context, c Conn, m EmailMessage) error
}

// WebhookRequest is an inbound webhook as it arrived: verifiers work on the
// raw body and the URL the provider called.
type WebhookRequest struct {
	Method string
	// URL is the full URL the provider called (scheme, host, path, query).
	URL    string
	Header http.Header
	Body   []byte
}

// WebhookVerifier checks an inbound webhook's signature with the
// connection's signing secret, in constant time. It returns nil only for an
// authentic request.
type WebhookVerifier interface {
	VerifyWebhook(r WebhookRequest, secret secrets.Secret) error
}

// Env tells a connector where its provider is: the real one, or the
// provider's sandbox mounted in the hub.
type Env struct {
	// HTTP calls the provider (its transport refuses private addresses
	// unless the hub allows them).
	HTTP *http.Client
	// Dial opens raw connections (SMTP) under the same rule; nil dials
	// directly.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// SandboxBase is the sandbox's base URL (e.g.
	// http://localhost:8080/sandbox/shopify); empty for the real provider.
	SandboxBase string
}

// ResolveURL turns a Spec URL template ("https://{shop}/admin/…") into a URL
// for this environment: placeholders are filled from config, and in sandbox
// mode the provider's scheme and host are replaced by the sandbox base (a
// {shop} host stays as the first path segment).
func (e Env) ResolveURL(template string, config map[string]string) string {
	rest := strings.TrimPrefix(template, "https://")
	host, path, _ := strings.Cut(rest, "/")
	path = "/" + path
	if e.SandboxBase == "" {
		return "https://" + fill(host, config) + fill(path, config)
	}
	base := strings.TrimRight(e.SandboxBase, "/")
	if strings.HasPrefix(host, "{") {
		return base + "/" + fill(host, config) + fill(path, config)
	}
	return base + fill(path, config)
}

func fill(s string, config map[string]string) string {
	for k, v := range config {
		s = strings.ReplaceAll(s, "{"+k+"}", url.PathEscape(v))
	}
	return s
}

// OAuthHooks are an OAuth connector's provider-specific steps around the
// standard authorization-code dance, which the hub runs with x/oauth2.
type OAuthHooks interface {
	// AuthorizeParams are extra query parameters of the consent URL (for
	// example a comma-separated scope list).
	AuthorizeParams(scopes []string) map[string]string
	// ExchangeParams are extra parameters of the code exchange.
	ExchangeParams() map[string]string
	// VerifyCallback checks the callback's query beyond the state (Shopify:
	// its HMAC and that the shop is the one consent was asked of).
	VerifyCallback(q url.Values, config map[string]string, clientSecret secrets.Secret) error
	// Account calls the provider with a fresh token and returns the
	// account's display name: the proof the token works.
	Account(ctx context.Context, env Env, config map[string]string, token secrets.Secret) (string, error)
}

// GrantRevocationDetector recognises a provider's own way of saying that a
// refresh token is gone for good, for providers whose error body does not
// use OAuth's invalid_grant (HubSpot answers status BAD_REFRESH_TOKEN).
type GrantRevocationDetector interface {
	GrantRevoked(status int, body []byte) bool
}

// Tokens are an OAuth connection's tokens.
type Tokens struct {
	Access  secrets.Secret
	Refresh secrets.Secret
}

// Revoker ends a connection's access at the provider, for providers whose
// API allows it; the hub calls it on disconnect before erasing the tokens.
type Revoker interface {
	Revoke(ctx context.Context, env Env, config map[string]string, t Tokens) error
}
