-- An OAuth consent may renew an existing connection (reconnect) instead of
-- creating one.
ALTER TABLE oauth_states ADD COLUMN connection_id text;
