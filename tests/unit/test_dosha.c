/* test_dosha.c - Manglik for every house and every cancellation, Kaal sarp
 * for its twelve types, a non-case and the partial cases, on charts built
 * by hand (a struct chart with only the signs and longitudes the rules
 * read); and Sade sati against Saturn's sign entries from swetest and
 * against a brute-force daily scan of the ephemeris.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/civil.h"
#include "engine/dosha.h"
#include "engine/eph.h"
#include "testutil.h"

#include <math.h>
#include <time.h>

/* A hand-built chart: every graha at 15 degrees of Aries, the lagna in
 * `lagna`, Lahiri, geocentric. Only what the dosha rules read is set:
 * grahas[].pos (via zodiac_locate), ascendant.sign and options. */
static void blank(struct chart *c, int lagna)
{
    memset(c, 0, sizeof *c);
    options_init(&c->options);
    zodiac_locate(30.0 * lagna + 15.0, &c->ascendant);
    c->ngrahas = GRAHA_CLASSICAL;
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        c->grahas[g].graha = g;
        zodiac_locate(15.0, &c->grahas[g].pos);
    }
}

static void put(struct chart *c, int g, double lon)
{
    zodiac_locate(zodiac_norm(lon), &c->grahas[g].pos);
    if (g == GRAHA_RAHU)
        zodiac_locate(zodiac_norm(lon + 180.0), &c->grahas[GRAHA_KETU].pos);
}

static void put_sign(struct chart *c, int g, int sign)
{
    put(c, g, 30.0 * ((sign + 12) % 12) + 15.0);
}

/* ---- Manglik ------------------------------------------------------------ */

static void manglik_of(int lagna, int mars, int jupiter, int moon, int venus, struct manglik *m)
{
    struct chart c;
    blank(&c, lagna);
    put_sign(&c, GRAHA_MARS, mars);
    put_sign(&c, GRAHA_JUPITER, jupiter);
    put_sign(&c, GRAHA_MOON, moon);
    put_sign(&c, GRAHA_VENUS, venus);
    dosha_manglik(&c, m);
}

/* Mars in each house from the lagna, in a sign and with a lagna that cancel
 * nothing; the Moon and Venus two signs behind Mars (Mars 3rd from them)
 * and Jupiter one sign ahead (no aspect on Mars). */
static void test_manglik_each_house(void **state)
{
    (void)state;
    for (int h = 1; h <= 12; h++) {
        struct manglik m;
        int mars = h == 2 ? TAURUS : h >= 11 ? VIRGO : GEMINI;
        manglik_of((mars - h + 1 + 12) % 12, mars, (mars + 1) % 12, (mars + 10) % 12,
                   (mars + 10) % 12, &m);
        bool want = h == 1 || h == 2 || h == 4 || h == 7 || h == 8 || h == 12;
        assert_int_equal(m.house[MANGLIK_LAGNA], h);
        assert_int_equal(m.house[MANGLIK_MOON], 3);
        assert_int_equal(m.from_lagna, want);
        assert_false(m.from_moon);
        assert_false(m.from_venus);
        assert_int_equal(m.cancellations, 0);
        if (m.present != want)
            fail_msg("Mars in house %d: present %d", h, m.present);
    }
}

static void test_manglik_from_moon_and_venus(void **state)
{
    (void)state;
    struct manglik m;
    /* Mars in Gemini: 3rd from the lagna, 7th from the Moon, 4th from Venus */
    manglik_of(ARIES, GEMINI, CANCER, SAGITTARIUS, PISCES, &m);
    assert_false(m.from_lagna);
    assert_true(m.from_moon);
    assert_true(m.from_venus);
    assert_int_equal(m.house[MANGLIK_MOON], 7);
    assert_int_equal(m.house[MANGLIK_VENUS], 4);
    assert_true(m.present);
    assert_int_equal(m.cancellations, 0);
}

/* One raw dosha from the lagna, cancelled by exactly `bits`; the Moon and
 * Venus together at `moon`. */
static void expect_cancel(int lagna, int mars, int jupiter, int moon, unsigned bits)
{
    struct manglik m;
    manglik_of(lagna, mars, jupiter, moon, moon, &m);
    assert_true(m.from_lagna);
    assert_true(m.cancelled[MANGLIK_LAGNA]);
    if (m.cancellations != bits)
        fail_msg("lagna %s Mars %s: cancellations %#x, want %#x", sign_name(lagna),
                 sign_name(mars), m.cancellations, bits);
    assert_false(m.present);
}

