package hub

import (
	"context"
	"fmt"
	"time"

	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// RunsArgs selects runs of a workspace (the task completion log).
type RunsArgs struct {
	WorkspaceID string
	RuleID      *string
	Status      *store.RunStatus
	CustomerID  *string
	From, To    *time.Time
	First       *int
	After       *string
}

// Runs pages through a workspace's runs, newest first.
func (s *Service) Runs(ctx context.Context, args RunsArgs) (store.Page[store.Run], error) {
	if _, _, err := s.workspaceFor(ctx, s.db, args.WorkspaceID); err != nil {
		return store.Page[store.Run]{}, err
	}
	page, err := pageArgs(args.First, args.After, 25)
	if err != nil {
		return store.Page[store.Run]{}, err
	}
	f := store.RunFilter{WorkspaceID: args.WorkspaceID, RuleID: deref(args.RuleID), CustomerID: deref(args.CustomerID), From: args.From, To: args.To}
	if args.Status != nil {
		f.Status = *args.Status
	}
	return store.ListRuns(ctx, s.db, f, page)
}

// Run returns a run the caller can see.
func (s *Service) Run(ctx context.Context, id string) (*store.Run, error) {
	run, err := store.RunByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "run")
	}
	if _, _, err := s.workspaceFor(ctx, s.db, run.WorkspaceID); err != nil {
		return nil, failure.New(failure.NotFound, "run not found")
	}
	return run, nil
}

// RunSteps lists a run's steps (the caller already saw the run).
func (s *Service) RunSteps(ctx context.Context, runID string) ([]store.RunStep, error) {
	return store.StepsOfRun(ctx, s.db, runID)
}

// RunEvent returns the event a run started from (the caller saw the run).
func (s *Service) RunEvent(ctx context.Context, run *store.Run) (*store.Event, error) {
	return store.EventByID(ctx, s.db, run.EventID)
}

// RunCustomer returns a run's customer, if any.
func (s *Service) RunCustomer(ctx context.Context, run *store.Run) (*store.Customer, error) {
	if run.CustomerID == nil {
		return nil, nil
	}
	c, err := store.CustomerByID(ctx, s.db, *run.CustomerID)
	if err != nil {
		return nil, nil //nolint:nilerr // a redacted customer shows as none
	}
	return c, nil
}

// RunRule returns a run's rule (the caller saw the run).
func (s *Service) RunRule(ctx context.Context, run *store.Run) (*Rule, error) {
	r, err := store.RuleByID(ctx, s.db, run.RuleID)
	if err != nil {
		return nil, notFoundAs(err, "rule")
	}
	return s.ruleWithDefinition(ctx, r)
}

// RunVersion is the rule version number a run follows.
func (s *Service) RunVersion(ctx context.Context, run *store.Run) (int, error) {
	v, err := store.RuleVersionByID(ctx, s.db, run.RuleVersionID)
	if err != nil {
		return 0, notFoundAs(err, "rule version")
	}
	return v.Version, nil
}

func (s *Service) runForWrite(ctx context.Context, id string) (*store.Run, error) {
	run, err := s.Run(ctx, id)
	if err != nil {
		return nil, err
	}
	_, a, err := s.workspaceFor(ctx, s.db, run.WorkspaceID)
	if err != nil {
		return nil, err
	}
	return run, a.requireWrite()
}

// RetryRun resumes a failed run at the step that failed.
func (s *Service) RetryRun(ctx context.Context, id string) (*store.Run, error) {
	run, err := s.runForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	if run.Status != store.RunFailed {
		return nil, failure.New(failure.Conflict, "only failed runs can be retried; this one is %s", run.Status)
	}
	run.Status, run.Error, run.FinishedAt, run.UpdatedAt = store.RunRunning, nil, nil, s.now()
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateRun(ctx, tx, run); err != nil {
			return fmt.Errorf("retry run: %w", err)
		}
		if err := s.queueRunTx(ctx, tx, run.ID); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: runsTopic(run.WorkspaceID), Data: run.ID})
		return s.record(ctx, tx, change{agencyID: run.AgencyID, workspaceID: run.WorkspaceID, action: "run.retried", targetType: "Run",
			targetID: run.ID, summary: "retried a failed run from its failed step"})
	})
	return run, err
}

// CancelRun stops a run that has not ended.
func (s *Service) CancelRun(ctx context.Context, id string) (*store.Run, error) {
	run, err := s.runForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	if run.Status.Final() {
		return nil, failure.New(failure.Conflict, "the run already ended (%s)", run.Status)
	}
	unlock, err := s.locks.Lock(ctx, "run:"+run.ID)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if run, err = store.RunByID(ctx, s.db, id); err != nil {
		return nil, notFoundAs(err, "run")
	}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := s.endRun(ctx, tx, run, store.RunCancelled, "cancelled by a user"); err != nil {
			return err
		}
		return s.record(ctx, tx, change{agencyID: run.AgencyID, workspaceID: run.WorkspaceID, action: "run.cancelled", targetType: "Run",
			targetID: run.ID, summary: "cancelled a run"})
	})
	return run, err
}

// SubscribeRuns streams a workspace's runs as they change (runID, when
// set, narrows to one run).
func (s *Service) SubscribeRuns(ctx context.Context, workspaceID, runID string) (<-chan *store.Run, error) {
	return subscribeRows(ctx, s, workspaceID, runsTopic(workspaceID), runID, func(ctx context.Context, id string) (*store.Run, error) {
		return store.RunByID(ctx, s.db, id)
	})
}
