#!/bin/sh
# A throwaway PostgreSQL 15 cluster for tests: on 127.0.0.1 only, a free
# port, trust authentication, database "kundli", everything in one folder.
# As root, the server runs as the user "postgres" (it refuses to run as root).
#   pg.sh start DIR    make DIR (must not exist), start, print the URL
#   pg.sh url DIR      print the URL (postgres://USER@127.0.0.1:PORT/kundli)
#   pg.sh pause DIR    stop the server, keep its data (to test an outage)
#   pg.sh resume DIR   start it again on the same port
#   pg.sh stop DIR     stop the server and remove DIR
#   pg.sh run CMD...   start a cluster in a fresh temporary folder, run CMD
#                      with KUNDLI_TEST_PG_URL and KUNDLI_TEST_PG_DIR set,
#                      stop the cluster (also on failure), exit with CMD's status
#   pg.sh with DIR CMD...  as run, on the cluster already started in DIR, in a
#                      database of CMD's own (made, then dropped): the tests of
#                      one build share one cluster (a CTest fixture)
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
PGBIN=${KUNDLI_PG_BIN:-/usr/lib/postgresql/15/bin}
here=$(cd "$(dirname "$0")" && pwd)

usage() { echo "usage: pg.sh start|url|pause|resume|stop DIR | pg.sh run CMD... | pg.sh with DIR CMD..." >&2; exit 2; }

# as_owner CMD...: runs CMD as the cluster's owner.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

owner() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

# As root the server runs as postgres, which cannot enter a folder below a
# private one (mktemp -d makes them 0700, e.g. a clone made there): the
# cluster then lives in a folder of its own under /tmp, and DIR is a link
# to it. place DIR makes that folder (and the link) and prints where the
# cluster goes; real DIR prints where it is.
place() {
    if [ "$(id -u)" -eq 0 ]; then
        base=$(mktemp -d /tmp/kundli-pg.XXXXXX)
        chmod 755 "$base"
        mkdir -p "$(dirname "$1")"
        ln -s "$base/pg" "$1"
        echo "$base/pg"
    else
        echo "$1"
    fi
}
real() { if [ -L "$1" ]; then readlink -f "$1"; else echo "$1"; fi; }

# A random port in 20000..59999; one that is taken makes the start fail,
# and start() tries another.
random_port() {
    echo $(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
}

server_start() { # DIR
    as_owner "$PGBIN/pg_ctl" -D "$1/data" -l "$1/log" -w -t 30 \
        -o "-p $(cat "$1/port") -c listen_addresses=127.0.0.1 -c unix_socket_directories=$1" \
        start >/dev/null
}

url() { echo "postgres://$(owner)@127.0.0.1:$(cat "$1/port")/${2:-kundli}"; }

start() { # DIR
    dir=$1
    [ ! -e "$dir" ] && [ ! -L "$dir" ] || { echo "pg.sh: $dir exists" >&2; exit 1; }
    [ -x "$PGBIN/initdb" ] || { echo "pg.sh: no $PGBIN/initdb (apt-get install postgresql)" >&2; exit 1; }
    dir=$(place "$dir")
    mkdir -p "$dir"
    chmod 700 "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
    as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback only, and a small server: tests open a few dozen connections.
    # fsync off: a test cluster need not survive the machine, but commits
    # still survive the server's own crash (pause uses an immediate stop).
    cat >"$dir/data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
max_connections = 150
shared_buffers = 16MB
fsync = off
full_page_writes = off
EOF
    printf 'host all all 127.0.0.1/32 trust\nlocal all all trust\n' >"$dir/data/pg_hba.conf"
    tries=0
    while :; do
        random_port >"$dir/port"
        [ "$(id -u)" -ne 0 ] || chown postgres "$dir/port"
        if server_start "$dir"; then break; fi
        tries=$((tries + 1))
        [ "$tries" -lt 5 ] || { cat "$dir/log" >&2; exit 1; }
    done
    as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" kundli
    url "$dir"
}

stop() { # DIR
    dir=$(real "$1")
    if [ -d "$dir" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    if [ -L "$1" ]; then # the folder place() made, and the link
        case $dir in /tmp/kundli-pg.*/pg) rm -rf "$(dirname "$dir")" ;; esac
        rm -f "$1"
    fi
}

# run_with URL DIR CMD...: runs CMD with the test variables set and exits
# with its status (the caller's EXIT trap then cleans up).
run_with() {
    KUNDLI_TEST_PG_URL=$1
    KUNDLI_TEST_PG_DIR=$2
    KUNDLI_TEST_PG_SH=$here/pg.sh
    export KUNDLI_TEST_PG_URL KUNDLI_TEST_PG_DIR KUNDLI_TEST_PG_SH
    shift 2
    set +e
    "$@"
    status=$?
    set -e
    exit "$status"
}

cmd=${1:-}
[ -n "$cmd" ] || usage
shift
case $cmd in
start) [ $# -eq 1 ] || usage; start "$1" ;;
url) [ $# -eq 1 ] || usage; url "$(real "$1")" ;;
pause) [ $# -eq 1 ] || usage
    as_owner "$PGBIN/pg_ctl" -D "$(real "$1")/data" -m immediate -w stop >/dev/null ;;
resume) [ $# -eq 1 ] || usage; server_start "$(real "$1")" ;;
stop) [ $# -eq 1 ] || usage; stop "$1" ;;
run)
    [ $# -ge 1 ] || usage
    base=$(mktemp -d "${TMPDIR:-/tmp}/kundli-pg.XXXXXX")
    chmod 755 "$base"
    dir=$base/pg
    trap 'stop "$dir"; rm -rf "$base"' EXIT
    trap 'exit 130' INT TERM
    run_with "$(start "$dir")" "$dir" "$@"
    ;;
with)
    [ $# -ge 2 ] || usage
    dir=$(real "$1")
    shift
    [ -f "$dir/port" ] || { echo "pg.sh: no cluster in $dir" >&2; exit 1; }
    db=kundli_$$_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
    as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" "$db"
    # a test that paused the server resumes it; the drop is best effort
    trap 'as_owner "$PGBIN/dropdb" -h 127.0.0.1 -p "$(cat "$dir/port")" --if-exists "$db" \
              >/dev/null 2>&1 || true' EXIT
    trap 'exit 130' INT TERM
    run_with "$(url "$dir" "$db")" "$dir" "$@"
    ;;
*) usage ;;
esac
