/* ratelimit.h - per-client request limits: one token bucket per key (an API
 * key id, or a client IP address as text), in a sharded table whose size has
 * a hard bound, safe to call from every HTTP I/O thread at once.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_RATELIMIT_H
#define KUNDLI_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ratelimit; /* opaque; thread-safe */

/* Counters summed over shards. allowed/limited count ratelimit_take()
 * results; evictions count buckets dropped to stay within max_keys, and
 * evictions_active those of them that had not refilled yet (each gave its
 * client a fresh burst: max_keys is too small for the traffic, or someone
 * is cycling through keys). keys is the current number of buckets. All
 * zero for an unlimited limiter. */
struct ratelimit_stats {
    uint64_t allowed, limited, evictions, evictions_active, keys;
};

/* Creates a limiter that lets each key make rate_per_s requests per second
 * on average and up to burst in a row: a key's bucket holds at most burst
 * tokens (burst < 1 is taken as 1), starts full, refills continuously at
 * rate_per_s tokens per second and each request takes one token.
 * rate_per_s <= 0 (or NaN) gives an unlimited limiter: every take succeeds
 * and nothing is stored.
 *
 * At most max_keys buckets exist at any time (max_keys 0 is taken as 1),
 * split evenly over up to 64 shards, whatever the number of distinct keys
 * seen. A new key in a full shard evicts that shard's least-recently-used
 * bucket. A key without a bucket behaves as one with a full bucket, and a
 * bucket idle for burst / rate_per_s seconds is full again, so an eviction
 * loses nothing as long as fewer than max_keys keys are active within one
 * refill period; past that (a flood of distinct keys) the bucket dropped is
 * the one that has waited longest, which at worst gives that key a fresh
 * burst (counted in evictions_active).
 * Never NULL (allocation failure aborts). */
struct ratelimit *ratelimit_create(double rate_per_s, double burst, size_t max_keys);

/* Frees the limiter and all its buckets. NULL is a no-op. */
void ratelimit_destroy(struct ratelimit *r);

/* Takes one token from key's bucket (key: a NUL-terminated string of any
 * length, compared byte for byte) at time now, in seconds on a monotonic
 * clock (the same clock for every call; the caller passes it so that tests
 * can run on virtual time). Returns true if the request is allowed.
 * Otherwise returns false and, if retry_after_s is not NULL, sets it to the
 * seconds until the bucket holds one token (> 0; a Retry-After header
 * should carry its ceiling, at least 1); on success *retry_after_s is 0.
 * A now earlier than the latest now the bucket has seen (threads racing
 * with their clock readings) refills nothing and does not move the bucket's
 * clock back. O(1); allocates only for a key that has no bucket. */
bool ratelimit_take(struct ratelimit *r, const char *key, double now, double *retry_after_s);

/* The number of buckets held (<= max_keys; 0 when unlimited). */
size_t ratelimit_keys(struct ratelimit *r);

/* Fills out with the counters summed over all shards. */
void ratelimit_stats(struct ratelimit *r, struct ratelimit_stats *out);

#endif
