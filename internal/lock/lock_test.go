package lock_test

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/lock"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// exclusive runs 40 goroutines through lockers (spread over them) and
// reports the most that held the same key at once.
func exclusive(t *testing.T, lockers []lock.Locker) int32 {
	var inside, most atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(l lock.Locker) {
			defer wg.Done()
			unlock, err := l.Lock(context.Background(), "refresh:conn-1")
			require.NoError(t, err)
			n := inside.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			inside.Add(-1)
			unlock()
		}(lockers[i%len(lockers)])
	}
	wg.Wait()
	return most.Load()
}

func TestLocalLockIsExclusivePerKey(t *testing.T) {
	l := lock.NewLocal()
	require.EqualValues(t, 1, exclusive(t, []lock.Locker{l}))
	// Other keys do not wait, and a cancelled wait gives up.
	unlock, err := l.Lock(context.Background(), "a")
	require.NoError(t, err)
	other, err := l.Lock(context.Background(), "b")
	require.NoError(t, err)
	other()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = l.Lock(ctx, "a")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	unlock()
}

func TestPostgresLockIsExclusiveAcrossPools(t *testing.T) {
	url := testenv.NewPostgresDatabase(t)
	var lockers []lock.Locker
	for i := 0; i < 2; i++ { // two pools, as two hub processes have
		db, err := sql.Open("pgx", url)
		require.NoError(t, err)
		db.SetMaxOpenConns(3) // fewer connections than waiters
		t.Cleanup(func() { db.Close() })
		lockers = append(lockers, lock.NewPostgres(db))
	}
	require.EqualValues(t, 1, exclusive(t, lockers))
}
