package sandbox_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/shopify/sandbox"
)

// With DemoCustomers set, every new shop starts with that many customers.
func TestShopsStartWithDemoCustomers(t *testing.T) {
	t.Parallel()
	sb := sandbox.New(sandbox.Options{DemoCustomers: 12})
	st, err := sb.CreateShop(sandbox.ShopSpec{Domain: "demo.myshopify.com"})
	require.NoError(t, err)
	require.Equal(t, 12, st.Customers)
	empty, err := sandbox.New(sandbox.Options{}).CreateShop(sandbox.ShopSpec{Domain: "demo.myshopify.com"})
	require.NoError(t, err)
	require.Zero(t, empty.Customers)
}
