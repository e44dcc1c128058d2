/* test_concurrency.c - libswe keeps per-thread state; two threads computing
 * charts with different ayanamsas, nodes and house systems at the same time
 * must give bit-identical results to a single-threaded run. KUNDLI_TEST_CHARTS
 * charts: 2,000 by default, 100,000 in the long run.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include "engine/chart.h"
#include "testutil.h"

#include <pthread.h>
#include <stdint.h>

static int charts = 2000; /* KUNDLI_TEST_CHARTS */

struct job {
    int parity; /* this thread takes the indices of this parity */
    uint64_t *digests;
    int failures;
};

/* FNV-1a over the bytes of every computed number of the chart. */
static uint64_t digest(const struct chart *c)
{
    uint64_t h = 1469598103934665603u;
    const double *fields[] = {&c->jd_ut, &c->ayanamsa_value, &c->delta_t,
                              &c->ascendant.longitude, &c->mc.longitude};
    double buf[5 + 3 * GRAHA_COUNT + 12];
    int n = 0;
    for (int i = 0; i < 5; i++)
        buf[n++] = *fields[i];
    for (int g = 0; g < c->ngrahas; g++) {
        buf[n++] = c->grahas[g].pos.longitude;
        buf[n++] = c->grahas[g].latitude;
        buf[n++] = c->grahas[g].speed;
    }
    for (int i = 0; i < 12; i++)
        buf[n++] = c->houses[i].cusp;
    const unsigned char *p = (const unsigned char *)buf;
    for (size_t i = 0; i < (size_t)n * sizeof(double); i++) {
        h ^= p[i];
        h *= 1099511628211u;
    }
    return h;
}

/* Birth i: deterministic, spread over 1800..2399; even indices use Lahiri,
 * mean node, whole signs; odd ones Raman, true node, Placidus, topocentric. */
static void birth_of(int i, struct birth *b, struct chart_options *o)
{
    uint64_t x = (uint64_t)i * 0x9E3779B97F4A7C15u + 12345;
    x ^= x >> 29;
    birth_init(b);
    options_init(o);
    b->local = (struct civil){1800 + (int)(x % 600), 1 + (int)((x >> 10) % 12),
                              1 + (int)((x >> 14) % 28), (int)((x >> 20) % 24),
                              (int)((x >> 26) % 60), (int)((x >> 32) % 60)};
    snprintf(b->timezone, sizeof b->timezone, "UTC");
    b->latitude = (double)((x >> 38) % 12000) / 100.0 - 60.0;
    b->longitude = (double)((x >> 44) % 36000) / 100.0 - 180.0;
    b->have = BIRTH_HAVE_DATE | BIRTH_HAVE_TIME | BIRTH_HAVE_TZ | BIRTH_HAVE_LAT | BIRTH_HAVE_LON;
    if (i % 2) {
        o->ayanamsa = 3; /* raman */
        o->node = NODE_TRUE;
        o->house_system = HOUSES_PLACIDUS;
        o->topocentric = true;
        o->outer_planets = true;
    }
}

static void *run(void *arg)
{
    struct job *j = arg;
    struct chart *c = malloc(sizeof *c);
    struct birth b;
    struct chart_options o;
    struct error err;
    for (int i = j->parity; i < charts; i += 2) {
        birth_of(i, &b, &o);
        if (chart_compute(tu_ctx(), &b, &o, c, NULL, &err)) {
            j->failures++;
            continue;
        }
        j->digests[i] = digest(c);
    }
    free(c);
    return NULL;
}

static void test_two_threads_match_one(void **state)
{
    (void)state;
    uint64_t *single = calloc((size_t)charts, sizeof *single);
    uint64_t *parallel = calloc((size_t)charts, sizeof *parallel);

    struct job a = {0, single, 0}, b = {1, single, 0};
    run(&a); /* single-threaded reference, in this thread */
    run(&b);
    assert_int_equal(a.failures + b.failures, 0);

    struct job ja = {0, parallel, 0}, jb = {1, parallel, 0};
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, run, &ja), 0);
    assert_int_equal(pthread_create(&tb, NULL, run, &jb), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    assert_int_equal(ja.failures + jb.failures, 0);

    int differ = 0;
    for (int i = 0; i < charts; i++)
        if (single[i] != parallel[i] && differ++ < 5)
            printf("chart %d differs between 1 and 2 threads\n", i);
    printf("%d charts, %d differ between single- and two-threaded runs\n", charts, differ);
    assert_int_equal(differ, 0);
    free(single);
    free(parallel);
}

int main(void)
{
    charts = (int)tu_env_count("KUNDLI_TEST_CHARTS", charts);
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_two_threads_match_one)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
