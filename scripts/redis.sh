#!/bin/sh
# A throwaway redis-server for tests: on 127.0.0.1 only, a free port, no
# persistence (no RDB, no AOF), everything in one folder.
#   redis.sh start DIR    make DIR (must not exist), start, print the URL
#   redis.sh url DIR      print the URL (redis://127.0.0.1:PORT/0)
#   redis.sh pause DIR    SIGSTOP the server: connections hang (a slow Redis)
#   redis.sh resume DIR   SIGCONT it
#   redis.sh down DIR     kill the server, keep DIR and its port (an outage)
#   redis.sh up DIR       start it again on the same port (empty: no persistence)
#   redis.sh stop DIR     kill the server and remove DIR
#   redis.sh run CMD...   start a server in a fresh temporary folder, run CMD
#                         with KUNDLI_TEST_REDIS_URL, KUNDLI_TEST_REDIS_DIR and
#                         KUNDLI_TEST_REDIS_SH set, stop the server (also on
#                         failure), exit with CMD's status
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
here=$(cd "$(dirname "$0")" && pwd)

usage() { echo "usage: redis.sh start|url|pause|resume|down|up|stop DIR | redis.sh run CMD..." >&2; exit 2; }

# A random port in 10000..31999, below Linux's ephemeral range (32768..)
# where the tests' own client sockets could take it; one that is taken
# makes the start fail, and start() tries another.
random_port() {
    echo $(( 10000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 22000 ))
}

url() { echo "redis://127.0.0.1:$(cat "$1/port")/0"; }

pid_of() { [ -f "$1/pid" ] && cat "$1/pid" || true; }

# alive PID: the process runs (a zombie that nobody reaped yet does not).
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
    [ "$state" != Z ]
}

# server_start DIR: starts redis-server on DIR/port; 0 once it answers, as
# itself: the pid in its pidfile (written only once it listens) is the
# process_id it reports, so another server on that port does not count.
server_start() {
    dir=$1
    port=$(cat "$dir/port")
    rm -f "$dir/pid"
    redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
        --dir "$dir" --daemonize yes --pidfile "$dir/pid" --logfile "$dir/log" \
        --protected-mode yes >/dev/null 2>&1 || return 1
    # (sh has no local variables: this loop's counter is its own)
    waited=0
    while [ "$waited" -lt 100 ]; do
        pid=$(pid_of "$dir")
        if [ -n "$pid" ] && alive "$pid" &&
            timeout 2 redis-cli -h 127.0.0.1 -p "$port" info server 2>/dev/null |
            tr -d '\r' | grep -qx "process_id:$pid"; then
            return 0
        fi
        # a daemon that could not listen exits without a pidfile
        if [ "$waited" -gt 20 ] && { [ -z "$pid" ] || ! alive "$pid"; }; then
            return 1
        fi
        waited=$((waited + 1))
        sleep 0.05
    done
    return 1
}

start() { # DIR
    dir=$1
    [ ! -e "$dir" ] || { echo "redis.sh: $dir exists" >&2; exit 1; }
    command -v redis-server >/dev/null || { echo "redis.sh: no redis-server (apt-get install redis-server)" >&2; exit 1; }
    mkdir -p "$dir"
    chmod 700 "$dir"
    tries=0
    while :; do
        random_port >"$dir/port"
        if server_start "$dir"; then break; fi
        tries=$((tries + 1))
        [ "$tries" -lt 5 ] || { cat "$dir/log" >&2 2>/dev/null; exit 1; }
    done
    url "$dir"
}

kill_server() { # DIR: SIGKILL (a stopped process dies too), then wait for it
    pid=$(pid_of "$1")
    [ -n "$pid" ] || return 0
    kill -KILL "$pid" 2>/dev/null || true
    n=0
    while alive "$pid" && [ "$n" -lt 100 ]; do
        sleep 0.02
        n=$((n + 1))
    done
    rm -f "$1/pid"
}

stop() { # DIR
    [ -d "$1" ] || return 0
    kill_server "$1"
    rm -rf "$1"
}

cmd=${1:-}
[ -n "$cmd" ] || usage
shift
case $cmd in
start) [ $# -eq 1 ] || usage; start "$1" ;;
url) [ $# -eq 1 ] || usage; url "$1" ;;
pause) [ $# -eq 1 ] || usage; kill -STOP "$(pid_of "$1")" ;;
resume) [ $# -eq 1 ] || usage; kill -CONT "$(pid_of "$1")" ;;
down) [ $# -eq 1 ] || usage; kill_server "$1" ;;
up) [ $# -eq 1 ] || usage; server_start "$1" ;;
stop) [ $# -eq 1 ] || usage; stop "$1" ;;
run)
    [ $# -ge 1 ] || usage
    base=$(mktemp -d "${TMPDIR:-/tmp}/kundli-redis.XXXXXX")
    dir=$base/redis
    trap 'stop "$dir"; rm -rf "$base"' EXIT
    trap 'exit 130' INT TERM
    KUNDLI_TEST_REDIS_URL=$(start "$dir")
    KUNDLI_TEST_REDIS_DIR=$dir
    KUNDLI_TEST_REDIS_SH=$here/redis.sh
    export KUNDLI_TEST_REDIS_URL KUNDLI_TEST_REDIS_DIR KUNDLI_TEST_REDIS_SH
    set +e
    "$@"
    status=$?
    set -e
    exit "$status"
    ;;
*) usage ;;
esac
