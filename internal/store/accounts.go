package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// InsertUser adds a user; the email is stored lower-cased.
func InsertUser(ctx context.Context, db bun.IDB, u *User) error {
	u.Email = strings.ToLower(u.Email)
	_, err := db.NewInsert().Model(u).Exec(ctx)
	return err
}

// UserByEmail finds a user by email, case-insensitively.
func UserByEmail(ctx context.Context, db bun.IDB, email string) (*User, error) {
	u := new(User)
	err := db.NewSelect().Model(u).Where("email = ?", strings.ToLower(email)).Scan(ctx)
	return u, notFound(err)
}

// UserByID finds a user.
func UserByID(ctx context.Context, db bun.IDB, id string) (*User, error) {
	u := new(User)
	err := db.NewSelect().Model(u).Where("id = ?", id).Scan(ctx)
	return u, notFound(err)
}

// UsersByIDs reads several users at once.
func UsersByIDs(ctx context.Context, db bun.IDB, ids []string) ([]User, error) {
	var users []User
	if len(ids) == 0 {
		return users, nil
	}
	err := db.NewSelect().Model(&users).Where("id IN (?)", bun.List(ids)).Scan(ctx)
	return users, err
}

// SetOperator grants or withdraws instance-operator rights.
func SetOperator(ctx context.Context, db bun.IDB, userID string, operator bool) error {
	_, err := db.NewUpdate().Model((*User)(nil)).Set("is_operator = ?", operator).Where("id = ?", userID).Exec(ctx)
	return err
}

// InsertAgency adds an agency.
func InsertAgency(ctx context.Context, db bun.IDB, a *Agency) error {
	_, err := db.NewInsert().Model(a).Exec(ctx)
	return err
}

// AgenciesByIDs reads several agencies at once.
func AgenciesByIDs(ctx context.Context, db bun.IDB, ids []string) ([]Agency, error) {
	var agencies []Agency
	if len(ids) == 0 {
		return agencies, nil
	}
	err := db.NewSelect().Model(&agencies).Where("id IN (?)", bun.List(ids)).Scan(ctx)
	return agencies, err
}

// InsertSession adds a browser session.
func InsertSession(ctx context.Context, db bun.IDB, s *Session) error {
	_, err := db.NewInsert().Model(s).Exec(ctx)
	return err
}

// SessionByTokenHash finds an unexpired session by the hash of its token.
func SessionByTokenHash(ctx context.Context, db bun.IDB, hash string, now time.Time) (*Session, error) {
	s := new(Session)
	err := db.NewSelect().Model(s).Where("token_hash = ?", hash).Where("expires_at > ?", now).Scan(ctx)
	return s, notFound(err)
}

// TouchSession records activity and extends the idle expiry.
func TouchSession(ctx context.Context, db bun.IDB, id string, seen, expires time.Time) error {
	_, err := db.NewUpdate().Model((*Session)(nil)).
		Set("last_seen_at = ?", seen).Set("expires_at = ?", expires).
		Where("id = ?", id).Exec(ctx)
	return err
}

// DeleteSession ends a session.
func DeleteSession(ctx context.Context, db bun.IDB, id string) error {
	_, err := db.NewDelete().Model((*Session)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// DeleteExpiredSessions removes sessions past their expiry and reports how many.
func DeleteExpiredSessions(ctx context.Context, db bun.IDB, now time.Time) (int64, error) {
	res, err := db.NewDelete().Model((*Session)(nil)).Where("expires_at <= ?", now).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// SessionExists reports whether a session is still valid at now.
func SessionExists(ctx context.Context, db bun.IDB, id string, now time.Time) (bool, error) {
	return db.NewSelect().Model((*Session)(nil)).Where("id = ?", id).Where("expires_at > ?", now).Exists(ctx)
}
