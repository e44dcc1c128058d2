/* cache.c - the L1 chart cache (see cache.h): shards, each a mutex, a
 * chained hash table and an intrusive LRU list, over immutable entries
 * allocated in one block and freed by their last reference.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/cache.h"

#include "app/mem.h"
#include "service/lru.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHARDS 64
#define MIN_SHARD_BYTES ((size_t)256 * 1024)
#define FIRST_BUCKETS 16
/* What malloc keeps per block beyond the bytes asked for (glibc: 8-16). */
#define MALLOC_OVERHEAD 16

struct cache_entry {
    struct cache_entry *hnext; /* hash chain; free list once unlinked */
    struct lru_node lru;       /* recency list, head = most recent */
    struct cache_key key;
    atomic_uint refs;          /* one for the table, one per reader */
    double expires;            /* INFINITY when the cache has no TTL */
    size_t cost;               /* bytes charged to the shard */
    size_t json_len, gzip_len; /* gzip_len 0: no gzip body */
    uint64_t tag;
    unsigned char data[]; /* json, NUL, gzip */
};

struct shard {
    pthread_mutex_t lock;
    struct cache_entry **buckets; /* nbuckets chains, NULL until first put */
    size_t nbuckets;              /* 0 or a power of two */
    struct lru lru;
    size_t bytes; /* entry costs + bucket array */
    size_t count;
    uint64_t hits, misses, evictions, expirations, inserts;
};

struct cache {
    size_t nshards; /* 0: disabled */
    size_t budget;  /* bytes per shard */
    double ttl;
    atomic_uint_fast64_t disabled_misses;
    struct shard *shards;
};

/* ---- MurmurHash3_x64_128 (Austin Appleby, SMHasher, public domain) ---- */

static uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

/* The reference reads blocks in host order; reading them little-endian
 * makes the result the same on every host. */
