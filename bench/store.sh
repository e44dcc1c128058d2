#!/bin/sh
# store.sh - `make bench-store`: saved charts (POST /v1/kundlis, GET /v1/kundlis/{id},
# GET /v1/kundlis?limit=20) on kundlid with SQLite, kundlid with PostgreSQL, and the seed's
# FastAPI stack with a sqlite3 store (bench/seed_app.py), with wrk on this machine. Prints a
# summary table with the kundlid/seed ratios and writes it as Markdown to bench/out/ (see
# bench/README.md for knobs and method).
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu

cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-50}
STORES=${STORES:-"sqlite postgres seed"}
WRK_THREADS=${WRK_THREADS:-2}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
LIST_LIMIT=${LIST_LIMIT:-20}
PG_DURABLE=${PG_DURABLE:-on}
PG_ANALYZE=${PG_ANALYZE:-on}
BIN=${BIN:-build/release}
PY=/usr/bin/python3 # Debian's python3-fastapi lives in /usr/lib/python3/dist-packages

die() {
    echo "bench-store: $*" >&2
    exit 1
}

has() {
    case " $1 " in *" $2 "*) return 0 ;; esac
    return 1
}

for s in $STORES; do
    case $s in sqlite | postgres | seed) ;; *) die "unknown store $s (use sqlite, postgres, seed)" ;; esac
done

# --- dependencies: only through scripts/deps.sh (with the seed's packages) ---------------
if has "$STORES" seed; then
    sh scripts/deps.sh python3-fastapi python3-uvicorn
else
    sh scripts/deps.sh
fi
[ -x "$BIN/kundlid" ] || die "$BIN/kundlid missing: run make build"
command -v psql >/dev/null 2>&1 || ! has "$STORES" postgres || die "psql missing (postgresql-client)"

# shellcheck disable=SC3045
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

case $DURATION in
*m) SECS=$((${DURATION%m} * 60)) ;;
*s) SECS=${DURATION%s} ;;
*) SECS=$DURATION ;;
esac
[ "$SECS" -ge 3 ] 2>/dev/null || die "DURATION must be at least 3s (got $DURATION)"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/out/store-$STAMP
mkdir -p "$OUT"
TSV=$OUT/results.tsv
MD=bench/out/store-$STAMP.md
: >"$TSV"
TICKS=$(getconf CLK_TCK)
NCPU=$(nproc)
# Databases live here (the same file system as the rest of the machine: fsync is real).
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kundli-bench-store.XXXXXX")
chmod 755 "$TMP" # as root, the PostgreSQL cluster runs as "postgres" inside it

