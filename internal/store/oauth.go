package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// OAuthState is a consent in progress: created when a user starts
// connecting, used up by the provider's callback. Only hashes of the state
// and of the browser binding are kept.
type OAuthState struct {
	bun.BaseModel `bun:"table:oauth_states"`

	ID          string            `bun:"id,pk"`
	StateHash   string            `bun:"state_hash,notnull"`
	BrowserHash string            `bun:"browser_hash,notnull"`
	UserID      string            `bun:"user_id,notnull"`
	AgencyID    string            `bun:"agency_id,notnull"`
	WorkspaceID string            `bun:"workspace_id,notnull"`
	Connector   string            `bun:"connector,notnull"`
	Name        string            `bun:"name,notnull"`
	Config      map[string]string `bun:"config,type:text,notnull"`
	// PKCEVerifier is sealed (bound to the state's id) when the provider uses PKCE.
	PKCEVerifier string `bun:"pkce_verifier,notnull" json:"-"`
	RedirectURI  string `bun:"redirect_uri,notnull"`
	// ConnectionID is set when the consent renews an existing connection.
	ConnectionID *string    `bun:"connection_id"`
	CreatedAt    time.Time  `bun:"created_at,notnull"`
	ExpiresAt    time.Time  `bun:"expires_at,notnull"`
	UsedAt       *time.Time `bun:"used_at"`
}

// InsertOAuthState records a consent in progress.
func InsertOAuthState(ctx context.Context, db bun.IDB, s *OAuthState) error {
	_, err := db.NewInsert().Model(s).Exec(ctx)
	return err
}

// UseOAuthState finds the state by its hash and marks it used, in one
// statement, so that a replayed callback finds nothing. It returns
// ErrNotFound for an unknown, used or expired state.
func UseOAuthState(ctx context.Context, db bun.IDB, stateHash string, now time.Time) (*OAuthState, error) {
	res, err := db.NewUpdate().Model((*OAuthState)(nil)).Set("used_at = ?", now).
		Where("state_hash = ?", stateHash).Where("used_at IS NULL").Where("expires_at > ?", now).Exec(ctx)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrNotFound
	}
	s := new(OAuthState)
	err = db.NewSelect().Model(s).Where("state_hash = ?", stateHash).Scan(ctx)
	return s, notFound(err)
}

// DeleteOldOAuthStates removes states that expired before cutoff.
func DeleteOldOAuthStates(ctx context.Context, db bun.IDB, cutoff time.Time) (int64, error) {
	res, err := db.NewDelete().Model((*OAuthState)(nil)).Where("expires_at < ?", cutoff).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
