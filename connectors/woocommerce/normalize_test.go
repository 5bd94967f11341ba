package woocommerce_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	hoodieAndBeanie := []connectors.LineItemFacts{
		{Title: "Hoodie – Blue, Large", SKU: "woo-hoodie-blue-l", Quantity: 2, PriceCents: 4500},
		{Title: "Beanie", SKU: "woo-beanie", Quantity: 1, PriceCents: 1800},
	}
	paidOrder := &connectors.OrderFacts{ExternalID: "727", Number: "727", Email: "john.doe@example.com", Phone: "(555) 555-5555",
		TotalCents: 11800, Currency: "USD", FinancialStatus: "paid", Tags: []string{}, Items: hoodieAndBeanie, PlacedAt: at("2025-11-03T12:28:02Z")}
	john := &connectors.CustomerFacts{Email: "john.doe@example.com", Phone: "(555) 555-5555", FirstName: "Jöhn", LastName: "Doe"}
	beanie := []connectors.LineItemFacts{{Title: "Beanie", SKU: "woo-beanie", Quantity: 1, PriceCents: 1800}}
	unpaid := &connectors.OrderFacts{ExternalID: "728", Number: "728", Email: "john.doe@example.com", Phone: "(555) 555-5555",
		TotalCents: 2800, Currency: "USD", FinancialStatus: "pending", Tags: []string{}, Items: beanie, PlacedAt: at("2025-11-03T12:28:02Z")}
	paidLater := *unpaid
	paidLater.FinancialStatus = "paid"
	john12 := *john
	john12.ExternalID = "12"

	tests := []struct {
		name, topic, file string
		want              []connectors.Normalized
	}{
		{"order paid as placed", "order.created", "order-created-paid.json", []connectors.Normalized{
			{Type: "order.created", ResourceID: "727", OccurredAt: at("2025-11-03T12:28:02Z"), UpdatedAt: at("2025-11-03T12:28:04Z"), Order: paidOrder, Customer: john},
			{Type: "order.paid", ResourceID: "727", OccurredAt: at("2025-11-03T12:28:04Z"), UpdatedAt: at("2025-11-03T12:28:04Z"), Order: paidOrder, Customer: john},
		}},
		{"its order.updated adds nothing", "order.updated", "order-created-paid.json", nil},
		{"order placed on hold", "order.created", "order-created-unpaid.json", []connectors.Normalized{
			{Type: "order.created", ResourceID: "728", OccurredAt: at("2025-11-03T12:28:02Z"), UpdatedAt: at("2025-11-03T12:28:04Z"), Order: unpaid, Customer: &john12},
		}},
		{"paid later", "order.updated", "order-updated-paid.json", []connectors.Normalized{
			{Type: "order.paid", ResourceID: "728", OccurredAt: at("2025-11-03T12:41:10Z"), UpdatedAt: at("2025-11-03T12:41:11Z"), Order: &paidLater, Customer: &john12},
		}},
		{"completed the next day", "order.updated", "order-updated-completed.json", nil},
		{"on-hold order updated", "order.updated", "order-created-unpaid.json", nil},
		{"stock of a product", "product.updated", "product-updated.json", []connectors.Normalized{
			{Type: "inventory.changed", ResourceID: "93", OccurredAt: at("2025-11-03T12:28:05Z"), UpdatedAt: at("2025-11-03T12:28:05Z"),
				Inventory: &connectors.InventoryFacts{Ref: connectors.StockRef{Item: "93"}, InventoryItemID: "93", SKU: "woo-hoodie", Available: 23}},
		}},
		{"stock of a variation its parent manages", "product.updated", "variation-updated.json", []connectors.Normalized{
			{Type: "inventory.changed", ResourceID: "95", OccurredAt: at("2025-11-03T12:28:05Z"), UpdatedAt: at("2025-11-03T12:28:05Z"),
				Inventory: &connectors.InventoryFacts{Ref: connectors.StockRef{Item: "93"}, InventoryItemID: "95", SKU: "woo-hoodie-blue-l", Available: 7}},
		}},
		{"a product without stock management", "product.updated", "product-updated-unmanaged.json", nil},
		{"other topics", "product.created", "product-updated.json", nil},
		{"deleted", "order.deleted", "order-created-paid.json", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := woocommerce.Connector{}.Normalize(tc.topic, readTestdata(t, tc.file))
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			for _, n := range got {
				require.Contains(t, []string{"order.created", "order.paid", "inventory.changed"}, n.Type, "a Spec event")
			}
		})
	}

	for name, body := range map[string]string{
		"not JSON":     "webhook_id=1",
		"no id":        `{"status":"processing"}`,
		"bad total":    `{"id":1,"total":"12,00","currency":"EUR"}`,
		"bad date":     `{"id":1,"date_created_gmt":"yesterday"}`,
		"bad quantity": `{"id":1,"manage_stock":true,"stock_quantity":"many","sku":"x"}`,
	} {
		topic := "order.created"
		if name == "bad quantity" {
			topic = "product.updated"
		}
		_, err := woocommerce.Connector{}.Normalize(topic, []byte(body))
		require.Error(t, err, name)
	}
}

func TestDecimalMinorUnits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       woocommerce.Decimal
		currency string
		want     int64
	}{
		{"29.35", "USD", 2935}, {"10", "USD", 1000}, {"0.005", "USD", 1}, {"-3.10", "EUR", -310}, {"2900", "JPY", 2900},
		{"1.2345", "KWD", 1235}, {"", "USD", 0},
	} {
		got, err := tc.in.MinorUnits(tc.currency)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
	for _, bad := range []woocommerce.Decimal{"1e3", "12,50", "abc", "1.2.3"} {
		_, err := bad.MinorUnits("USD")
		require.Error(t, err, bad)
	}
}

func TestNormalizeStockRef(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		ref        connectors.StockRef
		available  int
	}{
		{"simple product", `{"id":12,"type":"simple","sku":"a","manage_stock":true,"stock_quantity":4}`, connectors.StockRef{Item: "12"}, 4},
		{"variable product managing its variations' stock", `{"id":13,"type":"variable","sku":"b","manage_stock":true,"stock_quantity":3}`,
			connectors.StockRef{Item: "13"}, 3},
		{"variation its parent manages", `{"id":15,"type":"variation","parent_id":13,"sku":"b-red","manage_stock":"parent","stock_quantity":3}`,
			connectors.StockRef{Item: "13"}, 3},
		{"variation with its own stock: no level", `{"id":16,"type":"variation","parent_id":13,"sku":"b-blue","manage_stock":true,"stock_quantity":2}`,
			connectors.StockRef{}, 2},
		{"decimal quantity rounds down", `{"id":17,"sku":"c","manage_stock":true,"stock_quantity":"2.5"}`, connectors.StockRef{Item: "17"}, 2},
		{"negative decimal rounds down", `{"id":18,"sku":"d","manage_stock":true,"stock_quantity":-0.5}`, connectors.StockRef{Item: "18"}, -1},
	} {
		got, err := woocommerce.Connector{}.Normalize("product.updated", []byte(tc.body))
		require.NoError(t, err, tc.name)
		require.Len(t, got, 1, tc.name)
		require.Equal(t, tc.ref, got[0].Inventory.Ref, tc.name)
		require.Equal(t, tc.available, got[0].Inventory.Available, tc.name)
	}
}
