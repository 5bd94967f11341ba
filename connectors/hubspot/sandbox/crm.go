package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

// crmHandler answers one authenticated API call; it runs under s.mu and
// writes into a buffered response.
type crmHandler func(w http.ResponseWriter, r *http.Request, body []byte, p *portal, now time.Time)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

const maxBody = 4 << 20

// api wraps a CRM handler with HubSpot's Bearer authentication, the
// control API's injected failures and the rolling rate limit.
func (s *Sandbox) api(h crmHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil || len(body) > maxBody {
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "The request body could not be read", nil)
			return
		}
		buf := sandboxkit.NewBuffer()
		s.serveAPILocked(buf, r, body, h)
		buf.Flush(w)
	}
}

func (s *Sandbox) serveAPILocked(w http.ResponseWriter, r *http.Request, body []byte, h crmHandler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, now := s.portal, s.now()
	p.counters.APICalls++

	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	at := s.access[strings.TrimSpace(tok)]
	if !ok || at == nil || at.revoked {
		apiError(w, http.StatusUnauthorized, "INVALID_AUTHENTICATION",
			"Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview", nil)
		return
	}
	if !now.Before(at.expiresAt) {
		expiredError(w, now.Sub(at.expiresAt))
		return
	}

	if now.Before(p.retryAt) {
		p.counters.EarlyCalls++
	}
	p.calls++
	if p.throttleEvery > 0 && p.calls%p.throttleEvery == 0 {
		p.counters.RateLimited++
		p.rateLimited(w, now, time.Second)
		return
	}

	// The rolling window: requests older than RateInterval leave it.
	cut := 0
	for cut < len(p.window) && !now.Before(p.window[cut].Add(RateInterval)) {
		cut++
	}
	p.window = p.window[cut:]
	limit := s.opts.RateLimit
	w.Header().Set("X-HubSpot-RateLimit-Interval-Milliseconds", itoa(RateInterval.Milliseconds()))
	w.Header().Set("X-HubSpot-RateLimit-Max", strconv.Itoa(limit))
	if len(p.window) >= limit {
		wait := p.window[len(p.window)-limit].Add(RateInterval).Sub(now)
		p.counters.RateLimited++
		p.rateLimited(w, now, wait)
		return
	}
	p.window = append(p.window, now)
	p.counters.MaxWindow = max(p.counters.MaxWindow, len(p.window))
	w.Header().Set("X-HubSpot-RateLimit-Remaining", strconv.Itoa(limit-len(p.window)))

	if status := p.faults.TakeFailure(); status != 0 {
		if status == http.StatusTooManyRequests {
			p.counters.RateLimited++
			p.rateLimited(w, now, RateInterval)
			return
		}
		failure(w, status)
		return
	}
	h(w, r, body, p, now)
}

// rateLimited answers 429 with a Retry-After of wait (whole seconds, as
// HubSpot sends it) and remembers when it ends.
func (p *portal) rateLimited(w http.ResponseWriter, now time.Time, wait time.Duration) {
	secs := int64(math.Ceil(wait.Seconds()))
	p.retryAt = now.Add(time.Duration(secs) * time.Second)
	w.Header().Set("X-HubSpot-RateLimit-Remaining", "0")
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	writeJSON(w, http.StatusTooManyRequests, map[string]string{
		"status": "error", "message": "You have reached your ten_secondly_rolling limit.", "errorType": "RATE_LIMIT",
		"correlationId": sandboxkit.NewUUID(), "policyName": "TEN_SECONDLY_ROLLING", "requestId": sandboxkit.NewUUID(),
	})
}

