-- Each connection's rate budget as a token bucket every hub process spends
-- from (PostgreSQL only: a SQLite database has one process, which keeps the
-- bucket in memory; the table exists on both so their schemas agree). A
-- deleted connection's row is harmless and refills to its burst.
CREATE TABLE IF NOT EXISTS rate_budgets (
    connection_id  text PRIMARY KEY,
    tokens         real NOT NULL,
    rate           real NOT NULL,
    burst          real NOT NULL,
    updated_at     timestamp NOT NULL
);
