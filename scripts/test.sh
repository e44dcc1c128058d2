#!/bin/sh
# Runs the CTest tests with a label in each build directory given, all the
# directories at once, and prints each one's output when it has finished,
# then one summary line "N passed, N failed". Exits non-zero if anything
# failed. Usage: test.sh [-L LABEL] BUILD_DIR...  (LABEL: quick, the
# default; long; threads)
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
label=quick
if [ "${1:-}" = "-L" ]; then
    label=${2:?usage: test.sh [-L LABEL] BUILD_DIR...}
    shift 2
fi
[ $# -gt 0 ] || { echo "usage: test.sh [-L LABEL] BUILD_DIR..." >&2; exit 2; }

# Each directory's ctest runs as many tests at once as there are cores
# (KUNDLI_TEST_JOBS overrides): most end-to-end tests wait on sockets and
# timers more than they compute. Tests that assert latency run alone in
# their directory (RUN_SERIAL), and the PostgreSQL ones one at a time
# (RESOURCE_LOCK), as tests/CMakeLists.txt says.
cores=$(nproc)
jobs=${KUNDLI_TEST_JOBS:-$cores}
[ "$jobs" -ge 1 ] || jobs=1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
i=0
pids=""
for dir in "$@"; do
    i=$((i + 1))
    echo "== $label tests in $dir: running"
    ctest --test-dir "$dir" -L "^$label\$" --output-on-failure -j "$jobs" \
        >"$logs/$i.log" 2>&1 &
    pids="$pids $!"
done
for pid in $pids; do
    wait "$pid"
done

passed=0
failed=0
i=0
for dir in "$@"; do
    i=$((i + 1))
    log="$logs/$i.log"
    echo "== $label tests in $dir"
    cat "$log"
    total=$(sed -n 's/.*tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\2/p' "$log")
    bad=$(sed -n 's/.*tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\1/p' "$log")
    if [ -z "$total" ]; then
        echo "test.sh: ctest gave no summary for $dir" >&2
        failed=$((failed + 1))
        continue
    fi
    passed=$((passed + total - bad))
    failed=$((failed + bad))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