// failure writes an injected failure with HubSpot's error body.
func failure(w http.ResponseWriter, status int) {
	switch {
	case status >= 500:
		apiError(w, status, "INTERNAL_ERROR", "internal error", nil)
	case status == http.StatusUnauthorized:
		apiError(w, status, "INVALID_AUTHENTICATION", "Authentication credentials not found.", nil)
	case status == http.StatusForbidden:
		apiError(w, status, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call.", nil)
	default:
		apiError(w, status, "VALIDATION_ERROR", "The request was refused by the sandbox's control API", nil)
	}
}

// contactProperties are the contact properties the sandbox knows.
var contactProperties = map[string]bool{
	"email": true, "firstname": true, "lastname": true, "phone": true, "mobilephone": true, "lifecyclestage": true,
	"total_revenue": true, "company": true, "website": true, "jobtitle": true, "address": true, "city": true,
	"state": true, "zip": true, "country": true, "hs_lead_status": true,
}

var ticketProperties = map[string]bool{
	"subject": true, "content": true, "hs_pipeline": true, "hs_pipeline_stage": true, "hs_ticket_priority": true,
	"hs_ticket_category": true, "source_type": true,
}

// readOnly are the properties HubSpot computes.
var readOnly = map[string]bool{"hs_object_id": true, "createdate": true, "lastmodifieddate": true, "hs_lastmodifieddate": true}

var defaultContactProps = []string{"createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"}

// decodeProperties reads a properties object, whose values HubSpot takes as
// strings (numbers and booleans are converted, null clears).
func decodeProperties(raw map[string]any, known map[string]bool) (map[string]string, []map[string]any) {
	out := map[string]string{}
	var errs []map[string]any
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !known[k] || readOnly[k] {
			errs = append(errs, map[string]any{
				"message": fmt.Sprintf("Property %q does not exist", k), "code": "PROPERTY_DOESNT_EXIST",
				"context": map[string]any{"propertyName": []string{k}},
			})
			continue
		}
		switch v := raw[k].(type) {
		case nil:
			out[k] = ""
		case string:
			out[k] = v
		case float64:
			out[k] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			out[k] = strconv.FormatBool(v)
		default:
			errs = append(errs, map[string]any{
				"message": fmt.Sprintf("Property values must be strings, numbers or booleans; %q is not", k), "code": "INVALID_OPTION",
				"context": map[string]any{"propertyName": []string{k}},
			})
		}
	}
	return out, errs
}

func invalidProperties(w http.ResponseWriter, errs []map[string]any) {
	apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Property values were not valid", map[string]any{"errors": errs})
}

func badJSON(w http.ResponseWriter, err error) {
	apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Invalid input JSON: "+err.Error(), nil)
}

// objectJSON renders a record with the properties asked for (all it has
// when props is nil) plus the ones HubSpot always returns.
func objectJSON(o *object, props []string, alwaysModified string) map[string]any {
	out := map[string]string{"hs_object_id": itoa(o.id), "createdate": isoTime(o.createdAt), alwaysModified: isoTime(o.updatedAt)}
	if props == nil {
		for k, v := range o.props {
			out[k] = v
		}
	} else {
		for _, k := range props {
			if v, ok := o.props[k]; ok {
				out[k] = v
			} else if _, always := out[k]; !always {
				out[k] = ""
			}
		}
	}
	return map[string]any{
		"id": itoa(o.id), "properties": out, "createdAt": isoTime(o.createdAt), "updatedAt": isoTime(o.updatedAt), "archived": false,
	}
}

func requestedProps(r *http.Request) []string {
	var props []string
	for _, v := range r.URL.Query()["properties"] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(props, p) {
				props = append(props, p)
			}
		}
	}
	if props == nil {
		return defaultContactProps
	}
	return props
}

// addContactLocked creates a contact.
func (p *portal) addContactLocked(props map[string]string, now time.Time) *object {
	p.nextContactID++
	o := &object{id: p.nextContactID, props: map[string]string{}, createdAt: now, updatedAt: now}
	for k, v := range props {
		o.props[k] = v
	}
	if e := normEmail(o.props["email"]); e != "" {
		o.props["email"] = e
		p.contactByMail[e] = o
	}
	p.contacts = append(p.contacts, o)
	p.contactByID[o.id] = o
	return o
}

