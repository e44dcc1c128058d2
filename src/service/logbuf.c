/* logbuf.c - double-buffered log sink with a writer thread (see logbuf.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/logbuf.h"

#include "app/mem.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct logbuf {
    int fd;
    size_t cap;
    char *fill;  /* lines appended by request threads; guarded by mu */
    size_t len;
    char *spare; /* the buffer being written out by the writer */
    bool stop;
    bool done;   /* the writer has written everything and exits */
    pthread_mutex_t mu;
    pthread_cond_t ready;
    pthread_cond_t finished;
    pthread_t writer;
    atomic_uint_fast64_t dropped;
};

static void write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a closed or broken sink: the lines are lost */
        p += w;
        n -= (size_t)w;
    }
}

/* The writer can be cancelled only while it writes, so that a reader that
 * never reads cannot hold up shutdown (see logbuf_destroy). */
static void *writer(void *arg)
{
    struct logbuf *l = arg;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
    pthread_mutex_lock(&l->mu);
    for (;;) {
        while (l->len == 0 && !l->stop)
            pthread_cond_wait(&l->ready, &l->mu);
        if (l->len == 0 && l->stop)
            break;
        char *out = l->fill; /* swap: appenders continue into the spare */
        size_t n = l->len;
        l->fill = l->spare;
        l->len = 0;
        l->spare = out;
        pthread_mutex_unlock(&l->mu);
        pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
        write_all(l->fd, out, n);
        pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
        pthread_mutex_lock(&l->mu);
    }
    l->done = true;
    pthread_cond_signal(&l->finished);
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

struct logbuf *logbuf_create(int fd, size_t capacity)
{
    struct logbuf *l = xcalloc(1, sizeof *l);
    l->fd = fd;
    l->cap = capacity;
    l->fill = xmalloc(capacity);
    l->spare = xmalloc(capacity);
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->ready, NULL);
    pthread_cond_init(&l->finished, NULL);
    if (pthread_create(&l->writer, NULL, writer, l) != 0)
        abort();
    return l;
}

bool logbuf_line(struct logbuf *l, const char *line, size_t len)
{
    pthread_mutex_lock(&l->mu);
    if (l->len + len + 1 > l->cap) {
        pthread_mutex_unlock(&l->mu);
        atomic_fetch_add(&l->dropped, 1);
        return false;
    }
    memcpy(l->fill + l->len, line, len);
    l->fill[l->len + len] = '\n';
    l->len += len + 1;
    pthread_cond_signal(&l->ready);
    pthread_mutex_unlock(&l->mu);
    return true;
}

uint64_t logbuf_dropped(struct logbuf *l)
{
    return atomic_load(&l->dropped);
}

void logbuf_destroy(struct logbuf *l)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 2; /* time to flush what is pending */
    pthread_mutex_lock(&l->mu);
    l->stop = true;
    pthread_cond_signal(&l->ready);
    while (!l->done)
        if (pthread_cond_timedwait(&l->finished, &l->mu, &deadline) == ETIMEDOUT)
            break;
    bool stuck = !l->done;
    pthread_mutex_unlock(&l->mu);
    if (stuck) /* blocked in write() on a reader that does not read */
        pthread_cancel(l->writer);
    pthread_join(l->writer, NULL);
    pthread_cond_destroy(&l->finished);
    pthread_cond_destroy(&l->ready);
    pthread_mutex_destroy(&l->mu);
    free(l->fill);
    free(l->spare);
    free(l);
}
