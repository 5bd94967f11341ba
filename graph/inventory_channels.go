package graph

import (
	"context"

	"github.com/switchboard-hub/switchboard/internal/store"
)

// optionalConnection reads a connection an inventory row names, batched
// across the rows of one request; nil when it was deleted (adjustments
// outlive it). Access was checked on the workspace the rows belong to.
func (r *Resolver) optionalConnection(ctx context.Context, id string) (*store.Connection, error) {
	return loadersFrom(ctx).connections.Load(ctx, id)
}
