package main

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

// hubProcess is the hub binary running on a fresh database.
type hubProcess struct {
	cmd     *exec.Cmd
	url     string
	cleanup func()
	// stats reads PostgreSQL's counters for the hub's database; nil on SQLite.
	stats func() (dbStats, error)
}

// dbStats are PostgreSQL's cumulative counters for one database.
type dbStats struct {
	// Commits are committed transactions; Rows are rows inserted, updated
	// or deleted.
	Commits, Rows int64
}

// startHub runs bin on a fresh SQLite directory, or a fresh PostgreSQL
// database created through the admin URL pg.
func startHub(bin, pg string) (*hubProcess, error) {
	dir, err := os.MkdirTemp("", "sb-pipeline-")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	dbURL := ""
	var stats func() (dbStats, error)
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
		stats = func() (dbStats, error) {
			var st dbStats
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
		"HUB_DATABASE_URL="+dbURL, "HUB_LOG_LEVEL=error", "HUB_SANDBOX=on", "HUB_PPROF_ADDR="+os.Getenv("PIPELINE_PPROF_ADDR"))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	h := &hubProcess{cmd: cmd, url: "http://" + addr, cleanup: cleanup, stats: stats}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(h.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return h, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	h.stop()
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

// peakRSS is the hub's peak resident memory in MiB (VmHWM).
func (h *hubProcess) peakRSS() float64 {
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

func (h *hubProcess) stop() {
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

// databaseWork reads the database's counters after they settle (PostgreSQL
// publishes them about once a second); zero on SQLite.
func (h *hubProcess) databaseWork() dbStats {
	if h.stats == nil {
		return dbStats{}
	}
	time.Sleep(1500 * time.Millisecond)
	st, err := h.stats()
	check(err)
	return st
}

// since describes the work between two readings, per order.
func (st dbStats) since(before dbStats, orders int) (string, bool) {
	if st.Commits == 0 || orders == 0 {
		return "", false
	}
	n := float64(orders)
	return fmt.Sprintf("%.1f commits, %.1f rows written", float64(st.Commits-before.Commits)/n, float64(st.Rows-before.Rows)/n), true
}
