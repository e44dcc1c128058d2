/* test_cache.c - the L1 cache: hits, misses and replacement, TTL expiry, LRU
 * order, the memory bound under KUNDLI_TEST_CACHE_INSERTS inserts (20,000 by
 * default, 100,000 in the long run), the disabled cache,
 * reference counting across eviction, gzip bodies added later, a 2-thread
 * stress run, and the key hash against MurmurHash3's published values.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "service/cache.h"
#include "testutil.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t inserts = 20000; /* KUNDLI_TEST_CACHE_INSERTS */

static struct cache_key key_of(uint64_t i)
{
    return cache_key_hash(&i, sizeof i);
}

static void stats(struct cache *c, struct cache_stats *s)
{
    cache_stats(c, s);
}

/* SMHasher's VerificationTest: hash {}, {0}, {0,1}, ... {0..254} with seed
 * 256 - length, hash the 256 concatenated digests with seed 0; the first
 * 4 bytes (little-endian) are 0x6384BA69 for MurmurHash3_x64_128. */
static void test_murmur3_verification(void **state)
{
    (void)state;
    unsigned char key[256], digests[256 * 16];
    for (int i = 0; i < 256; i++) {
        uint64_t h[2];
        key[i] = (unsigned char)i;
        cache_murmur3_128(key, (size_t)i, (uint32_t)(256 - i), h);
        for (int b = 0; b < 16; b++)
            digests[i * 16 + b] = (unsigned char)(h[b / 8] >> (8 * (b % 8)));
    }
    uint64_t final[2];
    cache_murmur3_128(digests, sizeof digests, 0, final);
    assert_int_equal((uint32_t) final[0], 0x6384BA69u);
}

static void test_key_hash_stable(void **state)
{
    (void)state;
    /* Known answers of MurmurHash3_x64_128, seed 0, as published e.g. in
     * PHP's ext/hash tests (hash("murmur3f", "abc")) and other ports. */
    struct cache_key k = cache_key_hash("", 0);
    assert_true(k.hi == 0 && k.lo == 0);
    k = cache_key_hash("abc", 3);
    assert_true(k.hi == 0xB4963F3F3FAD7867ULL);
    assert_true(k.lo == 0x3BA2744126CA2D52ULL);
    char hex[33];
    cache_key_hex(k, hex);
    assert_string_equal(hex, "b4963f3f3fad78673ba2744126ca2d52");
    /* 43 bytes: two blocks and an 11-byte tail (both tail words) */
    const char *fox = "The quick brown fox jumps over the lazy dog";
    cache_key_hex(cache_key_hash(fox, strlen(fox)), hex);
    assert_string_equal(hex, "e34bbc7bbc071b6c7a433ca9c49a9347");
    /* A one-bit change of input changes both words. */
    struct cache_key k2 = cache_key_hash("abd", 3);
    assert_true(k2.hi != k.hi && k2.lo != k.lo);
}

