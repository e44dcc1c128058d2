/* test_library.c - libkundli through its public header only: the golden
 * documents byte for byte, typed errors with their fields, NULL and size
 * checks, an allocator that fails at every allocation in turn (each call
 * then fails cleanly with KD_ERR_NO_MEMORY), and one context shared by two
 * threads. Links libkundli.a, nothing else of the tree.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <kundli.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN KUNDLI_SOURCE_DIR "/tests/golden/"

static const char *const chennai[][2] = {
    {"date", "1996-12-07"}, {"time", "10:34:00"}, {"tz", "+05:30"},
    {"lat", "13.0878"},     {"lon", "80.2785"},   {"as_of", "2026-01-01"},
};

/* The golden file's text without its final newline (the CLI adds one). */
static char *golden(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, GOLDEN "%s.json", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    while (n > 0 && buf[n - 1] == '\n')
        n--;
    buf[n] = '\0';
    return buf;
}

static struct kd_context *context(void)
{
    struct kd_context *ctx = NULL;
    struct kd_error err;
    assert_int_equal(kd_context_new(NULL, &ctx, &err), KD_OK);
    return ctx;
}

/* Sets the flat parameters of pairs[0..n) on b and o; returns the first error. */
static int params(struct kd_birth *b, struct kd_options *o, const char *const (*pairs)[2], size_t n,
                  struct kd_error *err)
{
    for (size_t i = 0; i < n; i++) {
        int rc = kd_birth_parse_param(b, o, pairs[i][0], pairs[i][1], err);
        if (rc)
            return rc;
    }
    return KD_OK;
}

/* kd_json_string gives exactly the CLI's golden document. */
static void expect_golden_chart(const char *name, const char *const (*extra)[2], size_t n)
{
    struct kd_context *ctx = context();
    struct kd_birth *b;
    struct kd_options *o;
    struct kd_chart *c;
    struct kd_error err;
    char *doc;
    size_t len;
    assert_int_equal(kd_birth_new(ctx, &b, &err), KD_OK);
    assert_int_equal(kd_options_new(ctx, &o, &err), KD_OK);
    assert_int_equal(kd_chart_new(ctx, &c, &err), KD_OK);
    assert_int_equal(params(b, o, chennai, sizeof chennai / sizeof chennai[0], &err), KD_OK);
    assert_int_equal(params(b, o, extra, n, &err), KD_OK);
    assert_int_equal(kd_compute(ctx, b, o, KD_SECTIONS_FROM_OPTIONS, c, &err), KD_OK);
    assert_int_equal(kd_json_string(c, KD_SECTIONS_FROM_OPTIONS, &doc, &len, &err), KD_OK);
    char *want = golden(name);
    assert_int_equal(len, strlen(want));
    assert_string_equal(doc, want);
    free(want);
    kd_free(ctx, doc);
    kd_chart_free(c);
    kd_options_free(o);
    kd_birth_free(b);
    kd_context_free(ctx);
}

static void test_golden_charts(void **state)
{
    (void)state;
    expect_golden_chart("chennai_1996", NULL, 0);
    static const char *const truepos[][2] = {{"positions", "true"}, {"dasha_levels", "3"}};
    expect_golden_chart("chennai_1996_true", truepos, 2);
}

