"""Scale-out on proven parts: three kundlid instances behind nginx (Debian's),
sharing one PostgreSQL (scripts/pg.sh sets KUNDLI_TEST_PG_URL) and one Redis
(scripts/redis.sh sets KUNDLI_TEST_REDIS_URL), all on loopback.
- A chart saved through instance A is listed through B and C at once, though
  both had the list cached in Redis (the per-user version invalidates it).
- Under a wrk load of chart GETs through nginx (new births, computed) while
  a client saves charts through nginx, instance C is killed with SIGKILL and
  Redis is stopped and started again: nginx retries the idempotent requests
  on the survivors and a Redis outage only makes requests compute, so at
  most 0.1 % of GETs fail, and every save that got a 201 is in the store.
- Once Redis is back, L2 hits resume without restarting anything: a chart
  computed through A is an L2 hit through B.
Usage: python3 scaleout_test.py BUILD_DIR
Sizes: KUNDLI_TEST_SCALEOUT_SECONDS (the load, 3), KUNDLI_TEST_SCALEOUT_CONNS
(wrk connections, 50).
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from kundlid import Server, Suite, env_count

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SECONDS = env_count("KUNDLI_TEST_SCALEOUT_SECONDS", 3)
CONNS = env_count("KUNDLI_TEST_SCALEOUT_CONNS", 50)
KILL_AT = 0.4  # of the load's duration
MAX_GET_ERRORS = 0.001
CHENNAI = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
           "latitude": 13.0878, "longitude": 80.2785}

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream kundli {{
{servers}
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://kundli;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_connect_timeout 1s;
            # idempotent requests only (nginx's default): a POST is never sent twice
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 3;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx in the foreground with its own prefix, config and logs in a
    temporary directory, proxying to the given ports."""

    def __init__(self, ports):
        self.tmp = tempfile.mkdtemp(prefix="kundli-nginx-")
        os.chmod(self.tmp, 0o777)  # nginx's workers run as nobody
        self.port = free_port()
        servers = "\n".join("        server 127.0.0.1:%d max_fails=1 fail_timeout=2s;" % p
                            for p in ports)
        conf = os.path.join(self.tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(tmp=self.tmp, servers=servers, port=self.port))
        self.proc = subprocess.Popen(["/usr/sbin/nginx", "-p", self.tmp, "-c", conf,
                                      "-e", os.path.join(self.tmp, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("nginx did not start: %s" % self.proc.stderr.read())
                time.sleep(0.05)
        raise RuntimeError("nginx did not listen")

    def stop(self):
        self.proc.send_signal(signal.SIGQUIT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def request(port, method, path, body=None, key=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = "Bearer " + key
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        return resp.status, json.loads(raw) if raw else None
    finally:
        conn.close()


def make_key(build, url, user):
    p = subprocess.run([os.path.join(build, "kundlid"), "keys", "create", "--user", user,
                        "--database-url", url], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("keys create: %s" % p.stderr)
    return json.loads(p.stdout)["key"]


def listed_ids(port, key):
    ids, cursor = [], ""
    for _ in range(1000):
        st, doc = request(port, "GET", "/v1/kundlis?limit=100" + cursor, key=key)
        if st != 200:
            raise RuntimeError("list: %d %r" % (st, doc))
        ids += [c["id"] for c in doc["items"]]
        if not doc.get("next_cursor"):
            return ids
        cursor = "&cursor=" + doc["next_cursor"]
    raise RuntimeError("list did not end")


def wrk_errors(out):
    """(requests, failed) from wrk's report: non-2xx plus socket errors."""
    total = int(re.search(r"(\d+) requests in", out).group(1))
    failed = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        failed += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        failed += sum(int(x) for x in m.groups())
    return total, failed


def redis_sh(verb):
    subprocess.run(["sh", os.environ["KUNDLI_TEST_REDIS_SH"], verb,
                    os.environ["KUNDLI_TEST_REDIS_DIR"]], check=True, timeout=30)


def metric(srv, name):
    return srv.metrics().get(name, 0)


def t_scaleout(s, build):
    url = os.environ.get("KUNDLI_TEST_PG_URL")
    redis = os.environ.get("KUNDLI_TEST_REDIS_URL")
    if not url or not redis:
        print("scale-out: skipped (run under scripts/pg.sh and scripts/redis.sh)")
        return
    key = make_key(build, url, "scaleout")
    common = ("--database-url", url, "--redis-url", redis, "--access-log", "false",
              "--max-connections-per-ip", "0", "--db-pool-min", "2", "--monitor-interval", "0")
    servers = [Server(build, *common) for _ in range(3)]
    nginx = None
    try:
        a, b, c = (srv.port for srv in servers)
        # the lists are read once before the save, as a cache would keep them
        for port in (b, c):
            s.check(request(port, "GET", "/v1/kundlis?limit=5", key=key)[0] == 200, "list")
        st, doc = request(a, "POST", "/v1/kundlis", {"name": "via A", "birth": CHENNAI}, key=key)
        s.check(st == 201, "saved through A (%d)" % st)
        for name, port in (("B", b), ("C", c)):
            st, lst = request(port, "GET", "/v1/kundlis?limit=5", key=key)
            s.check(st == 200 and lst["items"] and lst["items"][0]["id"] == doc["id"],
                    "the chart saved through A is listed through %s at once" % name)

        nginx = Nginx([a, b, c])
        saved, save_failed = [], [0]
        stop = threading.Event()

        def saver():
            n = 0
            while not stop.is_set():
                n += 1
                birth = dict(CHENNAI, latitude=10 + (n % 5000) / 1000.0)
                try:
                    st, d = request(nginx.port, "POST", "/v1/kundlis",
                                    {"name": "load %d" % n, "birth": birth}, key=key)
                except OSError:
                    st, d = None, None
                if st == 201:
                    saved.append(d["id"])
                else:
                    save_failed[0] += 1

        t = threading.Thread(target=saver)
        t.start()
        env = dict(os.environ, BENCH_LUA_DIR=os.path.join(ROOT, "bench"))
        wrk = subprocess.Popen(["wrk", "-t2", "-c%d" % CONNS, "-d%ds" % SECONDS, "--timeout", "5s",
                                "-s", os.path.join(ROOT, "bench", "new_birth.lua"),
                                "http://127.0.0.1:%d" % nginx.port, "--", "77", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env)
        time.sleep(SECONDS * KILL_AT)
        servers[2].proc.kill()  # SIGKILL: no drain, connections reset
        time.sleep(SECONDS * 0.2)
        redis_sh("down")  # Redis gone in the middle of the load
        time.sleep(SECONDS * 0.2)
        redis_sh("up")  # back, empty (no persistence)
        out, _ = wrk.communicate(timeout=SECONDS + 30)
        stop.set()
        t.join(30)
        total, failed = wrk_errors(out)
        rate = failed / total if total else 1.0
        print("scale-out: %d GETs through nginx, %d failed (%.3f %%); %d saves acknowledged, "
              "%d not" % (total, failed, rate * 100, len(saved), save_failed[0]), flush=True)
        s.check(total > 1000, "the load ran (%d requests)" % total)
        s.check(rate <= MAX_GET_ERRORS, "GET errors %.3f %% <= %.1f %% with one instance killed"
                % (rate * 100, MAX_GET_ERRORS * 100))
        s.check(len(saved) > 0, "saves went through during the load")
        present = set(listed_ids(a, key))
        lost = [i for i in saved if i not in present]
        s.check(not lost, "every acknowledged save is stored: %d of %d missing" %
                (len(lost), len(saved)))
        s.check(metric(servers[0], "cache_redis_errors_total") > 0,
                "A saw the Redis outage (cache_redis_errors_total)")
        # L2 again once the instances have reconnected (backoff up to 2 s)
        q = "/v1/kundli?date=1987-06-05&time=04:03&tz=Asia/Kolkata&lat=%.4f&lon=77.5"
        hits0, ok, n = metric(servers[1], 'cache_hits_total{level="l2"}'), False, 0
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not ok:
            n += 1
            st_a, _ = request(a, "GET", q % (12 + n / 1000.0))  # computed through A
            st_b, _ = request(b, "GET", q % (12 + n / 1000.0))  # through B: an L2 hit?
            ok = st_a == st_b == 200 and \
                metric(servers[1], 'cache_hits_total{level="l2"}') > hits0
            if not ok:
                time.sleep(0.2)
        s.check(ok, "after Redis returned, a chart computed through A is an L2 hit through B "
                "(%d tries)" % n)
    finally:
        if nginx:
            nginx.stop()
        for srv in servers:
            if srv.proc.poll() is None:
                srv.stop()


if __name__ == "__main__":
    suite = Suite()
    suite.run([t_scaleout], sys.argv[1])
    suite.finish("scaleout")
