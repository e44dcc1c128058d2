"""bench/scaleout.py - `make bench-scaleout`: kundlid's shared cache and scale-out under wrk.
1. The cached load through each cache level: the same chart on every request, answered
   from L1 (--cache-mb 64), from Redis alone (--cache-mb 0 --redis-url) and with no cache
   at all (--cache-mb 0), one instance each.
2. Three instances behind nginx against one instance, for the cached and the uncached
   (new birth) load.
Everything on 127.0.0.1, each server started fresh and stopped after its run. Needs a
built tree (build/release), and runs under scripts/redis.sh (which the Makefile target does).
Knobs: DURATION (seconds, 10), CONNECTIONS (100).
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import os
import re
import subprocess
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from kundlid import Server  # noqa: E402
from scaleout_test import Nginx  # noqa: E402

BUILD = os.path.join(ROOT, "build", "release")
DURATION = int(os.environ.get("DURATION", "10"))
CONNS = int(os.environ.get("CONNECTIONS", "100"))
REDIS = os.environ.get("KUNDLI_TEST_REDIS_URL", "")
COMMON = ("--access-log", "false", "--max-connections-per-ip", "0", "--monitor-interval", "0")


def wrk(port, script, salt):
    out = subprocess.run(["wrk", "-t2", "-c%d" % CONNS, "-d%ds" % DURATION, "--latency",
                          "--timeout", "10s", "-s", os.path.join(ROOT, "bench", script),
                          "http://127.0.0.1:%d" % port, "--", str(salt), "2"],
                         capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, BENCH_LUA_DIR=os.path.join(ROOT, "bench"))).stdout

    def ms(v):
        n = float(re.match(r"[\d.]+", v).group(0))
        return n / 1000 if v.endswith("us") else n * 1000 if v.endswith("s") and not \
            v.endswith("ms") else n
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = ms(re.search(r"99%\s+(\S+)", out).group(1))
    bad = sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    bad += sum(int(x) for x in m.groups()) if m else 0
    return rps, p99, bad


def run(name, args, script, instances=1, salt=1):
    servers = [Server(BUILD, *COMMON, *args) for _ in range(instances)]
    nginx = None
    try:
        port = servers[0].port
        if instances > 1:
            nginx = Nginx([srv.port for srv in servers])
            port = nginx.port
        wrk(port, script, salt + 1000)  # warm: caches, connections
        rps, p99, bad = wrk(port, script, salt)
        hits = sum(srv.metrics().get('cache_hits_total{level="l2"}', 0) for srv in servers)
        print("| %s | %d | %.0f | %.1f | %d | %d |" % (name, instances, rps, p99, bad, hits),
              flush=True)
    finally:
        if nginx:
            nginx.stop()
        for srv in servers:
            srv.stop()


def main():
    if not REDIS:
        sys.exit("bench/scaleout.py: run it under scripts/redis.sh run (make bench-scaleout)")
    print("%d s per run, wrk -t2 -c%d, %s\n" % (DURATION, CONNS, time.strftime("%Y-%m-%d %H:%M UTC",
                                                                          time.gmtime())))
    print("| load | instances | req/s | p99 ms | errors | L2 hits |")
    print("|---|---:|---:|---:|---:|---:|")
    run("same chart, L1", ("--cache-mb", "64"), "same_birth.lua")
    run("same chart, Redis only (L1 off)", ("--cache-mb", "0", "--redis-url", REDIS),
        "same_birth.lua")
    run("same chart, no cache", ("--cache-mb", "0"), "same_birth.lua")
    run("same chart, L1 + Redis", ("--redis-url", REDIS), "same_birth.lua", 3)
    run("new births", ("--redis-url", REDIS), "new_birth.lua", 1, 11)
    run("new births", ("--redis-url", REDIS), "new_birth.lua", 3, 21)


if __name__ == "__main__":
    main()