static void test_golden_match_and_panchang(void **state)
{
    (void)state;
    struct kd_context *ctx = context();
    struct kd_error err;
    char *doc;
    struct kd_match_side boy = KD_MATCH_SIDE_INIT, girl = KD_MATCH_SIDE_INIT;
    boy.nakshatra = "Rohini:2";
    girl.nakshatra = "Swati:1";
    assert_int_equal(kd_match(ctx, &boy, &girl, &doc, NULL, &err), KD_OK);
    char *want = golden("match_stars");
    assert_string_equal(doc, want);
    free(want);
    kd_free(ctx, doc);

    /* The match options: the CLI's --school jhora golden, and bad values. */
    struct kd_match_options mo = KD_MATCH_OPTIONS_INIT;
    mo.school = "jhora";
    assert_int_equal(kd_match_with(ctx, &boy, &girl, &mo, &doc, NULL, &err), KD_OK);
    want = golden("match_jhora_stars");
    assert_string_equal(doc, want);
    free(want);
    kd_free(ctx, doc);
    mo.system = "porutham";
    assert_int_equal(kd_match_with(ctx, &boy, &girl, &mo, &doc, NULL, &err),
                     KD_ERR_INVALID_VALUE);
    assert_string_equal(err.field, "options.school");
    mo.school = NULL;
    mo.system = "tamil";
    assert_int_equal(kd_match_with(ctx, &boy, &girl, &mo, &doc, NULL, &err),
                     KD_ERR_INVALID_VALUE);
    assert_string_equal(err.field, "options.system");
    mo.system = "porutham";
    mo.lang = "ta";
    assert_int_equal(kd_match_with(ctx, &boy, &girl, &mo, &doc, NULL, &err), KD_OK);
    assert_non_null(strstr(doc, "\"system\":\"porutham\""));
    assert_non_null(strstr(doc, "\"display\":\""));
    kd_free(ctx, doc);

    /* A birth against a star, and the errors of each kind of side. */
    struct kd_birth *b;
    assert_int_equal(kd_birth_new(ctx, &b, &err), KD_OK);
    assert_int_equal(params(b, NULL, chennai, 5, &err), KD_OK);
    boy.nakshatra = NULL;
    boy.birth = b;
    assert_int_equal(kd_match(ctx, &boy, &girl, &doc, NULL, &err), KD_OK);
    assert_non_null(strstr(doc, "\"boy\":{\"nakshatra\":\"Swati\",\"pada\":1"));
    kd_free(ctx, doc);
    girl.nakshatra = "Swati:5";
    assert_int_equal(kd_match(ctx, &boy, &girl, &doc, NULL, &err), KD_ERR_INVALID_VALUE);
    assert_string_equal(err.field, "girl.nakshatra");
    girl.nakshatra = "Pluto:1";
    assert_int_equal(kd_match(ctx, &boy, &girl, &doc, NULL, &err), KD_ERR_UNKNOWN_NAKSHATRA);
    assert_int_equal(kd_birth_parse_field(b, "latitude", "45", &err), KD_OK);
    assert_int_equal(kd_birth_parse_field(b, "timezone", "Mars/Olympus", &err), KD_OK);
    girl.nakshatra = "Swati:1";
    assert_int_equal(kd_match(ctx, &boy, &girl, &doc, NULL, &err), KD_ERR_UNKNOWN_TIMEZONE);
    assert_string_equal(err.field, "boy.birth.timezone");
    girl.nakshatra = NULL;
    assert_int_equal(kd_match(ctx, &girl, &girl, &doc, NULL, &err), KD_ERR_MISSING_FIELD);
    assert_string_equal(err.field, "boy");
    assert_null(doc);
    kd_birth_free(b);

    struct kd_birth *day;
    struct kd_options *o;
    static const char *const bangalore[][2] = {
        {"date", "2013-01-18"}, {"tz", "Asia/Kolkata"}, {"lat", "12.9716"}, {"lon", "77.5946"}};
    assert_int_equal(kd_birth_new(ctx, &day, &err), KD_OK);
    assert_int_equal(kd_options_new(ctx, &o, &err), KD_OK);
    assert_int_equal(params(day, o, bangalore, 4, &err), KD_OK);
    assert_int_equal(kd_panchang_day(ctx, day, o, &doc, NULL, &err), KD_OK);
    want = golden("panchang_bangalore_2013");
    assert_string_equal(doc, want);
    free(want);
    kd_free(ctx, doc);
    kd_options_free(o);
    kd_birth_free(day);
    kd_context_free(ctx);
}

