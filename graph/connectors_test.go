package graph_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const marketplace = `query($c: ConnectorCategory, $s: String) { connectors(category: $c, search: $s) {
	slug name category summary apiVersion docsUrl
	auth { kind scopes pkce accessTokenLifetimeSeconds rotatesRefreshTokens }
	fields { name label type required pattern patternHelp options default min max maxLength }
	events { type summary } actions { name marketing input { name required } } entities { name read write }
	rateBudget { requests perSeconds costPoints restorePerSecond note } } }`

func TestMarketplaceComesFromTheSpecs(t *testing.T) {
	h := testenv.StartHub(t, testenv.NewTarget(t, "sqlite"))
	require.Equal(t, "UNAUTHENTICATED", h.NewClient().Do(t, marketplace, nil).Code())
	owner := h.SignUp(t, "Market")

	all := owner.MustDo(t, marketplace, nil).Get("connectors").([]any)
	bySlug := map[string]map[string]any{}
	var order []string
	for _, c := range all {
		m := c.(map[string]any)
		bySlug[m["slug"].(string)] = m
		order = append(order, m["slug"].(string))
	}
	for _, slug := range []string{"shopify", "hubspot", "easypost", "twilio", "smtp", "webhook"} {
		require.Contains(t, bySlug, slug)
	}
	require.Equal(t, "shopify", order[0], "stores come first")

	shopify := bySlug["shopify"]
	require.Equal(t, "STORE", shopify["category"])
	auth := shopify["auth"].(map[string]any)
	require.Equal(t, "OAUTH2", auth["kind"])
	require.EqualValues(t, 3600, auth["accessTokenLifetimeSeconds"])
	require.Equal(t, true, auth["rotatesRefreshTokens"])
	require.Contains(t, auth["scopes"], "read_orders")
	shop := shopify["fields"].([]any)[0].(map[string]any)
	require.Equal(t, "shop", shop["name"])
	require.NotEmpty(t, shop["pattern"])

	smtp := bySlug["smtp"]
	var port map[string]any
	for _, f := range smtp["fields"].([]any) {
		if f.(map[string]any)["name"] == "port" {
			port = f.(map[string]any)
		}
	}
	require.Equal(t, "NUMBER", port["type"])
	require.EqualValues(t, 65535, port["max"])
	require.Equal(t, "587", port["default"])
	require.EqualValues(t, 10, bySlug["hubspot"]["rateBudget"].(map[string]any)["perSeconds"])

	crm := owner.MustDo(t, marketplace, map[string]any{"c": "CRM"}).Get("connectors").([]any)
	require.Len(t, crm, 1)
	sms := owner.MustDo(t, marketplace, map[string]any{"s": "sms"}).Get("connectors").([]any)
	require.Equal(t, "twilio", sms[0].(map[string]any)["slug"])

	one := owner.MustDo(t, `{ connector(slug: "easypost") { name auth { kind } fields { name type } } }`, nil)
	require.Equal(t, "API_KEY", one.String("connector.auth.kind"))
	require.Nil(t, owner.MustDo(t, `{ connector(slug: "nope") { name } }`, nil).Get("connector"))
}
