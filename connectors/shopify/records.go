package shopify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// ReadRecords implements connectors.RecordReader for customers, in id
// order, MaxPageSize at most per page; an incremental read asks Shopify
// for customers updated at or after UpdatedSince.
func (Connector) ReadRecords(ctx context.Context, call connectors.RecordCall, q connectors.ReadQuery) (connectors.RecordPage, error) {
	if call.Entity != "customer" {
		return connectors.RecordPage{}, fmt.Errorf("shopify: cannot read %q records (customers only)", call.Entity)
	}
	limit := q.Limit
	if limit <= 0 || limit > MaxPageSize {
		limit = MaxPageSize
	}
	search := ""
	if !q.UpdatedSince.IsZero() {
		search = "updated_at:>='" + q.UpdatedSince.UTC().Format(time.RFC3339) + "'"
	}
	page, cost, err := ClientFor(call.Conn.Env).SearchCustomers(ctx, call.Conn.Config["shop"], call.Token, limit, q.Cursor, search)
	if err != nil {
		return connectors.RecordPage{}, err
	}
	out := connectors.RecordPage{Total: page.Total, Records: make([]connectors.Record, 0, len(page.Customers)),
		Budget: &connectors.BudgetStatus{Cost: max(cost.ActualQueryCost, cost.RequestedQueryCost), Available: cost.CurrentlyAvailable,
			Maximum: cost.MaximumAvailable, RestorePerSec: cost.RestoreRate}}
	if page.HasNextPage {
		out.Next = page.EndCursor
	}
	for _, c := range page.Customers {
		out.Records = append(out.Records, connectors.Record{ID: c.ID, UpdatedAt: c.UpdatedAt, Fields: customerFieldsOf(c)})
	}
	return out, nil
}

// customerFieldsOf names a customer's values as the Spec's customer entity does.
func customerFieldsOf(c CustomerRecord) map[string]any {
	f := map[string]any{
		"id": c.ID, "email": c.Email, "firstName": c.FirstName, "lastName": c.LastName, "phone": c.Phone,
		"tags": c.Tags, "numberOfOrders": float64(c.NumberOfOrders),
		"emailMarketingConsent": c.EmailMarketingState == "SUBSCRIBED",
	}
	if c.Tags == nil {
		f["tags"] = []string{}
	}
	if amount, err := strconv.ParseFloat(c.AmountSpent.Amount, 64); err == nil {
		f["amountSpent"] = amount
	}
	return f
}

// maxTagBatch is how many customers one WriteRecords call tags (each is a
// lookup and a tagsAdd mutation).
const maxTagBatch = 25

// MaxBatch implements connectors.RecordWriter.
func (Connector) MaxBatch(string) int { return maxTagBatch }

// WriteRecords implements connectors.RecordWriter for customer_tags: each
// record's tags are added to the customer with its email (found once, then
// by the linked id); with replacePrefix, the customer's other tags with
// that prefix are removed first (one lifecycle tag at a time). Adding tags
// a customer has changes nothing, so a repeated batch is harmless. A
// record whose email no customer has fails alone.
func (Connector) WriteRecords(ctx context.Context, call connectors.RecordCall, records []connectors.RecordWrite) (connectors.RecordWrites, error) {
	if call.Entity != "customer_tags" {
		return connectors.RecordWrites{}, fmt.Errorf("shopify: cannot write %q records (customer_tags only)", call.Entity)
	}
	c, shop := ClientFor(call.Conn.Env), call.Conn.Config["shop"]
	out := connectors.RecordWrites{Results: make([]connectors.RecordWriteResult, len(records))}
	spend := func(cost Cost) {
		if out.Budget == nil {
			out.Budget = &connectors.BudgetStatus{}
		}
		out.Budget.Cost += max(cost.ActualQueryCost, cost.RequestedQueryCost)
		out.Budget.Available, out.Budget.Maximum, out.Budget.RestorePerSec = cost.CurrentlyAvailable, cost.MaximumAvailable, cost.RestoreRate
	}
	for i, r := range records {
		res := &out.Results[i]
		res.Key = r.Key
		email, _ := r.Fields["email"].(string)
		tags, _ := r.Fields["tags"].([]string)
		if len(tags) == 0 {
			if t, ok := r.Fields["tags"].(string); ok && strings.TrimSpace(t) != "" {
				tags = []string{strings.TrimSpace(t)}
			}
		}
		if len(tags) == 0 {
			res.Err = "tags: nothing to add"
			continue
		}
		prefix, _ := r.Fields["replacePrefix"].(string)
		query := "email:" + strconv.Quote(email)
		if r.TargetID != "" {
			query = "id:" + strings.TrimPrefix(r.TargetID, "gid://shopify/Customer/")
		}
		id, current := r.TargetID, []string(nil)
		if id == "" || prefix != "" {
			page, cost, err := c.SearchCustomers(ctx, shop, call.Token, 1, "", query)
			spend(cost)
			if err != nil {
				return out, err
			}
			if len(page.Customers) == 0 {
				res.Err = fmt.Sprintf("email: no Shopify customer has the email %q", email)
				continue
			}
			id, current = page.Customers[0].ID, page.Customers[0].Tags
		}
		var err error
		if stale := staleTags(current, prefix, tags); len(stale) > 0 {
			var cost Cost
			cost, err = c.changeTags(ctx, shop, call.Token, id, stale, true)
			spend(cost)
		}
		if err == nil {
			var cost Cost
			cost, err = c.changeTags(ctx, shop, call.Token, id, tags, false)
			spend(cost)
		}
		var userErrs *UserErrors
		if errors.As(err, &userErrs) {
			res.Err = userErrs.Error()
			continue
		}
		if err != nil {
			return out, err
		}
		res.TargetID = id
	}
	return out, nil
}

// staleTags are the customer's tags that start with prefix (case
// insensitively) and are not among the tags being added; none without a
// prefix.
func staleTags(current []string, prefix string, adding []string) []string {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if prefix == "" {
		return nil
	}
	var stale []string
	for _, t := range current {
		if strings.HasPrefix(strings.ToLower(t), prefix) && !slices.ContainsFunc(adding, func(a string) bool { return strings.EqualFold(a, t) }) {
			stale = append(stale, t)
		}
	}
	return stale
}
