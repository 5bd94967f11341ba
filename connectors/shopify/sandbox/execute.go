package sandbox

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// executor resolves a validated operation against a shop's state; the
// caller holds s.mu.
type executor struct {
	s        *Sandbox
	sh       *shop
	doc      *ast.QueryDocument
	vars     map[string]any
	nodeCost map[*ast.Field]int
	errs     []gqlError
	// refund is the requested cost not used (nodes not returned).
	refund int
}

type userError struct {
	field   []string
	message string
	// code is a DiscountUserError's DiscountErrorCode (TAKEN, BLANK, …).
	code string
}

type connection struct {
	nodes       []*customer
	cursors     []string
	hasNext     bool
	hasPrevious bool
	startCursor string
	endCursor   string
}

type edge struct {
	cursor string
	node   *customer
}

type webhookPayload struct {
	sub        *subscription
	userErrors []userError
}

type tagsPayload struct {
	node       *customer
	userErrors []userError
}

type money struct{ amount, currency string }

func (x *executor) fail(f *ast.Field, path []any, code, format string, args ...any) {
	ext := map[string]any{}
	if code != "" {
		ext["code"] = code
	}
	x.errs = append(x.errs, gqlError{Message: fmt.Sprintf(format, args...), Locations: loc(f.Position), Path: slices.Clone(path), Extensions: ext})
}

// collect flattens fields, inline fragments and fragment spreads that apply
// to the concrete type typ.
func (x *executor) collect(typ string, set ast.SelectionSet, out []*ast.Field) []*ast.Field {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if !skipped(sel.Directives, x.vars) {
				out = append(out, sel)
			}
		case *ast.InlineFragment:
			if fragmentApplies(sel.TypeCondition, typ) {
				out = x.collect(typ, sel.SelectionSet, out)
			}
		case *ast.FragmentSpread:
			if fd := x.doc.Fragments.ForName(sel.Name); fd != nil && fragmentApplies(fd.TypeCondition, typ) {
				out = x.collect(typ, fd.SelectionSet, out)
			}
		}
	}
	return out
}

// object resolves a selection on a value of the concrete type typ.
func (x *executor) object(typ string, val any, set ast.SelectionSet, path []any) *omap {
	out := newOmap()
	for _, f := range x.collect(typ, set, nil) {
		if out.has(f.Alias) {
			continue
		}
		fpath := append(slices.Clone(path), f.Alias)
		if f.Name == "__typename" {
			out.set(f.Alias, typ)
			continue
		}
		out.set(f.Alias, x.field(typ, val, f, fpath))
	}
	return out
}

func (x *executor) arg(f *ast.Field, name string) (any, bool) {
	a := f.Arguments.ForName(name)
	if a == nil {
		return nil, false
	}
	v, err := a.Value.Value(x.vars)
	if err != nil {
		return nil, false
	}
	return v, v != nil
}

