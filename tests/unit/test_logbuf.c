/* test_logbuf.c - the access-log sink (service/logbuf.c): lines arrive
 * whole and in order, from one or several appending threads, and all of
 * them by logbuf_destroy; when nobody reads the pipe the bounded buffer
 * drops and counts lines, an append never waits for the reader, and
 * destroy still returns; a closed sink loses lines without harm.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "service/logbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A thread that reads a pipe to its end. */
struct reader {
    int fd;
    char *buf;
    size_t len, cap;
    pthread_t thread;
};

static void *read_all(void *arg)
{
    struct reader *r = arg;
    for (;;) {
        if (r->cap - r->len < 65536) {
            r->cap = r->cap * 2 + 65536;
            r->buf = realloc(r->buf, r->cap + 1);
            if (!r->buf)
                abort();
        }
        ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        r->len += (size_t)n;
    }
    r->buf[r->len] = '\0';
    return NULL;
}

/* A pipe with a reader thread; *write_fd is for the logbuf. */
static void reader_start(struct reader *r, int *write_fd)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    memset(r, 0, sizeof *r);
    r->fd = fds[0];
    *write_fd = fds[1];
    assert_int_equal(pthread_create(&r->thread, NULL, read_all, r), 0);
}

/* Closes the write end and waits for the reader to see the end. */
static void reader_finish(struct reader *r, int write_fd)
{
    close(write_fd);
    pthread_join(r->thread, NULL);
    close(r->fd);
}

static size_t line(char *out, size_t cap, const char *who, int i)
{
    int n = snprintf(out, cap, "{\"who\":\"%s\",\"n\":%05d,\"pad\":\"%.*s\"}", who, i, i % 40,
                     "........................................");
    return (size_t)n;
}

static void test_in_order(void **state)
{
    (void)state;
    struct reader r;
    int fd;
    reader_start(&r, &fd);
    struct logbuf *l = logbuf_create(fd, 1u << 20);
    enum { N = 10000 }; /* about 540 KB: all of it fits the buffer, whatever the reader does */
    char *want = malloc((size_t)N * 100), s[100];
    assert_non_null(want);
    size_t want_len = 0;
    for (int i = 0; i < N; i++) {
        size_t n = line(s, sizeof s, "a", i);
        assert_true(logbuf_line(l, s, n));
        memcpy(want + want_len, s, n);
        want[want_len + n] = '\n';
        want_len += n + 1;
    }
    assert_int_equal(logbuf_dropped(l), 0);
    logbuf_destroy(l); /* writes out what is pending */
    reader_finish(&r, fd);
    assert_int_equal(r.len, want_len);
    assert_memory_equal(r.buf, want, want_len);
    free(want);
    free(r.buf);
}

/* Exactly capacity bytes fit, a newline included; an empty line is "\n". */
static void test_capacity_edge(void **state)
{
    (void)state;
    struct reader r;
    int fd;
    reader_start(&r, &fd);
    struct logbuf *l = logbuf_create(fd, 100);
    char s[101];
    memset(s, 'x', sizeof s);
    assert_false(logbuf_line(l, s, 100));
    assert_false(logbuf_line(l, s, 101));
    assert_true(logbuf_line(l, s, 99)); /* into the empty buffer */
    assert_int_equal(logbuf_dropped(l), 2);
    logbuf_destroy(l);
    l = logbuf_create(fd, 1);
    assert_true(logbuf_line(l, "", 0));
    assert_false(logbuf_line(l, "y", 1));
    assert_int_equal(logbuf_dropped(l), 1);
    logbuf_destroy(l);
    reader_finish(&r, fd);
    assert_int_equal(r.len, 101);
    assert_memory_equal(r.buf, s, 99);
    assert_memory_equal(r.buf + 99, "\n\n", 2);
    free(r.buf);
}

struct appender {
    struct logbuf *l;
    char who[8];
    int n, refused;
};

static void *append_many(void *arg)
{
    struct appender *a = arg;
    char s[100];
    for (int i = 0; i < a->n; i++) {
        size_t n = line(s, sizeof s, a->who, i);
        a->refused += !logbuf_line(a->l, s, n);
    }
    return NULL;
}

/* Four threads append at once: every line arrives whole, each thread's in
 * its own order. */
