package graph

import (
	"context"

	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// optionalConnection reads a connection an inventory row names; nil when
// it was deleted (its rows outlive it in the adjustments log).
func (r *Resolver) optionalConnection(ctx context.Context, id string) (*store.Connection, error) {
	c, err := r.Hub.Connection(ctx, id)
	if failure.Is(err, failure.NotFound) {
		return nil, nil
	}
	return c, err
}