static void test_errors(void **state)
{
    (void)state;
    struct kd_context *ctx = context();
    struct kd_birth *b;
    struct kd_chart *c;
    struct kd_error err;
    assert_int_equal(kd_birth_new(ctx, &b, &err), KD_OK);
    assert_int_equal(kd_chart_new(ctx, &c, &err), KD_OK);

    assert_int_equal(kd_birth_parse_field(b, "latitude", "91", &err), KD_ERR_INVALID_LATITUDE);
    assert_int_equal(err.code, KD_ERR_INVALID_LATITUDE);
    assert_string_equal(kd_error_field(&err), "birth.latitude");
    assert_string_equal(kd_strerror(err.code), "invalid_latitude");
    assert_true(strlen(kd_error_message(&err)) > 10);
    assert_int_equal(kd_birth_parse_param(b, NULL, "ayanamsa", "lahiri", &err), KD_OK);
    assert_int_equal(kd_birth_parse_field(b, "colour", "blue", &err), KD_ERR_UNKNOWN_FIELD);
    assert_string_equal(err.field, "birth.colour");

    /* Incomplete: the first missing field is named. */
    assert_int_equal(kd_birth_parse_field(b, "date", "1996-12-07", &err), KD_OK);
    assert_int_equal(kd_compute(ctx, b, NULL, KD_SECTIONS_ALL, c, &err), KD_ERR_MISSING_FIELD);
    assert_string_equal(err.field, "birth.time");
    static const char *const rest[][2] = {
        {"time", "10:34"}, {"timezone", "Mars/Olympus"}, {"latitude", "13"}, {"longitude", "80"}};
    assert_int_equal(params(b, NULL, rest, 4, &err), KD_OK);
    assert_int_equal(kd_compute(ctx, b, NULL, KD_SECTIONS_ALL, c, &err), KD_ERR_UNKNOWN_TIMEZONE);
    assert_string_equal(err.field, "birth.timezone");
    /* A chart that failed to compute cannot be read. */
    struct kd_position p = {.size = sizeof p};
    assert_int_equal(kd_chart_position(c, KD_MOON, &p, &err), KD_ERR_INVALID_ARGUMENT);
    char *doc = NULL;
    assert_int_equal(kd_json_string(c, 0, &doc, NULL, &err), KD_ERR_INVALID_ARGUMENT);
    assert_null(doc);

    /* Arguments. */
    assert_int_equal(kd_compute(NULL, b, NULL, 0, c, &err), KD_ERR_INVALID_ARGUMENT);
    assert_int_equal(kd_birth_parse_field(NULL, "date", "x", &err), KD_ERR_INVALID_ARGUMENT);
    struct kd_birth *none = b;
    assert_int_equal(kd_birth_new(NULL, &none, NULL), KD_ERR_INVALID_ARGUMENT);
    assert_null(none);
    struct kd_config small = KD_CONFIG_INIT;
    small.size = 4;
    struct kd_context *other = NULL;
    assert_int_equal(kd_context_new(&small, &other, &err), KD_ERR_INVALID_ARGUMENT);
    assert_null(other);
    struct kd_config cfg = KD_CONFIG_INIT;
    struct kd_allocator hooks = KD_ALLOCATOR_INIT; /* no hooks: refused */
    cfg.allocator = &hooks;
    assert_int_equal(kd_context_new(&cfg, &other, &err), KD_ERR_INVALID_ARGUMENT);
    hooks.size = sizeof(size_t); /* an allocator from before its hooks */
    assert_int_equal(kd_context_new(&cfg, &other, &err), KD_ERR_INVALID_ARGUMENT);
    assert_null(other);
    unsigned bits;
    assert_int_equal(kd_sections_parse("planets,nope", &bits, &err), KD_ERR_UNKNOWN_SECTION);
    assert_int_equal(kd_sections_parse("planets,dasha", &bits, &err), KD_OK);
    assert_int_equal(bits, KD_SECTION_PLANETS | KD_SECTION_DASHA);
    assert_string_equal(kd_section_name(KD_SECTION_YOGAS), "yogas");
    assert_null(kd_section_name(3));
    double first, last;
    assert_int_equal(kd_ephemeris_range(ctx, &first, &last, &err), KD_OK);
    /* Debian's files: 5400 BC .. 5400 AD, a few days inside. */
    assert_true(first < -232000000000.0 && first > -233000000000.0);
    assert_true(last > 108200000000.0 && last < 108300000000.0);
    assert_int_equal(kd_ephemeris_range(NULL, &first, &last, &err), KD_ERR_INVALID_ARGUMENT);
    assert_string_equal(kd_strerror(KD_OK), "ok");
    assert_string_equal(kd_strerror(12345), "internal_error");

    kd_chart_free(c);
    kd_birth_free(b);
    kd_context_free(ctx);
}

