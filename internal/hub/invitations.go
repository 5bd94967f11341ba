package hub

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// invitationLife is how long an invitation link works.
const invitationLife = 7 * 24 * time.Hour

// InviteMemberInput invites someone to an agency.
type InviteMemberInput struct {
	AgencyID     string    `json:"agencyId" validate:"required"`
	Email        string    `json:"email" validate:"required,email,max=254"`
	Role         auth.Role `json:"role" validate:"required,oneof=OWNER ADMIN MEMBER VIEWER"`
	WorkspaceIDs []string  `json:"workspaceIds" validate:"max=100,unique"`
}

// AcceptInvitationInput accepts an invitation.
type AcceptInvitationInput struct {
	Token    string `json:"token" validate:"required,max=200"`
	Name     string `json:"name" validate:"omitempty,name,max=80"`
	Password string `json:"password" validate:"omitempty,min=10,max=200"`
}

// InvitationsArgs selects invitations of an agency.
type InvitationsArgs struct {
	AgencyID string
	Status   store.InvitationStatus
	First    *int
	After    *string
}

// InviteResult is a new invitation and its one-time link.
type InviteResult struct {
	Invitation *store.Invitation
	URL        string
}

// InviteMember creates an invitation valid for 7 days. The link is returned
// once; only its hash is stored.
func (s *Service) InviteMember(ctx context.Context, in InviteMemberInput) (*InviteResult, error) {
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	token := auth.NewSecret(auth.InvitationPrefix)
	now := s.now()
	inv := &store.Invitation{
		ID: store.NewID(), AgencyID: in.AgencyID, Email: in.Email, Role: in.Role,
		TokenHash: auth.HashSecret(token), CreatedAt: now, ExpiresAt: now.Add(invitationLife),
	}
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		a, err := s.access(ctx, tx, in.AgencyID)
		if err != nil {
			return err
		}
		if err := a.requireManage("invite members"); err != nil {
			return err
		}
		if in.Role == auth.Owner && a.Role != auth.Owner {
			return failure.New(failure.Forbidden, "only owners can invite an owner")
		}
		if inv.AllWorkspaces, err = scopeFor(ctx, tx, in.AgencyID, in.Role, in.WorkspaceIDs); err != nil {
			return err
		}
		if u, err := store.UserByEmail(ctx, tx, in.Email); err == nil {
			if _, err := store.MembershipOf(ctx, tx, in.AgencyID, u.ID); err == nil {
				return failure.ConflictOn("email", "this person is already a member of the agency")
			}
		}
		// Ask for this email only: scanning a page of pending invitations
		// missed duplicates beyond its first 100.
		pending, err := store.HasPendingInvitation(ctx, tx, in.AgencyID, in.Email, now)
		if err != nil {
			return fmt.Errorf("read invitations: %w", err)
		}
		if pending {
			return failure.ConflictOn("email", "a pending invitation for this email exists; revoke it to send a new one")
		}
		inv.InvitedBy = &a.Principal.UserID
		if err := store.InsertInvitation(ctx, tx, inv, in.WorkspaceIDs); err != nil {
			return fmt.Errorf("create invitation: %w", err)
		}
		return s.record(ctx, tx, change{
			agencyID: in.AgencyID, action: "member.invited", targetType: "Invitation", targetID: inv.ID,
			summary: fmt.Sprintf("invited %s as %s", in.Email, in.Role),
		})
	})
	if err != nil {
		return nil, err
	}
	return &InviteResult{Invitation: inv, URL: strings.TrimRight(s.publicURL, "/") + "/invite/" + token}, nil
}

// Invitations lists an agency's invitations for owners and admins.
func (s *Service) Invitations(ctx context.Context, args InvitationsArgs) (store.Page[store.Invitation], error) {
	var page store.Page[store.Invitation]
	pa, err := pageArgs(args.First, args.After, 20)
	if err != nil {
		return page, err
	}
	a, err := s.access(ctx, s.db, args.AgencyID)
	if err != nil {
		return page, err
	}
	if !a.Role.CanManage() || a.Scoped {
		return page, failure.New(failure.Forbidden, "only owners and admins can see invitations")
	}
	page, err = store.ListInvitations(ctx, s.db, args.AgencyID, args.Status, s.now(), pa)
	if err != nil {
		return page, fmt.Errorf("list invitations: %w", err)
	}
	return page, nil
}

