/* test_dasha.c - the dasha systems against published cases: Vimshottari
 * and Yogini (testdata/book_cases.json: Chennai 1996 mahadasha dates, the
 * book's two balances at birth; hand computations from swetest's Moon),
 * Ashtottari (Jagannatha Hora to the second; P.V.R. Narasimha Rao ch. 17),
 * Chara (K.N. Rao's Chart 4; Jagannatha Hora; P.V.R. Narasimha Rao's
 * years), Kalachakra (P.V.R. Narasimha Rao ch. 24 examples; saravali.de's
 * deha and jeeva), the running periods of every system, local times and
 * the JSON shape.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/chart.h"
#include "engine/dasha.h"
#include "engine/panchang.h"
#include "output/dasha_json.h"
#include "book_cases.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <math.h>

#define DAY 86400.0
#define YEAR (365.25 * DAY)
#define NAK (40.0 / 3.0)

static struct dasha dasha; /* ~31 KB: keep it off the stack */


static void compute(struct chart *c, const char *date, const char *time, const char *tz,
                    double lat, double lon, const char *levels)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    char num[32];
    tu_birth(&b, &o, "ayanamsa=lahiri", "node=mean", NULL);
    assert_int_equal(birth_set(&b, "date", date, &err), 0);
    assert_int_equal(birth_set(&b, "time", time, &err), 0);
    assert_int_equal(birth_set(&b, "timezone", tz, &err), 0);
    snprintf(num, sizeof num, "%.6f", lat);
    assert_int_equal(birth_set(&b, "latitude", num, &err), 0);
    snprintf(num, sizeof num, "%.6f", lon);
    assert_int_equal(birth_set(&b, "longitude", num, &err), 0);
    assert_int_equal(options_set(&o, "dasha_levels", levels, &err), 0);
    /* Yogini as deep as Vimshottari, to its maximum of 2 */
    assert_int_equal(options_set(&o, "yogini_levels", levels[0] == '1' ? "1" : "2", &err), 0);
    if (chart_compute(tu_ctx(), &b, &o, c, NULL, &err))
        fail_msg("%s %s: %s", date, time, err.message);
    assert_int_equal(dasha_compute(c, &dasha, &err), 0);
}

static void chennai(struct chart *c, const char *levels)
{
    compute(c, "1996-12-07", "10:34:00", "+05:30", 13.0878, 80.2785, levels);
}

static void local_date(double ut, int offset, char out[11])
{
    char iso[32];
    civil_format_iso(ut, &offset, iso);
    memcpy(out, iso, 10);
    out[10] = '\0';
}

/* Every period of a level is contiguous and inside its parent. */
static void check_contiguous(const struct dasha_period *p, int n, const struct dasha_period *parent)
{
    if (parent) {
        assert_true(p[0].start == parent->start);
        assert_true(p[n - 1].end == parent->end);
    }
    for (int i = 0; i < n; i++) {
        assert_true(p[i].end > p[i].start);
        if (i > 0)
            assert_true(p[i].start == p[i - 1].end);
    }
}

/* book_cases.json chennai_1996.vimshottari: Rahu MD at birth, began
 * 1996-07-16, Jupiter MD begins 2014-07-16 (local dates). To the minute:
 * by hand from swetest's Moon 186.9592954 (Swati, 186 40' .. 200 deg; lord
 * Rahu, 18 y): elapsed = 0.2926287 / 13.3333 of the nakshatra, so the Rahu
 * MD began 0.0219471 * 18 * 365.25 days = 144 d 06:59:53 before
 * 1996-12-07T05:04:00Z, i.e. at 1996-07-15T22:04:07Z. */
static void test_chennai_vimshottari(void **state)
{
    (void)state;
    struct chart c;
    chennai(&c, "2");
    const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(cases, "chennai_1996"), "vimshottari");
    const struct dasha_vimshottari *vd = &dasha.vimshottari;
    int off = (int)c.tz.offset;
    char date[11];

    assert_string_equal(graha_name(vd->balance.lord),
                        cJSON_GetObjectItem(v, "mahadasha_at_birth")->valuestring);
    assert_int_equal(vd->maha[0].lord, GRAHA_RAHU);
    assert_int_equal(vd->maha[1].lord, GRAHA_JUPITER);
    local_date(vd->maha[0].start, off, date);
    assert_string_equal(date, cJSON_GetObjectItem(v, "rahu_md_start_date")->valuestring);
    local_date(vd->maha[1].start, off, date);
    assert_string_equal(date, cJSON_GetObjectItem(v, "jupiter_md_start_date")->valuestring);

    double birth = 849935040.0; /* 1996-12-07T05:04:00Z */
    assert_true(c.tz.ut == birth);
    double elapsed = (186.9592954 - 14 * NAK) / NAK;
    double rahu_start = birth - elapsed * 18 * YEAR;
    assert_float_equal(vd->maha[0].start, rahu_start, 60.0);
    assert_float_equal(vd->maha[1].start, rahu_start + 18 * YEAR, 60.0);
    assert_float_equal(vd->balance.years, (1 - elapsed) * 18, 60.0 / YEAR);
    char iso[32];
    civil_format_iso(vd->maha[0].start, NULL, iso);
    assert_memory_equal(iso, "1996-07-15T22:04", 16);

    /* Rahu, Jupiter, Saturn, Mercury, Ketu, Venus, Sun, Moon, Mars, Rahu: the
     * tenth is needed because the first began before birth. */
    static const int order[10] = {GRAHA_RAHU, GRAHA_JUPITER, GRAHA_SATURN, GRAHA_MERCURY,
                                  GRAHA_KETU, GRAHA_VENUS,   GRAHA_SUN,    GRAHA_MOON,
                                  GRAHA_MARS, GRAHA_RAHU};
    assert_int_equal(vd->nmaha, 10);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(vd->maha[i].lord, order[i]);
        assert_float_equal((vd->maha[i].end - vd->maha[i].start) / YEAR,
                           dasha_vimshottari_years(order[i]), 1e-9);
    }
    check_contiguous(vd->maha, vd->nmaha, NULL);
    assert_true(vd->maha[9].end >= birth + 120 * YEAR);
    assert_true(vd->maha[8].end < birth + 120 * YEAR);
    assert_true(vd->maha[0].start < birth && vd->maha[0].end > birth);
}

/* "Rahu MD, balance 0y0m13d" style: lord name, then y, m and d. */
static void parse_expect(const char *s, char *lord, size_t n, int *y, int *m, int *d)
{
    const char *sp = strchr(s, ' ');
    assert_non_null(sp);
    assert_true((size_t)(sp - s) < n);
    memcpy(lord, s, (size_t)(sp - s));
    lord[sp - s] = '\0';
    const char *p = strstr(s, "balance ");
    assert_non_null(p);
    char *end;
    *y = (int)strtol(p + 8, &end, 10);
    assert_true(*end == 'y');
    *m = (int)strtol(end + 1, &end, 10);
    assert_true(*end == 'm');
    *d = (int)strtol(end + 1, &end, 10);
    assert_true(*end == 'd');
}

/* The book's balances at birth (Ex53/Chart18, Ex52/Chart17). The book (and
 * PyJHora, which reproduces it) counts the balance as a calendar span from
 * the birth date; kundli does the same after rounding the balance to whole
 * days, so the strings match exactly, and the end of the birth mahadasha is
 * within a day of birth + the book's span. */
static void test_book_balances(void **state)
{
    (void)state;
    const cJSON *list = cJSON_GetObjectItem(cases, "book_vimshottari");
    const cJSON *e;
    int checked = 0;
    cJSON_ArrayForEach(e, list) {
        const char *local = cJSON_GetObjectItem(e, "local")->valuestring;
        char date[11], time[6], lord[16];
        memcpy(date, local, 10);
        date[10] = '\0';
        memcpy(time, local + 11, 5);
        time[5] = '\0';
        struct chart c;
        compute(&c, date, time, local + 16, cJSON_GetObjectItem(e, "lat")->valuedouble,
                cJSON_GetObjectItem(e, "lon")->valuedouble, "1");
        assert_float_equal(c.grahas[GRAHA_MOON].pos.longitude,
                           cJSON_GetObjectItem(e, "swetest_moon")->valuedouble, 0.5 * ARCSEC);
        int y, m, d;
        parse_expect(cJSON_GetObjectItem(e, "expect")->valuestring, lord, sizeof lord, &y, &m, &d);
        const struct dasha_balance *b = &dasha.vimshottari.balance;
        assert_string_equal(graha_name(b->lord), lord);
        assert_string_equal(graha_name(dasha.vimshottari.maha[0].lord), lord);
        if (b->y != y || b->m != m || b->d != d)
            fail_msg("%s: balance %dy%dm%dd, book %dy%dm%dd",
                     cJSON_GetObjectItem(e, "ex")->valuestring, b->y, b->m, b->d, y, m, d);
        /* birth (local wall time) + y years m months d days, by the calendar */
        struct civil lc = c.birth.local;
        int months = lc.month - 1 + m;
        lc.year += y + months / 12;
        lc.month = months % 12 + 1;
        double book_end = (double)civil_to_seconds(&lc) + d * DAY - c.tz.offset;
        double got_end = dasha.vimshottari.maha[0].end;
        if (fabs(got_end - book_end) > DAY)
            fail_msg("%s: MD ends %.2f days from the book's", cJSON_GetObjectItem(e, "ex")->valuestring,
                     (got_end - book_end) / DAY);
        assert_float_equal(b->days, b->years * 365.25, 1e-6);
        checked++;
    }
    assert_int_equal(checked, 2);
}

/* Antardashas and pratyantardashas: BPHS ch. 46 proportions (md * ad / 120),
 * starting with the parent's lord. Rahu's antardashas: Rahu 2.7 y (2y 8m
 * 12d), Jupiter 2.4, Saturn 2.85, Mercury 2.55, Ketu 1.05, Venus 3, Sun 0.9,
 * Moon 1.5, Mars 1.05; Rahu-Rahu-Rahu 0.405 y. */
