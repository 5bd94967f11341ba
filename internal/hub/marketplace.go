package hub

import (
	"context"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/failure"
)

// Connectors lists the marketplace to signed-in callers, optionally one
// category, filtered by a search text.
func (s *Service) Connectors(ctx context.Context, category *connectors.Category, search *string) ([]connectors.Spec, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	if len(deref(search)) > 100 {
		return nil, failure.Invalid("search", "must be at most 100 characters")
	}
	var cat connectors.Category
	if category != nil {
		cat = *category
	}
	found := connectors.Search(cat, deref(search))
	specs := make([]connectors.Spec, len(found))
	for i, c := range found {
		specs[i] = c.Spec()
	}
	return specs, nil
}

// Connector returns one connector's Spec; nil when no connector has the slug.
func (s *Service) Connector(ctx context.Context, slug string) (*connectors.Spec, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	c, ok := connectors.Get(slug)
	if !ok {
		return nil, nil
	}
	spec := c.Spec()
	return &spec, nil
}

// SandboxURL is where a provider's emulator is mounted in sandbox mode, or
// nil when the connector talks to the real provider.
func (s *Service) SandboxURL(slug string) *string {
	app, ok := s.oauthApps[slug]
	if !ok || !app.Sandbox {
		return nil
	}
	u := strings.TrimRight(app.APIBase, "/") + "/"
	return &u
}
