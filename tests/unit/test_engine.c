/* test_engine.c - unit tests of the engine's building blocks against
 * hand-checked values: nakshatra/pada edges, dignity, combustion, chara
 * karakas, calendar parsing, input validation and house fallbacks.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/chart.h"
#include "engine/combustion.h"
#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/karaka.h"
#include "testutil.h"

#include <math.h>

static void expect_nakshatra(double lon, int nak, int pada, int sign)
{
    struct zodiac_pos p;
    zodiac_locate(lon, &p);
    if (p.nakshatra != nak || p.pada != pada || p.sign != sign)
        fail_msg("%.10f: got nakshatra %d pada %d sign %d, want %d %d %d", lon, p.nakshatra,
                 p.pada, p.sign, nak, pada, sign);
}

static void test_nakshatra_edges(void **state)
{
    (void)state;
    expect_nakshatra(0.0, 0, 1, ARIES);                          /* Ashwini 1 */
    expect_nakshatra(10.0 / 3.0, 0, 2, ARIES);                   /* 3 20' starts pada 2 */
    expect_nakshatra(10.0 / 3.0 - 0.1 / 3600, 0, 1, ARIES);      /* 0.1" before it */
    expect_nakshatra(13.0 + 20.0 / 60.0, 1, 1, ARIES);           /* 13 20' = Bharani 1 */
    expect_nakshatra(13.0 + 20.0 / 60.0 - 0.1 / 3600, 0, 4, ARIES); /* Ashwini 4 */
    expect_nakshatra(30.0, 2, 2, TAURUS);                        /* Krittika 2 */
    expect_nakshatra(29.0 + 59.0 / 60 + 59.9 / 3600, 2, 1, ARIES);
    expect_nakshatra(120.0, 9, 1, LEO);                          /* Magha 1 */
    expect_nakshatra(359.9999, 26, 4, PISCES);                   /* Revati 4 */
    expect_nakshatra(360.0, 0, 1, ARIES);                        /* wraps */
    expect_nakshatra(-0.5, 26, 4, PISCES);
    assert_int_equal(nakshatra_lord(0), GRAHA_KETU);
    assert_int_equal(nakshatra_lord(14), GRAHA_RAHU);  /* Swati */
    assert_int_equal(nakshatra_lord(26), GRAHA_MERCURY); /* Revati */
    assert_int_equal(nakshatra_find("purva phalguni"), 10);
    assert_int_equal(nakshatra_find("27"), 26);
    assert_int_equal(nakshatra_find("28"), -1);
}

static void test_dms(void **state)
{
    (void)state;
    int d, m;
    double s;
    zodiac_dms(22.44575884, &d, &m, &s); /* chennai lagna: 22 26' 44.73" */
    assert_int_equal(d, 22);
    assert_int_equal(m, 26);
    assert_true(fabs(s - 44.73) < 1e-9);
    zodiac_dms(29.999999999, &d, &m, &s); /* rounds up to 30 0' 0" */
    assert_int_equal(d, 30);
    assert_int_equal(m, 0);
}

