"""Admission control and compute off the I/O threads: under a storm of
concurrent batches (STORM_CLIENTS connections, each sending batches of 100
full charts that miss the cache for STORM_SECONDS), /healthz on another
connection answers every probe with p99 under MAX_P99, and every batch gets
200 or 503 (overloaded or deadline_exceeded, with Retry-After) within the
deadline + 1 s. With --queue-wait-ms 1 bursts of concurrent misses get
some 503 overloaded and the rest 200, counted in overloaded_requests_total.
With one worker and a 300 ms deadline, batches still queued at their
deadline get 503 deadline_exceeded.
Usage: python3 queue_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import http.client
import json
import multiprocessing
import sys
import threading
import time

from kundlid import Server, Suite

STORM_CLIENTS = 20
STORM_SECONDS = 3.0
BATCH = 100
DEADLINE = 5.0     # kundlid's default deadline_ms, in seconds
MAX_P99 = 0.050    # seconds, /healthz during the storm
PROBE_EVERY = 0.02
BURST = 40
BURSTS = 4


def birth(n):
    """A distinct birth per n, so that every chart misses the cache."""
    return {"date": "%04d-%02d-%02d" % (1900 + n // 336 % 200, 1 + n // 28 % 12, 1 + n % 28),
            "time": "%02d:%02d" % (n // 60 % 24, n % 60), "timezone": "Asia/Kolkata",
            "latitude": 13.0878, "longitude": 80.2785}


def post(port, path, body, timeout):
    """Returns (status, headers lower-case, parsed body or None, seconds)."""
    t0 = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", path, body=json.dumps(body).encode(),
                     headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        raw = resp.read()
        h = {k.lower(): v for k, v in resp.getheaders()}
        # a 200 batch is large: parsing it would hold the GIL from the prober
        doc = json.loads(raw) if raw and resp.status != 200 else None
        return resp.status, h, doc, time.monotonic() - t0
    except OSError as e:
        return None, {}, repr(e), time.monotonic() - t0
    finally:
        conn.close()


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("inf")


def probe(port, until, out):
    """GET /healthz every PROBE_EVERY on a fresh connection until `until`
    (monotonic); puts the list of (answered, seconds) on out."""
    probes = []
    while time.monotonic() < until:
        t0 = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            ok = conn.getresponse().status == 200
            conn.close()
        except OSError:
            ok = False
        probes.append((ok, time.monotonic() - t0))
        time.sleep(PROBE_EVERY)
    out.put(probes)


def t_storm(s, build):
    srv = Server(build)
    try:
        stop = time.monotonic() + STORM_SECONDS
        results = []
        lock = threading.Lock()
        seq = [0]

        def client():
            while time.monotonic() < stop:
                with lock:
                    base = seq[0]
                    seq[0] += BATCH
                items = [{"birth": birth(base + i)} for i in range(BATCH)]
                r = post(srv.port, "/v1/kundli/batch", {"items": items}, DEADLINE + 5)
                with lock:
                    results.append(r)

        # The prober is a process of its own: the GIL of the clients' threads
        # must not delay it.
        probes_q = multiprocessing.Queue()
        prober = multiprocessing.Process(target=probe, args=(srv.port, stop + 0.5, probes_q))
        prober.start()
        threads = [threading.Thread(target=client) for _ in range(STORM_CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(DEADLINE + 15)
        probes = probes_q.get(timeout=10)
        prober.join(5)
        s.check(not any(t.is_alive() for t in threads), "every client finished")
        lat = [d for ok, d in probes if ok]
        p99, worst = percentile(lat, 0.99), max(lat or [float("inf")])
        print("storm: %d batches, statuses %r; healthz %d probes, p99 %.1f ms, max %.1f ms" %
              (len(results), sorted({r[0] for r in results}, key=str), len(probes),
               p99 * 1e3, worst * 1e3), flush=True)
        s.check(probes and all(ok for ok, _ in probes), "every /healthz probe answered")
        s.check(p99 < MAX_P99, "/healthz p99 %.1f ms < %.0f ms" % (p99 * 1e3, MAX_P99 * 1e3))
        ok200 = 0
        for st, h, doc, secs in results:
            if st == 200:
                ok200 += 1
            else:
                code = doc["error"]["code"] if isinstance(doc, dict) else doc
                s.check(st == 503 and code in ("overloaded", "deadline_exceeded") and
                        h.get("retry-after") == "1", "batch answer %r %r" % (st, code))
            s.check(secs < DEADLINE + 1, "batch answered in %.2f s" % secs)
        s.check(ok200 > 0, "some batches succeed (%d)" % ok200)
        m = srv.metrics()
        s.check(m.get("work_queue_depth") is not None, "work_queue_depth exported")
    finally:
        rc, _, err = srv.stop()
        s.check(rc == 0, "clean exit after the storm: %r %s" % (rc, err[-300:]))


def t_overloaded(s, build):
    """Admission needs RATE_EVIDENCE completions under load to know the
    drain rate: the first burst teaches it, the later ones are refused in
    part."""
    srv = Server(build, "--queue-wait-ms", "1")
    try:
        results = []
        lock = threading.Lock()

        def client(n, go):
            go.wait()
            r = post(srv.port, "/v1/kundli", {"birth": birth(50000 + n)}, DEADLINE + 5)
            with lock:
                results.append(r)

        for burst in range(BURSTS):
            go = threading.Event()
            threads = [threading.Thread(target=client, args=(burst * BURST + n, go))
                       for n in range(BURST)]
            for t in threads:
                t.start()
            go.set()
            for t in threads:
                t.join(DEADLINE + 10)
        over = [r for r in results if r[0] == 503]
        ok = [r for r in results if r[0] == 200]
        print("burst: %d ok, %d overloaded" % (len(ok), len(over)), flush=True)
        s.check(len(ok) + len(over) == BURST * BURSTS, "every burst request got 200 or 503")
        s.check(ok and over, "some 200 (%d) and some 503 (%d)" % (len(ok), len(over)))
        s.check(all(r[2]["error"]["code"] == "overloaded" and r[1].get("retry-after") == "1"
                    for r in over), "503s are overloaded with Retry-After")
        m = srv.metrics()
        s.check(m.get("overloaded_requests_total") == len(over),
                "overloaded_requests_total %r" % m.get("overloaded_requests_total"))
        s.check(m.get('request_count_total{endpoint="kundli",status="503"}') == len(over),
                "503s counted per endpoint")
    finally:
        rc, _, err = srv.stop()
        s.check(rc == 0, "clean exit after the burst: %r %s" % (rc, err[-300:]))


def t_deadline_in_queue(s, build):
    """One worker, a 300 ms deadline and no admission limit: of 20 batches
    sent at once, those still queued at their deadline (counted from
    arrival) are answered 503 deadline_exceeded, not computed late."""
    srv = Server(build, "--threads", "1", "--deadline-ms", "300", "--queue-wait-ms", "600000")
    try:
        results = []
        lock = threading.Lock()
        go = threading.Event()

        def client(n):
            items = [{"birth": birth(80000 + n * BATCH + i)} for i in range(BATCH)]
            go.wait()
            r = post(srv.port, "/v1/kundli/batch", {"items": items}, DEADLINE + 5)
            with lock:
                results.append(r)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(20)]
        for t in threads:
            t.start()
        go.set()
        for t in threads:
            t.join(DEADLINE + 10)
        late = [r for r in results if r[0] == 503]
        print("deadline: %d ok, %d late" % (len(results) - len(late), len(late)), flush=True)
        s.check(len(results) == 20, "every batch answered")
        s.check(late and all(r[2]["error"]["code"] == "deadline_exceeded" for r in late),
                "queued past the deadline: 503 deadline_exceeded %r" %
                sorted({r[0] for r in results}))
        s.check(all(r[3] < 0.3 + 1 for r in results),
                "answered by deadline + 1 s (slowest %.2f s)" % max(r[3] for r in results))
    finally:
        rc, _, err = srv.stop()
        s.check(rc == 0, "clean exit: %r %s" % (rc, err[-300:]))


if __name__ == "__main__":
    suite = Suite()
    suite.run([t_overloaded, t_deadline_in_queue, t_storm], sys.argv[1])
    suite.finish("queue_test")
