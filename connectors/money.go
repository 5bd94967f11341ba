package connectors

import "strings"

// minorDigits are the ISO 4217 currencies whose minor unit is not a
// hundredth: none (JPY, KRW, …) or a thousandth (KWD, BHD, …).
var minorDigits = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
	"RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

// MinorDigits is how many decimal digits a currency's minor unit has: 2
// for most (cents), 0 for JPY, 3 for KWD. Amounts in facts are integers of
// that unit.
func MinorDigits(currency string) int {
	if d, ok := minorDigits[strings.ToUpper(currency)]; ok {
		return d
	}
	return 2
}
