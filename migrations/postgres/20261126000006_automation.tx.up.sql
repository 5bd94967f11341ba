-- Automation: customer profiles and orders kept from events, normalized
-- events, rules with immutable versions, runs and their steps.
CREATE TABLE IF NOT EXISTS customers (
    id                 text PRIMARY KEY,
    agency_id          text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id       text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    source_key         text NOT NULL,
    external_id        text NOT NULL DEFAULT '',
    email              text NOT NULL DEFAULT '',
    phone              text NOT NULL DEFAULT '',
    first_name         text NOT NULL DEFAULT '',
    last_name          text NOT NULL DEFAULT '',
    tags               text NOT NULL DEFAULT '[]',
    email_consent      boolean NOT NULL DEFAULT false,
    sms_consent        boolean NOT NULL DEFAULT false,
    total_spent_cents  bigint NOT NULL DEFAULT 0,
    currency           text NOT NULL DEFAULT '',
    orders_count       integer NOT NULL DEFAULT 0,
    first_order_at     timestamptz,
    last_order_at      timestamptz,
    source_updated_at  timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS customers_source_key ON customers (workspace_id, source_key);
--bun:split
CREATE INDEX IF NOT EXISTS customers_email_idx ON customers (workspace_id, email);
--bun:split
CREATE INDEX IF NOT EXISTS customers_last_order_idx ON customers (workspace_id, last_order_at);
--bun:split
CREATE TABLE IF NOT EXISTS orders (
    id                 text PRIMARY KEY,
    agency_id          text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id       text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connection_id      text NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    external_id        text NOT NULL,
    customer_id        text REFERENCES customers (id) ON DELETE SET NULL,
    number             text NOT NULL DEFAULT '',
    email              text NOT NULL DEFAULT '',
    total_cents        bigint NOT NULL DEFAULT 0,
    currency           text NOT NULL DEFAULT '',
    financial_status   text NOT NULL DEFAULT '',
    cancelled          boolean NOT NULL DEFAULT false,
    placed_at          timestamptz NOT NULL,
    source_updated_at  timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS orders_external_key ON orders (connection_id, external_id);
--bun:split
CREATE INDEX IF NOT EXISTS orders_customer_idx ON orders (customer_id, placed_at);
--bun:split
CREATE INDEX IF NOT EXISTS orders_email_idx ON orders (workspace_id, email, placed_at);
--bun:split
CREATE TABLE IF NOT EXISTS events (
    id             text PRIMARY KEY,
    agency_id      text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id   text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connection_id  text REFERENCES connections (id) ON DELETE SET NULL,
    type           text NOT NULL,
    source         text NOT NULL,
    resource_id    text NOT NULL DEFAULT '',
    customer_id    text REFERENCES customers (id) ON DELETE SET NULL,
    data           text NOT NULL DEFAULT '{}',
    occurred_at    timestamptz NOT NULL,
    created_at     timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS events_source_key ON events (workspace_id, type, source);
--bun:split
CREATE INDEX IF NOT EXISTS events_workspace_idx ON events (workspace_id, occurred_at);
--bun:split
CREATE INDEX IF NOT EXISTS events_resource_idx ON events (workspace_id, resource_id, occurred_at);
--bun:split
CREATE TABLE IF NOT EXISTS rules (
    id               text PRIMARY KEY,
    agency_id        text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id     text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name             text NOT NULL,
    enabled          boolean NOT NULL DEFAULT false,
    recipe           text NOT NULL DEFAULT '',
    current_version  integer NOT NULL,
    trigger_type     text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS rules_workspace_name_key ON rules (workspace_id, lower(name));
--bun:split
CREATE INDEX IF NOT EXISTS rules_trigger_idx ON rules (workspace_id, trigger_type, enabled);
--bun:split
CREATE TABLE IF NOT EXISTS rule_versions (
    id                     text PRIMARY KEY,
    rule_id                text NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
    version                integer NOT NULL,
    definition             text NOT NULL,
    created_by             text REFERENCES users (id) ON DELETE SET NULL,
    created_at             timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS rule_versions_key ON rule_versions (rule_id, version);
--bun:split
CREATE TABLE IF NOT EXISTS runs (
    id               text PRIMARY KEY,
    agency_id        text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    workspace_id     text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    rule_id          text NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
    rule_version_id  text NOT NULL REFERENCES rule_versions (id) ON DELETE CASCADE,
    event_id         text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    customer_id      text REFERENCES customers (id) ON DELETE SET NULL,
    status           text NOT NULL,
    pc               integer NOT NULL DEFAULT 0,
    state            text NOT NULL DEFAULT '{}',
    waiting_until    timestamptz,
    error            text,
    started_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    finished_at      timestamptz
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS runs_once_per_event ON runs (rule_version_id, event_id);
--bun:split
CREATE INDEX IF NOT EXISTS runs_workspace_idx ON runs (workspace_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS runs_rule_idx ON runs (rule_id, id);
--bun:split
CREATE TABLE IF NOT EXISTS run_steps (
    id                 text PRIMARY KEY,
    run_id             text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq                integer NOT NULL,
    path               text NOT NULL,
    kind               text NOT NULL,
    title              text NOT NULL DEFAULT '',
    status             text NOT NULL,
    attempts           integer NOT NULL DEFAULT 0,
    idempotency_key    text NOT NULL,
    summary            text,
    error              text,
    provider_response  text,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS run_steps_key ON run_steps (idempotency_key);
--bun:split
CREATE INDEX IF NOT EXISTS run_steps_run_idx ON run_steps (run_id, seq);
