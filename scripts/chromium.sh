#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (Playwright's
# own browser download cannot work on these machines).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "chromium.sh: installing Debian's chromium package" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
