package shopify

import (
	"fmt"
	"math/big"

	"github.com/switchboard-hub/switchboard/connectors"
)

// MinorUnits is the amount in integer minor units of currency (cents of
// USD, yen of JPY, fils of KWD), rounded half away from zero. An empty
// amount is 0.
func (d Decimal) MinorUnits(currency string) (int64, error) {
	if d == "" {
		return 0, nil
	}
	r, ok := new(big.Rat).SetString(string(d))
	if !ok || !isDecimal(string(d)) {
		return 0, fmt.Errorf("shopify: %.40q is not a decimal amount", d)
	}
	digits := connectors.MinorDigits(currency)
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)))
	half := big.NewRat(1, 2)
	if r.Sign() < 0 {
		half.Neg(half)
	}
	r.Add(r, half)
	n := new(big.Int).Quo(r.Num(), r.Denom()) // truncates toward zero
	if !n.IsInt64() {
		return 0, fmt.Errorf("shopify: amount %.40q is out of range", d)
	}
	return n.Int64(), nil
}
