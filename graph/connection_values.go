package graph

import (
	"slices"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/graph/model"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// connectionValues lists a connection's fields in the connector's order;
// secret fields say only whether they are set.
func connectionValues(c *store.Connection) []model.ConnectionValue {
	conn, ok := connectors.Get(c.Connector)
	if !ok {
		return []model.ConnectionValue{}
	}
	fields := conn.Spec().Fields
	out := make([]model.ConnectionValue, 0, len(fields))
	for _, f := range fields {
		v := model.ConnectionValue{Name: f.Name}
		if f.Type == connectors.Secret {
			v.IsSet = slices.Contains(c.SecretFields, f.Name)
		} else if val, ok := c.Config[f.Name]; ok {
			v.Value, v.IsSet = &val, true
		}
		out = append(out, v)
	}
	return out
}
