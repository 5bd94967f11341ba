package hub

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/jobs"
)

// maxStepsPerJob bounds how many steps one job runs before handing over.
const maxStepsPerJob = 2 * rules.MaxSteps

// AdvanceRun runs a run's steps, one transaction each, until the run waits,
// ends, or a step fails (the error makes River retry the job with backoff;
// on the last attempt the run is marked failed). One worker at a time
// advances a run, across processes; the run row says where it is, so a
// duplicated or retried job resumes at the first step not yet done.
func (s *Service) AdvanceRun(ctx context.Context, runID string, lastAttempt bool) error {
	unlock, err := s.locks.Lock(ctx, "run:"+runID)
	if err != nil {
		return err
	}
	defer unlock()
	// Under the lock nobody else changes the run: it is read once, and
	// between steps only the customer's profile (exit conditions see the
	// latest) and what the steps produced are brought up to date.
	rc, err := s.loadRun(ctx, runID)
	if err != nil {
		return err
	}
	for i := range maxStepsPerJob {
		if i > 0 {
			if err := s.refreshRun(ctx, rc); err != nil {
				return err
			}
		}
		more, err := s.step(ctx, rc, lastAttempt)
		if err != nil || !more {
			return err
		}
	}
	return s.queueRun(ctx, runID, time.Time{})
}

// runContext is what one step needs.
type runContext struct {
	run      *store.Run
	event    *store.Event
	customer *store.Customer
	rule     *rules.Compiled
	env      rules.Env
}

func (s *Service) loadRun(ctx context.Context, runID string) (*runContext, error) {
	run, err := store.RunByID(ctx, s.db, runID)
	if err != nil {
		return nil, fmt.Errorf("read run: %w", err)
	}
	rc := &runContext{run: run}
	if run.Status.Final() {
		return rc, nil
	}
	v, err := store.RuleVersionByID(ctx, s.db, run.RuleVersionID)
	if err != nil {
		return nil, fmt.Errorf("read rule version: %w", err)
	}
	if rc.rule, err = s.compiledVersion(v); err != nil {
		return nil, err
	}
	if rc.event, err = store.EventByID(ctx, s.db, run.EventID); err != nil {
		return nil, fmt.Errorf("read event: %w", err)
	}
	if err := s.refreshRun(ctx, rc); err != nil {
		return nil, err
	}
	return rc, nil
}

// refreshRun re-reads the customer's profile and rebuilds what the rule
// sees (with what the last step produced).
func (s *Service) refreshRun(ctx context.Context, rc *runContext) error {
	if rc.run.Status.Final() {
		return nil
	}
	if rc.run.CustomerID != nil {
		c, err := store.CustomerByID(ctx, s.db, *rc.run.CustomerID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			c = nil // erased (a redaction)
		case err != nil:
			return fmt.Errorf("read customer: %w", err)
		}
		rc.customer = c
	}
	var err error
	rc.env, err = s.envFor(ctx, s.db, rc.event, rc.run, rc.customer)
	return err
}

// step does the run's next step; more is true when another step follows
// at once.
func (s *Service) step(ctx context.Context, rc *runContext, lastAttempt bool) (more bool, err error) {
	run, now := rc.run, s.now()
	switch {
	case run.Status.Final():
		return false, nil
	case run.Status == store.RunWaiting && run.WaitingUntil != nil && now.Before(*run.WaitingUntil):
		return false, nil // woken early (a duplicate job): the scheduled one resumes it
	case run.PC >= len(rc.rule.Program):
		return false, s.finishRun(ctx, run, store.RunSucceeded, "")
	}
	in := rc.rule.Program[run.PC]
	if rc.rule.Exit != nil && run.Status != store.RunWaiting {
		if stop, err := rc.rule.Exit.Eval(rc.env); err == nil && stop {
			return false, s.finishRun(ctx, run, store.RunExited, "the exit condition held: "+rc.rule.Exit.Source())
		}
	}
	key := fmt.Sprintf("%s:%s:%s", run.EventID, run.RuleVersionID, in.Path)
	switch in.Kind {
	case rules.KindWait:
		return s.waitStep(ctx, rc, in, key)
	case rules.KindBranch:
		held, err := in.If.Eval(rc.env)
		if err != nil {
			return false, s.failStep(ctx, rc, in, key, 0, "the branch condition failed: "+err.Error(), "")
		}
		next, summary := in.Next, "the condition held: "+in.If.Source()
		if !held {
			next, summary = in.Else, "the condition did not hold: "+in.If.Source()
		}
		return true, s.completeStep(ctx, rc, in, key, 0, store.StepSucceeded, summary, next, nil)
	}
	return s.actionStep(ctx, rc, in, key, lastAttempt)
}

