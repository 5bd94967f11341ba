package connectors

// WebhookError is a webhook failure of a known kind. The kinds are
// constants, so callers match them with errors.Is through any wrapping.
type WebhookError string

func (e WebhookError) Error() string { return string(e) }

// The failures a WebhookVerifier wraps, so that the hub can answer every
// provider's the same way (401) and count them by cause. Verifiers never
// put a secret or an expected signature in an error.
const (
	// ErrWebhookNoSecret: the connection has no signing secret, so nothing
	// can be verified (an empty HMAC key would accept forgeries).
	ErrWebhookNoSecret WebhookError = "webhook: no signing secret configured"
	// ErrWebhookUnsigned: the request carries no signature in the header the
	// provider uses.
	ErrWebhookUnsigned WebhookError = "webhook: signature header missing"
	// ErrWebhookMalformed: the signature or a header it depends on cannot
	// be read (bad encoding, wrong prefix, unparsable timestamp).
	ErrWebhookMalformed WebhookError = "webhook: signature malformed"
	// ErrWebhookSignature: the signature does not match the request.
	ErrWebhookSignature WebhookError = "webhook: signature mismatch"
	// ErrWebhookStale: the signed timestamp is outside the accepted window.
	ErrWebhookStale WebhookError = "webhook: timestamp outside the accepted window"
	// ErrWebhookUnsupported: the request is signed with a scheme the
	// connector deliberately does not accept (e.g. HubSpot v1/v2).
	ErrWebhookUnsupported WebhookError = "webhook: unsupported signature scheme"
)
