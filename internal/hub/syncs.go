package hub

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/jobs"
)

// SyncInput is a sync as a user writes it.
type SyncInput struct {
	Name      string `validate:"required,name,max=120"`
	MappingID string `validate:"required"`
	// IntervalMinutes runs the sync incrementally that often (nil: on
	// demand only); at least 5, at most a week.
	IntervalMinutes *int `validate:"omitempty,min=5,max=10080"`
	// Cron runs it incrementally at the times of a cron expression, in the
	// workspace's time zone, instead of an interval.
	Cron string `validate:"max=120"`
	// OnEvents runs it incrementally whenever the source reports a change.
	OnEvents bool
	Enabled  bool
}

// The sync run modes and reasons.
const (
	SyncFull        = "FULL"
	SyncIncremental = "INCREMENTAL"
	ReasonManual    = "MANUAL"
	ReasonSchedule  = "SCHEDULE"
	ReasonEvent     = "EVENT"
)

func syncsTopic(workspaceID string) string { return "syncs:" + workspaceID }

// CreateSync adds a sync of a mapping.
func (s *Service) CreateSync(ctx context.Context, workspaceID string, in SyncInput) (*store.Sync, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	m, _, err := s.mappingForWrite(ctx, in.MappingID)
	if err != nil || m.WorkspaceID != workspaceID {
		if f, ok := failure.As(err); ok && f.Code != failure.NotFound {
			return nil, err
		}
		return nil, failure.Invalid("mappingId", "is not a mapping of this workspace")
	}
	if err := checkSchedule(&in); err != nil {
		return nil, err
	}
	now := s.now()
	sy := &store.Sync{ID: store.NewID(), AgencyID: m.AgencyID, WorkspaceID: m.WorkspaceID, MappingID: m.ID, Name: in.Name,
		IntervalMinutes: in.IntervalMinutes, Cron: in.Cron, OnEvents: in.OnEvents, Enabled: in.Enabled, CreatedAt: now, UpdatedAt: now}
	sy.NextRunAt = nextRun(sy, now, s.workspaceLocation(ctx, sy.WorkspaceID))
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.InsertSync(ctx, tx, sy); err != nil {
			if store.IsUniqueViolation(err, "") {
				return failure.ConflictOn("name", "another sync of this workspace has this name")
			}
			return fmt.Errorf("create sync: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: syncsTopic(sy.WorkspaceID), Data: sy.ID})
		return s.record(ctx, tx, change{agencyID: sy.AgencyID, workspaceID: sy.WorkspaceID, action: "sync.created", targetType: "Sync",
			targetID: sy.ID, summary: fmt.Sprintf("created the sync %q of the mapping %q", sy.Name, m.Name)})
	})
	if err != nil {
		return nil, err
	}
	return sy, nil
}

// checkSchedule trims a sync's cron expression and checks it, and that an
// interval and a cron expression are not both set.
func checkSchedule(in *SyncInput) error {
	in.Cron = strings.TrimSpace(in.Cron)
	if in.Cron == "" {
		return nil
	}
	if in.IntervalMinutes != nil {
		return failure.Invalid("cron", "set either intervalMinutes or cron, not both")
	}
	if _, err := rules.ParseCron(in.Cron); err != nil {
		return failure.Invalid("cron", "is not a cron expression: "+err.Error())
	}
	return nil
}

// nextRun is when a sync's schedule runs it next, after from (nil:
// never); cron expressions are read in loc, the workspace's time zone.
func nextRun(sy *store.Sync, from time.Time, loc *time.Location) *time.Time {
	if !sy.Enabled {
		return nil
	}
	if sy.Cron != "" {
		sched, err := rules.ParseCron(sy.Cron)
		if err != nil {
			return nil
		}
		at := sched.Next(from.In(loc)).UTC()
		return &at
	}
	if sy.IntervalMinutes == nil {
		return nil
	}
	at := from.Add(time.Duration(*sy.IntervalMinutes) * time.Minute)
	return &at
}