// Invitation returns an invitation to an owner or admin of its agency.
func (s *Service) Invitation(ctx context.Context, id string) (*store.Invitation, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	inv, err := store.InvitationByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "invitation")
	}
	a, err := s.access(ctx, s.db, inv.AgencyID)
	if err != nil {
		return nil, err
	}
	if !a.Role.CanManage() || a.Scoped {
		return nil, failure.New(failure.NotFound, "invitation not found")
	}
	return inv, nil
}

// InvitationWorkspaces lists the workspaces an invitation is limited to.
func (s *Service) InvitationWorkspaces(ctx context.Context, inv *store.Invitation) ([]store.Workspace, error) {
	if inv.AllWorkspaces {
		return []store.Workspace{}, nil
	}
	ids, err := store.InvitationWorkspaceIDs(ctx, s.db, inv.ID)
	if err != nil {
		return nil, fmt.Errorf("read invitation workspaces: %w", err)
	}
	return store.WorkspacesByIDs(ctx, s.db, ids)
}

// InvitationStatus derives an invitation's state now.
func (s *Service) InvitationStatus(inv *store.Invitation) store.InvitationStatus {
	return inv.Status(s.now())
}

// RevokeInvitation revokes a pending invitation.
func (s *Service) RevokeInvitation(ctx context.Context, id string) (*store.Invitation, error) {
	var inv *store.Invitation
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var err error
		if inv, err = store.InvitationByID(ctx, tx, id); err != nil {
			return notFoundAs(err, "invitation")
		}
		a, err := s.access(ctx, tx, inv.AgencyID)
		if err != nil {
			return err
		}
		if err := a.requireManage("revoke invitations"); err != nil {
			return err
		}
		now := s.now()
		ok, err := store.RevokeInvitation(ctx, tx, inv.ID, now)
		if err != nil {
			return fmt.Errorf("revoke invitation: %w", err)
		}
		if !ok {
			return failure.New(failure.Conflict, "the invitation was already %s", strings.ToLower(string(inv.Status(now))))
		}
		inv.RevokedAt = &now
		return s.record(ctx, tx, change{
			agencyID: inv.AgencyID, action: "invitation.revoked", targetType: "Invitation", targetID: inv.ID,
			summary: fmt.Sprintf("revoked the invitation of %s", inv.Email),
		})
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// InvitationPreview is what the holder of an invitation link may see.
type InvitationPreview struct {
	AgencyID      string
	AgencyName    string
	Email         string
	Role          auth.Role
	InvitedByName *string
	ExpiresAt     time.Time
	AccountExists bool
}

// PreviewInvitation shows a pending invitation to whoever holds its link;
// nil when the link is unknown or no longer usable.
func (s *Service) PreviewInvitation(ctx context.Context, token string) (*InvitationPreview, error) {
	inv, err := store.InvitationByTokenHash(ctx, s.db, auth.HashSecret(token))
	if errors.Is(err, store.ErrNotFound) || (err == nil && inv.Status(s.now()) != store.InvitationPending) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read invitation: %w", err)
	}
	agencies, err := store.AgenciesByIDs(ctx, s.db, []string{inv.AgencyID})
	if err != nil || len(agencies) == 0 {
		return nil, notFoundAs(store.ErrNotFound, "agency")
	}
	p := &InvitationPreview{AgencyID: agencies[0].ID, AgencyName: agencies[0].Name, Email: inv.Email, Role: inv.Role, ExpiresAt: inv.ExpiresAt}
	if inv.InvitedBy != nil {
		if u, err := store.UserByID(ctx, s.db, *inv.InvitedBy); err == nil {
			p.InvitedByName = &u.Name
		}
	}
	_, err = store.UserByEmail(ctx, s.db, inv.Email)
	p.AccountExists = err == nil
	return p, nil
}