static void test_sub_periods(void **state)
{
    (void)state;
    struct chart c;
    chennai(&c, "3");
    const struct dasha_vimshottari *vd = &dasha.vimshottari;
    assert_int_equal(vd->levels, 3);
    static const int rahu_ad[9] = {GRAHA_RAHU, GRAHA_JUPITER, GRAHA_SATURN, GRAHA_MERCURY,
                                   GRAHA_KETU, GRAHA_VENUS,   GRAHA_SUN,    GRAHA_MOON,
                                   GRAHA_MARS};
    static const double rahu_ad_years[9] = {2.7, 2.4, 2.85, 2.55, 1.05, 3.0, 0.9, 1.5, 1.05};
    for (int j = 0; j < 9; j++) {
        assert_int_equal(vd->antar[0][j].lord, rahu_ad[j]);
        assert_float_equal((vd->antar[0][j].end - vd->antar[0][j].start) / YEAR, rahu_ad_years[j],
                           1e-9);
    }
    assert_float_equal((vd->pratyantar[0][0][0].end - vd->pratyantar[0][0][0].start) / YEAR,
                       0.405, 1e-9);
    for (int i = 0; i < vd->nmaha; i++) {
        check_contiguous(vd->antar[i], 9, &vd->maha[i]);
        assert_int_equal(vd->antar[i][0].lord, vd->maha[i].lord);
        for (int j = 0; j < 9; j++) {
            check_contiguous(vd->pratyantar[i][j], 9, &vd->antar[i][j]);
            assert_int_equal(vd->pratyantar[i][j][0].lord, vd->antar[i][j].lord);
            assert_int_equal(vd->pratyantar[i][j][1].lord,
                             dasha_vimshottari_next(vd->antar[i][j].lord));
        }
    }
    /* A Jupiter-Jupiter antardasha lasts 16 * 16 / 120 = 2.1333 years. */
    assert_float_equal((vd->antar[1][0].end - vd->antar[1][0].start) / YEAR, 16.0 * 16 / 120,
                       1e-9);
    /* Yogini goes down to antardashas only. */
    assert_int_equal(dasha.yogini.levels, 2);
}

/* dasha.current: at every pratyantar's start, middle and last second, the
 * running periods are exactly the ones of the level-3 table; outside the
 * mahadashas or with no as_of nothing is found. */
static void test_current(void **state)
{
    (void)state;
    struct chart c;
    chennai(&c, "3");
    const struct dasha_vimshottari *vd = &dasha.vimshottari;
    assert_false(vd->current.found); /* as_of not given */
    struct dasha_current cur;
    for (int i = 0; i < vd->nmaha; i++)
        for (int j = 0; j < 9; j++)
            for (int k = 0; k < 9; k++) {
                const struct dasha_period *p = &vd->pratyantar[i][j][k];
                double at[3] = {p->start, (p->start + p->end) / 2, p->end - 1};
                for (int t = 0; t < 3; t++) {
                    dasha_vimshottari_current(vd, at[t], &cur);
                    assert_true(cur.found);
                    assert_true(cur.at == at[t]);
                    assert_int_equal(cur.period[0].lord, vd->maha[i].lord);
                    assert_true(cur.period[0].start == vd->maha[i].start);
                    assert_int_equal(cur.period[1].lord, vd->antar[i][j].lord);
                    assert_true(cur.period[1].start == vd->antar[i][j].start);
                    assert_true(cur.period[1].end == vd->antar[i][j].end);
                    assert_int_equal(cur.period[2].lord, p->lord);
                    assert_true(cur.period[2].start == p->start && cur.period[2].end == p->end);
                }
            }
    dasha_vimshottari_current(vd, vd->maha[0].start - 1, &cur);
    assert_false(cur.found);
    dasha_vimshottari_current(vd, vd->maha[vd->nmaha - 1].end, &cur);
    assert_false(cur.found);
    dasha_vimshottari_current(vd, NAN, &cur);
    assert_false(cur.found);

    /* Through options.as_of: 2026-01-01 is Jupiter / Moon / Mars (the
     * table of docs/dasha.md's example). */
    struct error err;
    assert_int_equal(options_set(&c.options, "as_of", "2026-01-01", &err), 0);
    assert_int_equal(dasha_compute(&c, &dasha, &err), 0);
    cur = dasha.vimshottari.current;
    assert_true(cur.found);
    assert_int_equal(cur.period[0].lord, GRAHA_JUPITER);
    assert_int_equal(cur.period[1].lord, GRAHA_MOON);
    assert_int_equal(cur.period[2].lord, GRAHA_MARS);
}

/* Yogini: the birth star's number + 3, divided by 8; remainder 1 Mangala ..
 * 7 Siddha, 0 Sankata (BPHS ch. 46 v. 199). Written out: Mangala rules
 * Ardra, Chitra, Shravana; Pingala Punarvasu, Swati, Dhanishta; ... */
static void test_yogini_of_nakshatra(void **state)
{
    (void)state;
    static const int stars[YOGINI_COUNT][4] = {
        {6, 14, 22, 0},  /* Mangala */
        {7, 15, 23, 0},  /* Pingala */
        {8, 16, 24, 0},  /* Dhanya */
        {1, 9, 17, 25},  /* Bhramari */
        {2, 10, 18, 26}, /* Bhadrika */
        {3, 11, 19, 27}, /* Ulka */
        {4, 12, 20, 0},  /* Siddha */
        {5, 13, 21, 0},  /* Sankata */
    };
    int seen = 0;
    for (int y = 0; y < YOGINI_COUNT; y++)
        for (int i = 0; i < 4 && stars[y][i]; i++) {
            assert_int_equal(dasha_yogini_of_nakshatra(stars[y][i] - 1), y);
            seen++;
        }
    assert_int_equal(seen, 27);
    static const char *const names[YOGINI_COUNT] = {"Mangala", "Pingala", "Dhanya", "Bhramari",
                                                    "Bhadrika", "Ulka", "Siddha", "Sankata"};
    static const int lords[YOGINI_COUNT] = {GRAHA_MOON, GRAHA_SUN, GRAHA_JUPITER, GRAHA_MARS,
                                            GRAHA_MERCURY, GRAHA_SATURN, GRAHA_VENUS, GRAHA_RAHU};
    for (int y = 0; y < YOGINI_COUNT; y++) {
        assert_string_equal(dasha_yogini_name(y), names[y]);
        assert_int_equal(dasha_yogini_lord(y), lords[y]);
        assert_int_equal(dasha_yogini_years(y), y + 1);
    }
}

/* Worked examples published with the rule: Moon 8s 19 55' (Purva Ashadha,
 * 20 + 3 = 23, remainder 7: Siddha), 6 45' of the star left = 405' / 800'
 * of 7 years = 3.54375 y (prachinaastrology.com, "Yogini dasha
 * calculation"); Moon 6s 7 35' 36" (Swati, 15 + 3 = 18, remainder 2:
 * Pingala), 12 24' 24" left of 13 20' = 1.861 of 2 years (horosoft.net). */
static void test_yogini_worked_examples(void **state)
{
    (void)state;
    struct dasha_yogini *y = &dasha.yogini;
    dasha_yogini_from_moon(8 * 30 + 19 + 55.0 / 60, 0, 0, 365.25, 2, y);
    assert_int_equal(y->balance.lord, YOGINI_SIDDHA);
    assert_int_equal(y->balance.nakshatra, 19);
    assert_float_equal(y->balance.years, 3.54375, 1e-9);
    assert_int_equal(y->maha[0].lord, YOGINI_SIDDHA);
    assert_int_equal(y->maha[1].lord, YOGINI_SANKATA);
    assert_int_equal(y->maha[2].lord, YOGINI_MANGALA);
    assert_float_equal(y->maha[0].end, 3.54375 * YEAR, 1e-3);

    dasha_yogini_from_moon(6 * 30 + 7 + 35.0 / 60 + 36.0 / 3600, 0, 0, 365.25, 1, y);
    assert_int_equal(y->balance.lord, YOGINI_PINGALA);
    assert_float_equal(y->balance.years, 1.861, 1e-9);
    assert_int_equal(y->levels, 1);
}

/* Two charts, hand-checked from swetest's Moon:
 * - Chennai 1996, Moon 186.9592954 = Swati (15): 18 mod 8 = 2, Pingala
 *   (Sun, 2 y); left (200 - 186.9592954) / 13.3333 * 2 = 1.9561057 y.
 * - Ex53 1972-06-01, Moon 269.4580301 = Uttara Ashadha (21): 24 mod 8 = 0,
 *   Sankata (Rahu, 8 y); left (280 - 269.4580301) / 13.3333 * 8 = 6.3251820 y.
 * 0.5" of Moon is 8e-5 years of Sankata: tolerance 1e-4 y. */
static void test_yogini_charts(void **state)
{
    (void)state;
    struct chart c;
    chennai(&c, "2");
    const struct dasha_yogini *y = &dasha.yogini;
    assert_int_equal(y->balance.lord, YOGINI_PINGALA);
    assert_int_equal(dasha_yogini_lord(y->balance.lord), GRAHA_SUN);
    assert_float_equal(y->balance.years, (200 - 186.9592954) / NAK * 2, 1e-4);
    assert_float_equal(y->balance.years, 1.9561057, 1e-4);
    assert_true(y->maha[0].start < c.tz.ut);
    assert_float_equal(y->maha[0].end, c.tz.ut + y->balance.years * YEAR, 1e-3);
    /* Pingala, Dhanya, ... Sankata, Mangala, Pingala ... until birth + 120 y. */
    for (int i = 0; i < y->nmaha; i++) {
        assert_int_equal(y->maha[i].lord, (YOGINI_PINGALA + i) % YOGINI_COUNT);
        assert_float_equal((y->maha[i].end - y->maha[i].start) / YEAR, y->maha[i].lord + 1, 1e-9);
        check_contiguous(y->antar[i], YOGINI_COUNT, &y->maha[i]);
        assert_int_equal(y->antar[i][0].lord, y->maha[i].lord);
        for (int j = 0; j < YOGINI_COUNT; j++)
            assert_float_equal((y->antar[i][j].end - y->antar[i][j].start) / YEAR,
                               (y->maha[i].lord + 1) * (y->antar[i][j].lord + 1) / 36.0, 1e-9);
    }
    check_contiguous(y->maha, y->nmaha, NULL);
    assert_true(y->maha[y->nmaha - 1].end >= c.tz.ut + 120 * YEAR);
    assert_true(y->maha[y->nmaha - 2].end < c.tz.ut + 120 * YEAR);
    assert_int_equal(y->nmaha, 28); /* 1.956 + 3 cycles (108) + 1..5 (15) >= 120 */

    compute(&c, "1972-06-01", "04:16", "+05:30", 16.25, 81.2, "2");
    assert_int_equal(y->balance.lord, YOGINI_SANKATA);
    assert_int_equal(dasha_yogini_lord(y->balance.lord), GRAHA_RAHU);
    assert_float_equal(y->balance.years, (280 - 269.4580301) / NAK * 8, 1e-4);
    assert_float_equal(y->balance.years, 6.3251820, 1e-4);
    assert_int_equal(y->maha[1].lord, YOGINI_MANGALA);
}

