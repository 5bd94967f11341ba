// Package harness starts hub binaries on fresh databases and drives them
// over GraphQL, for the benchmark programs under bench/.
package harness

import (
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Hub is the hub binary running on a fresh database.
type Hub struct {
	cmd     *exec.Cmd
	URL     string
	cleanup func()
	// stats reads PostgreSQL's counters for the hub's database; nil on SQLite.
	stats func() (DBStats, error)
}

// DBStats are PostgreSQL's cumulative counters for one database.
type DBStats struct {
	// Commits are committed transactions; Rows are rows inserted, updated
	// or deleted.
	Commits, Rows int64
}

// StartHub runs bin on a fresh SQLite directory, or a fresh PostgreSQL
// database created through the admin URL pg, in sandbox mode, with env
// added to its environment.
func StartHub(bin, pg string, env ...string) (*Hub, error) {
	dir, err := os.MkdirTemp("", "sb-pipeline-")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	dbURL := ""
	var stats func() (DBStats, error)
	if pg != "" {
		admin, err := sql.Open("pgx", pg)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("sbpipeline_%d", os.Getpid())
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			return nil, err
		}
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			return nil, err
		}
		dbURL = withDatabase(pg, name)
		stats = func() (DBStats, error) {
			var st DBStats
			_, _ = admin.Exec("SELECT pg_stat_clear_snapshot()")
			err := admin.QueryRow(`SELECT xact_commit, tup_inserted + tup_updated + tup_deleted
				FROM pg_stat_database WHERE datname = $1`, name).Scan(&st.Commits, &st.Rows)
			return st, err
		}
		prev := cleanup
		cleanup = func() {
			prev()
			_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "HUB_ADDR="+addr, "HUB_PUBLIC_URL=http://"+addr, "HUB_DATA_DIR="+dir,
		"HUB_DATABASE_URL="+dbURL, "HUB_LOG_LEVEL=error", "HUB_SANDBOX=on")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	h := &Hub{cmd: cmd, URL: "http://" + addr, cleanup: cleanup, stats: stats}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(h.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return h, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	h.Stop()
	return nil, fmt.Errorf("the hub did not become ready")
}

func withDatabase(pg, name string) string {
	i := strings.LastIndex(pg, "/")
	rest := ""
	if q := strings.IndexByte(pg[i:], '?'); q >= 0 {
		rest = pg[i+q:]
	}
	return pg[:i+1] + name + rest
}

// PeakRSS is the hub's peak resident memory in MiB (VmHWM).
func (h *Hub) PeakRSS() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", h.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// Stop interrupts the hub, waits for it (killing it after 15 s) and
// drops its database.
func (h *Hub) Stop() {
	_ = h.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = h.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = h.cmd.Process.Kill()
	}
	h.cleanup()
}

// DatabaseWork reads the database's counters after they settle (PostgreSQL
// publishes them about once a second); zero on SQLite.
func (h *Hub) DatabaseWork() DBStats {
	if h.stats == nil {
		return DBStats{}
	}
	time.Sleep(1500 * time.Millisecond)
	st, err := h.stats()
	if err != nil {
		panic(fmt.Sprintf("read database counters: %v", err))
	}
	return st
}

// Since describes the work between two readings, per order.
func (st DBStats) Since(before DBStats, orders int) (string, bool) {
	if st.Commits == 0 || orders == 0 {
		return "", false
	}
	n := float64(orders)
	return fmt.Sprintf("%.1f commits, %.1f rows written", float64(st.Commits-before.Commits)/n, float64(st.Rows-before.Rows)/n), true
}
