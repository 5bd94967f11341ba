package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// DetectAbandonmentArgs checks, DelayMinutes after a checkout event,
// whether the checkout was abandoned.
type DetectAbandonmentArgs struct {
	EventID      string `json:"event_id"`
	DelayMinutes int    `json:"delay_minutes"`
}

// Kind implements river.JobArgs.
func (DetectAbandonmentArgs) Kind() string { return "detect_abandonment" }

// DetectAbandonmentWorker works DetectAbandonmentArgs.
type DetectAbandonmentWorker struct {
	river.WorkerDefaults[DetectAbandonmentArgs]
	deps Deps
}

// Work checks the checkout; the check is idempotent.
func (w *DetectAbandonmentWorker) Work(ctx context.Context, job *river.Job[DetectAbandonmentArgs]) error {
	return finalIfUserFacing(w.deps.Automation.DetectAbandonment(ctx, job.Args.EventID, job.Args.DelayMinutes))
}

// WakeRunsArgs resumes waiting runs whose wait is over (a safety net for
// lost wake-up jobs, and how runs resume under a test clock).
type WakeRunsArgs struct{}

// Kind implements river.JobArgs.
func (WakeRunsArgs) Kind() string { return "wake_runs" }

// WakeRunsWorker works WakeRunsArgs.
type WakeRunsWorker struct {
	river.WorkerDefaults[WakeRunsArgs]
	deps Deps
}

// Work queues the due runs.
func (w *WakeRunsWorker) Work(ctx context.Context, _ *river.Job[WakeRunsArgs]) error {
	return w.deps.Automation.WakeDueRuns(ctx)
}

// DetectInactiveArgs records customer.inactive for customers whose last
// order is as old as an enabled rule asks.
type DetectInactiveArgs struct{}

// Kind implements river.JobArgs.
func (DetectInactiveArgs) Kind() string { return "detect_inactive_customers" }

// DetectInactiveWorker works DetectInactiveArgs.
type DetectInactiveWorker struct {
	river.WorkerDefaults[DetectInactiveArgs]
	deps Deps
}

// Work records the events; each customer and last order counts once.
func (w *DetectInactiveWorker) Work(ctx context.Context, _ *river.Job[DetectInactiveArgs]) error {
	return w.deps.Automation.DetectInactiveCustomers(ctx)
}

// FireSchedulesArgs starts the schedule rules that came due.
type FireSchedulesArgs struct{}

// Kind implements river.JobArgs.
func (FireSchedulesArgs) Kind() string { return "fire_schedules" }

// FireSchedulesWorker works FireSchedulesArgs.
type FireSchedulesWorker struct {
	river.WorkerDefaults[FireSchedulesArgs]
	deps Deps
}

// Work fires the due schedules; each fires once per due time.
func (w *FireSchedulesWorker) Work(ctx context.Context, _ *river.Job[FireSchedulesArgs]) error {
	return w.deps.Automation.FireSchedules(ctx)
}

// automationPeriodic are the automation's own schedules.
func automationPeriodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return WakeRunsArgs{}, nil },
			&river.PeriodicJobOpts{ID: "wake_runs"}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return FireSchedulesArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "fire_schedules"}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return DetectInactiveArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "detect_inactive_customers"}),
	}
}