static const cJSON *get(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItem(o, k);
    if (!v)
        fail_msg("missing key %s", k);
    return v;
}

/* The JSON's instants of period p are civil_format_iso's text, in UT and
 * with the zone's offset at that instant. */
static void check_instants(const cJSON *pj, const struct dasha_period *p, const struct chart *c)
{
    const struct tz_zone *zone;
    struct error err;
    struct tz_conv conv;
    char want[32];
    assert_int_equal(tz_zone_get(tu_ctx()->tz, c->zone_name, &zone, &err), 0);
    civil_format_iso(p->start, NULL, want);
    assert_string_equal(get(pj, "start")->valuestring, want);
    civil_format_iso(p->end, NULL, want);
    assert_string_equal(get(pj, "end")->valuestring, want);
    tz_ut_to_local(zone, p->start, c->birth.longitude, &conv);
    int off = (int)lround(conv.offset);
    civil_format_iso(p->start, &off, want);
    assert_string_equal(get(pj, "start_local")->valuestring, want);
    tz_ut_to_local(zone, p->end, c->birth.longitude, &conv);
    off = (int)lround(conv.offset);
    civil_format_iso(p->end, &off, want);
    assert_string_equal(get(pj, "end_local")->valuestring, want);
}

/* Every period of the document against the struct. */
static void check_all_instants(const cJSON *doc, const struct chart *c)
{
    const struct dasha_vimshottari *v = &dasha.vimshottari;
    const struct dasha_yogini *y = &dasha.yogini;
    const cJSON *periods = get(doc, "periods");
    assert_int_equal(cJSON_GetArraySize(periods), v->nmaha);
    for (int i = 0; i < v->nmaha; i++) {
        const cJSON *md = cJSON_GetArrayItem(periods, i);
        check_instants(md, &v->maha[i], c);
        for (int j = 0; v->levels >= 2 && j < 9; j++)
            check_instants(cJSON_GetArrayItem(get(md, "periods"), j), &v->antar[i][j], c);
    }
    periods = get(get(doc, "yogini"), "periods");
    assert_int_equal(cJSON_GetArraySize(periods), y->nmaha);
    for (int i = 0; i < y->nmaha; i++) {
        const cJSON *md = cJSON_GetArrayItem(periods, i);
        check_instants(md, &y->maha[i], c);
        for (int j = 0; y->levels >= 2 && j < YOGINI_COUNT; j++)
            check_instants(cJSON_GetArrayItem(get(md, "periods"), j), &y->antar[i][j], c);
    }
}

/* The API's shape: dasha.periods[] with lord, start and end. */
static void test_json(void **state)
{
    (void)state;
    struct chart c;
    chennai(&c, "2");
    struct jsonw w;
    jw_init(&w, 1 << 22);
    dasha_json_write(&w, &dasha, &c);
    assert_false(w.overflow);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    assert_string_equal(get(doc, "system")->valuestring, "vimshottari");
    assert_float_equal(get(doc, "year_days")->valuedouble, 365.25, 0);
    assert_int_equal(get(doc, "levels")->valueint, 2);
    const cJSON *bal = get(doc, "balance");
    assert_string_equal(get(bal, "lord")->valuestring, "Rahu");
    assert_string_equal(get(bal, "nakshatra")->valuestring, "Swati");
    assert_string_equal(get(bal, "ymd")->valuestring, "17y7m9d");
    const cJSON *periods = get(doc, "periods");
    assert_int_equal(cJSON_GetArraySize(periods), 10);
    const cJSON *p0 = cJSON_GetArrayItem(periods, 0);
    assert_string_equal(get(p0, "lord")->valuestring, "Rahu");
    assert_int_equal(get(p0, "level")->valueint, 1);
    assert_float_equal(get(p0, "years")->valuedouble, 18, 1e-6);
    assert_string_equal(get(p0, "start")->valuestring, "1996-07-15T22:04:07Z");
    assert_string_equal(get(p0, "start_local")->valuestring, "1996-07-16T03:34:07+05:30");
    assert_string_equal(get(p0, "end")->valuestring,
                        get(cJSON_GetArrayItem(periods, 1), "start")->valuestring);
    const cJSON *sub = get(p0, "periods");
    assert_int_equal(cJSON_GetArraySize(sub), 9);
    assert_string_equal(get(cJSON_GetArrayItem(sub, 1), "lord")->valuestring, "Jupiter");
    assert_int_equal(get(cJSON_GetArrayItem(sub, 1), "level")->valueint, 2);
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(sub, 1), "periods"));
    const cJSON *p9 = cJSON_GetArrayItem(periods, 9);
    assert_string_equal(get(p9, "lord")->valuestring, "Rahu");
    const cJSON *yog = get(doc, "yogini");
    assert_string_equal(get(yog, "system")->valuestring, "yogini");
    assert_string_equal(get(get(yog, "balance"), "yogini")->valuestring, "Pingala");
    assert_string_equal(get(get(yog, "balance"), "lord")->valuestring, "Sun");
    const cJSON *yp = get(yog, "periods");
    assert_int_equal(cJSON_GetArraySize(yp), 28);
    assert_string_equal(get(cJSON_GetArrayItem(yp, 1), "yogini")->valuestring, "Dhanya");
    assert_string_equal(get(cJSON_GetArrayItem(yp, 1), "lord")->valuestring, "Jupiter");
    assert_int_equal(cJSON_GetArraySize(get(cJSON_GetArrayItem(yp, 1), "periods")), 8);
    check_all_instants(doc, &c);
    cJSON_Delete(doc);

    /* Level 1: no nested periods. */
    chennai(&c, "1");
    jw_reset(&w);
    dasha_json_write(&w, &dasha, &c);
    doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(get(doc, "periods"), 0), "periods"));
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(get(get(doc, "yogini"), "periods"), 0),
                                    "periods"));
    cJSON_Delete(doc);
    jw_free(&w);
}

/* Local times follow the zone's rules at each instant (EST/EDT), and LMT
 * uses the birth longitude (80.2785 E = +05:21:06.84, printed +05:21:07). */
static void test_local_times(void **state)
{
    (void)state;
    struct chart c;
    struct jsonw w;
    jw_init(&w, 1 << 22);
    compute(&c, "1990-07-01", "12:00", "America/New_York", 40.7128, -74.006, "2");
    dasha_json_write(&w, &dasha, &c);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    int summer = 0, winter = 0;
    const cJSON *md;
    cJSON_ArrayForEach(md, get(doc, "periods")) {
        const cJSON *ad;
        cJSON_ArrayForEach(ad, get(md, "periods")) {
            const char *l = get(ad, "start_local")->valuestring;
            int month = (int)strtol(l + 5, NULL, 10);
            int year = (int)strtol(l, NULL, 10);
            const char *off = l + 19;
            if (year >= 2008 && (month == 7 || month == 8)) {
                assert_string_equal(off, "-04:00");
                summer++;
            } else if (month == 1 || month == 12) {
                assert_string_equal(off, "-05:00");
                winter++;
            }
            /* local wall time - offset = UT */
            struct civil lc = {0};
            lc.year = year;
            lc.month = month;
            lc.day = (int)strtol(l + 8, NULL, 10);
            lc.hour = (int)strtol(l + 11, NULL, 10);
            lc.minute = (int)strtol(l + 14, NULL, 10);
            lc.second = (int)strtol(l + 17, NULL, 10);
            int sign = off[0] == '-' ? -1 : 1;
            int offs = sign * ((int)strtol(off + 1, NULL, 10) * 3600 +
                               (int)strtol(off + 4, NULL, 10) * 60);
            char ut[32];
            civil_format_iso((double)(civil_to_seconds(&lc) - offs), NULL, ut);
            assert_string_equal(ut, get(ad, "start")->valuestring);
        }
    }
    assert_true(summer > 0 && winter > 0);
    check_all_instants(doc, &c);
    cJSON_Delete(doc);

    compute(&c, "1996-12-07", "10:34", "LMT", 13.0878, 80.2785, "1");
    jw_reset(&w);
    dasha_json_write(&w, &dasha, &c);
    doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    const char *l = get(cJSON_GetArrayItem(get(doc, "periods"), 0), "start_local")->valuestring;
    assert_string_equal(l + 19, "+05:21:07");
    check_all_instants(doc, &c);
    cJSON_Delete(doc);
    jw_free(&w);
}

/* dasha_year_days scales every period; bad options are refused. */
static void test_year_days_and_errors(void **state)
{
    (void)state;
    struct chart c;
    struct error err;
    chennai(&c, "1");
    c.options.dasha_year_days = 360;
    assert_int_equal(dasha_compute(&c, &dasha, &err), 0);
    assert_float_equal(dasha.vimshottari.maha[1].end - dasha.vimshottari.maha[1].start,
                       16 * 360 * DAY, 1e-3);
    assert_float_equal(dasha.vimshottari.balance.days, dasha.vimshottari.balance.years * 360, 1e-9);
    c.options.dasha_year_days = 0;
    assert_int_equal(dasha_compute(&c, &dasha, &err), ERR_INVALID_VALUE);
    assert_string_equal(err.field, "options.dasha_year_days");
    c.options.dasha_year_days = NAN;
    assert_int_equal(dasha_compute(&c, &dasha, &err), ERR_INVALID_VALUE);
    c.options.dasha_year_days = 365.25;
    c.options.dasha_levels = 4;
    assert_int_equal(dasha_compute(&c, &dasha, &err), ERR_INVALID_VALUE);
    assert_string_equal(err.field, "options.dasha_levels");

    /* The Moon exactly at the start of Ashwini: Ketu's full 7 years at birth,
     * 9 mahadashas cover 120 years exactly. */
    struct dasha_vimshottari *v = &dasha.vimshottari;
    dasha_vimshottari_from_moon(0.0, 0, 0, 365.25, 1, v);
    assert_int_equal(v->balance.lord, GRAHA_KETU);
    assert_float_equal(v->balance.years, 7, 1e-12);
    assert_int_equal(v->nmaha, 9);
    assert_true(v->maha[0].start == 0);
    assert_float_equal(v->maha[8].end, 120 * YEAR, 1e-3);
    assert_int_equal(v->balance.y, 7);
    assert_int_equal(v->balance.m, 0);
    assert_int_equal(v->balance.d, 0);
}