# --- servers --------------------------------------------------------------------------
PID=""  # the server under test (the seed: uvicorn's master)
WPID="" # wrk
NAP=""
PGDIR=""
cleanup() {
    for p in $NAP $WPID $PID; do
        kill "$p" 2>/dev/null || true
    done
    [ -z "$PID" ] || wait "$PID" 2>/dev/null || true
    [ -z "$PGDIR" ] || sh scripts/pg.sh stop "$PGDIR" || true
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=""
KEY=""
PGURL=""

# A throwaway PostgreSQL 15 (scripts/pg.sh) made durable like a default installation:
# pg.sh turns fsync off for tests; here fsync, full_page_writes and shared_buffers go back to
# PostgreSQL's defaults (PG_DURABLE=off keeps pg.sh's test settings).
start_pg() {
    PGDIR=$TMP/pg
    PGURL=$(sh scripts/pg.sh start "$PGDIR") || die "PostgreSQL did not start"
    if [ "$PG_DURABLE" = on ]; then
        for s in "fsync = on" "full_page_writes = on" "shared_buffers = '128MB'"; do
            psql -X -q -v ON_ERROR_STOP=1 "$PGURL" -c "ALTER SYSTEM SET $s" >/dev/null ||
                die "cannot set $s on PostgreSQL"
        done
        sh scripts/pg.sh pause "$PGDIR" # shared_buffers needs a restart
        sh scripts/pg.sh resume "$PGDIR"
    fi
    PGSET=$(psql -X -At "$PGURL" -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'wal_sync_method', 'max_connections')")
    echo "bench-store: PostgreSQL $PGURL ($PGSET)" >&2
}
stop_pg() {
    [ -z "$PGDIR" ] || sh scripts/pg.sh stop "$PGDIR"
    PGDIR=""
}
pg_pids() {
    [ -n "$PGDIR" ] || return 0
    pm=$(head -1 "$PGDIR/data/postmaster.pid" 2>/dev/null) || return 0
    echo "$pm $(ps -o pid= --ppid "$pm" | tr '\n' ' ')"
}

# kundlid with its default store settings (pool: at most 100 connections, 10 kept open;
# SQLite: one writer, the pool for readers), fresh database, one API key.
start_kundlid() { # store url
    out=$OUT/kundlid-$1
    "$BIN/kundlid" keys create --user bench --database-url "$2" >"$out.key" 2>"$out.keys.stderr" ||
        die "kundlid keys create failed: $(cat "$out.keys.stderr")"
    KEY=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' "$out.key")
    [ -n "$KEY" ] || die "no key from kundlid keys create: $(cat "$out.key")"
    # wrk's connections all come from 127.0.0.1: lift the per-address limit.
    "$BIN/kundlid" --listen 127.0.0.1:0 --access-log false --max-connections-per-ip 0 \
        --drain-seconds 2 --database-url "$2" >"$out.stdout" 2>"$out.stderr" &
    PID=$!
    PORT=""
    i=0
    while [ -z "$PORT" ] && [ $i -lt 100 ]; do
        sleep 0.1
        PORT=$(sed -n '1s/.*"port":\([0-9]*\).*/\1/p' "$out.stdout")
        i=$((i + 1))
    done
    [ -n "$PORT" ] || die "kundlid did not start: $(cat "$out.stderr")"
    i=0
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz"; do
        [ $i -lt 100 ] || die "kundlid not ready: $(tail -5 "$out.stderr")"
        sleep 0.1
        i=$((i + 1))
    done
}
start_seed() {
    SEED_DB=$TMP/seed.db
    PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    SEED_DB=$SEED_DB $PY -m uvicorn bench.seed_app:app --workers 2 --host 127.0.0.1 \
        --port "$PORT" --log-level warning >"$OUT/seed.log" 2>&1 &
    PID=$!
    KEY=bench # the seed takes the token as the user id
    i=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" \
        "http://127.0.0.1:$PORT/v1/kundlis?limit=1")" = 200 ]; do
        [ $i -lt 150 ] || die "the seed app did not start: $(tail -5 "$OUT/seed.log")"
        kill -0 "$PID" 2>/dev/null || die "the seed app exited: $(tail -5 "$OUT/seed.log")"
        sleep 0.1
        i=$((i + 1))
    done
}
stop_server() {
    [ -n "$PID" ] || return 0
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=""
}
server_pids() {
    if [ "$1" = seed ]; then
        echo "$PID $(ps -o pid= --ppid "$PID" | tr '\n' ' ')"
    else
        echo "$PID"
    fi
}

# The ids of the charts saved, one per line, into $1; prints how many.
collect_ids() { # store file
    if [ "$1" = seed ]; then
        $PY -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for (i,) in c.execute("SELECT id FROM kundlis WHERE user_id = ?", ("bench",)):
    print(i)' "$SEED_DB" >"$2"
    else
        curl -sf -m 300 -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/kundlis/export" |
            sed -n 's/^{"id":"\([0-9a-f]\{32\}\)".*/\1/p' >"$2" || die "export failed"
    fi
    wc -l <"$2" | tr -d ' '
}

# --- sampling (as bench/run.sh) ---------------------------------------------------------
cpu_busy() {
    awk '/^cpu /{print $2 + $3 + $4; exit}' /proc/stat
}
proc_ticks() {
    t=0
    for p in "$@"; do
        v=$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || echo 0)
        t=$((t + ${v:-0}))
    done
    echo "$t"
}
proc_kib() {
    field=$1
    shift
    t=0
    for p in "$@"; do
        v=$(awk -v f="$field:" '$1 == f {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        t=$((t + ${v:-0}))
    done
    echo "$t"
}
# Waits (at most 120 s) until the server and the database stop working on requests wrk
# abandoned; prints the seconds that took.
quiesce() {
    waited=0
    # shellcheck disable=SC2046
    t0=$(proc_ticks $(server_pids "$1") $(pg_pids))
    while [ "$waited" -lt 120 ]; do
        sleep 1
        waited=$((waited + 1))
        # shellcheck disable=SC2046
        t1=$(proc_ticks $(server_pids "$1") $(pg_pids))
        [ $((t1 - t0)) -gt $((TICKS / 20)) ] || break
        t0=$t1
    done
    echo $((waited - 1))
}

# kundlid's answers >= 400 by status, and its overloaded count, from /metrics: "status count" lines.
kundlid_errors() {
    [ "$1" != seed ] || return 0
    curl -s -m 10 "http://127.0.0.1:$PORT/metrics" | awk '
        /^request_count_total\{/ {
            if (match($0, /status="[0-9]+"/)) {
                st = substr($0, RSTART + 8, 3)
                if (st >= 400) n[st] += $NF
            }
        }
        /^overloaded_requests_total / { n["overloaded"] += $NF }
        END { for (k in n) print k, n[k] }'
}
# CPU ticks of every process on the machine: "pid ticks name" lines.
all_ticks() {
    for f in /proc/[0-9]*/stat; do
        cat "$f" 2>/dev/null || true
    done | awk '{c = $0; sub(/^[0-9]+ \(/, "", c); sub(/\) .*$/, "", c); r = $0; sub(/^.*\) /, "", r);
                 split(r, a, " "); print $1, a[12] + a[13], c}'
}

run_wrk() { # store op rows
    store=$1 op=$2 rows=$3
    log=$OUT/wrk-$op-$store.txt
    pids=$(server_pids "$store")
    dbp=$(pg_pids)
    # shellcheck disable=SC2086
    srv0=$(proc_ticks $pids)
    # shellcheck disable=SC2086
    db0=$(proc_ticks $dbp)
    kundlid_errors "$store" >"$OUT/errors-$op-$store.before"
    all_ticks >"$OUT/procs-$op-$store.before"
    busy0=$(cpu_busy)
    echo "bench-store: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION bench/$op.lua -> $store" >&2
    # The same salt for every store: each one saves the same sequence of births.
    BENCH_LUA_DIR=bench BENCH_KEY=$KEY IDS_FILE=$OUT/ids-$store.txt LIST_LIMIT=$LIST_LIMIT \
        wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" \
        --latency -s "bench/$op.lua" "http://127.0.0.1:$PORT" -- 0 "$WRK_THREADS" >"$log" 2>&1 &
    WPID=$!
    sleep $((SECS - 1)) &
    NAP=$!
    wait "$NAP"
    NAP=""
    # One second before the end: memory and CPU shares under load.
    # shellcheck disable=SC2086
    rss=$(proc_kib VmRSS $pids)
    # shellcheck disable=SC2086
    srv1=$(proc_ticks $pids)
    # New database backends started during the run count in full.
    # shellcheck disable=SC2046
    db1=$(proc_ticks $(pg_pids))
    wrkt=$(proc_ticks "$WPID")
    busy1=$(cpu_busy)
    all_ticks >"$OUT/procs-$op-$store.after"
    load=$(cut -d' ' -f1 /proc/loadavg)
    wpid=$WPID
    wait "$WPID" || die "wrk failed: $(tail -5 "$log")"
    WPID=""
    kill -0 "$PID" 2>/dev/null || die "the $store server died during $op: see $OUT/"
    line=$(grep '^WRKRESULT' "$log") || die "no result from wrk: $(tail -5 "$log")"
    drain=$(quiesce "$store")
    # The answers >= 400 by status ("503: 12 (overloaded 10)"), and the processes that used
    # the most CPU during the run (to tell noise from the database's and the kernel's work).
    kundlid_errors "$store" >"$OUT/errors-$op-$store.after"
    statuses=$(awk 'FILENAME == ARGV[1] {b[$1] = $2; next} {d = $2 - b[$1]; if (d > 0) n[$1] = d}
        END {
            s = ""
            for (k in n) if (k != "overloaded") s = s (s == "" ? "" : ", ") k ": " n[k]
            if ("overloaded" in n) s = s " (overloaded " n["overloaded"] ")"
            print (s == "") ? "–" : s
        }' "$OUT/errors-$op-$store.before" "$OUT/errors-$op-$store.after")
    # shellcheck disable=SC2046
    awk -v t="$((SECS - 1))" -v hz="$TICKS" -v ours=" $pids $dbp $(pg_pids) $wpid " \
        'NR == FNR {b[$1] = $2; next}
        {d = $2 - b[$1]; if (d > 0) printf "%6.1f%%  %s (%s)%s\n", 100 * d / (t * hz), $3, $1,
                                            index(ours, " " $1 " ") ? "" : " other"}' \
        "$OUT/procs-$op-$store.before" "$OUT/procs-$op-$store.after" | sort -rn | head -12 \
        >"$OUT/top-$op-$store.txt"
    noisiest=$(awk '$NF == "other" {printf "%s %s %s", $2, $3, $1; exit}' "$OUT/top-$op-$store.txt")
    echo "$line" | awk -v st="$store" -v op="$op" -v rss="$rss" -v ncpu="$NCPU" \
        -v window="$((SECS - 1))" -v ticks="$TICKS" -v dsrv="$((srv1 - srv0))" \
        -v ddb="$((db1 - db0))" -v dwrk="$wrkt" -v dbusy="$((busy1 - busy0))" \
        -v load="$load" -v drain="$drain" -v rows="$rows" -v statuses="$statuses" \
        -v noisiest="${noisiest:-–}" '
        {
            for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
            full = ncpu * window * ticks
            other = dbusy - dsrv - ddb - dwrk
            if (other < 0) other = 0
            printf "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t%d\t%d\t%s\t%s\n",
                st, op, r["requests"], r["duration_us"], r["p50_us"], r["p99_us"], r["max_us"],
                r["connect"] + r["read"] + r["write"], r["timeout"], r["status"], rss, rows,
                100 * dsrv / full, 100 * ddb / full, 100 * dwrk / full, 100 * other / full,
                load, drain, r["bytes"] / (r["requests"] > 0 ? r["requests"] : 1), statuses, noisiest
        }' >>"$TSV"
    sleep 1 # let the closed connections go
}

SQLITE_URL=""
for store in $STORES; do
    case $store in
    sqlite)
        SQLITE_URL=sqlite:$TMP/kundli.db
        start_kundlid sqlite "$SQLITE_URL"
        ;;
    postgres)
        start_pg
        start_kundlid postgres "$PGURL"
        ;;
    seed) start_seed ;;
    esac
    run_wrk "$store" save 0
    rows=$(collect_ids "$store" "$OUT/ids-$store.txt")
    [ "$rows" -gt 0 ] || die "no charts saved on $store: see $OUT/"
    echo "bench-store: $rows charts saved on $store" >&2
    # The rows column of the save line: the charts the store kept.
    awk -F'\t' -v OFS='\t' -v st="$store" -v n="$rows" '$1 == st && $2 == "save" {$12 = n} 1' \
        "$TSV" >"$TSV.new" && mv "$TSV.new" "$TSV"
    # The table went from empty to thousands of rows within seconds: autovacuum (naptime
    # 1 min) may not have analyzed it yet, and with the empty table's statistics PostgreSQL
    # lists through a bitmap scan and a sort of all the user's rows instead of the
    # (user_id, created_at DESC, id DESC) index. A service that has run for a minute has
    # fresh statistics; ANALYZE gives them now (PG_ANALYZE=off measures the stale plan).
    if [ "$store" = postgres ] && [ "$PG_ANALYZE" = on ]; then
        psql -X -q "$PGURL" -c "ANALYZE" || die "ANALYZE failed"
    fi
    run_wrk "$store" get "$rows"
    run_wrk "$store" list "$rows"
    stop_server
    [ "$store" != postgres ] || stop_pg
