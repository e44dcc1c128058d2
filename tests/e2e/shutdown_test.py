"""kundlid's exit status after SIGTERM: 1 when the drain (drain_seconds)
ends before every response is sent, with the number unfinished in the log;
0 when nothing was in flight. The cut-off response is a batch of 100 full
charts read by a client with a tiny receive buffer, far slower than the 1 s
drain. Usage: python3 shutdown_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import json
import signal
import socket
import subprocess
import sys
import time

from kundlid import Server, Suite

CHENNAI = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
           "latitude": 13.0878, "longitude": 80.2785}


def log_lines(err):
    out = []
    for line in err.splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass
    return out


def wait_exit(srv, timeout):
    try:
        return srv.proc.wait(timeout)
    except subprocess.TimeoutExpired:
        srv.proc.kill()
        return srv.proc.wait()


def t_drain_cut_short(s, build):
    srv = Server(build, "--drain-seconds", "1")
    sock = None
    try:
        items = [{"birth": dict(CHENNAI, latitude=i / 3)} for i in range(100)]
        body = json.dumps({"items": items}).encode()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect
        sock.settimeout(30)
        sock.connect((srv.host, srv.port))
        sock.sendall(b"POST /v1/kundli/batch HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
                     + body)
        resp = sock.recv(1024)  # the response has started
        head = resp.partition(b"\r\n\r\n")[0]
        s.check(resp.startswith(b"HTTP/1.1 200"), "batch answered: %r" % resp[:40])
        s.check(b"transfer-encoding: chunked" in head.lower(), "the batch is streamed")
        t0 = time.monotonic()
        srv.proc.send_signal(signal.SIGTERM)
        # Read about 20 KB/s, for at most 6 s: the body (about 1 MB) cannot
        # all come within the 1 s drain.
        while time.monotonic() - t0 < 6 and srv.proc.poll() is None:
            try:
                b = sock.recv(1024)
            except OSError:
                break
            if not b:
                break
            resp += b
            time.sleep(0.05)
        # a complete chunked body ends with the zero-length chunk
        body_in = resp.partition(b"\r\n\r\n")[2]
        got, whole = len(body_in), body_in.endswith(b"\r\n0\r\n\r\n")
        rc = wait_exit(srv, 15)
        elapsed = time.monotonic() - t0
        err = open(srv.err.name).read()
        print("body %d bytes, complete %r; exit %r after %.1f s" % (got, whole, rc, elapsed),
              flush=True)
        s.check(not whole, "the response was cut off (%d bytes)" % got)
        s.check(rc == 1, "exit status 1 when the drain ends with a transfer unfinished (%r)" % rc)
        logs = log_lines(err)
        cut = [l for l in logs if l.get("msg") == "drain ended with requests unfinished"]
        s.check(len(cut) == 1 and cut[0].get("unfinished") == 1,
                "the log says one request was unfinished: %r" % err[-400:])
        stopped = [l for l in logs if l.get("msg") == "stopped"]
        s.check(len(stopped) == 1 and stopped[0].get("unfinished") == 1 and
                stopped[0].get("exit") == 1, "stopped line %r" % stopped)
        s.check(elapsed < 10, "the drain ended on time (%.1f s)" % elapsed)
    finally:
        if sock:
            sock.close()
        if srv.proc.poll() is None:
            srv.proc.kill()
            srv.proc.wait()


def t_drain_nothing_in_flight(s, build):
    srv = Server(build, "--drain-seconds", "1")
    st, _, _ = srv.request("GET", "/v1/kundli?date=1996-12-07&time=10:34&tz=Asia/Kolkata"
                           "&lat=13.0878&lon=80.2785")
    s.check(st == 200, "a chart before shutdown (%d)" % st)
    t0 = time.monotonic()
    rc, _, err = srv.stop(timeout=15)
    elapsed = time.monotonic() - t0
    s.check(rc == 0, "exit status 0 with nothing in flight (%r) %s" % (rc, err[-300:]))
    stopped = [l for l in log_lines(err) if l.get("msg") == "stopped"]
    s.check(len(stopped) == 1 and stopped[0].get("unfinished") == 0 and
            stopped[0].get("exit") == 0, "stopped line %r" % stopped)
    s.check(elapsed < 5, "no wait for the drain with nothing in flight (%.1f s)" % elapsed)


def main():
    build = sys.argv[1]
    suite = Suite()
    suite.run([t_drain_cut_short, t_drain_nothing_in_flight], build)
    suite.finish("shutdown_test")


if __name__ == "__main__":
    main()
