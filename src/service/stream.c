/* stream.c - the producer/consumer byte pipe of a streamed response (see
 * stream.h). The producer writes into a private buffer (through zlib when
 * gzip) and moves it to the shared one, under the lock, at each yield.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/stream.h"

#include "app/mem.h"
#include "service/zbody.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum producer { P_RUNNING, P_PAUSED, P_ENDED };

struct stream {
    pthread_mutex_t mu;
    struct zbuf shared;               /* sendable bytes; under mu */
    enum producer state;              /* under mu */
    bool ok;                          /* the producer ended a complete body; under mu */
    bool attached, detached, waiting; /* the consumer; under mu */
    void (*wait)(void *), (*wake)(void *);
    void *arg;
    struct stream_producer producer;
    struct zbody pending; /* the producer's own */
};

struct stream *stream_new(bool gzip, struct stream_producer p)
{
    struct stream *s = xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->mu, NULL);
    s->producer = p;
    zbody_init(&s->pending, gzip);
    return s;
}

static void stream_free(struct stream *s)
{
    zbody_free(&s->pending);
    pthread_mutex_destroy(&s->mu);
    free(s->shared.p);
    free(s);
}

void stream_write(struct stream *s, const void *p, size_t n)
{
    zbody_write(&s->pending, p, n);
}

/* Moves the pending bytes to the shared buffer and wakes a waiting
 * consumer; called with mu held. */
static void publish(struct stream *s)
{
    struct zbuf *out = &s->pending.out;
    size_t n = out->len - out->off;
    if (n) {
        if (s->shared.off == s->shared.len) { /* all sent: swap the buffers */
            struct zbuf t = s->shared;
            s->shared = *out;
            *out = t;
        } else {
            zbuf_append(&s->shared, out->p + out->off, n);
        }
        out->off = out->len = 0;
    }
    if (s->waiting && (n || s->state == P_ENDED)) {
        s->waiting = false;
        s->wake(s->arg);
    }
}

enum stream_next stream_yield(struct stream *s)
{
    zbody_flush(&s->pending);
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
    if (ok)
        zbody_finish(&s->pending);
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
