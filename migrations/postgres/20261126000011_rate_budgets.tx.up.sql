-- Each connection's rate budget as a token bucket every hub process spends
-- from (PostgreSQL only: a SQLite database has one process, which keeps the
-- bucket in memory; the table exists on both so their schemas agree). A
-- deleted connection's row is harmless and refills to its burst. Unlogged:
-- a spend commits without waiting for the WAL, and after a crash the
-- buckets start full again, as a restarted process's would.
CREATE UNLOGGED TABLE IF NOT EXISTS rate_budgets (
    connection_id  text PRIMARY KEY,
    tokens         double precision NOT NULL,
    rate           double precision NOT NULL,
    burst          double precision NOT NULL,
    updated_at     timestamptz NOT NULL
);