/* ---- Ashtottari, Chara, Kalachakra and the running periods ----------------- */

/* The chart of key=value pairs (birth fields and options, as a client sends
 * them), and its dasha into the file's `dasha`. */
static void chart_kv(struct chart *c, const char *const *kv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    birth_init(&b);
    options_init(&o);
    for (; *kv; kv++) {
        char key[64];
        const char *eq = strchr(*kv, '=');
        assert_non_null(eq);
        memcpy(key, *kv, (size_t)(eq - *kv));
        key[eq - *kv] = '\0';
        if (birth_param_set(&b, &o, key, eq + 1, &err))
            fail_msg("%s: %s", *kv, err.message);
    }
    if (chart_compute(tu_ctx(), &b, &o, c, NULL, &err))
        fail_msg("chart: %s", err.message);
    assert_int_equal(dasha_compute(c, &dasha, &err), 0);
}

#define CHENNAI_KV "date=1996-12-07", "time=10:34:00", "timezone=+05:30", \
                   "latitude=13.0878", "longitude=80.2785"

/* The local date and time of instant ut at a fixed offset, to the second:
 * "YYYY-MM-DD HH:MM:SS". */
static void local_time(double ut, int offset, char out[20])
{
    char iso[32];
    civil_format_iso(ut, &offset, iso);
    memcpy(out, iso, 19);
    out[10] = ' ';
    out[19] = '\0';
}

/* The year of instant ut at a fixed offset. */
static int local_year(double ut, int offset)
{
    char iso[32];
    civil_format_iso(ut, &offset, iso);
    return (int)strtol(iso, NULL, 10);
}

/* BPHS ch. 46: Ardra 4 nakshatras to the Sun (6 y), Magha 3 to the Moon
 * (15), Hasta 4 to Mars (8), Anuradha 3 to Mercury (17), Purva Ashadha 3 to
 * Saturn (10), Dhanishta 3 to Jupiter (19), Uttara Bhadrapada 4 to Rahu
 * (12), Krittika 3 to Venus (21): 108 years. Written out per nakshatra
 * (1 = Ashwini). */
static void test_ashtottari_tables(void **state)
{
    (void)state;
    static const int lord[27] = {
        GRAHA_RAHU,    GRAHA_RAHU,    GRAHA_VENUS,   GRAHA_VENUS,   GRAHA_VENUS,  GRAHA_SUN,
        GRAHA_SUN,     GRAHA_SUN,     GRAHA_SUN,     GRAHA_MOON,    GRAHA_MOON,   GRAHA_MOON,
        GRAHA_MARS,    GRAHA_MARS,    GRAHA_MARS,    GRAHA_MARS,    GRAHA_MERCURY, GRAHA_MERCURY,
        GRAHA_MERCURY, GRAHA_SATURN,  GRAHA_SATURN,  GRAHA_SATURN,  GRAHA_JUPITER, GRAHA_JUPITER,
        GRAHA_JUPITER, GRAHA_RAHU,    GRAHA_RAHU,
    };
    for (int n = 0; n < 27; n++)
        assert_int_equal(dasha_ashtottari_lord_of_nakshatra(n), lord[n]);
    static const int order[8] = {GRAHA_SUN,    GRAHA_MOON,    GRAHA_MARS, GRAHA_MERCURY,
                                 GRAHA_SATURN, GRAHA_JUPITER, GRAHA_RAHU, GRAHA_VENUS};
    static const int years[8] = {6, 15, 8, 17, 10, 19, 12, 21};
    int total = 0;
    for (int i = 0; i < 8; i++) {
        assert_int_equal(dasha_ashtottari_years(order[i]), years[i]);
        assert_int_equal(dasha_ashtottari_next(order[i]), order[(i + 1) % 8]);
        total += years[i];
    }
    assert_int_equal(total, 108);
    assert_int_equal(dasha_ashtottari_years(GRAHA_KETU), 0);

    /* Sub-periods: md * ad / 108 from the mahadasha's lord (BPHS); Saturn's
     * 10 years: Saturn 0.9259 y, Jupiter 1.7593, Rahu 1.1111 ... */
    struct dasha_period md = {0, 10 * YEAR, GRAHA_SATURN}, sub[8];
    dasha_ashtottari_sub(&md, sub);
    check_contiguous(sub, 8, &md);
    for (int j = 0; j < 8; j++) {
        int i = (4 + j) % 8;
        assert_int_equal(sub[j].lord, order[i]);
        assert_float_equal((sub[j].end - sub[j].start) / YEAR, 10.0 * years[i] / 108, 1e-9);
    }
}

/* Chennai 1996 against Jagannatha Hora, as PyJHora's tests print it
 * (src/jhora/tests/pvr_tests.py, _ashtothari_test_4, "Own Chart Compared to
 * JHora"): with JHora's geometric positions and its sidereal year of
 * 365.256364 days, the mahadashas begin (IST) Mars 1992-11-21 08:54:59,
 * Mercury 2000-11-21 10:08:18, Saturn 2017-11-21 18:44:05, Jupiter
 * 2027-11-22 08:15:44, Rahu 2046-11-22 05:09:51, Venus 2058-11-22 06:59:49,
 * Sun 2079-11-22 16:12:16, Moon 2085-11-22 05:07:15. Tolerance 1 s (the
 * printed precision). The same test file's Vimshottari start of the Rahu
 * mahadasha, 1996-07-16 01:12:44, is checked alongside. */
static void test_ashtottari_jhora(void **state)
{
    (void)state;
    static const char *const kv[] = {CHENNAI_KV, "positions=true", "dasha_year_days=365.256364",
                                     "as_of=2026-01-01", NULL};
    static const struct {
        int lord;
        const char *start;
    } want[8] = {
        {GRAHA_MARS, "1992-11-21 08:54:59"},    {GRAHA_MERCURY, "2000-11-21 10:08:18"},
        {GRAHA_SATURN, "2017-11-21 18:44:05"},  {GRAHA_JUPITER, "2027-11-22 08:15:44"},
        {GRAHA_RAHU, "2046-11-22 05:09:51"},    {GRAHA_VENUS, "2058-11-22 06:59:49"},
        {GRAHA_SUN, "2079-11-22 16:12:16"},     {GRAHA_MOON, "2085-11-22 05:07:15"},
    };
    struct chart c;
    chart_kv(&c, kv);
    const struct dasha_ashtottari *a = &dasha.ashtottari;
    char got[20];
    for (int i = 0; i < 8; i++) {
        assert_int_equal(a->maha[i].lord, want[i].lord);
        local_time(a->maha[i].start, 19800, got);
        if (strcmp(got, want[i].start) != 0) {
            /* one second of rounding either way */
            local_time(a->maha[i].start + 1, 19800, got);
            if (strcmp(got, want[i].start) != 0)
                local_time(a->maha[i].start - 1, 19800, got);
        }
        assert_string_equal(got, want[i].start);
    }
    /* Swati is Mars's (Hasta .. Vishakha): the Moon at 186.96 deg has crossed
     * 26.96 of the 53.33 degrees, 0.5055 of Mars's 8 years. */
    assert_int_equal(a->balance.lord, GRAHA_MARS);
    assert_float_equal(a->group_elapsed, 0.5055, 1e-3);
    assert_true(a->maha[0].start < c.tz.ut && a->maha[0].end > c.tz.ut);
    check_contiguous(a->maha, a->nmaha, NULL);
    assert_true(a->maha[a->nmaha - 1].end >= c.tz.ut + 120 * 365.256364 * DAY);
    assert_true(a->maha[a->nmaha - 2].end < c.tz.ut + 120 * 365.256364 * DAY);
    local_time(dasha.vimshottari.maha[0].start, 19800, got);
    assert_string_equal(got, "1996-07-16 01:12:44");
}

/* P.V.R. Narasimha Rao, Vedic Astrology: An Integrated Approach, ch. 17
 * (Ashtottari dasa), as PyJHora's tests quote the book's answers
 * (pvr_tests.py, _ashtothari_test_1 .. 3): Example 60 / Chart 23
 * (1912-08-08 19:38 IST, 13N00 77E35) is born in Venus dasa; Example 61 /
 * Chart 61 (Indira Gandhi, 1917-11-19 23:03 IST, 25N28 81E52) in Saturn
 * dasa, with "Moon dasa during 1980-1995"; Example 62 / Chart 6 (1921-06-28
 * 12:49 IST, 18N26 79E09) in Rahu dasa, the sixth mahadasha being
 * Mercury's, from 1981 ("Mercury dasa during 1981-1997"; ours ends in
 * November 1998: the book's year is its printed precision). */
static void test_ashtottari_book(void **state)
{
    (void)state;
    struct chart c;
    static const char *const ex60[] = {"date=1912-08-08", "time=19:38", "timezone=+05:30",
                                       "latitude=13", "longitude=77.583333", NULL};
    chart_kv(&c, ex60);
    assert_int_equal(dasha.ashtottari.maha[0].lord, GRAHA_VENUS);
    assert_int_equal(dasha.ashtottari.balance.lord, GRAHA_VENUS);

    static const char *const ex61[] = {"date=1917-11-19", "time=23:03", "timezone=+05:30",
                                       "latitude=25.466667", "longitude=81.866667", NULL};
    chart_kv(&c, ex61);
    const struct dasha_ashtottari *a = &dasha.ashtottari;
    assert_int_equal(a->maha[0].lord, GRAHA_SATURN);
    int moon = -1;
    for (int i = 0; i < a->nmaha && moon < 0; i++)
        if (a->maha[i].lord == GRAHA_MOON)
            moon = i;
    assert_true(moon > 0);
    assert_int_equal(local_year(a->maha[moon].start, 19800), 1980);
    assert_int_equal(local_year(a->maha[moon].end, 19800), 1995);

    static const char *const ex62[] = {"date=1921-06-28", "time=12:49", "timezone=+05:30",
                                       "latitude=18.433333", "longitude=79.15", NULL};
    chart_kv(&c, ex62);
    assert_int_equal(a->maha[0].lord, GRAHA_RAHU);
    assert_int_equal(a->maha[5].lord, GRAHA_MERCURY);
    assert_int_equal(local_year(a->maha[5].start, 19800), 1981);
}

