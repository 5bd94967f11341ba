package hub

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/jobs"
)

// WebhookReceipt is what storing a delivery did.
type WebhookReceipt struct {
	// Stored events are new; Duplicates were delivered before.
	Stored, Duplicates int
}

// ErrWebhookRefused is a delivery whose signature (or sender) does not
// verify: the HTTP layer answers 401 and nothing was stored.
var ErrWebhookRefused = errors.New("webhook signature does not verify")

// WebhookURL is where the provider sends a connection's webhooks; empty
// for connectors that receive none.
func (s *Service) WebhookURL(row *store.Connection) string {
	c, ok := connectors.Get(row.Connector)
	if _, reads := c.(connectors.WebhookReader); !ok || !reads || row.WebhookToken == nil {
		return ""
	}
	return strings.TrimRight(s.publicURL, "/") + "/webhooks/" + row.Connector + "/" + *row.WebhookToken
}

// ReceiveWebhook stores a delivery to one connection's webhook URL: the
// signature is checked on the raw body first (ErrWebhookRefused, nothing
// stored), then every event is stored unless already known, each with its
// processing job, in one transaction. The caller acknowledges only after
// this returns nil.
func (s *Service) ReceiveWebhook(ctx context.Context, slug, token string, r connectors.WebhookRequest) (WebhookReceipt, error) {
	c, reader, ok := webhookConnector(slug)
	if !ok || token == "" {
		return WebhookReceipt{}, failure.New(failure.NotFound, "no connection receives webhooks here")
	}
	row, err := store.ConnectionByWebhookToken(ctx, s.db, token)
	if errors.Is(err, store.ErrNotFound) || (err == nil && row.Connector != slug) {
		return WebhookReceipt{}, failure.New(failure.NotFound, "no connection receives webhooks here")
	}
	if err != nil {
		return WebhookReceipt{}, fmt.Errorf("find connection: %w", err)
	}
	secret, err := s.webhookSecret(c.Spec(), row)
	if err != nil {
		return WebhookReceipt{}, err
	}
	if err := c.(connectors.WebhookVerifier).VerifyWebhook(r, secret); err != nil {
		s.log.WarnContext(ctx, "webhook refused", "connector", slug, "connection", row.ID, "err", err.Error())
		return WebhookReceipt{}, ErrWebhookRefused
	}
	events, err := reader.ReadWebhook(r)
	if err != nil {
		return WebhookReceipt{}, failure.New(failure.ValidationFailed, "the delivery cannot be read: %s", err.Error())
	}
	for _, e := range events {
		if e.Account != "" && row.ExternalAccount != nil && e.Account != *row.ExternalAccount {
			s.log.WarnContext(ctx, "webhook for another account", "connector", slug, "connection", row.ID)
			return WebhookReceipt{}, ErrWebhookRefused
		}
	}
	return s.storeEvents(ctx, []store.Connection{*row}, events)
}

// ReceiveAppWebhook stores a delivery sent to the app as a whole (Shopify's
// compliance webhooks), signed with the app's client secret: it goes to
// every connection of the account the delivery names. A delivery for an
// account with no connection is acknowledged with nothing stored: nothing
// is held for it.
func (s *Service) ReceiveAppWebhook(ctx context.Context, slug string, r connectors.WebhookRequest) (WebhookReceipt, error) {
	c, reader, ok := webhookConnector(slug)
	app, configured := s.oauthApps[slug]
	if !ok || !configured || c.Spec().AccountField == "" {
		return WebhookReceipt{}, failure.New(failure.NotFound, "this hub receives no %s app webhooks", slug)
	}
	if err := c.(connectors.WebhookVerifier).VerifyWebhook(r, app.ClientSecret); err != nil {
		s.log.WarnContext(ctx, "app webhook refused", "connector", slug, "err", err.Error())
		return WebhookReceipt{}, ErrWebhookRefused
	}
	events, err := reader.ReadWebhook(r)
	if err != nil {
		return WebhookReceipt{}, failure.New(failure.ValidationFailed, "the delivery cannot be read: %s", err.Error())
	}
	var receipt WebhookReceipt
	for _, e := range events {
		if e.Account == "" {
			return receipt, failure.New(failure.ValidationFailed, "the delivery does not name its account")
		}
		conns, err := store.ConnectionsOfAccount(ctx, s.db, slug, e.Account)
		if err != nil {
			return receipt, fmt.Errorf("find connections of the account: %w", err)
		}
		got, err := s.storeEvents(ctx, conns, []connectors.InboundEvent{e})
		if err != nil {
			return receipt, err
		}
		receipt.Stored, receipt.Duplicates = receipt.Stored+got.Stored, receipt.Duplicates+got.Duplicates
	}
	return receipt, nil
}

