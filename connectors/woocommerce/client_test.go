package woocommerce_test

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox"
)

func TestRootMapsStoresIntoTheSandbox(t *testing.T) {
	t.Parallel()
	real := woocommerce.ClientFor(connectors.Env{})
	sb := woocommerce.ClientFor(connectors.Env{SandboxBase: "http://localhost:8080/sandbox/woocommerce/"})
	tests := []struct {
		store, real, sandbox string
	}{
		{"https://Demo-Store.example", "https://demo-store.example/wp-json/wc/v3", "http://localhost:8080/sandbox/woocommerce/demo-store.example/wp-json/wc/v3"},
		{"https://example.com/shop/", "https://example.com/shop/wp-json/wc/v3", "http://localhost:8080/sandbox/woocommerce/example.com/shop/wp-json/wc/v3"},
		{"https://shop.example:8443", "https://shop.example:8443/wp-json/wc/v3", "http://localhost:8080/sandbox/woocommerce/shop.example:8443/wp-json/wc/v3"},
	}
	for _, tc := range tests {
		got, err := real.Root(tc.store)
		require.NoError(t, err)
		require.Equal(t, tc.real, got)
		got, err = sb.Root(tc.store)
		require.NoError(t, err)
		require.Equal(t, tc.sandbox, got)
	}
	for _, bad := range []string{"http://shop.example", "shop.example", "https://user:pw@shop.example", "https://shop.example/?a=1", "https://shop.example/wp-json/wc/v3", "ftp://shop.example", ""} {
		_, err := real.Root(bad)
		require.ErrorIs(t, err, woocommerce.ErrStoreURL, bad)
	}
	_, err := sb.Root("http://shop.example")
	require.NoError(t, err, "in sandbox mode the scheme only names a sandbox store")
}

func TestCheckCredentials(t *testing.T) {
	t.Parallel()
	e := newWCEnv(t)
	st, err := e.sb.CreateStore(sandbox.StoreSpec{URL: "https://acme.example/shop", Products: numbered(3)})
	require.NoError(t, err)
	readOnly, err := e.sb.CreateKey("acme.example/shop", sandbox.PermRead)
	require.NoError(t, err)
	failing, err := e.sb.CreateStore(sandbox.StoreSpec{URL: "https://failing.example"})
	require.NoError(t, err)
	require.NoError(t, e.sb.FailNext("failing.example", 1, http.StatusServiceUnavailable))

	down := httptest.NewServer(http.NotFoundHandler())
	downBase := down.URL + sandboxPrefix
	down.Close()
	closed := httptest.NewTLSServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()
	notWoo := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>a blog</html>"))
	}))
	t.Cleanup(notWoo.Close)
	realEnv := connectors.Env{HTTP: notWoo.Client()}

	const (
		keyMsg = "the store refused this consumer key and secret: check both, and that the key has Read/Write permission"
		urlMsg = "no WooCommerce REST API answers at this address: check the URL, that WooCommerce is active and that permalinks are not \"Plain\""
		netMsg = "the store could not be reached, or did not answer like WooCommerce: check the URL"
	)
	tests := []struct {
		name               string
		conn               connectors.Conn
		field, msg         string
		mustNotContainText []string
	}{
		{"demo store", e.demo(), "", "", nil},
		{"store in a subdirectory", e.conn(st.URL, st.ConsumerKey, st.ConsumerSecret), "", "", nil},
		{"read-only key", e.conn(st.URL, readOnly.ConsumerKey, readOnly.ConsumerSecret), "", "", nil},
		{"wrong secret", e.conn(sandbox.DemoStoreURL, sandbox.DemoConsumerKey, "cs_wrong_canary"), "consumerKey", keyMsg, []string{"cs_wrong_canary"}},
		{"unknown key", e.conn(sandbox.DemoStoreURL, "ck_unknown_canary", "cs_unknown_canary"), "consumerKey", keyMsg, []string{"ck_unknown_canary", "cs_unknown_canary"}},
		{"another store's key", e.conn(st.URL, sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret), "consumerKey", keyMsg, nil},
		{"no such store", e.conn("https://nowhere.example", sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret), "storeUrl", urlMsg, nil},
		{"store path wrong", e.conn("https://acme.example/other", st.ConsumerKey, st.ConsumerSecret), "storeUrl", urlMsg, nil},
		{"sandbox down", conn(connectors.Env{HTTP: e.env.HTTP, SandboxBase: downBase}, sandbox.DemoStoreURL, sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret), "storeUrl", netMsg, nil},
		{"unreachable store", conn(connectors.Env{}, closedURL, "ck_x_canary", "cs_x_canary"), "storeUrl", netMsg, []string{"ck_x_canary", "cs_x_canary"}},
		{"not WooCommerce", conn(realEnv, notWoo.URL, "ck_x", "cs_x"), "storeUrl", netMsg, nil},
		{"plain http store", conn(connectors.Env{}, "http://shop.example", "ck_x", "cs_x"), "storeUrl",
			"must be the store's https:// address, like https://shop.example.com (WooCommerce takes keys over plain HTTP only with OAuth 1.0a signatures)", nil},
		{"server error", e.conn(failing.URL, failing.ConsumerKey, failing.ConsumerSecret), "", "the store answered with a server error; try again later", nil},
		{"no key", e.conn(sandbox.DemoStoreURL, "", "cs_x"), "consumerKey", "a WooCommerce consumer key is required", nil},
		{"no secret", e.conn(sandbox.DemoStoreURL, "ck_x", ""), "consumerSecret", "the consumer key's secret is required", nil},
		{"no store", e.conn("", "ck_x", "cs_x"), "storeUrl", "the store's URL is required", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := woocommerce.Connector{}.CheckCredentials(bg, tc.conn, connectors.Probe{Env: tc.conn.Env})
			if tc.msg == "" {
				require.NoError(t, err)
				return
			}
			var ce *connectors.CheckError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tc.field, ce.Field)
			require.Equal(t, tc.msg, ce.Message)
			for _, s := range tc.mustNotContainText {
				require.NotContains(t, err.Error(), s)
			}
		})
	}
}

