package hub

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/gid"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// accountKey is where an OAuth connection's config remembers which provider
// account it reaches, so a reconnect cannot silently switch accounts.
const accountKey = "account"

// OAuthStateLife is how long a consent may take.
const OAuthStateLife = 10 * time.Minute

// OAuthApp is how the hub reaches one provider: its app there (for OAuth
// providers) and where the provider is (real, or its sandbox).
type OAuthApp struct {
	ClientID     string
	ClientSecret secrets.Secret
	// APIBase, when set, replaces the provider's scheme and host (its
	// sandbox, mounted in the hub, or an emulator elsewhere).
	APIBase string
	// Sandbox marks the provider's emulator: connections made through it
	// are labelled sandbox.
	Sandbox bool
}

// oauthTokens is what a connection's sealed credentials hold for OAuth.
type oauthTokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

// OAuthStart is where to send the browser, and the nonce that binds the
// consent to it (set as a cookie by the HTTP layer).
type OAuthStart struct {
	AuthorizeURL string
	BrowserNonce string
}

// StartConnection begins connecting an OAuth connector: it records a
// single-use state bound to this browser, user, workspace and connector,
// and returns the provider's consent URL.
func (s *Service) StartConnection(ctx context.Context, in CreateConnectionInput) (*OAuthStart, error) {
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	c, ok := connectors.Get(in.Connector)
	if !ok {
		return nil, failure.Invalid("connector", "no connector has this slug")
	}
	spec := c.Spec()
	hooks, isOAuth := c.(connectors.OAuthHooks)
	if spec.Auth.Kind != connectors.AuthOAuth2 || !isOAuth {
		return nil, failure.Invalid("connector", spec.Name+" does not use OAuth; use createConnection")
	}
	values, err := connectionValues(spec, in.Values)
	if err != nil {
		return nil, err
	}
	w, a, err := s.workspaceFor(ctx, s.db, in.WorkspaceID)
	if err != nil {
		return nil, err
	}
	if a.Principal.Token != nil || a.Principal.SessionID == "" {
		return nil, failure.New(failure.Forbidden, "OAuth connections are started from a signed-in browser")
	}
	if err := a.requireWrite(); err != nil {
		return nil, err
	}
	if w.ArchivedAt != nil {
		return nil, failure.New(failure.Conflict, "the workspace is archived; restore it before connecting anything")
	}
	app, configured := s.oauthApps[spec.Slug]
	if !configured {
		return nil, failure.New(failure.Conflict, "this hub has no %s app configured (set HUB_%s_CLIENT_ID and HUB_%s_CLIENT_SECRET, or run in sandbox mode)",
			spec.Name, strings.ToUpper(spec.Slug), strings.ToUpper(spec.Slug))
	}
	conn := splitValues(spec, values)
	name, err := s.connectionName(ctx, w.ID, spec, in.Name, conn.Config)
	if err != nil {
		return nil, err
	}
	return s.beginConsent(ctx, &store.OAuthState{
		UserID: a.Principal.UserID, AgencyID: w.AgencyID, WorkspaceID: w.ID, Connector: spec.Slug,
		Name: name, Config: conn.Config,
	}, spec, hooks, app)
}

// Reconnect asks the provider for a new consent for an OAuth connection
// (after NEEDS_REAUTH, or to renew scopes); the callback renews the same
// connection's tokens instead of creating another.
func (s *Service) Reconnect(ctx context.Context, id string) (*OAuthStart, error) {
	row, a, c, err := s.connectionForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	spec := c.Spec()
	hooks, isOAuth := c.(connectors.OAuthHooks)
	if spec.Auth.Kind != connectors.AuthOAuth2 || !isOAuth {
		return nil, failure.Invalid("id", spec.Name+" connections are renewed by connecting again with new values")
	}
	if a.Principal.Token != nil || a.Principal.SessionID == "" {
		return nil, failure.New(failure.Forbidden, "OAuth connections are renewed from a signed-in browser")
	}
	app, configured := s.oauthApps[spec.Slug]
	if !configured {
		return nil, failure.New(failure.Conflict, "this hub has no %s app configured", spec.Name)
	}
	return s.beginConsent(ctx, &store.OAuthState{
		UserID: a.Principal.UserID, AgencyID: row.AgencyID, WorkspaceID: row.WorkspaceID, Connector: spec.Slug,
		Name: row.Name, Config: row.Config, ConnectionID: &row.ID,
	}, spec, hooks, app)
}