func str(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func dateTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

func customerGID(id int64) string { return "gid://shopify/Customer/" + strconv.FormatInt(id, 10) }

func (x *executor) field(typ string, val any, f *ast.Field, path []any) any {
	switch typ {
	case queryRoot:
		switch f.Name {
		case "shop":
			return x.object("Shop", x.sh, f.SelectionSet, path)
		case "customers":
			c, ok := x.customers(f, path)
			if !ok {
				return nil
			}
			return x.object("CustomerConnection", c, f.SelectionSet, path)
		case "customersCount":
			return x.object("Count", x.customersCount(f), f.SelectionSet, path)
		case "customer":
			id, _ := x.arg(f, "id")
			c := x.findCustomer(fmt.Sprint(id))
			if c == nil {
				return nil
			}
			return x.object("Customer", c, f.SelectionSet, path)
		}
	case mutationRoot:
		switch f.Name {
		case "webhookSubscriptionCreate":
			p, ok := x.webhookSubscriptionCreate(f, path)
			if !ok {
				return nil
			}
			return x.object("WebhookSubscriptionCreatePayload", p, f.SelectionSet, path)
		case "tagsAdd", "tagsRemove":
			tag, payload := x.tagsAdd, "TagsAddPayload"
			if f.Name == "tagsRemove" {
				tag, payload = x.tagsRemove, "TagsRemovePayload"
			}
			p, ok := tag(f, path)
			if !ok {
				return nil
			}
			return x.object(payload, p, f.SelectionSet, path)
		case "discountCodeBasicCreate":
			p, ok := x.discountCodeBasicCreate(f, path)
			if !ok {
				return nil
			}
			return x.object("DiscountCodeBasicCreatePayload", p, f.SelectionSet, path)
		}
	case "Shop":
		sh := val.(*shop)
		switch f.Name {
		case "id":
			return "gid://shopify/Shop/" + strconv.FormatInt(sh.id, 10)
		case "name":
			return sh.name
		case "email", "contactEmail":
			return sh.email
		case "myshopifyDomain":
			return sh.domain
		case "currencyCode":
			return sh.currency
		case "ianaTimezone":
			return sh.timezone
		}
	case "CustomerConnection":
		c := val.(*connection)
		switch f.Name {
		case "edges":
			out := make([]any, len(c.nodes))
			for i, n := range c.nodes {
				out[i] = x.object("CustomerEdge", edge{cursor: c.cursors[i], node: n}, f.SelectionSet, append(slices.Clone(path), i))
			}
			return out
		case "nodes":
			out := make([]any, len(c.nodes))
			for i, n := range c.nodes {
				out[i] = x.object("Customer", n, f.SelectionSet, append(slices.Clone(path), i))
			}
			return out
		case "pageInfo":
			return x.object("PageInfo", c, f.SelectionSet, path)
		}
	case "CustomerEdge":
		e := val.(edge)
		switch f.Name {
		case "cursor":
			return e.cursor
		case "node":
			return x.object("Customer", e.node, f.SelectionSet, path)
		}
	case "Count":
		c := val.(count)
		switch f.Name {
		case "count":
			return c.n
		case "precision":
			return c.precision
		}
	case "PageInfo":
		c := val.(*connection)
		switch f.Name {
		case "hasNextPage":
			return c.hasNext
		case "hasPreviousPage":
			return c.hasPrevious
		case "startCursor":
			return str(c.startCursor)
		case "endCursor":
			return str(c.endCursor)
		}
	case "Customer":
		c := val.(*customer)
		switch f.Name {
		case "id":
			return customerGID(c.id)
		case "email":
			return str(c.email)
		case "firstName":
			return str(c.firstName)
		case "lastName":
			return str(c.lastName)
		case "displayName":
			if n := strings.TrimSpace(c.firstName + " " + c.lastName); n != "" {
				return n
			}
			return c.email
		case "phone":
			return str(c.phone)
		case "tags":
			return append([]string{}, c.tags...)
		case "createdAt":
			return dateTime(c.createdAt)
		case "updatedAt":
			return dateTime(c.updatedAt)
		case "numberOfOrders":
			return strconv.FormatInt(c.numberOfOrders, 10)
		case "verifiedEmail":
			return c.email != ""
		case "state":
			return "DISABLED"
		case "amountSpent":
			return x.object("MoneyV2", money{amount: c.amountSpent, currency: x.sh.currency}, f.SelectionSet, path)
		case "emailMarketingConsent":
			if c.email == "" {
				return nil
			}
			return x.object("CustomerEmailMarketingConsentState", c, f.SelectionSet, path)
		}
	case "MoneyV2":
		m := val.(money)
		switch f.Name {
		case "amount":
			return m.amount
		case "currencyCode":
			return m.currency
		}
	case "CustomerEmailMarketingConsentState":
		c := val.(*customer)
		switch f.Name {
		case "marketingState":
			return c.marketingState
		case "marketingOptInLevel":
			if c.marketingState == "SUBSCRIBED" {
				return "SINGLE_OPT_IN"
			}
			return nil
		case "consentUpdatedAt":
			return dateTime(c.consentAt)
		}
	case "WebhookSubscriptionCreatePayload":
		p := val.(*webhookPayload)
		switch f.Name {
		case "webhookSubscription":
			if p.sub == nil {
				return nil
			}
			return x.object("WebhookSubscription", p.sub, f.SelectionSet, path)
		case "userErrors":
			return x.userErrors("UserError", p.userErrors, f, path)
		}
	case "TagsAddPayload", "TagsRemovePayload":
		p := val.(*tagsPayload)
		switch f.Name {
		case "node":
			if p.node == nil {
				return nil
			}
			return x.object("Customer", p.node, f.SelectionSet, path)
		case "userErrors":
			return x.userErrors("UserError", p.userErrors, f, path)
		}
	case "UserError", "DiscountUserError":
		u := val.(userError)
		switch f.Name {
		case "field":
			if u.field == nil {
				return nil
			}
			return u.field
		case "message":
			return u.message
		case "code":
			return u.code
		case "extraInfo":
			return nil
		}
	case "WebhookSubscription":
		sub := val.(*subscription)
		switch f.Name {
		case "id":
			return "gid://shopify/WebhookSubscription/" + strconv.FormatInt(sub.id, 10)
		case "topic":
			return sub.topic
		case "format":
			return sub.format
		case "uri":
			return sub.callbackURL
		case "createdAt", "updatedAt":
			return dateTime(sub.createdAt)
		case "endpoint":
			return x.object("WebhookHttpEndpoint", sub, f.SelectionSet, path)
		}
	case "WebhookHttpEndpoint":
		if f.Name == "callbackUrl" {
			return val.(*subscription).callbackURL
		}
	}
	if v, ok := x.discountField(typ, val, f, path); ok {
		return v
	}
	if v, ok := x.inventoryField(typ, val, f, path); ok {
		return v
	}
	// The validator only lets schema fields through; this is a field of an
	// abstract type's other members (never reached) or a bug.
	x.fail(f, path, "", "Field '%s' doesn't exist on type '%s'", f.Name, typ)
	return nil
}

// userErrors resolves a mutation's userErrors, of type typ (UserError or
// a mutation's own kind, such as DiscountUserError).
func (x *executor) userErrors(typ string, errs []userError, f *ast.Field, path []any) []any {
	out := make([]any, len(errs))
	for i, u := range errs {
		out[i] = x.object(typ, u, f.SelectionSet, append(slices.Clone(path), i))
	}
	return out
}

func (x *executor) findCustomer(gid string) *customer {
	n, ok := strings.CutPrefix(gid, "gid://shopify/Customer/")
	if !ok {
		return nil
	}
	id, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		return nil
	}
	i, found := slices.BinarySearchFunc(x.sh.customers, id, func(c *customer, id int64) int { return cmp.Compare(c.id, id) })
	if !found {
		return nil
	}
	return x.sh.customers[i]
}

