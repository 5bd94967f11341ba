package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// TestMain lets a test start this very binary as a second hub process.
func TestMain(m *testing.M) {
	if os.Getenv("SWITCHBOARD_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// startProcess runs `switchboard serve` in a child process on db and waits
// until it is ready.
func startProcess(t *testing.T, db testenv.Target, extraEnv ...string) (url string, cmd *exec.Cmd, stderr *bytes.Buffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	url = "http://" + addr
	cmd = exec.Command(os.Args[0], "serve")
	cmd.Env = append(os.Environ(), "SWITCHBOARD_TEST_MAIN=1", "HUB_DATABASE_URL="+db.DatabaseURL, "HUB_DATA_DIR="+db.DataDir,
		"HUB_ADDR="+addr, "HUB_PUBLIC_URL="+url, "HUB_SHUTDOWN_TIMEOUT=5s")
	cmd.Env = append(cmd.Env, extraEnv...)
	stderr = &bytes.Buffer{}
	cmd.Stderr = stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return url, cmd, stderr
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("second hub process not ready; its log:\n%s", stderr.String())
	return
}

func TestSubscriberOnASecondProcessSeesAuditEntries(t *testing.T) {
	db := testenv.NewTarget(t, "postgres")
	first := testenv.StartHub(t, db)
	secondURL, second, secondLog := startProcess(t, db)

	owner := first.SignUp(t, "Two Processes")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sock, err := testenv.Dial(ctx, secondURL, testenv.DialOptions{Cookies: owner.Cookies()})
	require.NoError(t, err, "the session made on process 1 works on process 2")
	defer sock.Close()
	require.NoError(t, sock.Subscribe(ctx, `subscription($a: ID!) { auditLogAdded(agencyId: $a) { action summary } }`, map[string]any{"a": owner.AgencyID}))
	time.Sleep(200 * time.Millisecond)

	owner.MustDo(t, `mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "Made on process one"}) { id } }`, map[string]any{"a": owner.AgencyID})
	got, err := sock.NextWhere(ctx, "auditLogAdded.action", "workspace.created")
	require.NoError(t, err)
	require.Equal(t, "workspace.created", got.String("auditLogAdded.action"), "process 2 log:\n%s", secondLog.String())
	require.Contains(t, got.String("auditLogAdded.summary"), "Made on process one")

	// SIGTERM: the process stops taking requests and exits cleanly.
	require.NoError(t, second.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- second.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "clean exit; log:\n%s", secondLog.String())
	case <-time.After(15 * time.Second):
		t.Fatal("the process did not stop within 15s of SIGTERM")
	}
	require.Contains(t, secondLog.String(), "shutting down")
}

func TestSQLiteProcessStartsAndServesTheApp(t *testing.T) {
	db := testenv.NewTarget(t, "sqlite")
	url, _, _ := startProcess(t, db)
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 200, "/": 200, "/agencies/x/members": 200, "/favicon.ico": 404} {
		resp, err := http.Get(url + path)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, want, resp.StatusCode, path)
	}
	resp, err := http.Get(url + "/graphql")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "queries over GET are not served")
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	run := func(args ...string) (string, error) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "SWITCHBOARD_TEST_MAIN=1", "HUB_DATA_DIR="+dir, "HUB_DATABASE_URL=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("version")
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(out, "switchboard "), out)

	out, err = run("migrate")
	require.NoError(t, err, out)
	require.Contains(t, out, "applied")
	out, err = run("migrate")
	require.NoError(t, err, out)
	require.NotContains(t, out, "applied", "a second migrate has nothing to do")

	out, err = run("operator", "grant", "nobody@example.com")
	require.Error(t, err)
	require.Contains(t, out, "sign up first")

	out, err = run("bogus")
	require.Error(t, err)
	require.Contains(t, out, "unknown command")

	cmd := exec.Command(os.Args[0], "serve")
	cmd.Env = append(os.Environ(), "SWITCHBOARD_TEST_MAIN=1", "HUB_ENV=production", "HUB_PUBLIC_URL=", "HUB_DATA_DIR="+dir)
	b, err := cmd.CombinedOutput()
	require.Error(t, err)
	require.Contains(t, string(b), "HUB_PUBLIC_URL is required in production", fmt.Sprint("bad config is refused with the variable's name"))
}
