package sandbox

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// Basic code discounts: discountCodeBasicCreate and the DiscountCodeNode it
// returns, for a percentage off every item for all customers, as the
// connector creates them.

// discount is a basic code discount with its one redeem code.
type discount struct {
	id     int64
	codeID int64
	title  string
	code   string
	// percentage is the share taken off: 0 < percentage ≤ 1.
	percentage             float64
	startsAt               time.Time
	endsAt                 *time.Time
	usageLimit             *int
	appliesOncePerCustomer bool
	createdAt              time.Time
}

// Discount is a code discount as the control API shows it.
type Discount struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Code  string `json:"code"`
	// Percentage is the share taken off: 0.1 is 10 %.
	Percentage             float64    `json:"percentage"`
	StartsAt               time.Time  `json:"startsAt"`
	EndsAt                 *time.Time `json:"endsAt"`
	UsageLimit             *int       `json:"usageLimit"`
	AppliesOncePerCustomer bool       `json:"appliesOncePerCustomer"`
}

func publicDiscount(d *discount) Discount {
	return Discount{ID: discountGID(d.id), Title: d.title, Code: d.code, Percentage: d.percentage, StartsAt: d.startsAt,
		EndsAt: d.endsAt, UsageLimit: d.usageLimit, AppliesOncePerCustomer: d.appliesOncePerCustomer}
}

func discountGID(id int64) string {
	return "gid://shopify/DiscountCodeNode/" + strconv.FormatInt(id, 10)
}

type discountPayload struct {
	node       *discount
	userErrors []userError
}

// codePage is a page of a discount's redeem codes.
type codePage struct {
	codes []*discount
	// info holds the page info (a connection without customer nodes).
	info *connection
}

// codeTaken is Shopify's answer to a code the shop already has.
const codeTaken = "Code must be unique. Please try a different code."

func (x *executor) discountCodeBasicCreate(f *ast.Field, path []any) (*discountPayload, bool) {
	v, _ := x.arg(f, "basicCodeDiscount")
	in, ok := v.(map[string]any)
	if !ok {
		x.fail(f, path, "argumentLiteralsIncompatible",
			"Argument 'basicCodeDiscount' on Field 'discountCodeBasicCreate' has an invalid value. Expected type 'DiscountCodeBasicInput!'.")
		return nil, false
	}
	d, errs := x.readDiscount(in)
	p := &discountPayload{userErrors: errs}
	if len(errs) > 0 {
		return p, true
	}
	x.sh.nextDiscountID++
	d.id, d.codeID, d.createdAt = x.sh.nextDiscountID, 20000000000+x.sh.nextDiscountID, x.s.now().UTC().Truncate(time.Second)
	x.sh.discounts = append(x.sh.discounts, d)
	p.node = d
	return p, true
}

// readDiscount checks a DiscountCodeBasicInput the way Shopify does for
// the fields the sandbox emulates, and returns every problem found.
func (x *executor) readDiscount(in map[string]any) (*discount, []userError) {
	d := &discount{}
	errs := []userError{}
	bad := func(code, message string, field ...string) {
		errs = append(errs, userError{field: append([]string{"basicCodeDiscount"}, field...), code: code, message: message})
	}
	d.title = strings.TrimSpace(stringValue(in["title"]))
	if d.title == "" {
		bad("BLANK", "Title can't be blank", "title")
	}
	d.code = strings.TrimSpace(stringValue(in["code"]))
	switch {
	case d.code == "":
		bad("BLANK", "Code can't be blank", "code")
	case len(d.code) > 255:
		bad("TOO_LONG", "Code is too long (maximum is 255 characters)", "code")
	case slices.ContainsFunc(x.sh.discounts, func(o *discount) bool { return strings.EqualFold(o.code, d.code) }):
		bad("TAKEN", codeTaken, "code")
	}
	starts, ok := timeValue(in["startsAt"])
	switch {
	case in["startsAt"] == nil:
		bad("BLANK", "Starts at can't be blank", "startsAt")
	case !ok:
		bad("INVALID", "Starts at is invalid", "startsAt")
	}
	d.startsAt = starts
	if in["endsAt"] != nil {
		ends, ok := timeValue(in["endsAt"])
		switch {
		case !ok:
			bad("INVALID", "Ends at is invalid", "endsAt")
		case !ends.After(starts):
			bad("INVALID", "Ends at needs to be after starts_at", "endsAt")
		default:
			d.endsAt = &ends
		}
	}
	buyers, _ := in["context"].(map[string]any)
	selection, _ := in["customerSelection"].(map[string]any)
	if fmt.Sprint(buyers["all"]) != "ALL" && selection["all"] != true {
		bad("BLANK", "Context can't be blank (the sandbox emulates context { all: ALL } or customerSelection { all: true })", "context")
	}
	readCustomerGets(d, in, bad)
	if v := in["usageLimit"]; v != nil {
		n, ok := intValue(v)
		if !ok || n <= 0 {
			bad("GREATER_THAN", "Usage limit must be greater than 0", "usageLimit")
		} else {
			d.usageLimit = &n
		}
	}
	d.appliesOncePerCustomer = in["appliesOncePerCustomer"] == true
	return d, errs
}

