/* ratelimit.c - the per-key token buckets (see ratelimit.h): shards, each a
 * mutex, a chained hash table and an intrusive LRU list over its buckets,
 * keys hashed with SipHash-2-4 under a random key so that clients cannot
 * choose keys that pile up in one shard or one chain.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/ratelimit.h"

#include "app/mem.h"
#include "service/lru.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define MAX_SHARDS 64
#define MIN_SHARD_KEYS 64
#define FIRST_SLOTS 16
/* Key storage is rounded up so that an evicted bucket's memory can usually
 * take the new key in place: 48 bytes hold any IPv6 address as text. */
#define KEY_MIN_CAP 48
#define KEY_ROUND 16
/* A token count this close below 1 counts as 1, so that a caller who waits
 * exactly the retry_after it was given is never refused by rounding. */
#define TOKEN_EPSILON 1e-9

struct entry {
    struct entry *hnext; /* hash chain */
    struct lru_node lru; /* recency list, head = most recent */
    uint64_t hash;
    double tokens; /* at time stamp; may dip TOKEN_EPSILON below 0 */
    double stamp;  /* the latest now seen (never moves back) */
    size_t len;    /* strlen(key) */
    size_t cap;    /* bytes of key[] */
    char key[];
};

struct shard {
    pthread_mutex_t lock;
    struct entry **slots; /* nslots chains, NULL until the first insert */
    size_t nslots;        /* 0 or a power of two */
    struct lru lru;
    size_t count, max;
    uint64_t allowed, limited, evictions, evictions_active;
};

struct ratelimit {
    double rate, burst;
    size_t nshards;  /* 0: unlimited */
    uint64_t k0, k1; /* SipHash key */
    struct shard *shards;
};

/* ---- SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input
 * PRF", 2012): keyed, so hash values cannot be predicted from outside ---- */

static uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t load64le(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

#define SIPROUND                                                                                   \
    do {                                                                                           \
        v0 += v1;                                                                                  \
        v1 = rotl64(v1, 13);                                                                       \
        v1 ^= v0;                                                                                  \
        v0 = rotl64(v0, 32);                                                                       \
        v2 += v3;                                                                                  \
        v3 = rotl64(v3, 16);                                                                       \
        v3 ^= v2;                                                                                  \
        v0 += v3;                                                                                  \
        v3 = rotl64(v3, 21);                                                                       \
        v3 ^= v0;                                                                                  \
        v2 += v1;                                                                                  \
        v1 = rotl64(v1, 17);                                                                       \
        v1 ^= v2;                                                                                  \
        v2 = rotl64(v2, 32);                                                                       \
    } while (0)

static uint64_t siphash24(uint64_t k0, uint64_t k1, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = k1 ^ 0x7465646279746573ULL;
    size_t end = len - len % 8;

    for (size_t i = 0; i < end; i += 8) {
        uint64_t m = load64le(p + i);
        v3 ^= m;
        SIPROUND;
        SIPROUND;
        v0 ^= m;
    }
    /* the last block: the 0-7 remaining bytes and the length's low byte */
    uint64_t m = (uint64_t)(len & 0xff) << 56;
    for (size_t i = len % 8; i > 0; i--)
        m |= (uint64_t)p[end + i - 1] << (8 * (i - 1));
    v3 ^= m;
    SIPROUND;
    SIPROUND;
    v0 ^= m;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* A random hash key for one limiter. Without kernel randomness (which
 * Linux has given since boot on any machine that runs kundlid) the clock
 * and an address still vary the key from run to run. */
static void random_key(uint64_t key[2], const void *salt)
{
    unsigned char raw[16];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        got += (size_t)n;
    }
    if (got < sizeof raw) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t mix[2] = {(uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec,
                           (uint64_t)(uintptr_t)salt};
        memcpy(raw, mix, sizeof raw);
    }
    key[0] = load64le(raw);
    key[1] = load64le(raw + 8);
}

/* ---- buckets (all helpers below run with the shard locked) ---- */

static void refill(const struct ratelimit *r, struct entry *e, double now)
{
    if (now > e->stamp) {
        double t = e->tokens + (now - e->stamp) * r->rate;
        e->tokens = t < r->burst ? t : r->burst;
        e->stamp = now;
    }
}

/* Whether e's bucket is full at now, i.e. it is the same as no bucket. */
static bool is_full(const struct ratelimit *r, const struct entry *e, double now)
{
    double t = e->tokens;
    if (now > e->stamp)
        t += (now - e->stamp) * r->rate;
    return t >= r->burst;
}

static struct entry **slot_of(struct shard *s, uint64_t hash, const char *key, size_t len)
{
    struct entry **p = &s->slots[hash & (s->nslots - 1)];
    while (*p && ((*p)->hash != hash || (*p)->len != len || memcmp((*p)->key, key, len) != 0))
        p = &(*p)->hnext;
    return p;
}

static struct entry *find(struct shard *s, uint64_t hash, const char *key, size_t len)
{
    return s->nslots ? *slot_of(s, hash, key, len) : NULL;
}

static void grow(struct shard *s, size_t nslots)
{
    struct entry **ns = xcalloc(nslots, sizeof *ns);
    for (size_t i = 0; i < s->nslots; i++) {
        struct entry *e = s->slots[i];
        while (e) {
            struct entry *next = e->hnext;
            struct entry **b = &ns[e->hash & (nslots - 1)];
            e->hnext = *b;
            *b = e;
            e = next;
        }
    }
    free(s->slots);
    s->slots = ns;
    s->nslots = nslots;
}

/* Drops the least-recently-used bucket to make room, and returns it for
 * reuse; a full bucket is no loss, any other is counted as active. */
static struct entry *evict_lru(const struct ratelimit *r, struct shard *s, double now)
{
    struct entry *victim = LRU_ENTRY(s->lru.tail, struct entry, lru);
    struct entry **p = slot_of(s, victim->hash, victim->key, victim->len);
    *p = victim->hnext;
    lru_unlink(&s->lru, &victim->lru);
    s->count--;
    s->evictions++;
    if (!is_full(r, victim, now))
        s->evictions_active++;
    return victim;
}

/* A new, full bucket for key at now, linked in at the LRU head. Reuses the
 * evicted bucket when the shard is full and its key storage is big enough;
 * otherwise that one is left in *freed for the caller to free unlocked. */
static struct entry *insert(const struct ratelimit *r, struct shard *s, uint64_t hash,
                            const char *key, size_t len, double now, struct entry **freed)
{
    struct entry *e = NULL;
    if (s->count >= s->max) {
        e = evict_lru(r, s, now);
        if (e->cap <= len) {
            *freed = e;
            e = NULL;
        }
    } else if (s->count + 1 > s->nslots) {
        grow(s, s->nslots ? s->nslots * 2 : FIRST_SLOTS);
    }
    if (!e) {
        size_t cap = len + 1 < KEY_MIN_CAP ? KEY_MIN_CAP : len + 1;
        cap = (cap + KEY_ROUND - 1) / KEY_ROUND * KEY_ROUND;
        e = xmalloc(offsetof(struct entry, key) + cap);
        e->cap = cap;
    }
    memcpy(e->key, key, len);
    e->key[len] = '\0';
    e->len = len;
    e->hash = hash;
    e->tokens = r->burst;
    /* A NaN clock reading must not stop refills for good. */
    e->stamp = isnan(now) ? -INFINITY : now;
    struct entry **b = &s->slots[hash & (s->nslots - 1)];
    e->hnext = *b;
    *b = e;
    lru_push_front(&s->lru, &e->lru);
    s->count++;
    return e;
}

/* ---- public ---- */

struct ratelimit *ratelimit_create(double rate_per_s, double burst, size_t max_keys)
{
    struct ratelimit *r = xcalloc(1, sizeof *r);
    if (!(rate_per_s > 0))
        return r;
    r->rate = rate_per_s;
    r->burst = burst >= 1 ? burst : 1;
    if (max_keys == 0)
        max_keys = 1;
    r->nshards = MAX_SHARDS;
    while (r->nshards > 1 && max_keys / r->nshards < MIN_SHARD_KEYS)
        r->nshards /= 2;
    uint64_t key[2];
    random_key(key, r);
    r->k0 = key[0];
    r->k1 = key[1];
    r->shards = xcalloc(r->nshards, sizeof *r->shards);
    for (size_t i = 0; i < r->nshards; i++) {
        struct shard *s = &r->shards[i];
        pthread_mutex_init(&s->lock, NULL);
        /* the remainder goes one key each to the first shards: the total
         * is exactly max_keys */
        s->max = max_keys / r->nshards + (i < max_keys % r->nshards);
    }
    return r;
}

void ratelimit_destroy(struct ratelimit *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nshards; i++) {
        struct shard *s = &r->shards[i];
        for (struct lru_node *n = s->lru.head, *next; n; n = next) {
            next = n->next;
            free(LRU_ENTRY(n, struct entry, lru));
        }
        free(s->slots);
        pthread_mutex_destroy(&s->lock);
    }
    free(r->shards);
    free(r);
}

