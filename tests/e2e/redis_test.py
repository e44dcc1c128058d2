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
        self.keys = [self.make_key(user) for user in ("alice", "carol")]
        self.auth = self.keys[0]
        self.a = self.b = None
        self.slow = 0  # Redis errors seen by the test running now

    def make_key(self, user):
        p = subprocess.run([os.path.join(self.build, "kundlid"), "keys", "create", "--user", user,
                            "--database-url", self.db], capture_output=True, text=True,
                           timeout=60)
        if p.returncode != 0:
            raise RuntimeError("keys create: " + p.stderr)
        return {"Authorization": "Bearer " + json.loads(p.stdout)["key"]}

    def note(self, *servers):
        """Adds the Redis errors these servers counted to self.slow."""
        for srv in servers:
            self.slow += srv.metrics()["cache_redis_errors_total"]

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


def forgiving(t):
    """Runs t(s, c, attempt) once more, with fresh data, when it failed while
    Redis answered slower than its 50 ms timeout (a loaded machine): every
    check still has to pass in one attempt; only that slowness is excused."""
    def run(s, c):
        for attempt in (0, 1):
            trial = Suite()
            c.slow = 0
            t(trial, c, attempt)
            if trial.failed == 0 or c.slow == 0 or attempt == 1:
                s.passed += trial.passed
                s.failed += trial.failed
                return
            print("note: %d Redis errors (slower than 50 ms under load); once more" % c.slow,
                  flush=True)
    run.__name__ = t.__name__
    return run


@forgiving
def t_l2_after_restart(s, c, attempt):
    if c.a:
        c.a.stop()
    a = c.start()
    day = 7 + attempt
    st, h1, body1 = a.request("GET", chart(day))
    m = a.metrics()
    c.slow += m["cache_redis_errors_total"]
    s.check(st == 200 and m['cache_misses_total{level="l2"}'] == 1 and
            m['cache_hits_total{level="l2"}'] == 0, "first instance: computed, one L2 miss")
    a.stop()
    a = c.a = c.start()  # a fresh L1, the same Redis
    st, h2, body2 = a.request("GET", chart(day))
    m = a.metrics()
    s.check(st == 200 and body2 == body1 and h2.get("etag") == h1.get("etag"),
            "restarted: the same bytes and ETag")
    s.check(m['cache_hits_total{level="l2"}'] == 1 and m['cache_misses_total{level="l2"}'] == 0
            and m['cache_misses_total{level="l1"}'] == 1, "restarted: an L2 hit (%r)" %
            {k: v for k, v in m.items() if k.startswith("cache_") and "level" in k})
    st, _, body3 = a.request("GET", chart(day), headers={"Accept-Encoding": "gzip"})
    m = a.metrics()
    c.note(a)
    s.check(st == 200 and body3 == body1 and m['cache_hits_total{level="l1"}'] == 1 and
            m['cache_hits_total{level="l2"}'] == 1, "the L2 hit filled L1 (gzip: same document)")


@forgiving
def t_lists_across_instances(s, c, attempt):
    a = c.a
    b = c.b = c.b or c.start()
    c.auth = c.keys[attempt]  # a user with no charts yet
    lists = b.metrics()['cache_misses_total{level="l2_list"}']
    hits = {srv: srv.metrics()['cache_hits_total{level="l2_list"}'] for srv in (a, b)}
    invalidations = b.metrics()["cache_redis_invalidations_total"]
    errors = sum(srv.metrics()["cache_redis_errors_total"] for srv in (a, b))
    first = c.save(a, "first")
    st, ids1, raw1 = c.ids(b)  # from the store: cached
    st2, ids2, raw2 = c.ids(b)  # from Redis
    m = b.metrics()
    s.check(st == 200 and st2 == 200 and ids1 == [first] and raw2 == raw1,
            "list from Redis is byte-identical to the store's")
    s.check(m['cache_misses_total{level="l2_list"}'] == lists + 1 and
            m['cache_hits_total{level="l2_list"}'] == hits[b] + 1, "B: one list miss, then a hit")
    st, _, raw_a = c.ids(a)
    s.check(raw_a == raw1 and a.metrics()['cache_hits_total{level="l2_list"}'] == hits[a] + 1,
            "A reads the page B cached")
    second = c.save(a, "second")  # B has the page cached
    st, ids, _ = c.ids(b)
    s.check(ids == [second, first], "saved through A, listed through B at once (%r)" % ids)
    s.check(wait_for(lambda: b.metrics()["cache_redis_invalidations_total"] >=
                     invalidations + 2, 3), "B received the writes on the invalidation channel")
    st, _, _ = c.req(b, "PATCH", "/v1/kundlis/" + first, {"name": "renamed"})
    st2, _, raw = c.req(a, "GET", LIST)
    s.check(st == 200 and b'"renamed"' in raw, "patched through B, listed through A at once")
    st, _, _ = c.req(b, "DELETE", "/v1/kundlis/" + second)
    st2, ids, _ = c.ids(a)
    s.check(st == 204 and ids == [first], "deleted through B, gone through A at once")
    c.note(a, b)
    c.slow -= errors


def t_redis_paused(s, c):
    a, b = c.a, c.b
    c.auth = c.keys[0]
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


@forgiving
def t_redis_restarted(s, c, attempt):
    a, b = c.a, c.b
    errors = a.metrics()["cache_redis_errors_total"]
    redis("down")
    codes = [a.request("GET", chart(day + 2 * attempt, 11))[0] for day in (1, 2)]
    s.check(codes == [200, 200], "down: charts still 200 (%r)" % codes)
    s.check(wait_for(lambda: redis_state(a) == (200, {"ok": False, "state": "degraded"}), 3),
            "down: /readyz 200, redis degraded")
    s.check(a.metrics()["cache_redis_errors_total"] > errors, "down: errors counted")
    redis("up")  # empty: no persistence
    s.check(wait_for(lambda: redis_state(a)[1]["state"] == "ok" and
                     redis_state(b)[1]["state"] == "ok", 10), "up: both reconnect")
    c.note(a, b)
    c.slow = -c.slow  # only errors from here on excuse a failure
    st, _, body_a = a.request("GET", chart(20 + attempt, 10))  # computed, fills Redis again
    hits = b.metrics()['cache_hits_total{level="l2"}']
    st2, _, body_b = b.request("GET", chart(20 + attempt, 10))
    s.check(st == 200 and st2 == 200 and body_b == body_a and
            b.metrics()['cache_hits_total{level="l2"}'] == hits + 1,
            "up: L2 hits again without restarting kundlid")
    c.note(a, b)


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
