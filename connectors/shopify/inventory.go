package shopify

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Stock at the shop's primary location: the connector reads inventory
// items with their available quantity there and sets it with
// inventorySetQuantities, compare-and-set on changeFromQuantity and with
// the @idempotent directive that Admin API 2026-04 requires.

var _ connectors.StockKeeper = Connector{}

// stockBatch is how many inventory items one stock read asks for: each
// costs 5 points (the item, its variant and product, its level and the
// level's quantities), so 150 keep a page at 752 requested points, under
// Shopify's 1,000-point limit for one query.
const stockBatch = 150

const primaryLocationQuery = `query SwitchboardPrimaryLocation { location { id } }`

// stockItem is an inventory item as the stock queries select it.
type stockItem struct {
	ID      string  `json:"id"`
	SKU     *string `json:"sku"`
	Tracked bool    `json:"tracked"`
	Variant *struct {
		Title   string `json:"title"`
		Product *struct {
			Title string `json:"title"`
		} `json:"product"`
	} `json:"variant"`
	InventoryLevel *struct {
		Quantities []struct {
			Name     string `json:"name"`
			Quantity int    `json:"quantity"`
		} `json:"quantities"`
	} `json:"inventoryLevel"`
}

// stockItemFields selects a stockItem; $location is the location.
const stockItemFields = `id sku tracked variant { title product { title } }
      inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } }`

const stockQuery = `query SwitchboardStock($first: Int!, $after: String, $location: ID!) {
  inventoryItems(first: $first, after: $after) {
    nodes { ` + stockItemFields + ` }
    pageInfo { hasNextPage endCursor }
  }
}`

const stockLevelsQuery = `query SwitchboardStockLevels($ids: [ID!]!, $location: ID!) {
  nodes(ids: $ids) { ... on InventoryItem { ` + stockItemFields + ` } }
}`

// level is the item's level at the location, or false when the item is
// not tracked or not stocked there.
func (it stockItem) level(location string) (connectors.StockLevel, bool) {
	if !it.Tracked || it.InventoryLevel == nil {
		return connectors.StockLevel{}, false
	}
	l := connectors.StockLevel{Ref: connectors.StockRef{Item: it.ID, Location: location}, SKU: deref(it.SKU)}
	found := false
	for _, q := range it.InventoryLevel.Quantities {
		if q.Name == "available" {
			l.Available, found = q.Quantity, true
		}
	}
	if v := it.Variant; v != nil {
		if v.Product != nil {
			l.Title = v.Product.Title
		}
		if v.Title != "" && v.Title != "Default Title" {
			l.Title = strings.TrimPrefix(l.Title+" - "+v.Title, " - ")
		}
	}
	return l, found
}

// stockCursor is ReadStock's cursor: the location and Shopify's cursor.
type stockCursor struct {
	Location string `json:"l"`
	After    string `json:"a"`
}

