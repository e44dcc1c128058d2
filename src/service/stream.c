/* stream.c - the producer/consumer byte pipe of a streamed response (see
 * stream.h). The producer writes into a private buffer (through zlib when
 * gzip) and moves it to the shared one, under the lock, at each yield.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/stream.h"

#include "app/mem.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum producer { P_RUNNING, P_PAUSED, P_ENDED };

struct buf {
    char *p;
    size_t off, len, cap; /* unread bytes: p[off .. len) */
};

struct stream {
    pthread_mutex_t mu;
    struct buf shared;                /* sendable bytes; under mu */
    enum producer state;              /* under mu */
    bool ok;                          /* the producer ended a complete body; under mu */
    bool attached, detached, waiting; /* the consumer; under mu */
    void (*wait)(void *), (*wake)(void *);
    void *arg;
    struct stream_producer producer;
    /* the producer's own */
    struct buf pending;
    bool gzip;
    z_stream z;
};

static void buf_reserve(struct buf *b, size_t n)
{
    if (b->off && b->off == b->len)
        b->off = b->len = 0;
    if (b->len + n <= b->cap)
        return;
    if (b->off) { /* reuse the consumed front first */
        memmove(b->p, b->p + b->off, b->len - b->off);
        b->len -= b->off;
        b->off = 0;
        if (b->len + n <= b->cap)
            return;
    }
    size_t cap = b->cap ? b->cap : 16384;
    while (cap < b->len + n)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

static void buf_append(struct buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

/* Runs deflate with `flush` over in[0..n) into the pending buffer. */
static void deflate_into(struct stream *s, const void *in, size_t n, int flush)
{
    s->z.next_in = (Bytef *)in;
    s->z.avail_in = (uInt)n;
    do {
        buf_reserve(&s->pending, n / 2 + 4096);
        s->z.next_out = (Bytef *)s->pending.p + s->pending.len;
        s->z.avail_out = (uInt)(s->pending.cap - s->pending.len);
        size_t before = s->z.avail_out;
        int rc = deflate(&s->z, flush);
        s->pending.len += before - s->z.avail_out;
        if (rc == Z_STREAM_ERROR)
            abort(); /* only on a misuse of the z_stream */
        if (rc == Z_STREAM_END)
            break;
    } while (s->z.avail_in || s->z.avail_out == 0);
}

struct stream *stream_new(bool gzip, struct stream_producer p)
{
    struct stream *s = xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->mu, NULL);
    s->producer = p;
    s->gzip = gzip;
    /* windowBits 15 + 16: a gzip wrapper; level 1 as every other reply */
    if (gzip && deflateInit2(&s->z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort(); /* only fails on out-of-memory */
    return s;
}

static void stream_free(struct stream *s)
{
    if (s->gzip)
        deflateEnd(&s->z);
    pthread_mutex_destroy(&s->mu);
    free(s->shared.p);
    free(s->pending.p);
    free(s);
}

void stream_write(struct stream *s, const void *p, size_t n)
{
    if (s->gzip)
        deflate_into(s, p, n, Z_NO_FLUSH);
    else
        buf_append(&s->pending, p, n);
}

/* Moves the pending bytes to the shared buffer and wakes a waiting
 * consumer; called with mu held. */
static void publish(struct stream *s)
{
    size_t n = s->pending.len - s->pending.off;
    if (n) {
        if (s->shared.off == s->shared.len) { /* all sent: swap the buffers */
            struct buf t = s->shared;
            s->shared = s->pending;
            s->pending = t;
            s->pending.off = s->pending.len = 0;
        } else {
            buf_append(&s->shared, s->pending.p + s->pending.off, n);
            s->pending.off = s->pending.len = 0;
        }
    }
    if (s->waiting && (n || s->state == P_ENDED)) {
        s->waiting = false;
        s->wake(s->arg);
    }
}

enum stream_next stream_yield(struct stream *s)
{
    if (s->gzip)
        deflate_into(s, NULL, 0, Z_SYNC_FLUSH);
    pthread_mutex_lock(&s->mu);
    enum stream_next next = STREAM_GO;
    if (s->detached) {
        next = STREAM_GONE;
    } else {
        publish(s);
        if (s->shared.len - s->shared.off >= STREAM_HIGH_WATER) {
            s->state = P_PAUSED;
            next = STREAM_PAUSE;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return next;
}

void stream_end(struct stream *s, bool ok)
{
    if (s->gzip && ok)
        deflate_into(s, NULL, 0, Z_FINISH);
    struct stream_producer p = s->producer; /* once unlocked, s may be freed */
    pthread_mutex_lock(&s->mu);
    s->state = P_ENDED;
    s->ok = ok;
    bool gone = s->detached;
    if (!gone)
        publish(s);
    pthread_mutex_unlock(&s->mu);
    p.release(p.ctx);
    if (gone)
        stream_free(s);
}

void stream_attach(struct stream *s, void (*wait)(void *), void (*wake)(void *), void *arg)
{
    pthread_mutex_lock(&s->mu);
    s->wait = wait;
    s->wake = wake;
    s->arg = arg;
    s->attached = true;
    pthread_mutex_unlock(&s->mu);
}

ssize_t stream_read(struct stream *s, char *buf, size_t max)
{
    ssize_t n;
    bool resume = false;
    pthread_mutex_lock(&s->mu);
    size_t have = s->shared.len - s->shared.off;
    if (have) {
        n = (ssize_t)(have < max ? have : max);
        memcpy(buf, s->shared.p + s->shared.off, (size_t)n);
        s->shared.off += (size_t)n;
        if (s->state == P_PAUSED && s->shared.len - s->shared.off < STREAM_LOW_WATER) {
            s->state = P_RUNNING;
            resume = true;
        }
    } else if (s->state == P_ENDED) {
        n = s->ok ? STREAM_EOF : STREAM_ERROR;
    } else {
        s->waiting = true;
        s->wait(s->arg);
        n = 0;
    }
    pthread_mutex_unlock(&s->mu);
    if (resume)
        s->producer.resume(s->producer.ctx);
    return n;
}

void stream_detach(struct stream *s)
{
    pthread_mutex_lock(&s->mu);
    s->detached = true;
    enum producer state = s->state;
    if (state == P_PAUSED)
        s->state = P_ENDED;
    pthread_mutex_unlock(&s->mu);
    if (state == P_RUNNING)
        return; /* the producer sees STREAM_GONE, ends and frees */
    if (state == P_PAUSED)
        s->producer.release(s->producer.ctx);
    stream_free(s);
}
