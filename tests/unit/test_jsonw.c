/* test_jsonw.c - the streaming JSON writer: its output parses back with
 * cJSON to the same strings and numbers, including strings that need
 * escaping, and the size limit holds. The whole chart document too.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "common/jsonw.h"
#include "output/chart_json.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <math.h>

static void test_strings_round_trip(void **state)
{
    (void)state;
    static const char *const strings[] = {
        "plain", "quote \" and backslash \\", "tab\tnewline\nreturn\r", "\x01\x02\x1f bell\a",
        "Mumbai \xE0\xA4\xAE\xE0\xA5\x81\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\x88", /* Devanagari */
        "S\xC3\xA3o Paulo", "emoji \xF0\x9F\x8C\x99", "", "/slash/",
    };
    struct jsonw w;
    jw_init(&w, 1 << 16);
    jw_arr(&w);
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        jw_str(&w, strings[i]);
    jw_arr_end(&w);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    assert_int_equal(cJSON_GetArraySize(doc), (int)(sizeof strings / sizeof *strings));
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        assert_string_equal(cJSON_GetArrayItem(doc, (int)i)->valuestring, strings[i]);
    cJSON_Delete(doc);
    jw_free(&w);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    struct jsonw w;
    jw_init(&w, 1024);
    jw_str(&w, "a\xFF" "b\xC0\xAF" "c\xED\xA0\x80" "d\xE2\x82");
    assert_string_equal(w.buf, "\"a\\ufffdb\\ufffd\\ufffdc\\ufffd\\ufffd\\ufffdd\\ufffd\\ufffd\"");
    jw_free(&w);
}

static void test_numbers(void **state)
{
    (void)state;
    const double values[] = {0, 1, -1, 0.5, 123.456789012, -0.000000004, 359.99999999,
                             2450424.7111111111, 1e-9, -22.5};
    struct jsonw w;
    jw_init(&w, 4096);
    jw_obj(&w);
    jw_kfixed(&w, "a", 1.5, 8);
    jw_kfixed(&w, "b", 2.0, 8);
    jw_kfixed(&w, "c", -0.000000001, 8); /* rounds to zero: no "-0" */
    jw_kfixed(&w, "d", NAN, 8);
    jw_kint(&w, "e", -9007199254740993LL);
    jw_kbool(&w, "f", true);
    jw_key(&w, "g");
    jw_null(&w);
    jw_key(&w, "h");
    jw_arr(&w);
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        jw_fixed(&w, values[i], 10);
    jw_arr_end(&w);
    jw_key(&w, "i");
    jw_double(&w, 0.1);
    jw_obj_end(&w);
    assert_string_equal(strstr(w.buf, "\"a\""), "\"a\":1.5,\"b\":2,\"c\":0,\"d\":null,"
                                                "\"e\":-9007199254740993,\"f\":true,\"g\":null,"
                                                "\"h\":[0,1,-1,0.5,123.456789012,-0.000000004,"
                                                "359.99999999,2450424.7111111111,0.000000001,"
                                                "-22.5],\"i\":0.10000000000000001}");
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    const cJSON *h = cJSON_GetObjectItem(doc, "h");
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        assert_true(fabs(cJSON_GetArrayItem(h, (int)i)->valuedouble - values[i]) <= 5e-11);
    cJSON_Delete(doc);
    jw_free(&w);
}

static void test_limit(void **state)
{
    (void)state;
    struct jsonw w;
    jw_init(&w, 32);
    jw_arr(&w);
    for (int i = 0; i < 100; i++)
        jw_str(&w, "0123456789");
    jw_arr_end(&w);
    assert_true(w.overflow);
    assert_true(w.len <= 32);
    jw_reset(&w);
    assert_false(w.overflow);
    jw_str(&w, "ok");
    assert_string_equal(w.buf, "\"ok\"");
    jw_free(&w);
}

/* The chart document parses and carries the stable names SPEC.md lists. */
static void test_chart_document(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    struct error err;
    struct chart c;
    tu_birth(&b, &o, "date=1996-12-07", "time=10:34", "tz=Asia/Kolkata", "lat=13.0878",
             "lon=80.2785", NULL);
    assert_int_equal(chart_compute(&b, &o, &c, NULL, &err), 0);
    struct jsonw w;
    jw_init(&w, 1 << 20);
    chart_json_write(&w, &c);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    const cJSON *input = cJSON_GetObjectItem(doc, "input");
    assert_string_equal(cJSON_GetObjectItem(input, "ut")->valuestring, "1996-12-07T05:04:00Z");
    assert_string_equal(cJSON_GetObjectItem(input, "utc_offset")->valuestring, "+05:30");
    assert_true(fabs(cJSON_GetObjectItem(input, "julian_day_ut")->valuedouble -
                     2450424.7111111111) < 1e-9);
    const cJSON *settings = cJSON_GetObjectItem(doc, "settings");
    assert_string_equal(cJSON_GetObjectItem(settings, "ayanamsa")->valuestring, "lahiri");
    assert_string_equal(cJSON_GetObjectItem(settings, "ephemeris")->valuestring, "swiss_ephemeris");
    /* Lahiri at birth: 23 48' 51.68" (book_cases.json) */
    assert_true(fabs(cJSON_GetObjectItem(settings, "ayanamsa_value")->valuedouble -
                     (23 + 48 / 60.0 + 51.68 / 3600)) < 0.01 / 3600);
    assert_true(fabs(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "ascendant"), "longitude")
                         ->valuedouble - c.ascendant.longitude) < 1e-8);
    const cJSON *planets = cJSON_GetObjectItem(doc, "planets");
    assert_int_equal(cJSON_GetArraySize(planets), 9);
    const cJSON *moon = cJSON_GetArrayItem(planets, 1);
    assert_string_equal(cJSON_GetObjectItem(moon, "name")->valuestring, "Moon");
    assert_string_equal(cJSON_GetObjectItem(moon, "sign")->valuestring, "Libra");
    assert_string_equal(cJSON_GetObjectItem(moon, "nakshatra")->valuestring, "Swati");
    assert_int_equal(cJSON_GetObjectItem(moon, "pada")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItem(moon, "house")->valueint, 10);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(moon, "retrograde")));
    assert_true(fabs(cJSON_GetObjectItem(moon, "longitude")->valuedouble -
                     c.grahas[GRAHA_MOON].pos.longitude) < 1e-8);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "houses")), 12);
    cJSON_Delete(doc);

    /* sections=planets leaves the houses out */
    o.sections = SECTION_PLANETS;
    assert_int_equal(chart_compute(&b, &o, &c, NULL, &err), 0);
    jw_reset(&w);
    chart_json_write(&w, &c);
    doc = cJSON_Parse(w.buf);
    assert_null(cJSON_GetObjectItem(doc, "houses"));
    assert_non_null(cJSON_GetObjectItem(doc, "planets"));
    cJSON_Delete(doc);

    /* the error document */
    err_set(&err, ERR_INVALID_LATITUDE, "birth.latitude", "latitude must be between -90 and 90");
    jw_reset(&w);
    chart_json_error(&w, &err);
    assert_string_equal(w.buf, "{\"error\":{\"code\":\"invalid_latitude\",\"message\":\"latitude "
                               "must be between -90 and 90\",\"field\":\"birth.latitude\"}}");
    jw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_round_trip), cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_numbers),            cmocka_unit_test(test_limit),
        cmocka_unit_test(test_chart_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