static void test_dignity(void **state)
{
    (void)state;
    enum relation rel;
    /* BPHS ch. 3: exaltation, moolatrikona and own ranges */
    assert_int_equal(dignity_of(GRAHA_SUN, ARIES, 10, ARIES, &rel), DIGNITY_EXALTED);
    assert_int_equal(dignity_of(GRAHA_SUN, LIBRA, 10, ARIES, &rel), DIGNITY_DEBILITATED);
    assert_int_equal(dignity_of(GRAHA_SUN, LEO, 19.99, ARIES, &rel), DIGNITY_MOOLATRIKONA);
    assert_int_equal(dignity_of(GRAHA_SUN, LEO, 20.0, ARIES, &rel), DIGNITY_OWN);
    assert_int_equal(dignity_of(GRAHA_MOON, TAURUS, 2.9, ARIES, &rel), DIGNITY_EXALTED);
    assert_int_equal(dignity_of(GRAHA_MOON, TAURUS, 3.0, ARIES, &rel), DIGNITY_MOOLATRIKONA);
    assert_int_equal(dignity_of(GRAHA_MOON, SCORPIO, 3.0, ARIES, &rel), DIGNITY_DEBILITATED);
    assert_int_equal(dignity_of(GRAHA_MERCURY, VIRGO, 14.9, ARIES, &rel), DIGNITY_EXALTED);
    assert_int_equal(dignity_of(GRAHA_MERCURY, VIRGO, 15.0, ARIES, &rel), DIGNITY_MOOLATRIKONA);
    assert_int_equal(dignity_of(GRAHA_MERCURY, VIRGO, 20.0, ARIES, &rel), DIGNITY_OWN);
    assert_int_equal(dignity_of(GRAHA_MERCURY, PISCES, 20.0, ARIES, &rel), DIGNITY_DEBILITATED);
    assert_int_equal(dignity_of(GRAHA_MARS, CAPRICORN, 28, ARIES, &rel), DIGNITY_EXALTED);
    assert_int_equal(dignity_of(GRAHA_MARS, ARIES, 11, ARIES, &rel), DIGNITY_MOOLATRIKONA);
    assert_int_equal(dignity_of(GRAHA_MARS, ARIES, 12, ARIES, &rel), DIGNITY_OWN);
    assert_int_equal(dignity_of(GRAHA_JUPITER, CANCER, 5, ARIES, &rel), DIGNITY_EXALTED);
    assert_int_equal(dignity_of(GRAHA_VENUS, VIRGO, 27, ARIES, &rel), DIGNITY_DEBILITATED);
    assert_int_equal(dignity_of(GRAHA_SATURN, AQUARIUS, 5, ARIES, &rel), DIGNITY_MOOLATRIKONA);
    assert_int_equal(dignity_of(GRAHA_SATURN, CAPRICORN, 5, ARIES, &rel), DIGNITY_OWN);
    assert_int_equal(dignity_of(GRAHA_RAHU, TAURUS, 5, ARIES, &rel), DIGNITY_EXALTED);
    assert_int_equal(dignity_of(GRAHA_KETU, TAURUS, 5, ARIES, &rel), DIGNITY_DEBILITATED);
    assert_int_equal(dignity_of(GRAHA_URANUS, TAURUS, 5, ARIES, &rel), DIGNITY_NONE);

    /* Compound relationship, BPHS ch. 3 v. 55-57. Mars in Gemini, its lord
     * Mercury in Cancer (2nd from Gemini: temporary friend); naturally
     * Mars regards Mercury as an enemy: enemy + friend = neutral. */
    assert_int_equal(dignity_of(GRAHA_MARS, GEMINI, 10, CANCER, &rel), DIGNITY_NEUTRAL);
    assert_int_equal(rel, RELATION_NEUTRAL);
    /* Mercury in Gemini with... own sign; Mercury in Sagittarius with
     * Jupiter also in Sagittarius (1st: temporary enemy); Mercury regards
     * Jupiter as neutral: neutral + enemy = enemy (the chennai chart). */
    assert_int_equal(dignity_of(GRAHA_MERCURY, SAGITTARIUS, 9, SAGITTARIUS, &rel), DIGNITY_ENEMY);
    assert_int_equal(rel, RELATION_ENEMY);
    /* Sun in Sagittarius, Jupiter in Aries (5th: temporary enemy); natural
     * friend: friend + enemy = neutral. Jupiter in Pisces (4th): great friend. */
    assert_int_equal(dignity_of(GRAHA_SUN, SAGITTARIUS, 9, ARIES, &rel), DIGNITY_NEUTRAL);
    assert_int_equal(dignity_of(GRAHA_SUN, SAGITTARIUS, 9, PISCES, &rel), DIGNITY_FRIEND);
    assert_int_equal(rel, RELATION_GREAT_FRIEND);
    /* Saturn in Leo, Sun in Leo: natural enemy + temporary enemy. */
    assert_int_equal(dignity_of(GRAHA_SATURN, LEO, 9, LEO, &rel), DIGNITY_ENEMY);
    assert_int_equal(rel, RELATION_GREAT_ENEMY);
    /* Rahu borrows Saturn's friendships: in Virgo, Mercury in Libra (2nd). */
    assert_int_equal(dignity_of(GRAHA_RAHU, VIRGO, 10, LIBRA, &rel), DIGNITY_FRIEND);
    assert_int_equal(rel, RELATION_GREAT_FRIEND);
    assert_int_equal(dignity_temporary(ARIES, TAURUS), 1);
    assert_int_equal(dignity_temporary(ARIES, LEO), -1);
    assert_int_equal(dignity_temporary(ARIES, PISCES), 1);
    assert_int_equal(dignity_temporary(ARIES, CAPRICORN), 1);
    assert_int_equal(dignity_temporary(ARIES, LIBRA), -1);
}

