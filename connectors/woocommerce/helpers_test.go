package woocommerce_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
	"github.com/switchboard-hub/switchboard/connectors/woocommerce/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

const sandboxPrefix = "/sandbox/woocommerce"

// wcEnv is the sandbox served over real HTTP under the hub's prefix, and
// the environment a hub in sandbox mode gives the connector.
type wcEnv struct {
	sb    *sandbox.Sandbox
	clock *sandboxkit.Clock
	base  string
	env   connectors.Env
}

func newWCEnv(t *testing.T) *wcEnv {
	t.Helper()
	clock := sandboxkit.NewClock(time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC))
	sb := sandbox.New(sandbox.Options{Now: clock.Now})
	mux := http.NewServeMux()
	mux.Handle(sandboxPrefix+"/", http.StripPrefix(sandboxPrefix, sb))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base := srv.URL + sandboxPrefix
	return &wcEnv{sb: sb, clock: clock, base: base, env: connectors.Env{HTTP: &http.Client{Timeout: 5 * time.Second}, SandboxBase: base}}
}

// store creates a sandbox store at url with products and returns a
// connection to it.
func (e *wcEnv) store(t *testing.T, url string, products []sandbox.ProductSpec) connectors.Conn {
	t.Helper()
	st, err := e.sb.CreateStore(sandbox.StoreSpec{URL: url, Products: products})
	require.NoError(t, err)
	return e.conn(url, st.ConsumerKey, st.ConsumerSecret)
}

// numbered are n products SKU-0001…, each with stock 10.
func numbered(n int) []sandbox.ProductSpec {
	out := make([]sandbox.ProductSpec, n)
	for i := range out {
		stock := int64(10)
		out[i] = sandbox.ProductSpec{SKU: fmt.Sprintf("SKU-%04d", i+1), Name: fmt.Sprintf("Product %d", i+1), Price: "9.50", StockQuantity: &stock}
	}
	return out
}

func (e *wcEnv) conn(storeURL, key, secret string) connectors.Conn {
	return conn(e.env, storeURL, key, secret)
}

func conn(env connectors.Env, storeURL, key, secret string) connectors.Conn {
	return connectors.Conn{
		Config: map[string]string{"storeUrl": storeURL},
		Secrets: map[string]secrets.Secret{"consumerKey": secrets.New(key), "consumerSecret": secrets.New(secret),
			"webhookSecret": secrets.New("whsec")},
		Env: env,
	}
}

func (e *wcEnv) demo() connectors.Conn {
	return e.conn(sandbox.DemoStoreURL, sandbox.DemoConsumerKey, sandbox.DemoConsumerSecret)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

var bg = context.Background()
