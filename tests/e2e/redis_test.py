"""The L2 cache on Redis end to end, against a real redis-server started by
scripts/redis.sh run (KUNDLI_TEST_REDIS_URL, _DIR, _SH): a chart computed by
one kundlid is an L2 hit, byte for byte, for a fresh one; two kundlid
processes on one SQLite file share the cached list pages, and a write through
one is listed through the other at once; Redis stopped, paused (SIGSTOP) and
restarted never fails a request, /readyz reports it, the counters rise, and
L2 comes back without restarting kundlid.
Usage: redis_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402

URL = os.environ.get("KUNDLI_TEST_REDIS_URL", "")
DIR = os.environ.get("KUNDLI_TEST_REDIS_DIR", "")
SH = os.environ.get("KUNDLI_TEST_REDIS_SH", "")
CHENNAI = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
           "latitude": 13.0878, "longitude": 80.2785}
LIST = "/v1/kundlis?limit=5"


def redis(cmd):
    subprocess.run(["sh", SH, cmd, DIR], check=True)


def chart(day, month=12):
    return ("/v1/kundli?date=1996-%02d-%02d&time=10:34&tz=Asia/Kolkata&lat=13.0878"
            "&lon=80.2785" % (month, day))


def wait_for(pred, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.05)
    return pred()


def redis_state(srv):
    st, _, doc = srv.json("GET", "/readyz")
    return st, doc.get("redis")


class Ctx:
    def __init__(self, build, db):
        self.build, self.db = build, db
        p = subprocess.run([os.path.join(build, "kundlid"), "keys", "create", "--user", "alice",
                            "--database-url", db], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise RuntimeError("keys create: " + p.stderr)
        self.auth = {"Authorization": "Bearer " + json.loads(p.stdout)["key"]}
        self.a = self.b = None

    def start(self):
        srv = Server(self.build, "--database-url", self.db, "--redis-url", URL,
                     "--access-log", "false", "--db-pool-min", "1", "--threads", "2")
        if not wait_for(lambda: redis_state(srv)[1] == {"ok": True, "state": "ok"}, 10):
            raise RuntimeError("kundlid never connected to redis: %r" % (redis_state(srv),))
        return srv

    def req(self, srv, method, path, body=None):
        return srv.request(method, path, body, headers=self.auth)

    def save(self, srv, name):
        st, _, raw = self.req(srv, "POST", "/v1/kundlis", {"name": name, "birth": CHENNAI})
        if st != 201:
            raise RuntimeError("save: %d %s" % (st, raw))
        return json.loads(raw)["id"]

    def ids(self, srv):
        st, _, raw = self.req(srv, "GET", LIST)
        return st, [c["id"] for c in json.loads(raw)["items"]] if st == 200 else [], raw


def t_l2_after_restart(s, c):
    a = c.start()
    st, h1, body1 = a.request("GET", chart(7))
    m = a.metrics()
    s.check(st == 200 and m['cache_misses_total{level="l2"}'] == 1 and
            m['cache_hits_total{level="l2"}'] == 0, "first instance: computed, one L2 miss")
    a.stop()
    a = c.a = c.start()  # a fresh L1, the same Redis
    st, h2, body2 = a.request("GET", chart(7))
    m = a.metrics()
    s.check(st == 200 and body2 == body1 and h2.get("etag") == h1.get("etag"),
            "restarted: the same bytes and ETag")
    s.check(m['cache_hits_total{level="l2"}'] == 1 and m['cache_misses_total{level="l2"}'] == 0
            and m['cache_misses_total{level="l1"}'] == 1, "restarted: an L2 hit (%r)" %
            {k: v for k, v in m.items() if k.startswith("cache_") and "level" in k})
    st, _, body3 = a.request("GET", chart(7), headers={"Accept-Encoding": "gzip"})
    m = a.metrics()
    s.check(st == 200 and body3 == body1 and m['cache_hits_total{level="l1"}'] == 1 and
            m['cache_hits_total{level="l2"}'] == 1, "the L2 hit filled L1 (gzip: same document)")


def t_lists_across_instances(s, c):
    a = c.a
    b = c.b = c.start()
    first = c.save(a, "first")
    st, ids1, raw1 = c.ids(b)  # from the store: cached
    st2, ids2, raw2 = c.ids(b)  # from Redis
    m = b.metrics()
    s.check(st == 200 and st2 == 200 and ids1 == [first] and raw2 == raw1,
            "list from Redis is byte-identical to the store's")
    s.check(m['cache_misses_total{level="l2_list"}'] == 1 and
            m['cache_hits_total{level="l2_list"}'] == 1, "B: one list miss, then a hit")
    st, _, raw_a = c.ids(a)
    s.check(raw_a == raw1 and a.metrics()['cache_hits_total{level="l2_list"}'] == 1,
            "A reads the page B cached")
    second = c.save(a, "second")  # B has the page cached
    st, ids, _ = c.ids(b)
    s.check(ids == [second, first], "saved through A, listed through B at once (%r)" % ids)
    s.check(wait_for(lambda: b.metrics()["cache_redis_invalidations_total"] >= 2, 3),
            "B received the writes on the invalidation channel")
    st, _, _ = c.req(b, "PATCH", "/v1/kundlis/" + first, {"name": "renamed"})
    st2, _, raw = c.req(a, "GET", LIST)
    s.check(st == 200 and b'"renamed"' in raw, "patched through B, listed through A at once")
    st, _, _ = c.req(b, "DELETE", "/v1/kundlis/" + second)
    st2, ids, _ = c.ids(a)
    s.check(st == 204 and ids == [first], "deleted through B, gone through A at once")


def t_redis_paused(s, c):
    a, b = c.a, c.b
    c.ids(b)  # the page is cached
    before = a.metrics()
    redis("pause")
    try:
        worst, codes = 0.0, []
        for day in (1, 2, 3):
            t0 = time.time()
            st, _, _ = a.request("GET", chart(day))
            worst = max(worst, time.time() - t0)
            codes.append(st)
        s.check(codes == [200] * 3, "paused: charts still 200 (%r)" % codes)
        s.check(worst < 1.0, "paused: each within 1 s (the 50 ms timeout; worst %.3f s)" % worst)
        saved = c.save(a, "during pause")
        s.check(wait_for(lambda: redis_state(a) == (200, {"ok": False, "state": "degraded"}), 3),
                "paused: /readyz 200, redis degraded (%r)" % (redis_state(a),))
        m = a.metrics()
        s.check(m["cache_redis_timeouts_total"] > before["cache_redis_timeouts_total"] and
                m["cache_redis_errors_total"] >= m["cache_redis_timeouts_total"],
                "paused: timeouts counted (%d)" % m["cache_redis_timeouts_total"])
    finally:
        redis("resume")
    # A's keeper sends the version bump it owes before it reports Redis usable
    s.check(wait_for(lambda: redis_state(a)[1]["state"] == "ok" and
                     redis_state(b)[1]["state"] == "ok", 10), "resumed: both reconnect")
    st, ids, _ = c.ids(b)
    s.check(saved in ids, "the write made during the pause is listed through B (%r)" % ids)


def t_redis_restarted(s, c):
    a, b = c.a, c.b
    errors = a.metrics()["cache_redis_errors_total"]
    redis("down")
    codes = [a.request("GET", chart(day, 11))[0] for day in (1, 2)]
    s.check(codes == [200, 200], "down: charts still 200 (%r)" % codes)
    s.check(wait_for(lambda: redis_state(a) == (200, {"ok": False, "state": "degraded"}), 3),
            "down: /readyz 200, redis degraded")
    s.check(a.metrics()["cache_redis_errors_total"] > errors, "down: errors counted")
    redis("up")  # empty: no persistence
    s.check(wait_for(lambda: redis_state(a)[1]["state"] == "ok" and
                     redis_state(b)[1]["state"] == "ok", 10), "up: both reconnect")
    st, _, body_a = a.request("GET", chart(20, 10))  # computed, fills Redis again
    hits = b.metrics()['cache_hits_total{level="l2"}']
    st2, _, body_b = b.request("GET", chart(20, 10))
    s.check(st == 200 and st2 == 200 and body_b == body_a and
            b.metrics()['cache_hits_total{level="l2"}'] == hits + 1,
            "up: L2 hits again without restarting kundlid")


def main():
    build = sys.argv[1]
    if not URL:
        raise SystemExit("redis_test.py: run it under scripts/redis.sh run")
    s = Suite()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="kundli-redis-") as d:
        c = Ctx(build, "sqlite:" + os.path.join(d, "kundli.db"))
        try:
            s.run([t_l2_after_restart, t_lists_across_instances, t_redis_paused,
                   t_redis_restarted], c)
        finally:
            for srv in (c.a, c.b):
                if srv:
                    rc, _, err = srv.stop()
                    s.check(rc == 0, "kundlid exits 0 (%d %s)" % (rc, err[-300:]))
    s.finish("redis")


if __name__ == "__main__":
    main()
