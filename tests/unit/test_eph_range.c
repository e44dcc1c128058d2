/* test_eph_range.c - the ephemeris range: found from the installed files,
 * births and as_of outside it refused with date_out_of_range, and every
 * request giving the same bytes on every thread, whatever it computed
 * before (near the range's ends and the 600-year edges of libswe's files).
 * KUNDLI_TEST_RANGE_REQUESTS requests on 2 threads: 200 by default, 1,000
 * in the long run.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/civil.h"
#include "engine/kundli.h"
#include "output/error_json.h"
#include "output/kundli_json.h"
#include "testutil.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

static int requests = 200; /* KUNDLI_TEST_RANGE_REQUESTS */

#define MAX_CASES 64

/* One request: a birth at jd (UT, zone +00:00) or as_of at as_of_jd. */
struct rcase {
    double jd;
    double as_of_jd; /* NAN: no doshas section */
    bool inside;     /* expected 200 */
    const char *what;
};

static struct rcase cases[MAX_CASES];
static int ncases;

struct result {
    int rc;
    uint64_t hash;
    size_t len;
};

static struct result reference[MAX_CASES];

static uint64_t fnv(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211u;
    }
    return h;
}

static double jd_of(int y, int m, int d, int hh)
{
    struct civil c = {y, m, d, hh, 0, 0};
    return civil_jd_from_seconds((double)civil_to_seconds(&c));
}

static void add(double jd, double as_of_jd, bool inside, const char *what)
{
    assert_true(ncases < MAX_CASES);
    cases[ncases++] = (struct rcase){jd, as_of_jd, inside, what};
}

static void make_cases(void)
{
    const struct context *ctx = tu_ctx();
    const double lo = ctx->jd_min, hi = ctx->jd_max;
    const double day = 1.0, min = 1.0 / 1440.0;
    ncases = 0;
    /* the upper end: births just inside and just outside */
    for (int k = 1; k <= 4; k++) {
        add(hi - k * 0.3 * day, NAN, true, "birth just inside the end");
        add(hi - k * min, NAN, true, "birth a minute inside the end");
        add(hi + k * min, NAN, false, "birth a minute past the end");
        add(hi + k * 0.3 * day, NAN, false, "birth past the end");
        add(hi + 5.0 + k, NAN, false, "birth past the files' last day");
    }
    add(jd_of(5399, 12, 31, 23), NAN, false, "the last civil hour");
    add(jd_of(1, 1, 1, 0), NAN, true, "the first civil day");
    /* the 600-year edges of the files, where a thread that read the block
     * before once answered differently */
    const int edges[] = {1200, 1800, 2400, 3000, 4800};
    for (size_t e = 0; e < sizeof edges / sizeof *edges; e++)
        for (int k = -3; k <= 3; k++)
            add(jd_of(edges[e], 1, 1, 0) + k * 7.3 * day, NAN, true, "near a file's edge");
    /* as_of: sade sati reads ~11 years before and ~42 after it */
    const double born = jd_of(2000, 1, 1, 12);
    struct error err;
    double a_hi = hi, a_lo = lo;
    while (context_check_span(ctx, a_hi, 0, 0, "x", &err) == 0 &&
           kundli_as_of_check(ctx, civil_seconds_from_jd(a_hi), &err) != 0)
        a_hi -= 1.0;
    while (kundli_as_of_check(ctx, civil_seconds_from_jd(a_lo), &err) != 0)
        a_lo += 1.0;
    add(born, a_hi - 2.0, true, "as_of just inside the end");
    add(born, a_hi + 2.0, false, "as_of just past the end");
    add(born, hi + 10.0, false, "as_of past the files");
    add(born, a_lo + 2.0, true, "as_of just inside the start");
    add(born, a_lo - 2.0, false, "as_of just before the start");
    add(born, jd_of(2026, 1, 1, 0), true, "as_of now");
}

