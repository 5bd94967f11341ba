package hubspot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
)

// MaxBatch implements connectors.RecordWriter: the batch upsert endpoint
// takes MaxBatchSize contacts per request.
func (Connector) MaxBatch(string) int { return MaxBatchSize }

// WriteRecords implements connectors.RecordWriter for contacts: one batch
// upsert keyed by email (so a repeated batch updates the same contacts).
// A record without an email, or repeating another's email in the batch,
// is refused on its own. When HubSpot refuses the batch as invalid (400),
// each record is sent alone so that only the bad ones fail.
func (Connector) WriteRecords(ctx context.Context, call connectors.RecordCall, records []connectors.RecordWrite) (connectors.RecordWrites, error) {
	if call.Entity != "contact" {
		return connectors.RecordWrites{}, fmt.Errorf("hubspot: cannot write %q records (contacts only)", call.Entity)
	}
	c := ClientFor(call.Conn.Env)
	var budget *connectors.BudgetStatus
	c.Observe = func(st RateLimitStatus) { budget = requestBudget(st, budget) }
	results, err := writeContacts(ctx, c, call, records)
	return connectors.RecordWrites{Results: results, Budget: budget}, err
}

// writeContacts upserts the records as contacts (see WriteRecords).
func writeContacts(ctx context.Context, c *Client, call connectors.RecordCall, records []connectors.RecordWrite) ([]connectors.RecordWriteResult, error) {
	results := make([]connectors.RecordWriteResult, len(records))
	var batch []Contact
	var at []int // index in records of each batch entry
	seen := map[string]string{}
	for i, r := range records {
		results[i].Key = r.Key
		ct := contactOf(r.Fields)
		email := strings.ToLower(ct.Email)
		switch {
		case email == "":
			results[i].Err = "email: HubSpot contacts are keyed by email, and this record has none"
			continue
		case seen[email] != "":
			results[i].Err = fmt.Sprintf("email: %s is also the email of record %s in this batch", email, seen[email])
			continue
		}
		seen[email] = r.Key
		batch, at = append(batch, ct), append(at, i)
	}
	if len(batch) == 0 {
		return results, nil
	}
	written, err := c.UpsertContacts(ctx, call.Token, batch)
	var status *StatusError
	if errors.As(err, &status) && status.StatusCode == http.StatusBadRequest && len(batch) > 1 {
		for j, ct := range batch {
			one, err := c.UpsertContacts(ctx, call.Token, []Contact{ct})
			if errors.As(err, &status) && status.StatusCode == http.StatusBadRequest {
				results[at[j]].Err = status.Message
				continue
			}
			if err != nil {
				return nil, err
			}
			fill(&results[at[j]], one)
		}
		return results, nil
	}
	if errors.As(err, &status) && status.StatusCode == http.StatusBadRequest {
		results[at[0]].Err = status.Message
		return results, nil
	}
	if err != nil {
		return nil, err
	}
	byEmail := make(map[string]UpsertResult, len(written))
	for _, w := range written {
		byEmail[strings.ToLower(w.Email())] = w
	}
	for j, ct := range batch {
		w, ok := byEmail[strings.ToLower(ct.Email)]
		if !ok {
			results[at[j]].Err = "HubSpot's answer does not include this contact"
			continue
		}
		fill(&results[at[j]], []UpsertResult{w})
	}
	return results, nil
}

func fill(r *connectors.RecordWriteResult, written []UpsertResult) {
	if len(written) != 1 {
		r.Err = fmt.Sprintf("HubSpot answered %d contacts for one", len(written))
		return
	}
	r.TargetID, r.Created = written[0].ID, written[0].New
}

// contactOf turns mapped values into contact properties: numbers in plain
// decimal, lists joined with ";" (HubSpot's multi-value separator).
func contactOf(fields map[string]any) Contact {
	props := make(map[string]string, len(fields))
	for name, v := range fields {
		switch v := v.(type) {
		case nil:
		case string:
			props[name] = strings.TrimSpace(v)
		case float64:
			props[name] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			props[name] = strconv.FormatBool(v)
		case []string:
			props[name] = strings.Join(v, ";")
		default:
			props[name] = fmt.Sprint(v)
		}
	}
	email := props["email"]
	delete(props, "email")
	return Contact{Email: email, Properties: props}
}

// ReadRecords implements connectors.RecordReader for contacts, in id
// order, MaxPageSize per page. An incremental read (UpdatedSince set)
// searches for the contacts modified since then (the search API, paged by
// id: see ContactsModifiedSince), so only changed contacts are read, and
// its first page says how many there are.
func (Connector) ReadRecords(ctx context.Context, call connectors.RecordCall, q connectors.ReadQuery) (connectors.RecordPage, error) {
	if call.Entity != "contact" {
		return connectors.RecordPage{}, fmt.Errorf("hubspot: cannot read %q records (contacts only)", call.Entity)
	}
	limit := q.Limit
	if limit <= 0 || limit > MaxPageSize {
		limit = MaxPageSize
	}
	c := ClientFor(call.Conn.Env)
	var budget *connectors.BudgetStatus
	c.Observe = func(st RateLimitStatus) { budget = requestBudget(st, budget) }
	var (
		page  ContactPage
		total = -1
		err   error
	)
	if q.UpdatedSince.IsZero() {
		page, err = c.Contacts(ctx, call.Token, limit, q.Cursor)
	} else {
		page, total, err = c.ContactsModifiedSince(ctx, call.Token, q.UpdatedSince, limit, q.Cursor)
		if q.Cursor != "" {
			total = -1 // later pages count what is left, not the whole read
		}
	}
	if err != nil {
		return connectors.RecordPage{}, err
	}
	out := connectors.RecordPage{Next: page.After, Total: total, Budget: budget, Records: make([]connectors.Record, 0, len(page.Contacts))}
	for _, r := range page.Contacts {
		if !q.UpdatedSince.IsZero() && r.UpdatedAt.Before(q.UpdatedSince) {
			continue
		}
		fields := make(map[string]any, len(r.Properties))
		for k, v := range r.Properties {
			fields[k] = v
		}
		if v, err := strconv.ParseFloat(r.Properties["total_revenue"], 64); err == nil {
			fields["total_revenue"] = v
		}
		out.Records = append(out.Records, connectors.Record{ID: r.ID, UpdatedAt: r.UpdatedAt, Fields: fields})
	}
	return out, nil
}

// requestBudget adds one request to what a call reported of HubSpot's
// rolling limit.
func requestBudget(st RateLimitStatus, prev *connectors.BudgetStatus) *connectors.BudgetStatus {
	cost := 1
	if prev != nil {
		cost = prev.Cost + 1
	}
	return &connectors.BudgetStatus{Requests: true, Cost: cost, Maximum: float64(st.Max), Available: float64(st.Remaining),
		RestorePerSec: float64(st.Max) / st.Interval.Seconds()}
}
