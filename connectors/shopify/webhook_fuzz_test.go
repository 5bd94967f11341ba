package shopify_test

import (
	"bytes"
	"crypto/hmac"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// FuzzVerifyWebhook: whatever arrives, the verifier does not panic, and it
// accepts a request only when the header decodes to exactly the HMAC of the
// body under the secret. In particular, a body other than the one the
// published vector signed is never accepted with that vector's signature.
func FuzzVerifyWebhook(f *testing.F) {
	for _, v := range webhookVectors(f) {
		f.Add(v.secret, []byte(v.body), v.expected)
		f.Add(v.secret, []byte(v.body+" "), v.expected)
		f.Add(v.secret, []byte(nil), v.expected)
		f.Add(v.secret, []byte(v.body), v.expected[:len(v.expected)-1])
		f.Add("", []byte(v.body), v.expected)
	}
	f.Add("hush", []byte(`"my invalid message"`), "hMTq0K2x7oyOjoBwGYeTj5oxfnaVYXzbanUG9aajpKI=")
	f.Add("k", []byte("x"), "====")
	f.Add("k", []byte("x"), "\x00\xff")
	vectors := webhookVectors(f)
	f.Fuzz(func(t *testing.T, secret string, body []byte, sig string) {
		r := connectors.WebhookRequest{Method: http.MethodPost, Header: http.Header{shopify.HeaderHMAC: {sig}}, Body: body}
		err := shopify.Connector{}.VerifyWebhook(r, secrets.New(secret))
		if err != nil {
			return
		}
		want := hmacSHA256(secret, string(body))
		got, decErr := base64.StdEncoding.DecodeString(sig)
		if secret == "" || decErr != nil || !hmac.Equal(got, want) {
			t.Fatalf("accepted a body whose HMAC does not match the header")
		}
		for _, v := range vectors {
			if sig == v.expected && secret == v.secret && !bytes.Equal(body, []byte(v.body)) {
				t.Fatalf("accepted vector %s's signature on another body", v.name)
			}
		}
	})
}
