-- Connections of a workspace to external systems. Non-secret values are kept
-- as JSON in config; secrets (API keys, passwords, tokens) only sealed in
-- credentials (see internal/secrets), bound to the row's id.
CREATE TABLE IF NOT EXISTS connections (
    id               text PRIMARY KEY,
    agency_id        text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id     text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector        text NOT NULL,
    name             text NOT NULL,
    status           text NOT NULL CHECK (status IN ('ACTIVE', 'NEEDS_REAUTH', 'ERROR', 'DISABLED')),
    sandbox          boolean NOT NULL DEFAULT false,
    config           text NOT NULL DEFAULT '{}',
    credentials      text NOT NULL DEFAULT '',
    secret_fields    text NOT NULL DEFAULT '[]',
    last_error       text,
    last_checked_at  timestamp,
    created_by       text REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamp NOT NULL,
    updated_at       timestamp NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS connections_workspace_name_key ON connections (workspace_id, lower(name));
--bun:split
CREATE INDEX IF NOT EXISTS connections_workspace_idx ON connections (workspace_id, id);
