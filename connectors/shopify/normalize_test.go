package shopify_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
)

func normalize(t *testing.T, topic string, body []byte) []connectors.Normalized {
	t.Helper()
	got, err := shopify.Connector{}.Normalize(topic, body)
	require.NoError(t, err)
	declared := map[string]bool{}
	for _, e := range (shopify.Connector{}).Spec().Events {
		declared[e.Type] = true
	}
	for _, n := range got {
		require.True(t, declared[n.Type], "%s emits %s, which the Spec does not declare", topic, n.Type)
	}
	return got
}

func TestNormalizeOrderFixture(t *testing.T) {
	t.Parallel()
	body := unwrap(t, "shopify-rest-order-get-response.json", "order", -1)
	placed := at(t, "2008-01-10T11:00:00-05:00")
	for topic, typ := range map[string]string{"orders/create": "order.created", "orders/paid": "order.paid", "orders/cancelled": "order.cancelled"} {
		got := normalize(t, topic, body)
		require.Len(t, got, 1)
		n := got[0]
		require.Equal(t, typ, n.Type)
		require.Equal(t, "450789469", n.ResourceID)
		require.Equal(t, placed, n.OccurredAt)
		require.Equal(t, placed, n.UpdatedAt)
		require.Equal(t, &connectors.OrderFacts{ExternalID: "450789469", Number: "#1001", Email: "bob.norman@mail.example.com",
			Phone: "+557734881234", TotalCents: 59894, Currency: "USD", FinancialStatus: "partially_refunded",
			StatusURL: "https://jsmith.myshopify.com/548380009/orders/b1946ac92492d2347c6235b4d2611184/authenticate?key=imasecretipod",
			Tags:      []string{},
			Items: []connectors.LineItemFacts{{Title: "IPod Nano - 8gb", SKU: "IPOD2008GREEN", Quantity: 1, PriceCents: 19900},
				{Title: "IPod Nano - 8gb", SKU: "IPOD2008RED", Quantity: 1, PriceCents: 19900},
				{Title: "IPod Nano - 8gb", SKU: "IPOD2008BLACK", Quantity: 1, PriceCents: 19900}},
			PlacedAt: placed}, n.Order)
		require.Equal(t, &connectors.CustomerFacts{ExternalID: "207119551", Email: "bob.norman@mail.example.com", Phone: "+16136120707",
			FirstName: "Bob", LastName: "Norman", Tags: []string{"Léon", "Noël"}, EmailConsent: ptr(false), SMSConsent: ptr(false)}, n.Customer)
		require.Nil(t, n.Checkout)
		require.Nil(t, n.Shipment)
	}
}

func TestNormalizeOrders(t *testing.T) {
	t.Parallel()
	got := normalize(t, "orders/cancelled", []byte(`{"id":7,"name":"#7","email":"","currency":"JPY","total_price":"1500",
		"created_at":"2025-11-01T10:00:00Z","updated_at":"2025-11-02T10:00:00Z","cancelled_at":"2025-11-02T09:59:00Z","tags":"vip, wholesale",
		"line_items":[{"title":"Tea","sku":"T-1","quantity":3,"price":"500"}],
		"customer":{"id":9,"email":"k@example.jp","email_marketing_consent":{"state":"subscribed"},"sms_marketing_consent":{"state":"unsubscribed"}}}`))
	require.Len(t, got, 1)
	n := got[0]
	require.Equal(t, at(t, "2025-11-02T09:59:00Z"), n.OccurredAt, "a cancellation happened when the order was cancelled")
	require.Equal(t, at(t, "2025-11-02T10:00:00Z"), n.UpdatedAt)
	require.True(t, n.Order.Cancelled)
	require.Equal(t, int64(1500), n.Order.TotalCents, "yen have no minor unit")
	require.Equal(t, []connectors.LineItemFacts{{Title: "Tea", SKU: "T-1", Quantity: 3, PriceCents: 500}}, n.Order.Items)
	require.Equal(t, []string{"vip", "wholesale"}, n.Order.Tags)
	require.Equal(t, "k@example.jp", n.Order.Email, "the customer's email stands in for a missing order email")
	require.Equal(t, ptr(true), n.Customer.EmailConsent)
	require.Equal(t, ptr(false), n.Customer.SMSConsent)

	got = normalize(t, "orders/paid", []byte(`{"id":8,"currency":"KWD","total_price":"1.2345","updated_at":"2025-11-02T10:00:00Z"}`))
	require.Equal(t, int64(1235), got[0].Order.TotalCents, "fils are thousandths, rounded half away from zero")
	require.Equal(t, at(t, "2025-11-02T10:00:00Z"), got[0].OccurredAt)
	require.Nil(t, got[0].Customer)
}

