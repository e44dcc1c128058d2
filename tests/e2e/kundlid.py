"""Start and talk to a real kundlid binary for end-to-end tests.

Only the Python standard library: sockets for raw (malformed) HTTP,
http.client for well-formed requests.
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import gzip
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time



def env_count(name, default):
    """A size from the environment (a whole number >= 1), or default."""
    v = os.environ.get(name, "")
    if not v:
        return default
    if not v.isdigit() or int(v) < 1:
        raise SystemExit("%s=%r: want a whole number >= 1" % (name, v))
    return int(v)

def cmake_flag(build, name):
    """Whether the build directory's CMake cache has option name ON."""
    try:
        return "%s:BOOL=ON" % name in open(os.path.join(build, "CMakeCache.txt")).read()
    except OSError:
        return False


def sanitized(build):
    """An ASan or TSan build: their shadow memory makes RSS say nothing about
    kundlid's own, and their slowdown (2-15x) makes latency bounds
    meaningless there; such checks are printed, not asserted."""
    return cmake_flag(build, "KUNDLI_SANITIZE") or cmake_flag(build, "KUNDLI_TSAN")


class Server:
    """A kundlid process on a free loopback port (it binds port 0)."""

    def __init__(self, build_dir, *args):
        exe = os.path.join(build_dir, "kundlid")
        # A store of its own unless the test names one: never ./data of the tree.
        self.tmp = tempfile.TemporaryDirectory(prefix="kundlid-db-")
        if not any(a == "--database-url" for a in args) and "KUNDLI_DATABASE_URL" not in os.environ:
            args = ("--database-url", "sqlite:" + os.path.join(self.tmp.name, "kundli.db")) + args
        # The logs go to files: a pipe nobody reads would fill and block the server.
        self.out = tempfile.NamedTemporaryFile("w+", prefix="kundlid-out-")
        self.err = tempfile.NamedTemporaryFile("w+", prefix="kundlid-err-")
        self.proc = subprocess.Popen([exe, "--listen", "127.0.0.1:0", *args],
                                     stdout=self.out, stderr=self.err, text=True)
        deadline = time.time() + 30
        line = ""
        while not line.endswith("\n"):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("kundlid did not start: " + open(self.err.name).read())
            time.sleep(0.02)
            line = open(self.out.name).readline()
        started = json.loads(line)
        self.port = started["port"]
        self.stream_port = started.get("stream_port", -1)  # with --stream-port; -1: off
        self.host = "127.0.0.1"

    def request(self, method, path, body=None, headers=None, raw_body=None):
        """Returns (status, headers dict lower-case, body bytes decoded from gzip)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        hdrs = dict(headers or {})
        data = raw_body
        if body is not None:
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        raw = resp.read()
        h = {k.lower(): v for k, v in resp.getheaders()}
        conn.close()
        if h.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        return resp.status, h, raw

    def json(self, method, path, body=None, headers=None, raw_body=None):
        status, h, raw = self.request(method, path, body, headers, raw_body)
        return status, h, (json.loads(raw) if raw else None)

    def raw(self, data, read_timeout=5.0, port=None):
        """Sends bytes on a fresh socket (to port, default the main one) and
        returns whatever comes back."""
        s = socket.create_connection((self.host, port or self.port), timeout=read_timeout)
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                try:
                    b = s.recv(65536)
                except socket.timeout:
                    break
                if not b:
                    break
                chunks.append(b)
            return b"".join(chunks)
        except OSError:  # reset, broken pipe, not connected: the server hung up
            return b"".join(chunks) if "chunks" in locals() else b""
        finally:
            s.close()

    def metrics(self):
        status, _, raw = self.request("GET", "/metrics")
        assert status == 200
        values = {}
        for line in raw.decode().splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values

    def stop(self, sig=signal.SIGTERM, timeout=15):
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        return rc, open(self.out.name).read(), open(self.err.name).read()


class Suite:
    """Collects checks; each test is a function taking the Suite."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what, flush=True)

    def run(self, tests, *args):
        for t in tests:
            before = self.failed
            t0 = time.time()
            try:
                t(self, *args)
            except Exception as e:  # a crash in a test is a failure, not an abort
                self.failed += 1
                print("FAIL: %s raised %r" % (t.__name__, e), flush=True)
            mark = "ok" if self.failed == before else "FAILED"
            print("%-40s %s (%.1fs)" % (t.__name__, mark, time.time() - t0), flush=True)

    def finish(self, name):
        print("%s: %d passed, %d failed" % (name, self.passed, self.failed))
        sys.exit(1 if self.failed else 0)
