package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// AppInstall is an app store install in progress. It starts as an OAuth
// state (the merchant's browser on its way to consent), then holds the new
// tokens under a landing token until the merchant places the store in a
// workspace. Only hashes of the state, browser binding and landing token
// are kept.
type AppInstall struct {
	bun.BaseModel `bun:"table:app_installs"`

	ID          string     `bun:"id,pk"`
	Connector   string     `bun:"connector,notnull"`
	Shop        string     `bun:"shop,notnull"`
	StateHash   string     `bun:"state_hash,notnull"`
	BrowserHash string     `bun:"browser_hash,notnull"`
	RedirectURI string     `bun:"redirect_uri,notnull"`
	CreatedAt   time.Time  `bun:"created_at,notnull"`
	ExpiresAt   time.Time  `bun:"expires_at,notnull"`
	StateUsedAt *time.Time `bun:"state_used_at"`
	AccountName string     `bun:"account_name,notnull"`
	// Credentials are the sealed tokens (bound to the install's id).
	Credentials    string     `bun:"credentials,notnull" json:"-"`
	TokenExpiresAt *time.Time `bun:"token_expires_at"`
	LandingHash    *string    `bun:"landing_hash"`
	CompletedAt    *time.Time `bun:"completed_at"`
}

// CredentialsBinding is what an install's sealed tokens are bound to.
func (i *AppInstall) CredentialsBinding() string { return "app_installs.credentials." + i.ID }

// InsertAppInstall records an install on its way to consent.
func InsertAppInstall(ctx context.Context, db bun.IDB, i *AppInstall) error {
	_, err := db.NewInsert().Model(i).Exec(ctx)
	return err
}

// UseAppInstallState finds an install by its OAuth state hash and marks the
// state used, in one statement, so a replayed callback finds nothing.
func UseAppInstallState(ctx context.Context, db bun.IDB, stateHash string, now time.Time) (*AppInstall, error) {
	res, err := db.NewUpdate().Model((*AppInstall)(nil)).Set("state_used_at = ?", now).
		Where("state_hash = ?", stateHash).Where("state_used_at IS NULL").Where("expires_at > ?", now).Exec(ctx)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrNotFound
	}
	i := new(AppInstall)
	err = db.NewSelect().Model(i).Where("state_hash = ?", stateHash).Scan(ctx)
	return i, notFound(err)
}

// SaveAppInstallGrant stores the tokens of a consented install and its
// landing token.
func SaveAppInstallGrant(ctx context.Context, db bun.IDB, i *AppInstall) error {
	_, err := db.NewUpdate().Model(i).Column("account_name", "credentials", "token_expires_at", "landing_hash", "expires_at").WherePK().Exec(ctx)
	return err
}

// PendingAppInstall finds a consented, unexpired, not yet completed install
// by its landing token hash.
func PendingAppInstall(ctx context.Context, db bun.IDB, landingHash string, now time.Time) (*AppInstall, error) {
	i := new(AppInstall)
	err := db.NewSelect().Model(i).Where("landing_hash = ?", landingHash).Where("completed_at IS NULL").
		Where("expires_at > ?", now).Scan(ctx)
	return i, notFound(err)
}

// CompleteAppInstall marks an install completed and erases its tokens (they
// now live on the connection); false when another request completed it
// first.
func CompleteAppInstall(ctx context.Context, db bun.IDB, id string, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*AppInstall)(nil)).Set("completed_at = ?", now).Set("credentials = ''").
		Where("id = ?", id).Where("completed_at IS NULL").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DeleteOldAppInstalls removes installs that expired before cutoff.
func DeleteOldAppInstalls(ctx context.Context, db bun.IDB, cutoff time.Time) (int64, error) {
	res, err := db.NewDelete().Model((*AppInstall)(nil)).Where("expires_at < ?", cutoff).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
