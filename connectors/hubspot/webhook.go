package hubspot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Headers HubSpot signs requests with.
const (
	// HeaderSignatureV3 carries base64(HMAC-SHA256(client secret,
	// method + URI + body + timestamp)).
	HeaderSignatureV3 = "X-HubSpot-Signature-V3"
	// HeaderTimestamp is the signing time in Unix milliseconds.
	HeaderTimestamp = "X-HubSpot-Request-Timestamp"
	// HeaderSignature and HeaderSignatureVersion carry the legacy v1/v2
	// signatures (unkeyed SHA-256, no timestamp), which are not accepted.
	HeaderSignature        = "X-HubSpot-Signature"
	HeaderSignatureVersion = "X-HubSpot-Signature-Version"
)

// MaxSignatureAge is how far X-HubSpot-Request-Timestamp may be from now.
// HubSpot asks to reject timestamps older than five minutes; the same bound
// applies to timestamps in the future, which only clock skew explains.
const MaxSignatureAge = 5 * time.Minute

// Verifier checks HubSpot's request signature v3 against a clock.
type Verifier struct {
	// Now is the clock the timestamp is checked against; nil means time.Now.
	Now func() time.Time
}

// VerifyWebhook implements connectors.WebhookVerifier with the real clock.
func (Connector) VerifyWebhook(r connectors.WebhookRequest, secret secrets.Secret) error {
	return Verifier{Now: time.Now}.VerifyWebhook(r, secret)
}

