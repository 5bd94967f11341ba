-- Inbound webhooks: each connection gets its own URL token; deliveries are
-- stored raw, deduplicated on the provider's event id, before any work.
-- App store installs wait here between consent and the merchant's choice
-- of workspace.
ALTER TABLE connections ADD COLUMN webhook_token text;
--bun:split
ALTER TABLE connections ADD COLUMN external_account text;
--bun:split
UPDATE connections SET webhook_token = lower(hex(randomblob(16))) WHERE webhook_token IS NULL;
--bun:split
UPDATE connections SET external_account = json_extract(config, '$.shop') WHERE connector = 'shopify' AND external_account IS NULL;
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS connections_webhook_token_key ON connections (webhook_token);
--bun:split
CREATE INDEX IF NOT EXISTS connections_external_account_idx ON connections (connector, external_account);
--bun:split
CREATE TABLE IF NOT EXISTS webhook_events (
    id             text PRIMARY KEY,
    agency_id      text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id   text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connection_id  text NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    connector      text NOT NULL,
    topic          text NOT NULL,
    event_id       text NOT NULL,
    payload        text NOT NULL,
    received_at    timestamp NOT NULL,
    processed_at   timestamp,
    outcome        text
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS webhook_events_dedupe_key ON webhook_events (connection_id, event_id);
--bun:split
CREATE INDEX IF NOT EXISTS webhook_events_workspace_idx ON webhook_events (workspace_id, received_at);
--bun:split
CREATE TABLE IF NOT EXISTS app_installs (
    id                  text PRIMARY KEY,
    connector           text NOT NULL,
    shop                text NOT NULL,
    state_hash          text NOT NULL UNIQUE,
    browser_hash        text NOT NULL,
    redirect_uri        text NOT NULL,
    created_at          timestamp NOT NULL,
    expires_at          timestamp NOT NULL,
    state_used_at       timestamp,
    account_name        text NOT NULL DEFAULT '',
    credentials         text NOT NULL DEFAULT '',
    token_expires_at    timestamp,
    landing_hash        text UNIQUE,
    completed_at        timestamp
);
--bun:split
CREATE INDEX IF NOT EXISTS app_installs_expires_idx ON app_installs (expires_at);