/* Computes case i; the JSON document (or the error document) into *out. */
static struct result compute(int i)
{
    const struct rcase *rc = &cases[i];
    struct birth b;
    struct chart_options o;
    struct error err;
    struct kundli *k = malloc(sizeof *k);
    struct result r;
    struct jsonw w;
    tu_birth(&b, &o, "date=2000-01-01", "time=00:00", "tz=+00:00", "lat=28.6", "lon=77.2",
             "sections=planets,houses,dasha,panchang", NULL);
    civil_from_seconds((int64_t)llround(civil_seconds_from_jd(rc->jd)), &b.local);
    if (!isnan(rc->as_of_jd)) {
        o.as_of = civil_seconds_from_jd(rc->as_of_jd);
        o.sections |= SECTION_DOSHAS;
    }
    jw_init(&w, 1 << 20);
    r.rc = kundli_compute(tu_ctx(), &b, &o, k, NULL, &err);
    if (r.rc)
        error_json_write(&w, &err);
    else
        kundli_json_write(&w, k, o.sections);
    r.hash = fnv(w.buf, w.len);
    r.len = w.len;
    if (r.rc && strchr(err.message, '/'))
        r.rc = -1; /* a path in a message */
    jw_free(&w);
    free(k);
    return r;
}

static void *fresh(void *arg)
{
    int i = (int)(intptr_t)arg;
    reference[i] = compute(i);
    return NULL;
}

struct job {
    int id;
    int differ;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    uint64_t x = 0x9E3779B97F4A7C15u * (uint64_t)(j->id + 1);
    for (int n = j->id; n < requests; n += 2) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int i = (int)(x % (uint64_t)ncases);
        struct result r = compute(i);
        if (r.rc != reference[i].rc || r.hash != reference[i].hash) {
            if (j->differ++ < 5)
                printf("thread %d: case %d (%s) differs from a fresh thread's answer\n", j->id, i,
                       cases[i].what);
        }
    }
    return NULL;
}

static void test_range_found(void **state)
{
    (void)state;
    const struct context *ctx = tu_ctx();
    char from[32], to[32];
    context_range_text(ctx, from, to);
    printf("ephemeris range %s .. %s\n", from, to);
    /* Debian's swe-standard-data: -5400 .. 5400, 600-year files */
    assert_true(ctx->jd_max > jd_of(5399, 12, 1, 0) && ctx->jd_max < jd_of(5400, 1, 1, 0));
    assert_true(ctx->jd_min < jd_of(-5000, 1, 1, 0));
}

static void test_every_thread_alike(void **state)
{
    (void)state;
    make_cases();
    for (int i = 0; i < ncases; i++) {
        pthread_t t;
        assert_int_equal(pthread_create(&t, NULL, fresh, (void *)(intptr_t)i), 0);
        pthread_join(t, NULL);
        if (reference[i].rc != (cases[i].inside ? 0 : ERR_DATE_OUT_OF_RANGE))
            printf("case %d (%s): rc %d\n", i, cases[i].what, reference[i].rc);
        assert_int_equal(reference[i].rc, cases[i].inside ? 0 : ERR_DATE_OUT_OF_RANGE);
    }
    struct job a = {0, 0}, b = {1, 0};
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, worker, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, worker, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    printf("%d requests over %d cases on 2 threads: %d differ from a fresh thread\n", requests,
           ncases, a.differ + b.differ);
    assert_int_equal(a.differ + b.differ, 0);
}

static void test_message(void **state)
{
    (void)state;
    struct error err;
    const struct context *ctx = tu_ctx();
    assert_int_equal(context_check_instant(ctx, ctx->jd_max + 1.0, "birth.date", &err),
                     ERR_DATE_OUT_OF_RANGE);
    assert_string_equal(err.field, "birth.date");
    assert_non_null(strstr(err.message, "between -5"));
    assert_null(strchr(err.message, '/'));
    assert_int_equal(context_check_instant(ctx, ctx->jd_min - 1.0, "birth.date", &err),
                     ERR_DATE_OUT_OF_RANGE);
    assert_int_equal(context_check_instant(ctx, ctx->jd_min, "birth.date", &err), 0);
    assert_int_equal(context_check_instant(ctx, ctx->jd_max, "birth.date", &err), 0);
}

int main(void)
{
    requests = (int)tu_env_count("KUNDLI_TEST_RANGE_REQUESTS", requests);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_found),
        cmocka_unit_test(test_message),
        cmocka_unit_test(test_every_thread_alike),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