// UpdateSync changes a sync's name and schedule.
func (s *Service) UpdateSync(ctx context.Context, id string, in SyncInput) (*store.Sync, error) {
	sy, err := s.syncForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	in.Name, in.MappingID = strings.TrimSpace(in.Name), sy.MappingID
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	if err := checkSchedule(&in); err != nil {
		return nil, err
	}
	now := s.now()
	sy.Name, sy.IntervalMinutes, sy.Cron, sy.OnEvents, sy.Enabled, sy.UpdatedAt = in.Name, in.IntervalMinutes, in.Cron, in.OnEvents, in.Enabled, now
	sy.NextRunAt = nextRun(sy, now, s.workspaceLocation(ctx, sy.WorkspaceID))
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateSync(ctx, tx, sy); err != nil {
			if store.IsUniqueViolation(err, "") {
				return failure.ConflictOn("name", "another sync of this workspace has this name")
			}
			return fmt.Errorf("update sync: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: syncsTopic(sy.WorkspaceID), Data: sy.ID})
		return s.record(ctx, tx, change{agencyID: sy.AgencyID, workspaceID: sy.WorkspaceID, action: "sync.updated", targetType: "Sync",
			targetID: sy.ID, summary: fmt.Sprintf("changed the sync %q", sy.Name)})
	})
	if err != nil {
		return nil, err
	}
	return sy, nil
}

// DeleteSync removes a sync with its runs and record links.
func (s *Service) DeleteSync(ctx context.Context, id string) error {
	sy, err := s.syncForWrite(ctx, id)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.DeleteSync(ctx, tx, sy.ID); err != nil {
			return fmt.Errorf("delete sync: %w", err)
		}
		return s.record(ctx, tx, change{agencyID: sy.AgencyID, workspaceID: sy.WorkspaceID, action: "sync.deleted", targetType: "Sync",
			targetID: sy.ID, summary: fmt.Sprintf("deleted the sync %q", sy.Name)})
	})
}

func (s *Service) syncForWrite(ctx context.Context, id string) (*store.Sync, error) {
	sy, err := store.SyncByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "sync")
	}
	w, a, err := s.workspaceFor(ctx, s.db, sy.WorkspaceID)
	if err != nil {
		return nil, failure.New(failure.NotFound, "sync not found")
	}
	if err := a.requireWrite(); err != nil {
		return nil, err
	}
	if w.ArchivedAt != nil {
		return nil, failure.New(failure.Conflict, "the workspace is archived; restore it first")
	}
	return sy, nil
}

// StartSync starts a run of a sync now: full (every record) or
// incremental (records changed since the last successful run). A sync runs
// once at a time: starting one that runs is a CONFLICT.
func (s *Service) StartSync(ctx context.Context, id string, full bool) (*store.SyncRun, error) {
	sy, err := s.syncForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	run, err := s.startRun(ctx, sy, full, ReasonManual)
	if err != nil {
		return nil, err
	}
	if run == nil {
		return nil, failure.New(failure.Conflict, "the sync %q is running already: wait for it or cancel it", sy.Name)
	}
	return run, nil
}

// startRun starts a run with its first page job; nil when the sync has a
// run in progress.
func (s *Service) startRun(ctx context.Context, sy *store.Sync, full bool, reason string) (*store.SyncRun, error) {
	var run *store.SyncRun
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var err error
		run, err = s.startRunTx(ctx, tx, sy, full, reason)
		return err
	})
	return run, err
}

// startRunTx is startRun inside tx. The mapping's current version is the
// run's; an incremental run reads what changed since the sync's checkpoint
// (a sync that never finished a run reads everything).
func (s *Service) startRunTx(ctx context.Context, tx *txn, sy *store.Sync, full bool, reason string) (*store.SyncRun, error) {
	m, err := store.MappingByID(ctx, tx, sy.MappingID)
	if err != nil {
		return nil, fmt.Errorf("read the sync's mapping: %w", err)
	}
	now := s.now()
	run := &store.SyncRun{ID: store.NewID(), AgencyID: sy.AgencyID, WorkspaceID: sy.WorkspaceID, SyncID: sy.ID,
		MappingVersion: m.CurrentVersion, Mode: SyncFull, Reason: reason, Status: store.SyncRunning, StartedAt: now, UpdatedAt: now}
	if !full && sy.Checkpoint != nil {
		run.Mode, run.Since = SyncIncremental, sy.Checkpoint
	}
	// A savepoint keeps the transaction usable when the insert meets the
	// sync's run in progress (PostgreSQL aborts it otherwise).
	if _, err := tx.ExecContext(ctx, "SAVEPOINT start_run"); err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	if err := store.InsertSyncRun(ctx, tx, run); err != nil {
		if store.IsUniqueViolation(err, "") {
			_, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT start_run")
			return nil, err
		}
		return nil, fmt.Errorf("start sync run: %w", err)
	}
	if _, err := s.river.InsertTx(ctx, tx.Tx.Tx, jobs.SyncPageArgs{RunID: run.ID}, nil); err != nil {
		return nil, fmt.Errorf("queue the first page: %w", err)
	}
	tx.published = append(tx.published, bus.Message{Topic: syncsTopic(run.WorkspaceID), Data: run.ID})
	if reason != ReasonManual {
		return run, nil
	}
	return run, s.record(ctx, tx, change{agencyID: sy.AgencyID, workspaceID: sy.WorkspaceID, action: "sync.started", targetType: "Sync",
		targetID: sy.ID, summary: fmt.Sprintf("started a %s run of the sync %q", strings.ToLower(run.Mode), sy.Name)})
}

