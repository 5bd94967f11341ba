package bus_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

func receive(t *testing.T, ch <-chan bus.Message) bus.Message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no message within 10s")
		return bus.Message{}
	}
}

func TestLocalBusDeliversToTopicSubscribersOnly(t *testing.T) {
	b := bus.NewLocal()
	ctx, cancel := context.WithCancel(context.Background())
	a := b.Subscribe(ctx, "a")
	other := b.Subscribe(ctx, "b")
	require.NoError(t, b.Publish(ctx, bus.Message{Topic: "a", Data: "1"}))
	require.Equal(t, "1", receive(t, a).Data)
	select {
	case m := <-other:
		t.Fatalf("topic b got %v", m)
	default:
	}
	cancel()
	_, open := <-a
	for open { // drain until the channel closes
		_, open = <-a
	}
}

func TestPostgresBusCrossesConnectionsAndSurvivesARestart(t *testing.T) {
	url := testenv.NewPostgresDatabase(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Two buses, as two hub processes would have.
	db1, err := sql.Open("pgx", url)
	require.NoError(t, err)
	defer db1.Close()
	db2, err := sql.Open("pgx", url)
	require.NoError(t, err)
	defer db2.Close()
	publisher := bus.NewPostgres(db1, url, log)
	subscriber := bus.NewPostgres(db2, url, log)
	go subscriber.Run(ctx)
	require.Eventually(t, subscriber.Listening, 10*time.Second, 10*time.Millisecond)

	ch := subscriber.Subscribe(ctx, "audit:x")
	require.NoError(t, publisher.Publish(ctx, bus.Message{Topic: "audit:x", Data: "first"}))
	require.Equal(t, "first", receive(t, ch).Data)

	// The database drops the listening connection (as on a restart): the
	// listener connects and listens again.
	_, err = db1.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'listen%'`)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		return publisher.Publish(ctx, bus.Message{Topic: "audit:x", Data: "after"}) == nil && func() bool {
			select {
			case m := <-ch:
				return m.Data == "after"
			case <-time.After(200 * time.Millisecond):
				return false
			}
		}()
	}, 15*time.Second, 50*time.Millisecond, "messages flow again after the listener reconnects")
}

func TestPostgresBusRefusesOversizedMessages(t *testing.T) {
	url := testenv.NewPostgresDatabase(t)
	db, err := sql.Open("pgx", url)
	require.NoError(t, err)
	defer db.Close()
	b := bus.NewPostgres(db, url, slog.New(slog.NewTextHandler(io.Discard, nil)))
	big := make([]byte, 9000)
	for i := range big {
		big[i] = 'x'
	}
	require.ErrorContains(t, b.Publish(context.Background(), bus.Message{Topic: "t", Data: string(big)}), "limit")
}