func stepTitle(in rules.Instr) string {
	switch in.Kind {
	case rules.KindAction:
		if c, ok := connectors.Get(in.Action.Connector); ok {
			return c.Spec().Name + ": " + strings.ReplaceAll(in.Action.Action, "_", " ")
		}
		return in.Action.Connector + "." + in.Action.Action
	case rules.KindWait:
		return "Wait"
	}
	return "Branch"
}

func (s *Service) waitStep(ctx context.Context, rc *runContext, in rules.Instr, key string) (bool, error) {
	run, now := rc.run, s.now()
	if run.Status == store.RunWaiting {
		if held, err := s.eventsStillArriving(ctx, run, now); err != nil || held {
			if err != nil {
				return false, err
			}
			return false, river.JobSnooze(heldRecheck)
		}
		return true, s.completeStep(ctx, rc, in, key, 0, store.StepSucceeded, "waited until "+run.WaitingUntil.UTC().Format(time.RFC3339), in.Next, nil)
	}
	until := in.Wait.Until(now, s.workspaceLocation(ctx, run.WorkspaceID))
	err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := s.writeStep(ctx, tx, rc, in, key, 0, store.StepWaiting, "waiting until "+until.UTC().Format(time.RFC3339), "", ""); err != nil {
			return err
		}
		run.Status, run.WaitingUntil, run.UpdatedAt = store.RunWaiting, &until, now
		if err := store.UpdateRun(ctx, tx, run); err != nil {
			return fmt.Errorf("update run: %w", err)
		}
		if _, err := s.river.InsertTx(ctx, tx.Tx.Tx, jobs.RunStepArgs{RunID: run.ID}, &river.InsertOpts{ScheduledAt: s.realTime(until)}); err != nil {
			return fmt.Errorf("schedule the run's wake-up: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: runsTopic(run.WorkspaceID), Data: run.ID})
		return nil
	})
	return false, err
}

// heldWindow bounds how far back a run that ends its wait looks for
// events still being processed, and how long past its wake-up it holds
// for them (an event whose processing keeps failing does not hold runs
// for ever).
const heldWindow = 10 * time.Minute

// heldRecheck is how soon a held run looks again.
const heldRecheck = 500 * time.Millisecond

// eventsStillArriving tells whether the run's workspace has webhooks
// acknowledged before the run's wait ended that are not processed yet. A
// run holds for them, so that its exit condition sees every order the
// customer placed before the wake-up (the cart recovery stops for a
// customer who bought a second before the discount was due, even when
// processing is behind).
func (s *Service) eventsStillArriving(ctx context.Context, run *store.Run, now time.Time) (bool, error) {
	if run.WaitingUntil == nil || now.After(run.WaitingUntil.Add(heldWindow)) {
		return false, nil
	}
	until := *run.WaitingUntil
	n, err := store.UnprocessedWebhookEvents(ctx, s.db, run.WorkspaceID, until.Add(-heldWindow), until)
	if err != nil {
		return false, fmt.Errorf("look for events still being processed: %w", err)
	}
	return n > 0, nil
}

