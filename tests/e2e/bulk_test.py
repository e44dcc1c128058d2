"""Bulk and streamed charts and the N x M matrix, end to end:

- `kundli bulk`: CSV and NDJSON in, NDJSON (each line `kundli chart --json`
  with the id first) or CSV (--fields) out, in input order on several
  threads; error records with their line, exit status 1 then; --resume after
  a cut last line gives the same file as one whole run; bad usage exits 2.
- `kundli match-matrix`: literal kootas of known pairs, a bad row's error
  line, exit status.
- POST /v1/kundli/stream: NDJSON in (chunked), NDJSON out; each line the
  chart of GET /v1/kundli with the id first, or an error line; then
  KUNDLI_TEST_STREAM_ROWS rows (quick 3,000; long 100,000) read slowly at
  first: kundlid's RSS stays bounded (asserted outside sanitizer builds)
  and every row comes back, in order.
- The same stream on --stream-port, both ways at once: a client sends one
  line and gets its answer before it sends the next (also gzip-encoded, each
  chunk decoding to its line) (the main port answers
  only once the body is in); then KUNDLI_TEST_STREAM_ROWS rows of 1 KiB
  while the client does not read for 2 s: the sender is held back (it gets
  no further than the socket buffers allow, a fraction of the body), then
  every row comes back in order; refusals (404, 405, 415, 400 without
  Host, a broken chunk, a 16 KiB head, 503 past stream_connections (and
  heads slower than 1 s cut then), 401
  without the API key under auth_compute) and an over-long line's too_large
  line; then KUNDLI_TEST_DUPLEX_SOAK_MS (quick 2 s, long 30 s) of ten
  clients at once sending garbage, leaving mid-body, reading part of the
  answer or all of it, past stream_connections: afterwards a stream is
  still answered whole, and kundlid stops cleanly with no sanitizer report.
- POST /v1/match/matrix: literal values, per-person error lines, 4xx for a
  bad body.
Expected values: the Chennai 1996 birth is the book case of test_cli.sh
(lagna Capricorn, Moon Swati 1); the pairs are the hand-derived cases of
tests/unit/test_match.c (Revati:1 girl with Anuradha:2 boy: 26 points,
bhakoot 0 with the lords-friends parihara; Swati:1 with Rohini:1: 14.5).
Usage: python3 bulk_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib

from kundlid import Server, Suite, env_count, sanitized

BUILD = sys.argv[1]
KUNDLI = os.path.join(BUILD, "kundli")
STREAM_ROWS = env_count("KUNDLI_TEST_STREAM_ROWS", 3000)
DUPLEX_SOAK_MS = env_count("KUNDLI_TEST_DUPLEX_SOAK_MS", 2000)
RSS_BOUND_MB = 96  # kundlid's growth while streaming, with an 8 MiB L1 cache
CHENNAI = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
           "latitude": 13.0878, "longitude": 80.2785}
CHART_ARGS = ["--date", "1996-12-07", "--time", "10:34", "--tz", "Asia/Kolkata",
              "--lat", "13.0878", "--lon", "80.2785"]


def run(args, stdin=None):
    p = subprocess.run([KUNDLI, *args], input=stdin, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def tmp(text, suffix):
    f = tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False)
    f.write(text)
    f.close()
    return f.name


CSV = """id,date,time,tz,lat,lon,sections
a1,1996-12-07,10:34,Asia/Kolkata,13.0878,80.2785,"planets,houses"
a2,1996-12-07,10:34,Asia/Kolkata,95,80.2785,planets
,1990-01-01,12:00,+05:30,28.6,77.2,planets

