-- OAuth: the server-side state of a consent in progress, and token expiry on
-- connections (the tokens themselves live sealed in connections.credentials).
CREATE TABLE IF NOT EXISTS oauth_states (
    id             text PRIMARY KEY,
    state_hash     text NOT NULL UNIQUE,
    browser_hash   text NOT NULL,
    user_id        text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agency_id      text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id   text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector      text NOT NULL,
    name           text NOT NULL,
    config         text NOT NULL DEFAULT '{}',
    pkce_verifier  text NOT NULL DEFAULT '',
    redirect_uri   text NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz
);
--bun:split
CREATE INDEX IF NOT EXISTS oauth_states_expires_idx ON oauth_states (expires_at);
--bun:split
ALTER TABLE connections ADD COLUMN IF NOT EXISTS token_expires_at timestamptz;