// actionStep runs an action. The step row is written RUNNING (with the
// attempt) before the provider is called, so a crash leaves a visible
// trace; the provider gets the step's idempotency key.
func (s *Service) actionStep(ctx context.Context, rc *runContext, in rules.Instr, key string, lastAttempt bool) (bool, error) {
	a := in.Action
	if rc.rule.Definition.Marketing && a.Spec.Consent != "" && !consents(rc.customer, a.Spec.Consent) {
		return true, s.completeStep(ctx, rc, in, key, 0, store.StepSkipped,
			fmt.Sprintf("skipped: the customer has not consented to marketing by %s", a.Spec.Consent), in.Next, nil)
	}
	input := map[string]string{}
	data, err := rc.env.Data()
	if err != nil {
		return false, err
	}
	for name, t := range a.Input {
		out, err := t.RenderData(data)
		if err != nil {
			return false, s.failStep(ctx, rc, in, key, 0, "the "+name+" template failed: "+err.Error(), "")
		}
		input[name] = out
	}
	prev, err := store.StepByKey(ctx, s.db, key)
	attempts := 1
	if err == nil {
		attempts = prev.Attempts + 1
	}
	if err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		return s.writeStep(ctx, tx, rc, in, key, attempts, store.StepRunning, "", "", "")
	}); err != nil {
		return false, err
	}
	result, secretsUsed, err := s.callAction(ctx, rc.run, a, input, key)
	if err != nil {
		var ae *connectors.ActionError
		msg, resp, permanent := err.Error(), "", false
		if errors.As(err, &ae) {
			msg, resp, permanent = ae.Message, ae.Response, ae.Permanent
		}
		msg, resp = scrub(msg, secretsUsed), scrub(resp, secretsUsed)
		if permanent || lastAttempt {
			return false, s.failStep(ctx, rc, in, key, attempts, msg, resp)
		}
		if werr := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
			return s.writeStep(ctx, tx, rc, in, key, attempts, store.StepFailed, "", msg+" (will retry)", resp)
		}); werr != nil {
			return false, werr
		}
		if ae != nil && ae.RetryAfter > 0 {
			return false, river.JobSnooze(ae.RetryAfter)
		}
		return false, fmt.Errorf("step %s: %s", in.Path, msg)
	}
	state := map[string]string{}
	for k, v := range result.Output {
		state[outputKey(a, k)] = v
	}
	return true, s.completeStep(ctx, rc, in, key, attempts, store.StepSucceeded, scrub(result.Summary, secretsUsed), in.Next, state)
}

// outputKey is where an action's output is kept in the run's state: a
// discount code becomes discount.code for later templates.
func outputKey(a *rules.CompiledAction, k string) string {
	if a.Action == "create_discount_code" {
		return "discount." + k
	}
	return a.Connector + "." + a.Action + "." + k
}

func consents(c *store.Customer, channel connectors.ConsentChannel) bool {
	if c == nil {
		return false
	}
	switch channel {
	case connectors.ConsentEmail:
		return c.EmailConsent
	case connectors.ConsentSMS:
		return c.SMSConsent
	}
	return true
}

// callAction runs the action through its connection and returns the
// secrets it used (to scrub them from any message).
func (s *Service) callAction(ctx context.Context, run *store.Run, a *rules.CompiledAction, input map[string]string, key string) (connectors.ActionResult, []string, error) {
	row, err := store.ConnectionByID(ctx, s.db, a.ConnectionID)
	if err != nil || row.WorkspaceID != run.WorkspaceID {
		return connectors.ActionResult{}, nil, &connectors.ActionError{Message: "the step's connection no longer exists", Permanent: true}
	}
	if row.Status == store.ConnectionDisabled || row.Status == store.ConnectionNeedsReauth {
		return connectors.ActionResult{}, nil, &connectors.ActionError{Message: fmt.Sprintf("the connection %q needs attention (%s)", row.Name, strings.ToLower(string(row.Status)))}
	}
	c, _ := connectors.Get(row.Connector)
	runner, ok := c.(connectors.ActionRunner)
	if !ok {
		return connectors.ActionResult{}, nil, &connectors.ActionError{Message: c.Spec().Name + " cannot run actions", Permanent: true}
	}
	conn, token, used, err := s.reach(ctx, row)
	if err != nil {
		return connectors.ActionResult{}, nil, err
	}
	call := connectors.ActionCall{Action: a.Action, Input: input, IdempotencyKey: key, Conn: conn, Token: token}
	res, err := runner.RunAction(ctx, call)
	return res, used, err
}

// scrub removes secret values from text shown to users.
func scrub(text string, used []string) string {
	for _, v := range used {
		if len(v) >= 4 {
			text = strings.ReplaceAll(text, v, "[redacted]")
		}
	}
	return text
}