/* A chart read through kd_chart_position: the book's Moon in Swati 1. */
static void test_position(void **state)
{
    (void)state;
    struct kd_context *ctx = context();
    struct kd_birth *b;
    struct kd_chart *c;
    struct kd_error err;
    assert_int_equal(kd_birth_new(ctx, &b, &err), KD_OK);
    assert_int_equal(kd_chart_new(ctx, &c, &err), KD_OK);
    assert_int_equal(params(b, NULL, chennai, 5, &err), KD_OK);
    assert_int_equal(kd_compute(ctx, b, NULL, KD_SECTION_PLANETS, c, &err), KD_OK);
    struct kd_position p = {.size = sizeof p};
    assert_int_equal(kd_chart_position(c, KD_MOON, &p, &err), KD_OK);
    assert_int_equal(p.sign, KD_LIBRA);
    assert_string_equal(kd_nakshatra_name(p.nakshatra), "Swati");
    assert_int_equal(p.pada, 1);
    assert_int_equal(p.house, 10);
    assert_true(p.longitude > 186.9592 && p.longitude < 186.9594);
    assert_int_equal(kd_chart_position(c, KD_ASCENDANT, &p, &err), KD_OK);
    assert_int_equal(p.sign, KD_CAPRICORN);
    assert_int_equal(kd_chart_position(c, KD_PLUTO, &p, &err), KD_ERR_INVALID_ARGUMENT);
    /* An older, smaller struct gets only the fields it has. */
    struct {
        size_t size;
        double longitude;
    } old = {sizeof old, 0};
    assert_int_equal(kd_chart_position(c, KD_SUN, (struct kd_position *)(void *)&old, &err), KD_OK);
    assert_true(old.longitude > 231.5 && old.longitude < 231.6);
    kd_chart_free(c);
    kd_birth_free(b);
    kd_context_free(ctx);
}

/* ---- an allocator that fails ------------------------------------------- */

struct budget {
    long left; /* allocations that may still succeed; -1 = all */
    long used;
};

static void *b_malloc(size_t n, void *user)
{
    struct budget *b = user;
    if (b->left == 0)
        return NULL;
    if (b->left > 0)
        b->left--;
    b->used++;
    return malloc(n);
}

static void *b_realloc(void *p, size_t n, void *user)
{
    struct budget *b = user;
    if (b->left == 0)
        return NULL;
    if (b->left > 0)
        b->left--;
    b->used++;
    return realloc(p, n);
}

static void b_free(void *p, void *user)
{
    (void)user;
    free(p);
}

/* The whole use of the library with allocation number `fail_at` failing
 * (-1: none). Every call returns KD_OK or KD_ERR_NO_MEMORY; returns the
 * first failure, or KD_OK. Frees everything it made. */