static uint64_t load64le(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

void cache_murmur3_128(const void *data, size_t len, uint32_t seed, uint64_t out[2])
{
    const unsigned char *p = data;
    const uint64_t c1 = 0x87c37b91114253d5ULL;
    const uint64_t c2 = 0x4cf5ad432745937fULL;
    uint64_t h1 = seed, h2 = seed;
    size_t nblocks = len / 16;

    for (size_t i = 0; i < nblocks; i++) {
        uint64_t k1 = load64le(p + i * 16);
        uint64_t k2 = load64le(p + i * 16 + 8);
        k1 *= c1;
        k1 = rotl64(k1, 31);
        k1 *= c2;
        h1 ^= k1;
        h1 = rotl64(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        k2 *= c2;
        k2 = rotl64(k2, 33);
        k2 *= c1;
        h2 ^= k2;
        h2 = rotl64(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }

    const unsigned char *tail = p + nblocks * 16;
    size_t rest = len & 15;
    uint64_t k1 = 0, k2 = 0;
    for (size_t i = rest; i > 8; i--)
        k2 ^= (uint64_t)tail[i - 1] << ((i - 9) * 8);
    if (rest > 8) {
        k2 *= c2;
        k2 = rotl64(k2, 33);
        k2 *= c1;
        h2 ^= k2;
    }
    for (size_t i = rest < 8 ? rest : 8; i > 0; i--)
        k1 ^= (uint64_t)tail[i - 1] << ((i - 1) * 8);
    if (rest > 0) {
        k1 *= c1;
        k1 = rotl64(k1, 31);
        k1 *= c2;
        h1 ^= k1;
    }

    h1 ^= (uint64_t)len;
    h2 ^= (uint64_t)len;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    out[0] = h1;
    out[1] = h2;
}

struct cache_key cache_key_hash(const void *data, size_t len)
{
    uint64_t h[2];
    cache_murmur3_128(data, len, 0, h);
    return (struct cache_key){h[0], h[1]};
}

void cache_key_hex(struct cache_key key, char out[33])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[i] = digits[(key.hi >> (60 - 4 * i)) & 15];
        out[16 + i] = digits[(key.lo >> (60 - 4 * i)) & 15];
    }
    out[32] = '\0';
}

/* ---- entries ---- */

static size_t entry_cost(size_t json_len, size_t gzip_len)
{
    return offsetof(struct cache_entry, data) + json_len + 1 + gzip_len + MALLOC_OVERHEAD;
}

/* A new entry holding one reference (the table's). */
static struct cache_entry *entry_new(struct cache_key key, const void *json, size_t json_len,
                                     const void *gzip, size_t gzip_len, uint64_t tag,
                                     double expires)
{
    if (!gzip)
        gzip_len = 0;
    struct cache_entry *e = xmalloc(offsetof(struct cache_entry, data) + json_len + 1 + gzip_len);
    e->hnext = NULL;
    e->lru.prev = e->lru.next = NULL;
    e->key = key;
    atomic_init(&e->refs, 1);
    e->expires = expires;
    e->cost = entry_cost(json_len, gzip_len);
    e->json_len = json_len;
    e->gzip_len = gzip_len;
    e->tag = tag;
    if (json_len)
        memcpy(e->data, json, json_len);
    e->data[json_len] = '\0';
    if (gzip_len)
        memcpy(e->data + json_len + 1, gzip, gzip_len);
    return e;
}

void cache_release(struct cache_entry *e)
{
    if (e && atomic_fetch_sub_explicit(&e->refs, 1, memory_order_acq_rel) == 1)
        free(e);
}

const void *cache_entry_json(const struct cache_entry *e, size_t *len)
{
    *len = e->json_len;
    return e->data;
}

const void *cache_entry_gzip(const struct cache_entry *e, size_t *len)
{
    *len = e->gzip_len;
    return e->gzip_len ? e->data + e->json_len + 1 : NULL;
}

uint64_t cache_entry_tag(const struct cache_entry *e)
{
    return e->tag;
}

/* Releases the table's references of a list chained through hnext; called
 * after the shard lock is dropped so free() never runs under it. */
static void release_list(struct cache_entry *list)
{
    while (list) {
        struct cache_entry *next = list->hnext;
        cache_release(list);
        list = next;
    }
}

/* ---- shards (all helpers below run with the shard locked) ---- */

static struct shard *shard_of(struct cache *c, struct cache_key key)
{
    return &c->shards[key.hi & (c->nshards - 1)];
}

static struct cache_entry **slot_of(struct shard *s, struct cache_key key)
{
    struct cache_entry **p = &s->buckets[key.lo & (s->nbuckets - 1)];
    while (*p && ((*p)->key.hi != key.hi || (*p)->key.lo != key.lo))
        p = &(*p)->hnext;
    return p;
}

static struct cache_entry *find(struct shard *s, struct cache_key key)
{
    return s->nbuckets ? *slot_of(s, key) : NULL;
}

/* Takes e out of the table and the LRU list and chains it onto *freed. */
static void unlink_entry(struct shard *s, struct cache_entry *e, struct cache_entry **freed)
{
    struct cache_entry **p = slot_of(s, e->key);
    *p = e->hnext;
    lru_unlink(&s->lru, &e->lru);
    s->bytes -= e->cost;
    s->count--;
    e->hnext = *freed;
    *freed = e;
}

static void link_entry(struct shard *s, struct cache_entry *e)
{
    struct cache_entry **b = &s->buckets[e->key.lo & (s->nbuckets - 1)];
    e->hnext = *b;
    *b = e;
    lru_push_front(&s->lru, &e->lru);
    s->bytes += e->cost;
    s->count++;
}

static void grow(struct shard *s, size_t nbuckets)
{
    struct cache_entry **nb = xcalloc(nbuckets, sizeof *nb);
    for (size_t i = 0; i < s->nbuckets; i++) {
        struct cache_entry *e = s->buckets[i];
        while (e) {
            struct cache_entry *next = e->hnext;
            struct cache_entry **b = &nb[e->key.lo & (nbuckets - 1)];
            e->hnext = *b;
            *b = e;
            e = next;
        }
    }
    free(s->buckets);
    s->bytes += (nbuckets - s->nbuckets) * sizeof *nb;
    s->buckets = nb;
    s->nbuckets = nbuckets;
}

/* Makes room for one more entry costing `cost`: grows the table when the
 * load would pass 1 and the bigger table still leaves room. Returns false
 * when the entry cannot fit the budget at all. */
static bool reserve(struct shard *s, size_t budget, size_t cost)
{
    if (s->count + 1 > s->nbuckets) {
        size_t want = s->nbuckets ? s->nbuckets * 2 : FIRST_BUCKETS;
        if (cost <= budget && want * sizeof(void *) <= budget - cost)
            grow(s, want);
    }
    return s->nbuckets && cost <= budget && s->nbuckets * sizeof(void *) <= budget - cost;
}

/* Drops least-recently-used entries until the shard is within budget,
 * sparing `keep` (which reserve() guaranteed fits on its own). */
static void evict(struct shard *s, size_t budget, const struct cache_entry *keep, double now,
                  struct cache_entry **freed)
{
    while (s->bytes > budget && s->lru.tail) {
        struct cache_entry *victim = LRU_ENTRY(s->lru.tail, struct cache_entry, lru);
        if (victim == keep)
            break;
        if (now >= victim->expires)
            s->expirations++;
        else
            s->evictions++;
        unlink_entry(s, victim, freed);
    }
}

/* ---- public ---- */

struct cache *cache_create(size_t max_bytes, double ttl_seconds)
{
    struct cache *c = xcalloc(1, sizeof *c);
    c->ttl = ttl_seconds > 0 ? ttl_seconds : INFINITY;
    atomic_init(&c->disabled_misses, 0);
    if (max_bytes == 0)
        return c;
    c->nshards = MAX_SHARDS;
    while (c->nshards > 1 && max_bytes / c->nshards < MIN_SHARD_BYTES)
        c->nshards /= 2;
    c->budget = max_bytes / c->nshards;
    c->shards = xcalloc(c->nshards, sizeof *c->shards);
    for (size_t i = 0; i < c->nshards; i++)
        pthread_mutex_init(&c->shards[i].lock, NULL);
    return c;
}

void cache_destroy(struct cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nshards; i++) {
        struct shard *s = &c->shards[i];
        for (struct lru_node *n = s->lru.head, *next; n; n = next) {
            next = n->next;
            cache_release(LRU_ENTRY(n, struct cache_entry, lru));
        }
        free(s->buckets);
        pthread_mutex_destroy(&s->lock);
    }
    free(c->shards);
    free(c);
}

