package graph

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/switchboard-hub/switchboard/internal/hub"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// loaders batch the reads of related rows within one request.
type loaders struct {
	users      *dataloadgen.Loader[string, *store.User]
	agencies   *dataloadgen.Loader[string, *store.Agency]
	workspaces *dataloadgen.Loader[string, *store.Workspace]
	// connections are the channels inventory rows name.
	connections *dataloadgen.Loader[string, *store.Connection]
}

type loadersKey struct{}

func newLoaders(h *hub.Service) *loaders {
	wait := dataloadgen.WithWait(time.Millisecond)
	return &loaders{
		users:       dataloadgen.NewLoader(batch(h.LoadUsers), wait),
		agencies:    dataloadgen.NewLoader(batch(h.LoadAgencies), wait),
		workspaces:  dataloadgen.NewLoader(batch(h.LoadWorkspaces), wait),
		connections: dataloadgen.NewLoader(batch(h.LoadConnections), wait),
	}
}

// batch adapts a hub Load* function to dataloadgen's fetch signature.
func batch[T any](load func(context.Context, []string) ([]*T, error)) func(context.Context, []string) ([]*T, []error) {
	return func(ctx context.Context, ids []string) ([]*T, []error) {
		rows, err := load(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return rows, nil
	}
}

func loadersFrom(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}

func loadUser(ctx context.Context, id *string) (*store.User, error) {
	if id == nil {
		return nil, nil
	}
	return loadersFrom(ctx).users.Load(ctx, *id)
}

func loadAgency(ctx context.Context, id string) (*store.Agency, error) {
	return loadersFrom(ctx).agencies.Load(ctx, id)
}

func loadWorkspace(ctx context.Context, id *string) (*store.Workspace, error) {
	if id == nil {
		return nil, nil
	}
	return loadersFrom(ctx).workspaces.Load(ctx, *id)
}
