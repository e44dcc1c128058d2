/* test_cache_key.c - the L1 cache key of a chart (chart_key in
 * service/charts.c, reached by including the .c): equivalent spellings of
 * one input share a key, and any change of the computed input (an option,
 * 1e-5 deg, a second, the sections, the as_of day, the fold, the display
 * language) gives another;
 * then the same through charts_render, as hits and misses.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "service/charts.c"

#include "service/metrics.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* The service defaults as_of to the UTC day of its clock: this one. */
#define NOW (1714521600.0 + 15 * 3600.0) /* 2024-05-01T15:00:00Z */

/* The key of the input given as key=value pairs, resolved as the service
 * does (as_of defaulted to NOW's day). Later pairs override earlier ones. */
static struct cache_key key_of(const char *const *kv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct chart c;
    birth_init(&b);
    options_init(&o);
    for (; *kv; kv++) {
        char key[64];
        const char *eq = strchr(*kv, '=');
        assert_non_null(eq);
        size_t n = (size_t)(eq - *kv);
        assert_true(n < sizeof key);
        memcpy(key, *kv, n);
        key[n] = '\0';
        if (birth_param_set(&b, &o, key, eq + 1, &err))
            fail_msg("%s: %s", *kv, err.message);
    }
    options_default_as_of(&o, NOW);
    assert_int_equal(birth_check_complete(&b, &err), 0);
    if (chart_resolve_time(tu_ctx(), &b, &o, &c, &err))
        fail_msg("%s: %s %s", err_name(err.code), err.field, err.message);
    return chart_key(&c);
}
#define KEY(...) key_of((const char *const[]){__VA_ARGS__, NULL})

#define CHENNAI "date=1996-12-07", "time=10:34", "tz=Asia/Kolkata", "lat=13.0878", "lon=80.2785"

static bool same(struct cache_key a, struct cache_key b)
{
    return a.hi == b.hi && a.lo == b.lo;
}

#define assert_same(a, b) assert_true(same((a), (b)))

static void test_equivalent_spellings(void **state)
{
    (void)state;
    struct cache_key k = KEY(CHENNAI);
    assert_false(k.hi == 0 && k.lo == 0);
    /* the zone by name or by its offset at that instant */
    assert_same(k, KEY(CHENNAI, "tz=+05:30"));
    assert_same(k, KEY(CHENNAI, "timezone=Asia/Calcutta"));
    /* the same instant in another zone's local time */
    assert_same(k, KEY(CHENNAI, "tz=UTC", "time=05:04"));
    assert_same(k, KEY(CHENNAI, "tz=+00:00", "time=05:04:00"));
    assert_same(k, KEY(CHENNAI, "tz=America/New_York", "date=1996-12-07", "time=00:04"));
    assert_same(k, KEY(CHENNAI, "tz=-10:00", "date=1996-12-06", "time=19:04"));
    /* seconds given or not */
    assert_same(k, KEY(CHENNAI, "time=10:34:00"));
    /* numbers spelt differently, and below the 1e-6 deg rounding */
    assert_same(k, KEY(CHENNAI, "lat=13.08780"));
    assert_same(k, KEY(CHENNAI, "lat=1.30878e1", "lon=80.278500"));
    assert_same(k, KEY(CHENNAI, "lat=13.0878000001"));
    assert_same(k, KEY(CHENNAI, "latitude=13.0878", "longitude=80.2785"));
    assert_same(k, KEY(CHENNAI, "altitude=0", "altitude=0.0"));
    /* fold only matters where a local time is ambiguous */
    assert_same(k, KEY(CHENNAI, "fold=1"));
    assert_same(k, KEY(CHENNAI, "fold=0"));
    /* the order of the fields */
    assert_same(
        k, KEY("lon=80.2785", "lat=13.0878", "tz=Asia/Kolkata", "time=10:34", "date=1996-12-07"));
}

