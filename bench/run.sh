#!/bin/sh
# run.sh - `make bench`: kundlid against the seed's FastAPI stack (bench/seed_app.py) with
# wrk on this machine, plus `kundli bench` for the engine-only rate. Prints a summary table
# and writes it as Markdown to bench/out/ (see bench/README.md for knobs and method).
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu

cd "$(dirname "$0")/.."

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-"100 1000"}
BATCH_CONNECTIONS=${BATCH_CONNECTIONS:-$CONNECTIONS}
SCENARIOS=${SCENARIOS:-"new same batch paced_new paced_same"}
THINK_MS=${THINK_MS:-400}
SERVERS=${SERVERS:-"kundlid seed"}
WRK_THREADS=${WRK_THREADS:-2}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
ACCESS_LOG=${ACCESS_LOG:-false}
CACHE_MB=${CACHE_MB:-64}
BENCH_N=${BENCH_N:-20000}
BIN=${BIN:-build/release}
PY=/usr/bin/python3 # Debian's python3-fastapi lives in /usr/lib/python3/dist-packages

REF_QUERY="date=1996-12-07&time=10:34&tz=Asia/Kolkata&lat=13.0878&lon=80.2785&sections=planets,houses"

die() {
    echo "bench: $*" >&2
    exit 1
}

# --- dependencies: only through scripts/deps.sh (with the seed's packages) ---------------
sh scripts/deps.sh python3-fastapi python3-uvicorn
if [ ! -x "$BIN/kundlid" ] || [ ! -x "$BIN/kundli" ]; then
    die "$BIN/kundlid or $BIN/kundli missing: run make build"
fi

# wrk and the servers each hold one descriptor per connection (dash and bash have -n, -H).
# shellcheck disable=SC3045
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# shellcheck disable=SC3045
NOFILE=$(ulimit -n)
[ "$NOFILE" = unlimited ] || [ "$NOFILE" -ge 4096 ] ||
    die "open-file limit $NOFILE is too low for 1000 connections"

case $DURATION in
*m) SECS=$((${DURATION%m} * 60)) ;;
*s) SECS=${DURATION%s} ;;
*) SECS=$DURATION ;;
esac
[ "$SECS" -ge 2 ] 2>/dev/null || die "DURATION must be at least 2s (got $DURATION)"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/out/$STAMP
mkdir -p "$OUT"
TSV=$OUT/results.tsv
MD=bench/out/$STAMP.md
: >"$TSV"
TICKS=$(getconf CLK_TCK)
NCPU=$(nproc)

# --- servers --------------------------------------------------------------------------
KPID=""
SPID=""
WPID=""
NAP=""
cleanup() {
    for p in $NAP $WPID $KPID $SPID; do
        kill "$p" 2>/dev/null || true
    done
    for p in $KPID $SPID; do
        wait "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

has() {
    case " $1 " in *" $2 "*) return 0 ;; esac
    return 1
}

# Each wrk run gets a freshly started server, so that no run inherits another's memory,
# cache or backlog. $1 names the logs.
KPORT=""
SPORT=""
start_kundlid() {
    # wrk's connections all come from 127.0.0.1: lift the per-address limit.
    "$BIN/kundlid" --listen 127.0.0.1:0 --access-log "$ACCESS_LOG" --cache-mb "$CACHE_MB" \
        --max-connections-per-ip 0 --drain-seconds 2 >"$OUT/kundlid-$1.stdout" 2>"$OUT/kundlid-$1.stderr" &
    KPID=$!
    KPORT=""
    i=0
    while [ -z "$KPORT" ] && [ $i -lt 100 ]; do
        sleep 0.1
        KPORT=$(sed -n '1s/.*"port":\([0-9]*\).*/\1/p' "$OUT/kundlid-$1.stdout")
        i=$((i + 1))
    done
    [ -n "$KPORT" ] || die "kundlid did not start: $(cat "$OUT/kundlid-$1.stderr")"
}
start_seed() {
    SPORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    $PY -m uvicorn bench.seed_app:app --workers 2 --host 127.0.0.1 --port "$SPORT" \
        --log-level warning >"$OUT/seed-$1.log" 2>&1 &
    SPID=$!
    i=0
    until curl -sf -o /dev/null "http://127.0.0.1:$SPORT/v1/kundli?$REF_QUERY"; do
        [ $i -lt 150 ] || die "the seed app did not start: $(tail -5 "$OUT/seed-$1.log")"
        kill -0 "$SPID" 2>/dev/null || die "the seed app exited: $(tail -5 "$OUT/seed-$1.log")"
        sleep 0.1
        i=$((i + 1))
    done
}
stop_servers() {
    for p in $KPID $SPID; do
        kill "$p" 2>/dev/null || true
    done
    for p in $KPID $SPID; do
        wait "$p" 2>/dev/null || true
    done
    KPID=""
    SPID=""
}

