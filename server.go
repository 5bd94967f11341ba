// Command switchboard is the Switchboard integration hub: one binary that
// serves the GraphQL API, the admin app and the job workers.
//
//	switchboard [serve]                 start the hub (default)
//	switchboard migrate                 apply database migrations and exit
//	switchboard operator grant EMAIL    let a user open /admin/jobs
//	switchboard operator revoke EMAIL   take that right away
//	switchboard version                 print the version
//
// Configuration comes from HUB_* environment variables (see README.md).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/switchboard-hub/switchboard/internal/app"
	"github.com/switchboard-hub/switchboard/internal/database"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/telemetry"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "switchboard:", err)
		os.Exit(1)
	}
}

const usage = `usage: switchboard [serve | migrate | version | operator grant|revoke EMAIL]`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "switchboard", version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprintln(stdout, usage)
		return nil
	case "serve", "migrate", "operator":
	default:
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}

	cfg, err := app.FromOS()
	if err != nil {
		return err
	}
	log := telemetry.NewLogger(stderr, cfg.Production(), cfg.LogLevel)

	switch cmd {
	case "migrate":
		db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
		if err != nil {
			return err
		}
		defer db.Close()
		report, err := db.Migrate(ctx)
		if err != nil {
			return err
		}
		for _, name := range append(report.Hub, report.River...) {
			fmt.Fprintln(stdout, "applied", name)
		}
		fmt.Fprintf(stdout, "%s schema is up to date\n", db.Dialect)
		return nil
	case "operator":
		return operator(ctx, cfg, args, stdout)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on HUB_ADDR %s: %w", cfg.Addr, err)
	}
	a, err := app.New(ctx, cfg, log, app.Options{})
	if err != nil {
		_ = ln.Close()
		return err
	}
	fmt.Fprintf(stdout, "Switchboard %s is running on %s — open %s/signup to create your agency\n",
		version, databaseName(a.DB.Dialect), cfg.PublicURL)
	return a.Serve(ctx, ln)
}

func databaseName(d database.Dialect) string {
	if d == database.SQLite {
		return "SQLite"
	}
	return "PostgreSQL"
}

// operator grants or revokes the instance-operator right (River UI at
// /admin/jobs). Only someone with shell access to the hub can run it.
func operator(ctx context.Context, cfg app.Config, args []string, stdout io.Writer) error {
	if len(args) != 2 || (args[0] != "grant" && args[0] != "revoke") {
		return errors.New("usage: switchboard operator grant|revoke EMAIL")
	}
	db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	u, err := store.UserByEmail(ctx, db.Bun, args[1])
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no user has the email %q; they must sign up first", args[1])
	}
	if err != nil {
		return err
	}
	if err := store.SetOperator(ctx, db.Bun, u.ID, args[0] == "grant"); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: operator right %sed\n", u.Email, map[string]string{"grant": "grant", "revoke": "revok"}[args[0]])
	return nil
}
