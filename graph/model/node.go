// Package model holds the GraphQL types that are not store models.
package model

// Node is any object with a global id. The store models satisfy it; the
// resolvers decide which object a global id names.
type Node interface{}

// MappingInput is a mapping as GraphQL clients send it (global ids; the
// definition as JSON).
type MappingInput struct {
	Name               string `json:"name"`
	SourceConnectionID string `json:"sourceConnectionId"`
	SourceEntity       string `json:"sourceEntity"`
	TargetConnectionID string `json:"targetConnectionId"`
	TargetEntity       string `json:"targetEntity"`
	Definition         any    `json:"definition"`
}

// SyncInput is a sync as GraphQL clients send it.
type SyncInput struct {
	Name            string  `json:"name"`
	MappingID       string  `json:"mappingId"`
	IntervalMinutes *int    `json:"intervalMinutes"`
	Cron            *string `json:"cron"`
	OnEvents        *bool   `json:"onEvents"`
	Enabled         *bool   `json:"enabled"`
}
