package web

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/switchboard-hub/switchboard/graph"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/hub"
	"github.com/switchboard-hub/switchboard/internal/telemetry"
)

// Options configure the router.
type Options struct {
	Hub        *hub.Service
	Log        *slog.Logger
	Metrics    *telemetry.Metrics
	Production bool
	// PublicURL is where browsers reach the hub; its host may open WebSockets
	// and its scheme decides whether cookies are Secure.
	PublicURL string
	// Ready reports whether the database and the job queue work.
	Ready func(ctx context.Context) error
	// JobsUI is River UI, mounted at /admin/jobs for operators; may be nil.
	JobsUI http.Handler
	// App is the built admin app.
	App fs.FS
	// Sandboxes are provider emulators mounted in sandbox mode, by path
	// prefix (e.g. "/sandbox/shopify").
	Sandboxes map[string]http.Handler
}

// NewRouter returns the hub's HTTP handler.
func NewRouter(o Options) http.Handler {
	pub, _ := url.Parse(o.PublicURL)
	authn := &authenticator{hub: o.Hub, log: o.Log, secure: pub != nil && pub.Scheme == "https"}
	var origins []string
	if pub != nil && pub.Host != "" {
		origins = append(origins, pub.Host)
	}
	gql := graph.NewHandler(graph.HandlerOptions{
		Hub: o.Hub, Log: o.Log, Production: o.Production, OriginPatterns: origins,
		AuthenticateSocket: authn.socket, Metrics: o.Metrics,
	})

	mux := http.NewServeMux()
	mux.Handle("POST /graphql", authn.middleware(gql))
	mux.Handle("GET /graphql", authn.middleware(onlyWebSocket(pub, gql)))
	if !o.Production {
		mux.Handle("GET /graphiql", playground.ApolloSandboxHandler("Switchboard GraphQL", "/graphql"))
	}
	mux.Handle("GET /oauth/{slug}/callback", authn.middleware(oauthCallback(o.Hub)))
	mux.Handle("POST /webhooks/{slug}/{token}", connectionWebhook(o.Hub))
	mux.Handle("POST /apps/{slug}/webhooks", appWebhook(o.Hub))
	mux.Handle("GET /apps/{slug}", appInstall(o.Hub, authn.secure))
	for prefix, h := range o.Sandboxes {
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			mux.Handle(m+" "+prefix+"/", http.StripPrefix(prefix, h))
		}
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain")
		if err := o.Ready(ctx); err != nil {
			o.Log.WarnContext(ctx, "not ready", "err", err.Error())
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("not ready\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(o.Metrics.Registry, promhttp.HandlerOpts{}))
	if o.JobsUI != nil {
		jobsAuthn := *authn
		jobsAuthn.originChecked = true
		for _, m := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"} {
			mux.Handle(m+" /admin/jobs/", jobsAuthn.middleware(operatorsOnly(pub, o.JobsUI)))
		}
		mux.Handle("GET /admin/jobs", http.RedirectHandler("/admin/jobs/", http.StatusMovedPermanently))
	}
	mux.Handle("GET /", appHandler(o.App))
	return observe(o.Log, o.Metrics, securityHeaders(limitBody(mux)))
}

// onlyWebSocket lets GET /graphql through for WebSocket upgrades only
// (queries over GET are not served), and only from the hub's own origin, so
// that another site cannot ride a signed-in browser's cookie.
func onlyWebSocket(pub *url.URL, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isWebSocket(r) {
			writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "send GraphQL operations with POST, or open a WebSocket (graphql-transport-ws)")
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			u, err := url.Parse(o)
			if err != nil || (!strings.EqualFold(u.Host, r.Host) && (pub == nil || !strings.EqualFold(u.Host, pub.Host))) {
				writeError(w, r, http.StatusForbidden, "FORBIDDEN", "WebSocket connections are accepted from the hub's own origin only")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// operatorsOnly admits instance operators (users marked with
// `switchboard operator grant`), signed in with a browser session. Everyone
// else gets 404, so the page's existence does not leak. State-changing
// requests must come from the hub's own origin.
func operatorsOnly(pub *url.URL, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := auth.FromContext(r.Context())
		if p == nil || !p.IsOperator || p.Method != auth.BySession {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if o := r.Header.Get("Origin"); o == "" || pub == nil || o != pub.Scheme+"://"+pub.Host {
				http.Error(w, "cross-origin request refused", http.StatusForbidden)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