static void test_equivalent_options(void **state)
{
    (void)state;
    struct cache_key k = KEY(CHENNAI);
    /* every default given explicitly */
    assert_same(k,
                KEY(CHENNAI, "ayanamsa=lahiri", "node=mean", "house_system=whole_sign",
                    "positions=apparent", "topocentric=false", "outer_planets=0", "explain=0",
                    "dasha_year_days=365.25", "dasha_levels=2", "yogini_levels=1", "hora=parashara",
                    "sections=planets,houses,vargas,dasha,panchang,ashtakavarga,doshas,yogas,"
                    "summary,aspects", "node_aspects=none",
                    "dasha_systems=vimshottari,yogini,ashtottari,chara,kalachakra",
                    "ashtottari_levels=1", "chara_levels=1", "kalachakra_levels=1",
                    "ashtottari_rule=rahu", "chara_method=knrao", "as_of=2024-05-01"));
    assert_same(k, KEY(CHENNAI, "dasha_systems=kalachakra,chara,ashtottari,yogini,vimshottari"));
    assert_same(k, KEY(CHENNAI, "dasha_year_days=365.250", "houses=whole_sign"));
    /* option order and spelling */
    struct cache_key r = KEY(CHENNAI, "ayanamsa=raman", "node=true", "houses=placidus",
                             "topocentric=true", "sections=houses,planets");
    assert_false(same(k, r));
    assert_same(r, KEY(CHENNAI, "sections=planets,houses", "topocentric=1", "house_system=placidus",
                       "node=true", "ayanamsa=raman"));
    assert_same(r, KEY(CHENNAI, "sections=planets,houses,planets", "topocentric=1",
                       "house_system=placidus", "node=true", "ayanamsa=raman"));
    /* a later value replaces an earlier one */
    assert_same(k, KEY(CHENNAI, "ayanamsa=raman", "ayanamsa=lahiri"));
    /* as_of is keyed by its day */
    assert_same(KEY(CHENNAI, "as_of=2024-05-01"), k);
    /* the kp options count only with section kp */
    assert_same(k, KEY(CHENNAI, "kp_horary=25", "kp_ayanamsa=krishnamurti_vp291"));
    assert_same(KEY(CHENNAI, "sections=kp"), KEY(CHENNAI, "sections=kp", "kp_ayanamsa=krishnamurti"));
    /* the strength school counts only with section strength, the default
     * spelt out or not */
    assert_same(k, KEY(CHENNAI, "strength_school=bphs"));
    assert_same(KEY(CHENNAI, "sections=strength"),
                KEY(CHENNAI, "sections=strength", "strength_school=raman"));
}

/* Every input below differs from all the others in what the document
 * depends on: no two may share a key. */
