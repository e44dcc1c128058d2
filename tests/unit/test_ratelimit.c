/* test_ratelimit.c - the per-key token buckets on virtual time: burst,
 * refusal and refill with exact retry_after values, independent keys, the
 * unlimited mode, LRU eviction and the max_keys bound under 1,000,000
 * distinct keys, clocks going backwards, 4 threads sharing buckets, and the
 * key hash against SipHash-2-4's published vectors.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

/* the .c itself, to reach the static hash */
#include "service/ratelimit.c"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* One take that must be allowed (retry_after 0). */
static void ok(struct ratelimit *r, const char *key, double now)
{
    double wait = -1;
    assert_true(ratelimit_take(r, key, now, &wait));
    assert_true(wait == 0);
}

/* One take that must be refused; returns its retry_after. */
static double refused(struct ratelimit *r, const char *key, double now)
{
    double wait = -1;
    assert_false(ratelimit_take(r, key, now, &wait));
    assert_true(wait > 0);
    return wait;
}

/* The reference vectors of the SipHash paper's code (vectors.h): key
 * 00 01 .. 0f, message 00 01 .. (len-1). */
static void test_siphash_vectors(void **state)
{
    (void)state;
    unsigned char key[16], msg[64];
    for (int i = 0; i < 16; i++)
        key[i] = (unsigned char)i;
    for (int i = 0; i < 64; i++)
        msg[i] = (unsigned char)i;
    uint64_t k0 = load64le(key), k1 = load64le(key + 8);
    assert_true(siphash24(k0, k1, msg, 0) == 0x726fdb47dd0e0e31ULL);
    assert_true(siphash24(k0, k1, msg, 8) == 0x93f5f5799a932462ULL);
    /* the example of the paper's appendix A */
    assert_true(siphash24(k0, k1, msg, 15) == 0xa129ca6149be45e5ULL);
}

static void test_burst_refill(void **state)
{
    (void)state;
    struct ratelimit *r = ratelimit_create(10, 5, 100);
    for (int i = 0; i < 5; i++)
        ok(r, "k", 0);
    double wait = refused(r, "k", 0);
    assert_true(wait == 0.1);
    assert_true(ceil(wait) == 1); /* Retry-After: 1 */
    assert_near(refused(r, "k", 0.05), 0.05);
    ok(r, "k", 0.1);
    assert_true(refused(r, "k", 0.1) == 0.1);
    /* 2.5 tokens: two takes and 0.05 s to the next */
    ok(r, "k", 0.35);
    ok(r, "k", 0.35);
    assert_near(refused(r, "k", 0.35), 0.05);
    /* an idle bucket refills to burst, not beyond */
    for (int i = 0; i < 5; i++)
        ok(r, "k", 100);
    assert_true(refused(r, "k", 100) == 0.1);
    /* waiting exactly retry_after always succeeds, whatever the rounding */
    double now = 1000.3;
    for (int i = 0; i < 5; i++)
        ok(r, "k", now);
    for (int i = 0; i < 1000; i++) {
        now += refused(r, "k", now);
        ok(r, "k", now);
    }
    assert_int_equal(ratelimit_keys(r), 1);
    ratelimit_destroy(r);

    /* slower than one a second, burst 1; a NULL retry_after is fine */
    r = ratelimit_create(0.5, 1, 100);
    ok(r, "ip", 7);
    assert_true(refused(r, "ip", 7) == 2.0);
    assert_false(ratelimit_take(r, "ip", 8, NULL));
    ok(r, "ip", 9);
    ratelimit_destroy(r);

    /* burst below 1 is taken as 1 */
    r = ratelimit_create(1, 0.2, 100);
    ok(r, "k", 0);
    assert_true(refused(r, "k", 0) == 1.0);
    ratelimit_destroy(r);
}

static void test_independent_keys(void **state)
{
    (void)state;
    struct ratelimit *r = ratelimit_create(1, 2, 1000);
    char longa[1001], longb[1001];
    memset(longa, 'x', 1000);
    longa[1000] = '\0';
    memcpy(longb, longa, sizeof longa);
    longb[999] = 'y';
    const char *keys[] = {"10.0.0.1", "10.0.0.10", "", "2001:db8::1", longa, longb, "key_abc"};
    size_t n = sizeof keys / sizeof *keys;
    for (size_t i = 0; i < n; i++) {
        ok(r, keys[i], 0);
        ok(r, keys[i], 0);
        assert_true(refused(r, keys[i], 0) == 1.0);
        /* the keys before are untouched by this one's use */
        for (size_t j = 0; j < i; j++)
            assert_true(refused(r, keys[j], 0) == 1.0);
        assert_int_equal(ratelimit_keys(r), i + 1);
    }
    assert_int_equal(ratelimit_keys(r), n);
    /* the same text in another buffer is the same key */
    char copy[16];
    snprintf(copy, sizeof copy, "%s", "10.0.0.1");
    assert_true(refused(r, copy, 0.5) == 0.5);
    struct ratelimit_stats st;
    ratelimit_stats(r, &st);
    assert_int_equal(st.allowed, 2 * n);
    assert_int_equal(st.limited, n + n * (n - 1) / 2 + 1);
    assert_int_equal(st.keys, n);
    assert_int_equal(st.evictions, 0);
    ratelimit_destroy(r);
}