// count is a Count object.
type count struct {
	n         int
	precision string
}

// customersCount answers QueryRoot.customersCount: the customers matching
// query, at most limit (10,000 by default), with precision AT_LEAST when
// capped.
func (x *executor) customersCount(f *ast.Field) count {
	q := ""
	if v, ok := x.arg(f, "query"); ok && v != nil {
		q = fmt.Sprint(v)
	}
	limit := 10000
	if v, ok := x.arg(f, "limit"); ok {
		if n, err := strconv.Atoi(fmt.Sprint(v)); err == nil && n > 0 {
			limit = n
		}
	}
	n := 0
	for _, c := range x.sh.customers {
		if matchCustomer(c, q) {
			n++
		}
	}
	if n > limit {
		return count{n: limit, precision: "AT_LEAST"}
	}
	return count{n: n, precision: "EXACT"}
}

// customers answers QueryRoot.customers: filter, sort, then slice the
// window given by after/before and first/last.
func (x *executor) customers(f *ast.Field, path []any) (*connection, bool) {
	size, hasFirst, hasLast, ok := x.pageArgs(f, path)
	if !ok {
		return nil, false
	}

	sortKey := "ID"
	if v, ok := x.arg(f, "sortKey"); ok {
		sortKey = fmt.Sprint(v)
	}
	var key func(c *customer) string
	switch sortKey {
	case "ID", "RELEVANCE":
		key = nil
	case "CREATED_AT":
		key = func(c *customer) string { return c.createdAt.UTC().Format(time.RFC3339Nano) }
	case "UPDATED_AT":
		key = func(c *customer) string { return c.updatedAt.UTC().Format(time.RFC3339Nano) }
	case "NAME":
		key = func(c *customer) string { return strings.ToLower(c.firstName + " " + c.lastName) }
	default:
		x.fail(f, path, "argumentLiteralsIncompatible", "Argument 'sortKey' on Field 'customers' has an invalid value (%s). Expected type 'CustomerSortKeys'.", sortKey)
		return nil, false
	}
	q := ""
	if v, ok := x.arg(f, "query"); ok {
		q = fmt.Sprint(v)
	}
	list := make([]*customer, 0, len(x.sh.customers))
	for _, c := range x.sh.customers {
		if matchCustomer(c, q) {
			list = append(list, c)
		}
	}
	if key != nil {
		slices.SortStableFunc(list, func(a, b *customer) int {
			return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.id, b.id))
		})
	}
	if v, ok := x.arg(f, "reverse"); ok && v == true {
		slices.Reverse(list)
	}
	value := func(c *customer) string {
		if key == nil {
			return strconv.FormatInt(c.id, 10)
		}
		return key(c)
	}

	lo, hi, ok := pageWindow(x, f, path, list, func(c *customer) int64 { return c.id }, size, hasFirst, hasLast)
	if !ok {
		return nil, false
	}
	c := &connection{nodes: list[lo:hi], hasNext: hi < len(list), hasPrevious: lo > 0}
	for _, n := range c.nodes {
		c.cursors = append(c.cursors, encodeCursor(n.id, value(n)))
	}
	if len(c.cursors) > 0 {
		c.startCursor, c.endCursor = c.cursors[0], c.cursors[len(c.cursors)-1]
	}
	x.refund += (size - len(c.nodes)) * x.nodeCost[f]
	return c, true
}

