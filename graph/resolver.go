// Package graph is the GraphQL API: thin resolvers over internal/hub, plus
// the HTTP handler that serves them with the house limits.
package graph

import (
	"github.com/switchboard-hub/switchboard/internal/hub"
)

// Resolver holds the dependencies of every resolver.
type Resolver struct {
	Hub *hub.Service
}
