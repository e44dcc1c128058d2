"""Admission control and compute off the I/O threads: under a storm of
concurrent batches (STORM_CLIENTS connections, each sending batches of 100
full charts that miss the cache for STORM_SECONDS), /healthz on another
connection answers every probe with p99 under MAX_P99, and every batch gets
200 or 503 (overloaded or deadline_exceeded, with Retry-After) within the
deadline + 1 s. With --queue-wait-ms 1, single charts sent while batches
keep the queue busy get some 503 overloaded and the rest 200, counted in overloaded_requests_total.
With one worker and a 300 ms deadline, batches still queued at their
deadline get 503 deadline_exceeded.
Usage: python3 queue_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import gzip
import http.client
import json
import os
import re
import multiprocessing
import sys
import threading
import time

from kundlid import Server, Suite, env_count, sanitized

STORM_CLIENTS = 20
STORM_SECONDS = env_count("KUNDLI_TEST_STORM_MS", 2000) / 1000.0
BATCH = 100
DEADLINE = 5.0     # kundlid's default deadline_ms, in seconds
MAX_P99 = 0.050    # seconds, /healthz during the storm
PROBE_EVERY = 0.02
BURST = 40
LOOP_SECONDS = env_count("KUNDLI_TEST_LOOP_MS", 1500) / 1000.0
BATCHES = 10
BUDGET_CONNS = env_count("KUNDLI_TEST_BUDGET_CONNS", 50)
BUDGET_BATCHES = env_count("KUNDLI_TEST_BUDGET_BATCHES", 200)
SLOW_READERS = 4
SLOW_SECONDS = 2.0
RETRY_SCALE = 0.25


def birth(n):
    """A distinct birth per n, so that every chart misses the cache."""
    return {"date": "%04d-%02d-%02d" % (1900 + n // 336 % 200, 1 + n // 28 % 12, 1 + n % 28),
            "time": "%02d:%02d" % (n // 60 % 24, n % 60), "timezone": "Asia/Kolkata",
            "latitude": 13.0878, "longitude": 80.2785}


def post(port, path, body, timeout, keep_ok=False):
    """Returns (status, headers lower-case, body, seconds until the body was
    read): the parsed body of an error, None for a 200 (parsing a large
    batch would hold the GIL from the other clients), or with keep_ok its
    raw bytes (for the caller to parse once every client is done)."""
    data = json.dumps(body).encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    t0 = time.monotonic()
    try:
        conn.request("POST", path, body=data, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        raw = resp.read()
        secs = time.monotonic() - t0
        h = {k.lower(): v for k, v in resp.getheaders()}
        if resp.status == 200:
            return resp.status, h, raw if keep_ok else None, secs
        return resp.status, h, json.loads(raw) if raw else None, secs
    except OSError as e:
        return None, {}, repr(e), time.monotonic() - t0
    finally:
        conn.close()


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("inf")


def probe(port, until, out, stop=None):
    """GET /healthz every PROBE_EVERY on a fresh connection until `until`
    (monotonic) or the event stop; puts the list of (answered, seconds) on
    out."""
    probes = []
    while time.monotonic() < until and not (stop and stop.is_set()):
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
        s.check(p99 < MAX_P99 or sanitized(build),
                "/healthz p99 %.1f ms < %.0f ms" % (p99 * 1e3, MAX_P99 * 1e3))
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
    """Against a 1 ms queue_wait_ms: BATCHES batches keep the queue busy
    (their steps are queued jobs) while BURST clients send single charts in
    a closed loop for LOOP_SECONDS. Admission trusts the measured drain rate
    after half a second of backlog, then refuses part of the singles."""
    srv = Server(build, "--queue-wait-ms", "1", "--max-connections-per-ip", "0")
    try:
        results = []
        lock = threading.Lock()
        go = threading.Event()
        stop = time.monotonic() + LOOP_SECONDS

        def batch(n):
            go.wait()
            items = [{"birth": birth(90000 + n * BATCH + i)} for i in range(BATCH)]
            post(srv.port, "/v1/kundli/batch", {"items": items}, DEADLINE + 5)

        def client(n):
            go.wait()
            time.sleep(0.05)  # after the batches
            k = 0
            while time.monotonic() < stop:
                r = post(srv.port, "/v1/kundli", {"birth": birth(50000 + n * 10000 + k)},
                         DEADLINE + 5)
                k += 1
                with lock:
                    results.append(r)

        threads = [threading.Thread(target=batch, args=(n,)) for n in range(BATCHES)]
        threads += [threading.Thread(target=client, args=(n,)) for n in range(BURST)]
        for t in threads:
            t.start()
        go.set()
        for t in threads:
            t.join(LOOP_SECONDS + DEADLINE + 10)
        over = [r for r in results if r[0] == 503]
        ok = [r for r in results if r[0] == 200]
        print("closed loop: %d ok, %d overloaded" % (len(ok), len(over)), flush=True)
        s.check(len(ok) + len(over) == len(results), "every request got 200 or 503: %r" %
                [r[:3] for r in results if r[0] not in (200, 503)][:3])
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
    sent at once, a batch whose first step was still queued at its deadline
    (counted from arrival) is answered 503 deadline_exceeded; in a batch
    already streaming, each item the deadline overtakes is that item's
    deadline_exceeded error. Nothing is computed late: every answer comes
    within the deadline + 1 s."""
    srv = Server(build, "--threads", "1", "--deadline-ms", "300", "--queue-wait-ms", "600000")
    try:
        results = []
        lock = threading.Lock()
        go = threading.Event()

        def client(n):
            items = [{"birth": birth(80000 + n * BATCH + i)} for i in range(BATCH)]
            go.wait()
            r = post(srv.port, "/v1/kundli/batch", {"items": items}, DEADLINE + 5, True)
            with lock:
                results.append(r)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(20)]
        for t in threads:
            t.start()
        go.set()
        for t in threads:
            t.join(DEADLINE + 10)
        late = [r for r in results if r[0] == 503]
        streamed = [json.loads(r[2]) for r in results if r[0] == 200]
        late_items = sum(1 for d in streamed for x in d["results"]
                         if x.get("error", {}).get("code") == "deadline_exceeded")
        print("deadline: %d streamed (%d items late), %d late" %
              (len(streamed), late_items, len(late)), flush=True)
        s.check(len(results) == 20, "every batch answered")
        s.check(all(r[2]["error"]["code"] == "deadline_exceeded" for r in late),
                "503s are deadline_exceeded")
        s.check(all(d["errors"] == sum(1 for x in d["results"] if "error" in x) and
                    len(d["results"]) == d["count"] == BATCH for d in streamed),
                "streamed batches are whole, errors counted")
        s.check(len(late) + late_items > 0, "the deadline overtook queued work")
        s.check(all(r[3] < 0.3 + 1 for r in results),
                "answered by deadline + 1 s (slowest %.2f s)" % max(r[3] for r in results))
    finally:
        rc, _, err = srv.stop()
        s.check(rc == 0, "clean exit: %r %s" % (rc, err[-300:]))


