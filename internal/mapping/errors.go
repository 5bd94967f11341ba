package mapping

import (
	"maps"
	"slices"
	"strings"
)

// Errors are problems by where they are. Compile keys them by the
// definition's path (fields.2.transforms.0.region, fields.1.source, or
// fields for a required target field left unmapped); Apply keys them by
// target field name. Each message names the problem and, where there is
// one, the fix.
type Errors map[string]string

// Error lists every problem, sorted by key: "key: message; key: message".
func (e Errors) Error() string {
	keys := slices.Sorted(maps.Keys(e))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e[k]
	}
	return strings.Join(parts, "; ")
}

// add records msg at key; a second problem at the same key is appended,
// so that none is lost.
func (e Errors) add(key, msg string) {
	if prev, ok := e[key]; ok {
		msg = prev + "; " + msg
	}
	e[key] = msg
}
