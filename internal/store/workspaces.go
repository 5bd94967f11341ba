package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// WorkspaceNameConstraint is the unique index on an agency's workspace names.
const WorkspaceNameConstraint = "workspaces_agency_name_key"

// InsertWorkspace adds a workspace.
func InsertWorkspace(ctx context.Context, db bun.IDB, w *Workspace) error {
	_, err := db.NewInsert().Model(w).Exec(ctx)
	return err
}

// WorkspaceByID finds a workspace.
func WorkspaceByID(ctx context.Context, db bun.IDB, id string) (*Workspace, error) {
	w := new(Workspace)
	err := db.NewSelect().Model(w).Where("id = ?", id).Scan(ctx)
	return w, notFound(err)
}

// WorkspacesByIDs reads several workspaces at once.
func WorkspacesByIDs(ctx context.Context, db bun.IDB, ids []string) ([]Workspace, error) {
	var ws []Workspace
	if len(ids) == 0 {
		return ws, nil
	}
	err := db.NewSelect().Model(&ws).Where("id IN (?)", bun.List(ids)).Order("id ASC").Scan(ctx)
	return ws, err
}

// WorkspaceFilter narrows ListWorkspaces.
type WorkspaceFilter struct {
	AgencyID string
	// OnlyIDs, when not nil, limits the list to these workspaces (a member's grants).
	OnlyIDs         []string
	Search          string
	IncludeArchived bool
}

// ListWorkspaces pages through an agency's workspaces, newest first.
func ListWorkspaces(ctx context.Context, db bun.IDB, f WorkspaceFilter, args PageArgs) (Page[Workspace], error) {
	q := db.NewSelect().Model((*Workspace)(nil)).Where("agency_id = ?", f.AgencyID)
	if f.OnlyIDs != nil {
		if len(f.OnlyIDs) == 0 {
			return Page[Workspace]{}, nil
		}
		q = q.Where("id IN (?)", bun.List(f.OnlyIDs))
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		q = q.Where("lower(name) LIKE ? ESCAPE '\\'", "%"+escapeLike(strings.ToLower(s))+"%")
	}
	if !f.IncludeArchived {
		q = q.Where("archived_at IS NULL")
	}
	return paginate[Workspace](ctx, q, args)
}

// RenameWorkspace changes a workspace's name.
func RenameWorkspace(ctx context.Context, db bun.IDB, id, name string) error {
	_, err := db.NewUpdate().Model((*Workspace)(nil)).Set("name = ?", name).Where("id = ?", id).Exec(ctx)
	return err
}

// SetWorkspaceTimeZone changes a workspace's time zone.
func SetWorkspaceTimeZone(ctx context.Context, db bun.IDB, id, tz string) error {
	_, err := db.NewUpdate().Model((*Workspace)(nil)).Set("time_zone = ?", tz).Where("id = ?", id).Exec(ctx)
	return err
}

// SetWorkspaceArchived archives (at is not nil) or restores a workspace.
func SetWorkspaceArchived(ctx context.Context, db bun.IDB, id string, at *time.Time) error {
	_, err := db.NewUpdate().Model((*Workspace)(nil)).Set("archived_at = ?", at).Where("id = ?", id).Exec(ctx)
	return err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
