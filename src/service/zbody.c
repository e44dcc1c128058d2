/* zbody.c - a response body written in pieces (see zbody.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/zbody.h"

#include "app/mem.h"

#include <stdlib.h>
#include <string.h>

/* Room for n more bytes at b->p + b->len. */
static void zbuf_reserve(struct zbuf *b, size_t n)
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

void zbuf_append(struct zbuf *b, const void *p, size_t n)
{
    zbuf_reserve(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

/* Runs deflate with `flush` over in[0..n) into out. */
static void deflate_into(struct zbody *b, const void *in, size_t n, int flush)
{
    b->z.next_in = (Bytef *)in;
    b->z.avail_in = (uInt)n;
    do {
        zbuf_reserve(&b->out, n / 2 + 4096);
        b->z.next_out = (Bytef *)b->out.p + b->out.len;
        b->z.avail_out = (uInt)(b->out.cap - b->out.len);
        size_t before = b->z.avail_out;
        int rc = deflate(&b->z, flush);
        b->out.len += before - b->z.avail_out;
        if (rc == Z_STREAM_ERROR)
            abort(); /* only on a misuse of the z_stream */
        if (rc == Z_STREAM_END)
            break;
    } while (b->z.avail_in || b->z.avail_out == 0);
}

void zbody_init(struct zbody *b, bool gzip)
{
    memset(b, 0, sizeof *b);
    b->gzip = gzip;
    /* windowBits 15 + 16: a gzip wrapper; level 1 as every other reply */
    if (gzip && deflateInit2(&b->z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort(); /* only fails on out-of-memory */
}

void zbody_write(struct zbody *b, const void *p, size_t n)
{
    if (b->gzip)
        deflate_into(b, p, n, Z_NO_FLUSH);
    else
        zbuf_append(&b->out, p, n);
}

void zbody_flush(struct zbody *b)
{
    if (b->gzip)
        deflate_into(b, NULL, 0, Z_SYNC_FLUSH);
}

void zbody_finish(struct zbody *b)
{
    if (b->gzip)
        deflate_into(b, NULL, 0, Z_FINISH);
}

void zbody_free(struct zbody *b)
{
    if (b->gzip)
        deflateEnd(&b->z);
    free(b->out.p);
    b->out = (struct zbuf){0};
}