def peak_rss_mib(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return float("inf")


def t_budget(s, build):
    """BUDGET_CONNS connections send BUDGET_BATCHES batches of 100 full
    charts, all new births, gzip accepted, while SLOW_READERS connections
    send a batch and read nothing for SLOW_SECONDS (a refused client waits
    RETRY_SCALE × Retry-After before its next batch): every batch gets 200
    (complete) or 503 with Retry-After, none times out, /healthz keeps p99
    under MAX_P99, and kundlid's peak RSS stays under the response budget
    plus 64 MiB (with an 8 MiB cache): large answers are streamed, paused
    for slow readers, and admitted only within max_inflight_bytes."""
    budget_mib = 64
    srv = Server(build, "--max-inflight-bytes", str(budget_mib << 20), "--cache-mb", "8",
                 "--max-connections-per-ip", "0", "--access-log", "false")
    try:
        lock = threading.Lock()
        tickets = [0]
        results = []

        def client(slow):
            while True:
                with lock:
                    n = tickets[0]
                    tickets[0] += 1
                if n >= BUDGET_BATCHES:
                    return
                items = [{"birth": birth(200000 + n * BATCH + i)} for i in range(BATCH)]
                t0 = time.monotonic()
                conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=DEADLINE + 10)
                try:
                    conn.request("POST", "/v1/kundli/batch", body=json.dumps({"items": items}),
                                 headers={"Content-Type": "application/json",
                                          "Accept-Encoding": "gzip"})
                    resp = conn.getresponse()
                    if slow:
                        time.sleep(SLOW_SECONDS)
                    raw = resp.read()
                    r = (resp.status, resp.getheader("Retry-After"), raw, None)
                except (OSError, http.client.HTTPException) as e:
                    r = (None, None, b"", repr(e))
                finally:
                    conn.close()
                with lock:
                    results.append(r + (time.monotonic() - t0,))
                if slow:
                    return
                if r[0] == 503:  # as Retry-After asks, on a shorter scale
                    time.sleep(RETRY_SCALE * float(r[1] or 1))

        probes_q = multiprocessing.Queue()
        done = multiprocessing.Event()
        threads = [threading.Thread(target=client, args=(i < SLOW_READERS,))
                   for i in range(BUDGET_CONNS)]
        prober = multiprocessing.Process(target=probe, args=(srv.port, time.monotonic() + 900,
                                                             probes_q, done))
        prober.start()
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(600)
        took = time.monotonic() - t0
        done.set()
        probes = probes_q.get(timeout=10)
        prober.join(5)
        lat = [d for ok, d in probes if ok]
        p99 = percentile(lat, 0.99)
        hwm = peak_rss_mib(srv.proc.pid)
        m = srv.metrics()
        statuses = {}
        for st, *_ in results:
            statuses[st] = statuses.get(st, 0) + 1
        print("budget: %d batches in %.1f s: %r; peak RSS %.1f MiB (budget %d MiB); "
              "overloaded %r; healthz %d probes, p99 %.1f ms" %
              (len(results), took, statuses, hwm, budget_mib,
               m.get("overloaded_requests_total"), len(probes), p99 * 1e3), flush=True)
        s.check(probes and all(ok for ok, _ in probes), "every /healthz probe answered")
        s.check(p99 < MAX_P99 or sanitized(build),
                "/healthz p99 %.1f ms < %.0f ms" % (p99 * 1e3, MAX_P99 * 1e3))
        s.check(len(results) == BUDGET_BATCHES, "every batch answered (%d)" % len(results))
        s.check(not any(r[3] for r in results), "none failed or timed out: %r" %
                [r[3] for r in results if r[3]][:3])
        s.check(statuses.get(200, 0) > 0, "some batches complete")
        parsed = 0
        for st, retry, raw, _, secs in results:
            if st == 200:
                body = gzip.decompress(raw)  # checks the gzip member's CRC and length
                s.check(body.startswith(b'{"count":%d,"results":[' % BATCH) and
                        re.search(rb'\],"errors":\d+\}$', body[-40:]) is not None,
                        "a 200 batch is whole: %r ... %r" % (body[:30], body[-30:]))
                if parsed < 3:  # parsing every one would take seconds
                    doc = json.loads(body)
                    errors = sum(1 for x in doc["results"] if "error" in x)
                    s.check(len(doc["results"]) == BATCH and doc["errors"] == errors,
                            "a 200 batch parses: %d results, %d errors" %
                            (len(doc["results"]), errors))
                    parsed += 1
            else:
                s.check(st == 503 and retry == "1", "a refusal is 503 with Retry-After (%r)" % st)
        if not sanitized(build):
            s.check(hwm <= budget_mib + 64, "peak RSS %.1f MiB <= budget + 64 MiB" % hwm)
        s.check(m.get("response_bytes_held") == 0, "the budget is all given back")
    finally:
        rc, _, err = srv.stop()
        s.check(rc == 0, "clean exit: %r %s" % (rc, err[-300:]))


if __name__ == "__main__":
    suite = Suite()
    suite.run([t_overloaded, t_deadline_in_queue, t_storm, t_budget], sys.argv[1])
    suite.finish("queue_test")
