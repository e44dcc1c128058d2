/* test_birth.c - the one parser of birth fields and chart options
 * (engine/birth.c): every field and option with its accepted values and
 * boundaries, every error with its exact code and field, the aliases of
 * birth_param_set, the required-field check and the as_of default. A value
 * that is refused leaves the birth and options as they were.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/birth.h"
#include "engine/context.h"
#include "engine/tz.h"
#include "testutil.h"

#include <math.h>
#include <string.h>

/* key=value through birth_param_set on fresh inputs must succeed. */
static void good(struct birth *b, struct chart_options *o, const char *key, const char *value)
{
    struct error err;
    birth_init(b);
    options_init(o);
    err_clear(&err);
    int rc = birth_param_set(b, o, key, value, &err);
    if (rc)
        fail_msg("%s=%s refused: %s %s (%s)", key, value, err_name(rc), err.field, err.message);
    /* err itself is not cleared on success: an option leaves the birth
     * field lookup's unknown_field in it; only the result counts */
}

/* key=value through birth_param_set must fail with exactly this code and
 * field, a message, and no change to the birth or options. */
static void bad_at(int line, const char *key, const char *value, int code, const char *field)
{
    struct birth b, b0;
    struct chart_options o, o0;
    struct error err;
    birth_init(&b);
    options_init(&o);
    memcpy(&b0, &b, sizeof b); /* with the padding, for memcmp */
    memcpy(&o0, &o, sizeof o);
    err_clear(&err);
    int rc = birth_param_set(&b, &o, key, value, &err);
    if (rc != code || err.code != code || strcmp(err.field, field) != 0)
        fail_msg("line %d: %s='%s': want %s %s, got %s (%s) %s", line, key, value, err_name(code),
                 field, err_name(rc), err_name(err.code), err.field);
    assert_true(err.message[0] != '\0');
    if (memcmp(&b, &b0, sizeof b) != 0 || memcmp(&o, &o0, sizeof o) != 0)
        fail_msg("line %d: %s='%s' was refused but changed the input", line, key, value);
}
#define bad(key, value, code, field) bad_at(__LINE__, key, value, code, field)

static void test_defaults(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    birth_init(&b);
    options_init(&o);
    assert_int_equal(b.have, 0);
    assert_int_equal(b.fold, -1);
    assert_true(b.latitude == 0 && b.longitude == 0 && b.altitude == 0);
    assert_string_equal(b.timezone, "");
    assert_int_equal(o.ayanamsa, 1); /* lahiri */
    assert_int_equal(o.node, NODE_MEAN);
    assert_int_equal(o.house_system, HOUSES_WHOLE_SIGN);
    assert_false(o.topocentric);
    assert_false(o.true_positions);
    assert_false(o.outer_planets);
    assert_false(o.explain);
    assert_false(o.parivritti_hora);
    assert_true(o.dasha_year_days == 365.25);
    assert_int_equal(o.dasha_levels, 2);
    assert_int_equal(o.yogini_levels, 1);
    assert_int_equal(o.dasha_systems, DASHA_SYSTEMS_ALL);
    assert_int_equal(o.ashtottari_levels, 1);
    assert_int_equal(o.chara_levels, 1);
    assert_int_equal(o.kalachakra_levels, 1);
    assert_int_equal(o.ashtottari_rule, ASHTOTTARI_RULE_RAHU);
    assert_int_equal(o.chara_method, CHARA_METHOD_KNRAO);
    assert_int_equal(o.sections, SECTIONS_DEFAULT);
    assert_int_equal(SECTIONS_DEFAULT, 0xFF | SECTION_SUMMARY | SECTION_ASPECTS);
    assert_int_equal(o.node_aspects, NODE_ASPECTS_NONE);
    assert_true(isnan(o.as_of));
}

