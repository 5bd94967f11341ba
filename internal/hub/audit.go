package hub

import (
	"context"
	"fmt"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/telemetry"
)

// auditTopic is the live-bus topic of an agency's audit entries.
func auditTopic(agencyID string) string { return "audit:" + agencyID }

// change describes one privileged change for the audit log.
type change struct {
	agencyID    string
	workspaceID string
	action      string
	targetType  string
	targetID    string
	summary     string
}

// record writes the audit entry of a change in tx and queues its live-bus
// message for after commit.
func (s *Service) record(ctx context.Context, tx *txn, c change) error {
	e := &store.AuditEntry{
		ID:         store.NewID(),
		AgencyID:   c.agencyID,
		Action:     c.action,
		ActorKind:  store.ActorSystem,
		TargetType: c.targetType,
		Summary:    c.summary,
		CreatedAt:  s.now(),
	}
	if c.workspaceID != "" {
		e.WorkspaceID = &c.workspaceID
	}
	if c.targetID != "" {
		e.TargetID = &c.targetID
	}
	if id := telemetry.RequestID(ctx); id != "" {
		e.RequestID = &id
	}
	if p := auth.FromContext(ctx); p != nil {
		e.ActorKind = store.ActorUser
		e.ActorUserID = &p.UserID
		if p.Token != nil {
			e.ActorKind = store.ActorAPIToken
			e.ActorTokenName = &p.Token.Name
		}
	}
	if err := store.InsertAuditEntry(ctx, tx, e); err != nil {
		return fmt.Errorf("write audit entry: %w", err)
	}
	tx.published = append(tx.published, bus.Message{Topic: auditTopic(c.agencyID), Data: e.ID})
	return nil
}

// AuditLogArgs selects audit entries.
type AuditLogArgs struct {
	AgencyID    string
	WorkspaceID *string
	Action      *string
	First       *int
	After       *string
}

// auditFilter returns what the caller may see of the agency's log.
func auditFilter(a *Access, workspaceID string) (store.AuditFilter, error) {
	f := store.AuditFilter{AgencyID: a.AgencyID, WorkspaceID: workspaceID}
	if workspaceID != "" && !a.SeesWorkspace(workspaceID) {
		return f, failure.New(failure.NotFound, "workspace not found")
	}
	if !a.Manages() {
		// Others see the entries of the workspaces they can reach.
		f.OnlyWorkspaceIDs = a.visibleWorkspaceIDs()
		if f.OnlyWorkspaceIDs == nil {
			f.OnlyWorkspaceIDs = []string{}
			f.AnyWorkspace = true
		}
	}
	return f, nil
}

// AuditLog lists the audit entries the caller may see, newest first.
func (s *Service) AuditLog(ctx context.Context, args AuditLogArgs) (store.Page[store.AuditEntry], error) {
	var page store.Page[store.AuditEntry]
	pa, err := pageArgs(args.First, args.After, 50)
	if err != nil {
		return page, err
	}
	a, err := s.access(ctx, s.db, args.AgencyID)
	if err != nil {
		return page, err
	}
	f, err := auditFilter(a, deref(args.WorkspaceID))
	if err != nil {
		return page, err
	}
	f.Action = deref(args.Action)
	page, err = store.ListAuditEntries(ctx, s.db, f, pa)
	if err != nil {
		return page, fmt.Errorf("list audit entries: %w", err)
	}
	return page, nil
}

// AuditEntry returns one entry the caller may see.
func (s *Service) AuditEntry(ctx context.Context, id string) (*store.AuditEntry, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	e, err := store.AuditEntryByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "audit entry")
	}
	a, err := s.access(ctx, s.db, e.AgencyID)
	if err != nil {
		return nil, err
	}
	if !canSeeEntry(a, e) {
		return nil, failure.New(failure.NotFound, "audit entry not found")
	}
	return e, nil
}

func canSeeEntry(a *Access, e *store.AuditEntry) bool {
	if a.Manages() {
		return true
	}
	return e.WorkspaceID != nil && a.SeesWorkspace(*e.WorkspaceID)
}

// SubscribeAuditLog streams the agency's new audit entries that the caller
// may see, optionally of one workspace, until ctx ends.
func (s *Service) SubscribeAuditLog(ctx context.Context, agencyID string, workspaceID *string) (<-chan *store.AuditEntry, error) {
	a, err := s.access(ctx, s.db, agencyID)
	if err != nil {
		return nil, err
	}
	if _, err := auditFilter(a, deref(workspaceID)); err != nil {
		return nil, err
	}
	msgs := s.bus.Subscribe(ctx, auditTopic(agencyID))
	out := make(chan *store.AuditEntry, 16)
	go func() {
		defer close(out)
		for msg := range msgs {
			// Access is checked again for every entry: a member removed, a
			// token revoked or a scope narrowed stops the stream at once.
			if a, err = s.access(ctx, s.db, agencyID); err != nil || !s.principalStillValid(ctx) {
				return
			}
			e, err := store.AuditEntryByID(ctx, s.db, msg.Data)
			if err != nil {
				if ctx.Err() == nil {
					s.log.WarnContext(ctx, "audit stream: read entry", "entry", msg.Data, "err", err.Error())
				}
				continue
			}
			if !canSeeEntry(a, e) || (workspaceID != nil && deref(e.WorkspaceID) != *workspaceID) {
				continue
			}
			select {
			case out <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
