package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// Access is what the caller may do in one agency: the role of their
// membership, narrowed by the API token they use, if any.
type Access struct {
	Principal  *auth.Principal
	AgencyID   string
	Membership *store.Membership
	Role       auth.Role
	// workspaces is nil when every workspace is visible.
	workspaces map[string]bool
	// ReadOnly is set for viewers and read-only tokens.
	ReadOnly bool
	// Scoped is set for API tokens limited to one workspace.
	Scoped bool
}

// principal returns the caller or UNAUTHENTICATED.
func principal(ctx context.Context) (*auth.Principal, error) {
	p := auth.FromContext(ctx)
	if p == nil {
		return nil, failure.New(failure.Unauthenticated, "sign in or send an API token")
	}
	return p, nil
}

// access loads the caller's access to an agency. An agency the caller does
// not belong to is NOT_FOUND, so that its existence does not leak.
func (s *Service) access(ctx context.Context, db bun.IDB, agencyID string) (*Access, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if p.Token != nil && p.Token.AgencyID != agencyID {
		return nil, failure.New(failure.NotFound, "agency not found")
	}
	m, err := store.MembershipOf(ctx, db, agencyID, p.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, failure.New(failure.NotFound, "agency not found")
	}
	if err != nil {
		return nil, fmt.Errorf("read membership: %w", err)
	}
	a := &Access{Principal: p, AgencyID: agencyID, Membership: m, Role: m.Role, ReadOnly: m.Role == auth.Viewer}
	if !m.AllWorkspaces {
		ids, err := store.MembershipWorkspaceIDs(ctx, db, m.ID)
		if err != nil {
			return nil, fmt.Errorf("read workspace grants: %w", err)
		}
		a.workspaces = make(map[string]bool, len(ids))
		for _, id := range ids {
			a.workspaces[id] = true
		}
	}
	if t := p.Token; t != nil {
		a.ReadOnly = a.ReadOnly || t.ReadOnly
		if t.WorkspaceID != "" {
			a.Scoped = true
			allowed := a.workspaces == nil || a.workspaces[t.WorkspaceID]
			a.workspaces = map[string]bool{t.WorkspaceID: allowed}
			if !allowed {
				a.workspaces = map[string]bool{}
			}
		}
	}
	return a, nil
}

// SeesWorkspace reports whether the caller may see the workspace.
func (a *Access) SeesWorkspace(id string) bool {
	return a.workspaces == nil || a.workspaces[id]
}

// visibleWorkspaceIDs is nil when all workspaces are visible, else the list.
func (a *Access) visibleWorkspaceIDs() []string {
	if a.workspaces == nil {
		return nil
	}
	ids := make([]string, 0, len(a.workspaces))
	for id, ok := range a.workspaces {
		if ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// Manages reports whether the caller may manage the agency (workspaces,
// members, invitations, everyone's tokens).
func (a *Access) Manages() bool {
	return a.Role.CanManage() && !a.ReadOnly && !a.Scoped
}

func (a *Access) requireManage(what string) error {
	if a.ReadOnly && a.Principal.Token != nil {
		return failure.New(failure.Forbidden, "this API token is read-only")
	}
	if !a.Manages() {
		return failure.New(failure.Forbidden, "only owners and admins can %s", what)
	}
	return nil
}

func (a *Access) requireWrite() error {
	if a.ReadOnly {
		if a.Principal.Token != nil {
			return failure.New(failure.Forbidden, "this API token is read-only")
		}
		return failure.New(failure.Forbidden, "viewers cannot make changes")
	}
	return nil
}

// workspaceFor loads a workspace and the caller's access to its agency;
// a workspace the caller cannot see is NOT_FOUND.
func (s *Service) workspaceFor(ctx context.Context, db bun.IDB, id string) (*store.Workspace, *Access, error) {
	if _, err := principal(ctx); err != nil {
		return nil, nil, err
	}
	w, err := store.WorkspaceByID(ctx, db, id)
	if err != nil {
		return nil, nil, notFoundAs(err, "workspace")
	}
	a, err := s.access(ctx, db, w.AgencyID)
	if err != nil {
		return nil, nil, err
	}
	if !a.SeesWorkspace(w.ID) {
		return nil, nil, failure.New(failure.NotFound, "workspace not found")
	}
	return w, a, nil
}

// checkWorkspaceIDs verifies that ids are workspaces of the agency.
func checkWorkspaceIDs(ctx context.Context, db bun.IDB, agencyID, field string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	ws, err := store.WorkspacesByIDs(ctx, db, ids)
	if err != nil {
		return fmt.Errorf("read workspaces: %w", err)
	}
	found := 0
	for _, w := range ws {
		if w.AgencyID == agencyID {
			found++
		}
	}
	if found != len(ids) {
		return failure.Invalid(field, "names a workspace that does not exist in this agency")
	}
	return nil
}

// principalStillValid reports whether the caller's credential still stands
// (for long-lived subscriptions): an API token not revoked, a session not
// ended.
func (s *Service) principalStillValid(ctx context.Context) bool {
	p := auth.FromContext(ctx)
	if p == nil {
		return false
	}
	if p.Token != nil {
		t, err := store.APITokenByID(ctx, s.db, p.Token.ID)
		return err == nil && t.RevokedAt == nil
	}
	if p.SessionID != "" {
		ok, err := store.SessionExists(ctx, s.db, p.SessionID, s.now())
		return err == nil && ok
	}
	return true
}
