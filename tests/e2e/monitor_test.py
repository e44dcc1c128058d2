"""The resource monitor end to end, against two kundlid processes at once
(so the whole test takes about as long as one):

A: --monitor-interval 1 and a 4xx-rate threshold of 0.0001 %, its webhook
   a local receiver (http.server on 127.0.0.1, a thread). A few 404s make
   the first interval's 4xx rate 100 %: one "firing" alert, POSTed with
   {metric, value, threshold, timestamp, state, instance}; then only 200s:
   the next interval resolves it. GET /v1/admin/alerts lists both (newest
   first), GET /v1/admin/resources?since= has >= 2 samples with sane
   values, 401 without a key and 403 with a user's key; alerts_total
   counts them.
B: the same, its webhook a socket that accepts and never answers: the
   alert is tried 3 times, 0.3 s each, and counted in
   webhook_failures_total, while /healthz stays fast meanwhile.
Usage: python3 monitor_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402

# CPU, memory and disk I/O of a shared test machine are not ours to
# predict: their thresholds are set out of reach (100 %), and so are the
# latency ones; only the 4xx rate is made to fire.
QUIET = ("--alert-cpu", "100", "--alert-memory", "100", "--alert-disk-io", "100",
         "--alert-p95", "3600", "--alert-p99", "3600", "--alert-5xx-rate", "100")


class Receiver:
    """A webhook receiver: every POSTed body, parsed, in .alerts."""

    def __init__(self):
        self.alerts = []
        self.cond = threading.Condition()
        outer = self

        class H(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                with outer.cond:
                    outer.alerts.append((self.headers.get("Content-Type"), json.loads(body)))
                    outer.cond.notify_all()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = "http://127.0.0.1:%d/hook" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def wait_for(self, pred, timeout):
        with self.cond:
            return self.cond.wait_for(lambda: any(pred(a) for _, a in self.alerts), timeout)


def make_key(build, url, user, admin=False):
    p = subprocess.run([os.path.join(build, "kundlid"), "keys", "create", "--user", user,
                        "--database-url", url, *(["--admin"] if admin else [])],
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("keys create: " + p.stderr)
    return {"Authorization": "Bearer " + json.loads(p.stdout)["key"]}


def is_4xx(state):
    return lambda a: a.get("metric") == "4xx_rate" and a.get("state") == state


def run_a(s, build, out):
    tmp = tempfile.TemporaryDirectory(prefix="kundli-monitor-")
    url = "sqlite:" + os.path.join(tmp.name, "k.db")
    admin = make_key(build, url, "root", admin=True)
    user = make_key(build, url, "alice")
    rcv = Receiver()
    t_start = time.time()
    srv = Server(build, "--database-url", url, "--access-log", "false", "--monitor-interval", "1",
                 "--alert-4xx-rate", "0.0001", "--alert-webhook", rcv.url, *QUIET)
    try:
        for _ in range(3):
            st, _, _ = srv.request("GET", "/no/such/path")
            s.check(st == 404, "A: 404 (%d)" % st)
        st, _, doc = srv.json("GET", "/v1/admin/alerts")
        s.check(st == 401, "A: alerts without a key: 401 (%d)" % st)
        st, _, doc = srv.json("GET", "/v1/admin/resources", headers=user)
        s.check(st == 403 and doc["error"]["code"] == "forbidden",
                "A: resources with a user's key: 403 (%d)" % st)
        s.check(rcv.wait_for(is_4xx("firing"), 5), "A: the webhook got the firing alert")
        # only 200s from now on: the next interval resolves it
        stop = threading.Event()

        def healthz():
            while not stop.is_set():
                srv.request("GET", "/healthz")
                time.sleep(0.05)
        th = threading.Thread(target=healthz)
        th.start()
        resolved = rcv.wait_for(is_4xx("resolved"), 5)
        stop.set()
        th.join()
        s.check(resolved, "A: the webhook got the recovery")
        got = [(ct, a) for ct, a in rcv.alerts if a.get("metric") == "4xx_rate"]
        s.check(len(got) == 2, "A: one firing and one resolved POST, no repeat: %r" % got)
        ct, fired = got[0]
        s.check(ct == "application/json", "A: posted as application/json (%r)" % ct)
        s.check(set(fired) == {"metric", "value", "threshold", "timestamp", "state", "instance"},
                "A: alert fields %r" % sorted(fired))
        s.check(fired["state"] == "firing" and fired["value"] == 100 and
                fired["threshold"] == 0.0001 and fired["timestamp"].endswith("Z") and
                fired["instance"].endswith(":%d" % srv.port), "A: firing alert %r" % fired)
        s.check(got[1][1]["state"] == "resolved" and got[1][1]["value"] == 0,
                "A: resolved alert %r" % (got[1][1],))

        st, _, doc = srv.json("GET", "/v1/admin/alerts", headers=admin)
        mine = [a for a in (doc or {}).get("alerts", []) if a["metric"] == "4xx_rate"]
        s.check(st == 200 and [a["state"] for a in mine] == ["resolved", "firing"],
                "A: /v1/admin/alerts lists them newest first: %d %r" % (st, doc))
        s.check(mine and mine[1]["timestamp"] == fired["timestamp"] and mine[1]["value"] == 100,
                "A: the stored alert is the posted one")
        since = mine[0]["timestamp"] if mine else ""
        st, _, doc = srv.json("GET", "/v1/admin/alerts?since=" + since, headers=admin)
        s.check(st == 200 and [a["state"] for a in doc["alerts"]
                               if a["metric"] == "4xx_rate"] == ["resolved"],
                "A: alerts since the recovery: only it (%r)" % doc)
        st, _, doc = srv.json("GET", "/v1/admin/alerts?since=yesterday", headers=admin)
        s.check(st == 422 and doc["error"]["code"] == "invalid_value" and
                doc["error"]["field"] == "since", "A: a bad since: 422 (%d)" % st)

        begin = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t_start - 1))
        st, _, doc = srv.json("GET", "/v1/admin/resources?since=" + begin, headers=admin)
        samples = (doc or {}).get("samples", [])
        s.check(st == 200 and len(samples) >= 2, "A: >= 2 samples (%d, %d)" % (st, len(samples)))
        sane = all(0 <= x[k] <= 100 for x in samples
                   for k in ("cpu", "memory", "disk") if x[k] is not None)
        s.check(sane and all(x["memory"] is not None and x["memory"] > 0 for x in samples),
                "A: percentages within 0..100: %r" % samples[:2])
        s.check([x["timestamp"] for x in samples] == sorted(x["timestamp"] for x in samples),
                "A: samples oldest first")
        # the three 404s, the 401 and the 403, whichever intervals they fell in
        four = sum(round(x["requests"] * x["rate_4xx"] / 100) for x in samples
                   if x["requests"] and x["rate_4xx"] is not None)
        s.check(four >= 5, "A: the samples count the 4xx answers (%d of >= 5): %r" %
                (four, samples[:3]))
        s.check(all(x["rss_bytes"] > 0 for x in samples), "A: rss_bytes")
        st, _, doc = srv.json("GET", "/v1/admin/resources?since=%s&limit=1" % begin,
                              headers=admin)
        s.check(st == 200 and len(doc["samples"]) == 1 and doc["next_since"] is not None,
                "A: limit=1 gives one sample and next_since (%r)" % doc)
        m = srv.metrics()
        s.check(m.get('alerts_total{metric="4xx_rate",state="firing"}') == 1 and
                m.get('alerts_total{metric="4xx_rate",state="resolved"}') == 1,
                "A: alerts_total counts them")
        s.check(m.get("webhook_sent_total", 0) >= 2 and m.get("webhook_failures_total") == 0,
                "A: webhook_sent_total")
    finally:
        rc, _, err = srv.stop()
        rcv.httpd.shutdown()
    s.check(rc == 0, "A: exits 0 (%d)" % rc)
    lines = [json.loads(l) for l in err.splitlines() if l.startswith("{")]
    logged = [l["alert"] for l in lines if l.get("msg") == "alert"
              and l["alert"]["metric"] == "4xx_rate"]
    s.check([a["state"] for a in logged] == ["firing", "resolved"] and
            logged[0] == fired, "A: each alert logged as one JSON line: %r" % logged)
    out["a"] = True


def run_b(s, build, out):
    # a webhook that accepts connections (the kernel does, from the backlog)
    # and never answers
    hang = socket.socket()
    hang.bind(("127.0.0.1", 0))
    hang.listen(16)
    url = "http://127.0.0.1:%d/hook" % hang.getsockname()[1]
    srv = Server(build, "--access-log", "false", "--monitor-interval", "1",
                 "--alert-4xx-rate", "0", "--alert-webhook", url,
                 "--alert-webhook-timeout-ms", "300", *QUIET)
    try:
        srv.request("GET", "/no/such/path")
        # the alert fires at the next tick and its 3 tries take ~1.5 s:
        # /healthz meanwhile
        lat = []
        t_end = time.time() + 2.0
        while time.time() < t_end:
            t0 = time.perf_counter()
            st, _, _ = srv.request("GET", "/healthz")
            lat.append(time.perf_counter() - t0)
            time.sleep(0.02)
        lat.sort()
        p99 = lat[int(len(lat) * 0.99) - 1] if lat else 9
        s.check(p99 < 0.25, "B: /healthz p99 %.1f ms while the webhook hangs" % (p99 * 1000))
        failed = 0
        deadline = time.time() + 4
        while time.time() < deadline:
            failed = srv.metrics().get("webhook_failures_total", 0)
            if failed >= 1:
                break
            time.sleep(0.1)
        s.check(failed >= 1, "B: webhook_failures_total >= 1 (%s)" % failed)
        m = srv.metrics()
        s.check(m.get('alerts_total{metric="4xx_rate",state="firing"}') == 1,
                "B: the alert fired")
        s.check(m.get("webhook_sent_total") == 0, "B: nothing sent")
        t0 = time.time()
    finally:
        rc, _, _ = srv.stop()
        hang.close()
    s.check(rc == 0 and time.time() - t0 < 5, "B: stops at once (%d, %.1f s)" % (rc, time.time() - t0))
    out["b"] = True


def t_monitor(s, build):
    out = {}
    threads = [threading.Thread(target=f, args=(s, build, out)) for f in (run_a, run_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    s.check(out.get("a") and out.get("b"), "both parts ran to the end")


def main():
    build = sys.argv[1]
    s = Suite()
    s.run([t_monitor], build)
    s.finish("monitor_test")


if __name__ == "__main__":
    main()