// VerifyWebhook checks signature v3: X-HubSpot-Signature-V3 must be the
// base64 HMAC-SHA256, keyed with the app's client secret, of the method,
// the request URI (with HubSpot's percent-decoding, see SignedURI), the raw
// body and the X-HubSpot-Request-Timestamp value, concatenated; and the
// timestamp must be within MaxSignatureAge of now. Requests signed only
// with v1 or v2 are refused (ErrWebhookUnsupported): those signatures are
// unkeyed hashes without a timestamp, replayable forever.
func (v Verifier) VerifyWebhook(r connectors.WebhookRequest, secret secrets.Secret) error {
	if secret.Empty() {
		return connectors.ErrWebhookNoSecret
	}
	sig := strings.TrimSpace(r.Header.Get(HeaderSignatureV3))
	if sig == "" {
		if r.Header.Get(HeaderSignature) != "" {
			return fmt.Errorf("hubspot: request carries only a %s signature (%s); signature v3 is required: %w",
				legacyVersion(r.Header.Get(HeaderSignatureVersion)), HeaderSignature, connectors.ErrWebhookUnsupported)
		}
		return fmt.Errorf("hubspot: %s: %w", HeaderSignatureV3, connectors.ErrWebhookUnsigned)
	}
	got, err := base64.StdEncoding.Strict().DecodeString(sig)
	if err != nil || len(got) != sha256.Size {
		return fmt.Errorf("hubspot: %s is not a base64 SHA-256 MAC: %w", HeaderSignatureV3, connectors.ErrWebhookMalformed)
	}
	ts := strings.TrimSpace(r.Header.Get(HeaderTimestamp))
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || ms <= 0 {
		return fmt.Errorf("hubspot: %s is missing or not Unix milliseconds: %w", HeaderTimestamp, connectors.ErrWebhookMalformed)
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	if age := now().Sub(time.UnixMilli(ms)); age > MaxSignatureAge || age < -MaxSignatureAge {
		return fmt.Errorf("hubspot: request signed %s from now, beyond %s: %w",
			age.Round(time.Second), MaxSignatureAge, connectors.ErrWebhookStale)
	}
	mac := hmac.New(sha256.New, []byte(secret.Reveal()))
	mac.Write([]byte(r.Method))
	mac.Write([]byte(SignedURI(r.URL)))
	mac.Write(r.Body)
	mac.Write([]byte(ts))
	if !hmac.Equal(mac.Sum(nil), got) {
		return fmt.Errorf("hubspot: %w", connectors.ErrWebhookSignature)
	}
	return nil
}

func legacyVersion(v string) string {
	switch v = strings.ToLower(strings.TrimSpace(v)); v {
	case "v1", "v2":
		return v
	}
	return "legacy"
}

// SignedURI is the URI as HubSpot signs it in v3: the full URL it called,
// with these percent-encodings decoded (either hex case) and every other
// byte left as it is: %3A : %2F / %3F ? %40 @ %21 ! %24 $ %27 ' %28 ( %29 )
// %2A * %2C , %3B ;.
func SignedURI(rawURL string) string {
	if !strings.Contains(rawURL, "%") {
		return rawURL
	}
	var b strings.Builder
	b.Grow(len(rawURL))
	for i := 0; i < len(rawURL); i++ {
		if rawURL[i] == '%' && i+2 < len(rawURL) {
			if c, ok := decodedByHubSpot(rawURL[i+1], rawURL[i+2]); ok {
				b.WriteByte(c)
				i += 2
				continue
			}
		}
		b.WriteByte(rawURL[i])
	}
	return b.String()
}

// decodedByHubSpot returns the character %hi lo stands for when it is one
// HubSpot decodes before signing.
func decodedByHubSpot(hi, lo byte) (byte, bool) {
	v, ok := unhex(hi)
	w, ok2 := unhex(lo)
	if !ok || !ok2 {
		return 0, false
	}
	switch c := v<<4 | w; c {
	case ':', '/', '?', '@', '!', '$', '\'', '(', ')', '*', ',', ';':
		return c, true
	}
	return 0, false
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Event is one entry of a webhook body: HubSpot sends a JSON array of
// them, up to 100 per request.
type Event struct {
	// EventID identifies the event for deduplication, together with
	// SubscriptionID (HubSpot's ids are unique per subscription).
	EventID          int64  `json:"eventId"`
	SubscriptionID   int64  `json:"subscriptionId"`
	PortalID         int64  `json:"portalId"`
	AppID            int64  `json:"appId"`
	OccurredAtMillis int64  `json:"occurredAt"`
	SubscriptionType string `json:"subscriptionType"`
	AttemptNumber    int    `json:"attemptNumber"`
	ObjectID         int64  `json:"objectId"`
	// ObjectTypeID is set by generic "object.*" subscriptions ("0-1" is a
	// contact).
	ObjectTypeID  string `json:"objectTypeId"`
	ChangeSource  string `json:"changeSource"`
	ChangeFlag    string `json:"changeFlag"`
	PropertyName  string `json:"propertyName"`
	PropertyValue string `json:"propertyValue"`
}

// OccurredAt is when the event happened.
func (e Event) OccurredAt() time.Time { return time.UnixMilli(e.OccurredAtMillis).UTC() }

// DedupeKey identifies the event across retries.
func (e Event) DedupeKey() string {
	return strconv.FormatInt(e.SubscriptionID, 10) + ":" + strconv.FormatInt(e.EventID, 10)
}

// Type is the normalized event the Spec declares (customer.created,
// customer.updated: a HubSpot contact is a customer in the hub's
// vocabulary), or "" for subscriptions the connector does not emit.
func (e Event) Type() string {
	kind, ok := strings.CutPrefix(e.SubscriptionType, "contact.")
	if !ok {
		if e.ObjectTypeID != "0-1" {
			return ""
		}
		if kind, ok = strings.CutPrefix(e.SubscriptionType, "object."); !ok {
			return ""
		}
	}
	switch kind {
	case "creation":
		return "customer.created"
	case "propertyChange":
		return "customer.updated"
	}
	return ""
}

// ParseEvents reads a webhook body: a JSON array of events. Every event
// must carry an event id, a subscription type and an object id.
func ParseEvents(body []byte) ([]Event, error) {
	var events []Event
	if err := json.Unmarshal(body, &events); err != nil {
		return nil, fmt.Errorf("hubspot: webhook body is not an array of events: %w", err)
	}
	for i, e := range events {
		if e.EventID == 0 || e.SubscriptionType == "" || e.ObjectID == 0 {
			return nil, fmt.Errorf("hubspot: webhook event %d lacks eventId, subscriptionType or objectId", i)
		}
	}
	return events, nil
}
