package store

import (
	"context"
	"regexp"
	"time"

	"github.com/uptrace/bun"
)

// WebhookEvent is one event a provider delivered to a connection, stored
// raw before anything acts on it.
type WebhookEvent struct {
	bun.BaseModel `bun:"table:webhook_events"`

	ID           string `bun:"id,pk"`
	AgencyID     string `bun:"agency_id,notnull"`
	WorkspaceID  string `bun:"workspace_id,notnull"`
	ConnectionID string `bun:"connection_id,notnull"`
	Connector    string `bun:"connector,notnull"`
	Topic        string `bun:"topic,notnull"`
	// EventID is the provider's id, unique per connection.
	EventID     string     `bun:"event_id,notnull"`
	Payload     string     `bun:"payload,notnull"`
	ReceivedAt  time.Time  `bun:"received_at,notnull"`
	ProcessedAt *time.Time `bun:"processed_at"`
	// Outcome says what processing did, for the event log.
	Outcome *string `bun:"outcome"`
}

// WebhookEventByID finds a stored event.
func WebhookEventByID(ctx context.Context, db bun.IDB, id string) (*WebhookEvent, error) {
	e := new(WebhookEvent)
	err := db.NewSelect().Model(e).Where("id = ?", id).Scan(ctx)
	return e, notFound(err)
}

// MarkWebhookEventProcessed records what processing an event did.
func MarkWebhookEventProcessed(ctx context.Context, db bun.IDB, id, outcome string, at time.Time) error {
	_, err := db.NewUpdate().Model((*WebhookEvent)(nil)).Set("processed_at = ?", at).Set("outcome = ?", outcome).
		Where("id = ?", id).Exec(ctx)
	return err
}

// DeleteWebhookEventsOfConnection erases every stored event of a
// connection but keep (a shop's redaction request, which stays as the
// record of what was done).
func DeleteWebhookEventsOfConnection(ctx context.Context, db bun.IDB, connectionID, keep string) (int64, error) {
	res, err := db.NewDelete().Model((*WebhookEvent)(nil)).Where("connection_id = ?", connectionID).Where("id <> ?", keep).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// WebhookEventsMentioning lists a connection's stored events, but keep,
// that mention a customer's numeric id (as a whole number, not as part of
// a longer one), in a payload or a resource id.
func WebhookEventsMentioning(ctx context.Context, db bun.IDB, connectionID, customerID, keep string) ([]string, error) {
	var rows []WebhookEvent
	err := db.NewSelect().Model(&rows).Column("id", "payload").Where("connection_id = ?", connectionID).
		Where("id <> ?", keep).Where("payload LIKE ?", "%"+customerID+"%").Scan(ctx)
	if err != nil {
		return nil, err
	}
	whole := regexp.MustCompile(`(^|[^0-9])` + regexp.QuoteMeta(customerID) + `([^0-9]|$)`)
	var ids []string
	for _, r := range rows {
		if whole.MatchString(r.Payload) {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
}

// DeleteWebhookEvents erases stored events by id.
func DeleteWebhookEvents(ctx context.Context, db bun.IDB, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := db.NewDelete().Model((*WebhookEvent)(nil)).Where("id IN (?)", bun.List(ids)).Exec(ctx)
	return err
}

// InsertWebhookEvents stores many events in one statement, skipping those
// whose connection already has an event with the same provider event id;
// it returns the ids of the rows it inserted. Rows must not repeat a
// (connection, event id) pair among themselves.
func InsertWebhookEvents(ctx context.Context, db bun.IDB, events []*WebhookEvent) (map[string]bool, error) {
	var ids []string
	if err := db.NewInsert().Model(&events).On("CONFLICT (connection_id, event_id) DO NOTHING").
		Returning("id").Scan(ctx, &ids); err != nil {
		return nil, err
	}
	fresh := make(map[string]bool, len(ids))
	for _, id := range ids {
		fresh[id] = true
	}
	return fresh, nil
}

// UnprocessedWebhookEvents counts a workspace's events received in
// [from, to] that nothing has processed yet.
func UnprocessedWebhookEvents(ctx context.Context, db bun.IDB, workspaceID string, from, to time.Time) (int64, error) {
	return db.NewSelect().Model((*WebhookEvent)(nil)).Where("workspace_id = ?", workspaceID).
		Where("received_at >= ?", from.UTC()).Where("received_at <= ?", to.UTC()).Where("processed_at IS NULL").Count(ctx)
}
