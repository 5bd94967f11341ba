package sandbox_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

const discountMutation = `mutation Create($d: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $d) {
    codeDiscountNode { id codeDiscount { __typename ... on DiscountCodeBasic {
      title status summary startsAt endsAt usageLimit appliesOncePerCustomer
      codes(first: 1) { nodes { code } edges { cursor node { id code } } pageInfo { hasNextPage endCursor } } } } }
    userErrors { field code message extraInfo }
  }
}`

func discountInput(code string) map[string]any {
	return map[string]any{
		"title": "Thank you " + code, "code": code, "startsAt": "2025-11-03T09:00:00Z", "endsAt": "2025-12-03T09:00:00Z",
		"customerSelection":      map[string]any{"all": true},
		"customerGets":           map[string]any{"value": map[string]any{"percentage": 0.15}, "items": map[string]any{"all": true}},
		"appliesOncePerCustomer": true, "usageLimit": 1,
	}
}

// payload returns data.discountCodeBasicCreate re-encoded, for exact
// comparisons of Shopify's shapes.
func payload(t *testing.T, out map[string]any) string {
	t.Helper()
	require.Nil(t, out["errors"], "%v", out["errors"])
	b, err := json.Marshal(out["data"].(map[string]any)["discountCodeBasicCreate"])
	require.NoError(t, err)
	return string(b)
}

func TestDiscountCodeBasicCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)

	status, out, _ := e.graphql(tok, discountMutation, map[string]any{"d": discountInput("SB-ABCD2345")})
	require.Equal(t, http.StatusOK, status)
	got := payload(t, out)
	require.JSONEq(t, `{"codeDiscountNode":{"id":"gid://shopify/DiscountCodeNode/1057000001","codeDiscount":{
		"__typename":"DiscountCodeBasic","title":"Thank you SB-ABCD2345","status":"ACTIVE",
		"summary":"15% off entire order • One use per customer","startsAt":"2025-11-03T09:00:00Z","endsAt":"2025-12-03T09:00:00Z",
		"usageLimit":1,"appliesOncePerCustomer":true,
		"codes":{"nodes":[{"code":"SB-ABCD2345"}],"edges":[{"cursor":"`+cursorOf(t, out)+`","node":{"id":"gid://shopify/DiscountRedeemCode/21057000001","code":"SB-ABCD2345"}}],
			"pageInfo":{"hasNextPage":false,"endCursor":"`+cursorOf(t, out)+`"}}}},"userErrors":[]}`, got)

	// The same code again, in another case: Shopify's TAKEN user error,
	// and nothing created.
	_, out, _ = e.graphql(tok, discountMutation, map[string]any{"d": discountInput("sb-abcd2345")})
	require.JSONEq(t, `{"codeDiscountNode":null,"userErrors":[{"field":["basicCodeDiscount","code"],"code":"TAKEN",
		"message":"Code must be unique. Please try a different code.","extraInfo":null}]}`, payload(t, out))

	st, err := e.sb.Shop(testShop)
	require.NoError(t, err)
	require.Len(t, st.Discounts, 1)
	d := st.Discounts[0]
	require.Equal(t, "SB-ABCD2345", d.Code)
	require.Equal(t, 0.15, d.Percentage)
	require.Equal(t, 1, *d.UsageLimit)
	require.True(t, d.AppliesOncePerCustomer)
	require.NotNil(t, d.EndsAt)

	// The control API shows the codes too.
	code, state := e.control(http.MethodGet, "/_control/shops/"+testShop, nil)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "SB-ABCD2345", state["discounts"].([]any)[0].(map[string]any)["code"])
}

func TestDiscountCodeBasicCreateValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)

	in := discountInput("SB-BAD")
	in["title"] = " "
	delete(in, "startsAt")
	in["customerGets"] = map[string]any{"value": map[string]any{"percentage": 1.5}, "items": map[string]any{"all": true}}
	delete(in, "customerSelection")
	in["usageLimit"] = 0
	_, out, _ := e.graphql(tok, discountMutation, map[string]any{"d": in})
	var p struct {
		Node       any `json:"codeDiscountNode"`
		UserErrors []struct {
			Field []string `json:"field"`
			Code  string   `json:"code"`
		} `json:"userErrors"`
	}
	require.NoError(t, json.Unmarshal([]byte(payload(t, out)), &p))
	require.Nil(t, p.Node)
	var codes []string
	for _, u := range p.UserErrors {
		codes = append(codes, u.Field[len(u.Field)-1]+":"+u.Code)
		require.Equal(t, "basicCodeDiscount", u.Field[0])
	}
	require.Equal(t, []string{"title:BLANK", "startsAt:BLANK", "context:BLANK", "percentage:VALUE_OUTSIDE_RANGE", "usageLimit:GREATER_THAN"}, codes)

	in = discountInput("SB-LATE")
	in["endsAt"] = "2025-11-01T00:00:00Z"
	_, out, _ = e.graphql(tok, discountMutation, map[string]any{"d": in})
	require.JSONEq(t, `{"codeDiscountNode":null,"userErrors":[{"field":["basicCodeDiscount","endsAt"],"code":"INVALID",
		"message":"Ends at needs to be after starts_at","extraInfo":null}]}`, payload(t, out))

	// The 2026-04 context input works as well as the deprecated customerSelection.
	in = discountInput("SB-CONTEXT")
	delete(in, "customerSelection")
	in["context"] = map[string]any{"all": "ALL"}
	delete(in, "endsAt")
	_, out, _ = e.graphql(tok, discountMutation, map[string]any{"d": in})
	require.Contains(t, payload(t, out), `"endsAt":null`)

	st, err := e.sb.Shop(testShop)
	require.NoError(t, err)
	require.Len(t, st.Discounts, 1)
	require.Nil(t, st.Discounts[0].EndsAt)

	// A document asking for something the schema lacks is a GraphQL error.
	_, out, _ = e.graphql(tok, `mutation { discountCodeBasicCreate(basicCodeDiscount: {code: "X"}) { codeDiscountNode { nope } userErrors { field } } }`, nil)
	require.NotNil(t, out["errors"])
}

// cursorOf is the first edge's cursor of a discountCodeBasicCreate answer.
func cursorOf(t *testing.T, out map[string]any) string {
	t.Helper()
	node := out["data"].(map[string]any)["discountCodeBasicCreate"].(map[string]any)["codeDiscountNode"].(map[string]any)
	edges := node["codeDiscount"].(map[string]any)["codes"].(map[string]any)["edges"].([]any)
	return edges[0].(map[string]any)["cursor"].(string)
}
