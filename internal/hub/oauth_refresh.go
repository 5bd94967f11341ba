package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// refreshMargin: an access token is refreshed when it has less than this left.
const refreshMargin = 5 * time.Minute

// ErrProviderUnavailable is a refresh that failed for a passing reason
// (timeout, 5xx): the connection stays as it is and the caller retries.
var ErrProviderUnavailable = errors.New("the provider did not answer; try again later")

// AccessToken returns a working access token of an OAuth connection,
// refreshing it first when it expires soon. It is the one way workers get a
// token; it authorizes nothing (callers work for the system on ids they
// were given).
func (s *Service) AccessToken(ctx context.Context, connectionID string) (secrets.Secret, error) {
	row, err := store.ConnectionByID(ctx, s.db, connectionID)
	if err != nil {
		return secrets.Secret{}, notFoundAs(err, "connection")
	}
	if row.Status == store.ConnectionNeedsReauth || row.Status == store.ConnectionDisabled {
		return secrets.Secret{}, failure.New(failure.Conflict, "the connection needs to be connected again")
	}
	if !s.expiresSoon(row) {
		tok, err := s.openTokens(row)
		return secrets.New(tok.AccessToken), err
	}
	return s.refresh(ctx, connectionID, false)
}

// RefreshConnection refreshes an OAuth connection's tokens now (the daily
// refresh and the before-expiry refresh use it).
func (s *Service) RefreshConnection(ctx context.Context, connectionID string) error {
	_, err := s.refresh(ctx, connectionID, true)
	return err
}

// refresh is single-flight per connection across processes: it takes the
// connection's lock, reads the connection again (another process may have
// refreshed meanwhile), and only then asks the provider.
func (s *Service) refresh(ctx context.Context, id string, force bool) (secrets.Secret, error) {
	unlock, err := s.locks.Lock(ctx, "oauth-refresh:"+id)
	if err != nil {
		return secrets.Secret{}, err
	}
	defer unlock()

	row, err := store.ConnectionByID(ctx, s.db, id)
	if err != nil {
		return secrets.Secret{}, notFoundAs(err, "connection")
	}
	if row.Status == store.ConnectionNeedsReauth || row.Status == store.ConnectionDisabled {
		return secrets.Secret{}, failure.New(failure.Conflict, "the connection needs to be connected again")
	}
	tok, err := s.openTokens(row)
	if err != nil {
		return secrets.Secret{}, err
	}
	if !force && !s.expiresSoon(row) {
		return secrets.New(tok.AccessToken), nil // refreshed by someone else while we waited
	}
	c, ok := connectors.Get(row.Connector)
	app, configured := s.oauthApps[row.Connector]
	if !ok || !configured || tok.RefreshToken == "" {
		return secrets.New(tok.AccessToken), nil // nothing to refresh with: the token does not expire
	}
	spec := c.Spec()
	env := s.env(app)
	cfg := oauthConfig(spec, app, env, row.Config, s.redirectURI(spec.Slug))
	src := cfg.TokenSource(context.WithValue(ctx, oauth2.HTTPClient, env.HTTP),
		&oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Unix(1, 0)})
	fresh, err := src.Token()
	ctx = context.WithoutCancel(ctx)
	if err != nil {
		return s.refreshFailed(ctx, row, tok, err)
	}
	next := oauthTokens{AccessToken: fresh.AccessToken, RefreshToken: fresh.RefreshToken}
	if next.RefreshToken == "" {
		next.RefreshToken = tok.RefreshToken // providers that do not rotate keep the old one valid
	}
	now := s.now()
	row.TokenExpiresAt = nil
	if !fresh.Expiry.IsZero() {
		exp := fresh.Expiry.UTC().Truncate(time.Microsecond)
		row.TokenExpiresAt = &exp
	}
	if row.Credentials, err = s.sealTokens(row, next); err != nil {
		return secrets.Secret{}, err
	}
	row.Status, row.LastError, row.LastCheckedAt, row.UpdatedAt = store.ConnectionActive, nil, &now, now
	// The new pair and its expiry are written together, before anyone else
	// may take the lock and read them — even if our caller gives up now: the
	// provider has already used up the old refresh token.
	saved, err := store.SaveRefreshedTokens(context.WithoutCancel(ctx), s.db, row)
	if err != nil {
		return secrets.Secret{}, fmt.Errorf("save refreshed tokens: %w", err)
	}
	if !saved {
		return secrets.Secret{}, failure.New(failure.Conflict, "the connection was disconnected")
	}
	return secrets.New(next.AccessToken), nil
}