static int run_with_budget(long fail_at, long *used)
{
    struct budget bud = {fail_at, 0};
    struct kd_allocator a = KD_ALLOCATOR_INIT;
    a.malloc = b_malloc;
    a.realloc = b_realloc;
    a.free = b_free;
    a.user = &bud;
    struct kd_config cfg = KD_CONFIG_INIT;
    struct kd_context *ctx = NULL;
    struct kd_birth *b = NULL;
    struct kd_options *o = NULL;
    struct kd_chart *c = NULL;
    struct kd_error err;
    char *doc = NULL;
    cfg.allocator = &a;
    int rc = kd_context_new(&cfg, &ctx, &err);
    if (rc == KD_OK)
        rc = kd_birth_new(ctx, &b, &err);
    if (rc == KD_OK)
        rc = kd_options_new(ctx, &o, &err);
    if (rc == KD_OK)
        rc = kd_chart_new(ctx, &c, &err);
    static const char *const kolkata[][2] = {{"date", "1996-12-07"}, {"time", "10:34"},
                                             {"tz", "Asia/Kolkata"}, {"lat", "13.0878"},
                                             {"lon", "80.2785"},     {"as_of", "2026-01-01"}};
    if (rc == KD_OK)
        rc = params(b, o, kolkata, 6, &err);
    if (rc == KD_OK)
        rc = kd_compute(ctx, b, o, KD_SECTIONS_ALL, c, &err);
    if (rc == KD_OK)
        rc = kd_json_string(c, KD_SECTIONS_ALL, &doc, NULL, &err);
    if (rc == KD_OK)
        rc = strncmp(doc, "{\"input\":", 9) == 0 ? KD_OK : KD_ERR_INTERNAL;
    if (rc != KD_OK && rc != KD_ERR_NO_MEMORY)
        fail_msg("allocation %ld failing gave %s (%s)", fail_at, kd_strerror(rc), err.message);
    kd_free(ctx, doc);
    kd_chart_free(c);
    kd_options_free(o);
    kd_birth_free(b);
    kd_context_free(ctx);
    *used = bud.used;
    return rc;
}

static void test_out_of_memory(void **state)
{
    (void)state;
    long total, used;
    assert_int_equal(run_with_budget(-1, &total), KD_OK);
    assert_true(total >= 6); /* context, zones, birth, options, chart, document */
    for (long k = 0; k < total; k++)
        assert_int_equal(run_with_budget(k, &used), KD_ERR_NO_MEMORY);
    assert_int_equal(run_with_budget(total, &used), KD_OK);
}

/* ---- one context, two threads ------------------------------------------ */

struct worker {
    struct kd_context *ctx;
    char *doc;
    int rc;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct kd_birth *b;
    struct kd_chart *c;
    struct kd_error err;
    w->rc = kd_birth_new(w->ctx, &b, &err);
    if (w->rc == KD_OK)
        w->rc = kd_chart_new(w->ctx, &c, &err);
    if (w->rc != KD_OK)
        return NULL;
    for (int i = 0; i < 50 && w->rc == KD_OK; i++) {
        w->rc = params(b, NULL, chennai, 5, &err);
        if (w->rc == KD_OK)
            w->rc = kd_compute(w->ctx, b, NULL, KD_SECTION_PLANETS | KD_SECTION_HOUSES, c, &err);
        kd_free(w->ctx, w->doc);
        w->doc = NULL;
        if (w->rc == KD_OK)
            w->rc = kd_json_string(c, KD_SECTIONS_ALL, &w->doc, NULL, &err);
    }
    kd_chart_free(c);
    kd_birth_free(b);
    return NULL;
}

static void test_shared_context(void **state)
{
    (void)state;
    struct kd_context *ctx = context();
    struct worker w[3] = {{ctx, NULL, 0}, {ctx, NULL, 0}, {ctx, NULL, 0}};
    work(&w[0]);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, work, &w[i + 1]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(w[i].rc, KD_OK);
        assert_string_equal(w[i].doc, w[0].doc);
    }
    for (int i = 0; i < 3; i++)
        kd_free(ctx, w[i].doc);
    kd_context_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_charts), cmocka_unit_test(test_golden_match_and_panchang),
        cmocka_unit_test(test_errors),        cmocka_unit_test(test_position),
        cmocka_unit_test(test_out_of_memory), cmocka_unit_test(test_shared_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