static void test_threads(void **state)
{
    (void)state;
    struct reader r;
    int fd;
    reader_start(&r, &fd);
    struct logbuf *l = logbuf_create(fd, 4u << 20);
    enum { T = 4, N = 5000 }; /* about 1.1 MB: it all fits */
    struct appender a[T];
    pthread_t t[T];
    for (int i = 0; i < T; i++) {
        a[i] = (struct appender){l, "", N, 0};
        snprintf(a[i].who, sizeof a[i].who, "t%d", i);
        assert_int_equal(pthread_create(&t[i], NULL, append_many, &a[i]), 0);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(a[i].refused, 0);
    }
    logbuf_destroy(l);
    reader_finish(&r, fd);

    int next[T] = {0}, lines = 0;
    char want[100];
    for (char *p = r.buf, *nl; (nl = strchr(p, '\n')); p = nl + 1, lines++) {
        int who = p[9] - '0'; /* {"who":"tN" */
        assert_true(who >= 0 && who < T);
        size_t n = line(want, sizeof want, a[who].who, next[who]++);
        if ((size_t)(nl - p) != n || memcmp(p, want, n) != 0)
            fail_msg("line %d is not %s's line %d: %.*s", lines, a[who].who, next[who] - 1,
                     (int)(nl - p), p);
    }
    assert_int_equal(lines, T * N);
    for (int i = 0; i < T; i++)
        assert_int_equal(next[i], N);
    free(r.buf);
}

/* Nobody reads the pipe: the writer blocks on it, appends go on without
 * waiting, the buffer fills and further lines are dropped and counted;
 * destroy gives up on the reader after its 2 s and returns. What the pipe
 * holds is then a prefix of the accepted lines, in order. */
static void test_stalled_reader(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    const size_t cap = 16384;
    struct logbuf *l = logbuf_create(fds[1], cap);
    enum { N = 100000 };
    char s[100];
    char *accepted = malloc((size_t)N * 100);
    assert_non_null(accepted);
    size_t acc_len = 0;
    uint64_t refused = 0;
    double worst = 0, t0 = mono();
    for (int i = 0; i < N; i++) {
        size_t n = line(s, sizeof s, "s", i);
        double t = mono();
        bool ok = logbuf_line(l, s, n);
        t = mono() - t;
        worst = t > worst ? t : worst;
        if (ok) {
            memcpy(accepted + acc_len, s, n);
            accepted[acc_len + n] = '\n';
            acc_len += n + 1;
        } else {
            refused++;
        }
    }
    double total = mono() - t0;
    print_message("%d appends in %.3f s (slowest %.1f ms): %zu bytes accepted, %llu dropped\n", N,
                  total, worst * 1e3, acc_len, (unsigned long long)refused);
    assert_int_equal(logbuf_dropped(l), refused);
    assert_true(refused > N / 2);
    /* the pipe (64 KiB on Linux, at most 1 MiB) and the two buffers */
    assert_true(acc_len <= (1u << 20) + 2 * cap);
    assert_true(worst < 0.5); /* appends never wait for the reader */

    t0 = mono();
    logbuf_destroy(l);
    double destroy = mono() - t0;
    print_message("destroy with a stalled reader: %.2f s\n", destroy);
    assert_true(destroy < 5); /* documented: waits at most 2 s */

    /* now read what reached the pipe */
    close(fds[1]);
    char *got = malloc(acc_len + 1);
    assert_non_null(got);
    size_t got_len = 0;
    for (ssize_t n; got_len < acc_len && (n = read(fds[0], got + got_len, acc_len - got_len)) > 0;)
        got_len += (size_t)n;
    char extra;
    assert_int_equal(read(fds[0], &extra, 1), 0); /* nothing beyond the accepted lines */
    close(fds[0]);
    assert_true(got_len > 0);
    assert_memory_equal(got, accepted, got_len);
    free(got);
    free(accepted);
}

/* A sink whose reader has gone: writes fail (EPIPE, SIGPIPE ignored as in
 * kundlid), the lines are lost, nothing blocks. */
static void test_closed_sink(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    close(fds[0]);
    struct logbuf *l = logbuf_create(fds[1], 4096);
    char s[100];
    double t0 = mono();
    for (int i = 0; i < 10000; i++) {
        size_t n = line(s, sizeof s, "c", i);
        logbuf_line(l, s, n);
    }
    logbuf_destroy(l);
    assert_true(mono() - t0 < 1.5);
    close(fds[1]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_order),    cmocka_unit_test(test_capacity_edge),
        cmocka_unit_test(test_threads),     cmocka_unit_test(test_stalled_reader),
        cmocka_unit_test(test_closed_sink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
