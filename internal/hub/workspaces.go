package hub

import (
	"context"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // time zones on machines without a zoneinfo database

	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// CreateWorkspaceInput creates a workspace in an agency.
type CreateWorkspaceInput struct {
	AgencyID string `json:"agencyId" validate:"required"`
	Name     string `json:"name" validate:"required,name,max=80"`
	// TimeZone is an IANA name; empty means UTC.
	TimeZone string `json:"timeZone" validate:"omitempty,timezone"`
}

// SetWorkspaceTimeZoneInput changes the time zone a workspace's waits and
// schedules are read in.
type SetWorkspaceTimeZoneInput struct {
	ID       string `json:"id" validate:"required"`
	TimeZone string `json:"timeZone" validate:"required,timezone"`
}

// RenameWorkspaceInput renames a workspace.
type RenameWorkspaceInput struct {
	ID   string `json:"id" validate:"required"`
	Name string `json:"name" validate:"required,name,max=80"`
}

// WorkspacesArgs selects workspaces of an agency.
type WorkspacesArgs struct {
	AgencyID        string
	First           *int
	After           *string
	Search          *string
	IncludeArchived bool
}

var duplicateWorkspace = failure.ConflictOn("name", "another workspace of this agency already has this name")

// CreateWorkspace adds a workspace (one per client store).
func (s *Service) CreateWorkspace(ctx context.Context, in CreateWorkspaceInput) (*store.Workspace, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	if in.TimeZone == "" {
		in.TimeZone = "UTC"
	}
	w := &store.Workspace{ID: store.NewID(), AgencyID: in.AgencyID, Name: in.Name, TimeZone: in.TimeZone, CreatedAt: s.now()}
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		a, err := s.access(ctx, tx, in.AgencyID)
		if err != nil {
			return err
		}
		if err := a.requireManage("create workspaces"); err != nil {
			return err
		}
		if err := store.InsertWorkspace(ctx, tx, w); err != nil {
			if store.IsUniqueViolation(err, store.WorkspaceNameConstraint) {
				return duplicateWorkspace
			}
			return fmt.Errorf("create workspace: %w", err)
		}
		return s.record(ctx, tx, change{
			agencyID: w.AgencyID, workspaceID: w.ID, action: "workspace.created", targetType: "Workspace", targetID: w.ID,
			summary: fmt.Sprintf("created the workspace %q", w.Name),
		})
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// RenameWorkspace renames a workspace that is not archived.
func (s *Service) RenameWorkspace(ctx context.Context, in RenameWorkspaceInput) (*store.Workspace, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	return s.changeWorkspace(ctx, in.ID, "rename workspaces", func(ctx context.Context, tx *txn, w *store.Workspace) (*change, error) {
		old := w.Name
		if old == in.Name {
			return nil, nil
		}
		if err := store.RenameWorkspace(ctx, tx, w.ID, in.Name); err != nil {
			if store.IsUniqueViolation(err, store.WorkspaceNameConstraint) {
				return nil, duplicateWorkspace
			}
			return nil, fmt.Errorf("rename workspace: %w", err)
		}
		w.Name = in.Name
		return &change{action: "workspace.renamed", summary: fmt.Sprintf("renamed the workspace %q to %q", old, w.Name)}, nil
	})
}

// SetWorkspaceTimeZone changes the time zone a workspace's waits ("until
// 09:00") and cron schedules are read in. Waits already under way keep the
// wake-up time they computed.
func (s *Service) SetWorkspaceTimeZone(ctx context.Context, in SetWorkspaceTimeZoneInput) (*store.Workspace, error) {
	in.TimeZone = strings.TrimSpace(in.TimeZone)
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	return s.changeWorkspace(ctx, in.ID, "change a workspace's time zone", func(ctx context.Context, tx *txn, w *store.Workspace) (*change, error) {
		old := w.TimeZone
		if old == in.TimeZone {
			return nil, nil
		}
		if err := store.SetWorkspaceTimeZone(ctx, tx, w.ID, in.TimeZone); err != nil {
			return nil, fmt.Errorf("set time zone: %w", err)
		}
		w.TimeZone = in.TimeZone
		return &change{action: "workspace.time_zone_changed", summary: fmt.Sprintf("changed the time zone of %q from %s to %s", w.Name, old, w.TimeZone)}, nil
	})
}

// changeWorkspace applies a change to a workspace that is not archived, in
// one transaction with its audit entry, for a caller who may manage it
// (what names the permission in the refusal). apply answers the audit
// entry's action and summary, or nil when nothing changed.
func (s *Service) changeWorkspace(ctx context.Context, id, what string, apply func(context.Context, *txn, *store.Workspace) (*change, error)) (*store.Workspace, error) {
	var w *store.Workspace
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var a *Access
		var err error
		if w, a, err = s.workspaceFor(ctx, tx, id); err != nil {
			return err
		}
		if err := a.requireManage(what); err != nil {
			return err
		}
		if w.ArchivedAt != nil {
			return failure.New(failure.Conflict, "the workspace is archived; restore it before changing it")
		}
		c, err := apply(ctx, tx, w)
		if err != nil || c == nil {
			return err
		}
		c.agencyID, c.workspaceID, c.targetType, c.targetID = w.AgencyID, w.ID, "Workspace", w.ID
		return s.record(ctx, tx, *c)
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// workspaceLocation is the time zone a workspace's waits and schedules are
// read in (UTC when it cannot be read).
func (s *Service) workspaceLocation(ctx context.Context, workspaceID string) *time.Location {
	w, err := store.WorkspaceByID(ctx, s.db, workspaceID)
	if err != nil {
		return time.UTC
	}
	loc, err := time.LoadLocation(w.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// SetWorkspaceArchived archives a workspace, or restores it (the undo).
func (s *Service) SetWorkspaceArchived(ctx context.Context, id string, archived bool) (*store.Workspace, error) {
	var w *store.Workspace
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var a *Access
		var err error
		if w, a, err = s.workspaceFor(ctx, tx, id); err != nil {
			return err
		}
		verb, action := "archive", "workspace.archived"
		if !archived {
			verb, action = "restore", "workspace.restored"
		}
		if err := a.requireManage(verb + " workspaces"); err != nil {
			return err
		}
		if (w.ArchivedAt != nil) == archived {
			return nil // already so: nothing changes, nothing to record
		}
		if archived {
			now := s.now()
			w.ArchivedAt = &now
		} else {
			w.ArchivedAt = nil
		}
		if err := store.SetWorkspaceArchived(ctx, tx, w.ID, w.ArchivedAt); err != nil {
			return fmt.Errorf("%s workspace: %w", verb, err)
		}
		return s.record(ctx, tx, change{
			agencyID: w.AgencyID, workspaceID: w.ID, action: action, targetType: "Workspace", targetID: w.ID,
			summary: fmt.Sprintf("%sd the workspace %q", verb, w.Name),
		})
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// Workspace returns a workspace the caller may see.
func (s *Service) Workspace(ctx context.Context, id string) (*store.Workspace, error) {
	w, _, err := s.workspaceFor(ctx, s.db, id)
	return w, err
}

// Workspaces lists the agency's workspaces the caller may see, newest first.
func (s *Service) Workspaces(ctx context.Context, args WorkspacesArgs) (store.Page[store.Workspace], error) {
	var page store.Page[store.Workspace]
	pa, err := pageArgs(args.First, args.After, 20)
	if err != nil {
		return page, err
	}
	if len(deref(args.Search)) > 80 {
		return page, failure.Invalid("search", "must be at most 80 characters")
	}
	a, err := s.access(ctx, s.db, args.AgencyID)
	if err != nil {
		return page, err
	}
	page, err = store.ListWorkspaces(ctx, s.db, store.WorkspaceFilter{
		AgencyID: args.AgencyID, OnlyIDs: a.visibleWorkspaceIDs(), Search: deref(args.Search), IncludeArchived: args.IncludeArchived,
	}, pa)
	if err != nil {
		return page, fmt.Errorf("list workspaces: %w", err)
	}
	return page, nil
}
