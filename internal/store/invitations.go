package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// InsertInvitation adds an invitation with its workspace limits.
func InsertInvitation(ctx context.Context, db bun.IDB, inv *Invitation, workspaceIDs []string) error {
	if _, err := db.NewInsert().Model(inv).Exec(ctx); err != nil {
		return err
	}
	if len(workspaceIDs) == 0 {
		return nil
	}
	rows := make([]InvitationWorkspace, len(workspaceIDs))
	for i, id := range workspaceIDs {
		rows[i] = InvitationWorkspace{InvitationID: inv.ID, WorkspaceID: id}
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// InvitationByID finds an invitation.
func InvitationByID(ctx context.Context, db bun.IDB, id string) (*Invitation, error) {
	inv := new(Invitation)
	err := db.NewSelect().Model(inv).Where("id = ?", id).Scan(ctx)
	return inv, notFound(err)
}

// InvitationByTokenHash finds an invitation by the hash of its link's token.
func InvitationByTokenHash(ctx context.Context, db bun.IDB, hash string) (*Invitation, error) {
	inv := new(Invitation)
	err := db.NewSelect().Model(inv).Where("token_hash = ?", hash).Scan(ctx)
	return inv, notFound(err)
}

// InvitationWorkspaceIDs lists the workspaces an invitation is limited to.
func InvitationWorkspaceIDs(ctx context.Context, db bun.IDB, invitationID string) ([]string, error) {
	var ids []string
	err := db.NewSelect().Model((*InvitationWorkspace)(nil)).Column("workspace_id").
		Where("invitation_id = ?", invitationID).Order("workspace_id").Scan(ctx, &ids)
	return ids, err
}

// ListInvitations pages through an agency's invitations, newest first;
// status, when not empty, keeps only those in that state at time now.
func ListInvitations(ctx context.Context, db bun.IDB, agencyID string, status InvitationStatus, now time.Time, args PageArgs) (Page[Invitation], error) {
	q := db.NewSelect().Model((*Invitation)(nil)).Where("agency_id = ?", agencyID)
	switch status {
	case InvitationAccepted:
		q = q.Where("accepted_at IS NOT NULL")
	case InvitationRevoked:
		q = q.Where("revoked_at IS NOT NULL AND accepted_at IS NULL")
	case InvitationExpired:
		q = q.Where("accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= ?", now)
	case InvitationPending:
		q = q.Where("accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now)
	}
	return paginate[Invitation](ctx, q, args)
}

// HasPendingInvitation reports whether the agency has a pending invitation
// for email (stored lower-cased) at time now.
func HasPendingInvitation(ctx context.Context, db bun.IDB, agencyID, email string, now time.Time) (bool, error) {
	return db.NewSelect().Model((*Invitation)(nil)).Where("agency_id = ?", agencyID).Where("email = ?", email).
		Where("accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now).Exists(ctx)
}

// MarkInvitationAccepted uses up a pending invitation; false when it was not
// pending any more (accepted, revoked or expired in the meantime).
func MarkInvitationAccepted(ctx context.Context, db bun.IDB, id, userID string, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*Invitation)(nil)).
		Set("accepted_at = ?", now).Set("accepted_by = ?", userID).
		Where("id = ?", id).Where("accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now).
		Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RevokeInvitation revokes a pending invitation; false when it was not pending.
func RevokeInvitation(ctx context.Context, db bun.IDB, id string, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*Invitation)(nil)).Set("revoked_at = ?", now).
		Where("id = ?", id).Where("accepted_at IS NULL AND revoked_at IS NULL").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