# --- sanity: both compute the same D1 chart ---------------------------------------------
if has "$SERVERS" kundlid && has "$SERVERS" seed; then
    start_kundlid sanity
    start_seed sanity
    curl -sf -o "$OUT/ref-kundlid.json" "http://127.0.0.1:$KPORT/v1/kundli?$REF_QUERY" ||
        die "kundlid did not answer the reference birth"
    curl -sf -o "$OUT/ref-seed.json" "http://127.0.0.1:$SPORT/v1/kundli?$REF_QUERY" ||
        die "the seed did not answer the reference birth"
    $PY - "$OUT/ref-kundlid.json" "$OUT/ref-seed.json" <<'EOF' || die "SANITY CHECK FAILED: the seed does not compute kundlid's D1 chart; its figures would mean nothing"
import json, sys
k, s = (json.load(open(f)) for f in sys.argv[1:3])
def arcsec(a, b):
    return abs((a - b + 180) % 360 - 180) * 3600
bad = []
pairs = [("Ascendant", k["ascendant"], s["ascendant"])]
sp = {p["name"]: p for p in s["planets"]}
pairs += [(p["name"], p, sp.get(p["name"], {})) for p in k["planets"]]
for name, a, b in pairs:
    if "longitude" not in b:
        bad.append(name + " missing in the seed")
        continue
    d = arcsec(a["longitude"], b["longitude"])
    if d > 1.0:
        bad.append("%s longitude differs by %.3f arcsec" % (name, d))
    for f in ("sign", "nakshatra", "pada"):
        if a[f] != b[f]:
            bad.append("%s %s: kundlid %s, seed %s" % (name, f, a[f], b[f]))
    if name != "Ascendant" and a["house"] != b["house"]:
        bad.append("%s house: kundlid %s, seed %s" % (name, a["house"], b["house"]))
moon = arcsec(k["planets"][1]["longitude"], s["planets"][1]["longitude"])
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
print("bench: sanity check passed: Moon differs by %.4f arcsec, all 9 grahas and the lagna "
      "within 1 arcsec, same signs, nakshatras, padas and houses" % moon)
EOF
    stop_servers
fi

# --- engine-only rate -------------------------------------------------------------------
engine_rate() {
    "$BIN/kundli" bench --n "$BENCH_N" --threads 2 --sections planets,houses >"$OUT/engine-$1.txt" ||
        die "kundli bench failed"
    sed -n 's/^ *charts\/s (compute + JSON) *\([0-9.]*\).*/\1/p' "$OUT/engine-$1.txt"
}
echo "bench: kundli bench --n $BENCH_N --threads 2 --sections planets,houses" >&2
ENGINE_BEFORE=$(engine_rate before)
echo "bench: engine-only $ENGINE_BEFORE charts/s" >&2

