package store

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/switchboard-hub/switchboard/internal/auth"
)

// InsertMembership adds a user to an agency, with its workspace grants when
// the membership is limited to some workspaces.
func InsertMembership(ctx context.Context, db bun.IDB, m *Membership, workspaceIDs []string) error {
	if _, err := db.NewInsert().Model(m).Exec(ctx); err != nil {
		return err
	}
	return SetMembershipWorkspaces(ctx, db, m.ID, workspaceIDs)
}

// SetMembershipWorkspaces replaces the workspaces a limited membership grants.
func SetMembershipWorkspaces(ctx context.Context, db bun.IDB, membershipID string, workspaceIDs []string) error {
	if _, err := db.NewDelete().Model((*MembershipWorkspace)(nil)).Where("membership_id = ?", membershipID).Exec(ctx); err != nil {
		return err
	}
	if len(workspaceIDs) == 0 {
		return nil
	}
	rows := make([]MembershipWorkspace, len(workspaceIDs))
	for i, id := range workspaceIDs {
		rows[i] = MembershipWorkspace{MembershipID: membershipID, WorkspaceID: id}
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// MembershipOf finds a user's membership of an agency.
func MembershipOf(ctx context.Context, db bun.IDB, agencyID, userID string) (*Membership, error) {
	m := new(Membership)
	err := db.NewSelect().Model(m).Where("agency_id = ?", agencyID).Where("user_id = ?", userID).Scan(ctx)
	return m, notFound(err)
}

// MembershipByID finds a membership.
func MembershipByID(ctx context.Context, db bun.IDB, id string) (*Membership, error) {
	m := new(Membership)
	err := db.NewSelect().Model(m).Where("id = ?", id).Scan(ctx)
	return m, notFound(err)
}

// MembershipsOfUser lists a user's memberships, oldest first.
func MembershipsOfUser(ctx context.Context, db bun.IDB, userID string) ([]Membership, error) {
	var ms []Membership
	err := db.NewSelect().Model(&ms).Where("user_id = ?", userID).Order("id ASC").Scan(ctx)
	return ms, err
}

// ListMemberships pages through an agency's members, oldest first.
func ListMemberships(ctx context.Context, db bun.IDB, agencyID string, args PageArgs) (Page[Membership], error) {
	args.Oldest = true
	q := db.NewSelect().Model((*Membership)(nil)).Where("agency_id = ?", agencyID)
	return paginate[Membership](ctx, q, args)
}

// MembershipWorkspaceIDs lists the workspaces a limited membership grants.
func MembershipWorkspaceIDs(ctx context.Context, db bun.IDB, membershipID string) ([]string, error) {
	var ids []string
	err := db.NewSelect().Model((*MembershipWorkspace)(nil)).Column("workspace_id").
		Where("membership_id = ?", membershipID).Order("workspace_id").Scan(ctx, &ids)
	return ids, err
}

// UpdateMembership writes a membership's role and workspace scope.
func UpdateMembership(ctx context.Context, db bun.IDB, m *Membership, workspaceIDs []string) error {
	if _, err := db.NewUpdate().Model(m).Column("role", "all_workspaces").WherePK().Exec(ctx); err != nil {
		return err
	}
	return SetMembershipWorkspaces(ctx, db, m.ID, workspaceIDs)
}

// DeleteMembership removes a member (their grants go with it).
func DeleteMembership(ctx context.Context, db bun.IDB, id string) error {
	_, err := db.NewDelete().Model((*Membership)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// LockAgencyOwners makes the caller's transaction the only one changing the
// agency's owners until it ends, so that a count of owners taken afterwards
// stays true until commit. On PostgreSQL it locks the agency's row (NO KEY
// UPDATE, which leaves inserts that reference the agency unblocked); SQLite
// transactions already hold the database's single write lock (_txlock=immediate).
func LockAgencyOwners(ctx context.Context, db bun.IDB, agencyID string) error {
	if db.Dialect().Name() != dialect.PG {
		return nil
	}
	_, err := db.NewSelect().Model((*Agency)(nil)).Column("id").Where("id = ?", agencyID).For("NO KEY UPDATE").Exec(ctx)
	return err
}

// CountOwners counts an agency's owners.
func CountOwners(ctx context.Context, db bun.IDB, agencyID string) (int64, error) {
	return db.NewSelect().Model((*Membership)(nil)).
		Where("agency_id = ?", agencyID).Where("role = ?", auth.Owner).Count(ctx)
}
