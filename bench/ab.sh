#!/bin/sh
# ab.sh - compares two kundlid binaries under the same wrk load, alternating
# A and B for ROUNDS rounds so that machine noise falls on both alike, and
# prints the median req/s, p99/mean, errors and server CPU time per request of each, and the
# ratios B/A (CPU per request is the steadier figure on a shared machine).
# Usage: bench/ab.sh KUNDLID_A KUNDLID_B
# Knobs (environment): ROUNDS (3), DURATION (10s), SCENARIOS ("new:100 new:1000 same:100",
# each wrk script:connections), A_FLAGS and B_FLAGS (flags for each server; a kundlid with a
# per-address limit needs --max-connections-per-ip 0, since wrk connects from one address).
# Every server listens on 127.0.0.1 only and is killed on exit.
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

A=$1
B=$2
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
SCENARIOS=${SCENARIOS:-"new:100 new:1000 same:100"}
A_FLAGS=${A_FLAGS:-}
B_FLAGS=${B_FLAGS:-}
OUT=$(mktemp -d /tmp/kundli-ab.XXXXXX)
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC3045
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# run BIN FLAGS SCRIPT CONNS SALT -> "req/s p50_ms p99_ms mean_ms non2xx cpu_us_per_request"
run() {
    # shellcheck disable=SC2086
    "$1" --listen 127.0.0.1:0 --access-log false $2 \
        >"$OUT/stdout" 2>"$OUT/stderr" &
    PID=$!
    port=""
    i=0
    while [ -z "$port" ] && [ $i -lt 100 ]; do
        sleep 0.1
        port=$(sed -n '1s/.*"port":\([0-9]*\).*/\1/p' "$OUT/stdout")
        i=$((i + 1))
    done
    [ -n "$port" ] || { echo "ab: $1 did not start" >&2; exit 1; }
    wrk -t2 -c"$4" -d"$DURATION" --latency --timeout 10s -s "bench/$3_birth.lua" \
        "http://127.0.0.1:$port" -- "$5" 2 >"$OUT/wrk" 2>&1 || true
    # the server's CPU time (user + system, clock ticks), less noisy than its rate on a
    # shared machine: what a request costs, not how fast it went
    ticks=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
    kill "$PID"
    wait "$PID" 2>/dev/null || true
    PID=""
    awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                         if (v ~ /s$/) return v * 1000; return v }
        /^ +Latency / && !mean { mean = ms($2) }
        / 50% / { p50 = ms($2) }
        / 99% / { p99 = ms($2) }
        /Non-2xx/ { bad = $NF }
        /^Requests\/sec/ { rps = $2 }
        / requests in / { n = $1 }
        END { printf "%.0f %.1f %.1f %.1f %d %.1f\n", rps, p50, p99, mean, bad,
                     n ? ticks / hz * 1e6 / n : 0 }' "$OUT/wrk"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

salt=1000
echo "scenario conns  A req/s  B req/s  B/A   A p99/mean  B p99/mean  A non-2xx  B non-2xx  A cpu µs/req  B cpu µs/req  B/A"
for sc in $SCENARIOS; do
    script=${sc%%:*}
    conns=${sc##*:}
    : >"$OUT/a"
    : >"$OUT/b"
    r=0
    while [ $r -lt "$ROUNDS" ]; do
        salt=$((salt + 1))
        run "$A" "$A_FLAGS" "$script" "$conns" "$salt" >>"$OUT/a"
        salt=$((salt + 1))
        run "$B" "$B_FLAGS" "$script" "$conns" "$salt" >>"$OUT/b"
        r=$((r + 1))
    done
    ra=$(cut -d' ' -f1 "$OUT/a" | median)
    rb=$(cut -d' ' -f1 "$OUT/b" | median)
    fa=$(awk '{ print $3 / ($4 > 0 ? $4 : 1) }' "$OUT/a" | median)
    fb=$(awk '{ print $3 / ($4 > 0 ? $4 : 1) }' "$OUT/b" | median)
    ea=$(cut -d' ' -f5 "$OUT/a" | median)
    eb=$(cut -d' ' -f5 "$OUT/b" | median)
    ca=$(cut -d' ' -f6 "$OUT/a" | median)
    cb=$(cut -d' ' -f6 "$OUT/b" | median)
    awk -v s="$script" -v c="$conns" -v ra="$ra" -v rb="$rb" -v fa="$fa" -v fb="$fb" \
        -v ea="$ea" -v eb="$eb" -v ca="$ca" -v cb="$cb" \
        'BEGIN { printf "%-8s %5d  %7d  %7d  %.3f  %9.2f  %10.2f  %9d  %9d  %11.1f  %11.1f  %.3f\n",
                 s, c, ra, rb, rb / ra, fa, fb, ea, eb, ca, cb, cb / ca }'
    sed 's/^/  A: /' "$OUT/a"
    sed 's/^/  B: /' "$OUT/b"
done
