package twilio

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio signs webhooks with HMAC-SHA1; that is the provider's scheme, not our choice.
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"net/url"
	"sort"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Headers Twilio signs requests with.
const (
	// HeaderSignature carries base64(HMAC-SHA1(auth token, URL + sorted
	// POST parameters)).
	HeaderSignature = "X-Twilio-Signature"
	// HeaderSignatureSettings is present when a Webhooks Rule re-signs the
	// request with a shared key (possibly HMAC-SHA256) instead of the auth
	// token; such requests are not accepted by VerifyWebhook.
	HeaderSignatureSettings = "X-Twilio-Webhooks-Signature-Settings"
)

// bodyHashParam is the query parameter Twilio adds to the URL when the body
// is JSON: hex(SHA-256(body)).
const bodyHashParam = "bodySHA256"

// VerifyWebhook implements connectors.WebhookVerifier with the account's
// auth token as the secret. X-Twilio-Signature must be the base64
// HMAC-SHA1 of:
//
//   - for form-encoded bodies (status callbacks): the full URL Twilio
//     called, followed by every POST parameter's name and value, names in
//     byte order (a repeated name contributes each of its values, sorted);
//   - for other bodies (JSON): the full URL alone, which then carries a
//     bodySHA256 query parameter that must be the hex SHA-256 of the raw
//     body.
//
// Like Twilio's SDKs, the URL is tried as received, with the scheme's
// default port added and with the port removed, since Twilio signs either
// form.
func (Connector) VerifyWebhook(r connectors.WebhookRequest, secret secrets.Secret) error {
	if secret.Empty() {
		return connectors.ErrWebhookNoSecret
	}
	if r.Header.Get(HeaderSignatureSettings) != "" {
		return fmt.Errorf("twilio: request is signed by a Webhooks Rule shared key (%s), not the auth token: %w",
			HeaderSignatureSettings, connectors.ErrWebhookUnsupported)
	}
	sig := strings.TrimSpace(r.Header.Get(HeaderSignature))
	if sig == "" {
		return fmt.Errorf("twilio: %s: %w", HeaderSignature, connectors.ErrWebhookUnsigned)
	}
	got, err := base64.StdEncoding.Strict().DecodeString(sig)
	if err != nil || len(got) != sha1.Size {
		return fmt.Errorf("twilio: %s is not a base64 SHA-1 MAC: %w", HeaderSignature, connectors.ErrWebhookMalformed)
	}
	u, err := url.Parse(r.URL)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return fmt.Errorf("twilio: the request URL must be absolute to verify its signature: %w", connectors.ErrWebhookMalformed)
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fmt.Errorf("twilio: request URL query: %w", connectors.ErrWebhookMalformed)
	}

	bodyOK := true
	var params string
	if hashes, ok := query[bodyHashParam]; ok {
		want, err := hex.DecodeString(strings.Join(hashes, ""))
		if len(hashes) != 1 || err != nil || len(want) != sha256.Size {
			return fmt.Errorf("twilio: %s is not one hex SHA-256: %w", bodyHashParam, connectors.ErrWebhookMalformed)
		}
		sum := sha256.Sum256(r.Body)
		bodyOK = hmac.Equal(sum[:], want)
	} else if len(r.Body) > 0 {
		if ct := r.Header.Get("Content-Type"); ct != "" {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/x-www-form-urlencoded" {
				return fmt.Errorf("twilio: a %.40q body must be signed with %s in the URL: %w", ct, bodyHashParam, connectors.ErrWebhookMalformed)
			}
		}
		form, err := url.ParseQuery(string(r.Body))
		if err != nil {
			return fmt.Errorf("twilio: form body: %w", connectors.ErrWebhookMalformed)
		}
		params = SortedParams(form)
	}

	match := false
	for _, candidate := range portVariants(r.URL) {
		mac := hmac.New(sha1.New, []byte(secret.Reveal()))
		mac.Write([]byte(candidate))
		mac.Write([]byte(params))
		// Evaluate every candidate: the time spent does not depend on which
		// one matches.
		match = hmac.Equal(mac.Sum(nil), got) || match
	}
	if !match || !bodyOK {
		return fmt.Errorf("twilio: %w", connectors.ErrWebhookSignature)
	}
	return nil
}

// SortedParams is the parameter part of Twilio's signed string: each name
// followed by its value, names in byte order, a repeated name once per
// value with its values sorted.
func SortedParams(form url.Values) string {
	names := make([]string, 0, len(form))
	for name := range form {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		values := append([]string(nil), form[name]...)
		sort.Strings(values)
		for _, v := range values {
			b.WriteString(name)
			b.WriteString(v)
		}
	}
	return b.String()
}

// portVariants returns the URL as given, with the scheme's default port
// added when it has none, and without its port, editing only the
// authority so that the path and query keep their exact encoding.
func portVariants(raw string) []string {
	schemeEnd := strings.Index(raw, "://")
	if schemeEnd < 0 {
		return []string{raw}
	}
	prefix, rest := raw[:schemeEnd+3], raw[schemeEnd+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	userinfo := ""
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		userinfo, authority = authority[:at+1], authority[at+1:]
	}
	host, port := authority, ""
	if i := strings.LastIndex(authority, ":"); i >= 0 && !strings.Contains(authority[i:], "]") {
		host, port = authority[:i], authority[i+1:]
	}
	out := []string{raw}
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	if port == "" {
		switch strings.ToLower(prefix) {
		case "https://":
			add(prefix + userinfo + host + ":443" + tail)
		case "http://":
			add(prefix + userinfo + host + ":80" + tail)
		}
	}
	add(prefix + userinfo + host + tail)
	return out
}

// StatusCallback is a message status callback: Twilio POSTs one to the
// message's StatusCallback URL on each status change.
type StatusCallback struct {
	MessageSid string
	// Status is queued, sending, sent, failed, delivered, undelivered,
	// receiving, received, accepted, scheduled, read, partially_delivered
	// or canceled.
	Status string
	// ErrorCode is set for failed and undelivered messages (e.g. "30003").
	ErrorCode           string
	AccountSid          string
	MessagingServiceSid string
	From                string
	To                  string
	APIVersion          string
}

// EventType is the normalized event the Spec declares.
func (StatusCallback) EventType() string { return "message.status_changed" }

// ParseStatusCallback reads a form-encoded status callback body.
// MessageStatus is preferred; SmsStatus and SmsSid (the legacy names Twilio
// still sends) are read when the newer ones are absent.
func ParseStatusCallback(body []byte) (StatusCallback, error) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return StatusCallback{}, fmt.Errorf("twilio: status callback is not form-encoded: %w", err)
	}
	first := func(names ...string) string {
		for _, n := range names {
			if v := strings.TrimSpace(form.Get(n)); v != "" {
				return v
			}
		}
		return ""
	}
	cb := StatusCallback{
		MessageSid:          first("MessageSid", "SmsSid"),
		Status:              first("MessageStatus", "SmsStatus"),
		ErrorCode:           first("ErrorCode"),
		AccountSid:          first("AccountSid"),
		MessagingServiceSid: first("MessagingServiceSid"),
		From:                first("From"),
		To:                  first("To"),
		APIVersion:          first("ApiVersion"),
	}
	if cb.MessageSid == "" || cb.Status == "" {
		return StatusCallback{}, fmt.Errorf("twilio: status callback lacks MessageSid or MessageStatus")
	}
	return cb, nil
}
