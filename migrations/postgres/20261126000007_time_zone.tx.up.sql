-- Each workspace (client store) has its own time zone: waits "until 09:00"
-- and cron schedules are read in it.
ALTER TABLE workspaces ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
