/* test_dasha.c - Vimshottari and Yogini dashas against the published cases
 * in testdata/book_cases.json (Chennai 1996 mahadasha dates, the book's two
 * balances at birth), instants checked to the minute against a hand
 * computation from swetest's Moon, sub-period proportions, hand-checked
 * Yogini starts and balances, local times and the JSON shape.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/chart.h"
#include "engine/dasha.h"
#include "output/dasha_json.h"
#include "book_cases.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <math.h>

#define DAY 86400.0
#define YEAR (365.25 * DAY)
#define NAK (40.0 / 3.0)

static struct dasha dasha; /* ~30 KB: keep it off the stack */


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
    };
    return cmocka_run_group_tests(tests, book_setup, book_teardown);
}