# --- wrk runs ---------------------------------------------------------------------------
cpu_busy() { # machine-wide user + nice + system ticks (interrupts are nobody's)
    awk '/^cpu /{print $2 + $3 + $4; exit}' /proc/stat
}
proc_ticks() { # utime + stime of the given pids
    t=0
    for p in "$@"; do
        v=$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || echo 0)
        t=$((t + ${v:-0}))
    done
    echo "$t"
}
proc_kib() { # summed VmRSS (or VmHWM) of the given pids
    field=$1
    shift
    t=0
    for p in "$@"; do
        v=$(awk -v f="$field:" '$1 == f {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        t=$((t + ${v:-0}))
    done
    echo "$t"
}
# Waits until the server stops working on requests that wrk abandoned (a closed connection
# does not cancel a queued request); prints the seconds that took, at most 180.
quiesce() {
    waited=0
    # shellcheck disable=SC2046
    t0=$(proc_ticks $(server_pids "$1"))
    while [ "$waited" -lt 180 ]; do
        sleep 1
        waited=$((waited + 1))
        # shellcheck disable=SC2046
        t1=$(proc_ticks $(server_pids "$1"))
        [ $((t1 - t0)) -gt $((TICKS / 20)) ] || break
        t0=$t1
    done
    echo $((waited - 1))
}

server_pids() {
    if [ "$1" = kundlid ]; then
        echo "$KPID"
    else
        echo "$SPID $(ps -o pid= --ppid "$SPID" | tr '\n' ' ')"
    fi
}

SLOT=0
run_wrk() {
    srv=$1 sc=$2 conns=$3
    if [ "$srv" = kundlid ]; then
        start_kundlid "$sc-c$conns"
        port=$KPORT
    else
        start_seed "$sc-c$conns"
        port=$SPORT
    fi
    items=1
    think=0
    case $sc in
    new) script=bench/new_birth.lua ;;
    same) script=bench/same_birth.lua ;;
    batch) script=bench/batch.lua items=100 ;;
    paced_new) script=bench/new_birth.lua think=$THINK_MS ;;
    paced_same) script=bench/same_birth.lua think=$THINK_MS ;;
    *) die "unknown scenario $sc (use new, same, batch, paced_new, paced_same)" ;;
    esac
    log=$OUT/wrk-$sc-c$conns-$srv.txt
    pids=$(server_pids "$srv")
    # shellcheck disable=SC2086
    srv0=$(proc_ticks $pids)
    busy0=$(cpu_busy)
    echo "bench: wrk -t$WRK_THREADS -c$conns -d$DURATION $script -> $srv" >&2
    BENCH_LUA_DIR=bench THINK_MS=$think wrk -t"$WRK_THREADS" -c"$conns" -d"$DURATION" --timeout "$WRK_TIMEOUT" \
        --latency -s "$script" "http://127.0.0.1:$port" -- "$SLOT" "$WRK_THREADS" >"$log" 2>&1 &
    WPID=$!
    SLOT=$((SLOT + 1))
    sleep $((SECS - 1)) & # waited for, so that a signal's trap runs at once
    NAP=$!
    wait "$NAP"
    NAP=""
    # One second before the end: memory, CPU shares, cache size, all under load.
    # shellcheck disable=SC2086
    rss=$(proc_kib VmRSS $pids)
    # shellcheck disable=SC2086
    hwm=$(proc_kib VmHWM $pids)
    # shellcheck disable=SC2086
    srv1=$(proc_ticks $pids)
    wrkt=$(proc_ticks "$WPID")
    busy1=$(cpu_busy)
    load=$(cut -d' ' -f1 /proc/loadavg)
    wait "$WPID" || die "wrk failed: $(tail -5 "$log")"
    WPID=""
    kill -0 "$KPID" 2>/dev/null || [ "$srv" != kundlid ] ||
        die "kundlid died during the run: $(tail -5 "$OUT/kundlid-$sc-c$conns.stderr")"
    line=$(grep '^WRKRESULT' "$log") || die "no result from wrk: $(tail -5 "$log")"
    drain=$(quiesce "$srv")
    cache=0
    if [ "$srv" = kundlid ]; then # idle now; it only grew since the RSS sample
        cache=$(curl -s -m 10 "http://127.0.0.1:$port/metrics" |
            sed -n 's/^cache_bytes{level="l1"} \([0-9]*\).*/\1/p')
    fi
    stop_servers
    echo "$line" | awk -v sc="$sc" -v c="$conns" -v srv="$srv" -v items="$items" \
        -v rss="$rss" -v hwm="$hwm" -v cache="${cache:-0}" -v ncpu="$NCPU" \
        -v window="$((SECS - 1))" -v ticks="$TICKS" -v dsrv="$((srv1 - srv0))" \
        -v dwrk="$wrkt" -v dbusy="$((busy1 - busy0))" -v load="$load" -v drain="$drain" '
        {
            for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
            full = ncpu * window * ticks
            other = dbusy - dsrv - dwrk
            if (other < 0) other = 0
            printf "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%s\t%d\n",
                sc, c, srv, items, r["requests"], r["duration_us"], r["p50_us"], r["p99_us"],
                r["max_us"], r["connect"], r["read"] + r["write"], r["timeout"], r["status"],
                rss, hwm, cache, 100 * dsrv / full, 100 * dwrk / full, 100 * other / full, load, drain
        }' >>"$TSV"
    sleep 1 # let the closed connections go
}