done

# --- report -----------------------------------------------------------------------------
MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
WRKV=$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)
SQLITEV=$($PY -c 'import sqlite3; print(sqlite3.sqlite_version)')
{
    echo "### Saved charts: kundlid (SQLite, PostgreSQL) vs seed, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $NCPU cores ($MODEL), $(uname -sr), $(df -T "$TMP" | awk 'NR == 2 {print $2}')" \
        "file system for the databases; servers, PostgreSQL and wrk share the cores."
    echo "- Command: \`DURATION=$DURATION CONNECTIONS=$CONNECTIONS STORES='$STORES'" \
        "WRK_THREADS=$WRK_THREADS WRK_TIMEOUT=$WRK_TIMEOUT LIST_LIMIT=$LIST_LIMIT" \
        "PG_DURABLE=$PG_DURABLE PG_ANALYZE=$PG_ANALYZE sh bench/store.sh\`"
    echo "- $WRKV \`-t$WRK_THREADS -c$CONNECTIONS --timeout $WRK_TIMEOUT\`, one server at a time," \
        "fresh database each; per server: save for $DURATION, then get (the ids saved, each" \
        "connection from its own place in the list) and list (\`limit=$LIST_LIMIT\`, newest first)" \
        "for $DURATION each. kundlid \`--access-log false --max-connections-per-ip 0\`," \
        "store settings at their defaults (SQLite: WAL, synchronous=FULL, one writer;" \
        "pool max 100, min 10)."
    if has "$STORES" postgres; then
        echo "- PostgreSQL $(psql --version | awk '{print $3}') on 127.0.0.1 (scripts/pg.sh," \
            "PG_DURABLE=$PG_DURABLE): ${PGSET:-?}; ANALYZE after the saves: $PG_ANALYZE."
    fi
    if has "$STORES" seed; then
        echo "- Seed: uvicorn $($PY -c 'import uvicorn; print(uvicorn.__version__)')" \
            "\`--workers 2 --log-level warning\`, FastAPI" \
            "$($PY -c 'import fastapi; print(fastapi.__version__)'), sqlite3 (SQLite $SQLITEV," \
            "WAL, synchronous FULL by default), one connection per request; the Bearer token is" \
            "the user id (no key lookup)."
    fi
    echo
} >"$MD"