static void test_date(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "date", "1996-12-07");
    assert_int_equal(b.local.year, 1996);
    assert_int_equal(b.local.month, 12);
    assert_int_equal(b.local.day, 7);
    assert_int_equal(b.have, BIRTH_HAVE_DATE);
    good(&b, &o, "date", "0001-01-01");
    assert_int_equal(b.local.year, 1);
    good(&b, &o, "date", "5399-12-31");
    assert_int_equal(b.local.year, 5399);
    assert_int_equal(b.local.day, 31);
    good(&b, &o, "date", "2024-02-29");
    good(&b, &o, "date", "2000-02-29");

    /* outside the years 0001 .. 5399 */
    bad("date", "0000-12-31", ERR_DATE_OUT_OF_RANGE, "birth.date");
    bad("date", "0000-02-29", ERR_DATE_OUT_OF_RANGE, "birth.date"); /* year 0 is leap */
    bad("date", "5400-01-01", ERR_DATE_OUT_OF_RANGE, "birth.date");
    bad("date", "9999-12-31", ERR_DATE_OUT_OF_RANGE, "birth.date");
    struct birth b1;
    struct error err;
    birth_init(&b1);
    assert_int_equal(birth_set(&b1, "date", "5400-01-01", &err), ERR_DATE_OUT_OF_RANGE);
    assert_string_equal(err.message, "date must be between 0001-01-01 and 5399-12-31");

    /* a calendar error wins over the range */
    bad("date", "0000-02-30", ERR_INVALID_DATE, "birth.date");
    bad("date", "5400-02-29", ERR_INVALID_DATE, "birth.date"); /* 5400 is not leap */
    bad("date", "2023-02-29", ERR_INVALID_DATE, "birth.date");
    bad("date", "1900-02-29", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996-04-31", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996-13-01", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996-00-10", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996-12-00", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996-12-32", ERR_INVALID_DATE, "birth.date");
    /* exactly YYYY-MM-DD */
    bad("date", "1996-12-7", ERR_INVALID_DATE, "birth.date");
    bad("date", "96-12-07", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996/12/07", ERR_INVALID_DATE, "birth.date");
    bad("date", "+996-12-07", ERR_INVALID_DATE, "birth.date");
    bad("date", " 1996-12-07", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996-12-07T10:34", ERR_INVALID_DATE, "birth.date");
    bad("date", "1996-1a-07", ERR_INVALID_DATE, "birth.date");
    bad("date", "", ERR_MISSING_FIELD, "birth.date");
}

static void test_time(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "time", "10:34");
    assert_int_equal(b.local.hour, 10);
    assert_int_equal(b.local.minute, 34);
    assert_int_equal(b.local.second, 0);
    assert_int_equal(b.have, BIRTH_HAVE_TIME);
    good(&b, &o, "time", "10:34:56");
    assert_int_equal(b.local.second, 56);
    good(&b, &o, "time", "00:00");
    good(&b, &o, "time", "23:59:59");
    assert_int_equal(b.local.hour, 23);

    bad("time", "24:00", ERR_INVALID_TIME, "birth.time");
    bad("time", "24:00:00", ERR_INVALID_TIME, "birth.time");
    bad("time", "23:60", ERR_INVALID_TIME, "birth.time");
    bad("time", "23:59:60", ERR_INVALID_TIME, "birth.time"); /* no leap second */
    good(&b, &o, "time", "9:30"); /* H:MM */
    bad("time", "09:30:5", ERR_INVALID_TIME, "birth.time");
    bad("time", "09:30:", ERR_INVALID_TIME, "birth.time");
    bad("time", "0930", ERR_INVALID_TIME, "birth.time");
    bad("time", "09.30", ERR_INVALID_TIME, "birth.time");
    bad("time", "09:30.5", ERR_INVALID_TIME, "birth.time");
    bad("time", "09:30:00.5", ERR_INVALID_TIME, "birth.time");
    bad("time", "09:30Z", ERR_INVALID_TIME, "birth.time");
    bad("time", " 09:30", ERR_INVALID_TIME, "birth.time");
    bad("time", "-1:00", ERR_INVALID_TIME, "birth.time");
    bad("time", "", ERR_MISSING_FIELD, "birth.time");

    /* date and time fill separate parts, in either order */
    struct error err;
    birth_init(&b);
    assert_int_equal(birth_set(&b, "time", "10:34:56", &err), 0);
    assert_int_equal(birth_set(&b, "date", "1996-12-07", &err), 0);
    assert_int_equal(b.local.hour, 10);
    assert_int_equal(b.local.second, 56);
    assert_int_equal(b.local.day, 7);
    assert_int_equal(b.have, BIRTH_HAVE_DATE | BIRTH_HAVE_TIME);
}

static void test_timezone(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "timezone", "Asia/Kolkata");
    assert_string_equal(b.timezone, "Asia/Kolkata");
    assert_int_equal(b.have, BIRTH_HAVE_TZ);
    good(&b, &o, "timezone", "+05:30");
    assert_string_equal(b.timezone, "+05:30");
    good(&b, &o, "timezone", "LMT");
    assert_string_equal(b.timezone, "LMT");
    /* the name is only stored here; resolving it is tz's work */
    good(&b, &o, "timezone", "Mars/Olympus");
    assert_string_equal(b.timezone, "Mars/Olympus");

    char name[BIRTH_TZ_MAX + 1];
    memset(name, 'z', sizeof name);
    name[BIRTH_TZ_MAX - 1] = '\0'; /* 63 characters: the longest kept */
    good(&b, &o, "timezone", name);
    assert_int_equal(strlen(b.timezone), BIRTH_TZ_MAX - 1);
    name[BIRTH_TZ_MAX - 1] = 'z';
    name[BIRTH_TZ_MAX] = '\0'; /* 64 */
    bad("timezone", name, ERR_UNKNOWN_TIMEZONE, "birth.timezone");
    bad("timezone", "", ERR_MISSING_FIELD, "birth.timezone");
}

static void test_numbers(void **state)
{
    (void)state;
    double v = -1;
    assert_true(birth_parse_number("13.0878", &v) && v == 13.0878);
    assert_true(birth_parse_number("-0", &v) && v == 0);
    assert_true(birth_parse_number("1e1", &v) && v == 10);
    assert_true(birth_parse_number("13.08780", &v) && v == 13.0878);
    /* JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    assert_true(birth_parse_number("0", &v) && v == 0);
    assert_true(birth_parse_number("-5", &v) && v == -5);
    assert_true(birth_parse_number("0.5", &v) && v == 0.5);
    assert_true(birth_parse_number("-0.5", &v) && v == -0.5);
    assert_true(birth_parse_number("10", &v) && v == 10);
    assert_true(birth_parse_number("1E2", &v) && v == 100);
    assert_true(birth_parse_number("1e+2", &v) && v == 100);
    assert_true(birth_parse_number("25e-1", &v) && v == 2.5);
    assert_true(birth_parse_number("1.5e1", &v) && v == 15);
    assert_true(birth_parse_number("0e0", &v) && v == 0);
    /* plain decimal only: no blanks, hexadecimal, inf or nan */
    v = 42;
    assert_false(birth_parse_number(" 5", &v));
    assert_false(birth_parse_number("0x10", &v));
    assert_false(birth_parse_number("inf", &v));
    assert_false(birth_parse_number("nan", &v));
    assert_false(birth_parse_number("1e999", &v));
    assert_false(birth_parse_number("", &v));
    assert_false(birth_parse_number("5 ", &v));
    assert_false(birth_parse_number("5x", &v));
    assert_false(birth_parse_number("north", &v));
    assert_false(birth_parse_number("1,5", &v));
    assert_false(birth_parse_number("nan", &v));
    assert_false(birth_parse_number("inf", &v));
    assert_false(birth_parse_number("-infinity", &v));
    assert_false(birth_parse_number("1e400", &v));  /* overflow */
    assert_false(birth_parse_number("1e-400", &v)); /* underflow */
    /* outside JSON's grammar, though strtod takes them */
    assert_false(birth_parse_number("+5", &v));   /* no plus sign */
    assert_false(birth_parse_number("--5", &v));  /* one minus at most */
    assert_false(birth_parse_number("-", &v));    /* a sign needs digits */
    assert_false(birth_parse_number(".5", &v));   /* digits before the point */
    assert_false(birth_parse_number("-.5", &v));
    assert_false(birth_parse_number("5.", &v));   /* digits after the point */
    assert_false(birth_parse_number("5.e1", &v));
    assert_false(birth_parse_number("05", &v));   /* no leading zero */
    assert_false(birth_parse_number("-05", &v));
    assert_false(birth_parse_number("00", &v));
    assert_false(birth_parse_number("1e", &v));   /* an exponent needs digits */
    assert_false(birth_parse_number("1e+", &v));
    assert_false(birth_parse_number("1e1.5", &v)); /* a whole exponent */
    assert_false(birth_parse_number("e5", &v));   /* a mantissa first */
    assert_false(birth_parse_number("1..5", &v));
    assert_false(birth_parse_number("1.5.5", &v));
    assert_false(birth_parse_number("1-5", &v));
    assert_true(v == 42);                           /* untouched by failures */

    /* at most 64 characters */
    char s[66];
    memset(s, '0', sizeof s);
    s[0] = '1';
    s[1] = '.';
    s[64] = '\0';
    assert_true(birth_parse_number(s, &v) && v == 1);
    s[64] = '0';
    s[65] = '\0';
    assert_false(birth_parse_number(s, &v));
}

