package hub

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// InstallLife is how long a merchant has, after consenting, to choose the
// workspace the store goes to.
const InstallLife = 30 * time.Minute

// BeginInstall handles a provider's app store sending a merchant to the hub
// (Shopify's App URL): the signed request is verified (a bad signature,
// stale timestamp or invalid shop is refused before anything is written),
// an install state bound to this browser is recorded, and the consent URL
// is returned.
func (s *Service) BeginInstall(ctx context.Context, slug string, q url.Values) (*OAuthStart, error) {
	c, ok := connectors.Get(slug)
	inst, installs := c.(connectors.Installer)
	hooks, isOAuth := c.(connectors.OAuthHooks)
	app, configured := s.oauthApps[slug]
	if !ok || !installs || !isOAuth || !configured {
		return nil, failure.New(failure.NotFound, "this hub has no app store install for %q", slug)
	}
	spec := c.Spec()
	config, err := inst.VerifyInstall(q, app.ClientSecret, s.now())
	if err != nil {
		s.log.WarnContext(ctx, "install request refused", "connector", slug, "err", err.Error())
		return nil, failure.New(failure.Unauthenticated, "the install request did not verify (bad signature, stale timestamp or invalid shop); install again from the app store")
	}
	state, nonce := auth.NewSecret(""), auth.NewSecret("")
	now := s.now()
	row := &store.AppInstall{
		ID: store.NewID(), Connector: slug, Shop: config[spec.AccountField], StateHash: auth.HashSecret(state),
		BrowserHash: auth.HashSecret(nonce), RedirectURI: s.redirectURI(slug), CreatedAt: now, ExpiresAt: now.Add(OAuthStateLife),
	}
	if err := store.InsertAppInstall(ctx, s.db, row); err != nil {
		return nil, fmt.Errorf("record install: %w", err)
	}
	cfg := oauthConfig(spec, app, s.env(app), config, row.RedirectURI)
	url := cfg.AuthCodeURL(state, authParams(hooks.AuthorizeParams(spec.Auth.OAuth2.Scopes))...)
	return &OAuthStart{AuthorizeURL: url, BrowserNonce: nonce}, nil
}

// finishInstall completes the consent of an app store install: the same
// checks as a connection's callback (browser, provider signature, shop),
// then the code is exchanged and the tokens kept, sealed, under a landing
// token that only this browser receives.
func (s *Service) finishInstall(ctx context.Context, slug string, q url.Values, browserNonce string, row *store.AppInstall) (string, error) {
	c, _ := connectors.Get(row.Connector)
	hooks, _ := c.(connectors.OAuthHooks)
	app, configured := s.oauthApps[row.Connector]
	switch {
	case row.Connector != slug:
		return "", failure.New(failure.Forbidden, "this answer belongs to another provider's install")
	case browserNonce == "" || auth.HashSecret(browserNonce) != row.BrowserHash:
		return "", failure.New(failure.Forbidden, "this install was started in another browser; install again here")
	case hooks == nil || !configured:
		return "", failure.New(failure.NotFound, "this provider is not available any more")
	case q.Get("error") != "":
		return "", failure.New(failure.Forbidden, "%s did not grant access (%s); install again from the app store", c.Spec().Name, q.Get("error"))
	}
	spec := c.Spec()
	config := map[string]string{spec.AccountField: row.Shop}
	if err := hooks.VerifyCallback(q, config, app.ClientSecret); err != nil {
		s.log.WarnContext(ctx, "install callback refused", "connector", slug, "err", err.Error())
		return "", failure.New(failure.Forbidden, "the provider's answer did not verify")
	}
	tok, account, problem := s.exchangeCode(ctx, spec, hooks, app, config, row.RedirectURI, "", q.Get("code"))
	if problem != "" {
		return "", failure.New(failure.Conflict, "%s", problem)
	}
	landing := auth.NewSecret("")
	hash := auth.HashSecret(landing)
	var err error
	if row.Credentials, err = s.sealTokensFor(row.CredentialsBinding(), oauthTokens{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}); err != nil {
		return "", err
	}
	if !tok.Expiry.IsZero() {
		exp := tok.Expiry.UTC().Truncate(time.Microsecond)
		row.TokenExpiresAt = &exp
	}
	row.AccountName, row.LandingHash, row.ExpiresAt = account, &hash, s.now().Add(InstallLife)
	if err := store.SaveAppInstallGrant(ctx, s.db, row); err != nil {
		return "", fmt.Errorf("save install: %w", err)
	}
	return "/install/" + landing, nil
}

// PendingInstall is an install waiting for its workspace, with the choices
// the caller has.
type PendingInstall struct {
	Install *store.AppInstall
	// Workspaces the caller may put the store in (connected ones first);
	// ConnectedWorkspaceIDs are those already holding the store.
	Workspaces            []store.Workspace
	ConnectedWorkspaceIDs []string
	// Agencies where the caller may create a workspace.
	Agencies []store.Agency
}