a4,2000-02-29,23:59:59,UTC,0,0,planets,extra
a5,1996-12-07,10:34,,,,planets
"""


def test_bulk_ndjson_out(s):
    rc, out, err = run(["bulk", "--in", tmp(CSV, ".csv")])
    s.check(rc == 1, "bulk with bad rows exits 1, got %d: %s" % (rc, err))
    lines = [json.loads(l) for l in out.splitlines()]
    s.check([l["id"] for l in lines] == ["a1", "a2", 4, "a4", "a5"], "ids in order: %r" %
            [l.get("id") for l in lines])
    _, chart, _ = run(["chart", *CHART_ARGS, "--sections", "planets,houses", "--json"])
    first = dict(lines[0])
    del first["id"]
    s.check(first == json.loads(chart), "row a1 is kundli chart --json")
    s.check(out.splitlines()[0].startswith('{"id":"a1","input":'), "the id comes first")
    s.check(lines[0]["ascendant"]["sign"] == "Capricorn", "a1 lagna Capricorn")
    s.check(lines[1] == {"id": "a2", "line": 3, "error": {
        "code": "invalid_latitude", "message": "latitude must be between -90 and 90",
        "field": "birth.latitude"}}, "a2's error record: %r" % lines[1])
    s.check(lines[2]["input"]["latitude"] == 28.6, "a row without id is its line: %r" %
            lines[2].get("id"))
    s.check(lines[3]["line"] == 6 and lines[3]["error"]["code"] == "invalid_value",
            "a row of 8 fields under 7 columns: %r" % lines[3])
    s.check(lines[4]["error"]["field"] == "birth.timezone", "a5 misses its zone")


def test_bulk_csv_out(s):
    rc, out, _ = run(["bulk", "--in", tmp(CSV, ".csv"), "--fields",
                      "planets.Moon.nakshatra,ascendant.sign,planets.moon.pada,input.latitude"])
    rows = out.splitlines()
    s.check(rows[0] == "id,planets.Moon.nakshatra,ascendant.sign,planets.moon.pada,"
            "input.latitude,error_line,error_code,error_field,error_message", "CSV header")
    s.check(rows[1] == "a1,Swati,Capricorn,1,13.0878,,,,", "a1's cells: %r" % rows[1])
    s.check(rows[2] == "a2,,,,,3,invalid_latitude,birth.latitude,"
            "latitude must be between -90 and 90", "a2's error row: %r" % rows[2])
    s.check(rc == 1, "exit 1")


def test_bulk_ndjson_in(s):
    lines = [
        {"id": "n1", "date": "1996-12-07", "time": "10:34", "tz": "Asia/Kolkata",
         "lat": 13.0878, "lon": 80.2785, "sections": ["planets"]},
        {"id": 7, "birth": CHENNAI, "options": {"sections": "planets"}},
        {"id": "p", "date": "1996-12-07", "time": "10:34", "place": "Chennai, India",
         "sections": "planets"},
    ]
    text = "\n".join(json.dumps(l) for l in lines) + "\n{broken\n"
    rc, out, _ = run(["bulk", "--in", "-", "--fields", "planets.Moon.nakshatra,input.latitude"],
                     stdin=text)
    rows = out.splitlines()
    s.check(rows[1] == "n1,Swati,13.0878,,,," and rows[2] == "7,Swati,13.0878,,,,",
            "flat and birth/options lines: %r" % rows[1:3])
    s.check(rows[3].startswith("p,Swati,13.08"), "a place (gazetteer): %r" % rows[3])
    s.check(rows[4].startswith("4,,,4,malformed_json,"), "a broken line: %r" % rows[4])
    s.check(rc == 1, "exit 1")
    rc, _, _ = run(["bulk", "--in", "-"], stdin="\n".join(json.dumps(l) for l in lines))
    s.check(rc == 0, "all rows good: exit 0, got %d" % rc)


def test_bulk_order_threads(s):
    rows = ["id,date,time,tz,lat,lon,sections"]
    for i in range(300):
        rows.append("r%d,%04d-%02d-%02d,%02d:%02d,+05:30,%.4f,77.2,planets" % (
            i, 1900 + i % 200, 1 + i % 12, 1 + i % 28, i % 24, i % 60, -50 + i % 100))
    rc, out, _ = run(["bulk", "--threads", "3", "--in", tmp("\n".join(rows) + "\n", ".csv"),
                      "--fields", "input.date"])
    got = [l.split(",")[0] for l in out.splitlines()[1:]]
    s.check(rc == 0 and got == ["r%d" % i for i in range(300)], "300 rows on 3 threads in order")


def test_bulk_resume(s):
    rows = ["id,date,time,tz,lat,lon,sections"]
    for i in range(40):
        rows.append("r%d,1990-01-%02d,12:00,+05:30,28.6,77.2,planets" % (i, 1 + i % 28))
    src = tmp("\n".join(rows) + "\n", ".csv")
    for fields in ([], ["--fields", "planets.Sun.sign"]):
        whole = tempfile.mktemp()
        part = tempfile.mktemp()
        run(["bulk", "--in", src, "--out", whole, *fields])
        data = open(whole).read()
        lines = data.splitlines(True)
        cut = "".join(lines[:15]) + lines[15][:len(lines[15]) // 2]  # 15 lines and a cut one
        open(part, "w").write(cut)
        rc, _, err = run(["bulk", "--in", src, "--out", part, "--resume", *fields])
        done = 14 if fields else 15  # the CSV header is one of the lines
        s.check(rc == 0 and "%d rows were done" % done in err, "resume: %d %r" % (rc, err))
        s.check(open(part).read() == data, "resumed output equals one whole run %r" % fields)
    rc, _, err = run(["bulk", "--in", src, "--resume"])
    s.check(rc == 2 and "--out" in err, "--resume to standard output: exit 2")


def test_bulk_usage(s):
    rc, _, err = run(["bulk", "--in", tmp("id,date,colour\nx,2000-01-01,red\n", ".csv")])
    s.check(rc == 2 and "unknown column 'colour'" in err, "unknown column: %d %r" % (rc, err))
    rc, _, _ = run(["bulk", "--threads", "0"])
    s.check(rc == 2, "--threads 0")
    rc, _, _ = run(["bulk", "--in", "/nonexistent/x.csv"])
    s.check(rc == 2, "unreadable input")
    rc, out, _ = run(["bulk", "--help"])
    s.check(rc == 0 and "--resume" in out and "--fields" in out, "--help")


def test_matrix_cli(s):
    boys = tmp("id,nakshatra\nB1,Anuradha:2\nB2,Rohini:1\nB3,Nope:1\n", ".csv")
    girls = tmp('{"id":"G1","nakshatra":"Revati","pada":1}\n{"id":"G2","nakshatra":"Swati:1"}\n'
                '{"id":"G3","birth":' + json.dumps(CHENNAI) + '}\n', ".ndjson")
    rc, out, err = run(["match-matrix", "--boys", boys, "--girls", girls, "--top", "2"])
    lines = [json.loads(l) for l in out.splitlines()]
    s.check(rc == 1, "a bad row: exit 1 (%d %s)" % (rc, err))
    s.check(lines[0]["id"] == "B3" and lines[0]["side"] == "boy" and lines[0]["line"] == 4 and
            lines[0]["error"]["code"] == "unknown_nakshatra", "B3's error: %r" % lines[0])
    b1 = lines[1]
    s.check(b1["id"] == "B1" and [m["id"] for m in b1["matches"]] == ["G1", "G2"],
            "B1's top 2: %r" % b1)
    g1 = b1["matches"][0]
    s.check(g1["total"] == 26 and g1["kootas"]["vashya"] == 1 and g1["kootas"]["bhakoot"] == 0
            and g1["exceptions"] == {"bhakoot": "rashi_lords_friends"}, "B1-G1: %r" % g1)
    b2 = {m["id"]: m for m in lines[2]["matches"]}
    s.check(b2["G2"]["total"] == 14.5, "B2-G2 (Rohini:1 with Swati:1): 14.5")
    s.check("manglik_compatible" not in g1, "no manglik without two births")
    rc, out, _ = run(["match-matrix", "--boys", tmp('{"id":"b","birth":%s}\n' % json.dumps(CHENNAI),
                                                     ".ndjson"), "--girls", girls, "--top", "5",
                      "--min-score", "20"])
    m = json.loads(out.splitlines()[0])["matches"]
    s.check(rc == 0 and all(x["total"] >= 20 for x in m), "--min-score 20: %r" % m)
    g3 = [x for x in m if x["id"] == "G3"]
    s.check(g3 and g3[0]["manglik_compatible"] is True and g3[0]["total"] == 28,
            "two births (Swati:1 both): manglik known, 28 points: %r" % g3)
    # a school is a table of its own: the totals of `kundli match --school` (Mula:1 boy,
    # Hasta:1 girl: 15 by the north tables, 14 by jhora's, whose gana differs)
    b = tmp("id,nakshatra\nB1,Mula:1\n", ".csv")
    g = tmp("id,nakshatra\nG1,Hasta:1\n", ".csv")
    for school, total, gana in (("north", 15, 1), ("jhora", 14, 0)):
        _, pair, _ = run(["match", "--school", school, "--boy-nakshatra", "Mula:1",
                          "--girl-nakshatra", "Hasta:1", "--json"])
        rc, out, _ = run(["match-matrix", "--boys", b, "--girls", g, "--school", school])
        m = json.loads(out)["matches"][0]
        s.check(rc == 0 and m["total"] == total == json.loads(pair)["total"] and
                m["kootas"]["gana"] == gana, "--school %s: %r" % (school, m))
    rc, _, err = run(["match-matrix", "--boys", b, "--girls", g, "--system", "porutham"])
    s.check(rc == 2 and "ashtakoota" in err, "--system porutham refused: %d %r" % (rc, err))
    rc, _, _ = run(["match-matrix", "--boys", boys])
    s.check(rc == 2, "no --girls: exit 2")
    rc, _, _ = run(["match-matrix", "--boys", boys, "--girls", girls, "--min-score", "20.3"])
    s.check(rc == 2, "--min-score off the half-point grid: exit 2")


def post_stream(srv, lines, headers=None):
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=120)
    hdrs = {"Content-Type": "application/x-ndjson"}
    hdrs.update(headers or {})
    conn.request("POST", "/v1/kundli/stream", body=iter(lines), headers=hdrs,
                 encode_chunked=True)
    return conn, conn.getresponse()


def test_stream_values(s, srv):
    rows = [json.dumps({"id": "c", "birth": CHENNAI, "options": {"sections": "planets"}}) + "\n",
            "\n",
            '{"id": 5, "birth": {"date": "2000-01-01"}}\n',
            "{not json\n",
            json.dumps({"birth": CHENNAI, "options": {"sections": "houses"}}),  # no newline
            ]
    conn, resp = post_stream(srv, [r.encode() for r in rows])
    body = resp.read().decode()
    conn.close()
    s.check(resp.status == 200 and resp.getheader("Content-Type") == "application/x-ndjson",
            "stream 200 NDJSON")
    out = [json.loads(l) for l in body.splitlines()]
    s.check([o.get("id") for o in out] == ["c", 5, 4, 5], "ids in order: %r" %
            [o.get("id") for o in out])
    status, _, doc = srv.json("POST", "/v1/kundli", {"birth": CHENNAI,
                                                    "options": {"sections": "planets"}})
    first = dict(out[0])
    del first["id"]
    s.check(first == doc, "a stream line is POST /v1/kundli's document")
    s.check(out[1]["error"]["code"] == "missing_field" and out[1]["line"] == 3,
            "line 3's error: %r" % out[1])
    s.check(out[2]["error"]["code"] == "malformed_json" and out[2]["line"] == 4,
            "line 4 is broken: %r" % out[2])
    s.check("houses" in out[3] and out[3]["line"] if "line" in out[3] else "houses" in out[3],
            "a last line without a newline counts")
    status, _, raw = srv.request("POST", "/v1/kundli/stream", raw_body=b"{}",
                                 headers={"Content-Type": "text/plain"})
    s.check(status == 415, "stream wants application/x-ndjson: %d" % status)
    status, _, raw = srv.request("POST", "/v1/kundli/stream", raw_body=b"",
                                 headers={"Content-Type": "application/x-ndjson"})
    s.check(status == 200 and raw == b"", "an empty body: an empty 200")


def rss_mb(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return 0.0


def test_stream_slow_reader(s, srv):
    """STREAM_ROWS rows; the client reads 16 KiB every 50 ms for 2 s, then
    at full speed; RSS sampled all along."""
    base = rss_mb(srv.proc.pid)

    def rows():
        for i in range(STREAM_ROWS):
            b = {"date": "%04d-%02d-%02d" % (1900 + i % 150, 1 + i % 12, 1 + i % 28),
                 "time": "%02d:%02d" % (i % 24, i % 60), "timezone": "+05:30",
                 "latitude": -60 + (i * 7) % 120, "longitude": 77.2}
            yield (json.dumps({"id": "s%d" % i, "birth": b, "options": {"sections": "planets"}})
                   + "\n").encode()

    peak = [base]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb(srv.proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=sample)
    t.start()
    conn, resp = post_stream(srv, rows())
    buf = b""
    t0 = time.time()
    while time.time() - t0 < 2.0:
        chunk = resp.read1(16384)
        if not chunk:
            break
        buf += chunk
        time.sleep(0.05)
    slow_bytes = len(buf)
    n = 0
    ok_order = True
    tail = b""
    for chunk in iter(lambda: resp.read1(1 << 20), b""):
        data = tail + chunk if n or not buf else buf + tail + chunk
        buf = b""
        parts = data.split(b"\n")
        tail = parts.pop()
        for p in parts:
            line = json.loads(p)
            ok_order = ok_order and line.get("id") == "s%d" % n and "planets" in line
            n += 1
    conn.close()
    stop.set()
    t.join()
    s.check(n == STREAM_ROWS and not tail, "all %d rows back, got %d" % (STREAM_ROWS, n))
    s.check(ok_order, "rows in order, each a chart")
    grew = peak[0] - base
    print("  stream of %d rows: slow phase read %d bytes; RSS %.0f MB -> peak %.0f MB "
          "(+%.0f MB)" % (STREAM_ROWS, slow_bytes, base, peak[0], grew), flush=True)
    if not sanitized(BUILD):
        s.check(grew < RSS_BOUND_MB, "kundlid RSS grew %.0f MB (bound %d)" % (grew, RSS_BOUND_MB))


class Duplex:
    """A raw both-ways stream: the request head, body lines as chunks, and
    the chunked answer decoded as it comes."""

    HEAD = (b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\n"
            b"Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")

    def __init__(self, srv, small_buffers=False, extra=b""):
        self.sock = socket.socket()
        if small_buffers:  # the client's own buffers out of the way of the bound
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        self.sock.settimeout(20)
        self.sock.connect((srv.host, srv.stream_port))
        self.sock.sendall(self.HEAD[:-2] + extra + b"\r\n")
        self.buf = b""
        self.lines = []
        self.ended = False
        self.status = self._head()

    def _recv(self):
        b = self.sock.recv(65536)
        if not b:
            raise EOFError("the server closed the stream")
        self.buf += b

    def _head(self):
        while b"\r\n\r\n" not in self.buf:
            self._recv()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        self.head_text = head
        return int(head.split(b" ")[1])

    def send(self, data):
        self.sock.sendall(b"%x\r\n" % len(data) + data + b"\r\n")

    def finish(self):
        self.sock.sendall(b"0\r\n\r\n")

    def chunk(self):
        """The next chunk's bytes (b"" for the last chunk)."""
        while b"\r\n" not in self.buf:
            self._recv()
        size_text, rest = self.buf.split(b"\r\n", 1)
        size = int(size_text, 16)
        while len(rest) < size + 2:
            self._recv()
            rest = self.buf.split(b"\r\n", 1)[1]
        self.buf = rest[size + 2:]
        return rest[:size]

    def line(self):
        """The next answer line (None after the last chunk)."""
        while not self.lines and not self.ended:
            data = self.chunk()
            self.ended = not data
            self.lines += data.splitlines()
        return json.loads(self.lines.pop(0)) if self.lines else None