// beginConsent records the single-use state of a consent and returns the
// provider's consent URL with the nonce that binds it to the browser.
func (s *Service) beginConsent(ctx context.Context, row *store.OAuthState, spec connectors.Spec, hooks connectors.OAuthHooks, app OAuthApp) (*OAuthStart, error) {
	state, nonce := auth.NewSecret(""), auth.NewSecret("")
	now := s.now()
	row.ID, row.StateHash, row.BrowserHash = store.NewID(), auth.HashSecret(state), auth.HashSecret(nonce)
	row.RedirectURI, row.CreatedAt, row.ExpiresAt = s.redirectURI(spec.Slug), now, now.Add(OAuthStateLife)
	cfg := oauthConfig(spec, app, s.env(app), row.Config, row.RedirectURI)
	opts := authParams(hooks.AuthorizeParams(spec.Auth.OAuth2.Scopes))
	if spec.Auth.OAuth2.PKCE {
		verifier := oauth2.GenerateVerifier()
		var err error
		if row.PKCEVerifier, err = s.keys.Seal(secrets.New(verifier), "oauth_states.pkce_verifier."+row.ID); err != nil {
			return nil, err
		}
		opts = append(opts, oauth2.S256ChallengeOption(verifier))
	}
	if err := store.InsertOAuthState(ctx, s.db, row); err != nil {
		return nil, fmt.Errorf("record OAuth state: %w", err)
	}
	return &OAuthStart{AuthorizeURL: cfg.AuthCodeURL(state, opts...), BrowserNonce: nonce}, nil
}

// FinishConnection handles the provider's redirect back to the hub: the
// state must be known, unused, unexpired, for this connector, from this
// browser and this user; the provider's own checks must pass; then the code
// is exchanged, the token tried, and the connection saved. It returns where
// to send the browser.
func (s *Service) FinishConnection(ctx context.Context, slug string, q url.Values, browserNonce string) (string, error) {
	now := s.now()
	state := q.Get("state")
	if state == "" {
		return "", failure.New(failure.ValidationFailed, "the provider's answer has no state; start again from the marketplace")
	}
	// Using the state up first makes every later failure final: a replayed
	// or raced callback finds nothing.
	st, err := store.UseOAuthState(ctx, s.db, auth.HashSecret(state), now)
	if errors.Is(err, store.ErrNotFound) {
		if inst, err := store.UseAppInstallState(ctx, s.db, auth.HashSecret(state), now); err == nil {
			return s.finishInstall(ctx, slug, q, browserNonce, inst)
		} else if !errors.Is(err, store.ErrNotFound) {
			return "", fmt.Errorf("read install state: %w", err)
		}
		return "", failure.New(failure.NotFound, "this connection attempt has expired or was already used; start again from the marketplace")
	}
	if err != nil {
		return "", fmt.Errorf("read OAuth state: %w", err)
	}
	back := func(problem string) string {
		return fmt.Sprintf("/agencies/%s/workspaces/%s/connections?error=%s",
			gid.Encode("Agency", st.AgencyID), gid.Encode("Workspace", st.WorkspaceID), url.QueryEscape(problem))
	}
	p := auth.FromContext(ctx)
	switch {
	case st.Connector != slug:
		return "", failure.New(failure.Forbidden, "this answer belongs to another provider's connection attempt")
	case browserNonce == "" || auth.HashSecret(browserNonce) != st.BrowserHash:
		return "", failure.New(failure.Forbidden, "this connection was started in another browser; start again here")
	case p == nil || p.UserID != st.UserID:
		return "", failure.New(failure.Forbidden, "sign in as the user who started this connection")
	}
	if w, a, err := s.workspaceFor(ctx, s.db, st.WorkspaceID); err != nil || a.requireWrite() != nil || w.ArchivedAt != nil {
		return back("you can no longer connect anything to this workspace"), nil
	}
	c, ok := connectors.Get(slug)
	hooks, isOAuth := c.(connectors.OAuthHooks)
	app, configured := s.oauthApps[slug]
	if !ok || !isOAuth || !configured {
		return back("this provider is not available any more"), nil
	}
	if e := q.Get("error"); e != "" {
		return back(c.Spec().Name + " did not grant access (" + e + ")"), nil
	}
	if err := hooks.VerifyCallback(q, st.Config, app.ClientSecret); err != nil {
		s.log.WarnContext(ctx, "oauth callback refused", "connector", slug, "err", err.Error())
		return "", failure.New(failure.Forbidden, "the provider's answer did not verify")
	}
	spec := c.Spec()
	verifier := ""
	if st.PKCEVerifier != "" {
		v, err := s.keys.Open(st.PKCEVerifier, "oauth_states.pkce_verifier."+st.ID)
		if err != nil {
			return "", fmt.Errorf("open PKCE verifier: %w", err)
		}
		verifier = v.Reveal()
	}
	tok, account, problem := s.exchangeCode(ctx, spec, hooks, app, st.Config, st.RedirectURI, verifier, q.Get("code"))
	if problem != "" {
		return back(problem), nil
	}
	save := s.saveOAuthConnection
	if st.ConnectionID != nil {
		save = s.renewOAuthConnection
	}
	row, err := save(ctx, st, spec, app, tok, account)
	if err != nil {
		var f *failure.Error
		if errors.As(err, &f) {
			return back(f.Message), nil
		}
		return "", err
	}
	return fmt.Sprintf("/agencies/%s/workspaces/%s/connections?connected=%s",
		gid.Encode("Agency", st.AgencyID), gid.Encode("Workspace", st.WorkspaceID), gid.Encode("Connection", row.ID)), nil
}

