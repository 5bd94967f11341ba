package mapping

import (
	"fmt"
	"math"
	"strings"
	"time"
	_ "time/tzdata" // time zones on machines without a zoneinfo database
)

// The named layouts of the date transform.
const (
	layoutRFC3339 = "RFC3339"
	layoutDate    = "date"
	layoutUnix    = "unix"
	layoutUnixMS  = "unix_ms"
)

// inputLayouts are the text forms a date transform reads, tried in order.
// The ones without a zone are wall times in the transform's time zone, so
// that a date-only "2024-03-10" stays the 10th.
var inputLayouts = [...]string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"}

// dateFormat is a compiled date transform.
type dateFormat struct {
	layout string // a Go layout, or layoutUnix / layoutUnixMS
	loc    *time.Location
}

// checkLayout resolves a date transform's Layout to a Go layout (or unix /
// unix_ms), refusing text that has no Go layout element in it.
func checkLayout(layout string) (string, error) {
	switch layout {
	case "":
		return "", fmt.Errorf(`is required: "RFC3339", "date", "unix", "unix_ms" or a Go layout such as 2006-01-02 15:04`)
	case layoutRFC3339:
		return time.RFC3339, nil
	case layoutDate:
		return time.DateOnly, nil
	case layoutUnix, layoutUnixMS:
		return layout, nil
	}
	// Every layout element writes this time differently from how the
	// element is spelled, so text without one comes out unchanged.
	sample := time.Date(1999, time.November, 28, 9, 7, 8, 123456789, time.UTC)
	if sample.Format(layout) == layout {
		return "", fmt.Errorf("%q is not a Go layout: write the reference time Mon Jan 2 15:04:05 MST 2006 as you want it, e.g. 2006-01-02 15:04", layout)
	}
	return layout, nil
}

// loadZone loads an IANA time zone; empty is UTC. "Local" is refused: it
// would depend on the server.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	if strings.EqualFold(name, "Local") {
		return nil, fmt.Errorf("%q is not allowed: name an IANA time zone such as America/New_York", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not an IANA time zone such as Europe/Paris or America/New_York", name)
	}
	return loc, nil
}

// format reads v (RFC 3339 text, a date or date-time without zone, or unix
// seconds) and writes it in the layout and zone: text, or a number for
// unix and unix_ms.
func (d dateFormat) format(v any) (any, error) {
	t, err := d.parse(v)
	if err != nil {
		return nil, err
	}
	switch d.layout {
	case layoutUnix:
		return float64(t.Unix()), nil
	case layoutUnixMS:
		return float64(t.UnixMilli()), nil
	}
	return t.In(d.loc).Format(d.layout), nil
}

func (d dateFormat) parse(v any) (time.Time, error) {
	switch x := v.(type) {
	case float64:
		sec, frac := math.Modf(x)
		if math.Abs(sec) > 1<<40 {
			return time.Time{}, fmt.Errorf("%v is out of range for unix seconds", x)
		}
		return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), nil
	case string:
		s := strings.TrimSpace(x)
		for _, layout := range inputLayouts {
			if t, err := time.ParseInLocation(layout, s, d.loc); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("%q is not a date: write it as RFC 3339 (2024-03-10T15:04:05Z), 2024-03-10 15:04:05, 2024-03-10 or unix seconds", x)
	}
	s, _ := asText(v)
	return time.Time{}, fmt.Errorf("%s is not a date", s)
}
