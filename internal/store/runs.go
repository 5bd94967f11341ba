package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// RunStatus is where a run is.
type RunStatus string

// The run states. Succeeded, Failed, Cancelled and Exited are final.
const (
	RunRunning   RunStatus = "RUNNING"
	RunWaiting   RunStatus = "WAITING"
	RunSucceeded RunStatus = "SUCCEEDED"
	RunFailed    RunStatus = "FAILED"
	RunCancelled RunStatus = "CANCELLED"
	// RunExited: the rule's exit condition held (the customer bought).
	RunExited RunStatus = "EXITED"
)

// Final reports whether the run is over.
func (s RunStatus) Final() bool {
	return s == RunSucceeded || s == RunFailed || s == RunCancelled || s == RunExited
}

// Run is one rule version triggered by one event.
type Run struct {
	bun.BaseModel `bun:"table:runs"`

	ID            string    `bun:"id,pk"`
	AgencyID      string    `bun:"agency_id,notnull"`
	WorkspaceID   string    `bun:"workspace_id,notnull"`
	RuleID        string    `bun:"rule_id,notnull"`
	RuleVersionID string    `bun:"rule_version_id,notnull"`
	EventID       string    `bun:"event_id,notnull"`
	CustomerID    *string   `bun:"customer_id"`
	Status        RunStatus `bun:"status,notnull"`
	// PC is the index of the next step of the rule's program.
	PC int `bun:"pc,notnull"`
	// State holds what steps produced for later ones (a discount code).
	State        map[string]string `bun:"state,type:text,notnull"`
	WaitingUntil *time.Time        `bun:"waiting_until"`
	Error        *string           `bun:"error"`
	StartedAt    time.Time         `bun:"started_at,notnull"`
	UpdatedAt    time.Time         `bun:"updated_at,notnull"`
	FinishedAt   *time.Time        `bun:"finished_at"`
}

// RunStep is one executed step of a run: the task completion log.
type RunStep struct {
	bun.BaseModel `bun:"table:run_steps"`

	ID     string `bun:"id,pk"`
	RunID  string `bun:"run_id,notnull"`
	Seq    int    `bun:"seq,notnull"`
	Path   string `bun:"path,notnull"`
	Kind   string `bun:"kind,notnull"`
	Title  string `bun:"title,notnull"`
	Status string `bun:"status,notnull"`
	// Attempts counts tries of an action.
	Attempts int `bun:"attempts,notnull"`
	// IdempotencyKey is derived from the event, the rule version and the
	// step; the provider gets it with the call.
	IdempotencyKey   string     `bun:"idempotency_key,notnull"`
	Summary          *string    `bun:"summary"`
	Error            *string    `bun:"error"`
	ProviderResponse *string    `bun:"provider_response"`
	StartedAt        time.Time  `bun:"started_at,notnull"`
	FinishedAt       *time.Time `bun:"finished_at"`
}

// The step states.
const (
	StepRunning   = "RUNNING"
	StepSucceeded = "SUCCEEDED"
	StepFailed    = "FAILED"
	StepSkipped   = "SKIPPED"
	StepWaiting   = "WAITING"
)

// InsertRun starts a run unless the rule version already has one for the
// event; it reports whether it is new.
func InsertRun(ctx context.Context, db bun.IDB, r *Run) (bool, error) {
	res, err := db.NewInsert().Model(r).On("CONFLICT (rule_version_id, event_id) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RunByID finds a run.
func RunByID(ctx context.Context, db bun.IDB, id string) (*Run, error) {
	r := new(Run)
	err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
	return r, notFound(err)
}

// UpdateRun writes a run's progress.
func UpdateRun(ctx context.Context, db bun.IDB, r *Run) error {
	_, err := db.NewUpdate().Model(r).Column("status", "pc", "state", "waiting_until", "error", "updated_at", "finished_at").WherePK().Exec(ctx)
	return err
}

// RunFilter narrows ListRuns.
type RunFilter struct {
	WorkspaceID string
	RuleID      string
	Status      RunStatus
	CustomerID  string
	From, To    *time.Time
}

// ListRuns pages through a workspace's runs, newest first.
func ListRuns(ctx context.Context, db bun.IDB, f RunFilter, args PageArgs) (Page[Run], error) {
	q := db.NewSelect().Model((*Run)(nil)).Where("workspace_id = ?", f.WorkspaceID)
	if f.RuleID != "" {
		q = q.Where("rule_id = ?", f.RuleID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.CustomerID != "" {
		q = q.Where("customer_id = ?", f.CustomerID)
	}
	if f.From != nil {
		q = q.Where("started_at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("started_at < ?", *f.To)
	}
	return paginate[Run](ctx, q, args)
}

// StepsOfRun lists a run's steps in order.
func StepsOfRun(ctx context.Context, db bun.IDB, runID string) ([]RunStep, error) {
	var ss []RunStep
	err := db.NewSelect().Model(&ss).Where("run_id = ?", runID).Order("seq ASC").Scan(ctx)
	return ss, err
}

// StepByKey finds a step by its idempotency key.
func StepByKey(ctx context.Context, db bun.IDB, key string) (*RunStep, error) {
	s := new(RunStep)
	err := db.NewSelect().Model(s).Where("idempotency_key = ?", key).Scan(ctx)
	return s, notFound(err)
}

// UpsertStep inserts a step or, when its key exists, rewrites it.
func UpsertStep(ctx context.Context, db bun.IDB, s *RunStep) error {
	_, err := db.NewInsert().Model(s).On("CONFLICT (idempotency_key) DO UPDATE").
		Set("status = EXCLUDED.status, attempts = EXCLUDED.attempts, summary = EXCLUDED.summary, error = EXCLUDED.error, " +
			"provider_response = EXCLUDED.provider_response, finished_at = EXCLUDED.finished_at").Exec(ctx)
	return err
}

// NextStepSeq is the seq a run's next step gets.
func NextStepSeq(ctx context.Context, db bun.IDB, runID string) (int, error) {
	var n int
	err := db.NewSelect().Model((*RunStep)(nil)).ColumnExpr("COALESCE(MAX(seq), -1) + 1").Where("run_id = ?", runID).Scan(ctx, &n)
	return n, err
}

// DueRuns lists waiting runs whose wait ended by now.
func DueRuns(ctx context.Context, db bun.IDB, now time.Time, limit int) ([]string, error) {
	var ids []string
	err := db.NewSelect().Model((*Run)(nil)).Column("id").Where("status = ?", RunWaiting).
		Where("waiting_until <= ?", now).Order("waiting_until ASC").Limit(int64(limit)).Scan(ctx, &ids)
	return ids, err
}