// CancelSyncRun stops a run after the page in progress; what was written
// stays written.
func (s *Service) CancelSyncRun(ctx context.Context, runID string) (*store.SyncRun, error) {
	run, err := store.SyncRunByID(ctx, s.db, runID)
	if err != nil {
		return nil, notFoundAs(err, "sync run")
	}
	sy, err := s.syncForWrite(ctx, run.SyncID)
	if err != nil {
		return nil, err
	}
	if run.Status != store.SyncRunning {
		return nil, failure.New(failure.Conflict, "the run has ended (%s)", strings.ToLower(run.Status))
	}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		now := s.now()
		run.Status, run.UpdatedAt, run.FinishedAt = store.SyncCancelled, now, &now
		if err := store.UpdateSyncRun(ctx, tx, run); err != nil {
			return fmt.Errorf("cancel sync run: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: syncsTopic(run.WorkspaceID), Data: run.ID})
		return s.record(ctx, tx, change{agencyID: sy.AgencyID, workspaceID: sy.WorkspaceID, action: "sync.cancelled", targetType: "Sync",
			targetID: sy.ID, summary: fmt.Sprintf("cancelled a run of the sync %q after %d records", sy.Name, run.RecordsRead)})
	})
	return run, err
}

// Syncs lists a workspace's syncs.
func (s *Service) Syncs(ctx context.Context, workspaceID string) ([]store.Sync, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	return store.SyncsOfWorkspace(ctx, s.db, workspaceID)
}

// SyncByID finds a sync the caller may see.
func (s *Service) SyncByID(ctx context.Context, id string) (*store.Sync, error) {
	sy, err := store.SyncByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "sync")
	}
	if _, _, err := s.workspaceFor(ctx, s.db, sy.WorkspaceID); err != nil {
		return nil, failure.New(failure.NotFound, "sync not found")
	}
	return sy, nil
}

// SyncRunByID finds a run the caller may see.
func (s *Service) SyncRunByID(ctx context.Context, id string) (*store.SyncRun, error) {
	r, err := store.SyncRunByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "sync run")
	}
	if _, _, err := s.workspaceFor(ctx, s.db, r.WorkspaceID); err != nil {
		return nil, failure.New(failure.NotFound, "sync run not found")
	}
	return r, nil
}

// SyncRuns lists a sync's latest runs (the caller has seen the sync).
func (s *Service) SyncRuns(ctx context.Context, syncID string, limit int) ([]store.SyncRun, error) {
	return store.SyncRunsOf(ctx, s.db, syncID, min(max(limit, 1), 100))
}

// SyncRecordErrors lists a run's failed records (the caller has seen the run).
func (s *Service) SyncRecordErrors(ctx context.Context, runID string, limit, offset int) ([]store.SyncRecordError, error) {
	return store.SyncRecordErrorsOf(ctx, s.db, runID, min(max(limit, 1), 100), max(offset, 0))
}

// SubscribeSyncRuns streams a workspace's sync runs as they progress
// (runID, when set, narrows to one run).
func (s *Service) SubscribeSyncRuns(ctx context.Context, workspaceID, runID string) (<-chan *store.SyncRun, error) {
	return subscribeRows(ctx, s, workspaceID, syncsTopic(workspaceID), runID, func(ctx context.Context, id string) (*store.SyncRun, error) {
		return store.SyncRunByID(ctx, s.db, id) // a sync's own id (settings changed) reads nothing
	})
}

// LinkedRecords is how many source records the sync has written.
func (s *Service) LinkedRecords(ctx context.Context, sy *store.Sync) (int, error) {
	return store.CountSyncLinks(ctx, s.db, sy.ID)
}

// ActiveSyncRun is the sync's run in progress, or nil.
func (s *Service) ActiveSyncRun(ctx context.Context, sy *store.Sync) (*store.SyncRun, error) {
	r, err := store.ActiveSyncRun(ctx, s.db, sy.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return r, err
}
