#!/bin/sh
# The web page in a real browser: starts kundlid on a loopback port with a
# fresh SQLite store and an API key made by `kundlid keys create`, then runs
# web_test.mjs (playwright-core, pinned in package-lock.json, driving
# Debian's chromium headless). Screenshots go to tests/artifacts/ (ignored
# by git). Usage: test_web.sh BUILD_DIR. Ends with "web: N passed, N failed".
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: test_web.sh BUILD_DIR}" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

tmp=$(mktemp -d)
server=""
runner=""
cleanup() {
    [ -n "$runner" ] && kill "$runner" 2>/dev/null
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

fail() {
    echo "test_web: FAIL: $*" >&2
    echo "web: 0 passed, 1 failed"
    exit 1
}

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
    fail "node and npm are needed (Debian: apt-get install nodejs npm; make deps)"
[ -x "$chromium" ] || fail "no browser at $chromium (Debian: apt-get install chromium; make deps)"

# playwright-core, pinned in package-lock.json (npm_ci.sh installs it once).
sh "$here/npm_ci.sh" && [ -f "$here/node_modules/playwright-core/package.json" ] ||
    fail "npm ci failed: is the npm registry reachable?"

db="sqlite:$tmp/kundli.db"
key=$("$build/kundlid" keys create --user web --database-url "$db" 2>/dev/null |
      sed -n 's/.*"key": *"\([^"]*\)".*/\1/p')
[ -n "$key" ] || fail "kundlid keys create gave no key"

"$build/kundlid" --listen 127.0.0.1:0 --database-url "$db" --access-log false \
    >"$tmp/out" 2>"$tmp/err" &
server=$!
port=""
i=0
while [ -z "$port" ] && [ $i -lt 300 ]; do
    kill -0 "$server" 2>/dev/null || fail "kundlid exited: $(cat "$tmp/err")"
    port=$(sed -n '1s/.*"port": *\([0-9]*\).*/\1/p' "$tmp/out")
    [ -n "$port" ] || sleep 0.05
    i=$((i + 1))
done
[ -n "$port" ] || fail "kundlid did not start"

CHROMIUM="$chromium" timeout 60 node "$here/web_test.mjs" "http://127.0.0.1:$port" "$key" \
    "$root/tests/artifacts" &
runner=$!
wait "$runner"
rc=$?
runner=""
exit "$rc"