static void test_combustion(void **state)
{
    (void)state;
    assert_true(combustion_is_combust(GRAHA_MERCURY, 113, 100, false));  /* 13 < 14 */
    assert_false(combustion_is_combust(GRAHA_MERCURY, 113, 100, true));  /* 13 >= 12 */
    assert_true(combustion_is_combust(GRAHA_VENUS, 351, 0, false));      /* 9 across 0 */
    assert_false(combustion_is_combust(GRAHA_VENUS, 351, 1, false));     /* 10 is not < 10 */
    assert_false(combustion_is_combust(GRAHA_VENUS, 9, 0, true));        /* 9 >= 8 */
    assert_true(combustion_is_combust(GRAHA_SATURN, 14.9, 0, false));
    assert_false(combustion_is_combust(GRAHA_SATURN, 15.0, 0, false));
    assert_true(combustion_is_combust(GRAHA_MARS, 200, 216.9, false));
    assert_true(combustion_is_combust(GRAHA_JUPITER, 10.9, 0, false));
    assert_true(combustion_is_combust(GRAHA_MOON, 11.9, 0, false));
    assert_false(combustion_is_combust(GRAHA_RAHU, 0.1, 0, false));
    assert_false(combustion_is_combust(GRAHA_SUN, 0, 0, false));
    assert_true(fabs(combustion_distance(359, 1) - 2) < 1e-12);
}

static void test_karakas(void **state)
{
    (void)state;
    /* The chennai_1996 chart's degrees in sign (Sun .. Saturn): Jupiter
     * 25.82 is atmakaraka, Mars 25.54 amatya, Venus 23.71 bhratri, Sun
     * 21.56 matri, Mercury 9.93 putra, Moon 6.96 gnati, Saturn 6.81 dara. */
    const double deg[7] = {21.56, 6.96, 25.54, 9.93, 25.82, 23.71, 6.81};
    int k[7];
    karaka_assign(deg, k);
    assert_int_equal(k[GRAHA_JUPITER], KARAKA_ATMA);
    assert_int_equal(k[GRAHA_MARS], KARAKA_AMATYA);
    assert_int_equal(k[GRAHA_VENUS], KARAKA_BHRATRI);
    assert_int_equal(k[GRAHA_SUN], KARAKA_MATRI);
    assert_int_equal(k[GRAHA_MERCURY], KARAKA_PUTRA);
    assert_int_equal(k[GRAHA_MOON], KARAKA_GNATI);
    assert_int_equal(k[GRAHA_SATURN], KARAKA_DARA);
    /* A tie goes to the graha earlier in weekday order. */
    const double tie[7] = {10, 10, 1, 2, 3, 4, 5};
    karaka_assign(tie, k);
    assert_int_equal(k[GRAHA_SUN], KARAKA_ATMA);
    assert_int_equal(k[GRAHA_MOON], KARAKA_AMATYA);
    assert_string_equal(karaka_name(KARAKA_DARA), "darakaraka");
}

