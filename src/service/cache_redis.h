/* cache_redis.h - L2: chart documents and saved-chart list pages in Redis,
 * shared by every kundlid instance. Optional and never in the way: every
 * connect and command has a timeout of at most 50 ms, a failure makes the
 * caller compute instead, and a background thread reconnects with backoff.
 * Lists are invalidated by a per-user version number and a pub/sub message.
 * Only cache_redis.c sees hiredis. Private to src/service.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CACHE_REDIS_H
#define KUNDLI_CACHE_REDIS_H

#include "common/err.h"
#include "service/cache.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cache_redis; /* opaque; every function below is thread-safe */
struct metrics;
struct service;

/* How to reach Redis. */
struct cache_redis_config {
    const char *url; /* redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]; port 6379, db 0 */
    int ttl_s;       /* chart entries live this long (SET ... EX) */
    int list_ttl_s;  /* list pages live this long */
    int timeout_ms;  /* every connect and command: 1..50 */
    int connections; /* pooled command connections (1..64): one per thread that may ask */
};

/* Parses the URL and starts the keeper thread, which connects (and keeps
 * connecting with backoff while it cannot), holds the pool, pings every
 * 500 ms and listens on the invalidation channel. Never waits for Redis:
 * *out starts degraded until the first connect. s gives the metrics and
 * the diagnostics sink. Returns 0, or ERR_INVALID_VALUE (field
 * "redis_url") for a URL that is not of the form above. */
int cache_redis_start(const struct cache_redis_config *cfg, struct service *s,
                      struct cache_redis **out, struct error *err);

/* Stops the keeper and closes every connection. No call may be running or
 * start afterwards. NULL: nothing. */
void cache_redis_stop(struct cache_redis *r);

/* For /readyz: "ok" (connected), or "degraded" (not connected: requests
 * skip Redis and compute; the keeper is reconnecting). */
const char *cache_redis_state(struct cache_redis *r);

/* A chart entry as L1 keeps it (cache.h): the document's tail, optionally
 * its DEFLATE form, and the tag. The pointers go into one buffer owned by
 * the blob (cache_redis_blob_free). */
struct cache_blob {
    const void *json;
    size_t json_len;
    const void *deflated; /* NULL when the value had none */
    size_t deflated_len;
    uint64_t tag;
    void *buf;
};

/* Looks the chart key up (GET kundli:v1:chart:<key hex>). Returns true
 * with *out filled (free with cache_redis_blob_free) on a hit; false on a
 * miss, a value of another format version, or any failure (counted, the
 * connection dropped) or when degraded (no round trip at all). */
bool cache_redis_get(struct cache_redis *r, struct cache_key key, struct cache_blob *out);

/* Stores a chart entry (SET ... EX ttl_s). deflated may be NULL. Failures
 * are counted and otherwise ignored. */
void cache_redis_put(struct cache_redis *r, struct cache_key key, const void *json, size_t json_len,
                     const void *deflated, size_t deflated_len, uint64_t tag);

void cache_redis_blob_free(struct cache_blob *b);

/* A page of user's saved-chart list, as view (a short text without spaces
 * naming the query: fields, limit, cursor) at the user's current version
 * (a missing version key is version 0). Returns true with *body (malloc'd,
 * *len bytes) on a hit. On a miss returns false with *version set to the
 * version to store the page under (cache_redis_list_put), or -1 when
 * nothing may be stored (Redis degraded or failing). One round trip when
 * this instance knows the user's version (it remembers versions until a
 * write's message drops them), two when it does not. */
bool cache_redis_list_get(struct cache_redis *r, const char *user, const char *view, char **body,
                          size_t *len, int64_t *version);

/* Stores a page read from the store under the version list_get gave
 * (SET ... EX list_ttl_s). If a write bumped the version since, the page is
 * never read. version -1: nothing. */
void cache_redis_list_put(struct cache_redis *r, const char *user, const char *view,
                          int64_t version, const void *body, size_t len);

/* After a committed write to user's saved charts: bumps the user's version
 * (INCR kundli:v1:user:{USER}:ver), so no cached page of theirs is read
 * again, and publishes user on kundli:v1:invalidate, so every instance
 * drops what it holds for them. When Redis cannot be told now, the bump
 * waits (bounded) in a queue that the keeper sends before it reports
 * Redis usable again. */
void cache_redis_user_changed(struct cache_redis *r, const char *user);

#endif
