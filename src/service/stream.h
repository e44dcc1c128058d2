/* stream.h - a response body that compute jobs produce while an I/O thread
 * sends it: a bounded, optionally gzip-compressed byte pipe from one
 * producer (a sequence of jobs) to one consumer (the HTTP layer). The
 * producer pauses when the unsent bytes pass STREAM_HIGH_WATER and is
 * resumed when the consumer has taken them below STREAM_LOW_WATER, so a slow
 * reader holds a bounded buffer, however large the response.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STREAM_H
#define KUNDLI_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define STREAM_HIGH_WATER (256 * 1024)
#define STREAM_LOW_WATER (64 * 1024)
/* What a gzip stream's compressor holds (zlib, level 1, 32 KiB window). */
#define STREAM_GZIP_STATE (288 * 1024)

struct stream; /* opaque; the functions below are thread-safe */

/* The producer's hooks. resume(ctx) is called, without locks held, on the
 * consumer's thread when a paused producer should go on (queue its next
 * step); release(ctx) once the stream is done with ctx: right after
 * stream_end(), or when the consumer went away while the producer was
 * paused (it is then never resumed). */
struct stream_producer {
    void (*resume)(void *ctx);
    void (*release)(void *ctx);
    void *ctx;
};

/* What stream_yield tells the producer. */
enum stream_next {
    STREAM_GO,    /* room for more: go on (queue the next step) */
    STREAM_PAUSE, /* enough unsent: stop; resume() follows */
    STREAM_GONE,  /* the consumer went away: call stream_end(s, false) */
};

/* A new stream; gzip: the body is one gzip member (RFC 1952). Never NULL
 * (allocation failure aborts). */
struct stream *stream_new(bool gzip, struct stream_producer p);

/* Producer: appends n bytes (compressed when gzip), not yet visible to the
 * consumer. */
void stream_write(struct stream *s, const void *p, size_t n);

/* Producer: makes what was written sendable and says what to do next. */
enum stream_next stream_yield(struct stream *s);

/* Producer: the last call. ok: the body is complete; else it is cut (the
 * HTTP layer then closes the connection). Calls release(ctx). */
void stream_end(struct stream *s, bool ok);

/* Consumer: wait(arg) is called, with the stream's lock held, when a read
 * finds nothing to send yet; wake(arg), with the lock held, when there is
 * something after such a wait. Call before the first read. */
void stream_attach(struct stream *s, void (*wait)(void *), void (*wake)(void *), void *arg);

#define STREAM_EOF ((ssize_t)-1)   /* the body is complete */
#define STREAM_ERROR ((ssize_t)-2) /* the body was cut */

/* Consumer: copies up to max bytes into buf and returns their count, or 0
 * after calling wait() (wake() follows), or STREAM_EOF or STREAM_ERROR. */
ssize_t stream_read(struct stream *s, char *buf, size_t max);

/* Consumer: done with s (sent, or the connection closed). s may be freed. */
void stream_detach(struct stream *s);

#endif