// pageWindow is the part of list a connection field's after, before,
// first and last arguments select, as [lo, hi); it records an error and
// reports false for a cursor that names no element of list.
func pageWindow[T any](x *executor, f *ast.Field, path []any, list []T, id func(T) int64, size int, hasFirst, hasLast bool) (int, int, bool) {
	lo, hi := 0, len(list)
	for _, name := range []string{"after", "before"} {
		v, ok := x.arg(f, name)
		if !ok {
			continue
		}
		want, valid := decodeCursor(fmt.Sprint(v))
		idx := slices.IndexFunc(list, func(e T) bool { return id(e) == want })
		if !valid || idx < 0 {
			x.fail(f, path, "", "Invalid cursor for current pagination sort.")
			return 0, 0, false
		}
		if name == "after" {
			lo = idx + 1
		} else {
			hi = idx
		}
	}
	lo = min(lo, hi)
	if hasFirst && hi-lo > size {
		hi = lo + size
	} else if hasLast && !hasFirst && hi-lo > size {
		lo = hi - size
	}
	return lo, hi, true
}

// pageArgs reads a connection field's first and last arguments: the page
// size and which of them was given. It records an error and reports false
// when neither was, or one is not an Int in 0..maxPageSize.
func (x *executor) pageArgs(f *ast.Field, path []any) (size int, hasFirst, hasLast, ok bool) {
	firstV, hasFirst := x.arg(f, "first")
	lastV, hasLast := x.arg(f, "last")
	if !hasFirst && !hasLast {
		x.fail(f, path, "", "you must provide one of first or last")
		return 0, false, false, false
	}
	for _, a := range []struct {
		name string
		v    any
		has  bool
	}{{"first", firstV, hasFirst}, {"last", lastV, hasLast}} {
		if !a.has {
			continue
		}
		n, ok := intValue(a.v)
		if !ok || n < 0 {
			x.fail(f, path, "argumentLiteralsIncompatible", "Argument '%s' on Field '%s' has an invalid value (%v). Expected type 'Int'.", a.name, f.Name, a.v)
			return 0, false, false, false
		}
		if n > maxPageSize {
			x.fail(f, path, "", "The %s argument must be less than or equal to %d.", a.name, maxPageSize)
			return 0, false, false, false
		}
		size = n
	}
	return size, hasFirst, hasLast, true
}