func (s *Sandbox) listContacts(w http.ResponseWriter, r *http.Request, _ []byte, p *portal, _ time.Time) {
	q := r.URL.Query()
	limit := 10
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPage {
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("limit must be between 1 and %d", MaxPage), nil)
			return
		}
		limit = n
	}
	var after int64
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "after must be a paging cursor from a previous page", nil)
			return
		}
		after = n
	}
	props := requestedProps(r)
	start := sort.Search(len(p.contacts), func(i int) bool { return p.contacts[i].id >= after })
	end := min(start+limit, len(p.contacts))
	results := make([]map[string]any, 0, end-start)
	for _, o := range p.contacts[start:end] {
		results = append(results, objectJSON(o, props, "lastmodifieddate"))
	}
	out := map[string]any{"results": results}
	if end < len(p.contacts) {
		next := itoa(p.contacts[end].id)
		out["paging"] = map[string]any{"next": map[string]string{
			"after": next, "link": "https://api.hubapi.com/crm/v3/objects/contacts?after=" + next,
		}}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Sandbox) readContact(w http.ResponseWriter, r *http.Request, _ []byte, p *portal, _ time.Time) {
	id := r.PathValue("id")
	var o *object
	switch prop := r.URL.Query().Get("idProperty"); prop {
	case "email":
		o = p.contactByMail[normEmail(id)]
	case "", "hs_object_id":
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			o = p.contactByID[n]
		}
	default:
		apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("Property %q is not a unique identifier property", prop), nil)
		return
	}
	if o == nil {
		apiError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", nil)
		return
	}
	writeJSON(w, http.StatusOK, objectJSON(o, requestedProps(r), "lastmodifieddate"))
}

type propertiesInput struct {
	Properties   map[string]any `json:"properties"`
	Associations []struct {
		To struct {
			ID string `json:"id"`
		} `json:"to"`
		Types []struct {
			Category string `json:"associationCategory"`
			TypeID   int    `json:"associationTypeId"`
		} `json:"types"`
	} `json:"associations"`
}

func (s *Sandbox) createContact(w http.ResponseWriter, _ *http.Request, body []byte, p *portal, now time.Time) {
	var in propertiesInput
	if err := json.Unmarshal(body, &in); err != nil {
		badJSON(w, err)
		return
	}
	props, errs := decodeProperties(in.Properties, contactProperties)
	if len(errs) > 0 {
		invalidProperties(w, errs)
		return
	}
	if e := normEmail(props["email"]); e != "" {
		if o := p.contactByMail[e]; o != nil {
			apiError(w, http.StatusConflict, "CONFLICT", "Contact already exists. Existing ID: "+itoa(o.id), nil)
			return
		}
	}
	writeJSON(w, http.StatusCreated, objectJSON(p.addContactLocked(props, now), nil, "lastmodifieddate"))
}

