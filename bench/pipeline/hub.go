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
	h := &hubProcess{cmd: cmd, url: "http://" + addr, cleanup: cleanup}
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
