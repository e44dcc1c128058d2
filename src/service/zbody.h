/* zbody.h - a response body written in pieces into a growing buffer, as it
 * is or gzip-encoded (zlib, level 1, one gzip member): the streamed answers
 * of stream.c (batches, the spooled stream, the matrix) and of duplex.c.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ZBODY_H
#define KUNDLI_ZBODY_H

#include <stdbool.h>
#include <stddef.h>
#include <zlib.h>

/* Bytes to send: p[off .. len). */
struct zbuf {
    char *p;
    size_t off, len, cap;
};

/* Appends n bytes to b (growing it, or reusing its sent front). */
void zbuf_append(struct zbuf *b, const void *p, size_t n);

struct zbody {
    struct zbuf out; /* what is ready to send */
    bool gzip;
    z_stream z;
};

/* An empty body; gzip: encoded. Aborts on out-of-memory. */
void zbody_init(struct zbody *b, bool gzip);

/* Adds n bytes of content (encoded into out when gzip, perhaps not all of
 * it until the next flush). */
void zbody_write(struct zbody *b, const void *p, size_t n);

/* Makes out decodable up to everything written (gzip: a sync flush). */
void zbody_flush(struct zbody *b);

/* Ends the body (gzip: the last block and the trailer into out). */
void zbody_finish(struct zbody *b);

void zbody_free(struct zbody *b);

#endif