bool ratelimit_take(struct ratelimit *r, const char *key, double now, double *retry_after_s)
{
    if (!r->nshards) {
        if (retry_after_s)
            *retry_after_s = 0;
        return true;
    }
    size_t len = strlen(key);
    uint64_t hash = siphash24(r->k0, r->k1, key, len);
    /* the top bits pick the shard, the low ones the chain within it */
    struct shard *s = &r->shards[(hash >> 58) & (r->nshards - 1)];
    struct entry *freed = NULL;
    double wait = 0;
    bool allowed;

    pthread_mutex_lock(&s->lock);
    struct entry *e = find(s, hash, key, len);
    if (e) {
        refill(r, e, now);
        if (s->lru.head != &e->lru) {
            lru_unlink(&s->lru, &e->lru);
            lru_push_front(&s->lru, &e->lru);
        }
    } else {
        e = insert(r, s, hash, key, len, now, &freed);
    }
    allowed = e->tokens >= 1 - TOKEN_EPSILON;
    if (allowed) {
        e->tokens -= 1;
        s->allowed++;
    } else {
        wait = (1 - e->tokens) / r->rate;
        s->limited++;
    }
    pthread_mutex_unlock(&s->lock);
    free(freed);
    if (retry_after_s)
        *retry_after_s = wait;
    return allowed;
}

void ratelimit_stats(struct ratelimit *r, struct ratelimit_stats *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < r->nshards; i++) {
        struct shard *s = &r->shards[i];
        pthread_mutex_lock(&s->lock);
        out->allowed += s->allowed;
        out->limited += s->limited;
        out->evictions += s->evictions;
        out->evictions_active += s->evictions_active;
        out->keys += s->count;
        pthread_mutex_unlock(&s->lock);
    }
}

size_t ratelimit_keys(struct ratelimit *r)
{
    struct ratelimit_stats st;
    ratelimit_stats(r, &st);
    return (size_t)st.keys;
}
