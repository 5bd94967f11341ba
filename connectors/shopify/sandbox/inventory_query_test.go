package sandbox_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

func TestLocation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)
	_, out, raw := e.graphql(tok, `{ location { id name isActive } }`, nil)
	require.Nil(t, out["errors"], string(raw))
	id := dig(out, "data", "location", "id").(string)
	require.Regexp(t, `^gid://shopify/Location/\d+$`, id)
	require.Equal(t, "Shop location", dig(out, "data", "location", "name"))
	require.Equal(t, 1.0, dig(out, "extensions", "cost", "requestedQueryCost"))

	_, out, _ = e.graphql(tok, `query($id: ID) { location(id: $id) { name } }`, map[string]any{"id": id})
	require.Equal(t, "Shop location", dig(out, "data", "location", "name"))
	_, out, _ = e.graphql(tok, `{ location(id: "gid://shopify/Location/1") { name } }`, nil)
	require.Nil(t, dig(out, "data", "location"))
}

const itemsQuery = `query($first: Int!, $after: String, $query: String, $loc: ID!) {
  inventoryItems(first: $first, after: $after, query: $query) {
    edges { cursor node { id } }
    nodes { id sku tracked variant { id title displayName sku product { id title } }
      inventoryLevel(locationId: $loc) { id location { id name } quantities(names: ["available", "on_hand", "committed"]) { name quantity } } }
    pageInfo { hasNextPage endCursor }
  }
}`

func TestInventoryItems(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)
	var seeds []map[string]any
	for i := range 25 {
		seeds = append(seeds, map[string]any{"title": fmt.Sprintf("Product %02d", i), "sku": fmt.Sprintf("sku-%02d", i), "available": i})
	}
	seeds = append(seeds, map[string]any{"title": "Untracked", "sku": "untracked", "tracked": false},
		map[string]any{"title": "Poster", "variantTitle": "Large", "noSku": true, "available": 3},
		map[string]any{"title": "Not here", "sku": "elsewhere", "stocked": false})
	ps := e.products(seeds...)
	loc := ps[0].location

	var ids []string
	after := any(nil)
	for page := 0; ; page++ {
		status, out, raw := e.graphql(tok, itemsQuery, map[string]any{"first": 10, "after": after, "loc": loc})
		require.Equal(t, http.StatusOK, status)
		require.Nil(t, out["errors"], string(raw))
		// nodes: 1 + variant 2 + inventoryLevel (1 + location 1 + quantities 1)
		// = 6 per item; edges' node 1 more.
		require.Equal(t, 2.0+10*7, dig(out, "extensions", "cost", "requestedQueryCost"))
		conn := dig(out, "data", "inventoryItems")
		nodes := dig(conn, "nodes").([]any)
		require.Equal(t, 2.0+float64(len(nodes))*7, dig(out, "extensions", "cost", "actualQueryCost"))
		for i, n := range nodes {
			ids = append(ids, dig(n, "id").(string))
			require.Equal(t, dig(n, "id"), dig(conn, "edges", i, "node", "id"))
		}
		if page == 0 {
			require.JSONEq(t, `{"id":"`+ps[0].item+`","sku":"sku-00","tracked":true,
				"variant":{"id":"`+ps[0].variant+`","title":"Default Title","displayName":"Product 00 - Default Title","sku":"sku-00",
					"product":{"id":"`+ps[0].product+`","title":"Product 00"}},
				"inventoryLevel":{"id":"gid://shopify/InventoryLevel/`+loc[len("gid://shopify/Location/"):]+`?inventory_item_id=`+ps[0].item[len("gid://shopify/InventoryItem/"):]+`",
					"location":{"id":"`+loc+`","name":"Shop location"},
					"quantities":[{"name":"available","quantity":0},{"name":"on_hand","quantity":0},{"name":"committed","quantity":0}]}}`,
				mustJSON(t, nodes[0]))
		}
		if dig(conn, "pageInfo", "hasNextPage") != true {
			require.Len(t, nodes, 8)
			break
		}
		after = dig(conn, "pageInfo", "endCursor")
		require.Equal(t, after, dig(conn, "edges", 9, "cursor"))
		require.Less(t, page, 5)
	}
	want := make([]string, len(ps))
	for i, p := range ps {
		want[i] = p.item
	}
	require.Equal(t, want, ids, "every item once, in id order")

	// The untracked item and the one without a SKU are listed as such; the
	// one not stocked here has no level at the location.
	_, out, _ := e.graphql(tok, itemsQuery, map[string]any{"first": 10, "query": "sku:untracked", "loc": loc})
	require.Equal(t, false, dig(out, "data", "inventoryItems", "nodes", 0, "tracked"))
	_, out, _ = e.graphql(tok, itemsQuery, map[string]any{"first": 10, "query": "id:" + ps[26].item[len("gid://shopify/InventoryItem/"):], "loc": loc})
	require.Nil(t, dig(out, "data", "inventoryItems", "nodes", 0, "sku"))
	require.Equal(t, "Poster - Large", dig(out, "data", "inventoryItems", "nodes", 0, "variant", "displayName"))
	_, out, _ = e.graphql(tok, itemsQuery, map[string]any{"first": 10, "query": "sku:elsewhere", "loc": loc})
	require.Len(t, dig(out, "data", "inventoryItems", "nodes"), 1)
	require.Nil(t, dig(out, "data", "inventoryItems", "nodes", 0, "inventoryLevel"))
	_, out, _ = e.graphql(tok, itemsQuery, map[string]any{"first": 10, "query": "sku:sku-1*", "loc": loc})
	require.Len(t, dig(out, "data", "inventoryItems", "nodes"), 10)

	// A bad cursor, and first above 250, are GraphQL errors.
	_, out, _ = e.graphql(tok, itemsQuery, map[string]any{"first": 10, "after": "bm9wZQ==", "loc": loc})
	require.Equal(t, "Invalid cursor for current pagination sort.", dig(out, "errors", 0, "message"))
	_, out, _ = e.graphql(tok, itemsQuery, map[string]any{"first": 251, "loc": loc})
	require.NotNil(t, out["errors"])
}

func TestNodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok, _ := e.token(false)
	ps := e.products(map[string]any{"title": "Hoodie", "sku": "hoodie", "available": 4},
		map[string]any{"title": "Cap", "sku": "cap", "available": 9})
	loc := ps[0].location
	const q = `query($ids: [ID!]!, $loc: ID!) { nodes(ids: $ids) { __typename id
		... on InventoryItem { sku inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } } }`
	_, out, raw := e.graphql(tok, q, map[string]any{"ids": []string{ps[1].item, "gid://shopify/InventoryItem/1", ps[0].item, loc}, "loc": loc})
	require.Nil(t, out["errors"], string(raw))
	require.JSONEq(t, `[
		{"__typename":"InventoryItem","id":"`+ps[1].item+`","sku":"cap","inventoryLevel":{"quantities":[{"quantity":9}]}},
		null,
		{"__typename":"InventoryItem","id":"`+ps[0].item+`","sku":"hoodie","inventoryLevel":{"quantities":[{"quantity":4}]}},
		{"__typename":"Location","id":"`+loc+`"}]`, mustJSON(t, dig(out, "data", "nodes")))
	// Each id costs one point plus its selection (level 1, quantities 1).
	require.Equal(t, 4.0*3, dig(out, "extensions", "cost", "requestedQueryCost"))

	_, out, raw = e.graphql(tok, `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Product { title } ... on ProductVariant { sku } } }`,
		map[string]any{"ids": []string{ps[1].product, ps[0].variant}})
	require.Nil(t, out["errors"], string(raw))
	require.JSONEq(t, `[{"id":"`+ps[1].product+`","title":"Cap"},{"id":"`+ps[0].variant+`","sku":"hoodie"}]`, mustJSON(t, dig(out, "data", "nodes")))
}
