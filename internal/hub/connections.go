package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// ConnectionValue is one field value entered to connect.
type ConnectionValue struct {
	Name  string `json:"name" validate:"required,max=64"`
	Value string `json:"value" validate:"max=4000"`
}

// CreateConnectionInput connects a workspace with a key-based (or keyless)
// connector.
type CreateConnectionInput struct {
	WorkspaceID string            `json:"workspaceId" validate:"required"`
	Connector   string            `json:"connector" validate:"required,max=40"`
	Name        *string           `json:"name" validate:"omitempty,name,max=80"`
	Values      []ConnectionValue `json:"values" validate:"max=50,dive"`
}

// connectionsTopic is the live-bus topic of a workspace's connections.
func connectionsTopic(workspaceID string) string { return "connections:" + workspaceID }

// CreateConnection checks the values against the connector's Spec and
// against the provider (an SMTP connection sends a test message to the
// caller), then saves the connection with its secrets sealed.
func (s *Service) CreateConnection(ctx context.Context, in CreateConnectionInput) (*store.Connection, error) {
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	c, ok := connectors.Get(in.Connector)
	if !ok {
		return nil, failure.Invalid("connector", "no connector has this slug")
	}
	spec := c.Spec()
	if spec.Auth.Kind == connectors.AuthOAuth2 {
		return nil, failure.Invalid("connector", spec.Name+" connects through OAuth; use startConnection")
	}
	values, err := connectionValues(spec, in.Values)
	if err != nil {
		return nil, err
	}
	w, a, err := s.workspaceFor(ctx, s.db, in.WorkspaceID)
	if err != nil {
		return nil, err
	}
	if err := a.requireWrite(); err != nil {
		return nil, err
	}
	if w.ArchivedAt != nil {
		return nil, failure.New(failure.Conflict, "the workspace is archived; restore it before connecting anything")
	}
	conn := splitValues(spec, values)
	if err := s.check(ctx, c, conn, a.Principal); err != nil {
		return nil, err
	}

	now := s.now()
	name, err := s.connectionName(ctx, w.ID, spec, in.Name, conn.Config)
	if err != nil {
		return nil, err
	}
	row := &store.Connection{
		ID: store.NewID(), AgencyID: w.AgencyID, WorkspaceID: w.ID, Connector: spec.Slug, Name: name,
		Status: store.ConnectionActive, Sandbox: s.oauthApps[spec.Slug].Sandbox && !spec.SelfHosted, Config: conn.Config, SecretFields: secretNames(conn),
		LastCheckedAt: &now, CreatedBy: &a.Principal.UserID, CreatedAt: now, UpdatedAt: now,
	}
	webhookIdentity(row, spec)
	if row.Credentials, err = s.seal(row, conn); err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.InsertConnection(ctx, tx, row); err != nil {
			if store.IsUniqueViolation(err, store.ConnectionNameConstraint) {
				return failure.ConflictOn("name", "another connection of this workspace has this name")
			}
			return fmt.Errorf("create connection: %w", err)
		}
		if err := s.queueWebhookSubscription(ctx, tx, row); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(w.ID), Data: row.ID})
		return s.record(ctx, tx, change{
			agencyID: w.AgencyID, workspaceID: w.ID, action: "connection.created", targetType: "Connection", targetID: row.ID,
			summary: fmt.Sprintf("connected %s (%q) to the workspace %q", spec.Name, name, w.Name),
		})
	})
	if err != nil {
		return nil, err
	}
	return row, nil
}

// TestConnection checks a connection against the provider again and records
// the outcome (ACTIVE, or ERROR with the reason).
func (s *Service) TestConnection(ctx context.Context, id string) (*store.Connection, error) {
	row, a, c, err := s.connectionForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	if row.Status == store.ConnectionDisabled {
		return nil, failure.New(failure.Conflict, "the connection is disconnected; connect it again")
	}
	problem, err := s.probe(ctx, row, c, a)
	if err != nil {
		return nil, err
	}
	if row, err = store.ConnectionByID(ctx, s.db, id); err != nil { // a refresh may have changed it
		return nil, notFoundAs(err, "connection")
	}
	if row.Status == store.ConnectionNeedsReauth {
		return row, nil // recorded, with its alert, by the refresh
	}
	now := s.now()
	row.LastCheckedAt, row.UpdatedAt = &now, now
	row.Status, row.LastError = store.ConnectionActive, nil
	if problem != "" {
		row.Status, row.LastError = store.ConnectionError, &problem
	}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.RecordCheck(ctx, tx, row); err != nil {
			return fmt.Errorf("record check: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(row.WorkspaceID), Data: row.ID})
		return nil
	})
	return row, err
}