static void test_hit_miss_replace(void **state)
{
    (void)state;
    struct cache *c = cache_create(1 << 20, 60);
    struct cache_key k = key_of(1);
    assert_null(cache_get(c, k, 0));
    cache_put(c, k, "{\"a\":1}", 7, "GZ", 2, 42, 0);

    struct cache_entry *e = cache_get(c, k, 1);
    assert_non_null(e);
    size_t n;
    const char *json = cache_entry_json(e, &n);
    assert_int_equal(n, 7);
    assert_memory_equal(json, "{\"a\":1}", 7);
    assert_int_equal(json[7], '\0');
    const char *gz = cache_entry_gzip(e, &n);
    assert_int_equal(n, 2);
    assert_memory_equal(gz, "GZ", 2);
    assert_int_equal(cache_entry_tag(e), 42);
    cache_release(e);

    assert_null(cache_get(c, key_of(2), 1));

    cache_put(c, k, "[2]", 3, NULL, 0, 7, 2);
    e = cache_get(c, k, 3);
    assert_non_null(e);
    json = cache_entry_json(e, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(json, "[2]", 3);
    assert_null(cache_entry_gzip(e, &n));
    assert_int_equal(n, 0);
    assert_int_equal(cache_entry_tag(e), 7);
    cache_release(e);

    struct cache_stats s;
    stats(c, &s);
    assert_int_equal(s.hits, 2);
    assert_int_equal(s.misses, 2);
    assert_int_equal(s.inserts, 2);
    assert_int_equal(s.entries, 1);
    assert_int_equal(s.evictions, 0);
    assert_int_equal(s.expirations, 0);
    assert_true(s.bytes > 3 && s.bytes < 1024);
    cache_destroy(c);
}

static void test_ttl(void **state)
{
    (void)state;
    struct cache *c = cache_create(1 << 20, 10);
    struct cache_key k = key_of(5);
    cache_put(c, k, "x", 1, NULL, 0, 0, 100.0);
    struct cache_entry *e = cache_get(c, k, 109.999);
    assert_non_null(e);
    cache_release(e);
    assert_null(cache_get(c, k, 110.0));
    assert_null(cache_get(c, k, 110.5));
    /* a replacement gets a fresh TTL */
    cache_put(c, k, "y", 1, NULL, 0, 0, 200.0);
    e = cache_get(c, k, 209.0);
    assert_non_null(e);
    cache_release(e);
    struct cache_stats s;
    stats(c, &s);
    assert_int_equal(s.expirations, 1);
    assert_int_equal(s.hits, 2);
    assert_int_equal(s.misses, 2);
    assert_int_equal(s.entries, 1);
    cache_destroy(c);

    /* ttl <= 0: no expiry */
    c = cache_create(1 << 20, 0);
    cache_put(c, k, "x", 1, NULL, 0, 0, 0);
    e = cache_get(c, k, 1e12);
    assert_non_null(e);
    cache_release(e);
    cache_destroy(c);
}

static bool present(struct cache *c, uint64_t i)
{
    struct cache_entry *e = cache_get(c, key_of(i), 1);
    cache_release(e);
    return e != NULL;
}

static void test_lru_order(void **state)
{
    (void)state;
    /* 100 KiB is below two minimum shards: one shard, so LRU is exact. */
    struct cache *c = cache_create(100 * 1024, 0);
    static char body[10000];
    memset(body, 'j', sizeof body);
    struct cache_stats s;
    uint64_t n = 0;
    do {
        cache_put(c, key_of(n++), body, sizeof body, NULL, 0, 0, 0);
        stats(c, &s);
    } while (s.evictions == 0 && n < 100);
    assert_true(n >= 5 && n < 100);
    /* the oldest went first */
    assert_false(present(c, 0));
    for (uint64_t i = 1; i < n; i++)
        assert_true(present(c, i));
    /* touch 1 (now the oldest); the next insert must evict 2 instead */
    assert_true(present(c, 1));
    cache_put(c, key_of(n++), body, sizeof body, NULL, 0, 0, 0);
    assert_true(present(c, 1));
    assert_false(present(c, 2));
    for (uint64_t i = 3; i < n; i++)
        assert_true(present(c, i));
    stats(c, &s);
    assert_int_equal(s.evictions, 2);
    assert_true(s.bytes <= 100 * 1024);
    cache_destroy(c);
}

static void test_memory_bound(void **state)
{
    (void)state;
    const size_t max = 16u << 20;
    struct cache *c = cache_create(max, 0);
    size_t cap = 5600;
    char *body = malloc(cap);
    memset(body, 'b', cap);
    struct cache_stats s;
    uint64_t rng = 88172645463325252ULL;
    for (uint64_t i = 0; i < inserts; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        size_t json = 4500 + rng % 1000, gz = i % 3 ? 0 : 100 + rng % 200;
        cache_put(c, key_of(i), body, json, gz ? body : NULL, gz, i, 0);
        stats(c, &s);
        assert_true(s.bytes <= max);
        assert_int_equal(s.inserts, i + 1);
        assert_int_equal(s.evictions, s.inserts - s.entries);
    }
    /* the cache is used, not just bounded: at least 90% full */
    assert_true(s.bytes >= max / 10 * 9);
    assert_true(s.entries > 2500 && s.entries < 16 * 1024 * 1024 / 4500);
    assert_true(present(c, inserts - 1));
    assert_int_equal(s.expirations, 0);
    cache_destroy(c);

    /* one shard of 256 KiB and sizes from 100 B to 5 KB: the bound is exact,
     * not approximately kept */
    c = cache_create(256 * 1024, 0);
    for (uint64_t i = 0; i < 5000; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        cache_put(c, key_of(i), body, 100 + rng % 4900, NULL, 0, 0, 0);
        stats(c, &s);
        assert_true(s.bytes <= 256 * 1024);
        assert_int_equal(s.evictions, s.inserts - s.entries);
    }
    assert_true(s.bytes > 256 * 1024 - 5200);
    free(body);
    cache_destroy(c);
}

static void test_oversized_not_cached(void **state)
{
    (void)state;
    struct cache *c = cache_create(256 * 1024, 0); /* one shard of 256 KiB */
    size_t big = 300 * 1024;
    char *body = calloc(1, big);
    struct cache_key k = key_of(9);
    cache_put(c, k, "small", 5, NULL, 0, 0, 0);
    cache_put(c, k, body, big, NULL, 0, 0, 0);
    assert_null(cache_get(c, k, 0)); /* the stale small value went too */
    struct cache_stats s;
    stats(c, &s);
    assert_int_equal(s.entries, 0);
    assert_int_equal(s.inserts, 1);
    free(body);
    cache_destroy(c);
}

static void test_disabled(void **state)
{
    (void)state;
    struct cache *c = cache_create(0, 60);
    struct cache_key k = key_of(1);
    cache_put(c, k, "x", 1, NULL, 0, 0, 0);
    assert_null(cache_get(c, k, 0));
    assert_null(cache_get(c, k, 0));
    assert_false(cache_set_gzip(c, k, "g", 1, 0));
    struct cache_stats s;
    stats(c, &s);
    assert_int_equal(s.misses, 2);
    assert_int_equal(s.hits, 0);
    assert_int_equal(s.inserts, 0);
    assert_int_equal(s.entries, 0);
    assert_int_equal(s.bytes, 0);
    cache_destroy(c);
}

static void test_refcount_across_eviction(void **state)
{
    (void)state;
    struct cache *c = cache_create(100 * 1024, 0);
    static char body[20000];
    memset(body, 'r', sizeof body);
    memcpy(body, "held", 4);
    cache_put(c, key_of(0), body, sizeof body, "gz", 2, 3, 0);
    struct cache_entry *held = cache_get(c, key_of(0), 0);
    assert_non_null(held);
    /* replaced, then its replacement evicted, while held */
    cache_put(c, key_of(0), "new", 3, NULL, 0, 0, 0);
    memset(body, 'x', 4);
    for (uint64_t i = 1; i < 20; i++)
        cache_put(c, key_of(i), body, sizeof body, NULL, 0, 0, 0);
    assert_false(present(c, 0));
    size_t n;
    const char *json = cache_entry_json(held, &n);
    assert_int_equal(n, sizeof body);
    assert_memory_equal(json, "heldrrrr", 8);
    assert_int_equal(json[n - 1], 'r');
    assert_memory_equal(cache_entry_gzip(held, &n), "gz", 2);
    assert_int_equal(cache_entry_tag(held), 3);
    cache_release(held); /* frees it: ASan reports a leak or double free */

    /* held across cache_destroy */
    cache_put(c, key_of(100), "kept", 4, NULL, 0, 0, 0);
    held = cache_get(c, key_of(100), 0);
    cache_destroy(c);
    assert_memory_equal(cache_entry_json(held, &n), "kept", 4);
    cache_release(held);
}

static void test_set_gzip(void **state)
{
    (void)state;
    struct cache *c = cache_create(1 << 20, 10);
    struct cache_key k = key_of(77);
    cache_put(c, k, "{}", 2, NULL, 0, 99, 0);
    struct cache_entry *before = cache_get(c, k, 1);
    size_t n;
    assert_null(cache_entry_gzip(before, &n));
    assert_true(cache_set_gzip(c, k, "GZIP", 4, 2));
    struct cache_entry *after = cache_get(c, k, 3);
    assert_memory_equal(cache_entry_gzip(after, &n), "GZIP", 4);
    assert_int_equal(n, 4);
    assert_memory_equal(cache_entry_json(after, &n), "{}", 2);
    assert_int_equal(cache_entry_tag(after), 99);
    assert_null(cache_entry_gzip(before, &n)); /* the held entry is unchanged */
    cache_release(before);
    cache_release(after);
    /* expiry is kept from the original put */
    assert_false(cache_set_gzip(c, k, "Z", 1, 10.0));
    assert_false(cache_set_gzip(c, key_of(78), "Z", 1, 0));
    struct cache_stats s;
    stats(c, &s);
    assert_int_equal(s.entries, 0);
    assert_int_equal(s.expirations, 1);
    assert_int_equal(s.bytes, 16 * sizeof(void *)); /* only the bucket array */
    cache_destroy(c);
}

/* ---- 2-thread stress ---- */

struct stress {
    struct cache *c;
    uint64_t seed;
    long ops, hits, bad;
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void *stress_run(void *arg)
{
    struct stress *st = arg;
    char body[3000];
    uint64_t rng = st->seed;
    double end = mono() + 1.0;
    while (mono() < end) {
        for (int j = 0; j < 256; j++, st->ops++) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            uint64_t id = rng % 512;
            double now = (double)(st->ops / 1000);
            unsigned op = (unsigned)(rng >> 40) % 8;
            if (op < 5) {
                struct cache_entry *e = cache_get(st->c, key_of(id), now);
                if (e) {
                    size_t n;
                    const unsigned char *p = cache_entry_json(e, &n);
                    st->hits++;
                    /* every byte of a value is its key id */
                    if (cache_entry_tag(e) != id || n < 1000 || p[0] != (unsigned char)id ||
                        p[n - 1] != (unsigned char)id)
                        st->bad++;
                    cache_release(e);
                }
            } else if (op < 7) {
                size_t n = 1000 + (rng >> 20) % 2000;
                memset(body, (unsigned char)id, n);
                cache_put(st->c, key_of(id), body, n, NULL, 0, id, now);
            } else {
                cache_set_gzip(st->c, key_of(id), body, 100, now);
            }
        }
    }
    return NULL;
}

static void test_two_thread_stress(void **state)
{
    (void)state;
    /* 512 KiB: two shards of 256 KiB, ~170 entries, so eviction is constant;
     * a 5 s TTL on a clock of 1,000 ops per second adds expiry. */
    struct cache *c = cache_create(512 * 1024, 5);
    struct stress st[2] = {{c, 0x9E3779B97F4A7C15ULL, 0, 0, 0},
                           {c, 0xD1B54A32D192ED03ULL, 0, 0, 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, stress_run, &st[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    struct cache_stats s;
    stats(c, &s);
    print_message("ops %ld, hits %llu, misses %llu, inserts %llu, evictions %llu, "
                  "expirations %llu, entries %llu\n",
                  st[0].ops + st[1].ops, (unsigned long long)s.hits, (unsigned long long)s.misses,
                  (unsigned long long)s.inserts, (unsigned long long)s.evictions,
                  (unsigned long long)s.expirations, (unsigned long long)s.entries);
    assert_int_equal(st[0].bad + st[1].bad, 0);
    assert_true(st[0].hits > 0 && st[1].hits > 0);
    assert_int_equal(s.hits, st[0].hits + st[1].hits);
    assert_true(s.bytes <= 512 * 1024);
    assert_true(s.evictions > 0);
    cache_destroy(c);
}

int main(void)
{
    /* at least 16 MiB / 4.5 KB inserts to fill the cache, and more to evict */
    inserts = (uint64_t)tu_env_count("KUNDLI_TEST_CACHE_INSERTS", (long)inserts);
    if (inserts < 10000) {
        fprintf(stderr, "KUNDLI_TEST_CACHE_INSERTS must be at least 10000\n");
        return 2;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_murmur3_verification),
        cmocka_unit_test(test_key_hash_stable),
        cmocka_unit_test(test_hit_miss_replace),
        cmocka_unit_test(test_ttl),
        cmocka_unit_test(test_lru_order),
        cmocka_unit_test(test_memory_bound),
        cmocka_unit_test(test_oversized_not_cached),
        cmocka_unit_test(test_disabled),
        cmocka_unit_test(test_refcount_across_eviction),
        cmocka_unit_test(test_set_gzip),
        cmocka_unit_test(test_two_thread_stress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