def test_duplex_interactive(s, srv):
    """Each line's answer comes before the next line is sent."""
    d = Duplex(srv)
    s.check(d.status == 200, "both-ways stream: 200 before any body: %d" % d.status)
    s.check(srv.metrics().get("stream_port_streams") == 1, "stream_port_streams counts it")
    d.send((json.dumps({"id": "c", "birth": CHENNAI, "options": {"sections": "planets"}})
            + "\n").encode())
    first = d.line()
    _, _, doc = srv.json("POST", "/v1/kundli", {"birth": CHENNAI,
                                               "options": {"sections": "planets"}})
    s.check(first.pop("id") == "c" and first == doc,
            "line 1 answered while the body is open, as POST /v1/kundli's document")
    d.send(b'{"id": 7, "birth": {"date": "2000-01-01"}}\n')
    second = d.line()
    s.check(second == {"id": 7, "line": 2, "error": {
        "code": "missing_field", "message": "birth.time is required", "field": "birth.time"}},
        "line 2's error, answered before line 3 is sent: %r" % second)
    d.send(b"\n" + b"x" * 70000 + b"\n")  # a blank line, then one over 64 KiB
    third = d.line()
    s.check(third["line"] == 4 and third["error"]["code"] == "too_large",
            "an over-long line is its own too_large line: %r" % third)
    d.send((json.dumps({"birth": CHENNAI, "options": {"sections": "houses"}})).encode())
    d.finish()
    last = d.line()
    s.check(last and last["id"] == 5 and "houses" in last and d.line() is None and d.ended,
            "a last line without a newline, then the last chunk")
    d.sock.close()