// Disconnect disables a connection and erases its credentials.
func (s *Service) Disconnect(ctx context.Context, id string) (*store.Connection, error) {
	row, _, c, err := s.connectionForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	// The refresh lock keeps a refresh in flight from writing tokens back
	// after the credentials are erased.
	unlock, err := s.locks.Lock(ctx, "oauth-refresh:"+row.ID)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if row, err = store.ConnectionByID(ctx, s.db, row.ID); err != nil {
		return nil, notFoundAs(err, "connection")
	}
	if row.Status == store.ConnectionDisabled {
		return row, nil
	}
	revoked := s.revokeAtProvider(ctx, row, c)
	row.Status, row.Credentials, row.SecretFields, row.LastError = store.ConnectionDisabled, "", []string{}, nil
	row.UpdatedAt = s.now()
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateConnectionHealth(ctx, tx, row); err != nil {
			return fmt.Errorf("disconnect: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(row.WorkspaceID), Data: row.ID})
		return s.record(ctx, tx, change{
			agencyID: row.AgencyID, workspaceID: row.WorkspaceID, action: "connection.disconnected", targetType: "Connection", targetID: row.ID,
			summary: fmt.Sprintf("disconnected %s (%q) and erased its credentials%s", c.Spec().Name, row.Name, revoked),
		})
	})
	return row, err
}

// revokeAtProvider ends an OAuth connection's access at the provider when
// its API allows; it never blocks the disconnect. It returns what to add to
// the audit summary.
func (s *Service) revokeAtProvider(ctx context.Context, row *store.Connection, c connectors.Connector) string {
	r, ok := c.(connectors.Revoker)
	if !ok || row.Credentials == "" {
		return ""
	}
	tok, err := s.openTokens(row)
	if err != nil {
		return ""
	}
	if err := r.Revoke(ctx, s.env(s.oauthApps[row.Connector]), row.Config,
		connectors.Tokens{Access: secrets.New(tok.AccessToken), Refresh: secrets.New(tok.RefreshToken)}); err != nil {
		s.log.WarnContext(ctx, "revoke at provider failed", "connector", row.Connector, "err", err.Error())
		return "; " + c.Spec().Name + " could not be told to revoke them"
	}
	return "; " + c.Spec().Name + " revoked its authorization"
}

// Connections lists a workspace's connections.
func (s *Service) Connections(ctx context.Context, workspaceID string) ([]store.Connection, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	rows, err := store.ConnectionsOfWorkspace(ctx, s.db, workspaceID)
	if err != nil {
		return nil, fmt.Errorf("list connections: %w", err)
	}
	return rows, nil
}

// Connection returns a connection the caller may see.
func (s *Service) Connection(ctx context.Context, id string) (*store.Connection, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	row, err := store.ConnectionByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "connection")
	}
	if _, _, err := s.workspaceFor(ctx, s.db, row.WorkspaceID); err != nil {
		return nil, failure.New(failure.NotFound, "connection not found")
	}
	return row, nil
}