func (s *Service) saveOAuthConnection(ctx context.Context, st *store.OAuthState, spec connectors.Spec, app OAuthApp, tok *oauth2.Token, account string) (*store.Connection, error) {
	now := s.now()
	config := map[string]string{accountKey: account}
	for k, v := range st.Config {
		config[k] = v
	}
	row := &store.Connection{
		ID: store.NewID(), AgencyID: st.AgencyID, WorkspaceID: st.WorkspaceID, Connector: spec.Slug, Name: st.Name,
		Status: store.ConnectionActive, Sandbox: app.Sandbox, Config: config, SecretFields: []string{},
		LastCheckedAt: &now, CreatedBy: &st.UserID, CreatedAt: now, UpdatedAt: now,
	}
	webhookIdentity(row, spec)
	if !tok.Expiry.IsZero() {
		exp := tok.Expiry.UTC().Truncate(time.Microsecond)
		row.TokenExpiresAt = &exp
	}
	var err error
	if row.Credentials, err = s.sealTokens(row, oauthTokens{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}); err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.InsertConnection(ctx, tx, row); err != nil {
			if store.IsUniqueViolation(err, store.ConnectionNameConstraint) {
				return failure.New(failure.Conflict, "another connection of this workspace is already named %q", row.Name)
			}
			return fmt.Errorf("create connection: %w", err)
		}
		if err := s.queueWebhookSubscription(ctx, tx, row); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(row.WorkspaceID), Data: row.ID})
		return s.record(ctx, tx, change{
			agencyID: row.AgencyID, workspaceID: row.WorkspaceID, action: "connection.created", targetType: "Connection", targetID: row.ID,
			summary: fmt.Sprintf("connected %s (%s) through OAuth", spec.Name, account),
		})
	})
	return row, err
}

// renewOAuthConnection puts a reconnect's new tokens on the connection.
func (s *Service) renewOAuthConnection(ctx context.Context, st *store.OAuthState, spec connectors.Spec, _ OAuthApp, tok *oauth2.Token, account string) (*store.Connection, error) {
	unlock, err := s.locks.Lock(ctx, "oauth-refresh:"+*st.ConnectionID)
	if err != nil {
		return nil, err
	}
	defer unlock()
	row, err := store.ConnectionByID(ctx, s.db, *st.ConnectionID)
	if err != nil {
		return nil, failure.New(failure.NotFound, "the connection was deleted meanwhile; connect again from the marketplace")
	}
	if was := row.Config[accountKey]; was != "" && was != account {
		return nil, failure.New(failure.Conflict, "you authorized another %s account (%s); reconnect with %s, or connect %s as a new connection",
			spec.Name, account, was, account)
	}
	now := s.now()
	row.TokenExpiresAt = nil
	if !tok.Expiry.IsZero() {
		exp := tok.Expiry.UTC().Truncate(time.Microsecond)
		row.TokenExpiresAt = &exp
	}
	if row.Credentials, err = s.sealTokens(row, oauthTokens{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}); err != nil {
		return nil, err
	}
	row.Status, row.LastError, row.LastCheckedAt, row.UpdatedAt = store.ConnectionActive, nil, &now, now
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateConnectionHealth(ctx, tx, row); err != nil {
			return fmt.Errorf("renew connection: %w", err)
		}
		if err := s.queueWebhookSubscription(ctx, tx, row); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(row.WorkspaceID), Data: row.ID})
		return s.record(ctx, tx, change{
			agencyID: row.AgencyID, workspaceID: row.WorkspaceID, action: "connection.reconnected", targetType: "Connection", targetID: row.ID,
			summary: fmt.Sprintf("reconnected %s (%s) through OAuth", spec.Name, account),
		})
	})
	return row, err
}