static void test_coordinates(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "latitude", "13.0878");
    assert_true(b.latitude == 13.0878);
    assert_int_equal(b.have, BIRTH_HAVE_LAT);
    good(&b, &o, "latitude", "90");
    assert_true(b.latitude == 90);
    good(&b, &o, "latitude", "-90");
    assert_true(b.latitude == -90);
    good(&b, &o, "latitude", "-0.000001");
    bad("latitude", "90.000001", ERR_INVALID_LATITUDE, "birth.latitude");
    bad("latitude", "-90.000001", ERR_INVALID_LATITUDE, "birth.latitude");
    bad("latitude", "91", ERR_INVALID_LATITUDE, "birth.latitude");
    bad("latitude", "north", ERR_INVALID_NUMBER, "birth.latitude");
    good(&b, &o, "latitude", "13.5N");
    bad("latitude", "nan", ERR_INVALID_NUMBER, "birth.latitude");
    bad("latitude", "", ERR_MISSING_FIELD, "birth.latitude");

    good(&b, &o, "longitude", "80.2785");
    assert_true(b.longitude == 80.2785);
    assert_int_equal(b.have, BIRTH_HAVE_LON);
    good(&b, &o, "longitude", "180");
    assert_true(b.longitude == 180);
    good(&b, &o, "longitude", "-180");
    assert_true(b.longitude == -180);
    bad("longitude", "180.000001", ERR_INVALID_LONGITUDE, "birth.longitude");
    bad("longitude", "-180.5", ERR_INVALID_LONGITUDE, "birth.longitude");
    bad("longitude", "360", ERR_INVALID_LONGITUDE, "birth.longitude");
    bad("longitude", "east", ERR_INVALID_NUMBER, "birth.longitude");
    bad("longitude", "-inf", ERR_INVALID_NUMBER, "birth.longitude");

    good(&b, &o, "altitude", "20000");
    assert_true(b.altitude == 20000);
    assert_int_equal(b.have, 0); /* optional: no have bit */
    good(&b, &o, "altitude", "-500");
    assert_true(b.altitude == -500);
    good(&b, &o, "altitude", "12.5");
    assert_true(b.altitude == 12.5);
    bad("altitude", "20000.1", ERR_INVALID_ALTITUDE, "birth.altitude");
    bad("altitude", "-500.1", ERR_INVALID_ALTITUDE, "birth.altitude");
    bad("altitude", "high", ERR_INVALID_ALTITUDE, "birth.altitude");
    bad("altitude", "", ERR_MISSING_FIELD, "birth.altitude");
}

static void test_fold(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "fold", "0");
    assert_int_equal(b.fold, 0);
    good(&b, &o, "fold", "1");
    assert_int_equal(b.fold, 1);
    assert_int_equal(b.have, 0);
    bad("fold", "2", ERR_INVALID_FOLD, "birth.fold");
    bad("fold", "-1", ERR_INVALID_FOLD, "birth.fold");
    bad("fold", "01", ERR_INVALID_FOLD, "birth.fold");
    bad("fold", "1.0", ERR_INVALID_FOLD, "birth.fold");
    bad("fold", "true", ERR_INVALID_FOLD, "birth.fold");
    bad("fold", "", ERR_MISSING_FIELD, "birth.fold");
}

static void test_unknown_birth_field(void **state)
{
    (void)state;
    struct birth b;
    struct error err;
    birth_init(&b);
    assert_int_equal(birth_set(&b, "colour", "red", &err), ERR_UNKNOWN_FIELD);
    assert_string_equal(err.field, "birth.colour");
    /* the short aliases belong to birth_param_set only */
    assert_int_equal(birth_set(&b, "lat", "10", &err), ERR_UNKNOWN_FIELD);
    assert_string_equal(err.field, "birth.lat");
    /* options are not birth fields */
    assert_int_equal(birth_set(&b, "ayanamsa", "lahiri", &err), ERR_UNKNOWN_FIELD);
    assert_string_equal(err.field, "birth.ayanamsa");
    /* the field names at most 40 characters of the key */
    char key[60];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    assert_int_equal(birth_set(&b, key, "1", &err), ERR_UNKNOWN_FIELD);
    assert_int_equal(strlen(err.field), 6 + 40);
    assert_memory_equal(err.field, "birth.kkkk", 10);
    assert_int_equal(b.have, 0);
}

static void test_ayanamsa_node_houses(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    static const struct {
        const char *name;
        int mode;
    } ayanamsas[] = {{"fagan_bradley", 0}, {"lahiri", 1},      {"raman", 3},
                     {"krishnamurti", 5},  {"yukteshwar", 7},  {"true_citra", 27},
                     {"true_pushya", 29},  {"lahiri_icrc", 46}};
    for (size_t i = 0; i < sizeof ayanamsas / sizeof ayanamsas[0]; i++) {
        good(&b, &o, "ayanamsa", ayanamsas[i].name);
        assert_int_equal(o.ayanamsa, ayanamsas[i].mode);
    }
    bad("ayanamsa", "Lahiri", ERR_UNKNOWN_AYANAMSA, "options.ayanamsa");
    bad("ayanamsa", "chitrapaksha", ERR_UNKNOWN_AYANAMSA, "options.ayanamsa");
    bad("ayanamsa", "1", ERR_UNKNOWN_AYANAMSA, "options.ayanamsa");
    bad("ayanamsa", "", ERR_UNKNOWN_AYANAMSA, "options.ayanamsa");

    good(&b, &o, "node", "true");
    assert_int_equal(o.node, NODE_TRUE);
    good(&b, &o, "node", "mean");
    assert_int_equal(o.node, NODE_MEAN);
    bad("node", "True", ERR_UNKNOWN_NODE, "options.node");
    bad("node", "osculating", ERR_UNKNOWN_NODE, "options.node");
    bad("node", "", ERR_UNKNOWN_NODE, "options.node");

    static const char *const node_aspects[NODE_ASPECTS_COUNT] = {"none", "seventh", "bphs"};
    for (int i = 0; i < NODE_ASPECTS_COUNT; i++) {
        good(&b, &o, "node_aspects", node_aspects[i]);
        assert_int_equal(o.node_aspects, i);
        assert_string_equal(node_aspects_name(i), node_aspects[i]);
    }
    bad("node_aspects", "7", ERR_INVALID_VALUE, "options.node_aspects");
    bad("node_aspects", "", ERR_INVALID_VALUE, "options.node_aspects");

    static const char *const houses[HOUSES_COUNT] = {"whole_sign",    "placidus", "sripati",
                                                     "koch",          "equal",    "porphyry",
                                                     "regiomontanus", "campanus"};
    for (int i = 0; i < HOUSES_COUNT; i++) {
        good(&b, &o, "house_system", houses[i]);
        assert_int_equal(o.house_system, i);
        assert_string_equal(house_system_name(i), houses[i]);
    }
    assert_int_equal(HOUSES_CAMPANUS, 7);
    bad("house_system", "vedic", ERR_UNKNOWN_HOUSE_SYSTEM, "options.house_system");
    bad("house_system", "Placidus", ERR_UNKNOWN_HOUSE_SYSTEM, "options.house_system");
    bad("house_system", "whole-sign", ERR_UNKNOWN_HOUSE_SYSTEM, "options.house_system");
    bad("house_system", "", ERR_UNKNOWN_HOUSE_SYSTEM, "options.house_system");
}

