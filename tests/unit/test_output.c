/* test_output.c - the output layer: the chart document parses and carries
 * the stable names of the API, sections are left out when not asked for,
 * and the error document has its fixed shape.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/kundli.h"
#include "output/error_json.h"
#include "output/kundli_json.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>

/* The chart document parses and carries the stable names of docs/API.md. */
static void test_chart_document(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    struct error err;
    struct kundli *k = malloc(sizeof *k);
    const struct chart *cp = &k->chart;
    tu_birth(&b, &o, "date=1996-12-07", "time=10:34", "tz=Asia/Kolkata", "lat=13.0878",
             "lon=80.2785", "as_of=2026-01-01", NULL);
    assert_int_equal(kundli_compute(tu_ctx(), &b, &o, k, NULL, &err), 0);
    struct jsonw w;
    jw_init(&w, 1 << 20);
    kundli_json_write(&w, k, SECTIONS_ALL);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    const cJSON *input = cJSON_GetObjectItem(doc, "input");
    assert_string_equal(cJSON_GetObjectItem(input, "ut")->valuestring, "1996-12-07T05:04:00Z");
    assert_string_equal(cJSON_GetObjectItem(input, "utc_offset")->valuestring, "+05:30");
    assert_true(
        fabs(cJSON_GetObjectItem(input, "julian_day_ut")->valuedouble - 2450424.7111111111) < 1e-9);
    const cJSON *settings = cJSON_GetObjectItem(doc, "settings");
    assert_string_equal(cJSON_GetObjectItem(settings, "ayanamsa")->valuestring, "lahiri");
    assert_string_equal(cJSON_GetObjectItem(settings, "ephemeris")->valuestring, "swiss_ephemeris");
    /* Lahiri at birth: 23 48' 51.68" (book_cases.json) */
    assert_true(fabs(cJSON_GetObjectItem(settings, "ayanamsa_value")->valuedouble -
                     (23 + 48 / 60.0 + 51.68 / 3600)) < 0.01 / 3600);
    assert_true(
        fabs(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "ascendant"), "longitude")->valuedouble -
             cp->ascendant.longitude) < 1e-8);
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
                     cp->grahas[GRAHA_MOON].pos.longitude) < 1e-8);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "houses")), 12);
    cJSON_Delete(doc);

    /* sections=planets leaves the houses out */
    o.sections = SECTION_PLANETS;
    assert_int_equal(kundli_compute(tu_ctx(), &b, &o, k, NULL, &err), 0);
    jw_reset(&w);
    kundli_json_write(&w, k, SECTIONS_ALL);
    doc = cJSON_Parse(w.buf);
    assert_null(cJSON_GetObjectItem(doc, "houses"));
    assert_non_null(cJSON_GetObjectItem(doc, "planets"));
    cJSON_Delete(doc);

    /* the error document */
    err_set(&err, ERR_INVALID_LATITUDE, "birth.latitude", "latitude must be between -90 and 90");
    jw_reset(&w);
    error_json_write(&w, &err);
    assert_string_equal(w.buf, "{\"error\":{\"code\":\"invalid_latitude\",\"message\":\"latitude "
                               "must be between -90 and 90\",\"field\":\"birth.latitude\"}}");
    jw_free(&w);
    free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
