package shopify

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// DiscountCode is a single code giving a percentage off every item, for
// any customer.
type DiscountCode struct {
	Title string
	Code  string
	// Percent is the percentage off, in (0, 100].
	Percent  float64
	StartsAt time.Time
	// EndsAt is when the code stops working (zero: never).
	EndsAt time.Time
	// UsageLimit is how many times the code may be used in all (0: no
	// limit); OncePerCustomer limits each customer to one use.
	UsageLimit      int
	OncePerCustomer bool
}

const discountCreateMutation = `mutation SwitchboardDiscountCodeCreate($discount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $discount) {
    codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { codes(first: 1) { nodes { code } } } } }
    userErrors { field code message }
  }
}`

// codeTakenError is the DiscountErrorCode of a code the shop already has.
const codeTakenError = "TAKEN"

// CreateDiscountCode creates the code discount d with
// discountCodeBasicCreate and returns its id (gid://shopify/DiscountCodeNode/N).
// When the shop already has the code (Shopify's TAKEN user error on the
// code), it returns an empty id and existed = true, so that creating a
// code derived from an idempotency key can be retried. Other refusals are
// *UserErrors.
func (c *Client) CreateDiscountCode(ctx context.Context, shop string, token secrets.Secret, d DiscountCode) (id string, existed bool, err error) {
	if strings.TrimSpace(d.Code) == "" || strings.TrimSpace(d.Title) == "" {
		return "", false, fmt.Errorf("shopify: create discount code: a code and a title are required")
	}
	if d.Percent <= 0 || d.Percent > 100 {
		return "", false, fmt.Errorf("shopify: create discount code %s: percent %g is not in (0, 100]", d.Code, d.Percent)
	}
	input := map[string]any{
		"title": d.Title, "code": d.Code, "startsAt": d.StartsAt.UTC().Format(time.RFC3339),
		"customerSelection":      map[string]any{"all": true},
		"customerGets":           map[string]any{"value": map[string]any{"percentage": d.Percent / 100}, "items": map[string]any{"all": true}},
		"appliesOncePerCustomer": d.OncePerCustomer,
	}
	if !d.EndsAt.IsZero() {
		input["endsAt"] = d.EndsAt.UTC().Format(time.RFC3339)
	}
	if d.UsageLimit > 0 {
		input["usageLimit"] = d.UsageLimit
	}
	var data struct {
		Payload struct {
			Node *struct {
				ID string `json:"id"`
			} `json:"codeDiscountNode"`
			UserErrors []UserError `json:"userErrors"`
		} `json:"discountCodeBasicCreate"`
	}
	if _, err := c.GraphQL(ctx, shop, token, discountCreateMutation, map[string]any{"discount": input}, &data); err != nil {
		return "", false, fmt.Errorf("shopify: create discount code %s: %w", d.Code, err)
	}
	p := data.Payload
	if len(p.UserErrors) > 0 {
		if len(p.UserErrors) == 1 && p.UserErrors[0].Code == codeTakenError && slices.Contains(p.UserErrors[0].Field, "code") {
			return "", true, nil
		}
		return "", false, &UserErrors{Mutation: "discountCodeBasicCreate", Errors: p.UserErrors}
	}
	if p.Node == nil {
		return "", false, &ServerError{Err: fmt.Errorf("discountCodeBasicCreate of %s answered no discount and no error", d.Code)}
	}
	return p.Node.ID, false, nil
}
