package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// InsertAPIToken adds an API token.
func InsertAPIToken(ctx context.Context, db bun.IDB, t *APIToken) error {
	_, err := db.NewInsert().Model(t).Exec(ctx)
	return err
}

// APITokenByID finds a token.
func APITokenByID(ctx context.Context, db bun.IDB, id string) (*APIToken, error) {
	t := new(APIToken)
	err := db.NewSelect().Model(t).Where("id = ?", id).Scan(ctx)
	return t, notFound(err)
}

// ActiveAPITokenByHash finds an unrevoked token by the hash of its secret.
func ActiveAPITokenByHash(ctx context.Context, db bun.IDB, hash string) (*APIToken, error) {
	t := new(APIToken)
	err := db.NewSelect().Model(t).Where("token_hash = ?", hash).Where("revoked_at IS NULL").Scan(ctx)
	return t, notFound(err)
}

// TokenFilter narrows ListAPITokens.
type TokenFilter struct {
	AgencyID string
	// UserID, when not empty, keeps only that user's tokens.
	UserID         string
	IncludeRevoked bool
}

// ListAPITokens pages through an agency's tokens, newest first.
func ListAPITokens(ctx context.Context, db bun.IDB, f TokenFilter, args PageArgs) (Page[APIToken], error) {
	q := db.NewSelect().Model((*APIToken)(nil)).Where("agency_id = ?", f.AgencyID)
	if f.UserID != "" {
		q = q.Where("user_id = ?", f.UserID)
	}
	if !f.IncludeRevoked {
		q = q.Where("revoked_at IS NULL")
	}
	return paginate[APIToken](ctx, q, args)
}

// RevokeAPIToken revokes a token; false when it was already revoked.
func RevokeAPIToken(ctx context.Context, db bun.IDB, id string, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*APIToken)(nil)).Set("revoked_at = ?", now).
		Where("id = ?", id).Where("revoked_at IS NULL").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RevokeUserAPITokens revokes every token a user made in an agency (when they
// leave it) and reports how many.
func RevokeUserAPITokens(ctx context.Context, db bun.IDB, agencyID, userID string, now time.Time) (int64, error) {
	res, err := db.NewUpdate().Model((*APIToken)(nil)).Set("revoked_at = ?", now).
		Where("agency_id = ?", agencyID).Where("user_id = ?", userID).Where("revoked_at IS NULL").Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// TouchAPIToken records a use of the token.
func TouchAPIToken(ctx context.Context, db bun.IDB, id string, now time.Time) error {
	_, err := db.NewUpdate().Model((*APIToken)(nil)).Set("last_used_at = ?", now).Where("id = ?", id).Exec(ctx)
	return err
}
