/* fuzz_http.c - libFuzzer harness for kundlid's HTTP front doors: each input
 * is raw bytes sent over loopback to an in-process kundlid, once to the main
 * port (libmicrohttpd's parser, the access handler, routing and every
 * handler) and once to the both-ways stream port (http-parser and
 * duplex.c), whose answers are read until the server closes the connection
 * or, having answered, goes quiet. After an input a door did not answer,
 * and every 64 inputs, each door must answer within HANG_SECONDS (the main
 * one /healthz, the stream one a 404), or the run aborts as a hang.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "fuzz_context.h"
#include "service/cache.h"
#include "service/config.h"
#include "service/duplex.h"
#include "service/http.h"
#include "service/metrics.h"
#include "service/service.h"
#include "service/workpool.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define HANG_SECONDS 5
#define TICK_MS 20
#define SILENCE_MS 100 /* an input the server still waits on is left here */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ports[2]; /* the main port, the stream port */

/* The server, started on the first input: 2 threads, a small cache, a
 * 1 s idle timeout and a 1 s deadline, no access log. */
static void server_start(void)
{
    static struct service svc;
    if (ports[0])
        return;
    char *argv[] = {"fuzz_http",          "--listen",      "127.0.0.1:0", "--threads",
                    "2",                  "--cache-mb",    "8",           "--deadline-ms",
                    "1000",               "--connection-timeout", "1",    "--access-log",
                    "false",              "--stream-port", "0"};
    signal(SIGPIPE, SIG_IGN);
    if (config_load(&svc.cfg, (int)(sizeof argv / sizeof argv[0]), argv) != 0)
        abort();
    svc.engine = *engine();
    svc.cache = cache_create((size_t)svc.cfg.cache_mb << 20, svc.cfg.cache_ttl);
    svc.metrics = service_metrics_create();
    svc.pool = workpool_create(2);
    if (http_start(&svc, &ports[0]) != 0 || duplex_start(&svc, &ports[1]) != 0)
        abort();
}

/* Sends size bytes to the server and reads its answer: until it closes,
 * or it answered and then went quiet for a tick (kept alive), or it stayed
 * silent for `silence_ms` (still waiting for the rest of a request).
 * Returns true when it answered or closed. */
static bool exchange(int port, const uint8_t *data, size_t size, int silence_ms)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    struct timeval send_limit = {HANG_SECONDS, 0}, tick = {0, TICK_MS * 1000};
    char buf[65536];
    bool answered = false;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_limit, sizeof send_limit);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
        goto out;
    for (size_t sent = 0; sent < size;) {
        ssize_t n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server may close early on a bad request */
        sent += (size_t)n;
    }
    for (int quiet = 0;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            answered = true; /* data, a close, or a reset */
            if (n <= 0)
                break;
            quiet = 0;
            continue;
        }
        if (answered || ++quiet * TICK_MS >= silence_ms)
            break;
    }
out:
    close(fd);
    return answered;
}

/* Door `door` must still answer a GET /healthz within HANG_SECONDS. */
static void check_alive(int door)
{
    static const char probe[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    if (!exchange(ports[door], (const uint8_t *)probe, sizeof probe - 1, HANG_SECONDS * 1000)) {
        fprintf(stderr, "fuzz_http: %s port unanswered for %d s: the server hangs\n",
                door ? "the stream" : "the main", HANG_SECONDS);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned runs;
    server_start();
    runs++;
    for (int door = 0; door < 2; door++)
        if (!exchange(ports[door], data, size, SILENCE_MS) || runs % 64 == 0)
            check_alive(door);
    return 0;
}