func (c stockCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeStockCursor(s string) (stockCursor, error) {
	var c stockCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Location == "" {
		return stockCursor{}, fmt.Errorf("shopify: read stock: invalid cursor")
	}
	return c, nil
}

// ReadStock implements connectors.StockKeeper: the inventory items with a
// SKU that are tracked and stocked at the shop's primary location, in id
// order, stockBatch per page. The first page looks the location up; the
// cursor carries it to the next pages. Ref is the inventory item's gid and
// the location's gid, as inventory_levels/update webhooks name them.
func (Connector) ReadStock(ctx context.Context, call connectors.StockCall, cursor string) (connectors.StockPage, error) {
	c, shop := ClientFor(call.Conn.Env), call.Conn.Config["shop"]
	cur := stockCursor{}
	if cursor == "" {
		var data struct {
			Location *struct {
				ID string `json:"id"`
			} `json:"location"`
		}
		if err := observe(call)(c.GraphQL(ctx, shop, call.Token, primaryLocationQuery, nil, &data)); err != nil {
			return connectors.StockPage{}, fmt.Errorf("shopify: read stock: primary location: %w", err)
		}
		if data.Location == nil || data.Location.ID == "" {
			return connectors.StockPage{}, errors.New("shopify: read stock: the shop has no primary location")
		}
		cur.Location = data.Location.ID
	} else {
		var err error
		if cur, err = decodeStockCursor(cursor); err != nil {
			return connectors.StockPage{}, err
		}
	}
	vars := map[string]any{"first": stockBatch, "after": nil, "location": cur.Location}
	if cur.After != "" {
		vars["after"] = cur.After
	}
	var data struct {
		Items struct {
			Nodes    []stockItem `json:"nodes"`
			PageInfo struct {
				HasNextPage bool    `json:"hasNextPage"`
				EndCursor   *string `json:"endCursor"`
			} `json:"pageInfo"`
		} `json:"inventoryItems"`
	}
	if err := observe(call)(c.GraphQL(ctx, shop, call.Token, stockQuery, vars, &data)); err != nil {
		return connectors.StockPage{}, fmt.Errorf("shopify: read stock: %w", err)
	}
	page := connectors.StockPage{Levels: make([]connectors.StockLevel, 0, len(data.Items.Nodes))}
	for _, it := range data.Items.Nodes {
		if l, ok := it.level(cur.Location); ok && l.SKU != "" {
			page.Levels = append(page.Levels, l)
		}
	}
	if data.Items.PageInfo.HasNextPage && data.Items.PageInfo.EndCursor != nil {
		page.Next = stockCursor{Location: cur.Location, After: *data.Items.PageInfo.EndCursor}.encode()
	}
	return page, nil
}

// ReadStockLevels implements connectors.StockKeeper with nodes(ids:),
// stockBatch items per call and one call per location at least. Items
// Shopify no longer has, no longer tracks or no longer stocks at the
// location are left out; the others keep their ref even if their SKU
// changed.
func (Connector) ReadStockLevels(ctx context.Context, call connectors.StockCall, refs []connectors.StockRef) ([]connectors.StockLevel, error) {
	c, shop := ClientFor(call.Conn.Env), call.Conn.Config["shop"]
	var locations []string
	byLocation := map[string][]string{}
	for _, r := range refs {
		if r.Item == "" || r.Location == "" {
			return nil, fmt.Errorf("shopify: read stock levels: %q is not an inventory item at a location", r)
		}
		if _, ok := byLocation[r.Location]; !ok {
			locations = append(locations, r.Location)
		}
		byLocation[r.Location] = append(byLocation[r.Location], r.Item)
	}
	out := make([]connectors.StockLevel, 0, len(refs))
	for _, loc := range locations {
		ids := byLocation[loc]
		for start := 0; start < len(ids); start += stockBatch {
			batch := ids[start:min(start+stockBatch, len(ids))]
			var data struct {
				Nodes []*stockItem `json:"nodes"`
			}
			if err := observe(call)(c.GraphQL(ctx, shop, call.Token, stockLevelsQuery, map[string]any{"ids": batch, "location": loc}, &data)); err != nil {
				return nil, fmt.Errorf("shopify: read stock levels: %w", err)
			}
			for _, it := range data.Nodes {
				if it == nil || it.ID == "" {
					continue
				}
				if l, ok := it.level(loc); ok {
					out = append(out, l)
				}
			}
		}
	}
	return out, nil
}

const setStockMutation = `mutation SwitchboardSetStock($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { code field message }
  }
}`

// staleCode is Shopify's userError code for a changeFromQuantity that no
// longer matches.
const staleCode = "CHANGE_FROM_QUANTITY_STALE"

// SetStock implements connectors.StockKeeper with inventorySetQuantities:
// the available quantity at the ref's location, reason correction,
// changeFromQuantity set.ChangeFrom (a stale one answers
// *connectors.StaleStockError), and set.IdempotencyKey as the @idempotent
// key, so that a retry changes the stock at most once. Shopify's other
// refusals are errors naming their codes (wrapping *UserErrors).
func (Connector) SetStock(ctx context.Context, call connectors.StockCall, set connectors.StockSet) error {
	if set.Ref.Item == "" || set.Ref.Location == "" {
		return fmt.Errorf("shopify: set stock: %q is not an inventory item at a location", set.Ref)
	}
	if strings.TrimSpace(set.IdempotencyKey) == "" || len(set.IdempotencyKey) > 255 {
		return errors.New("shopify: set stock: an idempotency key of 1 to 255 characters is required")
	}
	input := map[string]any{
		"name": "available", "reason": "correction",
		"referenceDocumentUri": "switchboard://inventory/" + url.PathEscape(set.IdempotencyKey),
		"quantities": []map[string]any{{
			"inventoryItemId": set.Ref.Item, "locationId": set.Ref.Location,
			"quantity": set.Quantity, "changeFromQuantity": set.ChangeFrom,
		}},
	}
	var data struct {
		Payload struct {
			Group *struct {
				ID string `json:"id"`
			} `json:"inventoryAdjustmentGroup"`
			UserErrors []UserError `json:"userErrors"`
		} `json:"inventorySetQuantities"`
	}
	c, shop := ClientFor(call.Conn.Env), call.Conn.Config["shop"]
	if err := observe(call)(c.GraphQL(ctx, shop, call.Token, setStockMutation, map[string]any{"input": input, "key": set.IdempotencyKey}, &data)); err != nil {
		return fmt.Errorf("shopify: set stock of %s: %w", set.Ref, err)
	}
	ues := data.Payload.UserErrors
	if len(ues) == 0 {
		return nil
	}
	codes := make([]string, len(ues))
	for i, u := range ues {
		if u.Code == staleCode {
			return &connectors.StaleStockError{Ref: set.Ref}
		}
		codes[i] = cmp.Or(u.Code, "USER_ERROR")
	}
	return fmt.Errorf("shopify: set stock of %s refused (%s): %w", set.Ref, strings.Join(codes, ", "),
		&UserErrors{Mutation: "inventorySetQuantities", Errors: ues})
}

// observe passes a call's error through after telling call.Observe what
// the request cost and what is left of the shop's budget.
func observe(call connectors.StockCall) func(Cost, error) error {
	return func(cost Cost, err error) error {
		if call.Observe != nil && (cost.ActualQueryCost > 0 || cost.RequestedQueryCost > 0) {
			call.Observe(connectors.BudgetStatus{Cost: max(cost.ActualQueryCost, cost.RequestedQueryCost), Available: cost.CurrentlyAvailable,
				Maximum: cost.MaximumAvailable, RestorePerSec: cost.RestoreRate})
		}
		return err
	}
}
