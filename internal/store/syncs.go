package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Mapping says how records of a source connection's entity become records
// of a target connection's entity; its definitions are versioned.
type Mapping struct {
	bun.BaseModel `bun:"table:mappings"`

	ID                 string    `bun:"id,pk"`
	AgencyID           string    `bun:"agency_id,notnull"`
	WorkspaceID        string    `bun:"workspace_id,notnull"`
	Name               string    `bun:"name,notnull"`
	SourceConnectionID string    `bun:"source_connection_id,notnull"`
	SourceEntity       string    `bun:"source_entity,notnull"`
	TargetConnectionID string    `bun:"target_connection_id,notnull"`
	TargetEntity       string    `bun:"target_entity,notnull"`
	CurrentVersion     int       `bun:"current_version,notnull"`
	CreatedAt          time.Time `bun:"created_at,notnull"`
	UpdatedAt          time.Time `bun:"updated_at,notnull"`
}

// MappingVersion is one immutable mapping definition (JSON).
type MappingVersion struct {
	bun.BaseModel `bun:"table:mapping_versions"`

	MappingID  string    `bun:"mapping_id,pk"`
	Version    int       `bun:"version,pk"`
	Definition string    `bun:"definition,notnull"`
	CreatedBy  string    `bun:"created_by,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// Sync runs a mapping: on demand, every IntervalMinutes, and on the source's
// events when OnEvents.
type Sync struct {
	bun.BaseModel `bun:"table:syncs"`

	ID              string `bun:"id,pk"`
	AgencyID        string `bun:"agency_id,notnull"`
	WorkspaceID     string `bun:"workspace_id,notnull"`
	MappingID       string `bun:"mapping_id,notnull"`
	Name            string `bun:"name,notnull"`
	IntervalMinutes *int   `bun:"interval_minutes"`
	// Cron, when set, schedules the sync instead (workspace time zone).
	Cron     string `bun:"cron,notnull"`
	OnEvents bool   `bun:"on_events,notnull"`
	Enabled  bool   `bun:"enabled,notnull"`
	// Checkpoint is when the last successful run started: the next
	// incremental run reads records updated since then.
	Checkpoint *time.Time `bun:"checkpoint"`
	NextRunAt  *time.Time `bun:"next_run_at"`
	// Rerun is set when the source changed while a run was in progress: the
	// next incremental run starts as that one finishes.
	Rerun     bool      `bun:"rerun,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

// The sync run statuses.
const (
	SyncRunning   = "RUNNING"
	SyncSucceeded = "SUCCEEDED"
	SyncFailed    = "FAILED"
	SyncCancelled = "CANCELLED"
)

// SyncRun is one pass of a sync. Cursor is where the next page starts; it
// is saved in the transaction that records each page's effects.
type SyncRun struct {
	bun.BaseModel `bun:"table:sync_runs"`

	ID             string `bun:"id,pk"`
	AgencyID       string `bun:"agency_id,notnull"`
	WorkspaceID    string `bun:"workspace_id,notnull"`
	SyncID         string `bun:"sync_id,notnull"`
	MappingVersion int    `bun:"mapping_version,notnull"`
	// Mode is FULL or INCREMENTAL; Reason is MANUAL, SCHEDULE or EVENT.
	Mode           string     `bun:"mode,notnull"`
	Reason         string     `bun:"reason,notnull"`
	Status         string     `bun:"status,notnull"`
	Cursor         string     `bun:"cursor,notnull"`
	Since          *time.Time `bun:"since"`
	Pages          int        `bun:"pages,notnull"`
	RecordsRead    int        `bun:"records_read,notnull"`
	RecordsWritten int        `bun:"records_written,notnull"`
	RecordsFailed  int        `bun:"records_failed,notnull"`
	// RecordsTotal is how many records the run will read, when the source
	// tells.
	RecordsTotal *int       `bun:"records_total"`
	Error        *string    `bun:"error"`
	StartedAt    time.Time  `bun:"started_at,notnull"`
	UpdatedAt    time.Time  `bun:"updated_at,notnull"`
	FinishedAt   *time.Time `bun:"finished_at"`
}

// SyncLink ties a source record to the target record a sync wrote for it.
type SyncLink struct {
	bun.BaseModel `bun:"table:sync_links"`

	SyncID    string    `bun:"sync_id,pk"`
	SourceID  string    `bun:"source_id,pk"`
	TargetID  string    `bun:"target_id,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

// SyncRecordError is a record a run could not write, with the reason.
type SyncRecordError struct {
	bun.BaseModel `bun:"table:sync_record_errors"`

	ID        string    `bun:"id,pk"`
	RunID     string    `bun:"run_id,notnull"`
	SourceID  string    `bun:"source_id,notnull"`
	Reason    string    `bun:"reason,notnull"`
	Record    string    `bun:"record,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// InsertMapping adds a mapping.
func InsertMapping(ctx context.Context, db bun.IDB, m *Mapping) error {
	_, err := db.NewInsert().Model(m).Exec(ctx)
	return err
}

// UpdateMapping saves a mapping's name, version and time.
func UpdateMapping(ctx context.Context, db bun.IDB, m *Mapping) error {
	_, err := db.NewUpdate().Model(m).Column("name", "current_version", "updated_at").WherePK().Exec(ctx)
	return err
}

// DeleteMapping removes a mapping with its versions and syncs.
func DeleteMapping(ctx context.Context, db bun.IDB, id string) error {
	_, err := db.NewDelete().Model((*Mapping)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// MappingByID finds a mapping.
func MappingByID(ctx context.Context, db bun.IDB, id string) (*Mapping, error) {
	m := new(Mapping)
	err := db.NewSelect().Model(m).Where("id = ?", id).Scan(ctx)
	return m, notFound(err)
}

// MappingsOfWorkspace lists a workspace's mappings by name.
func MappingsOfWorkspace(ctx context.Context, db bun.IDB, workspaceID string) ([]Mapping, error) {
	var ms []Mapping
	err := db.NewSelect().Model(&ms).Where("workspace_id = ?", workspaceID).Order("name", "id").Scan(ctx)
	return ms, err
}

// InsertMappingVersion adds a mapping version.
func InsertMappingVersion(ctx context.Context, db bun.IDB, v *MappingVersion) error {
	_, err := db.NewInsert().Model(v).Exec(ctx)
	return err
}

// MappingVersionOf finds one version of a mapping.
func MappingVersionOf(ctx context.Context, db bun.IDB, mappingID string, version int) (*MappingVersion, error) {
	v := new(MappingVersion)
	err := db.NewSelect().Model(v).Where("mapping_id = ? AND version = ?", mappingID, version).Scan(ctx)
	return v, notFound(err)
}

// InsertSync adds a sync.
func InsertSync(ctx context.Context, db bun.IDB, s *Sync) error {
	_, err := db.NewInsert().Model(s).Exec(ctx)
	return err
}

// UpdateSync saves a sync's settings and schedule (its checkpoint and
// rerun mark belong to its runs).
func UpdateSync(ctx context.Context, db bun.IDB, s *Sync) error {
	_, err := db.NewUpdate().Model(s).Column("name", "interval_minutes", "cron", "on_events", "enabled", "next_run_at", "updated_at").
		WherePK().Exec(ctx)
	return err
}

// SetSyncCheckpoint moves a sync's checkpoint (and nothing else: a user may
// be changing its settings meanwhile).
func SetSyncCheckpoint(ctx context.Context, db bun.IDB, id string, at time.Time) error {
	_, err := db.NewUpdate().Model((*Sync)(nil)).Set("checkpoint = ?", at).Where("id = ?", id).Exec(ctx)
	return err
}

// SetSyncNextRun schedules a sync's next run (nil: none).
func SetSyncNextRun(ctx context.Context, db bun.IDB, id string, at *time.Time) error {
	_, err := db.NewUpdate().Model((*Sync)(nil)).Set("next_run_at = ?", at).Where("id = ?", id).Exec(ctx)
	return err
}

// RequestSyncRerun marks a sync to run again once its run in progress
// finishes.
func RequestSyncRerun(ctx context.Context, db bun.IDB, id string) error {
	_, err := db.NewUpdate().Model((*Sync)(nil)).Set("rerun = ?", true).Where("id = ?", id).Exec(ctx)
	return err
}

// TakeSyncRerun clears a sync's rerun mark and reports whether it was set.
func TakeSyncRerun(ctx context.Context, db bun.IDB, id string) (bool, error) {
	res, err := db.NewUpdate().Model((*Sync)(nil)).Set("rerun = ?", false).Where("id = ? AND rerun", id).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DeleteSync removes a sync with its runs and links.
func DeleteSync(ctx context.Context, db bun.IDB, id string) error {
	_, err := db.NewDelete().Model((*Sync)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// SyncByID finds a sync.
func SyncByID(ctx context.Context, db bun.IDB, id string) (*Sync, error) {
	s := new(Sync)
	err := db.NewSelect().Model(s).Where("id = ?", id).Scan(ctx)
	return s, notFound(err)
}

// SyncsOfWorkspace lists a workspace's syncs by name.
func SyncsOfWorkspace(ctx context.Context, db bun.IDB, workspaceID string) ([]Sync, error) {
	var ss []Sync
	err := db.NewSelect().Model(&ss).Where("workspace_id = ?", workspaceID).Order("name", "id").Scan(ctx)
	return ss, err
}

// SyncsDue lists enabled syncs whose next scheduled run is at or before now.
func SyncsDue(ctx context.Context, db bun.IDB, now time.Time) ([]Sync, error) {
	var ss []Sync
	err := db.NewSelect().Model(&ss).Where("enabled AND next_run_at IS NOT NULL AND next_run_at <= ?", now).Order("next_run_at").Limit(100).Scan(ctx)
	return ss, err
}

// SyncsOnEvents lists a workspace's enabled syncs that run on the events of
// the connection given (as their mapping's source).
func SyncsOnEvents(ctx context.Context, db bun.IDB, workspaceID, sourceConnectionID string) ([]Sync, error) {
	var ss []Sync
	err := db.NewSelect().Model(&ss).
		Where("?TableAlias.workspace_id = ? AND ?TableAlias.enabled AND ?TableAlias.on_events", workspaceID).
		Where("EXISTS (SELECT 1 FROM mappings m WHERE m.id = ?TableAlias.mapping_id AND m.source_connection_id = ?)", sourceConnectionID).
		Scan(ctx)
	return ss, err
}

// InsertSyncRun adds a run; it fails with a unique violation when the sync
// has a run in progress already.
func InsertSyncRun(ctx context.Context, db bun.IDB, r *SyncRun) error {
	_, err := db.NewInsert().Model(r).Exec(ctx)
	return err
}

// UpdateSyncRun saves a run's progress.
func UpdateSyncRun(ctx context.Context, db bun.IDB, r *SyncRun) error {
	_, err := db.NewUpdate().Model(r).
		Column("status", "cursor", "pages", "records_read", "records_written", "records_failed", "records_total", "error", "updated_at", "finished_at").
		WherePK().Exec(ctx)
	return err
}

// AdvanceSyncRun saves a page's progress unless another worker recorded
// the page first or the run stopped: it reports whether it saved.
func AdvanceSyncRun(ctx context.Context, db bun.IDB, r *SyncRun, pagesBefore int) (bool, error) {
	res, err := db.NewUpdate().Model(r).
		Column("status", "cursor", "pages", "records_read", "records_written", "records_failed", "records_total", "error", "updated_at", "finished_at").
		WherePK().Where("pages = ? AND status = ?", pagesBefore, SyncRunning).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SyncRunByID finds a run.
func SyncRunByID(ctx context.Context, db bun.IDB, id string) (*SyncRun, error) {
	r := new(SyncRun)
	err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
	return r, notFound(err)
}

// ActiveSyncRun is the sync's run in progress, if any.
func ActiveSyncRun(ctx context.Context, db bun.IDB, syncID string) (*SyncRun, error) {
	r := new(SyncRun)
	err := db.NewSelect().Model(r).Where("sync_id = ? AND status = ?", syncID, SyncRunning).Limit(1).Scan(ctx)
	return r, notFound(err)
}

// SyncRunsOf lists a sync's runs, newest first, at most limit.
func SyncRunsOf(ctx context.Context, db bun.IDB, syncID string, limit int) ([]SyncRun, error) {
	var rs []SyncRun
	err := db.NewSelect().Model(&rs).Where("sync_id = ?", syncID).Order("started_at DESC", "id DESC").Limit(int64(limit)).Scan(ctx)
	return rs, err
}

// SyncLinksOf returns the target ids linked to the given source ids.
func SyncLinksOf(ctx context.Context, db bun.IDB, syncID string, sourceIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(sourceIDs) == 0 {
		return out, nil
	}
	var links []SyncLink
	if err := db.NewSelect().Model(&links).Where("sync_id = ? AND source_id IN (?)", syncID, bun.In(sourceIDs)).Scan(ctx); err != nil {
		return nil, err
	}
	for _, l := range links {
		out[l.SourceID] = l.TargetID
	}
	return out, nil
}

// UpsertSyncLinks records (or moves) links.
func UpsertSyncLinks(ctx context.Context, db bun.IDB, links []SyncLink) error {
	if len(links) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&links).
		On("CONFLICT (sync_id, source_id) DO UPDATE").Set("target_id = EXCLUDED.target_id").Set("updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return err
}

// CountSyncLinks is how many source records a sync has written.
func CountSyncLinks(ctx context.Context, db bun.IDB, syncID string) (int, error) {
	n, err := db.NewSelect().Model((*SyncLink)(nil)).Where("sync_id = ?", syncID).Count(ctx)
	return int(n), err
}

// InsertSyncRecordErrors keeps records a run could not write.
func InsertSyncRecordErrors(ctx context.Context, db bun.IDB, errs []SyncRecordError) error {
	if len(errs) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&errs).Exec(ctx)
	return err
}

// SyncRecordErrorsOf lists a run's record errors, oldest first.
func SyncRecordErrorsOf(ctx context.Context, db bun.IDB, runID string, limit, offset int) ([]SyncRecordError, error) {
	var es []SyncRecordError
	err := db.NewSelect().Model(&es).Where("run_id = ?", runID).Order("created_at", "id").Limit(int64(limit)).Offset(int64(offset)).Scan(ctx)
	return es, err
}
