package easypost

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// HeaderSignature carries "hmac-sha256-hex=" + hex(HMAC-SHA256(NFKD(webhook
// secret), raw body)).
const HeaderSignature = "X-Hmac-Signature"

// signaturePrefix starts every X-Hmac-Signature value.
const signaturePrefix = "hmac-sha256-hex="

// VerifyWebhook implements connectors.WebhookVerifier: X-Hmac-Signature
// must be "hmac-sha256-hex=" followed by the hex HMAC-SHA256 of the raw
// body, keyed with the webhook secret after Unicode NFKD normalization, as
// EasyPost's client libraries key it (a secret typed with a precomposed
// "é" and one with "e" + combining accent are the same secret).
func (Connector) VerifyWebhook(r connectors.WebhookRequest, secret secrets.Secret) error {
	if secret.Empty() {
		return connectors.ErrWebhookNoSecret
	}
	header := strings.TrimSpace(r.Header.Get(HeaderSignature))
	if header == "" {
		return fmt.Errorf("easypost: %s: %w", HeaderSignature, connectors.ErrWebhookUnsigned)
	}
	digest, ok := strings.CutPrefix(header, signaturePrefix)
	if !ok {
		return fmt.Errorf("easypost: %s does not start with %q: %w", HeaderSignature, signaturePrefix, connectors.ErrWebhookMalformed)
	}
	got, err := hex.DecodeString(digest)
	if err != nil || len(got) != sha256.Size {
		return fmt.Errorf("easypost: %s is not a hex SHA-256 MAC: %w", HeaderSignature, connectors.ErrWebhookMalformed)
	}
	mac := hmac.New(sha256.New, []byte(norm.NFKD.String(secret.Reveal())))
	mac.Write(r.Body)
	if !hmac.Equal(mac.Sum(nil), got) {
		return fmt.Errorf("easypost: %w", connectors.ErrWebhookSignature)
	}
	return nil
}

// Event is an EasyPost webhook body.
type Event struct {
	ID string `json:"id"`
	// Object is "Event".
	Object string `json:"object"`
	// Description is the event kind, e.g. "tracker.updated".
	Description string `json:"description"`
	// Mode is "test" or "production".
	Mode      string    `json:"mode"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// PreviousAttributes holds the changed attributes' former values.
	PreviousAttributes struct {
		Status string `json:"status"`
	} `json:"previous_attributes"`
	// Result is the object the event is about, read with Tracker.
	Result json.RawMessage `json:"result"`
}

// Tracker is a parcel being tracked.
type Tracker struct {
	ID           string `json:"id"`
	Mode         string `json:"mode"`
	TrackingCode string `json:"tracking_code"`
	// Status is unknown, pre_transit, in_transit, out_for_delivery,
	// delivered, available_for_pickup, return_to_sender, failure,
	// cancelled or error.
	Status       string `json:"status"`
	StatusDetail string `json:"status_detail"`
	Carrier      string `json:"carrier"`
	PublicURL    string `json:"public_url"`
	// EstDeliveryDate is nil when the carrier gives none.
	EstDeliveryDate *time.Time       `json:"est_delivery_date"`
	ShipmentID      string           `json:"shipment_id"`
	SignedBy        string           `json:"signed_by"`
	CreatedAt       time.Time        `json:"created_at"`
	UpdatedAt       time.Time        `json:"updated_at"`
	TrackingDetails []TrackingDetail `json:"tracking_details"`
}

// TrackingDetail is one scan in a tracker's history.
type TrackingDetail struct {
	Message  string    `json:"message"`
	Status   string    `json:"status"`
	Datetime time.Time `json:"datetime"`
	Location struct {
		City    string `json:"city"`
		State   string `json:"state"`
		Country string `json:"country"`
		Zip     string `json:"zip"`
	} `json:"tracking_location"`
}

// ParseEvent reads a webhook body.
func ParseEvent(body []byte) (Event, error) {
	var e Event
	if err := json.Unmarshal(body, &e); err != nil {
		return Event{}, fmt.Errorf("easypost: webhook body: %w", err)
	}
	if e.Object != "Event" || e.ID == "" || e.Description == "" {
		return Event{}, fmt.Errorf("easypost: webhook body is not an Event")
	}
	return e, nil
}

// ParseTracker reads a Tracker object (an API response or an event result).
func ParseTracker(b []byte) (Tracker, error) {
	var probe struct {
		Object string `json:"object"`
	}
	var t Tracker
	if err := json.Unmarshal(b, &probe); err != nil {
		return Tracker{}, fmt.Errorf("easypost: tracker: %w", err)
	}
	if probe.Object != "Tracker" {
		return Tracker{}, fmt.Errorf("easypost: object is %.30q, not a Tracker", probe.Object)
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return Tracker{}, fmt.Errorf("easypost: tracker: %w", err)
	}
	if t.ID == "" || t.TrackingCode == "" {
		return Tracker{}, fmt.Errorf("easypost: tracker lacks id or tracking_code")
	}
	return t, nil
}

// Tracker returns the tracker a tracker.* event is about.
func (e Event) Tracker() (Tracker, error) {
	if !strings.HasPrefix(e.Description, "tracker.") {
		return Tracker{}, fmt.Errorf("easypost: %.40q is not a tracker event", e.Description)
	}
	return ParseTracker(e.Result)
}

// EventType is the normalized event (as in the Spec) a tracker update
// emits: shipment.delivered once delivered, else shipment.status_changed.
func (t Tracker) EventType() string {
	if t.Status == "delivered" {
		return "shipment.delivered"
	}
	return "shipment.status_changed"
}
