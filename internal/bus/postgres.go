package bus

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"
)

// Channel is the NOTIFY channel every hub process listens on.
const Channel = "switchboard_bus"

// maxPayload is PostgreSQL's NOTIFY payload limit, less a margin.
const maxPayload = 7900

// Postgres is the bus over LISTEN/NOTIFY. One connection per process listens;
// when it drops (the database restarted) pgxlisten connects and listens again.
type Postgres struct {
	db        *sql.DB
	url       string
	log       *slog.Logger
	fan       *fanout
	listening atomic.Bool
}

// NewPostgres returns a bus that publishes through db and listens on a
// dedicated connection to databaseURL once Run is called.
func NewPostgres(db *sql.DB, databaseURL string, log *slog.Logger) *Postgres {
	return &Postgres{db: db, url: databaseURL, log: log, fan: newFanout()}
}

// Run listens until ctx ends, reconnecting after failures.
func (p *Postgres) Run(ctx context.Context) {
	l := &pgxlisten.Listener{
		Connect: func(ctx context.Context) (*pgx.Conn, error) { return pgx.Connect(ctx, p.url) },
		LogError: func(ctx context.Context, err error) {
			p.listening.Store(false)
			if ctx.Err() == nil {
				p.log.Warn("live bus: listener lost its connection; reconnecting", "err", err.Error())
			}
		},
		ReconnectDelay: time.Second,
	}
	l.Handle(Channel, listenHandler{p})
	_ = l.Listen(ctx) // returns only when ctx ends
	p.listening.Store(false)
}

// listenHandler delivers notifications; its backlog hook runs right after
// LISTEN, which is when the bus starts hearing messages.
type listenHandler struct{ p *Postgres }

func (h listenHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	var msg Message
	if err := json.Unmarshal([]byte(n.Payload), &msg); err != nil {
		h.p.log.Warn("live bus: ignoring a malformed message", "err", err.Error())
		return nil
	}
	h.p.fan.deliver(msg)
	return nil
}

// HandleBacklog marks the bus listening: LISTEN has just succeeded.
func (h listenHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	h.p.listening.Store(true)
	return nil
}

// Listening reports whether the listener is connected and listening.
func (p *Postgres) Listening() bool { return p.listening.Load() }

// Publish sends msgs with pg_notify; every process's listener receives them,
// this one's included.
func (p *Postgres) Publish(ctx context.Context, msgs ...Message) error {
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("live bus: encode: %w", err)
		}
		if len(b) > maxPayload {
			return fmt.Errorf("live bus: message on %s is %d bytes, over the %d-byte limit", m.Topic, len(b), maxPayload)
		}
		if _, err := p.db.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, string(b)); err != nil {
			return fmt.Errorf("live bus: publish: %w", err)
		}
	}
	return nil
}

// Subscribe implements Bus.
func (p *Postgres) Subscribe(ctx context.Context, topic string) <-chan Message {
	return p.fan.subscribe(ctx, topic)
}