// exchangeCode trades an authorization code for tokens and tries the
// access token on the provider (returning the account's name). On failure
// it logs the reason (never a token or body) and returns what to tell the
// user.
func (s *Service) exchangeCode(ctx context.Context, spec connectors.Spec, hooks connectors.OAuthHooks, app OAuthApp,
	config map[string]string, redirectURI, verifier, code string) (*oauth2.Token, string, string) {
	env := s.env(app)
	cfg := oauthConfig(spec, app, env, config, redirectURI)
	var opts []oauth2.AuthCodeOption
	for k, v := range hooks.ExchangeParams() {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	if verifier != "" {
		opts = append(opts, oauth2.VerifierOption(verifier))
	}
	tok, err := cfg.Exchange(context.WithValue(ctx, oauth2.HTTPClient, env.HTTP), code, opts...)
	if err != nil {
		s.log.WarnContext(ctx, "oauth code exchange failed", "connector", spec.Slug, "err", redactOAuthError(err))
		return nil, "", spec.Name + " refused the authorization; try connecting again"
	}
	account, err := hooks.Account(ctx, env, config, secrets.New(tok.AccessToken))
	if err != nil {
		s.log.WarnContext(ctx, "oauth token check failed", "connector", spec.Slug, "err", err.Error())
		return nil, "", "the new " + spec.Name + " token did not work; try connecting again"
	}
	return tok, account, ""
}

// redirectURI is the one exact redirect URI registered for a provider.
func (s *Service) redirectURI(slug string) string {
	return strings.TrimRight(s.publicURL, "/") + "/oauth/" + slug + "/callback"
}

func (s *Service) env(app OAuthApp) connectors.Env {
	return connectors.Env{HTTP: s.http, Dial: s.egress.DialContext, SandboxBase: app.APIBase}
}

func oauthConfig(spec connectors.Spec, app OAuthApp, env connectors.Env, config map[string]string, redirect string) *oauth2.Config {
	o := spec.Auth.OAuth2
	return &oauth2.Config{
		ClientID: app.ClientID, ClientSecret: app.ClientSecret.Reveal(), RedirectURL: redirect,
		Endpoint: oauth2.Endpoint{
			AuthURL: env.ResolveURL(o.AuthorizeURL, config), TokenURL: env.ResolveURL(o.TokenURL, config),
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
}

// authParams turns the connector's consent parameters into x/oauth2 options;
// the scope parameter is always among them (providers differ on separators).
func authParams(params map[string]string) []oauth2.AuthCodeOption {
	opts := make([]oauth2.AuthCodeOption, 0, len(params))
	for k, v := range params {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	return opts
}

// redactOAuthError keeps an exchange error's OAuth error code, never the body.
func redactOAuthError(err error) string {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return fmt.Sprintf("status %d, error %q", re.Response.StatusCode, re.ErrorCode)
	}
	return err.Error()
}

// connectionValues checks a connect input's values against the Spec.
func connectionValues(spec connectors.Spec, in []ConnectionValue) (map[string]string, error) {
	values := map[string]string{}
	for _, v := range in {
		if _, dup := values[v.Name]; dup {
			return nil, failure.Invalid("values."+v.Name, "is given twice")
		}
		values[v.Name] = strings.TrimSpace(v.Value)
	}
	if fieldErrs := connectors.ValidateValues(spec.Fields, values); fieldErrs != nil {
		return nil, valuesFailure(fieldErrs)
	}
	return values, nil
}

// connectionName is the name a user gave a new connection or, when none,
// one free in the workspace: the connector's name ("Shopify"), then with
// the account it reaches ("Shopify · second.myshopify.com"), then numbered
// ("Shopify 2"), so a second store of the same kind connects without
// asking for a name.
func (s *Service) connectionName(ctx context.Context, workspaceID string, spec connectors.Spec, name *string, config map[string]string) (string, error) {
	if name != nil && strings.TrimSpace(*name) != "" {
		return strings.TrimSpace(*name), nil
	}
	rows, err := store.ConnectionsOfWorkspace(ctx, s.db, workspaceID)
	if err != nil {
		return "", fmt.Errorf("read connections: %w", err)
	}
	taken := map[string]bool{}
	for _, r := range rows {
		taken[r.Name] = true
	}
	candidates := []string{spec.Name}
	if account := strings.TrimSpace(config[spec.AccountField]); account != "" {
		candidates = append(candidates, spec.Name+" · "+account)
	}
	for _, c := range candidates {
		if !taken[c] {
			return c, nil
		}
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s %d", spec.Name, n); !taken[c] {
			return c, nil
		}
	}
}
