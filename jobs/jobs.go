// Package jobs holds the hub's River jobs: one file per kind, each with its
// args (ids only, never secrets) and a thin, idempotent worker.
package jobs

import (
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Deps are what workers need.
type Deps struct {
	DB  *bun.DB
	Now func() time.Time
	// Tokens refreshes OAuth tokens (the hub, bound after it is built).
	Tokens TokenRefresher
	// Webhooks processes inbound events and subscribes connections (the
	// hub, bound after it is built).
	Webhooks Webhooks
	// Automation advances runs (the hub, bound after it is built).
	Automation Automation
	// Syncs runs sync pages (the hub, bound after it is built).
	Syncs Syncs
	// Inventory keeps stock equal across channels (the hub, bound after it
	// is built).
	Inventory Inventory
	// Keys seal credentials; the newest key seals.
	Keys *secrets.Keyring
}

// Register adds every worker to workers.
func Register(workers *river.Workers, d Deps) {
	river.AddWorker(workers, &PurgeExpiredWorker{deps: d})
	river.AddWorker(workers, &RefreshDueWorker{deps: d})
	river.AddWorker(workers, &RefreshConnectionWorker{deps: d})
	river.AddWorker(workers, &ResealCredentialsWorker{deps: d})
	river.AddWorker(workers, &ProcessWebhookWorker{deps: d})
	river.AddWorker(workers, &SubscribeWebhooksWorker{deps: d})
	river.AddWorker(workers, &RunStepWorker{deps: d})
	river.AddWorker(workers, &DetectAbandonmentWorker{deps: d})
	river.AddWorker(workers, &WakeRunsWorker{deps: d})
	river.AddWorker(workers, &DetectInactiveWorker{deps: d})
	river.AddWorker(workers, &FireSchedulesWorker{deps: d})
	river.AddWorker(workers, &SyncPageWorker{deps: d})
	river.AddWorker(workers, &StartDueSyncsWorker{deps: d})
	river.AddWorker(workers, &StockEventWorker{deps: d})
	river.AddWorker(workers, &PushStockWorker{deps: d})
	river.AddWorker(workers, &ReconcileInventoryWorker{deps: d})
	river.AddWorker(workers, &StartDueReconciliationsWorker{deps: d})
}

// Periodic returns the jobs the hub schedules itself.
func Periodic() []*river.PeriodicJob {
	return append(automationPeriodic(),
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return PurgeExpiredArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "purge_expired"}),
		river.NewPeriodicJob(river.PeriodicInterval(5*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return RefreshDueArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "refresh_due_tokens"}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return ResealCredentialsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "reseal_credentials"}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return StartDueSyncsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "start_due_syncs"}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return StartDueReconciliationsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "start_due_reconciliations"}),
	)
}