func (s *Sandbox) upsertContacts(w http.ResponseWriter, _ *http.Request, body []byte, p *portal, now time.Time) {
	var in struct {
		Inputs []struct {
			ID         string         `json:"id"`
			IDProperty string         `json:"idProperty"`
			Properties map[string]any `json:"properties"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		badJSON(w, err)
		return
	}
	if len(in.Inputs) == 0 || len(in.Inputs) > MaxBatch {
		apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("Batch input must contain between 1 and %d inputs, got %d", MaxBatch, len(in.Inputs)), nil)
		return
	}
	seen := map[string]bool{}
	var dups []string
	props := make([]map[string]string, len(in.Inputs))
	for i, inp := range in.Inputs {
		if inp.IDProperty != "email" {
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("inputs[%d]: idProperty must be a unique property such as email", i), nil)
			return
		}
		key := normEmail(inp.ID)
		if key == "" {
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("inputs[%d]: id is required", i), nil)
			return
		}
		if seen[key] {
			dups = append(dups, key)
		}
		seen[key] = true
		pr, errs := decodeProperties(inp.Properties, contactProperties)
		if len(errs) > 0 {
			invalidProperties(w, errs)
			return
		}
		pr["email"] = key
		props[i] = pr
	}
	if len(dups) > 0 {
		apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Duplicate IDs found in batch input: ["+strings.Join(dups, ", ")+"]. IDs must be unique", nil)
		return
	}
	results := make([]map[string]any, 0, len(props))
	for _, pr := range props {
		o, isNew := p.contactByMail[pr["email"]], false
		if o == nil {
			o, isNew = p.addContactLocked(pr, now), true
		} else {
			for k, v := range pr {
				o.props[k] = v
			}
			o.updatedAt = now
		}
		res := objectJSON(o, nil, "lastmodifieddate")
		res["new"] = isNew
		results = append(results, res)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "COMPLETE", "results": results, "startedAt": isoTime(now), "completedAt": isoTime(now),
	})
}

// ticketToContact is HubSpot's association type id for ticket → contact.
const ticketToContact = 16

func (s *Sandbox) createTicket(w http.ResponseWriter, _ *http.Request, body []byte, p *portal, now time.Time) {
	var in propertiesInput
	if err := json.Unmarshal(body, &in); err != nil {
		badJSON(w, err)
		return
	}
	props, errs := decodeProperties(in.Properties, ticketProperties)
	if len(errs) > 0 {
		invalidProperties(w, errs)
		return
	}
	for _, req := range []string{"subject", "hs_pipeline", "hs_pipeline_stage"} {
		if strings.TrimSpace(props[req]) == "" {
			errs = append(errs, map[string]any{"message": fmt.Sprintf("Property %q is required", req), "code": "REQUIRED_PROPERTY",
				"context": map[string]any{"propertyName": []string{req}}})
		}
	}
	if v := props["hs_pipeline"]; v != "" && v != "0" {
		errs = append(errs, map[string]any{"message": v + " is not a valid pipeline", "code": "INVALID_OPTION",
			"context": map[string]any{"propertyName": []string{"hs_pipeline"}}})
	}
	if v := props["hs_pipeline_stage"]; v != "" && !slices.Contains([]string{"1", "2", "3", "4"}, v) {
		errs = append(errs, map[string]any{"message": v + " is not a valid pipeline stage of pipeline 0", "code": "INVALID_OPTION",
			"context": map[string]any{"propertyName": []string{"hs_pipeline_stage"}}})
	}
	if v := props["hs_ticket_priority"]; v != "" && !slices.Contains([]string{"LOW", "MEDIUM", "HIGH", "URGENT"}, v) {
		errs = append(errs, map[string]any{"message": v + " was not one of the allowed options: [LOW, MEDIUM, HIGH, URGENT]", "code": "INVALID_OPTION",
			"context": map[string]any{"propertyName": []string{"hs_ticket_priority"}}})
	}
	if len(errs) > 0 {
		invalidProperties(w, errs)
		return
	}
	var assoc []int64
	for i, a := range in.Associations {
		id, err := strconv.ParseInt(a.To.ID, 10, 64)
		okType := len(a.Types) > 0
		for _, t := range a.Types {
			okType = okType && t.Category == "HUBSPOT_DEFINED" && t.TypeID == ticketToContact
		}
		if err != nil || p.contactByID[id] == nil || !okType {
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR",
				fmt.Sprintf("associations[%d]: the sandbox associates tickets only with existing contacts (HUBSPOT_DEFINED type %d)", i, ticketToContact), nil)
			return
		}
		assoc = append(assoc, id)
	}
	p.nextTicketID++
	o := &object{id: p.nextTicketID, props: props, createdAt: now, updatedAt: now, associations: assoc}
	p.tickets = append(p.tickets, o)
	writeJSON(w, http.StatusCreated, objectJSON(o, nil, "hs_lastmodifieddate"))
}

func (s *Sandbox) addToList(w http.ResponseWriter, r *http.Request, body []byte, p *portal, _ time.Time) {
	l := p.lists[r.PathValue("listId")]
	if l == nil {
		apiError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "List "+r.PathValue("listId")+" does not exist.", nil)
		return
	}
	if l.processingType != "MANUAL" && l.processingType != "SNAPSHOT" {
		apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "List "+l.id+" has processingType "+l.processingType+"; only MANUAL and SNAPSHOT lists accept memberships", nil)
		return
	}
	var raw []any
	if err := json.Unmarshal(body, &raw); err != nil {
		badJSON(w, err)
		return
	}
	ids := make([]string, 0, len(raw))
	for _, v := range raw {
		switch v := v.(type) {
		case string:
			ids = append(ids, v)
		case float64:
			ids = append(ids, strconv.FormatFloat(v, 'f', -1, 64))
		default:
			apiError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Record ids must be strings or numbers", nil)
			return
		}
	}
	added, missing := []string{}, []string{}
	for _, rid := range ids {
		id, err := strconv.ParseInt(rid, 10, 64)
		if err != nil || p.contactByID[id] == nil {
			missing = append(missing, rid)
			continue
		}
		if !l.member[id] {
			l.member[id] = true
			l.members = append(l.members, id)
			added = append(added, itoa(id))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"recordIdsMissing": missing, "recordIdsRemoved": []string{}, "recordsIdsAdded": added})
}
