package hub

import (
	"context"

	"github.com/switchboard-hub/switchboard/internal/store"
)

// The Load* functions read rows related to an object the caller was already
// allowed to see (a workspace's agency, an entry's actor); the GraphQL
// loaders batch them. They do no authorization of their own.

// LoadUsers reads users by id, in the order of ids (nil where missing).
func (s *Service) LoadUsers(ctx context.Context, ids []string) ([]*store.User, error) {
	rows, err := store.UsersByIDs(ctx, s.db, ids)
	return inOrder(ids, rows, func(u *store.User) string { return u.ID }), err
}

// LoadAgencies reads agencies by id, in the order of ids.
func (s *Service) LoadAgencies(ctx context.Context, ids []string) ([]*store.Agency, error) {
	rows, err := store.AgenciesByIDs(ctx, s.db, ids)
	return inOrder(ids, rows, func(a *store.Agency) string { return a.ID }), err
}

// LoadWorkspaces reads workspaces by id, in the order of ids.
func (s *Service) LoadWorkspaces(ctx context.Context, ids []string) ([]*store.Workspace, error) {
	rows, err := store.WorkspacesByIDs(ctx, s.db, ids)
	return inOrder(ids, rows, func(w *store.Workspace) string { return w.ID }), err
}

// LoadConnections reads connections by id for a request's related rows
// (nil for ids that no longer exist); the caller has checked access to
// the rows that name them.
func (s *Service) LoadConnections(ctx context.Context, ids []string) ([]*store.Connection, error) {
	rows, err := store.ConnectionsByIDs(ctx, s.db, ids)
	return inOrder(ids, rows, func(c *store.Connection) string { return c.ID }), err
}

func inOrder[T any](ids []string, rows []T, id func(*T) string) []*T {
	byID := make(map[string]*T, len(rows))
	for i := range rows {
		byID[id(&rows[i])] = &rows[i]
	}
	out := make([]*T, len(ids))
	for i, k := range ids {
		out[i] = byID[k]
	}
	return out
}