/* The applicability rules. BPHS ch. 46: Ashtottari "when Rahu, not in the
 * lagna, is in a kendra or a trikona from the lagna lord"; the other rule:
 * Krishna paksha by day, Shukla paksha by night. Chennai 1996: Capricorn
 * lagna, Saturn in Pisces, Rahu in Virgo, the 7th from Pisces, a kendra
 * (applies); Moon 186.96, Sun 231.56: Krishna paksha, 10:34 by day
 * (applies). Then the rules on positions chosen to hit each case. */
static void test_ashtottari_applicability(void **state)
{
    (void)state;
    struct chart c;
    static const char *const kv[] = {CHENNAI_KV, NULL};
    chart_kv(&c, kv);
    const struct dasha_ashtottari_check *ap = &dasha.ashtottari.applicability;
    assert_int_equal(ap->rule, ASHTOTTARI_RULE_RAHU);
    assert_int_equal(ap->lagna_lord, GRAHA_SATURN);
    assert_int_equal(ap->rahu_from_lord, 7);
    assert_int_equal(ap->rahu_house, 9);
    assert_true(ap->by_rahu && ap->applicable);
    assert_true(ap->krishna && ap->day && ap->by_paksha);

    /* lon: Sun .. Ketu; the lagna 10 deg Aries (lord Mars). */
    double lon[GRAHA_CLASSICAL] = {0};
    struct dasha_ashtottari_check chk;
    static const struct {
        double mars, rahu;
        int from, house;
        bool by_rahu;
    } rahu_cases[] = {
        {45, 45, 1, 2, true},    /* with the lagna lord, in the 2nd house: kendra */
        {45, 75, 2, 3, false},   /* 2nd from the lord */
        {45, 165, 5, 6, true},   /* 5th: trikona */
        {45, 315, 10, 11, true}, /* 10th: kendra */
        {45, 345, 11, 12, false},
        {280, 10, 4, 1, false},  /* 4th from Mars in Capricorn, but in the lagna */
    };
    for (size_t k = 0; k < sizeof rahu_cases / sizeof rahu_cases[0]; k++) {
        lon[GRAHA_MARS] = rahu_cases[k].mars;
        lon[GRAHA_RAHU] = rahu_cases[k].rahu;
        lon[GRAHA_KETU] = zodiac_norm(rahu_cases[k].rahu + 180);
        dasha_ashtottari_check(10, lon, ASHTOTTARI_RULE_RAHU, &chk);
        assert_int_equal(chk.lagna_lord, GRAHA_MARS);
        assert_int_equal(chk.rahu_from_lord, rahu_cases[k].from);
        assert_int_equal(chk.rahu_house, rahu_cases[k].house);
        assert_int_equal(chk.by_rahu, rahu_cases[k].by_rahu);
        assert_int_equal(chk.applicable, rahu_cases[k].by_rahu);
    }
    /* Paksha: Moon - Sun < 180 Shukla; the Sun above the horizon when it is
     * within 180 deg behind the ascendant (risen, not yet set: between the
     * descendant and the ascendant, through the MC). Ascendant 100, so the
     * descendant is 280. */
    static const struct {
        double asc, sun, moon;
        bool krishna, day, by_paksha;
    } paksha_cases[] = {
        {100, 60, 200, false, true, false},  /* Shukla (140), Sun 40 deg risen: day */
        {100, 60, 250, true, true, true},    /* Krishna (190) by day */
        {100, 290, 300, false, true, false}, /* Shukla by day: the Sun 10 deg above
                                                the western horizon */
        {100, 270, 300, false, false, true}, /* Shukla (30) by night: 10 deg below it */
        {100, 270, 200, true, false, false}, /* Krishna (290) by night */
    };
    for (size_t k = 0; k < sizeof paksha_cases / sizeof paksha_cases[0]; k++) {
        lon[GRAHA_SUN] = paksha_cases[k].sun;
        lon[GRAHA_MOON] = paksha_cases[k].moon;
        dasha_ashtottari_check(paksha_cases[k].asc, lon, ASHTOTTARI_RULE_PAKSHA, &chk);
        assert_int_equal(chk.krishna, paksha_cases[k].krishna);
        assert_int_equal(chk.day, paksha_cases[k].day);
        assert_int_equal(chk.by_paksha, paksha_cases[k].by_paksha);
        assert_int_equal(chk.applicable, paksha_cases[k].by_paksha);
    }
}

/* Day and night as the panchang has them: a birth a minute after the
 * panchang's sunrise (Chennai, 1996-12-07) is by day, a minute before it by
 * night; likewise at sunset. */
static void test_ashtottari_day_night(void **state)
{
    (void)state;
    struct chart c;
    struct panchang p;
    struct error err;
    static const char *const kv[] = {CHENNAI_KV, NULL};
    chart_kv(&c, kv);
    assert_int_equal(panchang_at_birth(&c, &p, &err), 0);
    assert_true(p.sunrise.valid && p.sunset.valid);
    const double at[4] = {p.sunrise.ut - 60, p.sunrise.ut + 60, p.sunset.ut - 60,
                          p.sunset.ut + 60};
    const bool day[4] = {false, true, true, false};
    for (int k = 0; k < 4; k++) {
        char date[32], time[16], iso[32];
        int off = 19800;
        civil_format_iso(at[k], &off, iso);
        memcpy(date, iso, 10);
        date[10] = '\0';
        memcpy(time, iso + 11, 8);
        time[8] = '\0';
        char d[48], t[48];
        snprintf(d, sizeof d, "date=%s", date);
        snprintf(t, sizeof t, "time=%s", time);
        const char *const kv2[] = {d, t, "timezone=+05:30", "latitude=13.0878",
                                   "longitude=80.2785", NULL};
        chart_kv(&c, kv2);
        assert_int_equal(dasha.ashtottari.applicability.day, day[k]);
    }
}

/* The running periods of every system on one day, Chennai 1996, as_of
 * 2026-01-01, worked by hand from the rules: Vimshottari Jupiter / Moon /
 * Mars; Yogini Sankata (2023-11-22 .. 2031-11-22) / Pingala (Sankata 1.78 y,
 * Mangala 0.22 y, then Pingala 0.44 y: 2025-11-21 .. 2026-05-02); Ashtottari
 * Saturn (2017-11-21 ..) / Mars (after Saturn 0.93, Jupiter 1.76, Rahu
 * 1.11, Venus 1.94, Sun 0.56, Moon 1.39 years: 2025-07-29 .. 2026-04-26) /
 * Rahu (after Mars 20 d, Mercury 43 d, Saturn 25 d, Jupiter 48 d:
 * 2025-12-11 .. 2026-01-11); Chara Libra
 * (2022-12-07 .. 2034-12-07) / Aquarius (Libra's antardashas run
 * zodiacally from Scorpio, a year each: the fourth); Kalachakra Cancer
 * (2020-02-26 .. 2041-02-26) / Leo (Cancer 21 * 21 / 86 = 5.13 y, then Leo
 * 21 * 5 / 86 = 1.22 y, to 2026-07-03). */
static void test_current_all_systems(void **state)
{
    (void)state;
    struct chart c;
    static const char *const kv[] = {CHENNAI_KV, "as_of=2026-01-01", NULL};
    chart_kv(&c, kv);
    const struct dasha_current *cur = &dasha.vimshottari.current;
    assert_true(cur->found && cur->levels == 3);
    assert_int_equal(cur->period[2].lord, GRAHA_MARS);

    cur = &dasha.yogini.current;
    assert_true(cur->found);
    assert_int_equal(cur->levels, 2);
    assert_int_equal(cur->period[0].lord, YOGINI_SANKATA);
    assert_int_equal(cur->period[1].lord, YOGINI_PINGALA);
    char date[11];
    local_date(cur->period[1].end, 19800, date);
    assert_string_equal(date, "2026-05-02");

    cur = &dasha.ashtottari.current;
    assert_true(cur->found);
    assert_int_equal(cur->levels, 3);
    assert_int_equal(cur->period[0].lord, GRAHA_SATURN);
    assert_int_equal(cur->period[1].lord, GRAHA_MARS);
    assert_int_equal(cur->period[2].lord, GRAHA_RAHU);
    local_date(cur->period[1].start, 19800, date);
    assert_string_equal(date, "2025-07-29");
    local_date(cur->period[2].start, 19800, date);
    assert_string_equal(date, "2025-12-11");
    local_date(cur->period[2].end, 19800, date);
    assert_string_equal(date, "2026-01-11");

    cur = &dasha.chara.current;
    assert_true(cur->found);
    assert_int_equal(cur->levels, 2);
    assert_int_equal(cur->period[0].lord, LIBRA);
    assert_int_equal(cur->period[1].lord, AQUARIUS);
    local_date(cur->period[1].start, 19800, date);
    assert_string_equal(date, "2025-12-07");

    cur = &dasha.kalachakra.current;
    assert_true(cur->found);
    assert_int_equal(cur->levels, 2);
    assert_int_equal(cur->period[0].lord, CANCER);
    assert_int_equal(cur->period[1].lord, LEO);
    local_date(cur->period[1].end, 19800, date);
    assert_string_equal(date, "2026-07-03");

    /* At every sub-period's start, middle and last second, each system's
     * current is exactly that sub-period and its parent. */
    struct dasha_current cu;
    const struct dasha_ashtottari *a = &dasha.ashtottari;
    for (int i = 0; i < a->nmaha; i++) {
        struct dasha_period ad[8], pd[8];
        dasha_ashtottari_sub(&a->maha[i], ad);
        for (int j = 0; j < 8; j++) {
            dasha_ashtottari_sub(&ad[j], pd);
            check_contiguous(pd, 8, &ad[j]);
            for (int k = 0; k < 8; k++) {
                double at[3] = {pd[k].start, (pd[k].start + pd[k].end) / 2, pd[k].end - 1};
                for (int t = 0; t < 3; t++) {
                    dasha_ashtottari_current(a, at[t], &cu);
                    assert_true(cu.found);
                    assert_true(cu.period[0].start == a->maha[i].start);
                    assert_true(cu.period[1].start == ad[j].start && cu.period[1].lord == ad[j].lord);
                    assert_true(cu.period[2].start == pd[k].start && cu.period[2].end == pd[k].end);
                }
            }
        }
    }
    const struct dasha_chara *ch = &dasha.chara;
    for (int i = 0; i < ch->nmaha; i++) {
        struct dasha_period ad[12];
        dasha_chara_sub(&ch->maha[i], ad);
        check_contiguous(ad, 12, &ch->maha[i]);
        for (int j = 0; j < 12; j++) {
            dasha_chara_current(ch, (ad[j].start + ad[j].end) / 2, &cu);
            assert_true(cu.found && cu.period[1].lord == ad[j].lord &&
                        cu.period[1].start == ad[j].start);
        }
    }
    const struct dasha_kalachakra *k = &dasha.kalachakra;
    for (int i = 0; i < k->nmaha; i++) {
        struct dasha_period ad[9];
        dasha_kalachakra_sub(k, i, ad);
        check_contiguous(ad, 9, &k->maha[i]);
        assert_int_equal(ad[0].lord, k->maha[i].lord);
        for (int j = 0; j < 9; j++) {
            dasha_kalachakra_current(k, ad[j].end - 1, &cu);
            assert_true(cu.found && cu.period[0].start == k->maha[i].start &&
                        cu.period[1].start == ad[j].start);
        }
    }
    const struct dasha_yogini *y = &dasha.yogini;
    for (int i = 0; i < y->nmaha; i++) {
        dasha_yogini_current(y, y->maha[i].end - 1, &cu);
        /* the last antardasha: the yogini before the mahadasha's own */
        assert_true(cu.found && cu.period[0].start == y->maha[i].start);
        assert_int_equal(cu.period[1].lord, (y->maha[i].lord + 7) % YOGINI_COUNT);
        assert_true(cu.period[1].end == y->maha[i].end);
    }
    /* Outside the mahadashas and without as_of: nothing runs. */
    dasha_chara_current(ch, c.tz.ut - 1, &cu);
    assert_false(cu.found);
    dasha_kalachakra_current(k, k->maha[k->nmaha - 1].end, &cu);
    assert_false(cu.found);
    dasha_ashtottari_current(a, NAN, &cu);
    assert_false(cu.found);
    dasha_yogini_current(y, y->maha[0].start - 1, &cu);
    assert_false(cu.found);
}