static void test_unlimited(void **state)
{
    (void)state;
    const double rates[] = {0, -1, NAN};
    for (size_t k = 0; k < 3; k++) {
        struct ratelimit *r = ratelimit_create(rates[k], 1, 10);
        for (int i = 0; i < 1000; i++) {
            char key[32];
            snprintf(key, sizeof key, "k%d", i % 7);
            ok(r, key, 0);
        }
        assert_true(ratelimit_take(r, "x", 0, NULL));
        struct ratelimit_stats st;
        ratelimit_stats(r, &st);
        assert_int_equal(st.keys + st.allowed + st.limited + st.evictions, 0);
        assert_int_equal(ratelimit_keys(r), 0);
        ratelimit_destroy(r);
    }
    ratelimit_destroy(NULL);
}

/* Fewer than 128 keys: one shard, so the LRU order is exact. */
static void test_lru_order(void **state)
{
    (void)state;
    struct ratelimit *r = ratelimit_create(1, 2, 100);
    assert_int_equal(r->nshards, 1);
    char key[32];
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "key%d", i);
        ok(r, key, 0); /* one token left each */
    }
    ok(r, "key0", 0); /* key0 empty and now the most recent; key1 the oldest */
    ok(r, "key100", 0);
    assert_int_equal(ratelimit_keys(r), 100);
    assert_true(refused(r, "key0", 0) == 1.0); /* kept its state */
    ok(r, "key1", 0);                          /* evicted: a fresh bucket */
    ok(r, "key1", 0);
    refused(r, "key1", 0);
    /* key2 went for key1; key3 (one token) is the oldest now */
    ok(r, "key3", 0);
    refused(r, "key3", 0);
    struct ratelimit_stats st;
    ratelimit_stats(r, &st);
    assert_int_equal(st.evictions, 2);
    assert_int_equal(st.evictions_active, 2);
    assert_int_equal(st.keys, 100);
    ratelimit_destroy(r);

    /* max_keys 1 (and 0, taken as 1): each new key evicts the last */
    for (size_t max = 0; max < 2; max++) {
        r = ratelimit_create(1, 1, max);
        ok(r, "a", 0);
        refused(r, "a", 0);
        ok(r, "b", 0);
        ok(r, "a", 0);
        assert_int_equal(ratelimit_keys(r), 1);
        ratelimit_destroy(r);
    }
}

static void test_bounded_memory(void **state)
{
    (void)state;
    const unsigned flood = 1000000;
    struct ratelimit *r = ratelimit_create(1, 5, 1000);
    for (int i = 0; i < 5; i++)
        ok(r, "hot", 0);
    char key[128];
    for (unsigned i = 0; i < flood; i++) {
        /* every 97th key is long, so that evicted memory cannot always be
         * reused in place */
        if (i % 97 == 0)
            snprintf(key, sizeof key, "2001:db8:%x:%x::%x/%090d", i >> 16, i & 0xffff, i, 0);
        else
            snprintf(key, sizeof key, "2001:db8:%x:%x::%x", i >> 16, i & 0xffff, i);
        ok(r, key, 0);
        if (i % 100 == 0)
            assert_true(refused(r, "hot", 0) == 1.0);
        if (i % 10000 == 0)
            assert_true(ratelimit_keys(r) <= 1000);
    }
    struct ratelimit_stats st;
    ratelimit_stats(r, &st);
    assert_int_equal(st.keys, 1000); /* every shard full, none over */
    assert_int_equal(st.evictions, flood + 1 - 1000);
    assert_int_equal(st.evictions_active, st.evictions); /* 4 of 5 tokens each */
    /* the hot key kept its empty bucket through the flood */
    ok(r, "hot", 1);
    assert_true(refused(r, "hot", 1) == 1.0);

    /* 10 s later every bucket but hot's has refilled, and new keys come
     * 0.01 s apart: a bucket leaves its shard (125 buckets) only after 124
     * more keys came to that shard, over 1.24 s at least, by which time its
     * one token is back. So no eviction loses state. */
    for (unsigned i = 0; i < 5000; i++) {
        double now = 10 + i * 0.01;
        snprintf(key, sizeof key, "10.%u.%u.%u", i >> 16, (i >> 8) & 255, i & 255);
        ok(r, key, now);
        if (i % 100 == 0)
            ratelimit_take(r, "hot", now, NULL);
    }
    struct ratelimit_stats st2;
    ratelimit_stats(r, &st2);
    assert_int_equal(st2.keys, 1000);
    assert_int_equal(st2.evictions, st.evictions + 5000);
    assert_int_equal(st2.evictions_active, st.evictions_active);
    ratelimit_destroy(r);
}

