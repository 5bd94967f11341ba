package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// ConnectionStatus is the health of a connection.
type ConnectionStatus string

// The connection states.
const (
	ConnectionActive      ConnectionStatus = "ACTIVE"
	ConnectionNeedsReauth ConnectionStatus = "NEEDS_REAUTH"
	ConnectionError       ConnectionStatus = "ERROR"
	ConnectionDisabled    ConnectionStatus = "DISABLED"
)

// ConnectionNameConstraint is the unique index on a workspace's connection names.
const ConnectionNameConstraint = "connections_workspace_name_key"

// Connection links a workspace to an external system through a connector.
type Connection struct {
	bun.BaseModel `bun:"table:connections"`

	ID          string            `bun:"id,pk"`
	AgencyID    string            `bun:"agency_id,notnull"`
	WorkspaceID string            `bun:"workspace_id,notnull"`
	Connector   string            `bun:"connector,notnull"`
	Name        string            `bun:"name,notnull"`
	Status      ConnectionStatus  `bun:"status,notnull"`
	Sandbox     bool              `bun:"sandbox,notnull"`
	Config      map[string]string `bun:"config,type:text,notnull"`
	// Credentials is a sealed envelope (never plaintext).
	Credentials string `bun:"credentials,notnull" json:"-"`
	// SecretFields names the secret fields that have a value.
	SecretFields []string `bun:"secret_fields,type:text,notnull"`
	// TokenExpiresAt is when the OAuth access token expires (nil: never or
	// not OAuth).
	TokenExpiresAt *time.Time `bun:"token_expires_at"`
	LastError      *string    `bun:"last_error"`
	// WebhookToken routes the provider's webhooks to this connection
	// (/webhooks/{connector}/{token}); it authorizes nothing by itself.
	WebhookToken *string `bun:"webhook_token"`
	// ExternalAccount is the provider account the connection reaches, from
	// the Spec's AccountField (a Shopify shop domain).
	ExternalAccount *string    `bun:"external_account"`
	LastCheckedAt   *time.Time `bun:"last_checked_at"`
	CreatedBy       *string    `bun:"created_by"`
	CreatedAt       time.Time  `bun:"created_at,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
}

// CredentialsBinding is what a connection's sealed credentials are bound to.
func (c *Connection) CredentialsBinding() string { return "connections.credentials." + c.ID }

// InsertConnection adds a connection.
func InsertConnection(ctx context.Context, db bun.IDB, c *Connection) error {
	_, err := db.NewInsert().Model(c).Exec(ctx)
	return err
}

// ConnectionByID finds a connection.
func ConnectionByID(ctx context.Context, db bun.IDB, id string) (*Connection, error) {
	c := new(Connection)
	err := db.NewSelect().Model(c).Where("id = ?", id).Scan(ctx)
	return c, notFound(err)
}

// ConnectionsByIDs reads the connections with the ids given (those that
// exist).
func ConnectionsByIDs(ctx context.Context, db bun.IDB, ids []string) ([]Connection, error) {
	var cs []Connection
	if len(ids) == 0 {
		return cs, nil
	}
	err := db.NewSelect().Model(&cs).Where("id IN (?)", bun.List(ids)).Scan(ctx)
	return cs, err
}

// ConnectionsOfWorkspace lists a workspace's connections, oldest first.
func ConnectionsOfWorkspace(ctx context.Context, db bun.IDB, workspaceID string) ([]Connection, error) {
	var cs []Connection
	err := db.NewSelect().Model(&cs).Where("workspace_id = ?", workspaceID).Order("id ASC").Limit(500).Scan(ctx)
	return cs, err
}

// UpdateConnectionHealth writes a connection's status and credentials.
func UpdateConnectionHealth(ctx context.Context, db bun.IDB, c *Connection) error {
	_, err := db.NewUpdate().Model(c).Column("status", "last_error", "last_checked_at", "credentials", "secret_fields", "token_expires_at", "updated_at").WherePK().Exec(ctx)
	return err
}

// ConnectionsDueForRefresh lists active (or failing) OAuth connections whose access token
// expires before soon, or that were last checked before stale (the daily
// refresh), at most limit of them.
func ConnectionsDueForRefresh(ctx context.Context, db bun.IDB, soon, stale time.Time, limit int) ([]string, error) {
	var ids []string
	err := db.NewSelect().Model((*Connection)(nil)).Column("id").
		Where("status IN (?)", bun.In([]ConnectionStatus{ConnectionActive, ConnectionError})).Where("token_expires_at IS NOT NULL").
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("token_expires_at < ?", soon).WhereOr("last_checked_at IS NULL").WhereOr("last_checked_at < ?", stale)
		}).Order("token_expires_at ASC").Limit(int64(limit)).Scan(ctx, &ids)
	return ids, err
}

// ConnectionsSealedWithOtherKeys lists connections after the id after whose
// credentials were sealed with another key than keyID (for the
// re-encryption after a key rotation), at most limit of them.
func ConnectionsSealedWithOtherKeys(ctx context.Context, db bun.IDB, keyID, after string, limit int) ([]Connection, error) {
	var cs []Connection
	prefix := "v1." + keyID + "."
	err := db.NewSelect().Model(&cs).Where("credentials <> ''").
		Where("substr(credentials, 1, ?) <> ?", len(prefix), prefix).Where("id > ?", after).
		Order("id").Limit(int64(limit)).Scan(ctx)
	return cs, err
}

// ReplaceCredentials swaps a connection's sealed credentials if they are
// still old (a concurrent refresh wins); it reports whether it did.
func ReplaceCredentials(ctx context.Context, db bun.IDB, id, old, sealed string) (bool, error) {
	res, err := db.NewUpdate().Model((*Connection)(nil)).Set("credentials = ?", sealed).
		Where("id = ?", id).Where("credentials = ?", old).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RecordCheck writes the outcome of a connection check, touching nothing
// else (a concurrent token refresh keeps its tokens) and never reviving a
// disconnected connection.
func RecordCheck(ctx context.Context, db bun.IDB, c *Connection) error {
	_, err := db.NewUpdate().Model(c).Column("status", "last_error", "last_checked_at", "updated_at").WherePK().
		Where("status <> ?", ConnectionDisabled).Exec(ctx)
	return err
}

// SaveRefreshedTokens writes a refresh's new credentials, status and expiry
// together, unless the connection was disconnected meanwhile (then it
// reports false).
func SaveRefreshedTokens(ctx context.Context, db bun.IDB, c *Connection) (bool, error) {
	res, err := db.NewUpdate().Model(c).Column("status", "last_error", "last_checked_at", "credentials", "token_expires_at", "updated_at").
		WherePK().Where("status <> ?", ConnectionDisabled).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ConnectionByWebhookToken finds the connection a webhook URL names.
func ConnectionByWebhookToken(ctx context.Context, db bun.IDB, token string) (*Connection, error) {
	c := new(Connection)
	err := db.NewSelect().Model(c).Where("webhook_token = ?", token).Scan(ctx)
	return c, notFound(err)
}

// ConnectionsOfAccount lists every connection of a connector that reaches
// one provider account (all workspaces, all agencies), oldest first.
func ConnectionsOfAccount(ctx context.Context, db bun.IDB, connector, account string) ([]Connection, error) {
	var cs []Connection
	err := db.NewSelect().Model(&cs).Where("connector = ?", connector).Where("external_account = ?", account).
		Order("id ASC").Limit(100).Scan(ctx)
	return cs, err
}

// EraseConnectionCredentials empties a connection's credentials and
// disables it.
func EraseConnectionCredentials(ctx context.Context, db bun.IDB, id string, now time.Time) error {
	_, err := db.NewUpdate().Model((*Connection)(nil)).Set("credentials = ''").Set("secret_fields = '[]'").
		Set("token_expires_at = NULL").Set("status = ?", ConnectionDisabled).Set("updated_at = ?", now).Where("id = ?", id).Exec(ctx)
	return err
}