// AppInstall returns the install behind a landing token, or nil when the
// token is unknown, used or expired. Anyone holding the token may read the
// store's name; the choices are the signed-in caller's.
func (s *Service) AppInstall(ctx context.Context, token string) (*PendingInstall, error) {
	inst, err := store.PendingAppInstall(ctx, s.db, auth.HashSecret(token), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read install: %w", err)
	}
	p := &PendingInstall{Install: inst}
	if auth.FromContext(ctx) == nil {
		return p, nil
	}
	v, err := s.Viewer(ctx)
	if err != nil {
		return nil, err
	}
	conns, err := store.ConnectionsOfAccount(ctx, s.db, inst.Connector, inst.Shop)
	if err != nil {
		return nil, fmt.Errorf("find the store's connections: %w", err)
	}
	connected := map[string]bool{}
	for _, c := range conns {
		connected[c.WorkspaceID] = true
	}
	var agencyIDs []string
	for _, m := range v.Memberships {
		a, err := s.access(ctx, s.db, m.AgencyID)
		if err != nil || a.requireWrite() != nil {
			continue
		}
		if a.Manages() {
			agencyIDs = append(agencyIDs, m.AgencyID)
		}
		page, err := store.ListWorkspaces(ctx, s.db, store.WorkspaceFilter{AgencyID: m.AgencyID, OnlyIDs: a.visibleWorkspaceIDs()}, store.PageArgs{First: 100})
		if err != nil {
			return nil, fmt.Errorf("list workspaces: %w", err)
		}
		p.Workspaces = append(p.Workspaces, page.Items...)
	}
	slices.SortStableFunc(p.Workspaces, func(a, b store.Workspace) int {
		switch {
		case connected[a.ID] == connected[b.ID]:
			return 0
		case connected[a.ID]:
			return -1
		}
		return 1
	})
	for _, w := range p.Workspaces {
		if connected[w.ID] {
			p.ConnectedWorkspaceIDs = append(p.ConnectedWorkspaceIDs, w.ID)
		}
	}
	if p.Agencies, err = store.AgenciesByIDs(ctx, s.db, agencyIDs); err != nil {
		return nil, fmt.Errorf("read agencies: %w", err)
	}
	return p, nil
}

// CompleteAppInstallInput places an installed store.
type CompleteAppInstallInput struct {
	Token         string  `json:"token" validate:"required,max=200"`
	WorkspaceID   *string `json:"workspaceId" validate:"required_without=AgencyID,excluded_with=AgencyID"`
	AgencyID      *string `json:"agencyId" validate:"required_without=WorkspaceID"`
	WorkspaceName *string `json:"workspaceName" validate:"omitempty,name,max=80"`
}

