/* test_match_table.c - the precomputed table of Ashtakoota pairs against
 * match_compute: the keys of the straddling padas, hand-derived pairs of
 * test_match.c read through the table, 10,000 random pairs of a 1,000 x
 * 1,000 matrix identical pair by pair (for each school), the top-k scan
 * against a full sort, and system porutham refused.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/match_table.h"

#include <stdint.h>
#include <stdlib.h>

/* The table of a school (enum match_school), built on first use. */
static struct match_table *school_table(int school)
{
    static struct match_table *t[MATCH_SCHOOL_COUNT];
    if (!t[school]) {
        struct error err;
        struct match_options o;
        match_options_init(&o);
        o.school = school;
        t[school] = malloc(sizeof *t[school]);
        assert_non_null(t[school]);
        assert_int_equal(match_table_build(t[school], &o, &err), 0);
    }
    return t[school];
}

static struct match_table *table(void)
{
    return school_table(MATCH_SCHOOL_NORTH);
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void person(struct match_person *p, const char *text, double deg)
{
    struct error err;
    assert_int_equal(match_person_parse(p, text, "test", &err), 0);
    if (deg >= 0)
        p->moon_degree = deg;
}

/* The keys: pada order, and the two second halves. Purva Ashadha 1 spans
 * Sagittarius 13°20'..16°40' and Shravana 2 Capricorn 13°20'..16°40'
 * (9 padas of 3°20' to a sign). */
static void test_keys(void **state)
{
    (void)state;
    struct match_person p;
    person(&p, "Ashwini:1", -1);
    assert_int_equal(match_key(&p), 0);
    person(&p, "Revati:4", 29.9);
    assert_int_equal(match_key(&p), 107);
    person(&p, "Purva Ashadha:1", -1); /* unknown degree: the pada's first half */
    assert_int_equal(match_key(&p), 76);
    person(&p, "Purva Ashadha:1", 14.99);
    assert_int_equal(match_key(&p), 76);
    person(&p, "Purva Ashadha:1", 15.0);
    assert_int_equal(match_key(&p), 108);
    person(&p, "Shravana:2", 16.6);
    assert_int_equal(match_key(&p), 109);
    person(&p, "Shravana:3", 18.0); /* wholly in the second half: its own key */
    assert_int_equal(match_key(&p), 86);
    for (int k = 0; k < MATCH_KEYS; k++) {
        match_key_person(k, &p);
        assert_int_equal(match_key(&p), k);
    }
}

/* Pairs derived by hand in test_match.c (from the tables of
 * docs/match.md), read through the table: 2 x total and the vashya. */
static void test_hand_pairs(void **state)
{
    (void)state;
    struct {
        const char *girl, *boy;
        double girl_deg, boy_deg, total, vashya;
    } cases[] = {
        {"Revati:1", "Anuradha:2", -1, -1, 26, 1},
        {"Swati:1", "Rohini:1", -1, -1, 14.5, 1},
        {"Purva Ashadha:1", "Shravana:3", -1, -1, 23, 0.5},
        {"Purva Ashadha:1", "Shravana:3", 16.0, 18.0, 23.5, 1},
        {"Hasta:1", "Ashwini:1", -1, -1, 10, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct match_person b, g;
        person(&g, cases[i].girl, cases[i].girl_deg);
        person(&b, cases[i].boy, cases[i].boy_deg);
        const struct match_cell *c = &table()->cell[match_key(&b)][match_key(&g)];
        assert_int_equal(c->total2, (int)(cases[i].total * 2));
        assert_int_equal(table()->total2[match_key(&b)][match_key(&g)], c->total2);
        assert_int_equal(c->points2[KOOTA_VASHYA], (int)(cases[i].vashya * 2));
    }
}

/* A random Moon: any pada, its degree unknown or inside the pada (a pada
 * is 10/3 degrees, the 9 of a sign in order), manglik known or not. */
static void random_person(uint64_t *s, struct match_person *p)
{
    struct error err;
    int nak = (int)(next(s) % 27), pada = 1 + (int)(next(s) % 4);
    assert_int_equal(match_person_set(p, nak, pada, "test", &err), 0);
    if (next(s) % 2) {
        int in_sign = (4 * nak + pada - 1) % 9;
        double frac = (double)(next(s) % 1000000) / 1000000.0;
        p->moon_degree = (in_sign + frac) * 10.0 / 3.0;
    }
    p->have_manglik = next(s) % 4 != 0;
    p->manglik = p->have_manglik && next(s) % 2;
}

/* 1,000 boys x 1,000 girls; 10,000 pairs drawn at random compared with
 * match_compute: the total, every koota's points and exception, and
 * manglik (which the matrix takes from the two persons, not the table). */
static void test_random_pairs(void **state)
{
    (void)state;
    enum { N = 1000, SAMPLES = 10000 };
    static struct match_person boys[N], girls[N];
    uint64_t s = 0x2545F4914F6CDD1Du;
    for (int i = 0; i < N; i++) {
        random_person(&s, &boys[i]);
        random_person(&s, &girls[i]);
    }
    struct match m;
    struct error err;
    for (int school = 0; school < MATCH_SCHOOL_COUNT; school++) {
        struct match_options o;
        match_options_init(&o);
        o.school = school;
        int differ = 0; /* pairs whose total differs between the schools */
        for (int n = 0; n < SAMPLES; n++) {
            const struct match_person *b = &boys[next(&s) % N], *g = &girls[next(&s) % N];
            int kb = match_key(b), kg = match_key(g);
            assert_int_equal(match_compute(b, g, &o, &m, &err), 0);
            const struct match_cell *c = &school_table(school)->cell[kb][kg];
            assert_true(c->total2 == m.total * 2);
            for (int k = 0; k < KOOTA_COUNT; k++) {
                assert_true(c->points2[k] == m.kootas[k].points * 2);
                assert_int_equal(c->exception[k], m.kootas[k].exception);
            }
            assert_int_equal(b->have_manglik && g->have_manglik, m.have_manglik);
            if (m.have_manglik)
                assert_int_equal(match_manglik_compatible(b->manglik, g->manglik),
                                 m.manglik_compatible);
            differ += c->total2 != school_table(!school)->cell[kb][kg].total2;
        }
        assert_true(differ > 0); /* the two schools are two tables */
    }
}

/* System porutham has no points to rank by: refused. */
static void test_porutham_refused(void **state)
{
    (void)state;
    static struct match_table t;
    struct match_options o;
    struct error err;
    match_options_init(&o);
    o.system = MATCH_SYSTEM_PORUTHAM;
    assert_int_equal(match_table_build(&t, &o, &err), ERR_INVALID_VALUE);
    assert_string_equal(err.field, "options.system");
}

static int by_rank(const void *a, const void *b)
{
    const struct match_rank *x = a, *y = b;
    if (x->total2 != y->total2)
        return y->total2 - x->total2;
    return x->girl - y->girl;
}

/* match_table_top against sorting every girl: the same girls in the same
 * order, for k from 1 to past m and several minimum scores. */
static void test_top(void **state)
{
    (void)state;
    enum { M = 500 };
    uint8_t keys[M];
    static struct match_rank all[M], top[M + 5];
    uint64_t s = 42;
    for (int j = 0; j < M; j++)
        keys[j] = (uint8_t)(next(&s) % MATCH_KEYS);
    for (int boy = 0; boy < MATCH_KEYS; boy += 7)
        for (int min2 = 0; min2 <= 60; min2 += 20)
            for (int k = 1; k <= M + 5; k = k < 20 ? k + 1 : k * 3) {
                int n = 0;
                for (int j = 0; j < M; j++)
                    if (table()->total2[boy][keys[j]] >= min2)
                        all[n++] = (struct match_rank){j, table()->total2[boy][keys[j]]};
                qsort(all, (size_t)n, sizeof *all, by_rank);
                int got = match_table_top(table(), boy, keys, M, min2, k, top);
                assert_int_equal(got, n < k ? n : k);
                for (int i = 0; i < got; i++) {
                    assert_int_equal(top[i].girl, all[i].girl);
                    assert_int_equal(top[i].total2, all[i].total2);
                }
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_hand_pairs),
        cmocka_unit_test(test_random_pairs),
        cmocka_unit_test(test_top),
        cmocka_unit_test(test_porutham_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
