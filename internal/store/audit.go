package store

import (
	"context"

	"github.com/uptrace/bun"
)

// InsertAuditEntry records a change.
func InsertAuditEntry(ctx context.Context, db bun.IDB, e *AuditEntry) error {
	_, err := db.NewInsert().Model(e).Exec(ctx)
	return err
}

// AuditEntryByID finds an entry.
func AuditEntryByID(ctx context.Context, db bun.IDB, id string) (*AuditEntry, error) {
	e := new(AuditEntry)
	err := db.NewSelect().Model(e).Where("id = ?", id).Scan(ctx)
	return e, notFound(err)
}

// AuditFilter narrows ListAuditEntries.
type AuditFilter struct {
	AgencyID    string
	WorkspaceID string
	Action      string
	// OnlyWorkspaceIDs, when not nil, keeps only entries of these workspaces
	// (what a member limited to them may see).
	OnlyWorkspaceIDs []string
	// AnyWorkspace keeps only entries that belong to some workspace (what a
	// member with access to every workspace may see).
	AnyWorkspace bool
}

// ListAuditEntries pages through an agency's audit log, newest first.
func ListAuditEntries(ctx context.Context, db bun.IDB, f AuditFilter, args PageArgs) (Page[AuditEntry], error) {
	q := db.NewSelect().Model((*AuditEntry)(nil)).Where("agency_id = ?", f.AgencyID)
	if f.WorkspaceID != "" {
		q = q.Where("workspace_id = ?", f.WorkspaceID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	switch {
	case f.AnyWorkspace:
		q = q.Where("workspace_id IS NOT NULL")
	case f.OnlyWorkspaceIDs != nil:
		if len(f.OnlyWorkspaceIDs) == 0 {
			return Page[AuditEntry]{}, nil
		}
		q = q.Where("workspace_id IN (?)", bun.List(f.OnlyWorkspaceIDs))
	}
	return paginate[AuditEntry](ctx, q, args)
}