// writeStep records a step's state in tx.
func (s *Service) writeStep(ctx context.Context, tx *txn, rc *runContext, in rules.Instr, key string, attempts int, status, summary, problem, response string) error {
	now := s.now()
	seq, err := stepSeq(ctx, tx, rc.run.ID, key)
	if err != nil {
		return err
	}
	st := &store.RunStep{ID: store.NewID(), RunID: rc.run.ID, Seq: seq, Path: in.Path, Kind: string(in.Kind), Title: stepTitle(in),
		Status: status, Attempts: attempts, IdempotencyKey: key, StartedAt: now}
	if summary != "" {
		st.Summary = &summary
	}
	if problem != "" {
		st.Error = &problem
	}
	if response != "" {
		st.ProviderResponse = &response
	}
	if status != store.StepRunning && status != store.StepWaiting {
		st.FinishedAt = &now
	}
	if err := store.UpsertStep(ctx, tx, st); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	tx.published = append(tx.published, bus.Message{Topic: runsTopic(rc.run.WorkspaceID), Data: rc.run.ID})
	return nil
}

// stepSeq keeps a step's position when it is rewritten.
func stepSeq(ctx context.Context, tx *txn, runID, key string) (int, error) {
	if st, err := store.StepByKey(ctx, tx, key); err == nil {
		return st.Seq, nil
	}
	return store.NextStepSeq(ctx, tx, runID)
}

// completeStep records a finished step and moves the run to next.
func (s *Service) completeStep(ctx context.Context, rc *runContext, in rules.Instr, key string, attempts int, status, summary string, next int, state map[string]string) error {
	run := rc.run
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := s.writeStep(ctx, tx, rc, in, key, attempts, status, summary, "", ""); err != nil {
			return err
		}
		for k, v := range state {
			run.State[k] = v
		}
		run.PC, run.Status, run.WaitingUntil, run.Error, run.UpdatedAt = next, store.RunRunning, nil, nil, s.now()
		if err := store.UpdateRun(ctx, tx, run); err != nil {
			return fmt.Errorf("update run: %w", err)
		}
		return nil
	})
}

// failStep records a step that cannot succeed and fails the run.
func (s *Service) failStep(ctx context.Context, rc *runContext, in rules.Instr, key string, attempts int, problem, response string) error {
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := s.writeStep(ctx, tx, rc, in, key, attempts, store.StepFailed, "", problem, response); err != nil {
			return err
		}
		return s.endRun(ctx, tx, rc.run, store.RunFailed, "step "+in.Path+" failed: "+problem)
	})
}

// finishRun ends a run.
func (s *Service) finishRun(ctx context.Context, run *store.Run, status store.RunStatus, note string) error {
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error { return s.endRun(ctx, tx, run, status, note) })
}

func (s *Service) endRun(ctx context.Context, tx *txn, run *store.Run, status store.RunStatus, note string) error {
	now := s.now()
	run.Status, run.UpdatedAt, run.FinishedAt, run.WaitingUntil = status, now, &now, nil
	run.Error = nil
	if note != "" {
		run.Error = &note
	}
	if err := store.UpdateRun(ctx, tx, run); err != nil {
		return fmt.Errorf("end run: %w", err)
	}
	tx.published = append(tx.published, bus.Message{Topic: runsTopic(run.WorkspaceID), Data: run.ID})
	return nil
}

// queueRun inserts a job that advances the run (at, when set).
func (s *Service) queueRun(ctx context.Context, runID string, at time.Time) error {
	var opts *river.InsertOpts
	if !at.IsZero() {
		opts = &river.InsertOpts{ScheduledAt: s.realTime(at)}
	}
	if _, err := s.river.Insert(ctx, jobs.RunStepArgs{RunID: runID}, opts); err != nil {
		return fmt.Errorf("queue run: %w", err)
	}
	return nil
}

// queueRunTx inserts a job that advances the run, in tx.
func (s *Service) queueRunTx(ctx context.Context, tx *txn, runID string) error {
	if _, err := s.river.InsertTx(ctx, tx.Tx.Tx, jobs.RunStepArgs{RunID: runID}, nil); err != nil {
		return fmt.Errorf("queue run: %w", err)
	}
	return nil
}

// WakeDueRuns queues every waiting run whose wait is over.
func (s *Service) WakeDueRuns(ctx context.Context) error {
	ids, err := store.DueRuns(ctx, s.db, s.now(), 1000)
	if err != nil {
		return fmt.Errorf("find due runs: %w", err)
	}
	for _, id := range ids {
		if err := s.queueRun(ctx, id, time.Time{}); err != nil {
			return err
		}
	}
	return nil
}
