-- Field mappings (versioned) and syncs: source → mapping → target, run page
-- by page with the cursor saved with each page's effects; record links make
-- every write an upsert; per-record failures are kept with their reason.
CREATE TABLE IF NOT EXISTS mappings (
    id                    text PRIMARY KEY,
    agency_id             text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id          text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                  text NOT NULL,
    source_connection_id  text NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    source_entity         text NOT NULL,
    target_connection_id  text NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    target_entity         text NOT NULL,
    current_version       integer NOT NULL,
    created_at            timestamp NOT NULL,
    updated_at            timestamp NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS mappings_name ON mappings (workspace_id, name);
--bun:split
CREATE TABLE IF NOT EXISTS mapping_versions (
    mapping_id  text NOT NULL REFERENCES mappings (id) ON DELETE CASCADE,
    version     integer NOT NULL,
    definition  text NOT NULL,
    created_by  text NOT NULL DEFAULT '',
    created_at  timestamp NOT NULL,
    PRIMARY KEY (mapping_id, version)
);
--bun:split
CREATE TABLE IF NOT EXISTS syncs (
    id                text PRIMARY KEY,
    agency_id         text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id      text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mapping_id        text NOT NULL REFERENCES mappings (id) ON DELETE CASCADE,
    name              text NOT NULL,
    interval_minutes  integer,
    on_events         boolean NOT NULL DEFAULT false,
    enabled           boolean NOT NULL DEFAULT true,
    checkpoint        timestamp,
    next_run_at       timestamp,
    created_at        timestamp NOT NULL,
    updated_at        timestamp NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS syncs_name ON syncs (workspace_id, name);
--bun:split
CREATE INDEX IF NOT EXISTS syncs_due ON syncs (next_run_at);
--bun:split
CREATE TABLE IF NOT EXISTS sync_runs (
    id               text PRIMARY KEY,
    agency_id        text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id     text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    sync_id          text NOT NULL REFERENCES syncs (id) ON DELETE CASCADE,
    mapping_version  integer NOT NULL,
    mode             text NOT NULL,
    reason           text NOT NULL,
    status           text NOT NULL,
    cursor           text NOT NULL DEFAULT '',
    since            timestamp,
    pages            integer NOT NULL DEFAULT 0,
    records_read     integer NOT NULL DEFAULT 0,
    records_written  integer NOT NULL DEFAULT 0,
    records_failed   integer NOT NULL DEFAULT 0,
    records_total    integer,
    error            text,
    started_at       timestamp NOT NULL,
    updated_at       timestamp NOT NULL,
    finished_at      timestamp
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS sync_runs_one_active ON sync_runs (sync_id) WHERE status = 'RUNNING';
--bun:split
CREATE INDEX IF NOT EXISTS sync_runs_by_sync ON sync_runs (sync_id, started_at);
--bun:split
CREATE INDEX IF NOT EXISTS sync_runs_by_workspace ON sync_runs (workspace_id, started_at);
--bun:split
CREATE TABLE IF NOT EXISTS sync_links (
    sync_id     text NOT NULL REFERENCES syncs (id) ON DELETE CASCADE,
    source_id   text NOT NULL,
    target_id   text NOT NULL,
    updated_at  timestamp NOT NULL,
    PRIMARY KEY (sync_id, source_id)
);
--bun:split
CREATE TABLE IF NOT EXISTS sync_record_errors (
    id          text PRIMARY KEY,
    run_id      text NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    source_id   text NOT NULL,
    reason      text NOT NULL,
    record      text NOT NULL DEFAULT '{}',
    created_at  timestamp NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS sync_record_errors_by_run ON sync_record_errors (run_id, created_at);
