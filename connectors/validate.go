package connectors

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// ValidateValues checks values against fields and returns a message per
// field at fault (keyed by field name), or nil when all is well. Unknown
// names are reported too, so that a typo is not silently dropped.
func ValidateValues(fields []Field, values map[string]string) map[string]string {
	problems := map[string]string{}
	known := map[string]bool{}
	for _, f := range fields {
		known[f.Name] = true
		v, present := values[f.Name]
		v = strings.TrimSpace(v)
		if !present || v == "" {
			if f.Required {
				problems[f.Name] = "is required"
			}
			continue
		}
		if msg := checkValue(f, v); msg != "" {
			problems[f.Name] = msg
		}
	}
	for name := range values {
		if !known[name] {
			problems[name] = "is not a field of this connector"
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return problems
}

func checkValue(f Field, v string) string {
	if f.MaxLength > 0 && len(v) > f.MaxLength {
		return fmt.Sprintf("must be at most %d characters", f.MaxLength)
	}
	switch f.Type {
	case URL:
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return "must be an http(s) URL like https://example.com/hook"
		}
	case Email:
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
			return "must be an email address"
		}
	case Number:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "must be a number"
		}
		if f.Min != nil && n < *f.Min {
			return fmt.Sprintf("must be at least %g", *f.Min)
		}
		if f.Max != nil && n > *f.Max {
			return fmt.Sprintf("must be at most %g", *f.Max)
		}
	case Boolean:
		if v != "true" && v != "false" {
			return "must be true or false"
		}
	case Select:
		for _, o := range f.Options {
			if v == o {
				return ""
			}
		}
		return "must be one of " + strings.Join(f.Options, ", ")
	case Host:
		if strings.ContainsAny(v, "/:@ ") && net.ParseIP(v) == nil {
			return "must be a host name like smtp.example.com"
		}
	}
	if f.Pattern != "" {
		if !regexp.MustCompile(`^(?:` + f.Pattern + `)$`).MatchString(v) {
			if f.PatternHelp != "" {
				return f.PatternHelp
			}
			return "has the wrong format"
		}
	}
	return ""
}