for sc in $SCENARIOS; do
    list=$CONNECTIONS
    [ "$sc" != batch ] || list=$BATCH_CONNECTIONS
    for conns in $list; do
        for srv in $SERVERS; do
            run_wrk "$srv" "$sc" "$conns"
        done
    done
done

ENGINE_AFTER=$(engine_rate after)
echo "bench: engine-only after the runs $ENGINE_AFTER charts/s" >&2

# --- report -----------------------------------------------------------------------------
MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
WRKV=$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)
{
    echo "### kundlid vs seed, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $NCPU cores ($MODEL), $(uname -sr); servers and wrk share the cores."
    echo "- Command: \`DURATION=$DURATION CONNECTIONS='$CONNECTIONS'" \
        "BATCH_CONNECTIONS='$BATCH_CONNECTIONS' SCENARIOS='$SCENARIOS' THINK_MS=$THINK_MS" \
        "SERVERS='$SERVERS' WRK_THREADS=$WRK_THREADS WRK_TIMEOUT=$WRK_TIMEOUT" \
        "ACCESS_LOG=$ACCESS_LOG CACHE_MB=$CACHE_MB sh bench/run.sh\`"
    echo "- $WRKV \`-t$WRK_THREADS --latency --timeout $WRK_TIMEOUT\`; kundlid" \
        "\`--access-log $ACCESS_LOG --cache-mb $CACHE_MB\` (threads: one per core);" \
        "seed: uvicorn $($PY -c 'import uvicorn; print(uvicorn.__version__)')" \
        "\`--workers 2 --log-level warning\` (h11, asyncio), FastAPI" \
        "$($PY -c 'import fastapi; print(fastapi.__version__)')."
    echo "- Engine only (\`kundli bench --n $BENCH_N --threads 2 --sections planets,houses\`," \
        "compute + JSON): $ENGINE_BEFORE charts/s before the HTTP runs, $ENGINE_AFTER after;" \
        "the higher one is the reference for (a)."
    echo
} >"$MD"

