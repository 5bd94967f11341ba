package graph

import (
	"slices"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/graph/model"
	"github.com/switchboard-hub/switchboard/internal/rules"
)

// triggerEvents lists the event types rules can trigger on with the
// connectors that emit them.
func triggerEvents() []model.TriggerEvent {
	types := rules.TriggerTypes()
	out := make([]model.TriggerEvent, len(types))
	for i, t := range types {
		out[i] = model.TriggerEvent{Type: t, Connectors: []connectors.Spec{}, Derived: t == rules.CheckoutAbandoned || t == rules.CustomerInactive}
		for _, c := range connectors.All() {
			spec := c.Spec()
			if slices.ContainsFunc(spec.Events, func(e connectors.Event) bool { return e.Type == t }) {
				out[i].Connectors = append(out[i].Connectors, spec)
			}
		}
	}
	return out
}

// optional is nil for an empty string.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