static void test_flags(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "positions", "true");
    assert_true(o.true_positions);
    good(&b, &o, "positions", "apparent");
    assert_false(o.true_positions);
    bad("positions", "geometric", ERR_INVALID_VALUE, "options.positions");
    bad("positions", "1", ERR_INVALID_VALUE, "options.positions");
    bad("positions", "", ERR_INVALID_VALUE, "options.positions");

    static const char *const yes[] = {"true", "1"}, *const no[] = {"false", "0"};
    static const char *const neither[] = {"yes", "TRUE", "True", "2", "on", ""};
    for (int i = 0; i < 2; i++) {
        good(&b, &o, "topocentric", yes[i]);
        assert_true(o.topocentric);
        good(&b, &o, "topocentric", no[i]);
        assert_false(o.topocentric);
        good(&b, &o, "outer_planets", yes[i]);
        assert_true(o.outer_planets);
        good(&b, &o, "outer_planets", no[i]);
        assert_false(o.outer_planets);
        good(&b, &o, "explain", yes[i]);
        assert_true(o.explain);
        good(&b, &o, "explain", no[i]);
        assert_false(o.explain);
    }
    for (size_t i = 0; i < sizeof neither / sizeof neither[0]; i++) {
        bad("topocentric", neither[i], ERR_INVALID_VALUE, "options.topocentric");
        bad("outer_planets", neither[i], ERR_INVALID_VALUE, "options.outer_planets");
        bad("explain", neither[i], ERR_INVALID_VALUE, "options.explain");
    }

    good(&b, &o, "hora", "parivritti");
    assert_true(o.parivritti_hora);
    good(&b, &o, "hora", "parashara");
    assert_false(o.parivritti_hora);
    bad("hora", "Parashara", ERR_INVALID_VALUE, "options.hora");
    bad("hora", "true", ERR_INVALID_VALUE, "options.hora");
    bad("hora", "", ERR_INVALID_VALUE, "options.hora");
}

static void test_dasha_options(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "dasha_year_days", "360");
    assert_true(o.dasha_year_days == 360);
    good(&b, &o, "dasha_year_days", "366");
    assert_true(o.dasha_year_days == 366);
    good(&b, &o, "dasha_year_days", "365.2425");
    assert_true(o.dasha_year_days == 365.2425);
    bad("dasha_year_days", "359.999", ERR_INVALID_VALUE, "options.dasha_year_days");
    bad("dasha_year_days", "366.001", ERR_INVALID_VALUE, "options.dasha_year_days");
    bad("dasha_year_days", "0", ERR_INVALID_VALUE, "options.dasha_year_days");
    bad("dasha_year_days", "year", ERR_INVALID_VALUE, "options.dasha_year_days");
    bad("dasha_year_days", "", ERR_INVALID_VALUE, "options.dasha_year_days");

    for (int i = 1; i <= 3; i++) {
        char v[2] = {(char)('0' + i), '\0'};
        good(&b, &o, "dasha_levels", v);
        assert_int_equal(o.dasha_levels, i);
    }
    bad("dasha_levels", "0", ERR_INVALID_VALUE, "options.dasha_levels");
    bad("dasha_levels", "4", ERR_INVALID_VALUE, "options.dasha_levels");
    bad("dasha_levels", "02", ERR_INVALID_VALUE, "options.dasha_levels");
    bad("dasha_levels", "2.0", ERR_INVALID_VALUE, "options.dasha_levels");
    bad("dasha_levels", "", ERR_INVALID_VALUE, "options.dasha_levels");

    good(&b, &o, "yogini_levels", "2");
    assert_int_equal(o.yogini_levels, 2);
    good(&b, &o, "yogini_levels", "1");
    assert_int_equal(o.yogini_levels, 1);
    bad("yogini_levels", "0", ERR_INVALID_VALUE, "options.yogini_levels");
    bad("yogini_levels", "3", ERR_INVALID_VALUE, "options.yogini_levels");
    bad("yogini_levels", "11", ERR_INVALID_VALUE, "options.yogini_levels");
    bad("yogini_levels", "", ERR_INVALID_VALUE, "options.yogini_levels");

    /* dasha_systems: a comma list of the five, each once or more */
    good(&b, &o, "dasha_systems", "chara");
    assert_int_equal(o.dasha_systems, DASHA_SYSTEM_CHARA);
    good(&b, &o, "dasha_systems", "vimshottari,kalachakra,vimshottari");
    assert_int_equal(o.dasha_systems, DASHA_SYSTEM_VIMSHOTTARI | DASHA_SYSTEM_KALACHAKRA);
    good(&b, &o, "dasha_systems", "vimshottari,yogini,ashtottari,chara,kalachakra");
    assert_int_equal(o.dasha_systems, DASHA_SYSTEMS_ALL);
    bad("dasha_systems", "", ERR_INVALID_VALUE, "options.dasha_systems");
    bad("dasha_systems", "vimsottari", ERR_INVALID_VALUE, "options.dasha_systems");
    bad("dasha_systems", "chara,", ERR_INVALID_VALUE, "options.dasha_systems");
    bad("dasha_systems", ",chara", ERR_INVALID_VALUE, "options.dasha_systems");
    bad("dasha_systems", "Chara", ERR_INVALID_VALUE, "options.dasha_systems");
    bad("dasha_systems", "chara, yogini", ERR_INVALID_VALUE, "options.dasha_systems");
    for (int i = 0; i < DASHA_SYSTEM_COUNT; i++) {
        good(&b, &o, "dasha_systems", dasha_system_name(i));
        assert_int_equal(o.dasha_systems, 1u << i);
    }
    assert_null(dasha_system_name(DASHA_SYSTEM_COUNT));

    good(&b, &o, "ashtottari_levels", "3");
    assert_int_equal(o.ashtottari_levels, 3);
    bad("ashtottari_levels", "4", ERR_INVALID_VALUE, "options.ashtottari_levels");
    bad("ashtottari_levels", "0", ERR_INVALID_VALUE, "options.ashtottari_levels");
    good(&b, &o, "chara_levels", "2");
    assert_int_equal(o.chara_levels, 2);
    bad("chara_levels", "3", ERR_INVALID_VALUE, "options.chara_levels");
    bad("chara_levels", "", ERR_INVALID_VALUE, "options.chara_levels");
    good(&b, &o, "kalachakra_levels", "2");
    assert_int_equal(o.kalachakra_levels, 2);
    bad("kalachakra_levels", "3", ERR_INVALID_VALUE, "options.kalachakra_levels");
    bad("kalachakra_levels", "x", ERR_INVALID_VALUE, "options.kalachakra_levels");

    good(&b, &o, "ashtottari_rule", "paksha");
    assert_int_equal(o.ashtottari_rule, ASHTOTTARI_RULE_PAKSHA);
    good(&b, &o, "ashtottari_rule", "rahu");
    assert_int_equal(o.ashtottari_rule, ASHTOTTARI_RULE_RAHU);
    bad("ashtottari_rule", "Rahu", ERR_INVALID_VALUE, "options.ashtottari_rule");
    bad("ashtottari_rule", "", ERR_INVALID_VALUE, "options.ashtottari_rule");
    good(&b, &o, "chara_method", "pvr");
    assert_int_equal(o.chara_method, CHARA_METHOD_PVR);
    good(&b, &o, "chara_method", "knrao");
    assert_int_equal(o.chara_method, CHARA_METHOD_KNRAO);
    bad("chara_method", "kn_rao", ERR_INVALID_VALUE, "options.chara_method");
    assert_string_equal(ashtottari_rule_name(ASHTOTTARI_RULE_PAKSHA), "paksha");
    assert_string_equal(chara_method_name(CHARA_METHOD_PVR), "pvr");
}