// matchCustomer implements a subset of Shopify's search syntax: terms are
// ANDed; "field:value" matches email, first_name, last_name, phone, tag or
// id (a prefix * allowed at the value's end); a bare term matches email,
// names or phone, case-insensitively.
// compareTime answers a date filter such as >='2026-01-02T15:04:05Z'
// (comparators >, >=, <, <=, or none for equality); a value that is not a
// time matches nothing.
func compareTime(t time.Time, filter string) bool {
	op := ""
	for _, p := range []string{">=", "<=", ">", "<"} {
		if rest, found := strings.CutPrefix(filter, p); found {
			op, filter = p, rest
			break
		}
	}
	at, err := time.Parse(time.RFC3339, strings.Trim(filter, `"'`))
	if err != nil {
		return false
	}
	switch c := t.Compare(at); op {
	case ">=":
		return c >= 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case "<":
		return c < 0
	default:
		return c == 0
	}
}

func matchCustomer(c *customer, q string) bool {
	for _, term := range strings.Fields(q) {
		if strings.EqualFold(term, "AND") {
			continue
		}
		neg := strings.HasPrefix(term, "-")
		term = strings.TrimPrefix(term, "-")
		field, value, hasField := strings.Cut(term, ":")
		if !hasField {
			field, value = "", term
		}
		value = strings.ToLower(strings.Trim(value, `"'`))
		eq := func(s string) bool {
			s = strings.ToLower(s)
			if p, ok := strings.CutSuffix(value, "*"); ok {
				return strings.HasPrefix(s, p)
			}
			return s == value
		}
		var ok bool
		switch field {
		case "":
			for _, s := range []string{c.email, c.firstName, c.lastName, c.phone} {
				if strings.Contains(strings.ToLower(s), strings.TrimSuffix(value, "*")) && s != "" {
					ok = true
				}
			}
		case "email":
			ok = eq(c.email)
		case "first_name":
			ok = eq(c.firstName)
		case "last_name":
			ok = eq(c.lastName)
		case "phone":
			ok = eq(c.phone)
		case "id":
			ok = eq(strconv.FormatInt(c.id, 10))
		case "tag":
			ok = slices.ContainsFunc(c.tags, eq)
		case "updated_at":
			ok = compareTime(c.updatedAt, strings.SplitN(term, ":", 2)[1])
		default:
			ok = true // unknown filters are ignored, as Shopify does
		}
		if ok == neg {
			return false
		}
	}
	return true
}

