// Command startup measures what the foundation promises about the hub
// process: how long from exec to /readyz answering 200, and the idle
// resident memory, on SQLite and on PostgreSQL.
//
//	go run ./bench/startup -bin bin/switchboard -runs 10 [-pg postgres://…/postgres]
//
// Each run starts the binary on a fresh, empty database (so migrations are
// included) and a second time on the now-migrated one. Figures go to stdout
// as a Markdown table for docs/BENCHMARKS.md.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	bin := flag.String("bin", "bin/switchboard", "the hub binary")
	runs := flag.Int("runs", 10, "starts per case")
	pg := flag.String("pg", os.Getenv("HUB_TEST_DATABASE_URL"), "PostgreSQL admin URL (empty: SQLite only)")
	idle := flag.Duration("idle", 3*time.Second, "how long the hub idles before its RSS is read")
	flag.Parse()

	st, err := os.Stat(*bin)
	check(err)
	fmt.Printf("binary: %s, %.1f MiB\n\n", *bin, float64(st.Size())/(1<<20))
	fmt.Println("| database | start | runs | ready p50 | ready p90 | ready max | idle RSS p50 |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- |")

	report := func(name string, fresh func(i int) (dbURL, dataDir string), reuse bool) {
		var ready, rss []float64
		var warmReady, warmRSS []float64
		for i := 0; i < *runs; i++ {
			dbURL, dir := fresh(i)
			r, m := startOnce(*bin, dbURL, dir, *idle)
			ready, rss = append(ready, r), append(rss, m)
			if reuse {
				r, m = startOnce(*bin, dbURL, dir, *idle)
				warmReady, warmRSS = append(warmReady, r), append(warmRSS, m)
			}
		}
		row(name, "empty database (migrates)", ready, rss)
		if reuse {
			row(name, "migrated database", warmReady, warmRSS)
		}
	}
	report("SQLite", func(int) (string, string) {
		d, err := os.MkdirTemp("", "sb-bench-")
		check(err)
		return "", d
	}, true)
	if *pg != "" {
		admin, err := sql.Open("pgx", *pg)
		check(err)
		defer admin.Close()
		var made []string
		defer func() {
			for _, name := range made {
				_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			}
		}()
		report("PostgreSQL", func(i int) (string, string) {
			name := fmt.Sprintf("sbbench_%d_%d", os.Getpid(), i)
			made = append(made, name)
			_, err := admin.Exec("DROP DATABASE IF EXISTS " + name)
			check(err)
			_, err = admin.Exec("CREATE DATABASE " + name)
			check(err)
			u, err := url.Parse(*pg)
			check(err)
			u.Path = "/" + name
			d, err := os.MkdirTemp("", "sb-bench-")
			check(err)
			return u.String(), d
		}, true)
	}
}

func row(db, start string, ready, rss []float64) {
	sort.Float64s(ready)
	sort.Float64s(rss)
	fmt.Printf("| %s | %s | %d | %.0f ms | %.0f ms | %.0f ms | %.1f MiB |\n", db, start, len(ready),
		pct(ready, 50), pct(ready, 90), ready[len(ready)-1], pct(rss, 50))
}

func pct(sorted []float64, p int) float64 {
	i := (len(sorted)*p+99)/100 - 1
	if i < 0 {
		i = 0
	}
	return sorted[i]
}

// startOnce starts the hub, returns milliseconds to ready and idle RSS in MiB.
func startOnce(bin, dbURL, dataDir string, idle time.Duration) (float64, float64) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	addr := ln.Addr().String()
	check(ln.Close())
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "HUB_ADDR="+addr, "HUB_DATA_DIR="+dataDir, "HUB_DATABASE_URL="+dbURL,
		"HUB_PUBLIC_URL=http://"+addr, "HUB_LOG_LEVEL=warn")
	logf, err := os.Create(filepath.Join(dataDir, "bench.log"))
	check(err)
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	client := &http.Client{Timeout: time.Second}
	start := time.Now()
	check(cmd.Start())
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	var ready time.Duration
	for ready == 0 {
		if time.Since(start) > 30*time.Second {
			check(fmt.Errorf("not ready in 30s; see %s", logf.Name()))
		}
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				ready = time.Since(start)
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	time.Sleep(idle)
	return float64(ready.Microseconds()) / 1000, rssMiB(cmd.Process.Pid)
}

func rssMiB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	check(err)
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, err := strconv.Atoi(f[1])
			check(err)
			return float64(kb) / 1024
		}
	}
	return 0
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup bench:", err)
		os.Exit(1)
	}
}
