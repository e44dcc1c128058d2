#!/bin/sh
# ir.sh - the user-space instructions kundlid executes per request, counted by valgrind's
# callgrind: exact and repeatable where a timing on this shared machine moves by ±10 %.
# Each binary serves exactly COUNT requests of SCRIPT on one connection, and once with no
# request for as long (its start, five warm-up charts, timers and stop, subtracted); the births of new_birth are the same for both.
# Usage: bench/ir.sh KUNDLID_A KUNDLID_B   (prints Ir/request of each and B/A)
# Knobs: SCRIPT (new_birth | same_birth, default new_birth), COUNT (1000), THREADS (1: one
# worker, so that libswe's per-thread file cache sees the births in the same order for
# both), A_FLAGS, B_FLAGS (as for bench/ab.sh). Needs valgrind and wrk (apt-get install).
# Every server listens on 127.0.0.1 only and is stopped by the script.
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
A=$1
B=$2
export SCRIPT=${SCRIPT:-new_birth} COUNT=${COUNT:-1000}
THREADS=${THREADS:-1}
OUT=$(mktemp -d /tmp/kundli-ir.XXXXXX)
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# total BIN FLAGS REQUESTS(0|1) -> the instructions of one server's life
total() {
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$OUT/cg" "$1" --listen 127.0.0.1:0 \
        --access-log false --threads "$THREADS" $2 >"$OUT/stdout" 2>"$OUT/stderr" &
    PID=$!
    port=""
    i=0
    while [ -z "$port" ] && [ $i -lt 600 ]; do
        sleep 0.2
        port=$(sed -n '1s/.*"port":\([0-9]*\).*/\1/p' "$OUT/stdout")
        i=$((i + 1))
    done
    [ -n "$port" ] || { echo "ir: $1 did not start" >&2; exit 1; }
    # a few charts first in both runs: what the first request loads (zone files, ephemeris
    # segments, lazily built tables) is not a per-request cost
    for i in 1 2 3 4 5; do
        curl -s -o /dev/null "http://127.0.0.1:$port/v1/kundli?date=2000-01-0$i&time=12:00&tz=Asia/Kolkata&lat=10&lon=70&sections=planets,houses"
    done
    if [ "$3" = 1 ]; then
        t0=$(date +%s)
        timeout 900 wrk -t1 -c1 -d900s --timeout 30s -s bench/count.lua \
            "http://127.0.0.1:$port" -- 1 1 >"$OUT/wrk" 2>&1 || true
        echo $(($(date +%s) - t0)) >"$OUT/seconds"
    else
        # idle as long as the busy run took: what runs on a timer (sweepers, samplers)
        # cancels out too
        sleep "$(cat "$OUT/seconds")"
    fi
    # both runs read /metrics once, so that its cost cancels out
    n=$(curl -s "http://127.0.0.1:$port/metrics" |
        awk '/^request_latency_seconds_count\{endpoint="kundli"\}/ { print $2 }')
    if [ "$3" = 1 ] && [ "${n:-0}" -ne $((COUNT + 5)) ]; then
        echo "ir: $n requests answered, not $COUNT" >&2
        exit 1
    fi
    kill -TERM "$PID"
    wait "$PID" 2>/dev/null || true
    PID=""
    sed -n 's/^summary: //p' "$OUT/cg"
}

per_request() {
    busy=$(total "$1" "$2" 1)
    idle=$(total "$1" "$2" 0)
    echo $(((busy - idle) / COUNT))
}

a=$(per_request "$A" "${A_FLAGS:-}")
b=$(per_request "$B" "${B_FLAGS:-}")
echo "script=$SCRIPT count=$COUNT threads=$THREADS"
echo "A $a instructions/request ($A)"
echo "B $b instructions/request ($B)"
awk -v a="$a" -v b="$b" 'BEGIN { printf "B/A %.3f (%+.1f %%)\n", b / a, (b / a - 1) * 100 }'
