package hub

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// ProcessWebhookEvent acts on a stored event (the process_webhook job). It
// is idempotent: an event already processed is skipped. App lifecycle and
// privacy events act here; events about the account's data are recorded as
// received (rules and syncs consume them).
func (s *Service) ProcessWebhookEvent(ctx context.Context, id string) error {
	ev, err := store.WebhookEventByID(ctx, s.db, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil // erased meanwhile (a redaction)
	}
	if err != nil {
		return fmt.Errorf("read webhook event: %w", err)
	}
	if ev.ProcessedAt != nil {
		return nil
	}
	c, _ := connectors.Get(ev.Connector)
	outcome := "received"
	if r, ok := c.(connectors.AppEventReader); ok {
		app, isApp, err := r.AppEvent(ev.Topic, []byte(ev.Payload))
		switch {
		case err != nil:
			outcome = "ignored: " + err.Error()
		case isApp:
			if outcome, err = s.applyAppEvent(ctx, ev, c.Spec(), app); err != nil {
				return err
			}
		}
		if isApp || err != nil {
			return s.markProcessed(ctx, ev, outcome)
		}
	}
	if n, ok := c.(connectors.EventNormalizer); ok {
		events, err := n.Normalize(ev.Topic, []byte(ev.Payload))
		if err != nil {
			return s.markProcessed(ctx, ev, "ignored: "+err.Error())
		}
		if len(events) > 0 {
			if err := s.ingest(ctx, ev, events); err != nil {
				return err
			}
			if changesCustomers(events) {
				return s.startEventSyncs(ctx, ev.WorkspaceID, ev.ConnectionID)
			}
			return nil
		}
		outcome = "received (no event for this topic)"
	}
	return s.markProcessed(ctx, ev, outcome)
}

func (s *Service) markProcessed(ctx context.Context, ev *store.WebhookEvent, outcome string) error {
	if err := store.MarkWebhookEventProcessed(ctx, s.db, ev.ID, outcome, s.now()); err != nil {
		return fmt.Errorf("mark webhook event processed: %w", err)
	}
	return nil
}

// applyAppEvent carries out an uninstall or a privacy request for the
// event's connection and records it in the audit log.
func (s *Service) applyAppEvent(ctx context.Context, ev *store.WebhookEvent, spec connectors.Spec, e connectors.AppEvent) (string, error) {
	switch e.Kind {
	case connectors.AppUninstalled:
		return s.disableUninstalled(ctx, ev, spec)
	case connectors.DataRequest:
		if _, err := strconv.ParseUint(e.CustomerID, 10, 64); err != nil {
			return "ignored: the customer id is not a number", nil
		}
		ids, err := store.WebhookEventsMentioning(ctx, s.db, ev.ConnectionID, e.CustomerID, ev.ID)
		if err != nil {
			return "", fmt.Errorf("find a customer's events: %w", err)
		}
		summary := fmt.Sprintf("%s asked for the data held on customer %s (%s): %d stored events mention them; answer the merchant within 30 days",
			spec.Name, e.CustomerID, e.CustomerEmail, len(ids))
		return summary, s.recordAppEvent(ctx, ev, "privacy.data_requested", summary, nil)
	case connectors.RedactCustomer:
		if _, err := strconv.ParseUint(e.CustomerID, 10, 64); err != nil {
			return "ignored: the customer id is not a number", nil
		}
		var n int
		err := s.recordAppEvent(ctx, ev, "privacy.customer_redacted", "", func(ctx context.Context, tx *txn) (string, error) {
			ids, err := store.WebhookEventsMentioning(ctx, tx, ev.ConnectionID, e.CustomerID, ev.ID)
			if err == nil {
				err = store.DeleteWebhookEvents(ctx, tx, ids)
			}
			if err != nil {
				return "", fmt.Errorf("erase a customer's events: %w", err)
			}
			n = len(ids)
			return fmt.Sprintf("%s asked to erase customer %s: %d stored events erased", spec.Name, e.CustomerID, n), nil
		})
		return fmt.Sprintf("erased %d events", n), err
	case connectors.RedactAccount:
		var n int64
		err := s.recordAppEvent(ctx, ev, "privacy.account_redacted", "", func(ctx context.Context, tx *txn) (string, error) {
			var err error
			if n, err = store.DeleteWebhookEventsOfConnection(ctx, tx, ev.ConnectionID, ev.ID); err != nil {
				return "", fmt.Errorf("erase the account's events: %w", err)
			}
			if err := store.EraseConnectionCredentials(ctx, tx, ev.ConnectionID, s.now()); err != nil {
				return "", fmt.Errorf("erase credentials: %w", err)
			}
			tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(ev.WorkspaceID), Data: ev.ConnectionID})
			return fmt.Sprintf("%s asked to erase the store's data: %d stored events and the credentials erased", spec.Name, n), nil
		})
		return fmt.Sprintf("erased %d events and the credentials", n), err
	}
	return "ignored: unknown app event", nil
}

// recordAppEvent writes an audit entry about the event's connection, after
// running apply (which returns the summary) in the same transaction.
func (s *Service) recordAppEvent(ctx context.Context, ev *store.WebhookEvent, action, summary string, apply func(context.Context, *txn) (string, error)) error {
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if apply != nil {
			var err error
			if summary, err = apply(ctx, tx); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, change{
			agencyID: ev.AgencyID, workspaceID: ev.WorkspaceID, action: action, targetType: "Connection", targetID: ev.ConnectionID,
			summary: summary,
		})
	})
}

// disableUninstalled marks a connection whose app was uninstalled: the
// provider voided its tokens, so they are erased and the connection shows
// DISABLED until the app is installed again.
func (s *Service) disableUninstalled(ctx context.Context, ev *store.WebhookEvent, spec connectors.Spec) (string, error) {
	unlock, err := s.locks.Lock(ctx, "oauth-refresh:"+ev.ConnectionID)
	if err != nil {
		return "", err
	}
	defer unlock()
	row, err := store.ConnectionByID(ctx, s.db, ev.ConnectionID)
	if err != nil {
		return "", fmt.Errorf("find connection: %w", err)
	}
	if row.Status == store.ConnectionDisabled {
		return "already disabled", nil
	}
	problem := "The app was uninstalled from the store; install it again (or reconnect) to resume."
	now := s.now()
	row.Status, row.Credentials, row.TokenExpiresAt, row.LastError, row.UpdatedAt = store.ConnectionDisabled, "", nil, &problem, now
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateConnectionHealth(ctx, tx, row); err != nil {
			return fmt.Errorf("disable connection: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: connectionsTopic(row.WorkspaceID), Data: row.ID})
		return s.record(ctx, tx, change{
			agencyID: row.AgencyID, workspaceID: row.WorkspaceID, action: "connection.uninstalled", targetType: "Connection", targetID: row.ID,
			summary: fmt.Sprintf("%s reported the app uninstalled from %q; the connection is disabled and its tokens erased", spec.Name, row.Name),
		})
	})
	return "connection disabled", err
}

// changesCustomers tells whether events change what a customer sync reads
// (the customer, or its order statistics).
func changesCustomers(events []connectors.Normalized) bool {
	for _, n := range events {
		switch n.Type {
		case "customer.created", "customer.updated", "order.created", "order.paid", "order.cancelled", "refund.created":
			return true
		}
	}
	return false
}