func TestNormalizeFulfillments(t *testing.T) {
	t.Parallel()
	got := normalize(t, "fulfillments/create", unwrap(t, "shopify-rest-fulfillment-create-response.json", "fulfillment", -1))
	require.Equal(t, []connectors.Normalized{{Type: "shipment.created", ResourceID: "1069019877",
		OccurredAt: at(t, "2025-04-02T11:38:43-05:00"), UpdatedAt: at(t, "2025-04-02T11:38:43-05:00"),
		Shipment: &connectors.ShipmentFacts{OrderExternalID: "450789469", OrderNumber: "#1001", TrackingNumber: "MS1562678",
			TrackingURL: "https://www.my-shipping-company.com?tracking_number=MS1562678"}}}, got)

	require.Empty(t, normalize(t, "fulfillments/create", []byte(`{"id":1,"order_id":2,"tracking_number":null,"tracking_numbers":[]}`)),
		"no tracking number, no shipment.created")
	got = normalize(t, "fulfillments/create", []byte(`{"id":1,"order_id":2,"tracking_numbers":["1Z9"],"tracking_urls":["https://ups.example/1Z9"],"tracking_company":"UPS"}`))
	require.Equal(t, "1Z9", got[0].Shipment.TrackingNumber)
	require.Equal(t, "https://ups.example/1Z9", got[0].Shipment.TrackingURL)
	require.Equal(t, "UPS", got[0].Shipment.Carrier)

	update := func(status string) []connectors.Normalized {
		return normalize(t, "fulfillments/update", []byte(`{"id":1,"order_id":2,"name":"#1002.1","tracking_number":"1Z9","shipment_status":`+status+
			`,"created_at":"2025-11-01T10:00:00Z","updated_at":"2025-11-03T10:00:00Z"}`))
	}
	got = update(`"in_transit"`)
	require.Len(t, got, 1)
	require.Equal(t, "shipment.status_changed", got[0].Type)
	require.Equal(t, "in_transit", got[0].Shipment.Status)
	require.Equal(t, "#1002", got[0].Shipment.OrderNumber)
	require.Equal(t, at(t, "2025-11-03T10:00:00Z"), got[0].OccurredAt)

	got = update(`"delivered"`)
	require.Len(t, got, 2)
	require.Equal(t, "shipment.status_changed", got[0].Type)
	require.Equal(t, "shipment.delivered", got[1].Type)
	require.Equal(t, "delivered", got[1].Shipment.Status)
	require.Empty(t, update(`null`), "an update without a carrier status says nothing about the shipment")
}