static void test_sections(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "sections", "planets");
    assert_int_equal(o.sections, SECTION_PLANETS);
    good(&b, &o, "sections", "houses,planets");
    assert_int_equal(o.sections, SECTION_PLANETS | SECTION_HOUSES);
    good(&b, &o, "sections", "planets,planets");
    assert_int_equal(o.sections, SECTION_PLANETS);
    good(&b, &o, "sections", "yogas");
    assert_int_equal(o.sections, 0x80);
    good(&b, &o, "sections",
         "planets,houses,vargas,dasha,panchang,ashtakavarga,doshas,yogas,summary,aspects");
    assert_int_equal(o.sections, SECTIONS_DEFAULT);
    good(&b, &o, "sections", "transits");
    assert_int_equal(o.sections, SECTION_TRANSITS);
    for (int i = 0; i < SECTION_COUNT - 1; i++) {
        good(&b, &o, "sections", section_name(i));
        assert_int_equal(o.sections, 1u << i);
    }

    bad("sections", "", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "moon", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "Planets", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "planets,", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", ",planets", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "planets,,houses", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "planets, houses", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "planet", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "planetsx", ERR_UNKNOWN_SECTION, "options.sections");
    bad("sections", "svgs", ERR_UNKNOWN_SECTION, "options.sections");
    /* svg, the drawings, only when named; its style is an option of its own */
    good(&b, &o, "sections", "planets,svg");
    assert_int_equal(o.sections, SECTION_PLANETS | SECTION_SVG);
    assert_int_equal(o.chart_style, CHART_STYLE_NORTH);
    good(&b, &o, "chart_style", "east");
    assert_int_equal(o.chart_style, CHART_STYLE_EAST);
    good(&b, &o, "chart_style", "south");
    assert_int_equal(o.chart_style, CHART_STYLE_SOUTH);
    bad("chart_style", "North", ERR_INVALID_VALUE, "options.chart_style");
    bad("chart_style", "", ERR_INVALID_VALUE, "options.chart_style");
    struct error err;
    options_init(&o);
    assert_int_equal(options_set(&o, "chart_style", "west", &err), ERR_INVALID_VALUE);
    assert_string_equal(err.message, "chart_style must be north, south or east; got 'west'");
}

static void test_as_of(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "as_of", "2024-01-01");
    assert_true(o.as_of == 1704067200.0);
    good(&b, &o, "as_of", "1970-01-01");
    assert_true(o.as_of == 0.0);
    good(&b, &o, "as_of", "0001-01-01");
    assert_true(o.as_of == -62135596800.0);
    good(&b, &o, "as_of", "5399-12-31");
    assert_true(o.as_of == 108240278400.0);
    bad("as_of", "2024-02-30", ERR_INVALID_DATE, "options.as_of");
    /* out of range is invalid_date here, not date_out_of_range */
    bad("as_of", "0000-01-01", ERR_INVALID_DATE, "options.as_of");
    bad("as_of", "5400-01-01", ERR_INVALID_DATE, "options.as_of");
    bad("as_of", "2024-01-01T00:00", ERR_INVALID_DATE, "options.as_of");
    bad("as_of", "today", ERR_INVALID_DATE, "options.as_of");
    bad("as_of", "", ERR_INVALID_DATE, "options.as_of");

    /* the default: the UTC midnight that begins now's day, once */
    options_init(&o);
    options_default_as_of(&o, 1704067200.0 + 13.5 * 3600);
    assert_true(o.as_of == 1704067200.0);
    options_default_as_of(&o, 1e10);
    assert_true(o.as_of == 1704067200.0);
    options_init(&o);
    options_default_as_of(&o, 1704067200.0);
    assert_true(o.as_of == 1704067200.0);
    options_init(&o);
    options_default_as_of(&o, -1.0);
    assert_true(o.as_of == -86400.0);
    /* a given as_of is kept */
    good(&b, &o, "as_of", "2000-01-01");
    options_default_as_of(&o, 1704067200.0);
    assert_true(o.as_of == 946684800.0);
}

static void test_unknown_option(void **state)
{
    (void)state;
    struct chart_options o;
    struct error err;
    options_init(&o);
    assert_int_equal(options_set(&o, "fast", "true", &err), ERR_UNKNOWN_FIELD);
    assert_string_equal(err.field, "options.fast");
    /* birth fields are not options, nor are the aliases */
    assert_int_equal(options_set(&o, "latitude", "10", &err), ERR_UNKNOWN_FIELD);
    assert_string_equal(err.field, "options.latitude");
    assert_int_equal(options_set(&o, "houses", "placidus", &err), ERR_UNKNOWN_FIELD);
    assert_string_equal(err.field, "options.houses");
    assert_int_equal(o.house_system, HOUSES_WHOLE_SIGN);
}

