package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// Automation advances runs and derives events (the hub does it; jobs only
// schedule it).
type Automation interface {
	// AdvanceRun runs a run's steps until it waits, ends or a step fails;
	// lastAttempt tells it the job will not be retried.
	AdvanceRun(ctx context.Context, runID string, lastAttempt bool) error
	DetectAbandonment(ctx context.Context, eventID string, delayMinutes int) error
	WakeDueRuns(ctx context.Context) error
	DetectInactiveCustomers(ctx context.Context) error
	FireSchedules(ctx context.Context) error
}

// RunStepArgs advances one run. Args carry the run's id only; the run row
// holds where it is, so a retried or duplicated job resumes at the step
// that has not succeeded yet.
type RunStepArgs struct {
	RunID string `json:"run_id"`
}

// Kind implements river.JobArgs.
func (RunStepArgs) Kind() string { return "run_step" }

// runStepAttempts bounds the tries of a failing step.
const runStepAttempts = 8

// InsertOpts retries a failing step with River's backoff.
func (RunStepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: runStepAttempts}
}

// RunStepWorker works RunStepArgs.
type RunStepWorker struct {
	river.WorkerDefaults[RunStepArgs]
	deps Deps
}

// Work advances the run.
func (w *RunStepWorker) Work(ctx context.Context, job *river.Job[RunStepArgs]) error {
	return finalIfUserFacing(w.deps.Automation.AdvanceRun(ctx, job.Args.RunID, job.Attempt >= job.MaxAttempts))
}