static void test_time_backwards(void **state)
{
    (void)state;
    struct ratelimit *r = ratelimit_create(10, 5, 100);
    for (int i = 0; i < 5; i++)
        ok(r, "k", 100);
    /* earlier readings: no refill, no negative refill, same wait */
    assert_true(refused(r, "k", 50) == 0.1);
    assert_true(refused(r, "k", -1e9) == 0.1);
    assert_true(refused(r, "k", NAN) == 0.1);
    /* the bucket's clock stayed at 100 */
    ok(r, "k", 100.1);
    refused(r, "k", 100.1);
    /* going back after a refill keeps the tokens there are */
    ok(r, "k", 200);
    ok(r, "k", 200);
    for (int i = 0; i < 3; i++)
        ok(r, "k", 0);
    refused(r, "k", 0);
    refused(r, "k", 199);
    ok(r, "k", 200.1);
    /* a new key first seen at a NaN time starts full, and refills at the
     * first real reading (as a bucket idle since forever) */
    for (int i = 0; i < 5; i++)
        ok(r, "n", NAN);
    refused(r, "n", NAN);
    for (int i = 0; i < 5; i++)
        ok(r, "n", 300);
    assert_true(refused(r, "n", 300) == 0.1);
    ratelimit_destroy(r);
}

/* ---- 4 threads on shared and distinct keys ---- */

#define THREADS 4
#define TAKES 100000
#define RATE 1000.0
#define BURST 50.0
#define WINDOW 10.0 /* virtual seconds over a thread's TAKES takes */

struct worker {
    struct ratelimit *exact, *churn;
    int id;
    long shared_ok, own_ok;
};

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    char own[16], key[32];
    snprintf(own, sizeof own, "own%d", w->id);
    uint64_t rng = 0x9E3779B97F4A7C15ULL * (uint64_t)(w->id + 1);
    for (long i = 0; i < TAKES; i++) {
        double now = WINDOW * (double)i / (TAKES - 1);
        w->shared_ok += ratelimit_take(w->exact, "shared", now, NULL);
        w->own_ok += ratelimit_take(w->exact, own, now, NULL);
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        snprintf(key, sizeof key, "c%u", (unsigned)(rng % 20000));
        ratelimit_take(w->churn, key, now, NULL);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    /* exact: room for every key, so only the clock decides; churn: 20,000
     * keys through 1,000 buckets, evicting all the time */
    struct ratelimit *exact = ratelimit_create(RATE, BURST, 10000);
    struct ratelimit *churn = ratelimit_create(5, 3, 1000);
    struct worker w[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (struct worker){exact, churn, i, 0, 0};
        assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);

    /* Every thread's clock ends at WINDOW, and the bucket's clock only moves
     * forward, so the refills add up to RATE * WINDOW whatever the
     * interleaving; demand (4 x 10,000 a second) keeps the bucket below
     * burst, so none is lost to the cap. */
    const long expect = (long)(BURST + RATE * WINDOW);
    long shared = 0;
    for (int i = 0; i < THREADS; i++) {
        shared += w[i].shared_ok;
        print_message("thread %d: own %ld, shared %ld\n", i, w[i].own_ok, w[i].shared_ok);
        assert_true(labs(w[i].own_ok - expect) <= 1);
    }
    print_message("shared key: %ld allowed of %d, expected %ld\n", shared, THREADS * TAKES, expect);
    assert_true(labs(shared - expect) <= 1);

    struct ratelimit_stats st;
    ratelimit_stats(exact, &st);
    assert_int_equal(st.allowed + st.limited, 2 * THREADS * TAKES);
    assert_int_equal(st.keys, THREADS + 1);
    assert_int_equal(st.evictions, 0);
    ratelimit_stats(churn, &st);
    print_message("churn: allowed %llu, limited %llu, evictions %llu (active %llu), keys %llu\n",
                  (unsigned long long)st.allowed, (unsigned long long)st.limited,
                  (unsigned long long)st.evictions, (unsigned long long)st.evictions_active,
                  (unsigned long long)st.keys);
    assert_int_equal(st.allowed + st.limited, THREADS * TAKES);
    assert_true(st.keys <= 1000);
    assert_true(st.evictions > 0);
    ratelimit_destroy(exact);
    ratelimit_destroy(churn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siphash_vectors),  cmocka_unit_test(test_burst_refill),
        cmocka_unit_test(test_independent_keys), cmocka_unit_test(test_unlimited),
        cmocka_unit_test(test_lru_order),        cmocka_unit_test(test_bounded_memory),
        cmocka_unit_test(test_time_backwards),   cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
