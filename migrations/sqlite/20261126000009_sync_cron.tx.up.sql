-- A sync runs every interval_minutes, or at the times of a cron expression
-- read in the workspace's time zone.
ALTER TABLE syncs ADD COLUMN cron text NOT NULL DEFAULT '';
--bun:split
-- Set when the source changed while a run was in progress: the sync runs
-- again (incrementally) as soon as that run finishes.
ALTER TABLE syncs ADD COLUMN rerun boolean NOT NULL DEFAULT false;
