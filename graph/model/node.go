// Package model holds the GraphQL types that are not store models.
package model

// Node is any object with a global id. The store models satisfy it; the
// resolvers decide which object a global id names.
type Node interface{}
