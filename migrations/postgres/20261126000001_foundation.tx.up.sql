-- Tenancy, accounts, sessions, API tokens, invitations and the audit log.
CREATE TABLE IF NOT EXISTS agencies (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL
);
--bun:split
CREATE TABLE IF NOT EXISTS users (
    id             text PRIMARY KEY,
    email          text NOT NULL,
    name           text NOT NULL,
    password_hash  text NOT NULL,
    is_operator    boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email);
--bun:split
CREATE TABLE IF NOT EXISTS workspaces (
    id           text PRIMARY KEY,
    agency_id    text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    name         text NOT NULL,
    created_at   timestamptz NOT NULL,
    archived_at  timestamptz
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS workspaces_agency_name_key ON workspaces (agency_id, lower(name));
--bun:split
CREATE TABLE IF NOT EXISTS memberships (
    id              text PRIMARY KEY,
    agency_id       text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    user_id         text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    all_workspaces  boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL,
    UNIQUE (agency_id, user_id)
);
--bun:split
CREATE INDEX IF NOT EXISTS memberships_user_idx ON memberships (user_id);
--bun:split
CREATE TABLE IF NOT EXISTS membership_workspaces (
    membership_id  text NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
    workspace_id   text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    PRIMARY KEY (membership_id, workspace_id)
);
--bun:split
CREATE TABLE IF NOT EXISTS invitations (
    id              text PRIMARY KEY,
    agency_id       text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    email           text NOT NULL,
    role            text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    all_workspaces  boolean NOT NULL DEFAULT true,
    token_hash      text NOT NULL UNIQUE,
    invited_by      text REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    accepted_at     timestamptz,
    accepted_by     text REFERENCES users (id) ON DELETE SET NULL,
    revoked_at      timestamptz
);
--bun:split
CREATE INDEX IF NOT EXISTS invitations_agency_idx ON invitations (agency_id, id);
--bun:split
CREATE TABLE IF NOT EXISTS invitation_workspaces (
    invitation_id  text NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    workspace_id   text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    PRIMARY KEY (invitation_id, workspace_id)
);
--bun:split
CREATE TABLE IF NOT EXISTS api_tokens (
    id            text PRIMARY KEY,
    agency_id     text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text NOT NULL,
    prefix        text NOT NULL,
    token_hash    text NOT NULL UNIQUE,
    access        text NOT NULL CHECK (access IN ('READ_ONLY', 'READ_WRITE')),
    workspace_id  text REFERENCES workspaces (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
--bun:split
CREATE INDEX IF NOT EXISTS api_tokens_agency_idx ON api_tokens (agency_id, id);
--bun:split
CREATE TABLE IF NOT EXISTS sessions (
    id            text PRIMARY KEY,
    token_hash    text NOT NULL UNIQUE,
    user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    user_agent    text NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX IF NOT EXISTS sessions_expires_idx ON sessions (expires_at);
--bun:split
CREATE TABLE IF NOT EXISTS audit_entries (
    id                text PRIMARY KEY,
    agency_id         text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id      text,
    action            text NOT NULL,
    actor_kind        text NOT NULL CHECK (actor_kind IN ('USER', 'API_TOKEN', 'SYSTEM')),
    actor_user_id     text,
    actor_token_name  text,
    target_type       text NOT NULL,
    target_id         text,
    summary           text NOT NULL,
    request_id        text,
    created_at        timestamptz NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS audit_entries_agency_idx ON audit_entries (agency_id, id);
