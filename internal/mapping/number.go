package mapping

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// parseNumber reads a plain decimal number: an optional sign, digits, an
// optional decimal point and an optional exponent (-12, 1234.50, 1e3).
// Thousands separators, decimal commas, currency signs, NaN and hex are
// refused rather than guessed at: "1,234" is a thousand in one locale and
// one in another.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if strings.Contains(t, ",") {
		return 0, fmt.Errorf("%q has a comma: write numbers without thousands separators and with a decimal point (1234.50)", s)
	}
	if !plainNumber(t) {
		return 0, fmt.Errorf("%q is not a number (write it like 1234.50)", s)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number within range: %w", s, err)
	}
	return f, nil
}

// plainNumber tells whether s is [+-]digits[.digits][e[+-]digits], with
// digits on at least one side of the point.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// roundHalfAway rounds v to digits decimal places, halves away from zero,
// on v's shortest decimal form: 2.675 is stored as 2.67499999…, but it is
// written 2.675 and rounds to 2.68, as a person expects.
func roundHalfAway(v float64, digits int) float64 {
	exact, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'f', -1, 64))
	if !ok {
		return v
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)
	exact.Mul(exact, new(big.Rat).SetInt(scale))
	// |x| rounded half up is floor((2|num| + den) / 2den).
	num := new(big.Int).Abs(exact.Num())
	den := exact.Denom()
	num.Add(num.Lsh(num, 1), den)
	q := num.Quo(num, new(big.Int).Lsh(den, 1))
	if v < 0 {
		q.Neg(q)
	}
	out, _ := new(big.Rat).SetFrac(q, scale).Float64()
	return out
}
