/* cache.h - L1: the in-process chart cache. A sharded LRU with a TTL and a
 * hard memory bound in bytes; values are immutable, reference-counted blobs
 * (a JSON body, optionally its gzip form, and a caller-defined tag) keyed by
 * 128-bit hashes that the caller computes with cache_key_hash().
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CACHE_H
#define KUNDLI_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A 128-bit key. Equal keys are the same entry; no other comparison. */
struct cache_key {
    uint64_t hi, lo;
};

struct cache;       /* opaque; thread-safe */
struct cache_entry; /* opaque; immutable once inserted */

/* Counters summed over shards. hits/misses count cache_get() results (an
 * expired entry counts as a miss and as an expiration); evictions count
 * entries dropped to stay within the memory bound; inserts count entries
 * stored by cache_put() (new or replacing). bytes and entries are the current
 * totals; bytes includes the hash tables. With distinct keys and no expiry,
 * evictions == inserts - entries. */
struct cache_stats {
    uint64_t hits, misses, evictions, expirations, inserts, bytes, entries;
};

/* Creates a cache that holds at most max_bytes (every byte an entry costs:
 * its header, both bodies and an allocator overhead estimate, plus the hash
 * tables). max_bytes is split evenly over up to 64 shards (fewer when that
 * would leave a shard under 256 KiB); LRU order and the bound are per shard,
 * so eviction is an approximation of global LRU. Entries live ttl_seconds
 * after they were put; ttl_seconds <= 0 means no expiry. max_bytes 0 gives
 * a disabled cache: every get misses (and is counted), put is a no-op.
 * Never NULL (allocation failure aborts). */
struct cache *cache_create(size_t max_bytes, double ttl_seconds);

/* Frees the cache and its references to the entries. Entries a caller still
 * holds stay valid until their cache_release(). NULL is a no-op. */
void cache_destroy(struct cache *c);

/* Looks key up at time now (seconds on any monotonic clock, the same clock
 * for every call). Returns a referenced entry, which the caller must pass to
 * cache_release(), or NULL on a miss (absent or expired; an expired entry is
 * removed). A hit moves the entry to the front of its shard's LRU list. */
struct cache_entry *cache_get(struct cache *c, struct cache_key key, double now);

/* Inserts key -> copies of json[0..json_len) and gzip[0..gzip_len) (gzip may
 * be NULL with gzip_len 0) and tag, replacing any entry for key; the entry
 * expires at now + ttl. Evicts least-recently-used entries of the shard
 * until it is within its budget (max_bytes / shards). An entry larger than
 * a shard's budget is not cached (and an old entry for key is dropped). */
void cache_put(struct cache *c, struct cache_key key, const void *json, size_t json_len,
               const void *gzip, size_t gzip_len, uint64_t tag, double now);

/* Adds or replaces the gzip body of the live entry for key (a copy of
 * gzip[0..gzip_len)), keeping its JSON body, tag and expiry; readers holding
 * the old entry keep seeing it unchanged. Returns false (and changes
 * nothing) if key is absent or expired at now, or if the grown entry would
 * not fit a shard's budget. */
bool cache_set_gzip(struct cache *c, struct cache_key key, const void *gzip, size_t gzip_len,
                    double now);

/* The JSON body and its length; valid until cache_release(e). */
const void *cache_entry_json(const struct cache_entry *e, size_t *len);
/* The gzip body and its length, or NULL (and *len = 0) if there is none. */
const void *cache_entry_gzip(const struct cache_entry *e, size_t *len);
/* The tag given to cache_put(). */
uint64_t cache_entry_tag(const struct cache_entry *e);

/* Drops the reference cache_get() returned; the last reference frees the
 * entry. NULL is a no-op. Any thread may release. */
void cache_release(struct cache_entry *e);

/* Fills out with the counters summed over all shards. */
void cache_stats(struct cache *c, struct cache_stats *out);

/* The key of data[0..len): MurmurHash3_x64_128 (Austin Appleby, public
 * domain, SMHasher) with seed 0, hi = the first 64-bit word h1, lo = h2.
 * Bytes are read little-endian whatever the host, so keys are the same on
 * every machine and run (several instances could share them). */
struct cache_key cache_key_hash(const void *data, size_t len);

/* MurmurHash3_x64_128 of data[0..len) with the given seed, exactly as the
 * reference implementation on a little-endian host: out[0] = h1,
 * out[1] = h2. cache_key_hash() is this with seed 0. */
void cache_murmur3_128(const void *data, size_t len, uint32_t seed, uint64_t out[2]);

/* Writes key as 32 lowercase hex digits (hi then lo) and a NUL into out,
 * e.g. for logs and tests (ETags use the same 32-digit form). */
void cache_key_hex(struct cache_key key, char out[33]);

#endif