func webhookConnector(slug string) (connectors.Connector, connectors.WebhookReader, bool) {
	c, ok := connectors.Get(slug)
	if !ok {
		return nil, nil, false
	}
	reader, reads := c.(connectors.WebhookReader)
	_, verifies := c.(connectors.WebhookVerifier)
	return c, reader, reads && verifies
}

// webhookSecret is the key a connection's webhooks are signed with: the
// OAuth app's client secret, or one of the connection's secret fields.
func (s *Service) webhookSecret(spec connectors.Spec, row *store.Connection) (secrets.Secret, error) {
	if spec.WebhookSecret == "" {
		return s.oauthApps[spec.Slug].ClientSecret, nil
	}
	conn, err := s.open(row)
	if err != nil {
		return secrets.Secret{}, err
	}
	return conn.Secrets[spec.WebhookSecret], nil
}

// storeEvents stores each event for each connection, skipping those already
// stored, with one processing job per new event, all in one transaction
// (shared with other deliveries received at the same moment).
func (s *Service) storeEvents(ctx context.Context, conns []store.Connection, events []connectors.InboundEvent) (WebhookReceipt, error) {
	now := s.now()
	var rows []*store.WebhookEvent
	for _, row := range conns {
		for _, e := range events {
			rows = append(rows, &store.WebhookEvent{
				ID: store.NewID(), AgencyID: row.AgencyID, WorkspaceID: row.WorkspaceID, ConnectionID: row.ID,
				Connector: row.Connector, Topic: e.Topic, EventID: e.ID, Payload: string(e.Body), ReceivedAt: now,
			})
		}
	}
	var receipt WebhookReceipt
	if len(rows) == 0 {
		return receipt, nil
	}
	fresh, err := s.events.write(ctx, rows)
	if err != nil {
		return receipt, err
	}
	for _, f := range fresh {
		if f {
			receipt.Stored++
		} else {
			receipt.Duplicates++
		}
	}
	return receipt, nil
}

// queueWebhookSubscription schedules subscribing a connection to its
// provider's webhooks, in the transaction that saves it, for connectors
// that subscribe through the API.
func (s *Service) queueWebhookSubscription(ctx context.Context, tx *txn, row *store.Connection) error {
	c, _ := connectors.Get(row.Connector)
	_, oauth := c.(connectors.WebhookSubscriber)
	_, keyed := c.(connectors.KeyedWebhookSubscriber)
	if !(oauth || keyed) || row.WebhookToken == nil {
		return nil
	}
	if _, err := s.river.InsertTx(ctx, tx.Tx.Tx, jobs.SubscribeWebhooksArgs{ConnectionID: row.ID}, nil); err != nil {
		return fmt.Errorf("queue webhook subscription: %w", err)
	}
	return nil
}

// SubscribeWebhooks registers a connection's webhook URL with its provider
// (the subscribe_webhooks job). A connection that is no longer active is
// skipped.
func (s *Service) SubscribeWebhooks(ctx context.Context, connectionID string) error {
	row, err := store.ConnectionByID(ctx, s.db, connectionID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find connection: %w", err)
	}
	c, _ := connectors.Get(row.Connector)
	if row.Status != store.ConnectionActive || row.WebhookToken == nil {
		return nil
	}
	if keyed, ok := c.(connectors.KeyedWebhookSubscriber); ok {
		conn, _, used, err := s.reach(ctx, row)
		if err == nil {
			err = scrubbed(keyed.SubscribeWebhooksWithKeys(ctx, conn, s.WebhookURL(row)), used)
		}
		if err != nil {
			return fmt.Errorf("subscribe %s webhooks: %w", row.Connector, err)
		}
		s.log.InfoContext(ctx, "webhooks subscribed", "connector", row.Connector, "connection", row.ID)
		return nil
	}
	sub, ok := c.(connectors.WebhookSubscriber)
	if !ok {
		return nil
	}
	token, err := s.AccessToken(ctx, row.ID)
	if err != nil {
		return err
	}
	if err := sub.SubscribeWebhooks(ctx, s.env(s.oauthApps[row.Connector]), row.Config, token, s.WebhookURL(row)); err != nil {
		return fmt.Errorf("subscribe %s webhooks: %w", row.Connector, err)
	}
	s.log.InfoContext(ctx, "webhooks subscribed", "connector", row.Connector, "connection", row.ID)
	return nil
}

// webhookIdentity gives a new connection its webhook URL token and the
// provider account it reaches.
func webhookIdentity(row *store.Connection, spec connectors.Spec) {
	token := auth.NewSecret("")
	row.WebhookToken = &token
	if spec.AccountField != "" {
		if v := row.Config[spec.AccountField]; v != "" {
			row.ExternalAccount = &v
		}
	}
}
