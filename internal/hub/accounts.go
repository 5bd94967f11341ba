package hub

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// Session lifetimes: a session ends after a week without use, and a month
// after sign-in whatever happens.
const (
	sessionIdle     = 7 * 24 * time.Hour
	sessionAbsolute = 30 * 24 * time.Hour
	// touchEvery bounds how often use of a session or token is written.
	touchEvery = time.Minute
)

// SignUpInput creates an agency and its owner.
type SignUpInput struct {
	AgencyName string `json:"agencyName" validate:"required,name,max=80"`
	Name       string `json:"name" validate:"required,name,max=80"`
	Email      string `json:"email" validate:"required,email,max=254"`
	Password   string `json:"password" validate:"required,min=10,max=200"`
}

// SignInInput signs a user in.
type SignInInput struct {
	Email    string `json:"email" validate:"required,max=254"`
	Password string `json:"password" validate:"required,max=200"`
}

// SignUp creates an agency, its owner and a browser session.
func (s *Service) SignUp(ctx context.Context, in SignUpInput, userAgent string) (*auth.Principal, auth.SessionGrant, error) {
	in.AgencyName, in.Name, in.Email = strings.TrimSpace(in.AgencyName), strings.TrimSpace(in.Name), strings.TrimSpace(in.Email)
	if err := s.validate.Check(in); err != nil {
		return nil, auth.SessionGrant{}, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, auth.SessionGrant{}, err
	}
	now := s.now()
	user := &store.User{ID: store.NewID(), Email: in.Email, Name: in.Name, PasswordHash: hash, CreatedAt: now}
	agency := &store.Agency{ID: store.NewID(), Name: in.AgencyName, CreatedAt: now}
	var grant auth.SessionGrant
	var p *auth.Principal
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.InsertUser(ctx, tx, user); err != nil {
			if store.IsUniqueViolation(err, "") {
				return failure.ConflictOn("email", "an account with this email already exists; sign in instead")
			}
			return fmt.Errorf("create user: %w", err)
		}
		if err := store.InsertAgency(ctx, tx, agency); err != nil {
			return fmt.Errorf("create agency: %w", err)
		}
		m := &store.Membership{ID: store.NewID(), AgencyID: agency.ID, UserID: user.ID, Role: auth.Owner, AllWorkspaces: true, CreatedAt: now}
		if err := store.InsertMembership(ctx, tx, m, nil); err != nil {
			return fmt.Errorf("create membership: %w", err)
		}
		var err error
		if grant, err = s.startSession(ctx, tx, user.ID, userAgent); err != nil {
			return err
		}
		p = principalOf(user, auth.BySession)
		return s.record(auth.WithPrincipal(ctx, p), tx, change{
			agencyID: agency.ID, action: "agency.created", targetType: "Agency", targetID: agency.ID,
			summary: fmt.Sprintf("%s created the agency %q", user.Name, agency.Name),
		})
	})
	return p, grant, err
}

// SignIn checks an email and password and starts a browser session.
func (s *Service) SignIn(ctx context.Context, in SignInInput, userAgent string) (*auth.Principal, auth.SessionGrant, error) {
	in.Email = strings.TrimSpace(in.Email)
	if err := s.validate.Check(in); err != nil {
		return nil, auth.SessionGrant{}, err
	}
	if !s.signIns.Allow(in.Email) {
		return nil, auth.SessionGrant{}, failure.New(failure.TooManyRequests, "too many sign-in attempts for this email; wait a minute and try again")
	}
	wrong := failure.New(failure.Unauthenticated, "wrong email or password")
	user, err := store.UserByEmail(ctx, s.db, in.Email)
	if errors.Is(err, store.ErrNotFound) {
		auth.CheckNoPassword(in.Password)
		return nil, auth.SessionGrant{}, wrong
	}
	if err != nil {
		return nil, auth.SessionGrant{}, fmt.Errorf("read user: %w", err)
	}
	ok, err := auth.CheckPassword(user.PasswordHash, in.Password)
	if err != nil {
		return nil, auth.SessionGrant{}, err
	}
	if !ok {
		return nil, auth.SessionGrant{}, wrong
	}
	var grant auth.SessionGrant
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		var err error
		grant, err = s.startSession(ctx, tx, user.ID, userAgent)
		return err
	})
	return principalOf(user, auth.BySession), grant, err
}