#define C(x) (1u << MANGLIK_CANCEL_##x)

static void test_manglik_cancellations(void **state)
{
    (void)state;
    /* Jupiter one sign ahead of Mars, the Moon and Venus two behind: no
     * other cancellation, no dosha from them. */
    expect_cancel(ARIES, ARIES, TAURUS, AQUARIUS, C(OWN_SIGN));
    expect_cancel(SCORPIO, SCORPIO, SAGITTARIUS, VIRGO, C(OWN_SIGN));
    expect_cancel(CAPRICORN, CAPRICORN, AQUARIUS, SCORPIO, C(EXALTED));
    expect_cancel(AQUARIUS, AQUARIUS, PISCES, SAGITTARIUS, C(LEO_AQUARIUS));
    expect_cancel(VIRGO, LEO, VIRGO, GEMINI, C(LEO_AQUARIUS)); /* 12th */
    expect_cancel(GEMINI, GEMINI, GEMINI, ARIES, C(JUPITER));  /* conjunct */
    expect_cancel(GEMINI, GEMINI, LIBRA, ARIES, C(JUPITER));   /* 9th aspect */
    expect_cancel(GEMINI, GEMINI, AQUARIUS, ARIES, C(JUPITER)); /* 5th aspect */
    expect_cancel(GEMINI, GEMINI, SAGITTARIUS, ARIES, C(JUPITER)); /* 7th aspect */
    expect_cancel(CANCER, CANCER, LEO, TAURUS, C(YOGAKARAKA));
    expect_cancel(LEO, VIRGO, LIBRA, CANCER, C(YOGAKARAKA) | C(SECOND_GEMINI_VIRGO));
    expect_cancel(TAURUS, GEMINI, CANCER, ARIES, C(SECOND_GEMINI_VIRGO));
    expect_cancel(CAPRICORN, ARIES, TAURUS, AQUARIUS, C(OWN_SIGN) | C(FOURTH_ARIES_SCORPIO));
    expect_cancel(CAPRICORN, CANCER, LEO, TAURUS, C(SEVENTH_CANCER_CAPRICORN));
    expect_cancel(TAURUS, SAGITTARIUS, CAPRICORN, LIBRA, C(EIGHTH_SAGITTARIUS_PISCES));
    expect_cancel(LEO, PISCES, ARIES, CAPRICORN,
                  C(EIGHTH_SAGITTARIUS_PISCES) | C(YOGAKARAKA));
    expect_cancel(GEMINI, TAURUS, GEMINI, PISCES, C(TWELFTH_TAURUS_LIBRA));
    expect_cancel(SCORPIO, LIBRA, SCORPIO, LEO, C(TWELFTH_TAURUS_LIBRA));
    expect_cancel(LIBRA, LIBRA, SCORPIO, LIBRA, C(MOON)); /* with the Moon */
    /* Mars 11th from Jupiter: no aspect, no cancellation. */
    struct manglik m;
    manglik_of(GEMINI, GEMINI, LEO, ARIES, ARIES, &m);
    assert_true(m.present);
    assert_int_equal(m.cancellations, 0);
}

/* A house-based cancellation holds only for its reference. */
static void test_manglik_cancellation_per_reference(void **state)
{
    (void)state;
    struct manglik m;
    /* Mars in Taurus: 12th from the Gemini lagna (cancelled there), 1st
     * from Venus (not cancelled), 5th from the Moon; 12th from Jupiter. */
    manglik_of(GEMINI, TAURUS, GEMINI, CAPRICORN, TAURUS, &m);
    assert_true(m.from_lagna);
    assert_true(m.cancelled[MANGLIK_LAGNA]);
    assert_false(m.from_moon);
    assert_true(m.from_venus);
    assert_false(m.cancelled[MANGLIK_VENUS]);
    assert_int_equal(m.cancellations, C(TWELFTH_TAURUS_LIBRA));
    assert_true(m.present);
    assert_string_equal(dosha_manglik_cancel_name(MANGLIK_CANCEL_TWELFTH_TAURUS_LIBRA),
                        "twelfth_taurus_libra");
}

/* ---- Kaal sarp ---------------------------------------------------------- */