/* K.N. Rao, Predicting through Jaimini's Chara Dasha, "the second
 * illustration (Chart 4)" (reprinted at astrojyoti.com, "Predicting
 * education by Jaimini"): a Gemini lagna born in 1958; Gemini dasha
 * 1958-1961 ("no extra addition has been taken for exalted Mercury"),
 * Taurus to 1965 ("no extra deduction ... for debilitated Venus"), Aries to
 * 1966, Pisces to 1971, Aquarius to 1976 ("Rahu being with more planets is
 * stronger"), Capricorn to 1978, Sagittarius "for full ten years upto 1988",
 * whose first antardasha is Scorpio's. The book's positions: lagna 29 13,
 * Mars 9 13 (in Taurus), Venus 11 48 and Mercury 22 21 (Virgo), Jupiter
 * 12 42 (Libra), Saturn 27 23 (Scorpio), Rahu 29 17 (Virgo), Ketu (Pisces);
 * the signs of the Sun (20 41) and Moon (11 34) are not given and do not
 * enter these dashas (put in Leo and Cancer). */
static void test_chara_knrao_book(void **state)
{
    (void)state;
    double lon[GRAHA_CLASSICAL];
    lon[GRAHA_SUN] = LEO * 30 + 20 + 41 / 60.0;
    lon[GRAHA_MOON] = CANCER * 30 + 11 + 34 / 60.0;
    lon[GRAHA_MARS] = TAURUS * 30 + 9 + 13 / 60.0;
    lon[GRAHA_MERCURY] = VIRGO * 30 + 22 + 21 / 60.0;
    lon[GRAHA_JUPITER] = LIBRA * 30 + 12 + 42 / 60.0;
    lon[GRAHA_VENUS] = VIRGO * 30 + 11 + 48 / 60.0;
    lon[GRAHA_SATURN] = SCORPIO * 30 + 27 + 23 / 60.0;
    lon[GRAHA_RAHU] = VIRGO * 30 + 29 + 17 / 60.0;
    lon[GRAHA_KETU] = PISCES * 30 + 29 + 17 / 60.0;
    double birth = (double)civil_to_seconds(&(struct civil){1958, 6, 15, 12, 0, 0});
    struct dasha_chara *ch = &dasha.chara;
    dasha_chara_from_chart(GEMINI, lon, CHARA_METHOD_KNRAO, birth, 365.25, 2, ch);
    assert_false(ch->zodiacal); /* the 9th from Gemini, Aquarius, is even-footed */
    static const int signs[7] = {GEMINI, TAURUS, ARIES, PISCES, AQUARIUS, CAPRICORN, SAGITTARIUS};
    static const int ends[7] = {1961, 1965, 1966, 1971, 1976, 1978, 1988};
    for (int i = 0; i < 7; i++) {
        assert_int_equal(ch->maha[i].lord, signs[i]);
        assert_int_equal(local_year(ch->maha[i].end, 0), ends[i]);
    }
    assert_true(ch->maha[0].start == birth);
    assert_int_equal(ch->lord[AQUARIUS], GRAHA_RAHU);
    assert_int_equal(ch->years[GEMINI], 3);
    assert_int_equal(ch->years[TAURUS], 4);
    struct dasha_period ad[12];
    dasha_chara_sub(&ch->maha[6], ad);
    assert_int_equal(ad[0].lord, SCORPIO);
    assert_int_equal(ad[11].lord, SAGITTARIUS);
    /* P.V.R. Narasimha Rao's years take one for debilitated Venus, and none
     * for Mercury in Virgo ("exception: Mercury's exaltation. It counts
     * just as own house", Computing Narayana Dasa). */
    dasha_chara_from_chart(GEMINI, lon, CHARA_METHOD_PVR, birth, 365.25, 1, ch);
    assert_int_equal(ch->years[GEMINI], 3);
    assert_int_equal(ch->years[TAURUS], 3);
    assert_int_equal(ch->method, CHARA_METHOD_PVR);
}

/* Chennai 1996 against Jagannatha Hora, as PyJHora's tests print it
 * (pvr_tests.py, chara_dasha_test, K.N. Rao and Parasara/PVN Rao methods,
 * which agree here: no lord is exalted or debilitated): Capricorn lagna, the
 * 9th (Virgo) even-footed, so in reverse: Cp 10, Sg 12, Sc 4 (Ketu with
 * Saturn beats Mars alone), Li 12, Vi 9, Le 9, Cn 9, Ge 6, Ta 5, Ar 4, Pi 3,
 * Aq 11 (Saturn with Ketu beats Rahu alone), then the second cycle Cp 2,
 * (Sg 0), Sc 8, (Li 0), Vi 3, Le 3, Cn 3, Ge 6, Ta 7; starts (IST) with
 * JHora's year of 365.256364 days, to the second as printed. */
static void test_chara_jhora(void **state)
{
    (void)state;
    static const char *const kv[] = {CHENNAI_KV, "dasha_year_days=365.256364", NULL};
    static const struct {
        int sign;
        const char *start;
    } want[19] = {
        {CAPRICORN, "1996-12-07 10:34:00"}, {SAGITTARIUS, "2006-12-08 00:05:38"},
        {SCORPIO, "2018-12-08 01:55:37"},   {LIBRA, "2022-12-08 02:32:16"},
        {VIRGO, "2034-12-08 04:22:14"},     {LEO, "2043-12-08 11:44:43"},
        {CANCER, "2052-12-07 19:07:12"},    {GEMINI, "2061-12-08 02:29:40"},
        {TAURUS, "2067-12-08 15:24:39"},    {ARIES, "2072-12-07 22:10:29"},
        {PISCES, "2076-12-07 22:47:08"},    {AQUARIUS, "2079-12-08 17:14:38"},
        {CAPRICORN, "2090-12-08 12:55:26"}, {SCORPIO, "2092-12-08 01:13:46"},
        {VIRGO, "2100-12-09 02:27:04"},     {LEO, "2103-12-09 20:54:34"},
        {CANCER, "2106-12-09 15:22:03"},    {GEMINI, "2109-12-09 09:49:33"},
        {TAURUS, "2115-12-09 22:44:32"},
    };
    struct chart c;
    chart_kv(&c, kv);
    const struct dasha_chara *ch = &dasha.chara;
    assert_int_equal(ch->nmaha, 19);
    char got[20];
    for (int i = 0; i < 19; i++) {
        assert_int_equal(ch->maha[i].lord, want[i].sign);
        local_time(ch->maha[i].start, 19800, got);
        if (strcmp(got, want[i].start) != 0) {
            local_time(ch->maha[i].start + 1, 19800, got);
            if (strcmp(got, want[i].start) != 0)
                local_time(ch->maha[i].start - 1, 19800, got);
        }
        assert_string_equal(got, want[i].start);
    }
    assert_int_equal(ch->lord[SCORPIO], GRAHA_KETU);
    assert_int_equal(ch->lord[AQUARIUS], GRAHA_SATURN);
    assert_true(ch->maha[18].end >= c.tz.ut + 120 * 365.256364 * DAY);
    assert_true(ch->maha[17].end < c.tz.ut + 120 * 365.256364 * DAY);
}

/* Dasa years by P.V.R. Narasimha Rao's rules ("Computing Narayana Dasa",
 * the years as of Chara dasa): "Ar dasa is of 2, 6, 10 and 12 years if Mars
 * is in Ge, Li, Aq and Ar"; "Le dasa is of 2, 6, 9 and 12 years if Sun is
 * in Ge, Aq, Sc and Le"; "If Mars is in Cp, Ar dasa is of 10 years. If Mars
 * is in Cn, Ar dasa is of 2 years." K.N. Rao counts 9 and 3 for the last two
 * (no correction for exaltation or debilitation). Then K.N. Rao's rules for
 * the two lords of Scorpio: Mars in Scorpio, count to Ketu; both in it, 12;
 * neither, the one with more planets, else the one with more degrees. */
