// Package sandboxkit holds the plumbing that the provider emulators
// (connectors/*/sandbox) share: JSON answers, the control API's request
// decoding and error answers, injected failures, buffered responses,
// random identifiers and a manual clock for tests. What a provider answers
// (its error bodies, status codes, headers and signatures) stays in the
// provider's own sandbox package.
package sandboxkit

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// JSONContentType is the Content-Type WriteJSON sends.
const JSONContentType = "application/json; charset=utf-8"

// WriteJSON answers v as JSON with status and JSONContentType; a value that
// cannot be encoded answers 500 instead.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	WriteJSONAs(w, JSONContentType, status, v)
}

// WriteJSONAs is WriteJSON with the given Content-Type, for providers that
// spell it differently.
func WriteJSONAs(w http.ResponseWriter, contentType string, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("encoding response: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// Control answers an emulator's control API, whose routes take and return
// JSON and answer errors as {"error": "..."} with 404 or 400.
type Control struct {
	// NotFound are the errors answered 404 (matched with errors.Is); every
	// other error is answered 400.
	NotFound []error
	// MaxBody is the most bytes Decode reads of a request body.
	MaxBody int64
	// ContentType is the Content-Type of error answers (JSONContentType
	// when empty).
	ContentType string
}

// Error answers err as {"error": err.Error()} with 404 when it is one of
// c.NotFound, else 400.
func (c Control) Error(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	for _, nf := range c.NotFound {
		if errors.Is(err, nf) {
			status = http.StatusNotFound
			break
		}
	}
	WriteJSONAs(w, c.contentType(), status, map[string]string{"error": err.Error()})
}

func (c Control) contentType() string {
	if c.ContentType == "" {
		return JSONContentType
	}
	return c.ContentType
}

// Reply answers v as JSON with status when err is nil, else the error as
// Error does.
func (c Control) Reply(w http.ResponseWriter, status int, v any, err error) {
	if err != nil {
		c.Error(w, err)
		return
	}
	WriteJSONAs(w, c.contentType(), status, v)
}

// NoContent answers 204 when err is nil, else the error as Error does.
func (c Control) NoContent(w http.ResponseWriter, err error) {
	if err != nil {
		c.Error(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Decode reads at most c.MaxBody bytes of r's body and decodes them as JSON
// into v. An empty (or blank) body leaves v as it is.
func (c Control) Decode(r *http.Request, v any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, c.MaxBody))
	if err != nil {
		return fmt.Errorf("sandbox: reading body: %w", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("sandbox: decoding body: %w", err)
	}
	return nil
}

// Read decodes r's body into v as Decode does; when that fails it answers
// the error and returns false.
func (c Control) Read(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := c.Decode(r, v); err != nil {
		c.Error(w, err)
		return false
	}
	return true
}

// Faults are the failures injected into an account's next API calls
// through the control API: a number of calls answered with a chosen 4xx or
// 5xx status, and a number answered 429. The zero value injects nothing;
// it is safe for concurrent use.
type Faults struct {
	mu         sync.Mutex
	failN      int
	failStatus int
	throttleN  int
}

// CheckFailNext validates a control API request to fail the next n calls
// with status: n must not be negative and status must be a 4xx or 5xx.
func CheckFailNext(n, status int) error {
	if n < 0 || status < 400 || status > 599 {
		return fmt.Errorf("sandbox: fail next: need count ≥ 0 and a 4xx or 5xx status, got %d and %d", n, status)
	}
	return nil
}

// CheckThrottle validates a control API request to throttle the next n
// calls: n must not be negative.
func CheckThrottle(n int) error {
	if n < 0 {
		return fmt.Errorf("sandbox: throttle: count %d is negative", n)
	}
	return nil
}

// SetFail makes the next n calls fail with status (checked beforehand with
// CheckFailNext).
func (f *Faults) SetFail(n, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failN, f.failStatus = n, status
}

// SetThrottle makes the next n calls answer 429 (n checked beforehand with
// CheckThrottle).
func (f *Faults) SetThrottle(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.throttleN = n
}

// TakeThrottle uses up one throttled call: it tells whether this call is
// to answer 429.
func (f *Faults) TakeThrottle() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.throttleN > 0 {
		f.throttleN--
		return true
	}
	return false
}

// TakeFailure uses up one failed call: it returns the status this call is
// to answer, or 0 when it is not to fail.
func (f *Faults) TakeFailure() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failN > 0 {
		f.failN--
		return f.failStatus
	}
	return 0
}

// Buffer holds a response written while the emulator holds its lock, so
// that it goes to the client after the lock is released: a slow client
// never stalls the emulator. It is an http.ResponseWriter; create it with
// NewBuffer and send it with Flush.
type Buffer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// NewBuffer returns an empty Buffer.
func NewBuffer() *Buffer { return &Buffer{header: http.Header{}} }

// Header returns the response's header.
func (b *Buffer) Header() http.Header { return b.header }

// Write adds p to the body (and sets the status to 200 if none was set).
func (b *Buffer) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// WriteHeader sets the status, unless one was already set.
func (b *Buffer) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

// Flush sends the buffered header, status (200 when none was set) and
// body to w.
func (b *Buffer) Flush(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}

// DrainAndClose reads (up to 1 MiB of) what is left of a webhook
// endpoint's answer and closes it, so that the connection can be reused.
func DrainAndClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
}

// RandomHex returns prefix followed by 16 random bytes in hex (32
// characters).
func RandomHex(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// NewUUID returns a random (version 4) UUID in its usual text form.
func NewUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// Clock is a time source that moves only when told to, for tests that
// pass its Now as an emulator's clock. It is safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a Clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
