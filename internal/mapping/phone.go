package mapping

import (
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// checkRegion tells whether region (upper case) is a two-letter region
// the phone library has numbering plans for ("US", "GB"; not "UK").
func checkRegion(region string) error {
	if len(region) != 2 {
		return fmt.Errorf("%q is not a two-letter region code such as US or GB", region)
	}
	if !phonenumbers.GetSupportedRegions()[region] {
		return fmt.Errorf("%q is not a region with known phone numbers (ISO 3166-1 codes such as US or GB; the United Kingdom is GB)", region)
	}
	return nil
}

// toE164 writes a phone number as E.164 (+14155550123). A number starting
// with + carries its country code and ignores region; one without needs
// region. The number must be valid (assigned ranges of its country), not
// just of a plausible length.
func toE164(s, region string) (string, error) {
	s = strings.TrimSpace(s)
	international := strings.HasPrefix(s, "+")
	if !international && region == "" {
		return "", fmt.Errorf("%q has no country code: write it with + or set the e164 transform's region", s)
	}
	if international {
		region = ""
	}
	n, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		if international {
			return "", fmt.Errorf("%q is not a valid phone number", s)
		}
		return "", fmt.Errorf("%q is not a valid phone number for region %s", s, region)
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}
