-- Stock kept equal across a workspace's sales channels: the policy (which
-- channels, which one is the source of truth), the hub's stock per SKU,
-- each channel's level of it, every adjustment with its cause, and the
-- reconciliations that match SKUs and repair drift.
CREATE TABLE IF NOT EXISTS inventory_policies (
    workspace_id          text PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    agency_id             text NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    enabled               boolean NOT NULL DEFAULT false,
    source_connection_id  text REFERENCES connections (id) ON DELETE SET NULL,
    channel_ids           text NOT NULL DEFAULT '[]',
    reconcile_cron        text NOT NULL DEFAULT '0 3 * * *',
    next_reconcile_at     timestamptz,
    updated_at            timestamptz NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS inventory_policies_due ON inventory_policies (next_reconcile_at);
--bun:split
CREATE TABLE IF NOT EXISTS inventory_items (
    id            text PRIMARY KEY,
    workspace_id  text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    sku           text NOT NULL,
    title         text NOT NULL DEFAULT '',
    available     integer NOT NULL,
    updated_at    timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS inventory_items_sku ON inventory_items (workspace_id, sku);
--bun:split
CREATE TABLE IF NOT EXISTS inventory_levels (
    id             text PRIMARY KEY,
    item_id        text NOT NULL REFERENCES inventory_items (id) ON DELETE CASCADE,
    workspace_id   text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connection_id  text NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    item_ref       text NOT NULL,
    location_ref   text NOT NULL DEFAULT '',
    known          integer NOT NULL,
    pending        integer,
    pushes         integer NOT NULL DEFAULT 0,
    error          text,
    updated_at     timestamptz NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS inventory_levels_ref ON inventory_levels (connection_id, item_ref, location_ref);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS inventory_levels_item ON inventory_levels (item_id, connection_id);
--bun:split
CREATE TABLE IF NOT EXISTS inventory_adjustments (
    id             text PRIMARY KEY,
    workspace_id   text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    sku            text NOT NULL,
    connection_id  text REFERENCES connections (id) ON DELETE SET NULL,
    cause          text NOT NULL,
    reference      text NOT NULL DEFAULT '',
    event_key      text,
    before_qty     integer NOT NULL,
    after_qty      integer NOT NULL,
    oversold       integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS inventory_adjustments_recent ON inventory_adjustments (workspace_id, created_at);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS inventory_adjustments_event ON inventory_adjustments (workspace_id, event_key);
--bun:split
CREATE TABLE IF NOT EXISTS inventory_reconciliations (
    id            text PRIMARY KEY,
    workspace_id  text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    reason        text NOT NULL,
    status        text NOT NULL,
    skus          integer NOT NULL DEFAULT 0,
    repaired      integer NOT NULL DEFAULT 0,
    error         text,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS inventory_reconciliations_one_active ON inventory_reconciliations (workspace_id) WHERE status = 'RUNNING';
--bun:split
CREATE INDEX IF NOT EXISTS inventory_reconciliations_recent ON inventory_reconciliations (workspace_id, started_at);