/* Rahu at 10 degrees of sign `rahu_sign`, the seven grahas at the given
 * offsets (degrees) from Rahu, the lagna in Aries. */
static void kaal_sarp_chart(struct chart *c, int rahu_sign, const double off[7])
{
    blank(c, ARIES);
    double rahu = 30.0 * rahu_sign + 10.0;
    put(c, GRAHA_RAHU, rahu);
    for (int g = 0; g < GRAHA_SEVEN; g++)
        put(c, g, rahu + off[g]);
}

static void test_kaal_sarp_types(void **state)
{
    (void)state;
    static const char *const names[12] = {"Anant",   "Kulik",    "Vasuki",      "Shankhpal",
                                          "Padma",   "Mahapadma", "Takshak",    "Karkotak",
                                          "Shankhachur", "Ghatak", "Vishdhar", "Sheshnag"};
    static const double ahead[7] = {40, 60, 80, 100, 120, 140, 160};
    static const double behind[7] = {-40, -60, -80, -100, -120, -140, -160};
    for (int t = 0; t < 12; t++) {
        struct chart c;
        struct kaal_sarp k;
        kaal_sarp_chart(&c, t, t % 2 ? behind : ahead);
        dosha_kaal_sarp(&c, &k);
        assert_int_equal(k.status, KAAL_SARP_FULL);
        assert_true(k.present);
        assert_int_equal(k.rahu_house, t + 1);
        assert_int_equal(k.type, t);
        assert_string_equal(dosha_kaal_sarp_name(k.type), names[t]);
        assert_int_equal(k.savya, t % 2 == 0);
        assert_int_equal(k.outside, -1);
        assert_int_equal(k.on_axis, 0);
    }
}

static void test_kaal_sarp_none_and_partial(void **state)
{
    (void)state;
    struct chart c;
    struct kaal_sarp k;
    /* three ahead, four behind: none */
    static const double split[7] = {40, -60, 80, -100, 120, -140, -160};
    kaal_sarp_chart(&c, LEO, split);
    dosha_kaal_sarp(&c, &k);
    assert_int_equal(k.status, KAAL_SARP_NONE);
    assert_false(k.present);
    assert_int_equal(k.type, -1);
    /* one graha (Venus) outside: partial */
    static const double one_out[7] = {40, 60, 80, 100, 120, -140, 160};
    kaal_sarp_chart(&c, LEO, one_out);
    dosha_kaal_sarp(&c, &k);
    assert_int_equal(k.status, KAAL_SARP_PARTIAL);
    assert_int_equal(k.outside, GRAHA_VENUS);
    assert_true(k.savya);
    assert_int_equal(k.type, 4); /* Rahu in the 5th: Padma */
    /* Mars 5 degrees behind Rahu, in Rahu's sign: hemmed only by counting
     * it on the axis: partial */
    static const double on_axis[7] = {40, 60, -5, 100, 120, 140, 160};
    kaal_sarp_chart(&c, LEO, on_axis);
    dosha_kaal_sarp(&c, &k);
    assert_int_equal(k.status, KAAL_SARP_PARTIAL);
    assert_int_equal(k.on_axis, 1u << GRAHA_MARS);
    assert_int_equal(k.outside, -1);
    /* Saturn with Ketu (Rahu + 175) but inside by degree: partial too */
    static const double with_ketu[7] = {40, 60, 80, 100, 120, 140, 175};
    kaal_sarp_chart(&c, LEO, with_ketu);
    dosha_kaal_sarp(&c, &k);
    assert_int_equal(k.status, KAAL_SARP_PARTIAL);
    assert_int_equal(k.on_axis, 1u << GRAHA_SATURN);
    /* two outside: none */
    static const double two_out[7] = {40, 60, 80, 100, 120, -140, -160};
    kaal_sarp_chart(&c, LEO, two_out);
    dosha_kaal_sarp(&c, &k);
    assert_int_equal(k.status, KAAL_SARP_NONE);
}

/* ---- Sade sati ---------------------------------------------------------- */

static double iso_jd(const char *date, int h, int m)
{
    struct civil c = {0};
    assert_int_equal(civil_parse_date(date, &c), 0);
    c.hour = h;
    c.minute = m;
    return civil_jd_from_seconds((double)civil_to_seconds(&c));
}

static void moon_chart(struct chart *c, int moon_sign)
{
    blank(c, ARIES);
    put_sign(c, GRAHA_MOON, moon_sign);
}

