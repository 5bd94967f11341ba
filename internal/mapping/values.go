package mapping

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// normalize turns a record's value (as JSON or a connector gives it) into
// string, float64, bool, []string or nil.
func normalize(raw any) (any, error) {
	switch v := raw.(type) {
	case nil, string, bool:
		return v, nil
	case float64:
		return finite(v)
	case float32:
		return finite(float64(v))
	case int:
		return float64(v), nil
	case int32:
		return float64(v), nil
	case int64:
		return float64(v), nil
	case uint:
		return float64(v), nil
	case uint32:
		return float64(v), nil
	case uint64:
		return float64(v), nil
	case json.Number:
		return parseNumber(string(v))
	case []string:
		return v, nil
	case []any:
		out := make([]string, 0, len(v))
		for i, item := range v {
			n, err := normalize(item)
			if err != nil {
				return nil, fmt.Errorf("item %d: %w", i, err)
			}
			if n == nil {
				continue
			}
			s, err := asText(n)
			if err != nil {
				return nil, fmt.Errorf("item %d: %w", i, err)
			}
			out = append(out, s)
		}
		return out, nil
	}
	what := fmt.Sprintf("a %T", raw)
	if _, ok := raw.(map[string]any); ok {
		what = "an object"
	}
	return nil, fmt.Errorf("holds %s, not text, a number, true/false or a list", what)
}

func finite(f float64) (any, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("%v is not a finite number", f)
	}
	return f, nil
}

// isEmpty tells whether a normalized value is missing: nil, "" or an
// empty list. Empty values skip transforms (but first_non_empty) and
// leave the target field out.
func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	}
	return false
}

// asText writes a scalar as text: numbers in the shortest form that reads
// back the same (1234.5, 3), booleans as true or false.
func asText(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	case []string:
		return "", fmt.Errorf("is a list (%s), not a single value", quoteList(x))
	}
	return "", fmt.Errorf("holds a %T, not text", v)
}

// asNumber reads a number, or text written as one (see parseNumber).
func asNumber(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case string:
		return parseNumber(x)
	case bool:
		return 0, fmt.Errorf("%t is true/false, not a number", x)
	case []string:
		return 0, fmt.Errorf("is a list (%s), not a number", quoteList(x))
	}
	return 0, fmt.Errorf("holds a %T, not a number", v)
}

// asList makes a list: a single value is a list of one.
func asList(v any) ([]string, error) {
	if l, ok := v.([]string); ok {
		return l, nil
	}
	s, err := asText(v)
	if err != nil {
		return nil, err
	}
	return []string{s}, nil
}

// asBool reads true/false, or the text "true" or "false".
func asBool(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		switch x {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return false, fmt.Errorf("%q is not true or false", x)
	}
	s, _ := asText(v)
	return false, fmt.Errorf("%s is not true or false", s)
}

// quoteList writes a list's first items for a message.
func quoteList(l []string) string {
	const show = 3
	parts := make([]string, 0, show+1)
	for i, s := range l {
		if i == show {
			parts = append(parts, fmt.Sprintf("and %d more", len(l)-show))
			break
		}
		parts = append(parts, strconv.Quote(s))
	}
	return strings.Join(parts, ", ")
}
