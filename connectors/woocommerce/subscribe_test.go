package woocommerce_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/woocommerce"
)

// Connecting a store subscribes the hub to the webhooks it needs, through
// the REST API, signed with the connection's secret; subscribing again
// adds nothing.
func TestSubscribeWebhooksWithKeys(t *testing.T) {
	e := newWCEnv(t)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }))
	t.Cleanup(receiver.Close)
	c := e.store(t, "https://subscribe.example", numbered(1))
	for range 2 {
		require.NoError(t, woocommerce.Connector{}.SubscribeWebhooksWithKeys(context.Background(), c, receiver.URL+"/hooks/woo"))
	}
	st, err := e.sb.Store("subscribe.example")
	require.NoError(t, err)
	var topics []string
	for _, h := range st.Webhooks {
		require.Equal(t, receiver.URL+"/hooks/woo", h.URL)
		require.Equal(t, "active", h.Status)
		topics = append(topics, h.Topic)
	}
	sort.Strings(topics)
	require.Equal(t, []string{"order.created", "order.updated", "product.updated"}, topics)

	// A key that may only read cannot subscribe, and says so.
	k, err := e.sb.CreateKey("subscribe.example", "read")
	require.NoError(t, err)
	err = woocommerce.Connector{}.SubscribeWebhooksWithKeys(context.Background(), e.conn("https://subscribe.example", k.ConsumerKey, k.ConsumerSecret), receiver.URL+"/other")
	require.Error(t, err)
	require.NotContains(t, err.Error(), k.ConsumerSecret)
}