#define HOUR (1.0 / 24.0)

/* Moon in Capricorn, Lahiri. Saturn (swetest -p6 -sid1, daily positions,
 * interpolated): first enters sidereal Sagittarius 2017-01-26 ~14:02 UT,
 * is back in Scorpio 2017-06-21 .. 2017-10-26, leaves Aquarius for the last
 * time 2025-03-29 ~16:15 UT. Next: Sagittarius 2046-12-07 ~18:45 UT; leaves
 * Aquarius 2054-05-15, returns 2054-09-02 and leaves for good 2055-02-05
 * ~12:30 UT. */
static void test_sade_sati_capricorn(void **state)
{
    (void)state;
    struct chart c;
    struct sade_sati s;
    struct error err;
    moon_chart(&c, CAPRICORN);

    double as_of = civil_seconds_from_jd(iso_jd("2020-06-01", 0, 0));
    assert_int_equal(dosha_sade_sati(&c, as_of, &s, &err), 0);
    assert_true(s.active);
    assert_int_equal(s.phase, SADE_SATI_PEAK);
    assert_int_equal(s.saturn_sign, CAPRICORN);
    assert_true(fabs(s.current.start - iso_jd("2017-01-26", 14, 2)) < HOUR);
    assert_true(fabs(s.current.end - iso_jd("2025-03-29", 16, 15)) < HOUR);
    assert_true(fabs(s.next.start - iso_jd("2046-12-07", 18, 45)) < HOUR);
    assert_true(fabs(s.next.end - iso_jd("2055-02-05", 12, 30)) < 2 * HOUR);

    /* in the retrograde dip back into Scorpio: inside the cycle */
    as_of = civil_seconds_from_jd(iso_jd("2017-08-01", 0, 0));
    assert_int_equal(dosha_sade_sati(&c, as_of, &s, &err), 0);
    assert_int_equal(s.phase, SADE_SATI_NONE);
    assert_int_equal(s.saturn_sign, SCORPIO);
    assert_true(s.active);
    assert_true(fabs(s.current.start - iso_jd("2017-01-26", 14, 2)) < HOUR);

    /* before the first entry (2016) and after the end (2026) */
    as_of = civil_seconds_from_jd(iso_jd("2016-06-01", 0, 0));
    assert_int_equal(dosha_sade_sati(&c, as_of, &s, &err), 0);
    assert_false(s.active);
    assert_true(fabs(s.next.start - iso_jd("2017-01-26", 14, 2)) < HOUR);
    as_of = civil_seconds_from_jd(iso_jd("2026-01-01", 0, 0));
    assert_int_equal(dosha_sade_sati(&c, as_of, &s, &err), 0);
    assert_false(s.active);
    assert_int_equal(s.phase, SADE_SATI_NONE);
    assert_int_equal(s.saturn_sign, PISCES);
    assert_true(fabs(s.next.start - iso_jd("2046-12-07", 18, 45)) < HOUR);

    /* 2025-01-01, Saturn in Aquarius: the peak for a Moon in Aquarius,
     * setting for Capricorn, rising for Pisces. */
    moon_chart(&c, AQUARIUS);
    as_of = civil_seconds_from_jd(iso_jd("2025-01-01", 0, 0));
    assert_int_equal(dosha_sade_sati(&c, as_of, &s, &err), 0);
    assert_int_equal(s.phase, SADE_SATI_PEAK);
    moon_chart(&c, CAPRICORN);
    assert_int_equal(dosha_sade_sati(&c, as_of, &s, &err), 0);
    assert_int_equal(s.phase, SADE_SATI_SETTING);
    moon_chart(&c, PISCES);
    assert_int_equal(dosha_sade_sati(&c, as_of, &s, &err), 0);
    assert_int_equal(s.phase, SADE_SATI_RISING);

    assert_int_equal(dosha_sade_sati(&c, NAN, &s, &err), ERR_INVALID_VALUE);
}

/* Brute force: Saturn's sign every day over 52 years, each change bisected;
 * stays in the three signs merged when less than 1000 days apart. */
static int window(double t, int moon)
{
    struct eph_pos p;
    struct error err;
    int source = 0;
    assert_int_equal(eph_graha(t, GRAHA_SATURN, &p, &source, &err), 0);
    int r = (zodiac_part(p.longitude, 30.0) - moon + 12) % 12;
    return r == 11 || r == 0 || r == 1;
}