func TestNormalizeCheckouts(t *testing.T) {
	t.Parallel()
	got := normalize(t, "checkouts/create", unwrap(t, "shopify-rest-abandoned-checkouts-list-response.json", "checkouts", 0))
	require.Len(t, got, 1)
	n := got[0]
	require.Equal(t, "checkout.created", n.Type)
	require.Equal(t, "450789469", n.ResourceID)
	require.Equal(t, at(t, "2012-10-12T07:05:27-04:00"), n.OccurredAt)
	require.Equal(t, &connectors.CheckoutFacts{ExternalID: "450789469", Email: "bob.norman@mail.example.com", TotalCents: 37969, Currency: "USD",
		RecoveryURL: "https://checkout.local/548380009/checkouts/2a1ace52255252df566af0faaedfbfa7/recover",
		Items: []connectors.LineItemFacts{{Title: "IPod Nano - 8GB", SKU: "IPOD2008RED", Quantity: 1, PriceCents: 19900},
			{Title: "IPod Nano - 8GB", SKU: "IPOD2008PINK", Quantity: 1, PriceCents: 19900}}}, n.Checkout)
	require.Equal(t, "207119551", n.Customer.ExternalID)
	require.Nil(t, n.Customer.EmailConsent, "the payload says nothing about consent")
	require.Nil(t, n.Customer.Tags, "a checkout's customer comes without tags: they are not said to be none")

	got = normalize(t, "checkouts/update", []byte(`{"token":"abc","email":"a@example.com","total_price":"10.00","currency":"EUR",
		"created_at":"2025-11-01T10:00:00Z","updated_at":"2025-11-01T11:00:00Z","completed_at":"2025-11-01T11:00:00Z"}`))
	require.Equal(t, "checkout.updated", got[0].Type)
	require.Equal(t, "abc", got[0].ResourceID, "the token identifies a checkout without an id")
	require.True(t, got[0].Checkout.Completed)
	require.Equal(t, at(t, "2025-11-01T11:00:00Z"), got[0].OccurredAt)
	require.Equal(t, at(t, "2025-11-01T11:00:00Z"), got[0].UpdatedAt)
	require.Nil(t, got[0].Customer)
}

func TestNormalizeCustomers(t *testing.T) {
	t.Parallel()
	got := normalize(t, "customers/create", unwrap(t, "shopify-rest-customer-get-response.json", "customer", -1))
	require.Equal(t, []connectors.Normalized{{Type: "customer.created", ResourceID: "207119551",
		OccurredAt: at(t, "2025-04-02T11:25:58-05:00"), UpdatedAt: at(t, "2025-04-02T11:25:58-05:00"),
		Customer: &connectors.CustomerFacts{ExternalID: "207119551", Email: "bob.norman@mail.example.com", Phone: "+16136120707",
			FirstName: "Bob", LastName: "Norman", Tags: []string{"Léon", "Noël"}, EmailConsent: ptr(false), SMSConsent: ptr(false)}}}, got)

	got = normalize(t, "customers/update", []byte(`{"id":5,"email":"n@example.com","tags":"","created_at":"2025-01-01T00:00:00Z",
		"updated_at":"2025-11-01T00:00:00Z","email_marketing_consent":{"state":"subscribed","opt_in_level":"single_opt_in"}}`))
	c := got[0].Customer
	require.Equal(t, "customer.updated", got[0].Type)
	require.Equal(t, at(t, "2025-11-01T00:00:00Z"), got[0].OccurredAt)
	require.Equal(t, ptr(true), c.EmailConsent)
	require.Nil(t, c.SMSConsent, "absent consent is not said")
	require.Equal(t, []string{}, c.Tags, "no tags clears the profile's tags")
}

