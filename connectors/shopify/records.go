package shopify

import (
	"context"
	"fmt"
	"strconv"
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
