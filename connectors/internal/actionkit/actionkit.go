// Package actionkit holds what the connectors' action runners share:
// reading a call's rendered inputs, and turning a failure into a
// connectors.ActionError that says whether trying again can help. What a
// provider's answers mean stays in the provider's own package.
package actionkit

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/switchboard-hub/switchboard/connectors"
)

// maxResponse bounds the provider's answer kept in an ActionError.
const maxResponse = 2000

// Invalid is a problem with the action's input: trying again with the same
// input cannot fix it.
func Invalid(format string, args ...any) *connectors.ActionError {
	return &connectors.ActionError{Message: fmt.Sprintf(format, args...), Permanent: true}
}

// Unknown is an action the connector does not have.
func Unknown(connector, action string) *connectors.ActionError {
	return Invalid("%s has no action %q", connector, action)
}

// Required returns the trimmed value of a required input, or an Invalid
// error naming it.
func Required(in map[string]string, name string) (string, error) {
	v := strings.TrimSpace(in[name])
	if v == "" {
		return "", Invalid("the %s input is required", name)
	}
	return v, nil
}

// List splits a list input (comma- or newline-separated, as a template
// renders it) into trimmed, non-empty items.
func List(s string) []string {
	var out []string
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// Number reads a number input within [lo, hi]; an empty input is def.
func Number(in map[string]string, name string, def, lo, hi float64) (float64, error) {
	v := strings.TrimSpace(in[name])
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || n < lo || n > hi {
		return 0, Invalid("the %s input must be a number from %g to %g, not %q", name, lo, hi, v)
	}
	return n, nil
}

// Permanent reports whether an HTTP status is a failure that retrying
// cannot fix: a 4xx other than 408 Request Timeout and 429 Too Many
// Requests.
func Permanent(status int) bool {
	return status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests
}

// Failure is a provider's error answer: message says what failed in a
// user's words, status and answer are what the provider sent (secrets
// already removed), retryAfter what it asked to wait (0: nothing said).
func Failure(message string, status int, answer string, retryAfter time.Duration) *connectors.ActionError {
	return &connectors.ActionError{Message: message, Response: Response(status, answer), Permanent: Permanent(status), RetryAfter: retryAfter}
}

// Unreachable is a call that got no answer (the provider could not be
// reached, the call timed out, the answer was unreadable): retryable.
func Unreachable(message string, err error) *connectors.ActionError {
	return &connectors.ActionError{Message: message, Response: err.Error()}
}

// Response is the provider's answer as a run log shows it: "HTTP <status>:
// <answer>", cut to a readable length.
func Response(status int, answer string) string {
	answer = strings.TrimSpace(answer)
	if len(answer) > maxResponse {
		cut := maxResponse
		for cut > 0 && !utf8.RuneStart(answer[cut]) {
			cut--
		}
		answer = answer[:cut] + "…"
	}
	if status == 0 {
		return answer
	}
	if answer == "" {
		return "HTTP " + strconv.Itoa(status)
	}
	return "HTTP " + strconv.Itoa(status) + ": " + answer
}