// TestSecretsNeverInErrors runs every call against a store that repeats
// the credentials back (in error bodies, batch errors and a redirect) and
// checks no error text holds the key, the secret or their Basic encoding.
func TestSecretsNeverInErrors(t *testing.T) {
	t.Parallel()
	const key, secret = "ck_0123456789abcdef0123456789abcdef01234567", "cs_fedcba9876543210fedcba9876543210fedcba98"
	basic := base64.StdEncoding.EncodeToString([]byte(key + ":" + secret))
	echo := "key " + key + " secret " + secret + " header Basic " + basic
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.Contains(r.URL.Path, "/redirect/"):
			http.Redirect(w, r, "https://127.0.0.1:1/"+secret+"/"+key, http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/teapot/") && r.URL.Path == "/teapot/wp-json/wc/v3/products/batch":
			_, _ = w.Write([]byte(`{"update":[{"id":1,"error":{"code":"` + key + `","message":"` + echo + `","data":{"status":400}}}]}`))
		default:
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"code":"woocommerce_rest_` + key + `","message":"` + echo + `","data":{"status":400}}`))
		}
	}))
	t.Cleanup(srv.Close)
	env := connectors.Env{HTTP: srv.Client()}
	call := func(path string) connectors.RecordCall {
		return connectors.RecordCall{Conn: conn(env, srv.URL+path, key, secret), Entity: "product"}
	}
	var texts []string
	collect := func(err error) {
		require.Error(t, err)
		texts = append(texts, err.Error())
		var ce *connectors.CheckError
		if errors.As(err, &ce) {
			texts = append(texts, ce.Message)
		}
	}
	c := woocommerce.Connector{}
	collect(c.CheckCredentials(bg, call("/echo").Conn, connectors.Probe{Env: env}))
	collect(c.CheckCredentials(bg, call("/redirect").Conn, connectors.Probe{Env: env}))
	_, err := c.ReadRecords(bg, call("/echo"), connectors.ReadQuery{})
	collect(err)
	_, err = c.ReadRecords(bg, call("/redirect"), connectors.ReadQuery{})
	collect(err)
	_, err = c.WriteRecords(bg, call("/echo"), []connectors.RecordWrite{{Key: "a", TargetID: "1", Fields: map[string]any{"stockQuantity": 1.0}}})
	collect(err)
	_, err = c.WriteRecords(bg, call("/echo"), []connectors.RecordWrite{{Key: "a", Fields: map[string]any{"sku": "X", "stockQuantity": 1.0}}})
	collect(err)
	res, err := c.WriteRecords(bg, call("/teapot"), []connectors.RecordWrite{{Key: "a", TargetID: "1", Fields: map[string]any{"stockQuantity": 1.0}}})
	require.NoError(t, err)
	require.NotEmpty(t, res.Results[0].Err)
	texts = append(texts, res.Results[0].Err)

	for _, text := range texts {
		for _, s := range []string{key, secret, basic} {
			require.NotContains(t, text, s)
		}
	}
	require.Contains(t, strings.Join(texts, "\n"), "[redacted]", "the echoes were there, redacted")
}