static void test_civil(void **state)
{
    (void)state;
    struct civil c = {0};
    assert_int_equal(civil_parse_date("2023-02-29", &c), ERR_INVALID_DATE);
    assert_int_equal(civil_parse_date("2024-02-29", &c), 0);
    assert_int_equal(civil_parse_date("1900-02-29", &c), ERR_INVALID_DATE);
    assert_int_equal(civil_parse_date("2000-02-29", &c), 0);
    assert_int_equal(civil_parse_date("2024-13-01", &c), ERR_INVALID_DATE);
    assert_int_equal(civil_parse_date("2024-04-31", &c), ERR_INVALID_DATE);
    assert_int_equal(civil_parse_date("0000-01-01", &c), ERR_DATE_OUT_OF_RANGE);
    assert_int_equal(civil_parse_date("5400-01-01", &c), ERR_DATE_OUT_OF_RANGE);
    assert_int_equal(civil_parse_date("5399-12-31", &c), 0);
    assert_int_equal(civil_parse_date("0001-01-01", &c), 0);
    assert_int_equal(civil_parse_date("2024-1-01", &c), ERR_INVALID_DATE);
    assert_int_equal(civil_parse_date("2024-01-01x", &c), ERR_INVALID_DATE);
    assert_int_equal(civil_parse_date("", &c), ERR_INVALID_DATE);
    assert_int_equal(civil_parse_time("24:00", &c), ERR_INVALID_TIME);
    assert_int_equal(civil_parse_time("23:59:59", &c), 0);
    assert_int_equal(civil_parse_time("12:60", &c), ERR_INVALID_TIME);
    assert_int_equal(civil_parse_time("12:00:60", &c), ERR_INVALID_TIME);
    assert_int_equal(civil_parse_time("7:00", &c), ERR_INVALID_TIME);
    assert_int_equal(civil_parse_time("10:34", &c), 0);
    assert_int_equal(c.hour * 60 + c.minute, 634);
    /* 1996-12-07 was a Saturday; day 0 is 1970-01-01; JD of J2000.0 */
    assert_int_equal(civil_weekday(1996, 12, 7), 6);
    assert_int_equal(civil_days_from_date(1970, 1, 1), 0);
    assert_int_equal(civil_days_from_date(1, 1, 1), -719162);
    struct civil j2000 = {2000, 1, 1, 12, 0, 0};
    assert_true(fabs(civil_jd_from_seconds((double)civil_to_seconds(&j2000)) - 2451545.0) < 1e-9);
    for (int64_t d = -719162; d < 1250000; d += 997) {
        int y, m, dd;
        civil_date_from_days(d, &y, &m, &dd);
        assert_int_equal(civil_days_from_date(y, m, dd), d);
    }
    char buf[32];
    int off = 19800;
    civil_format_iso(849935040.0, &off, buf);
    assert_string_equal(buf, "1996-12-07T10:34:00+05:30");
    civil_format_iso(849935040.0, NULL, buf);
    assert_string_equal(buf, "1996-12-07T05:04:00Z");
}

static void expect_param_error(const char *key, const char *value, int code, const char *field)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    birth_init(&b);
    options_init(&o);
    err_clear(&err);
    int rc = birth_param_set(&b, &o, key, value, &err);
    if (rc != code || strcmp(err.field, field) != 0)
        fail_msg("%s=%s: got %s (%s) want %s (%s)", key, value, err_name(rc), err.field,
                 err_name(code), field);
    assert_true(err.message[0] != '\0');
}

static void test_validation(void **state)
{
    (void)state;
    expect_param_error("date", "2023-02-29", ERR_INVALID_DATE, "birth.date");
    expect_param_error("date", "6000-01-01", ERR_DATE_OUT_OF_RANGE, "birth.date");
    expect_param_error("time", "25:00", ERR_INVALID_TIME, "birth.time");
    expect_param_error("lat", "90.0001", ERR_INVALID_LATITUDE, "birth.latitude");
    expect_param_error("lat", "nan", ERR_INVALID_NUMBER, "birth.latitude");
    expect_param_error("lat", "12abc", ERR_INVALID_NUMBER, "birth.latitude");
    expect_param_error("lat", "", ERR_MISSING_FIELD, "birth.latitude");
    expect_param_error("lon", "-180.5", ERR_INVALID_LONGITUDE, "birth.longitude");
    expect_param_error("lon", "inf", ERR_INVALID_NUMBER, "birth.longitude");
    expect_param_error("fold", "2", ERR_INVALID_FOLD, "birth.fold");
    expect_param_error("ayanamsa", "Lahiri", ERR_UNKNOWN_AYANAMSA, "options.ayanamsa");
    expect_param_error("node", "osculating", ERR_UNKNOWN_NODE, "options.node");
    expect_param_error("houses", "topocentric", ERR_UNKNOWN_HOUSE_SYSTEM, "options.house_system");
    expect_param_error("sections", "planets,moon", ERR_UNKNOWN_SECTION, "options.sections");
    expect_param_error("sections", "", ERR_UNKNOWN_SECTION, "options.sections");
    expect_param_error("dasha_levels", "4", ERR_INVALID_VALUE, "options.dasha_levels");
    expect_param_error("topocentric", "yes", ERR_INVALID_VALUE, "options.topocentric");
    expect_param_error("colour", "red", ERR_UNKNOWN_FIELD, "colour");

    struct birth b;
    struct chart_options o;
    struct error err;
    tu_birth(&b, &o, "date=2000-01-01", "time=12:00", "tz=UTC", "lat=10", NULL);
    assert_int_equal(birth_check_complete(&b, &err), ERR_MISSING_FIELD);
    assert_string_equal(err.field, "birth.longitude");
    tu_birth(&b, &o, "sections=houses,planets", "ayanamsa=true_citra", NULL);
    assert_int_equal(o.sections, SECTION_PLANETS | SECTION_HOUSES);
    assert_int_equal(o.ayanamsa, 27);
    /* every libswe ayanamsa has a stable name that round-trips */
    for (int i = 0; i < EPH_AYANAMSA_COUNT; i++)
        assert_int_equal(eph_ayanamsa_find(eph_ayanamsa_name(i)), i);
    assert_int_equal(eph_ayanamsa_find("lahiri"), 1);
    assert_int_equal(eph_ayanamsa_find("fagan_bradley"), 0);
    assert_int_equal(eph_ayanamsa_find("krishnamurti"), 5);
}