// CompleteAppInstall puts an installed store in a workspace of the
// signed-in caller: an existing one with write access (renewing the store's
// connection there if it has one) or a new one in an agency they manage.
// The workspace, the connection, the webhook subscription job and the
// used-up install are written in one transaction.
func (s *Service) CompleteAppInstall(ctx context.Context, in CompleteAppInstallInput) (*store.Workspace, *store.Connection, error) {
	if in.WorkspaceName != nil {
		trimmed := strings.TrimSpace(*in.WorkspaceName)
		in.WorkspaceName = &trimmed
	}
	if err := s.validate.Check(in); err != nil {
		return nil, nil, err
	}
	p := auth.FromContext(ctx)
	if p == nil {
		return nil, nil, failure.New(failure.Unauthenticated, "sign in, sign up or accept an invitation first")
	}
	// Access is checked before the token, so a caller learns nothing about
	// installs from workspaces they cannot write to.
	dest, err := s.installDestination(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	inst, err := store.PendingAppInstall(ctx, s.db, auth.HashSecret(in.Token), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, failure.New(failure.NotFound, "this install link has expired or was already used; install again from the app store")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read install: %w", err)
	}
	c, _ := connectors.Get(inst.Connector)
	spec := c.Spec()
	tokens, err := s.openTokensAt(inst.Credentials, inst.CredentialsBinding())
	if err != nil {
		return nil, nil, err
	}
	w, existing, isNew := dest.workspace, (*store.Connection)(nil), dest.workspace == nil
	if isNew {
		name := inst.AccountName
		if in.WorkspaceName != nil && *in.WorkspaceName != "" {
			name = *in.WorkspaceName
		}
		w = &store.Workspace{ID: store.NewID(), AgencyID: dest.agencyID, Name: name, CreatedAt: s.now()}
	} else if existing, err = s.storeConnectionIn(ctx, inst, w.ID); err != nil {
		return nil, nil, err
	}
	if existing != nil {
		unlock, err := s.locks.Lock(ctx, "oauth-refresh:"+existing.ID)
		if err != nil {
			return nil, nil, err
		}
		defer unlock()
	}
	now := s.now()
	row := existing
	if row == nil {
		row = &store.Connection{
			ID: store.NewID(), AgencyID: w.AgencyID, WorkspaceID: w.ID, Connector: spec.Slug, Name: inst.AccountName,
			Sandbox: s.oauthApps[spec.Slug].Sandbox, Config: map[string]string{spec.AccountField: inst.Shop, accountKey: inst.AccountName},
			SecretFields: []string{}, CreatedBy: &p.UserID, CreatedAt: now,
		}
		webhookIdentity(row, spec)
	}
	row.Status, row.LastError, row.LastCheckedAt, row.UpdatedAt, row.TokenExpiresAt = store.ConnectionActive, nil, &now, now, inst.TokenExpiresAt
	if row.Credentials, err = s.sealTokens(row, tokens); err != nil {
		return nil, nil, err
	}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if isNew {
			if err := store.InsertWorkspace(ctx, tx, w); err != nil {
				if store.IsUniqueViolation(err, store.WorkspaceNameConstraint) {
					return failure.ConflictOn("workspaceName", "another workspace of this agency already has this name")
				}
				return fmt.Errorf("create workspace: %w", err)
			}
			if err := s.record(ctx, tx, change{agencyID: w.AgencyID, workspaceID: w.ID, action: "workspace.created", targetType: "Workspace",
				targetID: w.ID, summary: fmt.Sprintf("created the workspace %q for the installed store %s", w.Name, inst.Shop)}); err != nil {
				return err
			}
		}
		action, summary := "connection.created", fmt.Sprintf("installed %s on %s (%s) from the app store", spec.Name, inst.AccountName, inst.Shop)
		if existing != nil {
			action, summary = "connection.reconnected", fmt.Sprintf("reinstalled %s on %s (%s) from the app store", spec.Name, inst.AccountName, inst.Shop)
			err = store.UpdateConnectionHealth(ctx, tx, row)
		} else {
			err = store.InsertConnection(ctx, tx, row)
			if store.IsUniqueViolation(err, store.ConnectionNameConstraint) {
				return failure.ConflictOn("workspaceId", fmt.Sprintf("this workspace already has a connection named %q; rename it first", row.Name))
			}
		}
		if err != nil {
			return fmt.Errorf("save connection: %w", err)
		}
		if done, err := store.CompleteAppInstall(ctx, tx, inst.ID, now); err != nil || !done {
			if err != nil {
				return fmt.Errorf("complete install: %w", err)
			}
			return failure.New(failure.Conflict, "this install was just completed in another tab")
		}
		if err := s.queueWebhookSubscription(ctx, tx, row); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(row.WorkspaceID), Data: row.ID})
		return s.record(ctx, tx, change{agencyID: row.AgencyID, workspaceID: row.WorkspaceID, action: action,
			targetType: "Connection", targetID: row.ID, summary: summary})
	})
	if err != nil {
		return nil, nil, err
	}
	return w, row, nil
}

// installDest is where a caller may put an installed store: an existing
// workspace, or a new one in agencyID.
type installDest struct {
	workspace *store.Workspace
	agencyID  string
}

// installDestination checks the caller may put a store where they asked.
func (s *Service) installDestination(ctx context.Context, in CompleteAppInstallInput) (installDest, error) {
	if in.WorkspaceID != nil {
		w, a, err := s.workspaceFor(ctx, s.db, *in.WorkspaceID)
		if err != nil {
			return installDest{}, err
		}
		if err := a.requireWrite(); err != nil {
			return installDest{}, err
		}
		if w.ArchivedAt != nil {
			return installDest{}, failure.ConflictOn("workspaceId", "the workspace is archived; restore it or choose another")
		}
		return installDest{workspace: w}, nil
	}
	a, err := s.access(ctx, s.db, *in.AgencyID)
	if err != nil {
		return installDest{}, err
	}
	if err := a.requireManage("create workspaces"); err != nil {
		return installDest{}, err
	}
	return installDest{agencyID: a.AgencyID}, nil
}

// storeConnectionIn finds the installed store's connection in a workspace
// (nil when it has none).
func (s *Service) storeConnectionIn(ctx context.Context, inst *store.AppInstall, workspaceID string) (*store.Connection, error) {
	conns, err := store.ConnectionsOfAccount(ctx, s.db, inst.Connector, inst.Shop)
	if err != nil {
		return nil, fmt.Errorf("find the store's connections: %w", err)
	}
	for i := range conns {
		if conns[i].WorkspaceID == workspaceID {
			return &conns[i], nil
		}
	}
	return nil, nil
}
