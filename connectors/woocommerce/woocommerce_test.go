package woocommerce_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox"
)

func TestSpec(t *testing.T) {
	t.Parallel()
	c, ok := connectors.Get("woocommerce")
	require.True(t, ok, "registered")
	spec := c.Spec()
	require.Equal(t, woocommerce.Connector{}.Spec(), spec)
	require.Equal(t, connectors.Store, spec.Category)
	require.Equal(t, connectors.AuthAPIKey, spec.Auth.Kind)
	require.Equal(t, "webhookSecret", spec.WebhookSecret)
	require.Empty(t, spec.AccountField, "stores are found by their webhook URL, not by an account")
	require.False(t, spec.SelfHosted, "sandbox mode serves stores from the sandbox")
	_, hasSandbox := connectors.SandboxFor("woocommerce")
	require.True(t, hasSandbox)

	demo := map[string]string{"storeUrl": sandbox.DemoStoreURL, "consumerKey": sandbox.DemoConsumerKey,
		"consumerSecret": sandbox.DemoConsumerSecret, "webhookSecret": "anything"}
	require.Nil(t, connectors.ValidateValues(spec.Fields, demo), "the sandbox's demo credentials pass the form")
	real := map[string]string{"storeUrl": "https://example.com/shop", "consumerKey": "ck_0123456789abcdef0123456789abcdef01234567",
		"consumerSecret": "cs_0123456789abcdef0123456789abcdef01234567", "webhookSecret": "s"}
	require.Nil(t, connectors.ValidateValues(spec.Fields, real))

	tests := []struct{ field, value string }{
		{"storeUrl", "http://shop.example.com"},
		{"storeUrl", "shop.example.com"},
		{"storeUrl", "https://shop.example.com/?p=1"},
		{"storeUrl", "https://user@shop.example.com"},
		{"consumerKey", "cs_0123"},
		{"consumerKey", "0123456789"},
		{"consumerSecret", "ck_0123"},
	}
	for _, tc := range tests {
		values := map[string]string{}
		for k, v := range real {
			values[k] = v
		}
		values[tc.field] = tc.value
		problems := connectors.ValidateValues(spec.Fields, values)
		require.Contains(t, problems, tc.field, tc.value)
		require.NotContains(t, problems[tc.field], tc.value, "messages do not repeat the value")
	}
}
