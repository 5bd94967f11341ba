package shopify_test

import (
	"strings"
	"testing"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
)

// FuzzShopValidation: whatever the input, a shop the Spec accepts is a
// single lower-case label under .myshopify.com — nothing an attacker can
// use to point the OAuth dance at another host.
func FuzzShopValidation(f *testing.F) {
	for _, seed := range []string{"acme.myshopify.com", "evil.com", "x.myshopify.com.evil.com", "evilmyshopify.com",
		"ACME.myshopify.com", "acme.myshopify.com.", "acme.myshopify.com/", "u@acme.myshopify.com", "acme%2Emyshopify.com",
		"a.b.myshopify.com", "-a.myshopify.com", "acme.myshopify.com:443", " acme.myshopify.com", "acme.myshopify.com\n"} {
		f.Add(seed)
	}
	fields := shopify.Connector{}.Spec().Fields
	f.Fuzz(func(t *testing.T, shop string) {
		if connectors.ValidateValues(fields, map[string]string{"shop": shop}) != nil {
			return
		}
		v := strings.TrimSpace(shop)
		label, ok := strings.CutSuffix(v, ".myshopify.com")
		if !ok || label == "" || strings.ContainsAny(label, ".:/@%?#\\ ") || label != strings.ToLower(label) || label[0] == '-' {
			t.Fatalf("accepted %q", shop)
		}
	})
}