func TestNormalizeRefundsReturnsInventory(t *testing.T) {
	t.Parallel()
	got := normalize(t, "refunds/create", unwrap(t, "shopify-rest-refund-create-response.json", "refund", -1))
	require.Equal(t, []connectors.Normalized{{Type: "refund.created", ResourceID: "929361472", OccurredAt: at(t, "2025-04-02T11:38:34-05:00"),
		Refund: &connectors.RefundFacts{OrderExternalID: "450789469"}}}, got, "a line refunded without restock moves no stock")

	restocked := []byte(`{"id":929361473,"order_id":450789469,"created_at":"2025-04-02T11:40:00-05:00","refund_line_items":[
		{"quantity":2,"restock_type":"return","line_item":{"title":"Hoodie","sku":"HOODIE","quantity":3,"price":"45.00"}},
		{"quantity":1,"restock_type":"no_restock","line_item":{"title":"Cap","sku":"CAP","quantity":1,"price":"16.00"}}]}`)
	got = normalize(t, "refunds/create", restocked)
	require.Equal(t, &connectors.RefundFacts{OrderExternalID: "450789469",
		Restocked: []connectors.LineItemFacts{{Title: "Hoodie", SKU: "HOODIE", Quantity: 2}}}, got[0].Refund)

	got = normalize(t, "returns/request", []byte(`{"id":945000954,"admin_graphql_api_id":"gid://shopify/Return/945000954","status":"requested",
		"name":"#1001-R1","order":{"id":450789469,"admin_graphql_api_id":"gid://shopify/Order/450789469"},
		"return_line_items":[{"id":1,"quantity":1,"return_reason":"size_too_small","customer_note":null},
			{"id":2,"quantity":1,"return_reason":"size_too_small"},{"id":3,"quantity":1,"return_reason":"other","return_reason_note":"changed my mind"}]}`))
	require.Equal(t, []connectors.Normalized{{Type: "return.requested", ResourceID: "945000954",
		Return: &connectors.ReturnFacts{OrderExternalID: "450789469", OrderNumber: "#1001", Reason: "size_too_small, changed my mind"}}}, got)

	got = normalize(t, "inventory_levels/update", unwrap(t, "shopify-rest-inventory-level-set-response.json", "inventory_level", -1))
	require.Equal(t, []connectors.Normalized{{Type: "inventory.changed", ResourceID: "808950810@655441491",
		OccurredAt: at(t, "2025-04-02T11:30:13-05:00"), UpdatedAt: at(t, "2025-04-02T11:30:13-05:00"),
		Inventory: &connectors.InventoryFacts{InventoryItemID: "808950810", LocationID: "655441491", Available: 42,
			Ref: connectors.StockRef{Item: "gid://shopify/InventoryItem/808950810", Location: "gid://shopify/Location/655441491"}}}}, got)
	require.Empty(t, normalize(t, "inventory_levels/update", []byte(`{"inventory_item_id":1,"location_id":2,"available":null}`)),
		"an untracked item has no available quantity")
}

func TestNormalizeSilentTopicsAndBadBodies(t *testing.T) {
	t.Parallel()
	for _, topic := range []string{"customers/redact", "customers/data_request", "shop/redact", "app/uninstalled", "orders/updated", "products/create", ""} {
		got, err := shopify.Connector{}.Normalize(topic, []byte(`not even json`))
		require.NoError(t, err, topic)
		require.Nil(t, got, topic)
	}
	for topic, body := range map[string]string{
		"orders/create":    `<xml/>`,
		"orders/paid":      `{"order":{"id":1}}`,
		"checkouts/create": `{"id":1,"total_price":"1,00"}`,
		"returns/request":  `{"id":1}`,
	} {
		got, err := shopify.Connector{}.Normalize(topic, []byte(body))
		require.Error(t, err, topic)
		require.Nil(t, got)
	}
}

func TestMinorUnits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		amount   shopify.Decimal
		currency string
		want     int64
	}{
		{"598.94", "USD", 59894}, {"10", "EUR", 1000}, {"0.005", "usd", 1}, {"-0.005", "USD", -1}, {"1500", "JPY", 1500},
		{"1.234", "KWD", 1234}, {"", "USD", 0}, {"19.9", "GBP", 1990},
	} {
		got, err := tc.amount.MinorUnits(tc.currency)
		require.NoError(t, err, tc.amount)
		require.Equal(t, tc.want, got, "%s %s", tc.amount, tc.currency)
	}
	for _, bad := range []shopify.Decimal{"1e3", "abc", "99999999999999999999"} {
		_, err := bad.MinorUnits("USD")
		require.Error(t, err, bad)
	}
}