awk -F'\t' -v eb="${ENGINE_BEFORE:-0}" -v ea="${ENGINE_AFTER:-0}" -v think="$THINK_MS" '
function fmt(x) { return (x >= 100) ? sprintf("%.0f", x) : sprintf("%.1f", x) }
function ms(us) { return (us >= 100000) ? sprintf("%.0f", us / 1000) : sprintf("%.1f", us / 1000) }
function yes(ok) { return ok ? "yes" : "**no**" }
{
    n++
    sc[n] = $1; c[n] = $2; srv[n] = $3
    rps[n] = ($6 > 0) ? $5 / ($6 / 1e6) : 0; cps[n] = rps[n] * $4
    p50[n] = $7; p99[n] = $8; mx[n] = $9
    sock[n] = $10 + $11 + $12; to[n] = $12; st[n] = $13; err[n] = sock[n] + st[n]
    rss[n] = $14; hwm[n] = $15; cache[n] = $16
    scpu[n] = $17; wcpu[n] = $18; ocpu[n] = $19; load[n] = $20; drain[n] = $21
    key[$1 "/" $2 "/" $3] = n
}
END {
    engine = (eb > ea) ? eb : ea
    name["new"] = "(a) new birth"; name["same"] = "(b) same birth"; name["batch"] = "(c) batch of 100"
    name["paced_new"] = "(a) new birth, paced"; name["paced_same"] = "(b) same birth, paced"
    print "| scenario | conns | server | req/s | charts/s | p50 ms | p99 ms | errors | RSS MiB | kundlid/seed charts/s | kundlid/seed p99 |"
    print "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
        ratio = "–"; pr = "–"
        k = sc[i] "/" c[i] "/seed"
        if (srv[i] == "kundlid" && (k in key)) {
            j = key[k]
            if (cps[j] > 0) ratio = sprintf("%.1f×", cps[i] / cps[j])
            if (p99[j] > 0) pr = sprintf("%.3f", p99[i] / p99[j])
        }
        label = (srv[i] == "seed") ? "seed (FastAPI)" : "kundlid"
        printf "| %s | %d | %s | %s | %s | %s | %s | %d | %.1f | %s | %s |\n", name[sc[i]], c[i],
            label, fmt(rps[i]), fmt(cps[i]), ms(p50[i]), ms(p99[i]), err[i], rss[i] / 1024, ratio, pr
    }
    print ""
    print "Errors are wrk socket errors (connect, read, write, timeout) plus non-2xx answers. RSS is"
    print "VmRSS one second before the end of the run (the seed: master + workers, summed). Paced"
    printf "runs: each connection waits 0..%d ms (uniform) after every answer, like a user.\n", 2 * think
    print ""
    print "Run details. CPU shares are of all cores over the run (user + system time, interrupts"
    print "excluded); \"other\" is CPU used by processes that are neither the server nor wrk, i.e."
    print "noise from the rest of the machine; \"busy after\" is how long the server kept working on"
    print "abandoned requests after wrk stopped."
    print ""
    print "| scenario | conns | server | max ms | timeouts | non-2xx | peak RSS MiB | cache MiB | server CPU % | wrk CPU % | other CPU % | load | busy after s |"
    print "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++)
        printf "| %s | %d | %s | %s | %d | %d | %.1f | %s | %.0f | %.0f | %.0f | %s | %d |\n", name[sc[i]],
            c[i], srv[i], ms(mx[i]), to[i], st[i], hwm[i] / 1024,
            (srv[i] == "kundlid") ? sprintf("%.1f", cache[i] / 1048576) : "–", scpu[i], wcpu[i],
            ocpu[i], load[i], drain[i]
    print ""
    print "Targets (docs/PERFORMANCE.md, at 1,000 connections):"
    print ""
    print "| target | run | measured | met |"
    print "|---|---|---|---|"
    split("new paced_new", an, " ")
    for (a = 1; a <= 2; a++) {
        k = an[a] "/1000/kundlid"
        if (!(k in key))
            continue
        i = key[k]
        if (engine > 0 && an[a] == "new") # a paced run: its users set the rate
            printf "| (a) ≥ 75%% of the engine-only rate | %s | %.0f of %.0f charts/s = %.0f%% | %s |\n",
                name[an[a]], cps[i], engine, 100 * cps[i] / engine, yes(cps[i] >= 0.75 * engine)
        printf "| (a) p99 ≤ 25 ms | %s | %s ms | %s |\n", name[an[a]], ms(p99[i]), yes(p99[i] <= 25000)
    }
    split("same paced_same", bn, " ")
    for (b = 1; b <= 2; b++) {
        k = bn[b] "/1000/kundlid"
        if (!(k in key))
            continue
        i = key[k]
        if (bn[b] == "same")
            printf "| (b) ≥ 60,000 req/s | %s | %.0f req/s | %s |\n", name[bn[b]], rps[i], yes(rps[i] >= 60000)
        printf "| (b) p99 ≤ 15 ms | %s | %s ms | %s |\n", name[bn[b]], ms(p99[i]), yes(p99[i] <= 15000)
    }
    for (i = 1; i <= n; i++)
        if (srv[i] == "kundlid" && c[i] == 1000)
            printf "| 0 errors | %s | %d | %s |\n", name[sc[i]], err[i], yes(err[i] == 0)
    for (i = 1; i <= n; i++)
        if (srv[i] == "kundlid" && c[i] == 1000) {
            base = (rss[i] - cache[i] / 1024) / 1024
            printf "| RSS ≤ 64 MiB + cache | %s | %.1f MiB − %.1f MiB cache = %.1f MiB | %s |\n",
                name[sc[i]], rss[i] / 1024, cache[i] / 1048576, base, yes(base <= 64)
        }
}' "$TSV" >>"$MD"

cp "$MD" bench/out/latest.md
echo
cat "$MD"
echo
echo "bench: written $MD (raw wrk output and server logs in $OUT/)"
