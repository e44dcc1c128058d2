#!/bin/sh
# Runs the CTest suite of each build directory given and prints one summary
# line "N passed, N failed". Exits non-zero if anything failed.
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
passed=0
failed=0
for dir in "$@"; do
    echo "== tests in $dir"
    log=$(mktemp)
    ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" 2>&1 | tee "$log"
    total=$(sed -n 's/.*tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\2/p' "$log")
    bad=$(sed -n 's/.*tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\1/p' "$log")
    rm -f "$log"
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
