package shopify

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
)

var _ connectors.ActionRunner = Connector{}

// RunAction implements connectors.ActionRunner for the Spec's actions,
// tag_customer and create_discount_code, with the connection's OAuth
// token. Failures are *connectors.ActionError (see actionError).
func (Connector) RunAction(ctx context.Context, call connectors.ActionCall) (connectors.ActionResult, error) {
	c, shop := ClientFor(call.Conn.Env), call.Conn.Config["shop"]
	var (
		res connectors.ActionResult
		err error
	)
	switch call.Action {
	case "tag_customer":
		res, err = tagCustomer(ctx, c, shop, call)
	case "create_discount_code":
		res, err = createDiscountCode(ctx, c, shop, call, time.Now())
	default:
		return res, actionkit.Unknown("Shopify", call.Action)
	}
	return res, actionError(err)
}

// tagCustomer adds the tags input (a comma-separated list) to the customer
// customerId (a numeric id or gid://shopify/Customer/N). Adding tags the
// customer has is a no-op, so a retry is harmless. Output: customerId (the
// gid) and tags (as added, comma-separated).
func tagCustomer(ctx context.Context, c *Client, shop string, call connectors.ActionCall) (connectors.ActionResult, error) {
	id, err := actionkit.Required(call.Input, "customerId")
	if err != nil {
		return connectors.ActionResult{}, err
	}
	gid, err := CustomerGID(id)
	if err != nil {
		return connectors.ActionResult{}, actionkit.Invalid("the customerId input %q is not a Shopify customer id (a number or gid://shopify/Customer/N)", id)
	}
	tags := actionkit.List(call.Input["tags"])
	if len(tags) == 0 {
		return connectors.ActionResult{}, actionkit.Invalid("the tags input names no tag")
	}
	if err := c.TagCustomer(ctx, shop, call.Token, gid, tags); err != nil {
		return connectors.ActionResult{}, err
	}
	list := strings.Join(tags, ", ")
	return connectors.ActionResult{Output: map[string]string{"customerId": gid, "tags": list},
		Summary: fmt.Sprintf("customer %s tagged %s", gid, list)}, nil
}

var customerGIDRE = regexp.MustCompile(`^gid://shopify/Customer/[1-9][0-9]*$`)

// CustomerGID turns a customer's numeric id (as webhooks carry it) or
// global id into the global id, gid://shopify/Customer/N.
func CustomerGID(id string) (string, error) {
	id = strings.TrimSpace(id)
	if customerGIDRE.MatchString(id) {
		return id, nil
	}
	if n, err := strconv.ParseUint(id, 10, 64); err == nil && n > 0 {
		return "gid://shopify/Customer/" + id, nil
	}
	return "", fmt.Errorf("shopify: %q is not a customer id", id)
}

// DiscountCodeFor is the code create_discount_code makes for an
// idempotency key: "SB-" and the first 8 base32 characters of the key's
// SHA-256. Every retry of a step asks for the same code, so a retry whose
// first attempt did reach Shopify finds its code taken, and succeeds.
func DiscountCodeFor(idempotencyKey string) string {
	sum := sha256.Sum256([]byte(idempotencyKey))
	return "SB-" + base32.StdEncoding.EncodeToString(sum[:])[:8]
}

// createDiscountCode makes a single-use code for percentage % off every
// item, for any customer, ending expiresInDays after now (never when
// empty). The code comes from the idempotency key (DiscountCodeFor); the
// code already existing counts as success. Output: code and percent.
func createDiscountCode(ctx context.Context, c *Client, shop string, call connectors.ActionCall, now time.Time) (connectors.ActionResult, error) {
	if _, err := actionkit.Required(call.Input, "percentage"); err != nil {
		return connectors.ActionResult{}, err
	}
	pct, err := actionkit.Number(call.Input, "percentage", 0, 1, 100)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	days, err := actionkit.Number(call.Input, "expiresInDays", 0, 1, 365)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	if call.IdempotencyKey == "" {
		return connectors.ActionResult{}, actionkit.Invalid("create_discount_code needs the step's idempotency key to name the code")
	}
	code, percent := DiscountCodeFor(call.IdempotencyKey), strconv.FormatFloat(pct, 'f', -1, 64)
	now = now.UTC().Truncate(time.Second)
	d := DiscountCode{Title: fmt.Sprintf("%s: %s%% off (Switchboard)", code, percent), Code: code, Percent: pct, StartsAt: now,
		UsageLimit: 1, OncePerCustomer: true}
	ends := "never expires"
	if days > 0 {
		d.EndsAt = now.Add(time.Duration(days * float64(24*time.Hour)))
		ends = "ends " + d.EndsAt.Format(time.RFC3339)
	}
	id, existed, err := c.CreateDiscountCode(ctx, shop, call.Token, d)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	summary := fmt.Sprintf("discount code %s created (%s, %s%% off, single use, %s)", code, id, percent, ends)
	if existed {
		summary = fmt.Sprintf("discount code %s already existed (made by an earlier attempt of this step)", code)
	}
	return connectors.ActionResult{Output: map[string]string{"code": code, "percent": percent}, Summary: summary}, nil
}