awk -F'\t' '
function fmt(x) { return (x >= 100) ? sprintf("%.0f", x) : sprintf("%.1f", x) }
function ms(us) { return (us >= 100000) ? sprintf("%.0f", us / 1000) : sprintf("%.1f", us / 1000) }
{
    n++
    st[n] = $1; op[n] = $2
    # Answers below 400 per second: a refused request (503 overloaded) is no throughput.
    rps[n] = ($4 > 0) ? ($3 - $10) / ($4 / 1e6) : 0
    aps[n] = ($4 > 0) ? $3 / ($4 / 1e6) : 0
    p50[n] = $5; p99[n] = $6; mx[n] = $7
    err[n] = $8 + $9 + $10; to[n] = $9; bad[n] = $10
    rss[n] = $11; rows[n] = $12
    scpu[n] = $13; dcpu[n] = $14; wcpu[n] = $15; ocpu[n] = $16; load[n] = $17; drain[n] = $18
    size[n] = $19; statuses[n] = $20; noisiest[n] = $21
    key[$1 "/" $2] = n
}
END {
    label["sqlite"] = "kundlid + SQLite"; label["postgres"] = "kundlid + PostgreSQL"
    label["seed"] = "seed (FastAPI + sqlite3)"
    print "| store | op | ok req/s | p50 ms | p99 ms | errors | RSS MiB | charts in store |"
    print "|---|---|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %s | %d | %.1f | %d |\n", label[st[i]], op[i], fmt(rps[i]),
            ms(p50[i]), ms(p99[i]), err[i], rss[i] / 1024, rows[i]
    print ""
    print "ok req/s counts answers below 400 only. Errors are wrk socket errors (connect, read,"
    print "write, timeout) plus answers >= 400; wrk times every answer, so with errors the"
    print "percentiles mix refusals (fast) with real answers. RSS is"
    print "VmRSS of the server one second before the end of the run (the seed: master + workers;"
    print "PostgreSQL not included). \"charts in store\": after save, the charts saved; after get and"
    print "list, the charts the server held while they ran."
    print ""
    if (("seed/save") in key) {
        print "| op | kundlid + SQLite / seed ok req/s | p99 | kundlid + PostgreSQL / seed ok req/s | p99 |"
        print "|---|---:|---:|---:|---:|"
        split("save get list", ops, " ")
        for (o = 1; o <= 3; o++) {
            s = key["seed/" ops[o]]
            if (!s) continue
            line = "| " ops[o]
            split("sqlite postgres", sts, " ")
            for (t = 1; t <= 2; t++) {
                k = sts[t] "/" ops[o]
                if ((k in key) && rps[s] > 0 && p99[s] > 0) {
                    i = key[k]
                    line = line sprintf(" | %.1f× | %.2f×", rps[i] / rps[s], p99[i] / p99[s])
                } else
                    line = line " | – | –"
            }
            print line " |"
        }
        print ""
        print "ok req/s ratio > 1: kundlid is faster; p99 ratio < 1: kundlid answers sooner."
        print ""
    }
    print "Run details. CPU shares are of all cores over the run (user + system); \"DB\" is the"
    print "PostgreSQL server processes; \"other\" is everything else on the machine (noise). \"busy"
    print "after\" is how long the server (and database) kept working after wrk stopped. The"
    print "busiest other process is the one outside this benchmark that used the most CPU (builds and"
    print "tests of other sessions share this machine); more in top-*.txt next to the raw output."
    print ""
    print "| store | op | all answers/s | max ms | timeouts | >= 400 | kundlid statuses | bytes/answer | server CPU % | DB CPU % | wrk CPU % | other CPU % | busiest other process (% of a core) | load | busy after s |"
    print "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|"
    for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %d | %d | %s | %d | %.0f | %s | %.0f | %.0f | %s | %s | %d |\n", label[st[i]],
            op[i], fmt(aps[i]), ms(mx[i]), to[i], bad[i], (st[i] == "seed") ? "–" : statuses[i], size[i], scpu[i],
            (st[i] == "postgres") ? sprintf("%.0f", dcpu[i]) : "–", wcpu[i], ocpu[i], noisiest[i], load[i], drain[i]
}' "$TSV" >>"$MD"

cp "$MD" bench/out/store-latest.md
echo
cat "$MD"
echo
echo "bench-store: written $MD (raw wrk output and server logs in $OUT/)"
