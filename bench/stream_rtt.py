#!/usr/bin/env python3
"""stream_rtt.py - the round trip of one line on kundlid's both-ways stream
port: send a line as a chunk, wait for its answer, N times on one stream,
for docs/PERFORMANCE.md. The births vary (no cache hit). Prints the median,
95th percentile and maximum in milliseconds.

    python3 bench/stream_rtt.py PORT [N]
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import json
import socket
import statistics
import sys
import time


def main():
    port = int(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.sendall(b"POST /v1/kundli/stream HTTP/1.1\r\nHost: b\r\n"
              b"Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += s.recv(65536)
    buf = buf.split(b"\r\n\r\n", 1)[1]
    times = []
    for i in range(n):
        line = (json.dumps({"id": i, "birth": {
            "date": "%04d-%02d-%02d" % (1900 + i % 150, 1 + i % 12, 1 + i % 28),
            "time": "%02d:%02d" % (i % 24, i % 60), "timezone": "+05:30",
            "latitude": 13.08, "longitude": 80.27}}) + "\n").encode()
        t0 = time.perf_counter()
        s.sendall(b"%x\r\n" % len(line) + line + b"\r\n")
        while b"\r\n" not in buf:  # the chunk's size line
            buf += s.recv(1 << 20)
        size, buf = buf.split(b"\r\n", 1)
        size = int(size, 16)
        while len(buf) < size + 2:  # the whole answer
            buf += s.recv(1 << 20)
        times.append((time.perf_counter() - t0) * 1000)
        buf = buf[size + 2:]
    s.sendall(b"0\r\n\r\n")
    s.close()
    times.sort()
    print("%d lines (full default chart each): median %.2f ms, p95 %.2f ms, max %.2f ms" %
          (n, statistics.median(times), times[int(0.95 * n) - 1], times[-1]))


if __name__ == "__main__":
    main()
