// Package apiclient holds the plumbing that the connectors' API clients
// share: sending a request and reading its answer within a size limit,
// reading Retry-After, and keeping secrets and URLs out of error texts.
// What a provider's answers mean (its error bodies, status codes and error
// types) stays in the provider's own package.
package apiclient

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Exchange sends req with client and reads at most limit bytes of the
// answer's body, which it closes. When no answer came it returns a nil
// response and the client's error; when the answer's body could not be
// read it returns the response (its body closed) and the read error.
// Errors are returned as they are: callers redact them.
func Exchange(client *http.Client, req *http.Request, limit int64) (*http.Response, []byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return resp, nil, err
	}
	return resp, raw, nil
}

// RetryAfterSeconds reads a Retry-After header value in (possibly
// fractional) seconds. It reports false for a value that is not a number
// in (0, limit] (NaN included).
func RetryAfterSeconds(v string, limit time.Duration) (time.Duration, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err == nil && f > 0 && f <= limit.Seconds() { // NaN fails both tests
		return time.Duration(f * float64(time.Second)), true
	}
	return 0, false
}

// Redacted is what a secret is replaced with in error texts.
const Redacted = "[redacted]"

// RedactString returns s with every occurrence of secret replaced by
// Redacted (s itself when secret is empty).
func RedactString(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, Redacted)
}

// Redact returns err with every occurrence of secret in its text replaced
// by Redacted, or err itself when its text does not contain secret (or
// secret is empty). The result unwraps to err, for errors.Is and
// errors.As.
func Redact(err error, secret string) error {
	if secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), secret, Redacted), err: err}
}

// redactedError is an error whose text had a secret removed; it keeps the
// original for errors.Is and errors.As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Unwrap() error { return e.err }

// WithoutURL drops the URL from a transport error (*url.Error), keeping
// its operation and cause, for URLs that carry a secret; other errors are
// returned as they are.
func WithoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s request: %w", ue.Op, ue.Err)
	}
	return err
}

// ServerErrorText is the text of a provider's server-side failure:
// "<provider>: server error: HTTP <status>: <err>", without the HTTP part
// when status is 0 (no answer came).
func ServerErrorText(provider string, status int, err error) string {
	if status != 0 {
		return fmt.Sprintf("%s: server error: HTTP %d: %v", provider, status, err)
	}
	return fmt.Sprintf("%s: server error: %v", provider, err)
}
