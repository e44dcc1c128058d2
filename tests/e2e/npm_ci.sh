#!/bin/sh
# Installs the end-to-end tests' npm tools (tests/e2e/package-lock.json:
# Redocly CLI, playwright-core) from the npm registry, once: under a lock,
# and only when package-lock.json changed since the last install. Tests of
# the release and ASan builds run at the same time; checking outside the
# lock let one `npm ci` wipe node_modules under another test's feet.
# Usage: sh npm_ci.sh (exit 0 when the tools are installed).
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${KUNDLI_NPM_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
    KUNDLI_NPM_LOCKED=1 exec flock "$here/package-lock.json" sh "$here/npm_ci.sh"
fi
stamp="$here/node_modules/.kundli-package-lock.json"
cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null && exit 0
echo "npm ci (tests/e2e/package-lock.json)"
cd "$here" || exit 1
timeout 60 npm ci --no-audit --no-fund --loglevel=error --fetch-timeout=20000 \
    --fetch-retries=1 && cp package-lock.json "$stamp"