// SignOut ends the caller's browser session, if any.
func (s *Service) SignOut(ctx context.Context) error {
	p := auth.FromContext(ctx)
	if p == nil || p.SessionID == "" {
		return nil
	}
	if err := store.DeleteSession(ctx, s.db, p.SessionID); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

func (s *Service) startSession(ctx context.Context, tx *txn, userID, userAgent string) (auth.SessionGrant, error) {
	now := s.now()
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	g := auth.SessionGrant{
		Token:     auth.NewSecret(auth.SessionPrefix),
		CSRFToken: auth.NewSecret(""),
		ExpiresAt: now.Add(sessionIdle),
	}
	sess := &store.Session{
		ID: store.NewID(), TokenHash: auth.HashSecret(g.Token), UserID: userID, CSRFToken: g.CSRFToken,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: g.ExpiresAt, UserAgent: userAgent,
	}
	if err := store.InsertSession(ctx, tx, sess); err != nil {
		return g, fmt.Errorf("create session: %w", err)
	}
	return g, nil
}

func principalOf(u *store.User, m auth.Method) *auth.Principal {
	return &auth.Principal{UserID: u.ID, Email: u.Email, Name: u.Name, IsOperator: u.IsOperator, Method: m}
}

// AuthenticateSession returns the principal of a session cookie and the
// session's CSRF token; UNAUTHENTICATED when the session is unknown or expired.
func (s *Service) AuthenticateSession(ctx context.Context, token string) (*auth.Principal, string, error) {
	now := s.now()
	sess, err := store.SessionByTokenHash(ctx, s.db, auth.HashSecret(token), now)
	if errors.Is(err, store.ErrNotFound) {
		return nil, "", failure.New(failure.Unauthenticated, "your session has expired; sign in again")
	}
	if err != nil {
		return nil, "", fmt.Errorf("read session: %w", err)
	}
	user, err := store.UserByID(ctx, s.db, sess.UserID)
	if err != nil {
		return nil, "", notFoundAs(err, "user")
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		expires := now.Add(sessionIdle)
		if limit := sess.CreatedAt.Add(sessionAbsolute); expires.After(limit) {
			expires = limit
		}
		if err := store.TouchSession(ctx, s.db, sess.ID, now, expires); err != nil {
			s.log.WarnContext(ctx, "touch session", "err", err.Error())
		}
	}
	p := principalOf(user, auth.BySession)
	p.SessionID = sess.ID
	return p, sess.CSRFToken, nil
}

// AuthenticateToken returns the principal of an API token secret.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (*auth.Principal, error) {
	t, err := store.ActiveAPITokenByHash(ctx, s.db, auth.HashSecret(secret))
	if errors.Is(err, store.ErrNotFound) {
		return nil, failure.New(failure.Unauthenticated, "the API token is unknown or revoked")
	}
	if err != nil {
		return nil, fmt.Errorf("read token: %w", err)
	}
	user, err := store.UserByID(ctx, s.db, t.UserID)
	if err != nil {
		return nil, notFoundAs(err, "user")
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > touchEvery {
		if err := store.TouchAPIToken(ctx, s.db, t.ID, now); err != nil {
			s.log.WarnContext(ctx, "touch token", "err", err.Error())
		}
	}
	p := principalOf(user, auth.ByAPIToken)
	p.Token = &auth.TokenGrant{ID: t.ID, Name: t.Name, AgencyID: t.AgencyID, ReadOnly: t.Access == auth.ReadOnly, WorkspaceID: deref(t.WorkspaceID)}
	return p, nil
}

// Viewer is the caller and their memberships.
type Viewer struct {
	Principal   *auth.Principal
	User        *store.User
	Memberships []store.Membership
}

// Viewer returns the caller. An API token only shows its own agency.
func (s *Service) Viewer(ctx context.Context) (*Viewer, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	user, err := store.UserByID(ctx, s.db, p.UserID)
	if err != nil {
		return nil, notFoundAs(err, "user")
	}
	ms, err := store.MembershipsOfUser(ctx, s.db, p.UserID)
	if err != nil {
		return nil, fmt.Errorf("read memberships: %w", err)
	}
	if p.Token != nil {
		kept := ms[:0]
		for _, m := range ms {
			if m.AgencyID == p.Token.AgencyID {
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	return &Viewer{Principal: p, User: user, Memberships: ms}, nil
}

// User returns a user the caller shares an agency with (or the caller).
func (s *Service) User(ctx context.Context, id string) (*store.User, error) {
	v, err := s.Viewer(ctx)
	if err != nil {
		return nil, err
	}
	if id != v.User.ID {
		shared := false
		for _, m := range v.Memberships {
			if _, err := store.MembershipOf(ctx, s.db, m.AgencyID, id); err == nil {
				shared = true
				break
			}
		}
		if !shared {
			return nil, failure.New(failure.NotFound, "user not found")
		}
	}
	return store.UserByID(ctx, s.db, id)
}

// Agency returns an agency the caller belongs to, with their access.
func (s *Service) Agency(ctx context.Context, id string) (*store.Agency, *Access, error) {
	a, err := s.access(ctx, s.db, id)
	if err != nil {
		return nil, nil, err
	}
	agency, err := s.agencyByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return agency, a, nil
}

// AgencyAccess returns the caller's access to an agency.
func (s *Service) AgencyAccess(ctx context.Context, agencyID string) (*Access, error) {
	return s.access(ctx, s.db, agencyID)
}

// agencyByID reads one agency.
func (s *Service) agencyByID(ctx context.Context, id string) (*store.Agency, error) {
	agencies, err := store.AgenciesByIDs(ctx, s.db, []string{id})
	if err != nil {
		return nil, fmt.Errorf("read agency: %w", err)
	}
	if len(agencies) == 0 {
		return nil, failure.New(failure.NotFound, "agency not found")
	}
	return &agencies[0], nil
}
