package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/switchboard-hub/switchboard/graph/generated"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/hub"
	"github.com/switchboard-hub/switchboard/internal/telemetry"
)

// Limits that every operation must respect; they are checked before any
// resolver runs.
const (
	MaxDepth      = 12
	MaxAliases    = 30
	MaxComplexity = 2500
	// maxTokens bounds the parser's work on one document.
	maxTokens = 15000
)

// WebSocket close codes sent when connection_init is refused.
const (
	CloseUnauthenticated = 4401
	CloseForbidden       = 4403
)

// HandlerOptions configure the GraphQL handler.
type HandlerOptions struct {
	Hub *hub.Service
	Log *slog.Logger
	// Production turns introspection off.
	Production bool
	// OriginPatterns are the hosts allowed to open WebSockets (besides the
	// request's own host), as coder/websocket patterns.
	OriginPatterns []string
	// AuthenticateSocket resolves the principal of a WebSocket connection
	// from connection_init's authorization value (may be empty: then the
	// cookie seen on the upgrade request counts). It returns a failure
	// (UNAUTHENTICATED or FORBIDDEN) to refuse the connection.
	AuthenticateSocket func(ctx context.Context, authorization string) (context.Context, error)
	// Metrics counts operations; may be nil.
	Metrics *telemetry.Metrics
}

// NewHandler builds the /graphql handler explicitly (POST and WebSocket
// transports only; no GET, so no state change can ride a link).
func NewHandler(o HandlerOptions) http.Handler {
	cfg := generated.Config{Resolvers: &Resolver{Hub: o.Hub}}
	setComplexity(&cfg.Complexity)
	srv := handler.New(generated.NewExecutableSchema(cfg))

	srv.AddTransport(transport.Websocket{
		Implementation: transport.CoderWebsocketImplementation{AcceptOptions: websocket.AcceptOptions{
			OriginPatterns: o.OriginPatterns,
		}},
		InitTimeout:           10 * time.Second,
		KeepAlivePingInterval: 15 * time.Second,
		InitFunc: func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			// Responses over a socket cannot set cookies: mutations that need
			// them (signIn, startConnection) refuse instead of losing them.
			ctx = auth.WithCookieJar(ctx, nil)
			ctx, err := o.AuthenticateSocket(ctx, p.Authorization())
			if err != nil {
				code := CloseUnauthenticated
				if failure.Is(err, failure.Forbidden) {
					code = CloseForbidden
				}
				ctx = transport.WithWebsocketCloseCode(ctx, code)
				ctx = transport.AppendCloseReason(ctx, err.Error())
				return ctx, nil, err
			}
			return ctx, nil, nil
		},
	})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(maxTokens)
	if !o.Production {
		srv.Use(extension.Introspection{})
	}
	srv.Use(shapeLimit{})
	srv.Use(extension.FixedComplexityLimit(MaxComplexity))
	if o.Metrics != nil {
		srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
			op := graphql.GetOperationContext(ctx)
			start := time.Now()
			kind := "unknown"
			if op.Operation != nil {
				kind = string(op.Operation.Operation)
			}
			o.Metrics.GraphQLOperations.WithLabelValues(kind).Inc()
			h := next(ctx)
			return func(ctx context.Context) *graphql.Response {
				resp := h(ctx)
				if kind != string(ast.Subscription) {
					o.Metrics.GraphQLDuration.WithLabelValues(kind).Observe(time.Since(start).Seconds())
				}
				return resp
			}
		})
	}
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if o.Log.Enabled(ctx, slog.LevelDebug) {
			op := graphql.GetOperationContext(ctx)
			// Variable names only: their values may be passwords or keys.
			names := make([]string, 0, len(op.Variables))
			for name := range op.Variables {
				names = append(names, name)
			}
			sort.Strings(names)
			o.Log.DebugContext(ctx, "graphql operation", "name", op.OperationName, "variables", names)
		}
		return next(ctx)
	})
	srv.SetErrorPresenter(presentError(o.Log))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		o.Log.ErrorContext(ctx, "graphql: resolver panicked", "panic", fmt.Sprint(v))
		return errors.New("internal error")
	})
	// Fresh loaders for every response: a WebSocket is one HTTP request but
	// many responses, and a cache held across them would show stale names.
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		return next(context.WithValue(ctx, loadersKey{}, newLoaders(o.Hub)))
	})
	return srv
}

// presentError maps hub failures to extensions.code and masks everything
// else as INTERNAL with the request id (the details go to the log).
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		if f, ok := failure.As(err); ok {
			gerr := &gqlerror.Error{Message: f.Message, Path: graphql.GetPath(ctx), Extensions: map[string]any{"code": string(f.Code)}}
			if len(f.Fields) > 0 {
				gerr.Extensions["fields"] = f.Fields
			}
			return gerr
		}
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && gerr.Err == nil {
			// gqlgen's own errors (parse, validation, limits) are safe to show.
			return graphql.DefaultErrorPresenter(ctx, err)
		}
		if errors.As(err, &gerr) {
			if f, ok := failure.As(gerr.Err); ok {
				return &gqlerror.Error{Message: f.Message, Path: gerr.Path, Extensions: map[string]any{"code": string(f.Code), "fields": f.Fields}}
			}
			if isInputError(gerr) {
				return graphql.DefaultErrorPresenter(ctx, err)
			}
		}
		id := telemetry.RequestID(ctx)
		log.ErrorContext(ctx, "graphql: internal error", "err", err.Error(), "path", graphql.GetPath(ctx).String())
		return &gqlerror.Error{
			Message:    "internal error; quote request id " + id + " when reporting it",
			Path:       graphql.GetPath(ctx),
			Extensions: map[string]any{"code": "INTERNAL", "requestId": id},
		}
	}
}

// isInputError reports whether gqlgen raised err while reading the request's
// arguments (a bad enum value, a wrong type): those are the caller's errors.
func isInputError(e *gqlerror.Error) bool {
	code, _ := e.Extensions["code"].(string)
	return code == "GRAPHQL_VALIDATION_FAILED" || code == "GRAPHQL_PARSE_FAILED" || code == "BAD_USER_INPUT"
}
