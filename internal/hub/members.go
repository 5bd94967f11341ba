package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// ChangeMemberRoleInput changes a member's role and workspace access.
type ChangeMemberRoleInput struct {
	MembershipID string    `json:"membershipId" validate:"required"`
	Role         auth.Role `json:"role" validate:"required,oneof=OWNER ADMIN MEMBER VIEWER"`
	WorkspaceIDs []string  `json:"workspaceIds" validate:"max=100,unique"`
}

// MembersArgs selects members of an agency.
type MembersArgs struct {
	AgencyID string
	First    *int
	After    *string
}

// Members lists the agency's members, oldest first. Every member may see them.
func (s *Service) Members(ctx context.Context, args MembersArgs) (store.Page[store.Membership], error) {
	var page store.Page[store.Membership]
	pa, err := pageArgs(args.First, args.After, 20)
	if err != nil {
		return page, err
	}
	if _, err := s.access(ctx, s.db, args.AgencyID); err != nil {
		return page, err
	}
	page, err = store.ListMemberships(ctx, s.db, args.AgencyID, pa)
	if err != nil {
		return page, fmt.Errorf("list members: %w", err)
	}
	return page, nil
}

// Membership returns a membership in an agency the caller belongs to.
func (s *Service) Membership(ctx context.Context, id string) (*store.Membership, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	m, err := store.MembershipByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "membership")
	}
	if _, err := s.access(ctx, s.db, m.AgencyID); err != nil {
		return nil, err
	}
	return m, nil
}

// MembershipWorkspaces lists the workspaces a limited membership grants,
// as far as the caller may see them.
func (s *Service) MembershipWorkspaces(ctx context.Context, m *store.Membership) ([]store.Workspace, error) {
	if m.AllWorkspaces {
		return []store.Workspace{}, nil
	}
	a, err := s.access(ctx, s.db, m.AgencyID)
	if err != nil {
		return nil, err
	}
	ids, err := store.MembershipWorkspaceIDs(ctx, s.db, m.ID)
	if err != nil {
		return nil, fmt.Errorf("read workspace grants: %w", err)
	}
	visible := ids[:0]
	for _, id := range ids {
		if a.SeesWorkspace(id) {
			visible = append(visible, id)
		}
	}
	return store.WorkspacesByIDs(ctx, s.db, visible)
}

// scopeFor checks a role with its workspace list: owners and admins reach
// every workspace; members and viewers reach all (empty list) or the listed.
func scopeFor(ctx context.Context, tx *txn, agencyID string, role auth.Role, ids []string) (all bool, err error) {
	if len(ids) == 0 {
		return true, nil
	}
	if role.CanManage() {
		return false, failure.Invalid("workspaceIds", "must be empty for owners and admins, who reach every workspace")
	}
	return false, checkWorkspaceIDs(ctx, tx, agencyID, "workspaceIds", ids)
}

// ChangeMemberRole changes a member's role and workspace access. Only owners
// may grant or take away the owner role, and the last owner stays an owner.
func (s *Service) ChangeMemberRole(ctx context.Context, in ChangeMemberRoleInput) (*store.Membership, error) {
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	var m *store.Membership
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var err error
		if m, err = store.MembershipByID(ctx, tx, in.MembershipID); err != nil {
			return notFoundAs(err, "membership")
		}
		a, err := s.access(ctx, tx, m.AgencyID)
		if err != nil {
			return err
		}
		if err := a.requireManage("change roles"); err != nil {
			return err
		}
		if (m.Role == auth.Owner || in.Role == auth.Owner) && a.Role != auth.Owner {
			return failure.New(failure.Forbidden, "only owners can grant or change the owner role")
		}
		if m.Role == auth.Owner && in.Role != auth.Owner {
			if err := s.keepAnOwner(ctx, tx, m.AgencyID); err != nil {
				return err
			}
		}
		all, err := scopeFor(ctx, tx, m.AgencyID, in.Role, in.WorkspaceIDs)
		if err != nil {
			return err
		}
		old := m.Role
		m.Role, m.AllWorkspaces = in.Role, all
		if err := store.UpdateMembership(ctx, tx, m, in.WorkspaceIDs); err != nil {
			return fmt.Errorf("update membership: %w", err)
		}
		u, err := store.UserByID(ctx, tx, m.UserID)
		if err != nil {
			return notFoundAs(err, "user")
		}
		scope := "every workspace"
		if !all {
			scope = fmt.Sprintf("%d workspaces", len(in.WorkspaceIDs))
		}
		return s.record(ctx, tx, change{
			agencyID: m.AgencyID, action: "member.role_changed", targetType: "Membership", targetID: m.ID,
			summary: fmt.Sprintf("changed %s from %s to %s with access to %s", u.Email, old, m.Role, scope),
		})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

func (s *Service) keepAnOwner(ctx context.Context, tx *txn, agencyID string) error {
	// Without the lock, two owners stepping down at once would each count the
	// other and leave the agency without an owner.
	if err := store.LockAgencyOwners(ctx, tx, agencyID); err != nil {
		return fmt.Errorf("lock the agency's owners: %w", err)
	}
	n, err := store.CountOwners(ctx, tx, agencyID)
	if err != nil {
		return fmt.Errorf("count owners: %w", err)
	}
	if n <= 1 {
		return failure.New(failure.Conflict, "an agency needs at least one owner; make someone else an owner first")
	}
	return nil
}

// RemoveMember removes a member from an agency and revokes the API tokens
// they made there. Members may also remove themselves (leave).
func (s *Service) RemoveMember(ctx context.Context, membershipID string) error {
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		m, err := store.MembershipByID(ctx, tx, membershipID)
		if err != nil {
			return notFoundAs(err, "membership")
		}
		a, err := s.access(ctx, tx, m.AgencyID)
		if err != nil {
			return err
		}
		leaving := m.UserID == a.Principal.UserID && a.Principal.Token == nil
		if !leaving {
			if err := a.requireManage("remove members"); err != nil {
				return err
			}
			if m.Role == auth.Owner && a.Role != auth.Owner {
				return failure.New(failure.Forbidden, "only owners can remove an owner")
			}
		}
		if m.Role == auth.Owner {
			if err := s.keepAnOwner(ctx, tx, m.AgencyID); err != nil {
				return err
			}
		}
		u, err := store.UserByID(ctx, tx, m.UserID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("read user: %w", err)
		}
		if err := store.DeleteMembership(ctx, tx, m.ID); err != nil {
			return fmt.Errorf("remove member: %w", err)
		}
		if _, err := store.RevokeUserAPITokens(ctx, tx, m.AgencyID, m.UserID, s.now()); err != nil {
			return fmt.Errorf("revoke the member's tokens: %w", err)
		}
		summary := fmt.Sprintf("removed %s from the agency", u.Email)
		if leaving {
			summary = fmt.Sprintf("%s left the agency", u.Email)
		}
		return s.record(ctx, tx, change{
			agencyID: m.AgencyID, action: "member.removed", targetType: "Membership", targetID: m.ID, summary: summary,
		})
	})
}
