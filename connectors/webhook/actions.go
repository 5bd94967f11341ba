package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
	"github.com/switchboard-hub/switchboard/connectors/internal/apiclient"
)

// The headers of a delivery, as Standard Webhooks names them, and the
// idempotency key for receivers that look for one.
const (
	HeaderID          = "Webhook-Id"
	HeaderTimestamp   = "Webhook-Timestamp"
	HeaderSignature   = "Webhook-Signature"
	HeaderIdempotency = "Idempotency-Key"
)

// secretPrefix marks a Standard Webhooks secret: base64 of the key bytes.
const secretPrefix = "whsec_"

const (
	deliveryTimeout = 15 * time.Second
	maxAnswer       = 64 << 10
)

// Delivery is the JSON body of a notify delivery.
type Delivery struct {
	Event string `json:"event"`
	// Data is the payload input as JSON (null when empty).
	Data json.RawMessage `json:"data"`
	// ID is the step's idempotency key, the same on every retry (and the
	// Webhook-Id header).
	ID string `json:"id"`
}

// Sign is the Webhook-Signature of a delivery: "v1," and the base64
// HMAC-SHA256 of id + "." + timestamp (Unix seconds) + "." + body, keyed
// with the signing secret's bytes, or, for a Standard Webhooks secret
// ("whsec_" + base64), the bytes it encodes, so that the Standard Webhooks
// libraries verify it.
func Sign(secret secrets.Secret, id string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, signingKey(secret.Reveal()))
	mac.Write([]byte(id + "." + strconv.FormatInt(timestamp, 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func signingKey(secret string) []byte {
	if rest, ok := strings.CutPrefix(secret, secretPrefix); ok {
		if key, err := base64.StdEncoding.DecodeString(rest); err == nil && len(key) > 0 {
			return key
		}
	}
	return []byte(secret)
}

var _ connectors.ActionRunner = Connector{}

// RunAction implements connectors.ActionRunner for notify: a signed JSON
// POST of {"event", "data", "id"} to the connection's URL, with the step's
// idempotency key as the delivery id. A 2xx answer is success (Output:
// status); 408, 429 (after Retry-After) and 5xx answers and no answer are
// retried with the same id; other answers, redirects included, are
// permanent.
func (Connector) RunAction(ctx context.Context, call connectors.ActionCall) (connectors.ActionResult, error) {
	if call.Action != "notify" {
		return connectors.ActionResult{}, actionkit.Unknown("Outbound webhook", call.Action)
	}
	d, err := delivery(call)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	body, err := json.Marshal(d)
	if err != nil {
		return connectors.ActionResult{}, fmt.Errorf("webhook: encode delivery: %w", err)
	}
	endpoint := call.Conn.Config["url"]
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return connectors.ActionResult{}, actionkit.Invalid("the endpoint URL is not valid: %v", err)
	}
	ts := time.Now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Switchboard-Webhooks/1")
	req.Header.Set(HeaderID, d.ID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(call.Conn.Secrets["signingSecret"], d.ID, ts, body))
	req.Header.Set(HeaderIdempotency, d.ID)

	resp, answer, err := apiclient.Exchange(httpClient(call.Conn.Env), req, maxAnswer)
	host := hostOf(endpoint)
	switch {
	case err != nil && ctx.Err() != nil:
		return connectors.ActionResult{}, fmt.Errorf("webhook: deliver to %s: %w", host, ctx.Err())
	case err != nil && resp == nil:
		return connectors.ActionResult{}, actionkit.Unreachable("the endpoint at "+host+" could not be reached: trying again later", err)
	}
	status := resp.StatusCode
	if status >= 200 && status < 300 {
		return connectors.ActionResult{Output: map[string]string{"status": strconv.Itoa(status)},
			Summary: fmt.Sprintf("%s answered HTTP %d", host, status)}, nil
	}
	retryAfter, _ := apiclient.RetryAfterSeconds(resp.Header.Get("Retry-After"), 24*time.Hour)
	ae := actionkit.Failure(fmt.Sprintf("the endpoint at %s answered HTTP %d", host, status), status, string(answer), retryAfter)
	if status < 400 {
		ae.Message += ": webhooks are not redirected; set the URL it points to"
		ae.Permanent = true
	}
	return connectors.ActionResult{}, ae
}

// delivery reads the inputs: event (required) and payload (JSON, or empty
// for null), with the idempotency key as the id.
func delivery(call connectors.ActionCall) (Delivery, error) {
	event, err := actionkit.Required(call.Input, "event")
	if err != nil {
		return Delivery{}, err
	}
	if call.IdempotencyKey == "" {
		return Delivery{}, actionkit.Invalid("notify needs the step's idempotency key as the delivery id")
	}
	d := Delivery{Event: event, Data: json.RawMessage("null"), ID: call.IdempotencyKey}
	if p := strings.TrimSpace(call.Input["payload"]); p != "" {
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(p)); err != nil {
			return Delivery{}, actionkit.Invalid("the payload input is not valid JSON: %v", err)
		}
		d.Data = compact.Bytes()
	}
	return d, nil
}

// httpClient is the environment's client (a 15-second one when nil),
// made not to follow redirects: a delivery goes to the configured URL.
func httpClient(env connectors.Env) *http.Client {
	c := &http.Client{Timeout: deliveryTimeout}
	if env.HTTP != nil {
		copied := *env.HTTP
		c = &copied
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

func hostOf(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		return u.Host
	}
	return "the endpoint"
}
