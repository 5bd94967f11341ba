package sandbox

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// inventorySetQuantities as Admin API 2026-04 defines it: absolute
// quantities, compare-and-set on every quantity's changeFromQuantity
// (which must be given, null to opt out), all or nothing, and a required
// @idempotent(key:) directive.

// setReasons are the reasons Shopify accepts for inventory changes.
var setReasons = []string{"correction", "cycle_count_available", "damaged", "movement_created", "movement_updated",
	"movement_received", "movement_canceled", "other", "promotion", "quality_control", "received",
	"reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage"}

// maxQuantity is the largest quantity Shopify keeps.
const maxQuantity = 1_000_000_000

// idempotencyTTL is how long the sandbox remembers an idempotency key
// (an assumption: Shopify documents a retention window without the
// figure the sandbox could find).
const idempotencyTTL = 24 * time.Hour

// Shopify's wording for the 2026-04 runtime errors, as live stores answer
// them.
const (
	idempotentRequired = "The @idempotent directive is required for this mutation but was not provided."
	changeFromRequired = "InventoryQuantityInput must include the following argument: changeFromQuantity."
)

// idempotent is the remembered outcome of a call with an idempotency key.
type idempotent struct {
	input   string
	payload *setPayload
	at      time.Time
}

// setPayload is an InventorySetQuantitiesPayload.
type setPayload struct {
	group      *adjustmentGroup
	userErrors []userError
}

// adjustmentGroup is an InventoryAdjustmentGroup.
type adjustmentGroup struct {
	id        int64
	reason    string
	uri       string
	createdAt time.Time
	changes   []change
}

// change is an InventoryChange.
type change struct {
	name         string
	delta, after int
	item         *inventoryItem
}

// idempotencyKey reads the field's @idempotent(key:) directive; it records
// Shopify's error and reports false when there is none or the key is
// blank.
func (x *executor) idempotencyKey(f *ast.Field, path []any) (string, bool) {
	d := f.Directives.ForName("idempotent")
	if d == nil {
		x.fail(f, path, "BAD_REQUEST", idempotentRequired)
		return "", false
	}
	var key string
	if a := d.Arguments.ForName("key"); a != nil {
		v, err := a.Value.Value(x.vars)
		if err == nil {
			key, _ = v.(string)
		}
	}
	if key == "" || len(key) > 255 {
		x.fail(f, path, "BAD_REQUEST", "The @idempotent directive needs a key of 1 to 255 characters.")
		return "", false
	}
	return key, true
}

func (x *executor) inventorySetQuantities(f *ast.Field, path []any) (*setPayload, bool) {
	v, _ := x.arg(f, "input")
	input, ok := v.(map[string]any)
	if !ok {
		x.fail(f, path, "argumentLiteralsIncompatible",
			"Argument 'input' on Field 'inventorySetQuantities' has an invalid value. Expected type 'InventorySetQuantitiesInput!'.")
		return nil, false
	}
	key, ok := x.idempotencyKey(f, path)
	if !ok {
		return nil, false
	}
	quantities, _ := input["quantities"].([]any)
	for _, q := range quantities {
		if m, _ := q.(map[string]any); m != nil {
			if _, given := m["changeFromQuantity"]; !given {
				x.fail(f, path, "INVALID_FIELD_ARGUMENTS", changeFromRequired)
				return nil, false
			}
		}
	}
	fingerprint, err := json.Marshal(input)
	if err != nil {
		x.fail(f, path, "", "Invalid input: %v", err)
		return nil, false
	}
	st, now := x.sh.stock, x.s.now()
	x.sh.counters.InventorySets++
	if rec := st.idempotency[key]; rec != nil && now.Sub(rec.at) < idempotencyTTL {
		if rec.input != string(fingerprint) {
			return &setPayload{userErrors: []userError{{code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
				message: "The same idempotency key cannot be used with different operation parameters."}}}, true
		}
		x.sh.counters.IdempotentReplays++
		return rec.payload, true
	}
	p, ok := x.setQuantities(f, path, input, quantities)
	if !ok {
		return nil, false
	}
	if len(st.idempotency) >= 10000 {
		for k, rec := range st.idempotency {
			if now.Sub(rec.at) >= idempotencyTTL {
				delete(st.idempotency, k)
			}
		}
	}
	st.idempotency[key] = &idempotent{input: string(fingerprint), payload: p, at: now}
	return p, true
}

// planned is one quantity of a call that passed every check.
type planned struct {
	item *inventoryItem
	to   int
}

