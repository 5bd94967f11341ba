package sandbox_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

const setMutation = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason referenceDocumentUri createdAt
      changes(quantityNames: ["available"]) { name delta quantityAfterChange item { id sku } location { id name } } }
    userErrors { code field message }
  }
}`

// setInput is an InventorySetQuantitiesInput for "available" with
// correction as the reason.
func setInput(quantities ...map[string]any) map[string]any {
	qs := make([]any, len(quantities))
	for i, q := range quantities {
		qs[i] = q
	}
	return map[string]any{"name": "available", "reason": "correction", "referenceDocumentUri": "switchboard://test", "quantities": qs}
}

func qty(p product, n int, from any) map[string]any {
	return map[string]any{"inventoryItemId": p.item, "locationId": p.location, "quantity": n, "changeFromQuantity": from}
}

func setPayload(t *testing.T, out map[string]any) map[string]any {
	t.Helper()
	require.Nil(t, out["errors"], "%v", out["errors"])
	return dig(out, "data", "inventorySetQuantities").(map[string]any)
}

func TestInventorySetQuantities(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)
	h := newHooks(t)
	e.subscribe(tok, h, "INVENTORY_LEVELS_UPDATE")
	ps := e.products(map[string]any{"title": "Hoodie", "sku": "hoodie", "available": 10, "price": "45.00"},
		map[string]any{"title": "Cap", "sku": "cap", "available": 5})
	hoodie, capItem := ps[0], ps[1]

	// A good call: both levels change at once, the changes are listed and
	// each changed level sends inventory_levels/update after the answer.
	in := setInput(qty(hoodie, 12, 10), qty(capItem, 3, 5))
	status, out, raw := e.graphql(tok, setMutation, map[string]any{"input": in, "key": "k1"})
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, 10.0, dig(out, "extensions", "cost", "requestedQueryCost"))
	p := setPayload(t, out)
	require.Empty(t, p["userErrors"], string(raw))
	group := p["inventoryAdjustmentGroup"].(map[string]any)
	require.Regexp(t, `^gid://shopify/InventoryAdjustmentGroup/\d+$`, group["id"])
	require.Equal(t, "correction", group["reason"])
	require.Equal(t, "switchboard://test", group["referenceDocumentUri"])
	require.Equal(t, "2025-11-03T09:00:00Z", group["createdAt"])
	require.JSONEq(t, `[
		{"name":"available","delta":2,"quantityAfterChange":12,"item":{"id":"`+hoodie.item+`","sku":"hoodie"},"location":{"id":"`+hoodie.location+`","name":"Shop location"}},
		{"name":"available","delta":-2,"quantityAfterChange":3,"item":{"id":"`+capItem.item+`","sku":"cap"},"location":{"id":"`+capItem.location+`","name":"Shop location"}}]`,
		mustJSON(t, group["changes"]))
	require.Equal(t, 12, e.available("hoodie"))
	require.Equal(t, 3, e.available("cap"))
	e.sb.FlushWebhooks()
	got := h.take()
	require.Equal(t, []string{"inventory_levels/update", "inventory_levels/update"}, topics(got))
	require.Equal(t, 12.0, got[0].body["available"])
	require.Equal(t, 3.0, got[1].body["available"])
	require.Equal(t, "2025-11-03T04:00:00-05:00", got[0].body["updated_at"], "in the shop's time zone, with its offset")

	// The same key and input again: the first answer, nothing changed
	// again (the changeFromQuantity values are stale by now, which does
	// not matter for a replay), no webhook.
	_, out, _ = e.graphql(tok, setMutation, map[string]any{"input": in, "key": "k1"})
	replay := setPayload(t, out)
	require.Equal(t, group["id"], dig(replay, "inventoryAdjustmentGroup", "id"))
	require.Equal(t, 12, e.available("hoodie"))
	e.sb.FlushWebhooks()
	require.Empty(t, h.take())

	// The same key with another input: refused.
	_, out, _ = e.graphql(tok, setMutation, map[string]any{"input": setInput(qty(hoodie, 20, 12)), "key": "k1"})
	require.JSONEq(t, `{"inventoryAdjustmentGroup":null,"userErrors":[{"code":"IDEMPOTENCY_KEY_PARAMETER_MISMATCH","field":null,
		"message":"The same idempotency key cannot be used with different operation parameters."}]}`, mustJSON(t, setPayload(t, out)))

	// A stale changeFromQuantity refuses the whole call: the good quantity
	// before it is not applied either.
	_, out, _ = e.graphql(tok, setMutation, map[string]any{"input": setInput(qty(hoodie, 30, 12), qty(capItem, 9, 4)), "key": "k2"})
	require.JSONEq(t, `{"inventoryAdjustmentGroup":null,"userErrors":[{"code":"CHANGE_FROM_QUANTITY_STALE",
		"field":["input","quantities","1","changeFromQuantity"],"message":"The changeFromQuantity argument no longer matches the persisted quantity."}]}`,
		mustJSON(t, setPayload(t, out)))
	require.Equal(t, 12, e.available("hoodie"))
	require.Equal(t, 3, e.available("cap"))

	// An explicit null opts out of the check.
	_, out, _ = e.graphql(tok, setMutation, map[string]any{"input": setInput(qty(capItem, 7, nil)), "key": "k3"})
	require.Empty(t, setPayload(t, out)["userErrors"])
	require.Equal(t, 7, e.available("cap"))

	c, err := e.sb.Counters(testShop)
	require.NoError(t, err)
	require.Equal(t, 5, c.InventorySets)
	require.Equal(t, 1, c.StaleRefusals)
	require.Equal(t, 1, c.IdempotentReplays)
}

func TestInventorySetQuantitiesRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)
	ps := e.products(map[string]any{"title": "Hoodie", "sku": "hoodie", "available": 10},
		map[string]any{"title": "Elsewhere", "sku": "elsewhere", "available": 0, "stocked": false})
	hoodie := ps[0]

	t.Run("no @idempotent directive", func(t *testing.T) {
		_, out, raw := e.graphql(tok, `mutation($input: InventorySetQuantitiesInput!) {
			inventorySetQuantities(input: $input) { userErrors { code } } }`, map[string]any{"input": setInput(qty(hoodie, 1, 10))})
		require.Equal(t, "BAD_REQUEST", dig(out, "errors", 0, "extensions", "code"), string(raw))
		require.Equal(t, "The @idempotent directive is required for this mutation but was not provided.", dig(out, "errors", 0, "message"))
		require.Nil(t, dig(out, "data", "inventorySetQuantities"))
	})
	t.Run("no changeFromQuantity", func(t *testing.T) {
		q := qty(hoodie, 1, 10)
		delete(q, "changeFromQuantity")
		_, out, raw := e.graphql(tok, setMutation, map[string]any{"input": setInput(q), "key": "x1"})
		require.Equal(t, "INVALID_FIELD_ARGUMENTS", dig(out, "errors", 0, "extensions", "code"), string(raw))
		require.Equal(t, "InventoryQuantityInput must include the following argument: changeFromQuantity.", dig(out, "errors", 0, "message"))
	})
	t.Run("compareQuantity is gone", func(t *testing.T) {
		q := qty(hoodie, 1, 10)
		q["compareQuantity"] = 10
		_, out, raw := e.graphql(tok, setMutation, map[string]any{"input": setInput(q), "key": "x2"})
		require.Equal(t, "INVALID_VARIABLE", dig(out, "errors", 0, "extensions", "code"), string(raw))
		require.Equal(t, "Variable $input of type InventorySetQuantitiesInput! was provided invalid value for "+
			"quantities.0.compareQuantity (Field is not defined on InventoryQuantityInput)", dig(out, "errors", 0, "message"))
		require.Nil(t, out["data"])
	})
	t.Run("ignoreCompareQuantity is gone", func(t *testing.T) {
		in := setInput(qty(hoodie, 1, 10))
		in["ignoreCompareQuantity"] = true
		_, out, _ := e.graphql(tok, setMutation, map[string]any{"input": in, "key": "x3"})
		require.Contains(t, dig(out, "errors", 0, "message"), "ignoreCompareQuantity (Field is not defined on InventorySetQuantitiesInput)")
	})
	t.Run("compareQuantity in a literal", func(t *testing.T) {
		_, out, raw := e.graphql(tok, `mutation { inventorySetQuantities(input: {name: "available", reason: "correction",
			quantities: [{inventoryItemId: "`+hoodie.item+`", locationId: "`+hoodie.location+`", quantity: 1, compareQuantity: 10}]})
			@idempotent(key: "x4") { userErrors { code } } }`, nil)
		require.Equal(t, "argumentNotAccepted", dig(out, "errors", 0, "extensions", "code"), string(raw))
		require.Equal(t, "InputObject 'InventoryQuantityInput' doesn't accept argument 'compareQuantity'", dig(out, "errors", 0, "message"))
	})
	t.Run("literal input", func(t *testing.T) {
		_, out, raw := e.graphql(tok, `mutation { inventorySetQuantities(input: {name: "available", reason: "correction",
			quantities: [{inventoryItemId: "`+hoodie.item+`", locationId: "`+hoodie.location+`", quantity: 11, changeFromQuantity: 10}]})
			@idempotent(key: "x5") { inventoryAdjustmentGroup { changes { name delta } } userErrors { code } } }`, nil)
		require.Nil(t, out["errors"], string(raw))
		require.JSONEq(t, `[{"name":"available","delta":1},{"name":"on_hand","delta":1}]`,
			mustJSON(t, dig(out, "data", "inventorySetQuantities", "inventoryAdjustmentGroup", "changes")))
		require.Equal(t, 11, e.available("hoodie"))
	})

	for _, tc := range []struct {
		name, code string
		field      []any
		input      map[string]any
	}{
		{"name", "INVALID_NAME", []any{"input", "name"}, func() map[string]any {
			in := setInput(qty(hoodie, 1, nil))
			in["name"] = "committed"
			return in
		}()},
		{"reason", "INVALID_REASON", []any{"input", "reason"}, func() map[string]any {
			in := setInput(qty(hoodie, 1, nil))
			in["reason"] = "kept equal"
			return in
		}()},
		{"item", "INVALID_INVENTORY_ITEM", []any{"input", "quantities", "0", "inventoryItemId"},
			setInput(map[string]any{"inventoryItemId": "gid://shopify/InventoryItem/1", "locationId": hoodie.location, "quantity": 1, "changeFromQuantity": nil})},
		{"location", "INVALID_LOCATION", []any{"input", "quantities", "0", "locationId"},
			setInput(map[string]any{"inventoryItemId": hoodie.item, "locationId": "gid://shopify/Location/1", "quantity": 1, "changeFromQuantity": nil})},
		{"not stocked", "ITEM_NOT_STOCKED_AT_LOCATION", []any{"input", "quantities", "0", "inventoryItemId"}, setInput(qty(ps[1], 1, nil))},
		{"negative", "INVALID_QUANTITY_NEGATIVE", []any{"input", "quantities", "0", "quantity"}, setInput(qty(hoodie, -1, nil))},
		{"duplicate", "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR", []any{"input", "quantities", "1", "inventoryItemId"},
			setInput(qty(hoodie, 1, nil), qty(hoodie, 2, nil))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, out, raw := e.graphql(tok, setMutation, map[string]any{"input": tc.input, "key": "refuse-" + tc.name})
			p := setPayload(t, out)
			require.Nil(t, p["inventoryAdjustmentGroup"])
			require.Equal(t, tc.code, dig(p, "userErrors", 0, "code"), string(raw))
			require.Equal(t, tc.field, dig(p, "userErrors", 0, "field"))
			require.NotEmpty(t, dig(p, "userErrors", 0, "message"))
		})
	}
	require.Equal(t, 11, e.available("hoodie"), "no refused call changed anything")
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