struct cache_entry *cache_get(struct cache *c, struct cache_key key, double now)
{
    if (!c->nshards) {
        atomic_fetch_add_explicit(&c->disabled_misses, 1, memory_order_relaxed);
        return NULL;
    }
    struct shard *s = shard_of(c, key);
    struct cache_entry *freed = NULL;
    pthread_mutex_lock(&s->lock);
    struct cache_entry *e = find(s, key);
    if (e && now >= e->expires) {
        s->expirations++;
        unlink_entry(s, e, &freed);
        e = NULL;
    }
    if (e) {
        s->hits++;
        lru_unlink(&s->lru, &e->lru);
        lru_push_front(&s->lru, &e->lru);
        atomic_fetch_add_explicit(&e->refs, 1, memory_order_relaxed);
    } else {
        s->misses++;
    }
    pthread_mutex_unlock(&s->lock);
    release_list(freed);
    return e;
}

void cache_put(struct cache *c, struct cache_key key, const void *json, size_t json_len,
               const void *gzip, size_t gzip_len, uint64_t tag, double now)
{
    if (!c->nshards)
        return;
    struct shard *s = shard_of(c, key);
    struct cache_entry *freed = NULL;
    struct cache_entry *e = NULL;
    /* Build outside the lock; an oversized entry is never allocated. */
    if (entry_cost(json_len, gzip ? gzip_len : 0) <= c->budget)
        e = entry_new(key, json, json_len, gzip, gzip_len, tag, now + c->ttl);
    pthread_mutex_lock(&s->lock);
    struct cache_entry *old = find(s, key);
    if (old)
        unlink_entry(s, old, &freed);
    if (e && reserve(s, c->budget, e->cost)) {
        link_entry(s, e);
        s->inserts++;
        evict(s, c->budget, e, now, &freed);
        e = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    release_list(freed);
    cache_release(e); /* not cached */
}

bool cache_set_gzip(struct cache *c, struct cache_key key, const void *gzip, size_t gzip_len,
                    double now)
{
    if (!c->nshards)
        return false;
    struct shard *s = shard_of(c, key);
    struct cache_entry *freed = NULL;
    bool done = false;

    pthread_mutex_lock(&s->lock);
    struct cache_entry *cur = find(s, key);
    if (cur && now >= cur->expires) {
        s->expirations++;
        unlink_entry(s, cur, &freed);
        cur = NULL;
    }
    if (cur)
        atomic_fetch_add_explicit(&cur->refs, 1, memory_order_relaxed);
    pthread_mutex_unlock(&s->lock);
    release_list(freed);
    freed = NULL;
    if (!cur)
        return false;

    /* Copy outside the lock, then swap in only if cur is still the entry. */
    struct cache_entry *n = NULL;
    if (entry_cost(cur->json_len, gzip ? gzip_len : 0) <= c->budget)
        n = entry_new(key, cur->data, cur->json_len, gzip, gzip_len, cur->tag, cur->expires);
    pthread_mutex_lock(&s->lock);
    /* The entry count stays the same, so the table need not grow. */
    if (n && find(s, key) == cur && s->nbuckets * sizeof(void *) <= c->budget - n->cost) {
        unlink_entry(s, cur, &freed);
        link_entry(s, n);
        evict(s, c->budget, n, now, &freed);
        n = NULL;
        done = true;
    }
    pthread_mutex_unlock(&s->lock);
    release_list(freed);
    cache_release(n);
    cache_release(cur);
    return done;
}

void cache_stats(struct cache *c, struct cache_stats *out)
{
    memset(out, 0, sizeof *out);
    out->misses = atomic_load_explicit(&c->disabled_misses, memory_order_relaxed);
    for (size_t i = 0; i < c->nshards; i++) {
        struct shard *s = &c->shards[i];
        pthread_mutex_lock(&s->lock);
        out->hits += s->hits;
        out->misses += s->misses;
        out->evictions += s->evictions;
        out->expirations += s->expirations;
        out->inserts += s->inserts;
        out->bytes += s->bytes;
        out->entries += s->count;
        pthread_mutex_unlock(&s->lock);
    }
}