// setQuantities checks every quantity and, when none fails, applies them
// all, queues an inventory_levels/update per changed level and returns
// the adjustment group. It reports false after a GraphQL error.
func (x *executor) setQuantities(f *ast.Field, path []any, input map[string]any, quantities []any) (*setPayload, bool) {
	st := x.sh.stock
	p := &setPayload{userErrors: []userError{}}
	bad := func(code, message string, field ...string) {
		p.userErrors = append(p.userErrors, userError{field: append([]string{"input"}, field...), code: code, message: message})
	}
	name, reason := stringValue(input["name"]), stringValue(input["reason"])
	uri := stringValue(input["referenceDocumentUri"])
	if name != "available" && name != "on_hand" {
		bad("INVALID_NAME", "The quantity name must be either 'available' or 'on_hand'.", "name")
	}
	if !slices.Contains(setReasons, reason) {
		bad("INVALID_REASON", "The specified reason is invalid.", "reason")
	}
	if u, err := url.Parse(uri); uri != "" && (err != nil || u.Scheme == "") {
		bad("INVALID_REFERENCE_DOCUMENT", "The specified reference document is invalid.", "referenceDocumentUri")
	}
	var plan []planned
	stale := false
	for i, raw := range quantities {
		q, _ := raw.(map[string]any)
		at := func(field string) []string { return []string{"quantities", strconv.Itoa(i), field} }
		n, isInt := intValue(q["quantity"])
		from, fromInt := intValue(q["changeFromQuantity"])
		if !isInt || (q["changeFromQuantity"] != nil && !fromInt) {
			x.fail(f, path, "argumentLiteralsIncompatible", "Argument 'quantities' on InputObject 'InventorySetQuantitiesInput' has an invalid value. Expected type 'Int'.")
			return nil, false
		}
		it := st.item(stringValue(q["inventoryItemId"]))
		switch {
		case it == nil:
			bad("INVALID_INVENTORY_ITEM", "The specified inventory item could not be found.", at("inventoryItemId")...)
		case stringValue(q["locationId"]) != st.location.gid():
			bad("INVALID_LOCATION", "The specified location could not be found.", at("locationId")...)
		case !it.stocked:
			bad("ITEM_NOT_STOCKED_AT_LOCATION", "The specified inventory item is not stocked at the location.", at("inventoryItemId")...)
		case n < 0:
			bad("INVALID_QUANTITY_NEGATIVE", "The quantity can't be negative.", at("quantity")...)
		case n > maxQuantity:
			bad("INVALID_QUANTITY_TOO_HIGH", "The total quantity can't be higher than 1,000,000,000.", at("quantity")...)
		case slices.ContainsFunc(plan, func(pl planned) bool { return pl.item == it }):
			bad("NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR", "The combination of inventoryItemId and locationId must be unique.", at("inventoryItemId")...)
		case q["changeFromQuantity"] != nil && from != it.available:
			bad("CHANGE_FROM_QUANTITY_STALE", "The changeFromQuantity argument no longer matches the persisted quantity.", at("changeFromQuantity")...)
			stale = true
		default:
			plan = append(plan, planned{item: it, to: n})
		}
	}
	if stale {
		x.sh.counters.StaleRefusals++
	}
	if len(p.userErrors) > 0 {
		return p, true
	}
	now := x.s.now()
	st.nextGroupID++
	g := &adjustmentGroup{id: st.nextGroupID, reason: reason, uri: uri, createdAt: now}
	var events []pending
	for _, pl := range plan {
		delta := pl.to - pl.item.available
		if delta == 0 {
			continue
		}
		pl.item.available, pl.item.updatedAt = pl.to, now
		g.changes = append(g.changes, change{name: "available", delta: delta, after: pl.to, item: pl.item},
			change{name: "on_hand", delta: delta, after: pl.to, item: pl.item})
		ev, err := x.s.eventLocked(x.sh, "INVENTORY_LEVELS_UPDATE", x.s.levelPayloadLocked(x.sh, pl.item))
		if err != nil {
			x.fail(f, path, "", "%v", err)
			return nil, false
		}
		events = append(events, ev)
	}
	x.sh.queueLocked(events)
	p.group = g
	return p, true
}

// setPayloadField resolves InventorySetQuantitiesPayload,
// InventoryAdjustmentGroup and InventoryChange.
func (x *executor) setPayloadField(typ string, val any, f *ast.Field, path []any) any {
	switch typ {
	case "InventorySetQuantitiesPayload":
		p := val.(*setPayload)
		switch f.Name {
		case "inventoryAdjustmentGroup":
			if p.group == nil {
				return nil
			}
			return x.object("InventoryAdjustmentGroup", p.group, f.SelectionSet, path)
		case "userErrors":
			return x.userErrors("InventorySetQuantitiesUserError", p.userErrors, f, path)
		}
	case "InventoryAdjustmentGroup":
		g := val.(*adjustmentGroup)
		switch f.Name {
		case "id":
			return gid("InventoryAdjustmentGroup", g.id)
		case "reason":
			return g.reason
		case "referenceDocumentUri":
			return str(g.uri)
		case "createdAt":
			return dateTime(g.createdAt)
		case "changes":
			return x.changes(g, f, path)
		}
	case "InventoryChange":
		c := val.(change)
		switch f.Name {
		case "name":
			return c.name
		case "delta":
			return c.delta
		case "quantityAfterChange":
			return c.after
		case "ledgerDocumentUri":
			return nil
		case "item":
			return x.object("InventoryItem", c.item, f.SelectionSet, path)
		case "location":
			return x.object("Location", x.sh.stock.location, f.SelectionSet, path)
		}
	}
	return nil
}

// changes answers InventoryAdjustmentGroup.changes, filtered by the
// quantityNames, inventoryItemIds and locationIds given.
func (x *executor) changes(g *adjustmentGroup, f *ast.Field, path []any) any {
	allowed := func(arg, v string) bool {
		list, given := x.arg(f, arg)
		if !given {
			return true
		}
		vs, _ := list.([]any)
		return slices.ContainsFunc(vs, func(e any) bool { return fmt.Sprint(e) == v })
	}
	out := []any{}
	for _, c := range g.changes {
		if !allowed("quantityNames", c.name) || !allowed("inventoryItemIds", gid("InventoryItem", c.item.id)) ||
			!allowed("locationIds", x.sh.stock.location.gid()) {
			continue
		}
		out = append(out, x.object("InventoryChange", c, f.SelectionSet, append(slices.Clone(path), len(out))))
	}
	return out
}
