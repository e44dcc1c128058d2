/* charts.h - the chart document for a birth, through the L1 cache and,
 * off the I/O threads, the L2 cache on Redis (cache_redis.h). The
 * cache key is the canonical computed input (UT instant, coordinates to
 * 1e-6 deg, every option, engine version), so equivalent spellings of a
 * birth share one entry. An entry keeps the document after its "input"
 * head (and that tail deflated), so a hit only writes the requester's own
 * head: no engine work, no re-serialisation, no recompression.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CHARTS_H
#define KUNDLI_CHARTS_H

#include "common/err.h"
#include "engine/birth.h"
#include "service/service.h"

#include <stdbool.h>
#include <stddef.h>

/* How charts_render uses the caches. The HTTP layer answers L1 hits on its
 * I/O thread (RENDER_HIT_ONLY, which never asks Redis) and queues only the
 * misses, which then skip a second L1 lookup (RENDER_MISSED), so every
 * request counts one L1 hit or one L1 miss. Off the I/O thread, an L1 miss
 * asks Redis, and a Redis hit fills L1; a computed document fills both. */
enum render_mode {
    RENDER_ANY,      /* L1, then L2, or compute and fill */
    RENDER_HIT_ONLY, /* an L1 hit, or nothing (out->missed) */
    RENDER_MISSED,   /* the caller just missed L1: L2, or compute and fill */
};

struct rendered {
    bool missed;         /* RENDER_HIT_ONLY found nothing: nothing rendered */
    char *body;          /* malloc'd document (gzip member when gzip), or NULL */
    size_t len;
    bool gzip;           /* body is gzip-encoded */
    bool cache_hit;      /* served from a cache (L1, or L2 when cache_l2) */
    bool cache_l2;       /* served from Redis (and now in L1 too) */
    bool not_modified;   /* etag equals the If-None-Match given: no body */
    char etag[40];       /* strong ETag, quoted */
};

/* Renders the chart of complete birth b with options o. want_gzip: the
 * client accepts gzip (used when the document is >= GZIP_MIN_BYTES).
 * if_none_match may be NULL. deadline: monotonic seconds after which the
 * work is abandoned with ERR_DEADLINE_EXCEEDED. Returns 0 (out filled; free
 * out->body) or an error. */
int charts_render(struct service *s, const struct birth *b, const struct chart_options *o,
                  bool want_gzip, const char *if_none_match, double deadline,
                  enum render_mode mode, struct rendered *out, struct error *err);

#endif