static void test_param_aliases(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    good(&b, &o, "tz", "Asia/Kolkata");
    assert_string_equal(b.timezone, "Asia/Kolkata");
    assert_int_equal(b.have, BIRTH_HAVE_TZ);
    good(&b, &o, "lat", "-33.9");
    assert_true(b.latitude == -33.9);
    assert_int_equal(b.have, BIRTH_HAVE_LAT);
    good(&b, &o, "lon", "151.2");
    assert_true(b.longitude == 151.2);
    assert_int_equal(b.have, BIRTH_HAVE_LON);
    good(&b, &o, "houses", "placidus");
    assert_int_equal(o.house_system, HOUSES_PLACIDUS);
    /* the full names work too, birth fields and options alike */
    good(&b, &o, "latitude", "1.5");
    assert_true(b.latitude == 1.5);
    good(&b, &o, "house_system", "koch");
    assert_int_equal(o.house_system, HOUSES_KOCH);
    good(&b, &o, "ayanamsa", "raman");
    assert_int_equal(o.ayanamsa, 3);

    /* errors name the canonical field */
    bad("tz", "", ERR_MISSING_FIELD, "birth.timezone");
    bad("lat", "95", ERR_INVALID_LATITUDE, "birth.latitude");
    bad("lon", "-181", ERR_INVALID_LONGITUDE, "birth.longitude");
    bad("houses", "vedic", ERR_UNKNOWN_HOUSE_SYSTEM, "options.house_system");
    /* a birth field's own error is not taken for an unknown field */
    bad("fold", "2", ERR_INVALID_FOLD, "birth.fold");
    bad("date", "2023-02-29", ERR_INVALID_DATE, "birth.date");
    /* unknown parameters are named as given */
    bad("colour", "red", ERR_UNKNOWN_FIELD, "colour");
    bad("Lat", "10", ERR_UNKNOWN_FIELD, "Lat");
    bad("", "10", ERR_UNKNOWN_FIELD, "");
    char key[80];
    memset(key, 'q', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    struct error err;
    birth_init(&b);
    options_init(&o);
    assert_int_equal(birth_param_set(&b, &o, key, "1", &err), ERR_UNKNOWN_FIELD);
    assert_int_equal(strlen(err.field), sizeof err.field - 1); /* cut at 63 */
    assert_memory_equal(err.field, key, sizeof err.field - 1);
}

static void test_check_complete(void **state)
{
    (void)state;
    static const char *const steps[][3] = {
        {"date", "1996-12-07", "birth.date"},     {"time", "10:34", "birth.time"},
        {"tz", "Asia/Kolkata", "birth.timezone"}, {"lat", "13.0878", "birth.latitude"},
        {"lon", "80.2785", "birth.longitude"},
    };
    struct birth b;
    struct chart_options o;
    struct error err;
    birth_init(&b);
    options_init(&o);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(birth_check_complete(&b, &err), ERR_MISSING_FIELD);
        assert_int_equal(err.code, ERR_MISSING_FIELD);
        assert_string_equal(err.field, steps[i][2]);
        /* a refused value does not count as given */
        if (strcmp(steps[i][0], "lat") == 0) {
            assert_int_equal(birth_param_set(&b, &o, "lat", "-91", &err), ERR_INVALID_LATITUDE);
            assert_int_equal(birth_check_complete(&b, &err), ERR_MISSING_FIELD);
            assert_string_equal(err.field, "birth.latitude");
        }
        assert_int_equal(birth_param_set(&b, &o, steps[i][0], steps[i][1], &err), 0);
    }
    err_clear(&err);
    assert_int_equal(birth_check_complete(&b, &err), 0);
    assert_int_equal(err.code, ERR_OK);
    /* altitude and fold are optional; the order of fields does not matter */
    birth_init(&b);
    for (int i = 4; i >= 0; i--)
        assert_int_equal(birth_param_set(&b, &o, steps[i][0], steps[i][1], &err), 0);
    assert_int_equal(birth_check_complete(&b, &err), 0);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(node_name(NODE_MEAN), "mean");
    assert_string_equal(node_name(NODE_TRUE), "true");
    assert_string_equal(positions_name(false), "apparent");
    assert_string_equal(positions_name(true), "true");
    assert_string_equal(house_system_name(HOUSES_WHOLE_SIGN), "whole_sign");
    assert_string_equal(house_system_name(-1), "?");
    assert_string_equal(house_system_name(HOUSES_COUNT), "?");
    assert_string_equal(section_name(0), "planets");
    assert_string_equal(section_name(7), "yogas");
    assert_int_equal(SECTION_COUNT, 14);
    assert_string_equal(section_name(SECTION_ID_SUMMARY), "summary");
    assert_string_equal(section_stage(SECTION_ID_SUMMARY), "summary");
    assert_string_equal(section_name(SECTION_ID_SVG), "svg");
    assert_string_equal(section_name(SECTION_ID_KP), "kp");
    assert_string_equal(section_stage(SECTION_ID_KP), "kp");
    assert_int_equal(SECTIONS_DEFAULT, SECTIONS_ALL & ~(SECTION_SVG | SECTION_KP | SECTION_STRENGTH |
                                                        SECTION_TRANSITS));
    assert_string_equal(section_name(SECTION_ID_STRENGTH), "strength");
    assert_string_equal(section_name(SECTION_ID_ASPECTS), "aspects");
    assert_string_equal(section_name(SECTION_ID_TRANSITS), "transits");
    assert_null(section_name(SECTION_COUNT));
    assert_null(section_name(-1));
    assert_string_equal(section_stage(SECTION_ID_VARGAS), "vargas");
    assert_null(section_stage(SECTION_ID_PLANETS)); /* part of the D1 chart */
    /* the wire names of every code the parser returns */
    static const struct {
        int code;
        const char *name;
    } codes[] = {
        {ERR_INVALID_DATE, "invalid_date"},
        {ERR_INVALID_TIME, "invalid_time"},
        {ERR_DATE_OUT_OF_RANGE, "date_out_of_range"},
        {ERR_UNKNOWN_TIMEZONE, "unknown_timezone"},
        {ERR_INVALID_FOLD, "invalid_fold"},
        {ERR_INVALID_LATITUDE, "invalid_latitude"},
        {ERR_INVALID_LONGITUDE, "invalid_longitude"},
        {ERR_INVALID_ALTITUDE, "invalid_altitude"},
        {ERR_MISSING_FIELD, "missing_field"},
        {ERR_UNKNOWN_FIELD, "unknown_field"},
        {ERR_INVALID_VALUE, "invalid_value"},
        {ERR_UNKNOWN_AYANAMSA, "unknown_ayanamsa"},
        {ERR_UNKNOWN_NODE, "unknown_node"},
        {ERR_UNKNOWN_HOUSE_SYSTEM, "unknown_house_system"},
        {ERR_UNKNOWN_SECTION, "unknown_section"},
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        assert_string_equal(err_name(codes[i].code), codes[i].name);
}

/* A flat parameter that is an option leaves no error behind from trying
 * it as a birth field first. */
static void test_param_clean_error(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    struct error err;
    birth_init(&b);
    options_init(&o);
    assert_int_equal(birth_param_set(&b, &o, "ayanamsa", "raman", &err), 0);
    assert_int_equal(err.code, ERR_OK);
    assert_string_equal(err.field, "");
    assert_int_equal(birth_param_set(&b, &o, "houses", "placidus", NULL), 0);
}

/* key=value must fail with this code, field and exact message. */
static void bad_msg_at(int line, const char *key, const char *value, int code, const char *field,
                       const char *message)
{
    bad_at(line, key, value, code, field);
    struct birth b;
    struct chart_options o;
    struct error err;
    birth_init(&b);
    options_init(&o);
    birth_param_set(&b, &o, key, value, &err);
    if (strcmp(err.message, message) != 0)
        fail_msg("line %d: %s='%s': message\n  got  %s\n  want %s", line, key, value, err.message,
                 message);
}
#define bad_msg(key, value, code, field, message) \
    bad_msg_at(__LINE__, key, value, code, field, message)

/* The forms people type (issue "Input people type"), each with its message. */
static void test_people_coordinates(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    static const struct {
        const char *key, *text;
        double want;
    } ok[] = {
        {"lat", "13.0878N", 13.0878},       {"lat", "13.0878 S", -13.0878},
        {"lat", "13.0878n", 13.0878},       {"lon", "74.006W", -74.006},
        {"lon", "80.2785E", 80.2785},       {"lat", "13°05'16\"N", 13 + 5 / 60.0 + 16 / 3600.0},
        {"lat", "13\xC2\xB0" "05\xE2\x80\xB2" "16\xE2\x80\xB3" "N", 13 + 5 / 60.0 + 16 / 3600.0},
        {"lat", "13 05 16 N", 13 + 5 / 60.0 + 16 / 3600.0},
        {"lat", "13 05 16.5 S", -(13 + 5 / 60.0 + 16.5 / 3600.0)},
        {"lon", "74°0'21.6\"W", -(74 + 21.6 / 3600.0)},
        {"lat", "13°05'N", 13 + 5 / 60.0},  {"lat", "-13°05'", -(13 + 5 / 60.0)},
        {"lat", "13.0878", 13.0878},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        good(&b, &o, ok[i].key, ok[i].text);
        double got = ok[i].key[1] == 'a' ? b.latitude : b.longitude;
        if (fabs(got - ok[i].want) > 1e-12)
            fail_msg("%s=%s: %.12f, want %.12f", ok[i].key, ok[i].text, got, ok[i].want);
    }
    bad_msg("lat", "13,0878", ERR_INVALID_NUMBER, "birth.latitude",
            "latitude must be a decimal number, north positive; got '13,0878'");
    bad_msg("lon", "east", ERR_INVALID_NUMBER, "birth.longitude",
            "longitude must be a decimal number, east positive; got 'east'");
    bad_msg("lat", "-13N", ERR_INVALID_NUMBER, "birth.latitude",
            "latitude must be a decimal number, north positive; got '-13N'");
    bad_msg("lat", "13E", ERR_INVALID_NUMBER, "birth.latitude",
            "latitude must be a decimal number, north positive; got '13E'");
    bad_msg("lat", "13 65 N", ERR_INVALID_NUMBER, "birth.latitude",
            "latitude must be a decimal number, north positive; got '13 65 N'");
    bad_msg("lat", "91N", ERR_INVALID_LATITUDE, "birth.latitude",
            "latitude must be between -90 and 90");
    bad_msg("lon", "181W", ERR_INVALID_LONGITUDE, "birth.longitude",
            "longitude must be between -180 and 180");
    bad_msg("lat", "", ERR_MISSING_FIELD, "birth.latitude",
            "birth.latitude is empty; give a value or leave it out");
}

static void test_people_times(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    static const struct {
        const char *text;
        int h, m, s;
    } ok[] = {
        {"10:34 PM", 22, 34, 0}, {"10:34pm", 22, 34, 0},   {"10:34 p.m.", 22, 34, 0},
        {"12:05 am", 0, 5, 0},   {"12:05 PM", 12, 5, 0},   {"9:05", 9, 5, 0},
        {"9:05:07 AM", 9, 5, 7}, {"10:34", 10, 34, 0},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        good(&b, &o, "time", ok[i].text);
        if (b.local.hour != ok[i].h || b.local.minute != ok[i].m || b.local.second != ok[i].s)
            fail_msg("time=%s: %02d:%02d:%02d", ok[i].text, b.local.hour, b.local.minute,
                     b.local.second);
    }
    bad_msg("time", "24:00", ERR_INVALID_TIME, "birth.time",
            "time must be 00:00-23:59:59; 24:00 is 00:00 of the next day");
    bad_msg("time", "10.34", ERR_INVALID_TIME, "birth.time",
            "time takes ':' between hours and minutes (10:34, not 10.34)");
    bad_msg("time", "13:00 PM", ERR_INVALID_TIME, "birth.time",
            "a time with AM or PM takes hour 1-12 (10:34 PM, or 22:34)");
    bad_msg("time", "0:30 am", ERR_INVALID_TIME, "birth.time",
            "a time with AM or PM takes hour 1-12 (10:34 PM, or 22:34)");
    bad_msg("time", "10:34 XM", ERR_INVALID_TIME, "birth.time",
            "time must be HH:MM or HH:MM:SS with hour 00-23, minute and second 00-59");
    bad_msg("time", "", ERR_MISSING_FIELD, "birth.time",
            "birth.time is empty; give a value or leave it out");
}

static void test_people_zones(void **state)
{
    (void)state;
    bad_msg("tz", "IST", ERR_AMBIGUOUS_TIMEZONE, "birth.timezone",
            "'IST' is an abbreviation, not a time zone; give the IANA name, e.g. Asia/Kolkata, "
            "Asia/Jerusalem, Europe/Dublin");
    bad_msg("tz", "est", ERR_AMBIGUOUS_TIMEZONE, "birth.timezone",
            "'EST' is an abbreviation, not a time zone; give the IANA name, e.g. "
            "America/New_York, America/Toronto, America/Panama");
    bad_msg("tz", "PST", ERR_AMBIGUOUS_TIMEZONE, "birth.timezone",
            "'PST' is an abbreviation, not a time zone; give the IANA name, e.g. "
            "America/Los_Angeles, America/Vancouver, Asia/Manila");
    static const char *const more[] = {"CST", "MST", "HST", "EDT", "PDT", "BST", "CET",
                                       "JST", "AEST", "EST5EDT", "MET", "WET"};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        bad("tz", more[i], ERR_AMBIGUOUS_TIMEZONE, "birth.timezone");
    bad_msg("tz", " 05:30", ERR_UNKNOWN_TIMEZONE, "birth.timezone",
            "timezone ' 05:30' starts with a space: in a query string '+' means a space, so "
            "send +05:30 as %2B05:30");

    /* case and "did you mean", through the zone database */
    struct tz_db *db;
    struct error err;
    const struct tz_zone *z;
    assert_int_equal(tz_db_new(NULL, NULL, &db, &err), 0);
    assert_int_equal(tz_zone_get(db, "asia/kolkata", &z, &err), 0);
    assert_string_equal(tz_zone_name(z), "Asia/Kolkata");
    assert_int_equal(tz_zone_get(db, "AMERICA/NEW_YORK", &z, &err), 0);
    assert_string_equal(tz_zone_name(z), "America/New_York");
    assert_int_equal(tz_zone_get(db, "Asia/Kolkatta", &z, &err), ERR_UNKNOWN_TIMEZONE);
    assert_string_equal(err.message, "unknown time zone \"Asia/Kolkatta\"; did you mean "
                                     "Asia/Kolkata?");
    assert_int_equal(tz_zone_get(db, "Kolkata", &z, &err), ERR_UNKNOWN_TIMEZONE);
    assert_string_equal(err.message, "unknown time zone \"Kolkata\"; did you mean Asia/Kolkata?");
    assert_int_equal(tz_zone_get(db, "Europe/Pariss", &z, &err), ERR_UNKNOWN_TIMEZONE);
    assert_non_null(strstr(err.message, "did you mean Europe/Paris"));
    assert_int_equal(tz_zone_get(db, "Qqqqqqqqqq/Zzzzzzz", &z, &err), ERR_UNKNOWN_TIMEZONE);
    assert_string_equal(err.message, "unknown time zone \"Qqqqqqqqqq/Zzzzzzz\" (an IANA name "
                                     "like Asia/Kolkata, an offset like +05:30, or LMT)");
    tz_db_free(db);
}

static int fake_gazetteer(void *g, const char *text, struct birth_place *out, struct error *err)
{
    (void)g;
    if (strcmp(text, "Chennai, India") != 0)
        return err_set(err, ERR_UNKNOWN_PLACE, "birth.place", "no city '%s' is known", text);
    snprintf(out->name, sizeof out->name, "Chennai");
    snprintf(out->country, sizeof out->country, "India");
    snprintf(out->timezone, sizeof out->timezone, "Asia/Kolkata");
    out->latitude = 13.08784;
    out->longitude = 80.27847;
    return 0;
}

/* A place stands for latitude, longitude and timezone; given ones win. */
static void test_place(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    struct error err;
    struct context ctx;
    memset(&ctx, 0, sizeof ctx);
    good(&b, &o, "place", "Chennai, India");
    assert_string_equal(b.place, "Chennai, India");
    assert_int_equal(birth_param_set(&b, &o, "date", "1996-12-07", &err), 0);
    assert_int_equal(birth_param_set(&b, &o, "time", "10:34", &err), 0);
    assert_int_equal(birth_check_complete(&b, &err), 0);
    /* no gazetteer (the library) */
    struct birth c = b;
    assert_int_equal(birth_resolve_place(&ctx, &c, &err), ERR_UNKNOWN_PLACE);
    assert_string_equal(err.field, "birth.place");
    ctx.place_resolve = fake_gazetteer;
    assert_int_equal(birth_param_set(&b, &o, "lat", "13N", &err), 0);
    assert_int_equal(birth_resolve_place(&ctx, &b, &err), 0);
    assert_true(b.latitude == 13);          /* given: kept */
    assert_true(b.longitude == 80.27847);   /* from the place */
    assert_string_equal(b.timezone, "Asia/Kolkata");
    assert_string_equal(b.resolved.name, "Chennai");
    good(&b, &o, "place", "Nowhere");
    assert_int_equal(birth_resolve_place(&ctx, &b, &err), ERR_UNKNOWN_PLACE);
    bad_msg("place", "", ERR_MISSING_FIELD, "birth.place",
            "birth.place is empty; give a value or leave it out");
    bad("place", " , ", ERR_UNKNOWN_PLACE, "birth.place");
}

static void test_duplicates(void **state)
{
    (void)state;
    struct error err;
    assert_string_equal(birth_param_name("lat"), "latitude");
    assert_string_equal(birth_param_name("tz"), "timezone");
    assert_string_equal(birth_param_name("date"), "date");
    assert_int_equal(birth_param_duplicate("date", "date", &err), ERR_DUPLICATE_PARAMETER);
    assert_string_equal(err.field, "birth.date");
    assert_string_equal(err.message, "'date' is given twice; give it once");
    assert_int_equal(birth_param_duplicate("latitude", "lat", &err), ERR_DUPLICATE_PARAMETER);
    assert_string_equal(err.field, "birth.latitude");
    assert_string_equal(err.message,
                        "'lat' and 'latitude' are the same parameter (birth.latitude); give it "
                        "once");
    assert_int_equal(birth_param_duplicate("houses", "house_system", &err),
                     ERR_DUPLICATE_PARAMETER);
    assert_string_equal(err.field, "options.house_system");
    assert_int_equal(birth_param_duplicate("q", "q", &err), ERR_DUPLICATE_PARAMETER);
    assert_string_equal(err.field, "q");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_timezone),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_coordinates),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_unknown_birth_field),
        cmocka_unit_test(test_ayanamsa_node_houses),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_dasha_options),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_as_of),
        cmocka_unit_test(test_unknown_option),
        cmocka_unit_test(test_param_aliases),
        cmocka_unit_test(test_check_complete),
        cmocka_unit_test(test_names), cmocka_unit_test(test_param_clean_error),
        cmocka_unit_test(test_people_coordinates), cmocka_unit_test(test_people_times),
        cmocka_unit_test(test_people_zones), cmocka_unit_test(test_place),
        cmocka_unit_test(test_duplicates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