def test_duplex_gzip(s, srv):
    """With Accept-Encoding: gzip each chunk is a sync-flushed piece of one
    gzip member: a line decodes before the next is sent."""
    d = Duplex(srv, extra=b"Accept-Encoding: gzip\r\n")
    s.check(b"Content-Encoding: gzip" in d.head_text, "gzip announced: %r" % d.head_text)
    z = zlib.decompressobj(wbits=31)
    lines = []
    for i in range(2):
        d.send((json.dumps({"id": i, "birth": CHENNAI, "options": {"sections": "planets"}})
                + "\n").encode())
        text = z.decompress(d.chunk())
        lines.append(json.loads(text))
    d.finish()
    tail = z.decompress(d.chunk())
    s.check([l["id"] for l in lines] == [0, 1] and lines[0]["planets"] == lines[1]["planets"],
            "each gzip chunk decodes to its line at once")
    s.check(tail == b"" and z.eof and d.chunk() == b"", "the gzip trailer, then the last chunk")
    d.sock.close()


def test_duplex_backpressure(s, srv):
    """STREAM_ROWS rows of 1 KiB; the client reads nothing for 2 s: the
    sender is held back by TCP; then all rows come back in order."""
    pad = " " * 800
    rows = []
    count = max(STREAM_ROWS, 6000)  # well past what the socket buffers hold
    for i in range(count):
        b = {"date": "%04d-%02d-%02d" % (1900 + i % 150, 1 + i % 12, 1 + i % 28),
             "time": "%02d:%02d" % (i % 24, i % 60), "timezone": "+05:30",
             "latitude": -60 + (i * 7) % 120, "longitude": 77.2}
        rows.append((json.dumps({"id": "d%d" % i, "birth": b, "options": {"sections": "planets"}})
                     + pad + "\n").encode())
    total = sum(len(r) for r in rows)
    base = rss_mb(srv.proc.pid)
    d = Duplex(srv, small_buffers=True)
    sent = [0]

    def sender():
        try:
            for k in range(0, len(rows), 16):
                part = b"".join(rows[k:k + 16])
                d.send(part)
                sent[0] += len(part)
            d.finish()
        except OSError:
            pass

    t = threading.Thread(target=sender)
    t.start()
    time.sleep(2.0)
    held_back = sent[0]
    peak = rss_mb(srv.proc.pid)
    n = 0
    ok_order = True
    while True:
        line = d.line()
        if line is None:
            break
        ok_order = ok_order and line.get("id") == "d%d" % n and "planets" in line
        n += 1
        if n % 500 == 0:
            peak = max(peak, rss_mb(srv.proc.pid))
    t.join()
    d.sock.close()
    print("  both-ways stream of %d rows (%.1f MB): %.1f MB sent while the client did not read; "
          "RSS %.0f MB -> %.0f MB" % (count, total / 1e6, held_back / 1e6, base, peak),
          flush=True)
    s.check(n == count and ok_order, "all %d rows back in order, got %d" % (count, n))
    s.check(held_back < total / 2,
            "the sender is held back while the client does not read: %d of %d bytes sent" %
            (held_back, total))
    if not sanitized(BUILD):
        s.check(peak - base < RSS_BOUND_MB, "kundlid RSS grew %.0f MB" % (peak - base))