// readCustomerGets reads customerGets { value { percentage } items { all:
// true } }, the only shape the sandbox emulates.
func readCustomerGets(d *discount, in map[string]any, bad func(code, message string, field ...string)) {
	gets, _ := in["customerGets"].(map[string]any)
	if gets == nil {
		bad("BLANK", "Customer gets can't be blank", "customerGets")
		return
	}
	value, _ := gets["value"].(map[string]any)
	p, ok := floatValue(value["percentage"])
	switch {
	case value["percentage"] == nil:
		bad("INVALID", "Value is invalid (the sandbox emulates percentage values only)", "customerGets", "value")
	case !ok || p <= 0 || p > 1:
		bad("VALUE_OUTSIDE_RANGE", "Value must be between 0.0 and 1.0", "customerGets", "value", "percentage")
	default:
		d.percentage = p
	}
	if items, _ := gets["items"].(map[string]any); items["all"] != true {
		bad("INVALID", "Items are invalid (the sandbox emulates items { all: true } only)", "customerGets", "items")
	}
}

// discountField resolves the discount types' fields; false for other
// types.
func (x *executor) discountField(typ string, val any, f *ast.Field, path []any) (any, bool) {
	switch typ {
	case "DiscountCodeBasicCreatePayload":
		p := val.(*discountPayload)
		switch f.Name {
		case "codeDiscountNode":
			if p.node == nil {
				return nil, true
			}
			return x.object("DiscountCodeNode", p.node, f.SelectionSet, path), true
		case "userErrors":
			return x.userErrors("DiscountUserError", p.userErrors, f, path), true
		}
	case "DiscountCodeNode":
		d := val.(*discount)
		switch f.Name {
		case "id":
			return discountGID(d.id), true
		case "codeDiscount":
			return x.object("DiscountCodeBasic", d, f.SelectionSet, path), true
		}
	case "DiscountCodeBasic":
		return x.basicField(val.(*discount), f, path), true
	case "DiscountRedeemCodeConnection":
		return x.codePageField(val.(*codePage), f, path), true
	case "DiscountRedeemCodeEdge":
		d := val.(*discount)
		if f.Name == "cursor" {
			return encodeCursor(d.codeID, d.code), true
		}
		return x.object("DiscountRedeemCode", d, f.SelectionSet, path), true
	case "DiscountRedeemCode":
		d := val.(*discount)
		switch f.Name {
		case "id":
			return "gid://shopify/DiscountRedeemCode/" + strconv.FormatInt(d.codeID, 10), true
		case "code":
			return d.code, true
		case "asyncUsageCount":
			return 0, true
		}
	}
	return nil, false
}

func (x *executor) basicField(d *discount, f *ast.Field, path []any) any {
	switch f.Name {
	case "title":
		return d.title
	case "status":
		now := x.s.now()
		switch {
		case now.Before(d.startsAt):
			return "SCHEDULED"
		case d.endsAt != nil && !now.Before(*d.endsAt):
			return "EXPIRED"
		}
		return "ACTIVE"
	case "summary":
		s := strconv.FormatFloat(d.percentage*100, 'f', -1, 64) + "% off entire order"
		if d.appliesOncePerCustomer {
			s += " • One use per customer"
		}
		return s
	case "startsAt":
		return dateTime(d.startsAt)
	case "endsAt":
		if d.endsAt == nil {
			return nil
		}
		return dateTime(*d.endsAt)
	case "createdAt":
		return dateTime(d.createdAt)
	case "usageLimit":
		if d.usageLimit == nil {
			return nil
		}
		return *d.usageLimit
	case "appliesOncePerCustomer":
		return d.appliesOncePerCustomer
	case "asyncUsageCount":
		return 0
	case "codes":
		size, _, _, ok := x.pageArgs(f, path)
		if !ok {
			return nil
		}
		// A basic discount made by the API has one code: a page after or
		// before it is empty.
		page := &codePage{info: &connection{}}
		_, after := x.arg(f, "after")
		_, before := x.arg(f, "before")
		if size > 0 && !after && !before {
			page.codes = []*discount{d}
			page.info.startCursor = encodeCursor(d.codeID, d.code)
			page.info.endCursor = page.info.startCursor
		}
		x.refund += (size - len(page.codes)) * x.nodeCost[f]
		return x.object("DiscountRedeemCodeConnection", page, f.SelectionSet, path)
	}
	return nil
}

func (x *executor) codePageField(p *codePage, f *ast.Field, path []any) any {
	switch f.Name {
	case "pageInfo":
		return x.object("PageInfo", p.info, f.SelectionSet, path)
	case "edges", "nodes":
		typ := "DiscountRedeemCode"
		if f.Name == "edges" {
			typ = "DiscountRedeemCodeEdge"
		}
		out := make([]any, len(p.codes))
		for i, d := range p.codes {
			out[i] = x.object(typ, d, f.SelectionSet, append(slices.Clone(path), i))
		}
		return out
	}
	return nil
}

func stringValue(v any) string {
	s, _ := v.(string)
	return s
}

func timeValue(v any) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, stringValue(v))
	return t, err == nil
}

// floatValue reads a GraphQL Float from a parsed or JSON value.
func floatValue(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	}
	return 0, false
}
