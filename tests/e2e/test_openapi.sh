#!/bin/sh
# The OpenAPI document: lints docs/openapi.json with Redocly CLI (pinned in
# tests/e2e/package-lock.json, rules in tests/e2e/redocly.yaml), then checks
# it against the code and a running kundlid (openapi_check.py).
# Usage: test_openapi.sh BUILD_DIR. Ends with "openapi: N passed, N failed".
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: test_openapi.sh BUILD_DIR}" && pwd)

# Servers that openapi_check.py starts write their pids here, so that they
# are stopped even if the checker itself is killed.
pidfile=$(mktemp)
checker=""
cleanup() {
    [ -n "$checker" ] && kill "$checker" 2>/dev/null
    while read -r pid; do
        kill "$pid" 2>/dev/null
    done <"$pidfile"
    rm -f "$pidfile"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# 1. The linter, installed from the npm registry when package-lock.json
#    changed since the last install (node_modules/ is not committed).
lint_failed=1
redocly="$here/node_modules/.bin/redocly"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "test_openapi: FAIL: node and npm are needed to lint the document" \
         "(Debian: apt-get install nodejs npm)" >&2
else
    sh "$here/npm_ci.sh" ||
        echo "test_openapi: FAIL: npm ci failed: is the npm registry reachable?" >&2
    if [ -x "$redocly" ]; then
        out=$(mktemp)
        REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1 \
            timeout 60 "$redocly" lint --config "$here/redocly.yaml" --format=stylish \
            "$root/docs/openapi.json" >"$out" 2>&1
        rc=$?
        # Redocly prints a framed notice about Node.js 20; keep the rest.
        grep -v '[╔║╚]' "$out"
        rm -f "$out"
        if [ "$rc" -eq 0 ]; then
            lint_failed=0
        else
            echo "test_openapi: FAIL: redocly lint exited $rc" >&2
        fi
    fi
fi

# 2. The document against the code and the running service.
KUNDLI_PIDFILE="$pidfile" timeout 90 python3 "$here/openapi_check.py" "$build" "$lint_failed" &
checker=$!
wait "$checker"
rc=$?
checker=""
exit "$rc"