def test_duplex_refusals(s, srv):
    def ask(data):
        out = srv.raw(data, port=srv.stream_port)
        status = int(out.split(b" ")[1]) if out.startswith(b"HTTP/1.1 ") else 0
        body = out.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in out else b""
        return status, out, body
    nd = b"Content-Type: application/x-ndjson\r\n"
    cases = [
        (b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", 404, "not_found"),
        (b"GET /v1/kundli/stream HTTP/1.1\r\nHost: t\r\n\r\n", 405, "method_not_allowed"),
        (b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n"
         b"Content-Length: 0\r\n\r\n", 415, "unsupported_media_type"),
        (b"POST /v1/kundli/stream HTTP/1.1\r\n" + nd + b"Content-Length: 0\r\n\r\n", 400,
         "malformed_request"),
        (b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\n" + nd + b"X-Big: " +
         b"a" * 17000 + b"\r\n\r\n", 400, "malformed_request"),
        (b"POST /v1/kundli/stream HTTP/1.0\r\nHost: t\r\n" + nd + b"\r\n", 400,
         "malformed_request"),
        # the framing libmicrohttpd 0.9.75 gets wrong on the main port (docs/API.md)
        (b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\n" + nd + b"X-A: a\x00b\r\n"
         b"Content-Length: 0\r\n\r\n", 400, "malformed_request"),
        (b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\n" + nd +
         b"Content-Length: 18446744073709551621\r\n\r\n", 400, "malformed_request"),
        (b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\n" + nd +
         b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
         "malformed_request"),
    ]
    for data, want, code in cases:
        status, _, body = ask(data)
        got = json.loads(body)["error"]["code"] if body.startswith(b"{") else None
        s.check(status == want and got == code, "%r...: %d %s (want %d %s)" %
                (data[:40], status, got, want, code))
    status, out, _ = ask(b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\nX-Request-Id: r-1\r\n" +
                         nd + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n")
    s.check(b"X-Request-Id: r-1\r\n" in out, "the client's X-Request-Id comes back")
    s.check(status == 200 and not out.endswith(b"0\r\n\r\n"),
            "a broken chunk after the 200: the answer is cut, not ended: %r" % out[-40:])
    held = [Duplex(srv) for _ in range(2)]  # the server runs with --stream-connections 2
    status, out, body = ask(Duplex.HEAD)
    s.check(status == 503 and b"Retry-After: 1" in out and b"overloaded" in body,
            "a third stream past stream_connections: 503 overloaded: %r" % out[:60])
    for d in held:
        d.finish()
        s.check(d.line() is None and d.ended, "an empty both-ways stream ends")
        d.sock.close()
    # Two heads that never end hold both slots: the next connection's 503
    # cuts them (a head has 1 s when every slot is taken), and the try after
    # that gets a stream.
    time.sleep(0.3)  # the two streams above give their slots back
    slow = [socket.create_connection((srv.host, srv.stream_port), timeout=5) for _ in range(2)]
    for c in slow:
        c.sendall(b"POST /v1/kundli/stream HTTP/1.1\r\nHost: t\r\n")
    time.sleep(1.2)
    status, _, _ = ask(Duplex.HEAD)
    s.check(status == 503, "every slot held by a slow head: 503 (%d)" % status)
    s.check(all(c.recv(100) == b"" for c in slow), "the slow heads were cut")
    for c in slow:
        c.close()
    time.sleep(0.3)
    d = Duplex(srv)
    s.check(d.status == 200, "then a stream has room: %d" % d.status)
    d.finish()
    d.sock.close()


def test_duplex_faults(s, srv):
    line = (json.dumps({"id": "x", "birth": CHENNAI, "options": {"sections": "planets"}})
            + "\n").encode()
    counts = {"whole": 0, "other": 0}
    lock = threading.Lock()

    def client(seed):
        rnd = random.Random(seed)
        end = time.time() + DUPLEX_SOAK_MS / 1000.0
        while time.time() < end:
            whole = False
            try:
                c = socket.create_connection((srv.host, srv.stream_port), timeout=5)
                mode = rnd.randrange(5)
                if mode == 0:  # garbage
                    c.sendall(bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300))))
                else:
                    c.sendall(Duplex.HEAD)
                    for _ in range(rnd.randrange(1, 40)):
                        data = line if rnd.random() > 0.05 else b"{bad" + b"y" * 70000 + b"\n"
                        c.sendall(b"%x\r\n" % len(data) + data + b"\r\n")
                        if mode == 1 and rnd.random() < 0.1:
                            break  # leaves mid-body
                        if mode == 2 and rnd.random() < 0.3:
                            c.recv(rnd.randrange(1, 5000))  # reads a little
                    if mode != 1:
                        c.sendall(b"0\r\n\r\n")
                    if mode >= 3:  # reads it all
                        got = b""
                        for b in iter(lambda: c.recv(65536), b""):
                            got += b
                        whole = got.endswith(b"0\r\n\r\n")
                c.close()
            except OSError:  # refused past stream_connections, or reset: fine
                pass
            with lock:
                counts["whole" if whole else "other"] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("  %d s of faulty clients: %d streams read whole, %d others" %
          (DUPLEX_SOAK_MS // 1000, counts["whole"], counts["other"]), flush=True)
    s.check(counts["whole"] > 0, "some streams went through whole during the faults")
    d = Duplex(srv)
    d.send(line)
    d.finish()
    after = d.line()
    s.check(after and after["id"] == "x" and d.line() is None and d.ended,
            "after the faults a stream is answered whole")
    d.sock.close()


def test_duplex_keys(s):
    """With auth_compute the stream door wants an API key, as the main port."""
    db = tempfile.NamedTemporaryFile(suffix=".db", delete=False).name
    url = "sqlite:" + db
    srv = Server(BUILD, "--database-url", url, "--auth-compute", "true", "--stream-port", "0",
                 "--access-log", "false")
    try:
        d = Duplex(srv)
        s.check(d.status == 401 and b"WWW-Authenticate: Bearer" in d.buf + d.head_text,
                "no key: 401 with a Bearer challenge: %d" % d.status)
        p = subprocess.run([os.path.join(BUILD, "kundlid"), "keys", "create", "--user", "u1",
                            "--database-url", url], capture_output=True, text=True, timeout=60)
        key = json.loads(p.stdout)["key"]
        d = Duplex(srv, extra=b"Authorization: Bearer " + key.encode() + b"\r\n")
        d.send((json.dumps({"id": "k", "birth": CHENNAI, "options": {"sections": "planets"}})
                + "\n").encode())
        line = d.line()
        s.check(d.status == 200 and line["id"] == "k" and "planets" in line,
                "with the key: 200 and the chart")
        d.finish()
        d.sock.close()
    finally:
        srv.stop()
        os.unlink(db)


def test_matrix_http(s, srv):
    body = {"boys": [{"id": "B1", "nakshatra": "Anuradha:2"},
                     {"id": "B2", "nakshatra": "Rohini", "pada": 1},
                     {"nakshatra": "x"},
                     {"id": "B4", "birth": dict(CHENNAI, latitude=95)}],
            "girls": [{"id": "G1", "nakshatra": "Revati:1"},
                      {"id": "G2", "birth": CHENNAI}],
            "top": 2}
    status, h, raw = srv.request("POST", "/v1/match/matrix", body)
    s.check(status == 200 and h.get("content-type") == "application/x-ndjson",
            "matrix 200 NDJSON: %d" % status)
    lines = [json.loads(l) for l in raw.decode().splitlines()]
    s.check(lines[0] == {"id": 2, "side": "boy", "index": 2, "error": {
        "code": "invalid_value", "message": "expected NAKSHATRA:PADA, e.g. Anuradha:2, got 'x'",
        "field": "boys[2].nakshatra"}}, "boys[2]'s error: %r" % lines[0])
    s.check(lines[1]["error"]["field"] == "boys[3].birth.latitude", "B4's error: %r" % lines[1])
    b1 = lines[2]
    s.check(b1["id"] == "B1" and b1["matches"][0] == {
        "id": "G1", "total": 26, "kootas": {"varna": 1, "vashya": 1, "tara": 3, "yoni": 2,
                                            "graha_maitri": 5, "gana": 6, "bhakoot": 0,
                                            "nadi": 8},
        "exceptions": {"bhakoot": "rashi_lords_friends"}}, "B1-G1: %r" % b1)
    s.check(lines[3]["id"] == "B2" and len(lines) == 4, "B2 last")
    pair = {"boys": [{"id": "B", "nakshatra": "Mula:1"}], "girls": [{"id": "G", "nakshatra": "Hasta:1"}]}
    for school, total in (("north", 15), ("jhora", 14)):
        status, _, raw = srv.request("POST", "/v1/match/matrix",
                                     dict(pair, options={"school": school}))
        m = json.loads(raw)["matches"][0] if status == 200 else {}
        s.check(m.get("total") == total, "options.school %s: %r" % (school, m))
    for bad, field in (({"boys": [], "girls": [{"nakshatra": "Revati:1"}]}, "boys"),
                       ({"girls": [{"nakshatra": "Revati:1"}]}, "boys"),
                       ({"boys": [{"nakshatra": "Revati:1"}], "girls": [{"nakshatra": "Revati:1"}],
                         "top": 0}, "top"),
                       ({"boys": [{"nakshatra": "Revati:1"}], "girls": [{"nakshatra": "Revati:1"}],
                         "colour": 1}, "colour"),
                       ({"boys": [{"nakshatra": "Revati:1"}], "girls": [{"nakshatra": "Revati:1"}],
                         "options": {"system": "porutham"}}, "options.system"),
                       ({"boys": [{"nakshatra": "Revati:1"}], "girls": [{"nakshatra": "Revati:1"}],
                         "options": {"school": "south"}}, "options.school")):
        status, _, doc = srv.json("POST", "/v1/match/matrix", bad)
        s.check(status == 422 and doc["error"]["field"] == field, "bad matrix %r: %d %r" %
                (bad, status, doc))


def main():
    s = Suite()
    s.run([test_bulk_ndjson_out, test_bulk_csv_out, test_bulk_ndjson_in, test_bulk_order_threads,
           test_bulk_resume, test_bulk_usage, test_matrix_cli, test_duplex_keys])
    open_stream = None
    srv = Server(BUILD, "--cache-mb", "8", "--access-log", "false", "--stream-port", "0",
                 "--stream-connections", "2")
    try:
        s.run([test_stream_values, test_stream_slow_reader, test_duplex_interactive,
               test_duplex_gzip, test_duplex_backpressure, test_duplex_refusals, test_duplex_faults,
               test_matrix_http], srv)
        # SIGTERM with a both-ways stream open: its line is answered, the
        # answer left unfinished, and kundlid stops without waiting on it
        open_stream = Duplex(srv)
        open_stream.send((json.dumps({"id": "t", "birth": CHENNAI,
                                      "options": {"sections": "planets"}}) + "\n").encode())
        s.check(open_stream.line()["id"] == "t", "an open stream's line is answered")
    finally:
        rc, _, err = srv.stop()
    s.check(rc == 0, "kundlid stopped cleanly: %d" % rc)
    try:
        cut = open_stream is not None and open_stream.line() is None and False
    except EOFError:
        cut = True
    s.check(cut, "the open stream was closed unfinished (no last chunk)")
    s.check("Sanitizer" not in err, "no sanitizer report from kundlid: %s" % err[-2000:])
    s.finish("bulk_test")


if __name__ == "__main__":
    main()