static void brute(double t_as, int moon, struct sade_sati_cycle *cur, struct sade_sati_cycle *next)
{
    double spans[32][2], cycles[16][2];
    int ns = 0, nc = 0, w;
    double start = NAN;
    const struct eph_frame frame = {.ayanamsa = 1};
    eph_begin(&frame);
    double t = t_as - 12 * 365.25;
    w = window(t, moon);
    for (; t < t_as + 40 * 365.25; t += 1.0) {
        int w2 = window(t + 1.0, moon);
        if (w2 == w)
            continue;
        double a = t, b = t + 1.0;
        while (b - a > 1e-4) {
            double m = 0.5 * (a + b);
            if (window(m, moon) == w)
                a = m;
            else
                b = m;
        }
        if (w2)
            start = 0.5 * (a + b);
        else if (!isnan(start) && ns < 32) {
            spans[ns][0] = start;
            spans[ns++][1] = 0.5 * (a + b);
        }
        w = w2;
    }
    for (int i = 0; i < ns; i++) {
        if (nc && spans[i][0] - cycles[nc - 1][1] < 1000) {
            cycles[nc - 1][1] = spans[i][1];
        } else {
            cycles[nc][0] = spans[i][0];
            cycles[nc++][1] = spans[i][1];
        }
    }
    *cur = (struct sade_sati_cycle){NAN, NAN};
    *next = (struct sade_sati_cycle){NAN, NAN};
    for (int i = 0; i < nc; i++) {
        if (cycles[i][0] <= t_as && t_as <= cycles[i][1])
            *cur = (struct sade_sati_cycle){cycles[i][0], cycles[i][1]};
        if (cycles[i][0] > t_as && isnan(next->start))
            *next = (struct sade_sati_cycle){cycles[i][0], cycles[i][1]};
    }
}

static void test_sade_sati_brute_force(void **state)
{
    (void)state;
    unsigned seed = 77;
    for (int n = 0; n < 6; n++) {
        struct chart c;
        struct sade_sati s;
        struct sade_sati_cycle cur, next;
        struct error err;
        seed = seed * 1103515245u + 12345u;
        int moon = (int)(seed >> 8) % 12;
        seed = seed * 1103515245u + 12345u;
        double t_as = 2378497.0 + (seed >> 8) % 200000; /* 1800 .. 2347 */
        moon_chart(&c, moon);
        assert_int_equal(dosha_sade_sati(&c, civil_seconds_from_jd(t_as), &s, &err), 0);
        brute(t_as, moon, &cur, &next);
        assert_int_equal(s.active, !isnan(cur.start));
        if (s.active) {
            assert_true(fabs(s.current.start - cur.start) < 0.01);
            assert_true(fabs(s.current.end - cur.end) < 0.01);
        }
        if (fabs(s.next.start - next.start) > 0.01 || fabs(s.next.end - next.end) > 0.01)
            fail_msg("JD %.2f Moon %s: next %.4f..%.4f, brute force %.4f..%.4f", t_as,
                     sign_name(moon), s.next.start, s.next.end, next.start, next.end);
    }
}

/* Reports the cost (the budget is < 200 us typical, as_of near now). */
static void test_sade_sati_cost(void **state)
{
    (void)state;
    struct chart c;
    struct sade_sati s;
    struct error err;
    struct timespec a, b;
    int calls = 0, n = 240;
    double now = civil_seconds_from_jd(iso_jd("2026-01-01", 0, 0));
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) {
        moon_chart(&c, i % 12);
        assert_int_equal(dosha_sade_sati(&c, now + 86400.0 * 37 * i, &s, &err), 0);
        calls += s.ephemeris_calls;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double us = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 1e3 / n;
    printf("sade sati: %.1f us, %.2f Saturn positions per call\n", us, (double)calls / n);
    assert_true(calls <= 14 * n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manglik_each_house),
        cmocka_unit_test(test_manglik_from_moon_and_venus),
        cmocka_unit_test(test_manglik_cancellations),
        cmocka_unit_test(test_manglik_cancellation_per_reference),
        cmocka_unit_test(test_kaal_sarp_types),
        cmocka_unit_test(test_kaal_sarp_none_and_partial),
        cmocka_unit_test(test_sade_sati_capricorn),
        cmocka_unit_test(test_sade_sati_brute_force),
        cmocka_unit_test(test_sade_sati_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