func (x *executor) webhookSubscriptionCreate(f *ast.Field, path []any) (*webhookPayload, bool) {
	topicV, _ := x.arg(f, "topic")
	topic := fmt.Sprint(topicV)
	if _, ok := webhookTopics[topic]; !ok || complianceTopics[topic] {
		x.fail(f, path, "argumentLiteralsIncompatible",
			"Argument 'topic' on Field 'webhookSubscriptionCreate' has an invalid value (%s). Expected type 'WebhookSubscriptionTopic!'.", topic)
		return nil, false
	}
	in, _ := x.arg(f, "webhookSubscription")
	input, ok := in.(map[string]any)
	if !ok {
		x.fail(f, path, "argumentLiteralsIncompatible",
			"Argument 'webhookSubscription' on Field 'webhookSubscriptionCreate' has an invalid value. Expected type 'WebhookSubscriptionInput!'.")
		return nil, false
	}
	format := "JSON"
	if v, ok := input["format"]; ok && v != nil {
		format = fmt.Sprint(v)
		if format != "JSON" && format != "XML" {
			x.fail(f, path, "argumentLiteralsIncompatible", "Argument 'format' on InputObject 'WebhookSubscriptionInput' has an invalid value (%s). Expected type 'WebhookSubscriptionFormat'.", format)
			return nil, false
		}
	}
	addr, field := "", "callbackUrl"
	if v, ok := input["callbackUrl"].(string); ok {
		addr = v
	} else if v, ok := input["uri"].(string); ok {
		addr, field = v, "uri"
	}
	p := &webhookPayload{userErrors: []userError{}}
	u, err := url.Parse(addr)
	switch {
	case addr == "" || err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		p.userErrors = append(p.userErrors, userError{field: []string{"webhookSubscription", field}, message: "Address is invalid"})
		return p, true
	case slices.ContainsFunc(x.sh.subs, func(s *subscription) bool { return s.topic == topic && s.callbackURL == addr }):
		p.userErrors = append(p.userErrors, userError{field: []string{"webhookSubscription", field}, message: "Address for this topic has already been taken"})
		return p, true
	}
	x.sh.nextSubID++
	sub := &subscription{id: x.sh.nextSubID, topic: topic, callbackURL: addr, format: format, createdAt: x.s.now()}
	x.sh.subs = append(x.sh.subs, sub)
	p.sub = sub
	return p, true
}

func (x *executor) tagsAdd(f *ast.Field, path []any) (*tagsPayload, bool) {
	c, clean, p, ok := x.tagsArgs(f, path)
	if !ok || c == nil {
		return p, ok
	}
	for _, t := range clean {
		if !slices.ContainsFunc(c.tags, func(e string) bool { return strings.EqualFold(e, t) }) {
			c.tags = append(c.tags, t)
		}
	}
	slices.SortFunc(c.tags, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
	c.updatedAt = x.s.now()
	p.node = c
	return p, true
}

// tagsRemove answers Mutation.tagsRemove: the tags (case-insensitively)
// leave the customer; tags it does not have are ignored.
func (x *executor) tagsRemove(f *ast.Field, path []any) (*tagsPayload, bool) {
	c, clean, p, ok := x.tagsArgs(f, path)
	if !ok || c == nil {
		return p, ok
	}
	c.tags = slices.DeleteFunc(c.tags, func(e string) bool {
		return slices.ContainsFunc(clean, func(t string) bool { return strings.EqualFold(e, t) })
	})
	c.updatedAt = x.s.now()
	p.node = c
	return p, true
}

// tagsArgs reads tagsAdd's and tagsRemove's id and tags: the customer
// (nil, with a user error in p, when the arguments are refused) and the
// tags, trimmed and without blanks.
func (x *executor) tagsArgs(f *ast.Field, path []any) (*customer, []string, *tagsPayload, bool) {
	idV, _ := x.arg(f, "id")
	tagsV, _ := x.arg(f, "tags")
	var tags []string
	switch t := tagsV.(type) {
	case string:
		tags = strings.Split(t, ",")
	case []any:
		for _, v := range t {
			tags = append(tags, strings.Split(fmt.Sprint(v), ",")...)
		}
	default:
		x.fail(f, path, "argumentLiteralsIncompatible", "Argument 'tags' on Field '%s' has an invalid value. Expected type '[String!]!'.", f.Name)
		return nil, nil, nil, false
	}
	p := &tagsPayload{userErrors: []userError{}}
	c := x.findCustomer(fmt.Sprint(idV))
	if c == nil {
		p.userErrors = append(p.userErrors, userError{field: []string{"id"}, message: "Resource not found"})
		return nil, nil, p, true
	}
	var clean []string
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if len(t) > 255 {
			p.userErrors = append(p.userErrors, userError{field: []string{"tags"}, message: "Tag is too long (maximum is 255 characters)"})
			return nil, nil, p, true
		}
		clean = append(clean, t)
	}
	if len(clean) == 0 {
		p.userErrors = append(p.userErrors, userError{field: []string{"tags"}, message: "Tags can't be blank"})
		return nil, nil, p, true
	}
	return c, clean, p, true
}
