#!/bin/sh
# Runs every libFuzzer harness in BUILD_DIR for SECONDS each, starting from
# the committed corpus (fuzz/corpus/<name>) copied into the build directory.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
dir=$1
secs=$2
status=0
for bin in "$dir"/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin" | sed 's/^fuzz_//')
    work="$dir/corpus-$name"
    mkdir -p "$work"
    [ -d "fuzz/corpus/$name" ] && cp -n fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
    echo "== fuzz_$name for ${secs}s"
    if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$dir/" -print_final_stats=1 "$work" 2>"$dir/fuzz_$name.log"; then
        status=1
        tail -40 "$dir/fuzz_$name.log"
    fi
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^Done' "$dir/fuzz_$name.log" || true
done
exit $status