static void test_different_inputs(void **state)
{
    (void)state;
    const struct cache_key keys[] = {
        KEY(CHENNAI),
        KEY(CHENNAI, "lat=13.08781"),
        KEY(CHENNAI, "lat=13.08779"),
        KEY(CHENNAI, "lat=-13.0878"),
        KEY(CHENNAI, "lon=80.27851"),
        KEY(CHENNAI, "lon=80.27849"),
        KEY(CHENNAI, "lat=80.2785", "lon=13.0878"),
        KEY(CHENNAI, "altitude=100"),
        KEY(CHENNAI, "altitude=100.001"),
        KEY(CHENNAI, "time=10:34:01"),
        KEY(CHENNAI, "time=10:35"),
        KEY(CHENNAI, "tz=+05:31"),
        KEY(CHENNAI, "tz=LMT"),
        KEY(CHENNAI, "date=1996-12-08"),
        KEY(CHENNAI, "date=1997-12-07"),
        KEY(CHENNAI, "ayanamsa=raman"),
        KEY(CHENNAI, "ayanamsa=krishnamurti"),
        KEY(CHENNAI, "ayanamsa=fagan_bradley"),
        KEY(CHENNAI, "ayanamsa=true_citra"),
        KEY(CHENNAI, "node=true"),
        KEY(CHENNAI, "houses=placidus"),
        KEY(CHENNAI, "houses=sripati"),
        KEY(CHENNAI, "houses=koch"),
        KEY(CHENNAI, "houses=equal"),
        KEY(CHENNAI, "houses=porphyry"),
        KEY(CHENNAI, "houses=regiomontanus"),
        KEY(CHENNAI, "houses=campanus"),
        KEY(CHENNAI, "positions=true"),
        KEY(CHENNAI, "topocentric=true"),
        KEY(CHENNAI, "topocentric=true", "altitude=100"),
        KEY(CHENNAI, "outer_planets=true"),
        KEY(CHENNAI, "explain=1"),
        KEY(CHENNAI, "explain=1", "sections=planets"),
        KEY(CHENNAI, "dasha_year_days=360"),
        KEY(CHENNAI, "dasha_year_days=365.2425"),
        KEY(CHENNAI, "dasha_levels=1"),
        KEY(CHENNAI, "dasha_levels=3"),
        KEY(CHENNAI, "yogini_levels=2"),
        KEY(CHENNAI, "dasha_systems=vimshottari"),
        KEY(CHENNAI, "dasha_systems=chara"),
        KEY(CHENNAI, "dasha_systems=vimshottari,yogini,ashtottari,chara"),
        KEY(CHENNAI, "ashtottari_levels=2"),
        KEY(CHENNAI, "ashtottari_levels=3"),
        KEY(CHENNAI, "chara_levels=2"),
        KEY(CHENNAI, "kalachakra_levels=2"),
        KEY(CHENNAI, "ashtottari_rule=paksha"),
        KEY(CHENNAI, "chara_method=pvr"),
        KEY(CHENNAI, "hora=parivritti"),
        KEY(CHENNAI, "sections=planets"),
        KEY(CHENNAI, "sections=houses"),
        KEY(CHENNAI, "sections=planets,houses"),
        KEY(CHENNAI, "sections=yogas"),
        KEY(CHENNAI, "node_aspects=seventh"),
        KEY(CHENNAI, "node_aspects=bphs"),
        KEY(CHENNAI, "sections=transits"),
        KEY(CHENNAI, "as_of=2024-05-02"),
        KEY(CHENNAI, "as_of=2024-04-30"),
        KEY(CHENNAI, "as_of=1996-12-07"),
        KEY(CHENNAI, "ayanamsa=raman", "node=true"),
        /* section kp: its frame, horary number and ruling planets' moment */
        KEY(CHENNAI, "sections=kp"),
        KEY(CHENNAI, "sections=kp", "kp_ayanamsa=krishnamurti_vp291"),
        KEY(CHENNAI, "sections=kp", "kp_horary=1"),
        KEY(CHENNAI, "sections=kp", "kp_horary=249"),
        KEY(CHENNAI, "sections=kp", "as_of=2024-05-01"),
        /* section strength: its school */
        KEY(CHENNAI, "sections=strength"),
        KEY(CHENNAI, "sections=strength", "strength_school=bphs"),
        /* the display language: en (display fields present) differs from
         * none given, and each language from the others */
        KEY(CHENNAI, "lang=en"),
        KEY(CHENNAI, "lang=hi"),
        KEY(CHENNAI, "lang=ta"),
        KEY(CHENNAI, "lang=gu"),
        KEY(CHENNAI, "lang=sa", "sections=planets"),
        /* 01:30 happened twice in New York on 2021-11-07: fold picks one */
        KEY(CHENNAI, "tz=America/New_York", "date=2021-11-07", "time=01:30", "fold=0"),
        KEY(CHENNAI, "tz=America/New_York", "date=2021-11-07", "time=01:30", "fold=1"),
    };
    const size_t n = sizeof keys / sizeof keys[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (same(keys[i], keys[j]))
                fail_msg("inputs %zu and %zu share a key", i, j);
    /* the fold pair is one hour apart and otherwise equal */
    assert_same(keys[n - 2], KEY(CHENNAI, "tz=-04:00", "date=2021-11-07", "time=01:30"));
    assert_same(keys[n - 1], KEY(CHENNAI, "tz=-05:00", "date=2021-11-07", "time=01:30"));
}

static int cmp_key(const void *a, const void *b)
{
    const struct cache_key *x = a, *y = b;
    if (x->hi != y->hi)
        return x->hi < y->hi ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* 10,000 latitudes 1e-5 deg apart and 10,000 seconds of one day: 20,000
 * distinct keys. */
static void test_no_collisions(void **state)
{
    (void)state;
    enum { N = 10000 };
    struct cache_key *k = calloc(2 * N, sizeof *k);
    assert_non_null(k);
    char lat[32], hms[32];
    for (int i = 0; i < N; i++) {
        snprintf(lat, sizeof lat, "lat=%.5f", 10.0 + i * 1e-5);
        k[i] = KEY(CHENNAI, lat);
        snprintf(hms, sizeof hms, "time=%02d:%02d:%02d", i / 3600, i / 60 % 60, i % 60);
        k[N + i] = KEY(CHENNAI, hms);
    }
    qsort(k, 2 * N, sizeof *k, cmp_key);
    for (int i = 1; i < 2 * N; i++)
        if (same(k[i - 1], k[i]))
            fail_msg("two of the 20,000 inputs share a key");
    free(k);
}

struct doc {
    char *body;
    size_t len;
    bool hit;
    char etag[40];
};

static struct doc render(struct service *s, const char *const *kv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct rendered r;
    birth_init(&b);
    options_init(&o);
    for (; *kv; kv++) {
        char key[64];
        const char *eq = strchr(*kv, '=');
        size_t n = (size_t)(eq - *kv);
        memcpy(key, *kv, n);
        key[n] = '\0';
        assert_int_equal(birth_param_set(&b, &o, key, eq + 1, &err), 0);
    }
    options_default_as_of(&o, NOW);
    if (charts_render(s, &b, &o, false, NULL, service_now() + 60, RENDER_ANY, &r, &err))
        fail_msg("charts_render: %s %s", err_name(err.code), err.message);
    struct doc d = {xmalloc(r.len + 1), r.len, r.cache_hit, ""};
    memcpy(d.body, r.body, r.len); /* NUL-terminated, for the string checks */
    d.body[r.len] = '\0';
    memcpy(d.etag, r.etag, sizeof d.etag);
    free(r.body);
    return d;
}
#define RENDER(s, ...) render(s, (const char *const[]){__VA_ARGS__, NULL})

/* The tail after the "input" head, which a hit shares with the miss. */
static const char *tail_of(const struct doc *d)
{
    const char *p = strstr(d->body, ",\"settings\":");
    assert_non_null(p);
    return p;
}

static void test_through_charts_render(void **state)
{
    (void)state;
    struct service s;
    memset(&s, 0, sizeof s);
    s.engine = *tu_ctx();
    s.cache = cache_create(8u << 20, 3600);
    s.metrics = service_metrics_create();

    struct doc a = RENDER(&s, CHENNAI, "sections=planets");
    struct doc b = RENDER(&s, CHENNAI, "sections=planets", "tz=+05:30", "time=10:34:00");
    struct doc a2 = RENDER(&s, CHENNAI, "sections=planets");
    struct doc c = RENDER(&s, CHENNAI, "sections=planets", "lat=13.08781");
    struct doc d = RENDER(&s, CHENNAI, "sections=houses");
    assert_false(a.hit);
    assert_true(b.hit);
    assert_true(a2.hit);
    assert_false(c.hit);
    assert_false(d.hit);
    /* each echoes its own spelling, so the ETags differ; the same spelling
     * gets the same ETag and the same bytes */
    assert_non_null(strstr(a.body, "\"timezone\":\"Asia/Kolkata\""));
    assert_non_null(strstr(b.body, "\"timezone\":\"+05:30\""));
    assert_string_not_equal(a.etag, b.etag);
    assert_string_equal(a.etag, a2.etag);
    assert_int_equal(a.len, a2.len);
    assert_memory_equal(a.body, a2.body, a.len);
    assert_string_equal(tail_of(&a), tail_of(&b));
    assert_string_not_equal(tail_of(&a), tail_of(&c));

    struct cache_stats st;
    cache_stats(s.cache, &st);
    assert_int_equal(st.hits, 2);
    assert_int_equal(st.misses, 3);
    assert_int_equal(st.entries, 3);
    free(a.body);
    free(b.body);
    free(a2.body);
    free(c.body);
    free(d.body);
    metrics_destroy(s.metrics);
    cache_destroy(s.cache);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equivalent_spellings),  cmocka_unit_test(test_equivalent_options),
        cmocka_unit_test(test_different_inputs),      cmocka_unit_test(test_no_collisions),
        cmocka_unit_test(test_through_charts_render),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
