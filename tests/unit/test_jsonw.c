/* test_jsonw.c - the streaming JSON writer: its output parses back with
 * cJSON to the same strings and numbers, including strings that need
 * escaping, and the size limit holds (the chart document: test_chart_json).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "common/jsonw.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_round_trip), cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_numbers),            cmocka_unit_test(test_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
