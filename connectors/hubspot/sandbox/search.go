package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The CRM search API as the sandbox answers it (POST
// /crm/v3/objects/contacts/search): filterGroups OR'ed, their filters
// AND'ed, on hs_object_id, lastmodifieddate, createdate and any string
// property, with the operators EQ, NEQ, GT, GTE, LT, LTE and HAS_PROPERTY;
// dates as epoch milliseconds or ISO 8601; sorts by one of those; limit
// 1..200 (default 10); after an offset, and no more than 10,000 results
// reachable by paging, as HubSpot documents.

// maxSearchLimit and maxSearchResults are HubSpot's search limits.
const (
	maxSearchLimit   = 200
	maxSearchResults = 10_000
)

type searchFilter struct {
	PropertyName string `json:"propertyName"`
	Operator     string `json:"operator"`
	Value        any    `json:"value"`
}

type searchRequest struct {
	FilterGroups []struct {
		Filters []searchFilter `json:"filters"`
	} `json:"filterGroups"`
	Sorts []struct {
		PropertyName string `json:"propertyName"`
		Direction    string `json:"direction"`
	} `json:"sorts"`
	Properties []string `json:"properties"`
	Limit      int      `json:"limit"`
	After      string   `json:"after"`
}

func (s *Sandbox) searchContacts(w http.ResponseWriter, _ *http.Request, body []byte, p *portal, _ time.Time) {
	var req searchRequest
	if err := json.Unmarshal(body, &req); err != nil {
		badJSON(w, err)
		return
	}
	if req.Limit == 0 {
		req.Limit = 10
	}
	if req.Limit < 1 || req.Limit > maxSearchLimit {
		apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("limit must be between 1 and %d", maxSearchLimit), nil)
		return
	}
	offset := 0
	if req.After != "" {
		n, err := strconv.Atoi(req.After)
		if err != nil || n < 0 {
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "after must be a paging cursor from a previous page", nil)
			return
		}
		offset = n
	}
	if offset+req.Limit > maxSearchResults {
		apiError(w, http.StatusBadRequest, "VALIDATION_ERROR",
			fmt.Sprintf("The search API can page through at most %d results; narrow the filters instead", maxSearchResults), nil)
		return
	}
	for _, g := range req.FilterGroups {
		for _, f := range g.Filters {
			if err := checkFilter(f); err != nil {
				apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", err.Error(), nil)
				return
			}
		}
	}
	var hits []*object
	for _, o := range p.contacts {
		if matchesGroups(o, req) {
			hits = append(hits, o)
		}
	}
	if len(req.Sorts) > 0 {
		key, desc := req.Sorts[0].PropertyName, strings.EqualFold(req.Sorts[0].Direction, "DESCENDING")
		slices.SortStableFunc(hits, func(a, b *object) int {
			c := strings.Compare(sortKey(a, key), sortKey(b, key))
			if desc {
				return -c
			}
			return c
		})
	}
	props := req.Properties
	if len(props) == 0 {
		props = defaultContactProps
	}
	end := min(offset+req.Limit, len(hits))
	results := make([]map[string]any, 0, max(end-offset, 0))
	for i := offset; i < end; i++ {
		results = append(results, objectJSON(hits[i], props, "lastmodifieddate"))
	}
	out := map[string]any{"total": len(hits), "results": results}
	if end < len(hits) {
		out["paging"] = map[string]any{"next": map[string]string{"after": strconv.Itoa(end)}}
	}
	writeJSON(w, http.StatusOK, out)
}

func checkFilter(f searchFilter) error {
	switch f.Operator {
	case "EQ", "NEQ", "GT", "GTE", "LT", "LTE", "HAS_PROPERTY":
	default:
		return fmt.Errorf("Invalid operator %q for property %q", f.Operator, f.PropertyName)
	}
	if f.PropertyName == "" {
		return fmt.Errorf("a filter needs a propertyName")
	}
	if f.Operator != "HAS_PROPERTY" && f.Value == nil {
		return fmt.Errorf("the filter on %q needs a value", f.PropertyName)
	}
	return nil
}

func matchesGroups(o *object, req searchRequest) bool {
	if len(req.FilterGroups) == 0 {
		return true
	}
	for _, g := range req.FilterGroups {
		if slices.IndexFunc(g.Filters, func(f searchFilter) bool { return !matches(o, f) }) < 0 {
			return true
		}
	}
	return false
}

// matches compares numbers (ids, dates as epoch milliseconds) as numbers
// and everything else as text.
func matches(o *object, f searchFilter) bool {
	have, ok := propValue(o, f.PropertyName)
	if f.Operator == "HAS_PROPERTY" {
		return ok && have != ""
	}
	want := fmt.Sprint(f.Value)
	if v, isNum := f.Value.(float64); isNum {
		want = strconv.FormatFloat(v, 'f', -1, 64)
	}
	var c int
	if hn, wn, ok := numbers(f.PropertyName, have, want); ok {
		c = compareInt(hn, wn)
	} else {
		c = strings.Compare(strings.ToLower(have), strings.ToLower(want))
	}
	switch f.Operator {
	case "EQ":
		return c == 0
	case "NEQ":
		return c != 0
	case "GT":
		return c > 0
	case "GTE":
		return c >= 0
	case "LT":
		return c < 0
	}
	return c <= 0 // LTE
}

func propValue(o *object, name string) (string, bool) {
	switch name {
	case "hs_object_id":
		return itoa(o.id), true
	case "lastmodifieddate":
		return strconv.FormatInt(o.updatedAt.UnixMilli(), 10), true
	case "createdate":
		return strconv.FormatInt(o.createdAt.UnixMilli(), 10), true
	}
	v, ok := o.props[name]
	return v, ok
}

// numbers reads both sides as integers for id and date properties (dates
// may be given as ISO 8601).
func numbers(prop, have, want string) (int64, int64, bool) {
	if prop != "hs_object_id" && prop != "lastmodifieddate" && prop != "createdate" {
		return 0, 0, false
	}
	h, err := strconv.ParseInt(have, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	w, err := strconv.ParseInt(want, 10, 64)
	if err != nil {
		t, terr := time.Parse(time.RFC3339Nano, want)
		if terr != nil {
			return 0, 0, false
		}
		w = t.UnixMilli()
	}
	return h, w, true
}

func compareInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sortKey orders numbers by value (zero-padded) and text as is.
func sortKey(o *object, prop string) string {
	v, _ := propValue(o, prop)
	if _, _, ok := numbers(prop, v, v); ok {
		return fmt.Sprintf("%020s", v)
	}
	return strings.ToLower(v)
}