// AcceptInvitation joins the invited agency: as the signed-in user (whose
// email must be the invited one), or by creating that user's account, which
// also starts a session (the grant is then non-empty).
func (s *Service) AcceptInvitation(ctx context.Context, in AcceptInvitationInput, userAgent string) (*auth.Principal, auth.SessionGrant, error) {
	in.Name = strings.TrimSpace(in.Name)
	var grant auth.SessionGrant
	if err := s.validate.Check(in); err != nil {
		return nil, grant, err
	}
	p := auth.FromContext(ctx)
	if p != nil && p.Token != nil {
		return nil, grant, failure.New(failure.Forbidden, "accept invitations from a browser session, not with an API token")
	}
	var hash string
	if p == nil && in.Password != "" {
		var err error
		if hash, err = auth.HashPassword(in.Password); err != nil {
			return nil, grant, err
		}
	}
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		now := s.now()
		inv, err := store.InvitationByTokenHash(ctx, tx, auth.HashSecret(in.Token))
		if err != nil {
			return notFoundAs(err, "invitation")
		}
		if st := inv.Status(now); st != store.InvitationPending {
			return failure.New(failure.Conflict, "this invitation is %s; ask for a new one", strings.ToLower(string(st)))
		}
		var user *store.User
		if p != nil {
			if !strings.EqualFold(p.Email, inv.Email) {
				return failure.New(failure.Forbidden, "this invitation is for another email address; sign in as the invited user to accept it")
			}
			if user, err = store.UserByID(ctx, tx, p.UserID); err != nil {
				return notFoundAs(err, "user")
			}
		} else {
			if _, err := store.UserByEmail(ctx, tx, inv.Email); err == nil {
				return failure.New(failure.Unauthenticated, "an account for %s exists; sign in to accept", inv.Email)
			}
			fields := map[string]string{}
			if in.Name == "" {
				fields["name"] = "is required to create your account"
			}
			if in.Password == "" {
				fields["password"] = "is required to create your account"
			}
			if len(fields) > 0 {
				return &failure.Error{Code: failure.ValidationFailed, Message: "name and password are required to create your account", Fields: fields}
			}
			user = &store.User{ID: store.NewID(), Email: inv.Email, Name: in.Name, PasswordHash: hash, CreatedAt: now}
			if err := store.InsertUser(ctx, tx, user); err != nil {
				if store.IsUniqueViolation(err, "") {
					return failure.New(failure.Conflict, "an account for %s was just created; sign in to accept", inv.Email)
				}
				return fmt.Errorf("create user: %w", err)
			}
			if grant, err = s.startSession(ctx, tx, user.ID, userAgent); err != nil {
				return err
			}
			p = principalOf(user, auth.BySession)
		}
		if _, err := store.MembershipOf(ctx, tx, inv.AgencyID, user.ID); err == nil {
			return failure.New(failure.Conflict, "you are already a member of this agency")
		}
		ok, err := store.MarkInvitationAccepted(ctx, tx, inv.ID, user.ID, now)
		if err != nil {
			return fmt.Errorf("accept invitation: %w", err)
		}
		if !ok {
			return failure.New(failure.Conflict, "this invitation is no longer valid; ask for a new one")
		}
		wsIDs, err := store.InvitationWorkspaceIDs(ctx, tx, inv.ID)
		if err != nil {
			return fmt.Errorf("read invitation workspaces: %w", err)
		}
		m := &store.Membership{ID: store.NewID(), AgencyID: inv.AgencyID, UserID: user.ID, Role: inv.Role, AllWorkspaces: inv.AllWorkspaces, CreatedAt: now}
		if err := store.InsertMembership(ctx, tx, m, wsIDs); err != nil {
			if store.IsUniqueViolation(err, "") {
				return failure.New(failure.Conflict, "you are already a member of this agency")
			}
			return fmt.Errorf("create membership: %w", err)
		}
		return s.record(auth.WithPrincipal(ctx, p), tx, change{
			agencyID: inv.AgencyID, action: "member.joined", targetType: "Membership", targetID: m.ID,
			summary: fmt.Sprintf("%s joined as %s", user.Email, m.Role),
		})
	})
	if err != nil {
		return nil, auth.SessionGrant{}, err
	}
	return p, grant, nil
}
