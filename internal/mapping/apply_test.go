package mapping_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/mapping"
)

// customerToContact is a Shopify customer → HubSpot contact mapping as a
// user saves it.
const customerToContact = `{"fields": [
	{"target": "email", "source": "email", "transforms": [{"kind": "trim"}, {"kind": "lower"}]},
	{"target": "firstname", "source": "firstName", "transforms": [{"kind": "trim"}]},
	{"target": "lastname", "source": "lastName", "transforms": [{"kind": "trim"}]},
	{"target": "phone", "source": "phone", "transforms": [{"kind": "e164", "region": "US"}]},
	{"target": "total_revenue", "source": "amountSpent", "transforms": [{"kind": "currency", "currency": "USD"}]},
	{"target": "lifecyclestage", "source": "numberOfOrders",
	 "transforms": [{"kind": "lookup", "table": {"0": "lead"}, "default": "customer"}]}
]}`

func compileCustomerToContact(t testing.TB) *mapping.Compiled {
	t.Helper()
	var def mapping.Definition
	require.NoError(t, json.Unmarshal([]byte(customerToContact), &def))
	c, err := mapping.Compile(def, shopifyCustomer(t), hubspotContact(t))
	require.NoError(t, err)
	return c
}

func TestShopifyCustomerToHubSpotContact(t *testing.T) {
	t.Parallel()
	c := compileCustomerToContact(t)
	require.Equal(t, []string{"email", "firstname", "lastname", "phone", "total_revenue", "lifecyclestage"}, c.Targets())

	cases := []struct {
		name   string
		record map[string]any
		want   map[string]any
		errs   mapping.Errors
	}{
		{"a whole customer",
			map[string]any{"id": "gid://shopify/Customer/1", "email": " Ada@Example.COM ", "firstName": "Ada", "lastName": "Lovelace",
				"phone": "(415) 555-0123", "tags": []string{"vip"}, "amountSpent": 1234.565, "numberOfOrders": 3.0, "emailMarketingConsent": true},
			map[string]any{"email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace", "phone": "+14155550123",
				"total_revenue": 1234.57, "lifecyclestage": "customer"},
			nil},
		{"a new lead without a first name or phone",
			map[string]any{"email": "grace@example.com", "firstName": "", "lastName": "Hopper", "phone": nil, "amountSpent": 0.0, "numberOfOrders": 0.0},
			map[string]any{"email": "grace@example.com", "lastname": "Hopper", "total_revenue": 0.0, "lifecyclestage": "lead"},
			nil},
		{"a UK phone number",
			map[string]any{"email": "alan@example.co.uk", "phone": "+44 20 7946 0958"},
			map[string]any{"email": "alan@example.co.uk", "phone": "+442079460958"},
			nil},
		{"a bad phone number",
			map[string]any{"email": "ada@example.com", "firstName": "Ada", "phone": "12"},
			map[string]any{"email": "ada@example.com", "firstname": "Ada"},
			mapping.Errors{"phone": `"12" is not a valid phone number for region US`}},
		{"no email",
			map[string]any{"email": "  ", "firstName": "Ada"},
			map[string]any{"firstname": "Ada"},
			mapping.Errors{"email": "is required but the source is empty"}},
		{"no email key at all",
			map[string]any{"firstName": "Ada"},
			map[string]any{"firstname": "Ada"},
			mapping.Errors{"email": "is required but the source is empty"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, errs := c.Apply(tc.record)
			require.Equal(t, tc.errs, errs)
			require.Equal(t, tc.want, out)
		})
	}
}

func TestApplyEmptyValues(t *testing.T) {
	t.Parallel()
	c, err := mapping.Compile(mapping.Definition{Fields: []mapping.FieldMapping{
		{Target: "text", Source: "firstName"},
		{Target: "list", Source: "tags"},
		{Target: "number", Source: "orders"},
		{Target: "flag", Source: "consent"},
	}}, person, row)
	require.NoError(t, err)
	for name, record := range map[string]map[string]any{
		"missing":        {},
		"nil":            {"firstName": nil, "tags": nil, "orders": nil, "consent": nil},
		"empty":          {"firstName": "", "tags": []any{}},
		"empty []string": {"tags": []string{}},
	} {
		out, errs := c.Apply(record)
		require.Nil(t, errs, name)
		require.Empty(t, out, name)
	}
	// Zero and false are values, not empty.
	out, errs := c.Apply(map[string]any{"orders": 0, "consent": false})
	require.Nil(t, errs)
	require.Equal(t, map[string]any{"number": 0.0, "flag": false}, out)
}

func TestApplyRecordTypes(t *testing.T) {
	t.Parallel()
	c, err := mapping.Compile(mapping.Definition{Fields: []mapping.FieldMapping{
		{Target: "text", Source: "firstName"},
		{Target: "list", Source: "tags"},
		{Target: "number", Source: "orders"},
		{Target: "flag", Source: "consent"},
		{Target: "money", Source: "spent"},
	}}, person, row)
	require.NoError(t, err)

	out, errs := c.Apply(map[string]any{"firstName": "Ada", "tags": []any{"vip", 2, false}, "orders": int64(3), "consent": true, "spent": json.Number("12.5")})
	require.Nil(t, errs)
	require.Equal(t, map[string]any{"text": "Ada", "list": []string{"vip", "2", "false"}, "number": 3.0, "flag": true, "money": 12.5}, out)

	// A connector that sends a number as text still maps; one that sends
	// something else gets a reason per field, and the others still map.
	out, errs = c.Apply(map[string]any{"firstName": map[string]any{"a": 1}, "tags": []any{[]any{"x"}}, "orders": "7", "consent": "yes", "spent": "12.5 USD"})
	require.Equal(t, mapping.Errors{
		"text":  "source firstName holds an object, not text, a number, true/false or a list",
		"list":  `source tags item 0: is a list ("x"), not a single value`,
		"flag":  `"yes" is not true or false`,
		"money": `"12.5 USD" is not a number (write it like 1234.50)`,
	}, errs)
	require.Equal(t, map[string]any{"number": 7.0}, out)
}

func TestApplyIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	c := compileCustomerToContact(t)
	record := map[string]any{"email": "ada@example.com", "phone": "(415) 555-0123", "amountSpent": 2.675, "numberOfOrders": 1.0}
	done := make(chan map[string]any)
	for range 8 {
		go func() {
			out, _ := c.Apply(record)
			done <- out
		}()
	}
	for range 8 {
		require.Equal(t, map[string]any{"email": "ada@example.com", "phone": "+14155550123", "total_revenue": 2.68, "lifecyclestage": "customer"}, <-done)
	}
}

func BenchmarkApply(b *testing.B) {
	c := compileCustomerToContact(b)
	record := map[string]any{
		"id": "gid://shopify/Customer/1", "email": " Ada@Example.COM ", "firstName": "Ada", "lastName": "Lovelace",
		"phone": "(415) 555-0123", "tags": []string{"vip"}, "amountSpent": 1234.565, "numberOfOrders": 3.0, "emailMarketingConsent": true,
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := c.Apply(record); errs != nil {
			b.Fatal(errs)
		}
	}
}