static void test_chara_years(void **state)
{
    (void)state;
    double lon[GRAHA_CLASSICAL];
    struct dasha_chara *ch = &dasha.chara;
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        lon[g] = 135 + g; /* all in Leo, out of the way */
    static const struct {
        int sign, at, pvr, knrao;
    } mars[] = {{GEMINI, 2, 2, 2}, {LIBRA, 6, 6, 6},     {AQUARIUS, 10, 10, 10},
                {ARIES, 12, 12, 12}, {CAPRICORN, 10, 10, 9}, {CANCER, 2, 2, 3}};
    lon[GRAHA_SUN] = GEMINI * 30 + 5;
    for (size_t k = 0; k < sizeof mars / sizeof mars[0]; k++) {
        lon[GRAHA_MARS] = mars[k].sign * 30 + 5;
        dasha_chara_from_chart(ARIES, lon, CHARA_METHOD_PVR, 0, 365.25, 1, ch);
        assert_int_equal(ch->years[ARIES], mars[k].pvr);
        dasha_chara_from_chart(ARIES, lon, CHARA_METHOD_KNRAO, 0, 365.25, 1, ch);
        assert_int_equal(ch->years[ARIES], mars[k].knrao);
    }
    static const struct {
        int sign, years;
    } sun[] = {{GEMINI, 2}, {AQUARIUS, 6}, {SCORPIO, 9}, {LEO, 12}};
    for (size_t k = 0; k < sizeof sun / sizeof sun[0]; k++) {
        lon[GRAHA_SUN] = sun[k].sign * 30 + 5;
        dasha_chara_from_chart(ARIES, lon, CHARA_METHOD_PVR, 0, 365.25, 1, ch);
        assert_int_equal(ch->years[LEO], sun[k].years);
    }

    /* Scorpio, counted forward (odd-footed). */
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        lon[g] = 135 + g;
    lon[GRAHA_MARS] = SCORPIO * 30 + 3;
    lon[GRAHA_KETU] = CAPRICORN * 30 + 3; /* Sc, Sg, Cp: 3 - 1 */
    dasha_chara_from_chart(ARIES, lon, CHARA_METHOD_KNRAO, 0, 365.25, 1, ch);
    assert_int_equal(ch->lord[SCORPIO], GRAHA_KETU);
    assert_int_equal(ch->years[SCORPIO], 2);
    lon[GRAHA_KETU] = SCORPIO * 30 + 9;
    dasha_chara_from_chart(ARIES, lon, CHARA_METHOD_KNRAO, 0, 365.25, 1, ch);
    assert_int_equal(ch->years[SCORPIO], 12);
    lon[GRAHA_MARS] = ARIES * 30 + 3;     /* alone: 6 - 1 = 5 years */
    lon[GRAHA_KETU] = PISCES * 30 + 1;    /* with Saturn: stronger, 5 - 1 = 4 */
    lon[GRAHA_SATURN] = PISCES * 30 + 20;
    dasha_chara_from_chart(ARIES, lon, CHARA_METHOD_KNRAO, 0, 365.25, 1, ch);
    assert_int_equal(ch->lord[SCORPIO], GRAHA_KETU);
    assert_int_equal(ch->years[SCORPIO], 4);
    lon[GRAHA_SATURN] = 135;              /* both alone: Mars has more degrees */
    dasha_chara_from_chart(ARIES, lon, CHARA_METHOD_KNRAO, 0, 365.25, 1, ch);
    assert_int_equal(ch->lord[SCORPIO], GRAHA_MARS);
    assert_int_equal(ch->years[SCORPIO], 5);
    /* Antardashas follow the dasha sign's own direction: Aries (9th
     * Sagittarius, odd-footed) from Taurus zodiacally; Taurus (9th Capricorn)
     * from Aries in reverse. */
    struct dasha_period md = {0, 12 * YEAR, ARIES}, ad[12];
    dasha_chara_sub(&md, ad);
    assert_int_equal(ad[0].lord, TAURUS);
    assert_int_equal(ad[10].lord, PISCES);
    assert_int_equal(ad[11].lord, ARIES);
    assert_float_equal((ad[3].end - ad[3].start) / YEAR, 1.0, 1e-9);
    md.lord = TAURUS;
    dasha_chara_sub(&md, ad);
    assert_int_equal(ad[0].lord, ARIES);
    assert_int_equal(ad[1].lord, PISCES);
    assert_int_equal(ad[11].lord, TAURUS);
}

/* The Kalachakra groups and sequences. The groups (BPHS ch. 46, as
 * vedicastrologylessons.com "Kalachakra dasa, part 2" lists them):
 * Krittika, Punarvasu, Ashlesha, Hasta, Swati, Mula, Uttara Ashadha, Purva
 * Bhadrapada and Revati as Ashwini; Pushya, Chitra, Purva Ashadha, Uttara
 * Bhadrapada as Bharani; Magha, Vishakha, Shravana as Rohini; Ardra, Purva
 * and Uttara Phalguni, Anuradha, Jyeshtha, Dhanishta, Shatabhisha as
 * Mrigashira. Mrigashira's four padas (the same page): Pi Aq Cp Sg Sc Li Vi
 * Le Cn; Ge Ta Ar Sg Cp Aq Pi Ar Ta; Ge Le Cn Vi Li Sc Pi Aq Cp; Sg Sc Li Vi
 * Le Cn Ge Ta Ar. Paramayus 100, 85, 83, 86 (savya) and 86, 83, 85, 100
 * (apasavya) (Phaladeepika, Kalachakra dasa, sloka 14: "100, 85, 83 and 86
 * repeated thrice"). */
static void test_kalachakra_tables(void **state)
{
    (void)state;
    static const int group[27] = {
        KALACHAKRA_ASHWINI, KALACHAKRA_BHARANI,    KALACHAKRA_ASHWINI,    KALACHAKRA_ROHINI,
        KALACHAKRA_MRIGASHIRA, KALACHAKRA_MRIGASHIRA, KALACHAKRA_ASHWINI, KALACHAKRA_BHARANI,
        KALACHAKRA_ASHWINI, KALACHAKRA_ROHINI,     KALACHAKRA_MRIGASHIRA, KALACHAKRA_MRIGASHIRA,
        KALACHAKRA_ASHWINI, KALACHAKRA_BHARANI,    KALACHAKRA_ASHWINI,    KALACHAKRA_ROHINI,
        KALACHAKRA_MRIGASHIRA, KALACHAKRA_MRIGASHIRA, KALACHAKRA_ASHWINI, KALACHAKRA_BHARANI,
        KALACHAKRA_ASHWINI, KALACHAKRA_ROHINI,     KALACHAKRA_MRIGASHIRA, KALACHAKRA_MRIGASHIRA,
        KALACHAKRA_ASHWINI, KALACHAKRA_BHARANI,    KALACHAKRA_ASHWINI,
    };
    for (int n = 0; n < 27; n++)
        assert_int_equal(dasha_kalachakra_group(n), group[n]);
    static const int mrigashira[4][9] = {
        {PISCES, AQUARIUS, CAPRICORN, SAGITTARIUS, SCORPIO, LIBRA, VIRGO, LEO, CANCER},
        {GEMINI, TAURUS, ARIES, SAGITTARIUS, CAPRICORN, AQUARIUS, PISCES, ARIES, TAURUS},
        {GEMINI, LEO, CANCER, VIRGO, LIBRA, SCORPIO, PISCES, AQUARIUS, CAPRICORN},
        {SAGITTARIUS, SCORPIO, LIBRA, VIRGO, LEO, CANCER, GEMINI, TAURUS, ARIES},
    };
    for (int p = 1; p <= 4; p++)
        assert_memory_equal(dasha_kalachakra_signs(KALACHAKRA_MRIGASHIRA, p), mrigashira[p - 1],
                            sizeof mrigashira[0]);
    static const int paramayu[4][4] = {
        {100, 85, 83, 86}, {100, 85, 83, 86}, {86, 83, 85, 100}, {86, 83, 85, 100}};
    for (int g = 0; g < 4; g++)
        for (int p = 1; p <= 4; p++) {
            const int *s = dasha_kalachakra_signs(g, p);
            int sum = 0;
            for (int k = 0; k < 9; k++)
                sum += dasha_kalachakra_years(s[k]);
            assert_int_equal(sum, paramayu[g][p - 1]);
        }
    assert_null(dasha_kalachakra_signs(0, 5));
    /* Enough room: from every pada and the worst place in it, the
     * mahadashas cover 120 years within DASHA_KALACHAKRA_MAHA_MAX. */
    struct dasha_kalachakra *k = &dasha.kalachakra;
    for (int q = 0; q < 108; q++)
        for (int f = 0; f < 40; f++) {
            double moon = (q + f / 40.0) * PADA_SPAN;
            dasha_kalachakra_from_moon(moon, 0, 0, 365.25, 1, k);
            assert_true(k->maha[k->nmaha - 1].end >= 120 * YEAR - 1e-3);
            assert_true(k->nmaha <= DASHA_KALACHAKRA_MAHA_MAX);
            assert_true(k->maha[0].start <= 0 && k->maha[0].end > 0);
        }
}

/* P.V.R. Narasimha Rao, Vedic Astrology: An Integrated Approach, ch. 24
 * (Kalachakra dasa), the book's answers as PyJHora's tests quote them
 * (pvr_tests.py, kalachakra_dhasa_tests), from the book's Moons:
 * - Example 95, Moon 15 Ta 50: "Sc(4.75), Li(16), Vi, Le, Cn, Ge, Ta, Ar,
 *   Sg" with 9, 5, 21, 9, 16, 7, 10 years;
 * - Example 95, Moon 3 Cn 00: "Pi(8.6) Sc, Li, Vi, Cn, Le, Ge, Ta, Ar"
 *   (7, 16, 9, 21, 5, 9, 16, 7);
 * - Exercise 34, Moon 5 Aq 50: "Ge(2), Ta(16), Ar(7), Sg(10), Cp(4),
 *   Aq(4), Pi(10), Ar(7), Ta(16), Ge(9)";
 * - Example 97: the antardashas of the Leo dasha (Moon 15 Ta 50) are Le,
 *   Cn, Ge, Ta, Ar, Sg, Cp, Aq, Pi, each of (its years) / 86 of Leo's 5.
 * Years to 1e-9 (the book prints two decimals or whole years). */