// refreshFailed decides what a failed refresh means. invalid_grant with
// the refresh token we hold means the grant is gone: the connection needs
// a new consent (recorded once). Anything else is passing.
func (s *Service) refreshFailed(ctx context.Context, row *store.Connection, held oauthTokens, err error) (secrets.Secret, error) {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || !grantRevoked(row.Connector, re) {
		s.log.WarnContext(ctx, "token refresh failed; will retry", "connection", row.ID, "err", redactOAuthError(err))
		return secrets.Secret{}, ErrProviderUnavailable
	}
	// Did another process rotate the token while the lock was ours? Then the
	// row now holds a newer refresh token and ours was simply used up.
	if latest, err := store.ConnectionByID(ctx, s.db, row.ID); err == nil {
		if cur, err := s.openTokens(latest); err == nil && cur.RefreshToken != held.RefreshToken {
			return secrets.New(cur.AccessToken), nil
		}
	}
	if row.Status == store.ConnectionNeedsReauth {
		return secrets.Secret{}, failure.New(failure.Conflict, "the connection needs to be connected again")
	}
	msg := "the provider no longer accepts this connection's authorization; connect it again"
	t := s.now()
	row.Status, row.LastError, row.LastCheckedAt, row.UpdatedAt = store.ConnectionNeedsReauth, &msg, &t, t
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateConnectionHealth(ctx, tx, row); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(row.WorkspaceID), Data: row.ID})
		return s.record(ctx, tx, change{
			agencyID: row.AgencyID, workspaceID: row.WorkspaceID, action: "connection.needs_reauth", targetType: "Connection", targetID: row.ID,
			summary: fmt.Sprintf("%q lost its authorization at the provider and must be connected again", row.Name),
		})
	})
	if err != nil {
		return secrets.Secret{}, fmt.Errorf("mark needs reauth: %w", err)
	}
	return secrets.Secret{}, failure.New(failure.Conflict, "the connection needs to be connected again")
}

func (s *Service) expiresSoon(row *store.Connection) bool {
	return row.TokenExpiresAt != nil && row.TokenExpiresAt.Before(s.now().Add(refreshMargin))
}

func (s *Service) openTokens(row *store.Connection) (oauthTokens, error) {
	t, err := s.openTokensAt(row.Credentials, row.CredentialsBinding())
	if err != nil {
		return t, fmt.Errorf("connection %s: %w", row.ID, err)
	}
	return t, nil
}

// openTokensAt opens OAuth tokens sealed bound to binding.
func (s *Service) openTokensAt(sealed, binding string) (oauthTokens, error) {
	var t oauthTokens
	plain, err := s.keys.Open(sealed, binding)
	if err != nil {
		return t, fmt.Errorf("open tokens: %w", err)
	}
	if err := json.Unmarshal([]byte(plain.Reveal()), &t); err != nil {
		return t, fmt.Errorf("read tokens: %w", err)
	}
	return t, nil
}

func (s *Service) sealTokens(row *store.Connection, t oauthTokens) (string, error) {
	return s.sealTokensFor(row.CredentialsBinding(), t)
}

// sealTokensFor seals OAuth tokens bound to binding (a connection's or an
// app install's row).
func (s *Service) sealTokensFor(binding string, t oauthTokens) (string, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return "", fmt.Errorf("encode tokens: %w", err)
	}
	return s.keys.Seal(secrets.New(string(b)), binding)
}

// grantRevoked tells a refresh token that is gone for good (OAuth's
// invalid_grant, or the provider's own word for it) from a passing failure.
func grantRevoked(slug string, re *oauth2.RetrieveError) bool {
	if re.ErrorCode == "invalid_grant" {
		return true
	}
	c, ok := connectors.Get(slug)
	d, detects := c.(connectors.GrantRevocationDetector)
	return ok && detects && re.Response != nil && d.GrantRevoked(re.Response.StatusCode, re.Body)
}
