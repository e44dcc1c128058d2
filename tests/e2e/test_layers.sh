#!/bin/sh
# The layering check (scripts/check_layers.sh) passes on the tree, and fails
# on copies of it with an upward include, a skip without a reason, and an
# engine that reads the environment or the clock: proof that it can fail.
# Usage: test_layers.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
CHECK=scripts/check_layers.sh
DOC=docs/ARCHITECTURE.md
fails=0
checks=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() { # expect RC DESCRIPTION SRC DOC
    sh "$CHECK" "$3" "$4" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -ne "$1" ]; then
        echo "FAIL: $2: check exited $rc, want $1"; cat "$tmp/out"; fails=$((fails + 1))
    else
        checks=$((checks + 1))
    fi
}

fresh() { rm -rf "$tmp/src"; cp -r src "$tmp/src"; cp "$DOC" "$tmp/doc.md"; }

expect 0 "the tree" src "$DOC"

fresh
printf '#include "service/http.h"\n' >>"$tmp/src/engine/zodiac.c"
expect 1 "engine includes service" "$tmp/src" "$tmp/doc.md"

fresh
printf '#include "cli/args.h"\n' >>"$tmp/src/output/chart_json.c"
expect 1 "output includes cli" "$tmp/src" "$tmp/doc.md"

fresh
printf 'static const char *dir(void) { return getenv("TZDIR"); }\n' >>"$tmp/src/engine/tz.c"
expect 1 "engine reads the environment" "$tmp/src" "$tmp/doc.md"

fresh
printf 'static double now(void) { return (double)time(NULL); }\n' >>"$tmp/src/engine/chart.c"
expect 1 "engine reads the clock" "$tmp/src" "$tmp/doc.md"

fresh
sed 's/^| service | 3 | \(.*\) | .* |$/| service | 3 | \1 | |/' "$DOC" >"$tmp/doc.md"
grep -q '^| service | 3 | .* | |$' "$tmp/doc.md" || { echo "FAIL: could not blank the reason"; fails=$((fails + 1)); }
expect 1 "a skip without a reason" "$tmp/src" "$tmp/doc.md"

echo "layers: $checks passed, $fails failed"
[ "$fails" -eq 0 ]
