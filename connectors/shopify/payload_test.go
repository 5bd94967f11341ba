package shopify_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/internal/fixtures"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
)

// unwrap returns a REST response's resource: webhook bodies are the
// resource itself, the fixtures are REST responses around it.
func unwrap(t *testing.T, file, key string, index int) []byte {
	t.Helper()
	var env map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(fixtures.Read(t, file), &env))
	raw, ok := env[key]
	require.True(t, ok, "%s has no %q", file, key)
	if index < 0 {
		return raw
	}
	var list []json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &list))
	require.Greater(t, len(list), index)
	return list[index]
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

func ptr[T any](v T) *T { return &v }

func TestParsePayloadFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, topic string
		body        func(t *testing.T) []byte
		want        any
	}{
		{
			name: "order", topic: "orders/create",
			body: func(t *testing.T) []byte { return unwrap(t, "shopify-rest-order-get-response.json", "order", -1) },
			want: &shopify.Order{ID: "450789469", Name: "#1001", Email: "bob.norman@mail.example.com", Phone: "+557734881234", TotalPrice: "598.94",
				Currency: "USD", CreatedAt: at(t, "2008-01-10T11:00:00-05:00"), UpdatedAt: at(t, "2008-01-10T11:00:00-05:00"),
				FinancialStatus: "partially_refunded",
				StatusURL:       "https://jsmith.myshopify.com/548380009/orders/b1946ac92492d2347c6235b4d2611184/authenticate?key=imasecretipod",
				LineItems: []shopify.LineItem{{Title: "IPod Nano - 8gb", SKU: "IPOD2008GREEN", Quantity: 1, Price: "199.00"},
					{Title: "IPod Nano - 8gb", SKU: "IPOD2008RED", Quantity: 1, Price: "199.00"},
					{Title: "IPod Nano - 8gb", SKU: "IPOD2008BLACK", Quantity: 1, Price: "199.00"}},
				Customer: &shopify.Customer{ID: "207119551", Email: "bob.norman@mail.example.com", FirstName: "Bob", LastName: "Norman",
					Phone: "+16136120707", RawTags: "Léon, Noël",
					EmailMarketingConsent: &shopify.MarketingConsent{State: "not_subscribed"},
					SMSMarketingConsent:   &shopify.MarketingConsent{State: "not_subscribed", OptInLevel: "single_opt_in"},
					CreatedAt:             at(t, "2025-04-02T11:29:59-05:00"), UpdatedAt: at(t, "2025-04-02T11:29:59-05:00")}},
		},
		{
			name: "customer", topic: "customers/update",
			body: func(t *testing.T) []byte { return unwrap(t, "shopify-rest-customer-get-response.json", "customer", -1) },
			want: &shopify.Customer{ID: "207119551", Email: "bob.norman@mail.example.com", FirstName: "Bob", LastName: "Norman",
				Phone: "+16136120707", RawTags: "Léon, Noël", AmountSpent: "199.65", NumberOfOrders: 1,
				EmailMarketingConsent: &shopify.MarketingConsent{State: "not_subscribed"},
				SMSMarketingConsent:   &shopify.MarketingConsent{State: "not_subscribed", OptInLevel: "single_opt_in"},
				CreatedAt:             at(t, "2025-04-02T11:25:58-05:00"), UpdatedAt: at(t, "2025-04-02T11:25:58-05:00")},
		},
		{
			name: "abandoned checkout", topic: "checkouts/create",
			body: func(t *testing.T) []byte {
				return unwrap(t, "shopify-rest-abandoned-checkouts-list-response.json", "checkouts", 0)
			},
			want: &shopify.Checkout{ID: "450789469", Token: "2a1ace52255252df566af0faaedfbfa7", Email: "bob.norman@mail.example.com",
				TotalPrice: "379.69", Currency: "USD", CreatedAt: at(t, "2012-10-12T07:05:27-04:00"), UpdatedAt: at(t, "2012-10-12T07:05:27-04:00"),
				RecoveryURL: "https://checkout.local/548380009/checkouts/2a1ace52255252df566af0faaedfbfa7/recover",
				LineItems: []shopify.LineItem{{Title: "IPod Nano - 8GB", SKU: "IPOD2008RED", Quantity: 1, Price: "199.00"},
					{Title: "IPod Nano - 8GB", SKU: "IPOD2008PINK", Quantity: 1, Price: "199.00"}},
				Customer: &shopify.Customer{ID: "207119551", Email: "bob.norman@mail.example.com", FirstName: "Bob", LastName: "Norman",
					Phone: "+16136120707", CreatedAt: at(t, "2025-04-02T11:38:15-05:00"), UpdatedAt: at(t, "2025-04-02T11:38:15-05:00")}},
		},
		{
			name: "fulfillment", topic: "fulfillments/create",
			body: func(t *testing.T) []byte {
				return unwrap(t, "shopify-rest-fulfillment-create-response.json", "fulfillment", -1)
			},
			want: &shopify.Fulfillment{ID: "1069019877", OrderID: "450789469", Name: "#1001.2", Status: "success",
				TrackingNumber: "MS1562678", TrackingNumbers: []string{"MS1562678"},
				TrackingURL:  "https://www.my-shipping-company.com?tracking_number=MS1562678",
				TrackingURLs: []string{"https://www.my-shipping-company.com?tracking_number=MS1562678"},
				CreatedAt:    at(t, "2025-04-02T11:38:43-05:00"), UpdatedAt: at(t, "2025-04-02T11:38:43-05:00")},
		},
		{
			name: "refund", topic: "refunds/create",
			body: func(t *testing.T) []byte { return unwrap(t, "shopify-rest-refund-create-response.json", "refund", -1) },
			want: &shopify.Refund{ID: "929361472", OrderID: "450789469", Note: "wrong size", CreatedAt: at(t, "2025-04-02T11:38:34-05:00"),
				Transactions: []shopify.RefundTransaction{{ID: "1068278526", Kind: "refund", Status: "success", Amount: "41.94", Currency: "USD"}},
				Lines:        []shopify.RefundLine{{Quantity: 1, RestockType: "no_restock", LineItem: shopify.LineItem{Title: "IPod Nano - 8gb", SKU: "IPOD2008RED", Quantity: 1, Price: "199.00"}}}},
		},
		{
			name: "inventory level set", topic: "inventory_levels/update",
			body: func(t *testing.T) []byte {
				return unwrap(t, "shopify-rest-inventory-level-set-response.json", "inventory_level", -1)
			},
			want: &shopify.InventoryLevel{InventoryItemID: "808950810", LocationID: "655441491", Available: ptr(42), UpdatedAt: at(t, "2025-04-02T11:30:13-05:00")},
		},
		{
			name: "inventory level adjust", topic: "inventory_levels/update",
			body: func(t *testing.T) []byte {
				return unwrap(t, "shopify-rest-inventory-level-adjust-response.json", "inventory_level", -1)
			},
			want: &shopify.InventoryLevel{InventoryItemID: "808950810", LocationID: "655441491", Available: ptr(6), UpdatedAt: at(t, "2025-04-02T11:30:19-05:00")},
		},
		{
			name: "inventory level connect", topic: "inventory_levels/update",
			body: func(t *testing.T) []byte {
				return unwrap(t, "shopify-rest-inventory-level-connect-response.json", "inventory_level", -1)
			},
			want: &shopify.InventoryLevel{InventoryItemID: "457924702", LocationID: "844681632", Available: ptr(0), UpdatedAt: at(t, "2025-04-02T11:30:15-05:00")},
		},
		{
			name: "customers/data_request", topic: "customers/data_request",
			body: func(t *testing.T) []byte { return fixtures.Read(t, "shopify-customers-data-request.json") },
			want: func() any {
				r := &shopify.CustomersDataRequest{ShopID: "954889", ShopDomain: "{shop}.myshopify.com",
					Customer:        shopify.ComplianceCustomer{ID: "191167", Email: "john@example.com", Phone: "555-625-1199"},
					OrdersRequested: []shopify.ID{"299938", "280263", "220458"}}
				r.DataRequest.ID = "9999"
				return r
			}(),
		},
		{
			name: "customers/redact", topic: "customers/redact",
			body: func(t *testing.T) []byte { return fixtures.Read(t, "shopify-customers-redact.json") },
			want: &shopify.CustomersRedact{ShopID: "954889", ShopDomain: "{shop}.myshopify.com",
				Customer:       shopify.ComplianceCustomer{ID: "191167", Email: "john@example.com", Phone: "555-625-1199"},
				OrdersToRedact: []shopify.ID{"299938", "280263", "220458"}},
		},
		{
			name: "shop/redact", topic: "shop/redact",
			body: func(t *testing.T) []byte { return fixtures.Read(t, "shopify-shop-redact.json") },
			want: &shopify.ShopRedact{ShopID: "954889", ShopDomain: "{shop}.myshopify.com"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := shopify.ParsePayload(tc.topic, tc.body(t))
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestCustomerDerivedFields(t *testing.T) {
	t.Parallel()
	got, err := shopify.ParsePayload("customers/create", unwrap(t, "shopify-rest-customer-get-response.json", "customer", -1))
	require.NoError(t, err)
	c := got.(*shopify.Customer)
	require.Equal(t, []string{"Léon", "Noël"}, c.Tags())
	require.False(t, c.EmailConsent())
	require.True(t, shopify.Customer{EmailMarketingConsent: &shopify.MarketingConsent{State: "subscribed"}}.EmailConsent())
	require.Empty(t, shopify.Customer{RawTags: " , "}.Tags())
}

func TestRefundAmount(t *testing.T) {
	t.Parallel()
	got, err := shopify.ParsePayload("refunds/create", unwrap(t, "shopify-rest-refund-create-response.json", "refund", -1))
	require.NoError(t, err)
	amount, err := got.(*shopify.Refund).Amount()
	require.NoError(t, err)
	require.Equal(t, shopify.Decimal("41.94"), amount)

	// The order fixture embeds a refund too.
	var order struct {
		Refunds []shopify.Refund `json:"refunds"`
	}
	require.NoError(t, json.Unmarshal(unwrap(t, "shopify-rest-order-get-response.json", "order", -1), &order))
	require.Len(t, order.Refunds, 1)
	amount, err = order.Refunds[0].Amount()
	require.NoError(t, err)
	require.Equal(t, shopify.Decimal("209.00"), amount)
}

func TestSumDecimals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      []shopify.Decimal
		want    shopify.Decimal
		wantErr bool
	}{
		{in: nil, want: "0"},
		{in: []shopify.Decimal{"0.1", "0.2"}, want: "0.3"},
		{in: []shopify.Decimal{"41.94", "10", "0.005"}, want: "51.945"},
		{in: []shopify.Decimal{"-5.00", "2.50"}, want: "-2.50"},
		{in: []shopify.Decimal{"99999999999999999999.99", "0.01"}, want: "100000000000000000000.00"},
		{in: []shopify.Decimal{"", "1.5"}, want: "1.5"},
		{in: []shopify.Decimal{"1e3"}, wantErr: true},
		{in: []shopify.Decimal{"1/3"}, wantErr: true},
	}
	for _, tc := range tests {
		got, err := shopify.SumDecimals(tc.in...)
		if tc.wantErr {
			require.Error(t, err, "%v", tc.in)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, got, "%v", tc.in)
	}
}

func TestDecimalAndIDDecoding(t *testing.T) {
	t.Parallel()
	var v struct {
		A, B, C shopify.Decimal
		I, J, K shopify.ID
	}
	require.NoError(t, json.Unmarshal([]byte(`{"A":"598.94","B":195.66,"C":"","I":1069019877,"J":"gid://shopify/Order/1","K":null}`), &v))
	require.Equal(t, shopify.Decimal("598.94"), v.A)
	require.Equal(t, shopify.Decimal("195.66"), v.B, "a number literal keeps its digits, never goes through float")
	require.Empty(t, v.C)
	require.Equal(t, shopify.ID("1069019877"), v.I)
	require.Equal(t, shopify.ID("gid://shopify/Order/1"), v.J)
	require.Empty(t, v.K)
	for _, bad := range []string{`{"A":"12,50"}`, `{"A":1e2}`, `{"A":"abc"}`, `{"A":true}`, `{"I":1.5}`, `{"I":-1}`, `{"I":{}}`} {
		require.Error(t, json.Unmarshal([]byte(bad), &v), bad)
	}
}

func TestParsePayloadRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, topic, body string
		unsupported       bool
	}{
		{name: "REST envelope is not a webhook body", topic: "orders/create", body: `{"order":{"id":1}}`},
		{name: "not json", topic: "orders/create", body: `<xml/>`},
		{name: "array", topic: "customers/create", body: `[]`},
		{name: "money as float text with comma", topic: "orders/paid", body: `{"id":1,"total_price":"1,00"}`},
		{name: "redact without shop", topic: "shop/redact", body: `{}`},
		{name: "unknown topic", topic: "products/create", body: `{"id":1}`, unsupported: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := shopify.ParsePayload(tc.topic, []byte(tc.body))
			require.Error(t, err)
			require.Nil(t, got, "no typed nil inside the interface")
			if tc.unsupported {
				require.ErrorIs(t, err, shopify.ErrUnsupportedTopic)
			}
		})
	}
}

func TestEventTypesAreDeclared(t *testing.T) {
	t.Parallel()
	declared := map[string]bool{}
	for _, e := range (shopify.Connector{}).Spec().Events {
		declared[e.Type] = true
	}
	for _, topic := range []string{"orders/create", "orders/paid", "orders/cancelled", "fulfillments/create", "fulfillments/update",
		"checkouts/create", "checkouts/update", "customers/create", "customers/update", "refunds/create", "returns/request",
		"inventory_levels/update"} {
		typ := shopify.EventType(topic)
		require.True(t, declared[typ], "%s maps to %q, which the Spec does not declare", topic, typ)
		_, err := shopify.ParsePayload(topic, []byte(`{}`))
		require.NotErrorIs(t, err, shopify.ErrUnsupportedTopic, "%s emits an event, so it must be parsed", topic)
	}
	for _, topic := range []string{"customers/data_request", "customers/redact", "shop/redact", "products/create", ""} {
		require.Empty(t, shopify.EventType(topic))
	}
}