static void test_kalachakra_book(void **state)
{
    (void)state;
    static const struct {
        double moon;
        int n;
        int sign[10];
        double years[10];
    } ex[3] = {
        {45 + 50 / 60.0, 9,
         {SCORPIO, LIBRA, VIRGO, LEO, CANCER, GEMINI, TAURUS, ARIES, SAGITTARIUS},
         {4.75, 16, 9, 5, 21, 9, 16, 7, 10}},
        {93.0, 9,
         {PISCES, SCORPIO, LIBRA, VIRGO, CANCER, LEO, GEMINI, TAURUS, ARIES},
         {8.6, 7, 16, 9, 21, 5, 9, 16, 7}},
        {300 + 5 + 50 / 60.0, 10,
         {GEMINI, TAURUS, ARIES, SAGITTARIUS, CAPRICORN, AQUARIUS, PISCES, ARIES, TAURUS, GEMINI},
         {2, 16, 7, 10, 4, 4, 10, 7, 16, 9}},
    };
    struct dasha_kalachakra *k = &dasha.kalachakra;
    for (int e = 0; e < 3; e++) {
        dasha_kalachakra_from_moon(ex[e].moon, 0, 0, 365.25, 2, k);
        assert_true(k->nmaha >= ex[e].n);
        for (int i = 0; i < ex[e].n; i++) {
            assert_int_equal(k->maha[i].lord, ex[e].sign[i]);
            double years = i == 0 ? (k->maha[0].end - 0) / YEAR
                                  : (k->maha[i].end - k->maha[i].start) / YEAR;
            assert_float_equal(years, ex[e].years[i], 1e-9);
        }
        assert_float_equal(k->balance.years, ex[e].years[0], 1e-9);
    }
    /* Example 95's groups: Rohini pada 2 (apasavya, paramayu 83); Punarvasu
     * pada 4 (savya, Ashwini group, 86); Dhanishta pada 4 (apasavya,
     * Mrigashira group, 100). */
    dasha_kalachakra_from_moon(45 + 50 / 60.0, 0, 0, 365.25, 2, k);
    assert_int_equal(k->group, KALACHAKRA_ROHINI);
    assert_int_equal(k->pada, 2);
    assert_false(k->savya);
    assert_int_equal(k->paramayu, 83);
    assert_float_equal(k->pada_elapsed, 0.75, 1e-9);
    static const int leo_ad[9] = {LEO, CANCER, GEMINI, TAURUS, ARIES, SAGITTARIUS, CAPRICORN,
                                  AQUARIUS, PISCES};
    struct dasha_period ad[9];
    assert_int_equal(k->maha[3].lord, LEO);
    dasha_kalachakra_sub(k, 3, ad);
    for (int j = 0; j < 9; j++) {
        assert_int_equal(ad[j].lord, leo_ad[j]);
        assert_float_equal((ad[j].end - ad[j].start) / YEAR,
                           5.0 * dasha_kalachakra_years(leo_ad[j]) / 86, 1e-9);
    }
    dasha_kalachakra_from_moon(93.0, 0, 0, 365.25, 1, k);
    assert_int_equal(k->group, KALACHAKRA_ASHWINI);
    assert_int_equal(k->pada, 4);
    assert_true(k->savya);
    assert_int_equal(k->paramayu, 86);
    dasha_kalachakra_from_moon(300 + 5 + 50 / 60.0, 0, 0, 365.25, 1, k);
    assert_int_equal(k->group, KALACHAKRA_MRIGASHIRA);
    assert_int_equal(k->paramayu, 100);
}

/* Deha and jeeva, and the part of the paramayu gone: saravali.de,
 * "Kalachakra Dasa - Balance at Birth Time": Moon 20 37' Leo, Purva
 * Phalguni pada 3, "Apsavya chakra, Mrigasira group, Deeha is Capricorn,
 * Jeeva is Gemini, Paramayus is 85 years"; the pada's elapsed part 0.18503
 * (by the time method; 0.185 by the Moon's longitude) gives "15.72770504
 * years" gone of 85: 0.185 * 85 = 15.725, within 0.003 y. A savya pada
 * has deha first and jeeva last: Ashwini pada 1, Aries .. Sagittarius. */
static void test_kalachakra_deha_jeeva(void **state)
{
    (void)state;
    struct dasha_kalachakra *k = &dasha.kalachakra;
    dasha_kalachakra_from_moon(120 + 20 + 37 / 60.0, 0, 0, 365.25, 1, k);
    assert_int_equal(k->balance.nakshatra, 10);
    assert_int_equal(k->pada, 3);
    assert_int_equal(k->group, KALACHAKRA_MRIGASHIRA);
    assert_false(k->savya);
    assert_int_equal(k->paramayu, 85);
    assert_int_equal(k->deha, CAPRICORN);
    assert_int_equal(k->jeeva, GEMINI);
    assert_float_equal(k->elapsed_years, 15.72770504, 0.003);
    dasha_kalachakra_from_moon(0.01, 0, 0, 365.25, 1, k);
    assert_int_equal(k->deha, ARIES);
    assert_int_equal(k->jeeva, SAGITTARIUS);
    assert_int_equal(k->maha[0].lord, ARIES);
}

/* options.dasha_systems: only the systems asked for are computed and
 * written; the JSON has each system's object and "current". */
static void test_systems_json(void **state)
{
    (void)state;
    struct chart c;
    struct jsonw w;
    struct error err;
    jw_init(&w, 1 << 22);
    static const char *const all[] = {CHENNAI_KV, "as_of=2026-01-01", "chara_levels=2",
                                      "kalachakra_levels=2", "ashtottari_levels=3", NULL};
    chart_kv(&c, all);
    dasha_json_write(&w, &dasha, &c);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    const cJSON *cur = get(doc, "current");
    assert_string_equal(get(get(cur, "pratyantar"), "lord")->valuestring, "Mars");
    cur = get(get(doc, "yogini"), "current");
    assert_string_equal(get(get(cur, "antar"), "yogini")->valuestring, "Pingala");
    assert_null(cJSON_GetObjectItem(cur, "pratyantar"));
    const cJSON *as = get(doc, "ashtottari");
    assert_string_equal(get(as, "system")->valuestring, "ashtottari");
    const cJSON *ap = get(as, "applicability");
    assert_true(cJSON_IsTrue(get(ap, "applicable")));
    assert_string_equal(get(ap, "rule")->valuestring, "rahu");
    assert_string_equal(get(ap, "reason")->valuestring,
                        "Rahu in Virgo is 7th from the lagna lord Saturn in Pisces, a kendra, and "
                        "not in the lagna: applies");
    assert_string_equal(get(get(get(as, "current"), "pratyantar"), "lord")->valuestring, "Rahu");
    const cJSON *ap0 = cJSON_GetArrayItem(get(as, "periods"), 0);
    assert_int_equal(cJSON_GetArraySize(get(ap0, "periods")), 8);
    assert_int_equal(cJSON_GetArraySize(get(cJSON_GetArrayItem(get(ap0, "periods"), 0), "periods")),
                     8);
    const cJSON *chj = get(doc, "chara");
    assert_string_equal(get(chj, "lagna")->valuestring, "Capricorn");
    assert_string_equal(get(chj, "direction")->valuestring, "reverse");
    assert_string_equal(get(chj, "method")->valuestring, "knrao");
    assert_int_equal(cJSON_GetArraySize(get(chj, "sign_years")), 12);
    const cJSON *p0 = cJSON_GetArrayItem(get(chj, "periods"), 0);
    assert_string_equal(get(p0, "sign")->valuestring, "Capricorn");
    assert_string_equal(get(p0, "start")->valuestring, "1996-12-07T05:04:00Z");
    assert_int_equal(cJSON_GetArraySize(get(p0, "periods")), 12);
    assert_string_equal(get(get(get(chj, "current"), "antar"), "sign")->valuestring, "Aquarius");
    const cJSON *kj = get(doc, "kalachakra");
    assert_string_equal(get(kj, "chakra")->valuestring, "savya");
    assert_string_equal(get(kj, "group")->valuestring, "ashwini");
    assert_string_equal(get(kj, "deha")->valuestring, "Aries");
    assert_string_equal(get(kj, "jeeva")->valuestring, "Sagittarius");
    assert_int_equal(get(kj, "paramayu")->valueint, 100);
    assert_string_equal(get(get(kj, "balance"), "sign")->valuestring, "Taurus");
    assert_string_equal(get(get(get(kj, "current"), "antar"), "sign")->valuestring, "Leo");
    assert_int_equal(cJSON_GetArraySize(get(cJSON_GetArrayItem(get(kj, "periods"), 0), "periods")),
                     9);
    cJSON_Delete(doc);

    /* Only Chara: no Vimshottari members, no other system. */
    static const char *const one[] = {CHENNAI_KV, "dasha_systems=chara", NULL};
    chart_kv(&c, one);
    assert_int_equal(dasha.systems, DASHA_SYSTEM_CHARA);
    jw_reset(&w);
    dasha_json_write(&w, &dasha, &c);
    doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    assert_non_null(cJSON_GetObjectItem(doc, "chara"));
    assert_int_equal(cJSON_GetArraySize(doc), 1);
    assert_true(cJSON_IsNull(get(get(doc, "chara"), "current"))); /* no as_of */
    cJSON_Delete(doc);
    jw_free(&w);

    /* Out of range in the struct (the parser refuses them first). */
    c.options.dasha_systems = 0;
    assert_int_equal(dasha_compute(&c, &dasha, &err), ERR_INVALID_VALUE);
    assert_string_equal(err.field, "options.dasha_systems");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chennai_vimshottari),
        cmocka_unit_test(test_book_balances),
        cmocka_unit_test(test_sub_periods),
        cmocka_unit_test(test_current),
        cmocka_unit_test(test_yogini_of_nakshatra),
        cmocka_unit_test(test_yogini_worked_examples),
        cmocka_unit_test(test_yogini_charts),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_local_times),
        cmocka_unit_test(test_year_days_and_errors),
        cmocka_unit_test(test_ashtottari_tables),
        cmocka_unit_test(test_ashtottari_jhora),
        cmocka_unit_test(test_ashtottari_book),
        cmocka_unit_test(test_ashtottari_applicability),
        cmocka_unit_test(test_ashtottari_day_night),
        cmocka_unit_test(test_current_all_systems),
        cmocka_unit_test(test_chara_knrao_book),
        cmocka_unit_test(test_chara_jhora),
        cmocka_unit_test(test_chara_years),
        cmocka_unit_test(test_kalachakra_tables),
        cmocka_unit_test(test_kalachakra_book),
        cmocka_unit_test(test_kalachakra_deha_jeeva),
        cmocka_unit_test(test_systems_json),
    };
    return cmocka_run_group_tests(tests, book_setup, book_teardown);
}
