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

// InsertWebhookEvent stores an event unless the connection already has one
// with the same provider event id; it reports whether it was new.
func InsertWebhookEvent(ctx context.Context, db bun.IDB, e *WebhookEvent) (bool, error) {
	res, err := db.NewInsert().Model(e).On("CONFLICT (connection_id, event_id) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
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
