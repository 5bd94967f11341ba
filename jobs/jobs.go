// Package jobs holds the hub's River jobs: one file per kind, each with its
// args (ids only, never secrets) and a thin, idempotent worker.
package jobs

import (
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"
)

// Deps are what workers need.
type Deps struct {
	DB  *bun.DB
	Now func() time.Time
}

// Register adds every worker to workers.
func Register(workers *river.Workers, d Deps) {
	river.AddWorker(workers, &PurgeExpiredWorker{deps: d})
}

// Periodic returns the jobs the hub schedules itself.
func Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return PurgeExpiredArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "purge_expired"}),
	}
}
