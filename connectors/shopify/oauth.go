package shopify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

var shopRE = regexp.MustCompile(`^` + ShopPattern + `$`)

// ValidShop reports whether s is a shop domain Shopify issues, exactly
// `^[a-z0-9][a-z0-9-]*\.myshopify\.com$`: no scheme, port, path, user info,
// upper case, percent-encoding, trailing dot or surrounding space. It is
// checked before any URL is built from a shop, so that neither the OAuth
// dance nor an API call can be pointed at another host.
func ValidShop(s string) bool { return shopRE.MatchString(s) }

// VerifyOAuthQuery checks the hmac parameter Shopify adds to install
// requests and OAuth callbacks: every other parameter except the legacy
// signature, sorted by name, form-encoded and joined with "&", then
// HMAC-SHA256 with the app's client secret, compared in constant time with
// the hex-encoded hmac. It returns false when hmac is missing or repeated.
// It does not check timestamp freshness or state: callers do.
func VerifyOAuthQuery(q url.Values, secret secrets.Secret) bool {
	if len(q["hmac"]) != 1 || secret.Empty() {
		return false
	}
	got, err := hex.DecodeString(q.Get("hmac"))
	if err != nil || len(got) != sha256.Size {
		return false
	}
	want, _ := hex.DecodeString(SignQuery(q, secret))
	return hmac.Equal(got, want)
}

// SignQuery returns the hmac Shopify adds to an install request or OAuth
// callback query (what VerifyOAuthQuery checks), for emulators and tests.
func SignQuery(q url.Values, secret secrets.Secret) string {
	mac := hmac.New(sha256.New, []byte(secret.Reveal()))
	mac.Write([]byte(oauthQueryMessage(q)))
	return hex.EncodeToString(mac.Sum(nil))
}

// oauthQueryMessage is the signed text: parameters other than hmac and
// signature, sorted by name, each name and value percent-encoded as the
// WHATWG urlencoded serializer does (space as %20, as Shopify's libraries
// sign), repeated values joined with commas.
func oauthQueryMessage(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "hmac" && k != "signature" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		oauthEscape(&b, k)
		b.WriteByte('=')
		oauthEscape(&b, strings.Join(q[k], ","))
	}
	return b.String()
}

func oauthEscape(b *strings.Builder, s string) {
	const digits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '*' || c == '-' || c == '.' || c == '_' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(digits[c>>4])
		b.WriteByte(digits[c&0x0f])
	}
}
