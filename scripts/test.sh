#!/usr/bin/env bash
# Runs every test: Go on SQLite and PostgreSQL, the frontend's unit tests and
# the browser tests against a freshly built binary. See README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

pg_url=$(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop' EXIT
export HUB_TEST_DATABASE_URL="$pg_url"
echo "== PostgreSQL for tests: ${pg_url}"

echo "== Go tests (SQLite and PostgreSQL)"
go vet ./...
go test -count=1 -timeout 15m ./...

echo "== Frontend unit tests"
make --no-print-directory frontend
(cd frontend && npm test)

echo "== Browser tests (Debian Chromium)"
scripts/chromium.sh
make --no-print-directory build
(cd frontend && HUB_BIN="$PWD/../bin/switchboard" npx playwright test)

echo "== all tests passed in $(( $(date +%s) - start ))s"