static void compute(struct chart *c, const char *lat, const char *houses)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    char la[32], hs[48];
    snprintf(la, sizeof la, "lat=%s", lat);
    snprintf(hs, sizeof hs, "houses=%s", houses);
    tu_birth(&b, &o, "date=2000-06-21", "time=12:00", "tz=UTC", la, "lon=20", hs, NULL);
    assert_int_equal(chart_compute(tu_ctx(), &b, &o, c, NULL, &err), 0);
}

static void test_houses(void **state)
{
    (void)state;
    struct chart c;
    /* Placidus is undefined above the polar circle: Porphyry, flagged. */
    compute(&c, "75", "placidus");
    assert_true(c.house_fallback);
    assert_int_equal(c.house_system_used, HOUSES_PORPHYRY);
    compute(&c, "45", "placidus");
    assert_false(c.house_fallback);
    assert_int_equal(c.house_system_used, HOUSES_PLACIDUS);
    /* Whole sign works everywhere, even at the pole. */
    compute(&c, "90", "whole_sign");
    assert_false(c.house_fallback);
    for (int h = 0; h < 12; h++) {
        assert_int_equal(c.houses[h].sign, (c.ascendant.sign + h) % 12);
        assert_true(fabs(c.houses[h].cusp - 30.0 * c.houses[h].sign) < 1e-9);
    }
    /* Equal houses: every cusp 30 deg after the previous, from the lagna. */
    compute(&c, "45", "equal");
    for (int h = 0; h < 12; h++)
        assert_true(fabs(tu_angle_diff(c.houses[h].cusp, c.ascendant.longitude + 30.0 * h)) <
                    1e-7);
    /* Each graha sits in exactly one bhava, and whole-sign house = sign count. */
    compute(&c, "-33.9", "koch");
    unsigned all = 0;
    for (int h = 0; h < 12; h++) {
        assert_int_equal(all & c.houses[h].occupants, 0);
        all |= c.houses[h].occupants;
    }
    assert_int_equal(all, (1u << GRAHA_CLASSICAL) - 1);
    for (int g = 0; g < c.ngrahas; g++)
        assert_int_equal(c.grahas[g].house,
                         (c.grahas[g].pos.sign - c.ascendant.sign + 12) % 12 + 1);
    /* Ketu is exactly opposite Rahu */
    assert_true(fabs(tu_angle_diff(c.grahas[GRAHA_KETU].pos.longitude,
                                   c.grahas[GRAHA_RAHU].pos.longitude + 180)) < 1e-9);
    assert_true(c.grahas[GRAHA_RAHU].retrograde); /* the mean node always is */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nakshatra_edges), cmocka_unit_test(test_dms),
        cmocka_unit_test(test_dignity),         cmocka_unit_test(test_combustion),
        cmocka_unit_test(test_karakas),         cmocka_unit_test(test_civil),
        cmocka_unit_test(test_validation),      cmocka_unit_test(test_houses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
