package connectors

import (
	"context"
	"fmt"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// StockRef names where a sales channel keeps one SKU's available stock:
// Shopify's inventory item and location (both gids), WooCommerce's product
// id (Location empty). Refs are opaque to the hub; a connector's webhooks
// (InventoryFacts.Ref) and its StockKeeper name a level the same way.
type StockRef struct {
	Item     string
	Location string
}

// String is the ref as one key ("item@location", or the item alone).
func (r StockRef) String() string {
	if r.Location == "" {
		return r.Item
	}
	return r.Item + "@" + r.Location
}

// StockLevel is one SKU's available quantity at a channel.
type StockLevel struct {
	Ref StockRef
	SKU string
	// Title names the product (and variant) for people.
	Title string
	// Available is the quantity the channel will sell; it may be negative
	// where the channel lets a product oversell.
	Available int
}

// StockPage is one page of a channel's stock levels.
type StockPage struct {
	Levels []StockLevel
	// Next is the cursor of the next page; "" when this was the last.
	Next string
}

// StockSet asks a channel to set one level's available quantity.
type StockSet struct {
	Ref      StockRef
	Quantity int
	// ChangeFrom is the quantity the caller believes the channel has now:
	// the channel refuses the change with a *StaleStockError when it has
	// another (compare-and-set), so a concurrent sale is never overwritten.
	ChangeFrom int
	// IdempotencyKey identifies this change across retries: repeating a
	// StockSet with the same key changes the stock at most once.
	IdempotencyKey string
	// Reason says why, for the channel's own adjustment history.
	Reason string
}

// StaleStockError is a StockSet the channel refused because its quantity
// was not ChangeFrom any more: something else changed it (a sale).
type StaleStockError struct {
	Ref StockRef
	// Actual is the quantity the channel has, when it said so.
	Actual *int
}

func (e *StaleStockError) Error() string {
	if e.Actual != nil {
		return fmt.Sprintf("stock of %s changed at the channel (now %d)", e.Ref, *e.Actual)
	}
	return fmt.Sprintf("stock of %s changed at the channel", e.Ref)
}

// StockKeeper is a sales channel whose stock the hub keeps equal with the
// other channels'. Every call acts at the channel's one stock location
// (Shopify's primary location).
type StockKeeper interface {
	// ReadStock reads every stock-tracked product or variant that has a
	// SKU, page by page in a stable order (cursor "" for the first page).
	ReadStock(ctx context.Context, call StockCall, cursor string) (StockPage, error)
	// ReadStockLevels reads the levels named, now; a ref the channel no
	// longer knows is left out.
	ReadStockLevels(ctx context.Context, call StockCall, refs []StockRef) ([]StockLevel, error)
	// SetStock sets one level, compare-and-set on ChangeFrom; it returns
	// *StaleStockError when the channel's quantity was not ChangeFrom.
	SetStock(ctx context.Context, call StockCall, set StockSet) error
}

// StockCall is what a StockKeeper call needs to reach the channel.
type StockCall struct {
	Conn Conn
	// Token is an OAuth connection's access token (empty otherwise).
	Token secrets.Secret
	// Observe, when set, is told the provider's rate budget after each
	// request that reports one (Shopify's cost extension), so the caller
	// can pace the connection by it.
	Observe func(BudgetStatus)
}
