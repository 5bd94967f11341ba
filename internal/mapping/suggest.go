package mapping

import (
	"fmt"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
)

// closest is the candidate nearest to name (ignoring case) when it is near
// enough to be a likely typo, or one starts with the other, else "".
func closest(name string, candidates []string) string {
	lower := strings.ToLower(name)
	best, bestDist := "", max(2, len(name)/3)+1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(lower, lc)
		if min(len(lower), len(lc)) >= 3 && (strings.HasPrefix(lower, lc) || strings.HasPrefix(lc, lower)) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fieldNames lists an entity's field names in spec order.
func fieldNames(e connectors.Entity) []string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Name
	}
	return names
}

// unknownField says that name is not a field of e, suggesting the closest
// name when there is one, and lists e's fields.
func unknownField(name string, e connectors.Entity) string {
	msg := fmt.Sprintf("%q is not a field of %s", name, e.Name)
	if c := closest(name, fieldNames(e)); c != "" {
		msg += "; did you mean " + c + "?"
	}
	return msg + " (its fields are " + strings.Join(fieldNames(e), ", ") + ")"
}

// describe names a field as a person reads it: Label (name).
func describe(f connectors.Field) string {
	if f.Label == "" || f.Label == f.Name {
		return f.Name
	}
	return f.Label + " (" + f.Name + ")"
}
