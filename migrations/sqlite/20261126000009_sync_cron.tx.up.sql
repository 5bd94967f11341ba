-- A sync runs every interval_minutes, or at the times of a cron expression
-- read in the workspace's time zone.
ALTER TABLE syncs ADD COLUMN cron text NOT NULL DEFAULT '';