// SubscribeConnections streams every change of the workspace's connections.
func (s *Service) SubscribeConnections(ctx context.Context, workspaceID string) (<-chan *store.Connection, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	msgs := s.bus.Subscribe(ctx, connectionsTopic(workspaceID))
	out := make(chan *store.Connection, 16)
	go func() {
		defer close(out)
		for msg := range msgs {
			if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil || !s.principalStillValid(ctx) {
				return // access was taken away
			}
			row, err := store.ConnectionByID(ctx, s.db, msg.Data)
			if err != nil {
				continue
			}
			select {
			case out <- row:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// probe checks a connection with its provider and returns what is wrong
// with it ("" when it works): key-based connectors run their credential
// check; OAuth connectors fetch the account with a fresh token.
func (s *Service) probe(ctx context.Context, row *store.Connection, c connectors.Connector, a *Access) (string, error) {
	spec := c.Spec()
	if hooks, ok := c.(connectors.OAuthHooks); ok && spec.Auth.Kind == connectors.AuthOAuth2 {
		token, err := s.AccessToken(ctx, row.ID)
		switch {
		case failure.Is(err, failure.Conflict):
			return "", nil // the refresh marked it needs_reauth
		case errors.Is(err, ErrProviderUnavailable):
			return spec.Name + " did not answer; try again later", nil
		case err != nil:
			return "", err
		}
		if _, err := hooks.Account(ctx, s.env(s.oauthApps[spec.Slug]), row.Config, token); err != nil {
			s.log.WarnContext(ctx, "connection test failed", "connector", spec.Slug, "err", err.Error())
			return spec.Name + " did not accept the connection's token", nil
		}
		return "", nil
	}
	conn, err := s.open(row)
	if err != nil {
		return "", err
	}
	if cerr := s.check(ctx, c, conn, a.Principal); cerr != nil {
		var f *failure.Error
		if !errors.As(cerr, &f) {
			return "", cerr
		}
		return f.Message, nil
	}
	return "", nil
}

func (s *Service) connectionForWrite(ctx context.Context, id string) (*store.Connection, *Access, connectors.Connector, error) {
	row, err := s.Connection(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	_, a, err := s.workspaceFor(ctx, s.db, row.WorkspaceID)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := a.requireWrite(); err != nil {
		return nil, nil, nil, err
	}
	c, ok := connectors.Get(row.Connector)
	if !ok {
		return nil, nil, nil, failure.New(failure.Conflict, "the connector %q is no longer part of this hub", row.Connector)
	}
	return row, a, c, nil
}

// check runs the connector's credential check, when it has one, and turns
// a CheckError into a VALIDATION_FAILED naming the value at fault.
func (s *Service) check(ctx context.Context, c connectors.Connector, conn connectors.Conn, p *auth.Principal) error {
	checker, ok := c.(connectors.CredentialChecker)
	if !ok {
		return nil
	}
	conn.Env = s.env(s.oauthApps[c.Spec().Slug])
	err := checker.CheckCredentials(ctx, conn, connectors.Probe{Recipient: p.Email, Env: conn.Env})
	if err == nil {
		return nil
	}
	var ce *connectors.CheckError
	if errors.As(err, &ce) {
		if ce.Field == "" {
			return failure.New(failure.ValidationFailed, "%s", ce.Message)
		}
		return valuesFailure(map[string]string{ce.Field: ce.Message})
	}
	s.log.WarnContext(ctx, "connection check failed", "connector", c.Spec().Slug, "err", err.Error())
	return failure.New(failure.ValidationFailed, "%s did not accept the connection", c.Spec().Name)
}

// valuesFailure reports field problems under "values.<field>".
func valuesFailure(problems map[string]string) error {
	fields := map[string]string{}
	names := make([]string, 0, len(problems))
	for name, msg := range problems {
		fields["values."+name] = msg
		names = append(names, name)
	}
	sort.Strings(names)
	return &failure.Error{Code: failure.ValidationFailed, Message: names[0] + ": " + problems[names[0]], Fields: fields}
}

// splitValues separates the secret values from the rest.
func splitValues(spec connectors.Spec, values map[string]string) connectors.Conn {
	conn := connectors.Conn{Config: map[string]string{}, Secrets: map[string]secrets.Secret{}}
	for _, f := range spec.Fields {
		v, ok := values[f.Name]
		if !ok || v == "" {
			if f.Default != "" && f.Type != connectors.Secret {
				conn.Config[f.Name] = f.Default
			}
			continue
		}
		if f.Type == connectors.Secret {
			conn.Secrets[f.Name] = secrets.New(v)
		} else {
			conn.Config[f.Name] = v
		}
	}
	return conn
}

func secretNames(conn connectors.Conn) []string {
	names := make([]string, 0, len(conn.Secrets))
	for name := range conn.Secrets {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// seal encrypts a connection's secrets, bound to its row.
func (s *Service) seal(row *store.Connection, conn connectors.Conn) (string, error) {
	plain := map[string]string{}
	for name, v := range conn.Secrets {
		plain[name] = v.Reveal()
	}
	b, err := json.Marshal(plain)
	if err != nil {
		return "", fmt.Errorf("seal credentials: %w", err)
	}
	return s.keys.Seal(secrets.New(string(b)), row.CredentialsBinding())
}

// open decrypts a connection's secrets.
func (s *Service) open(row *store.Connection) (connectors.Conn, error) {
	conn := connectors.Conn{Config: row.Config, Secrets: map[string]secrets.Secret{}}
	if row.Credentials == "" {
		return conn, nil
	}
	plain, err := s.keys.Open(row.Credentials, row.CredentialsBinding())
	if err != nil {
		return conn, fmt.Errorf("open the credentials of connection %s: %w", row.ID, err)
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(plain.Reveal()), &m); err != nil {
		return conn, fmt.Errorf("read the credentials of connection %s: %w", row.ID, err)
	}
	for k, v := range m {
		conn.Secrets[k] = secrets.New(v)
	}
	return conn, nil
}
