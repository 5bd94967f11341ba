package hub

import (
	"context"
	"fmt"
	"strings"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// CreateAPITokenInput creates an API token.
type CreateAPITokenInput struct {
	AgencyID    string           `json:"agencyId" validate:"required"`
	Name        string           `json:"name" validate:"required,name,max=80"`
	Access      auth.TokenAccess `json:"access" validate:"required,oneof=READ_ONLY READ_WRITE"`
	WorkspaceID *string          `json:"workspaceId"`
}

// APITokensArgs selects API tokens.
type APITokensArgs struct {
	AgencyID       string
	IncludeRevoked bool
	First          *int
	After          *string
}

// CreatedToken is a new token with its secret, shown once.
type CreatedToken struct {
	Token  *store.APIToken
	Secret string
}

// tokenPrefixLen is how much of the secret is kept to recognise a token.
const tokenPrefixLen = len(auth.APITokenPrefix) + 6

// CreateAPIToken makes a token acting for the caller. Tokens are managed from
// a browser session only, so a token can never mint a wider one; viewers may
// only make read-only tokens.
func (s *Service) CreateAPIToken(ctx context.Context, in CreateAPITokenInput) (*CreatedToken, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	secret := auth.NewSecret(auth.APITokenPrefix)
	t := &store.APIToken{
		ID: store.NewID(), AgencyID: in.AgencyID, Name: in.Name, Prefix: secret[:tokenPrefixLen],
		TokenHash: auth.HashSecret(secret), Access: in.Access, WorkspaceID: in.WorkspaceID, CreatedAt: s.now(),
	}
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		a, err := s.access(ctx, tx, in.AgencyID)
		if err != nil {
			return err
		}
		if a.Principal.Token != nil {
			return failure.New(failure.Forbidden, "API tokens can only be created from a signed-in browser session")
		}
		if in.Access == auth.ReadWrite && a.ReadOnly {
			return &failure.Error{Code: failure.Forbidden, Message: "viewers can only create read-only tokens",
				Fields: map[string]string{"access": "viewers can only create read-only tokens"}}
		}
		scope := "the whole agency"
		if in.WorkspaceID != nil {
			w, err := store.WorkspaceByID(ctx, tx, *in.WorkspaceID)
			if err != nil || w.AgencyID != in.AgencyID || !a.SeesWorkspace(w.ID) {
				return failure.Invalid("workspaceId", "names a workspace you cannot reach in this agency")
			}
			scope = fmt.Sprintf("the workspace %q", w.Name)
		} else if a.visibleWorkspaceIDs() != nil {
			return failure.Invalid("workspaceId", "is required: you can reach only some workspaces, so a token must name one")
		}
		t.UserID = a.Principal.UserID
		if err := store.InsertAPIToken(ctx, tx, t); err != nil {
			return fmt.Errorf("create token: %w", err)
		}
		return s.record(ctx, tx, change{
			agencyID: t.AgencyID, workspaceID: deref(t.WorkspaceID), action: "api_token.created", targetType: "ApiToken", targetID: t.ID,
			summary: fmt.Sprintf("created the %s API token %q for %s", strings.ToLower(strings.ReplaceAll(string(t.Access), "_", "-")), t.Name, scope),
		})
	})
	if err != nil {
		return nil, err
	}
	return &CreatedToken{Token: t, Secret: secret}, nil
}

// APITokens lists tokens: owners and admins see everyone's, others their own.
func (s *Service) APITokens(ctx context.Context, args APITokensArgs) (store.Page[store.APIToken], error) {
	var page store.Page[store.APIToken]
	pa, err := pageArgs(args.First, args.After, 20)
	if err != nil {
		return page, err
	}
	a, err := s.access(ctx, s.db, args.AgencyID)
	if err != nil {
		return page, err
	}
	f := store.TokenFilter{AgencyID: args.AgencyID, IncludeRevoked: args.IncludeRevoked}
	if !a.Role.CanManage() || a.Scoped {
		f.UserID = a.Principal.UserID
	}
	page, err = store.ListAPITokens(ctx, s.db, f, pa)
	if err != nil {
		return page, fmt.Errorf("list tokens: %w", err)
	}
	return page, nil
}

// APIToken returns a token the caller may see.
func (s *Service) APIToken(ctx context.Context, id string) (*store.APIToken, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	t, err := store.APITokenByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "API token")
	}
	a, err := s.access(ctx, s.db, t.AgencyID)
	if err != nil {
		return nil, err
	}
	if t.UserID != a.Principal.UserID && (!a.Role.CanManage() || a.Scoped) {
		return nil, failure.New(failure.NotFound, "API token not found")
	}
	return t, nil
}

// RevokeAPIToken revokes a token: the caller's own, or anyone's for owners
// and admins.
func (s *Service) RevokeAPIToken(ctx context.Context, id string) (*store.APIToken, error) {
	var t *store.APIToken
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var err error
		if t, err = store.APITokenByID(ctx, tx, id); err != nil {
			return notFoundAs(err, "API token")
		}
		a, err := s.access(ctx, tx, t.AgencyID)
		if err != nil {
			return err
		}
		own := t.UserID == a.Principal.UserID
		if !own && (!a.Role.CanManage() || a.Scoped) {
			return failure.New(failure.NotFound, "API token not found")
		}
		if !own {
			if err := a.requireManage("revoke other people's tokens"); err != nil {
				return err
			}
		} else if a.Principal.Token != nil && a.Principal.Token.ReadOnly {
			return failure.New(failure.Forbidden, "this API token is read-only")
		}
		now := s.now()
		ok, err := store.RevokeAPIToken(ctx, tx, t.ID, now)
		if err != nil {
			return fmt.Errorf("revoke token: %w", err)
		}
		if !ok {
			return failure.New(failure.Conflict, "the token is already revoked")
		}
		t.RevokedAt = &now
		return s.record(ctx, tx, change{
			agencyID: t.AgencyID, workspaceID: deref(t.WorkspaceID), action: "api_token.revoked", targetType: "ApiToken", targetID: t.ID,
			summary: fmt.Sprintf("revoked the API token %q", t.Name),
		})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}
