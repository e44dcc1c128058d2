/* test_alerts.c - the alert rules (service/alerts.c) as pure logic: exact
 * sequences of values through the firing / resolved state machine (the
 * threshold's edge, a value that stays above, flapping inside and past the
 * repeat limit, NaN), and the histogram quantile against hand-computed
 * values; plus the RFC 3339 parser and formatter the alerts use.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "service/alerts.h"
#include "service/timefmt.h"

#include <math.h>
#include <string.h>

/* Feeds values[i] at times[i] to metric and writes what came out as one
 * letter per step: F (firing), R (resolved), . (nothing). */
static void run(struct alerts *a, int metric, const double *values, const double *times, int n,
                char *out)
{
    for (int i = 0; i < n; i++) {
        struct alert_event ev;
        memset(&ev, 0, sizeof ev);
        if (alerts_observe(a, metric, values[i], times[i], &ev)) {
            assert_int_equal(ev.metric, metric);
            assert_true(ev.value == values[i]);
            assert_true(ev.threshold == a->rule[metric].threshold);
            out[i] = ev.firing ? 'F' : 'R';
        } else {
            out[i] = '.';
        }
    }
    out[n] = '\0';
}

static const double defaults[ALERT_METRIC_COUNT] = {80, 80, 70, 0.5, 1, 0.1, 1};

static void test_names(void **state)
{
    (void)state;
    const char *want[ALERT_METRIC_COUNT] = {"cpu", "memory", "disk_io", "p95",
                                            "p99", "5xx_rate", "4xx_rate"};
    for (int i = 0; i < ALERT_METRIC_COUNT; i++)
        assert_string_equal(alerts_metric_name(i), want[i]);
    assert_string_equal(alerts_metric_name(-1), "");
    assert_string_equal(alerts_metric_name(ALERT_METRIC_COUNT), "");
}

static void test_fire_hold_resolve(void **state)
{
    (void)state;
    struct alerts a;
    alerts_init(&a, defaults, 300);
    /* 80 is not above 80; 80.001 is; it stays above (one alert), then
     * exactly 80 resolves it */
    const double v[] = {10, 80, 80.001, 95, 99, 80, 50, 50};
    const double t[] = {0, 60, 120, 180, 240, 300, 360, 420};
    char out[16];
    run(&a, ALERT_CPU, v, t, 8, out);
    assert_string_equal(out, "..F..R..");
    /* other metrics were not touched */
    assert_false(a.rule[ALERT_MEMORY].reported);
    assert_false(a.rule[ALERT_CPU].reported);
}

static void test_flapping(void **state)
{
    (void)state;
    struct alerts a;
    alerts_init(&a, defaults, 300);
    /* fires at 0; resolves at 60; above again at 120 and 180, within 300 s
     * of the last alert: held back, and so no resolve at 240 either; above
     * at 300 (300 s after 0): fires; resolves at 360; above at 420: held */
    const double v[] = {90, 10, 90, 90, 10, 90, 10, 90, 10};
    const double t[] = {0, 60, 120, 180, 240, 300, 360, 420, 480};
    char out[16];
    run(&a, ALERT_MEMORY, v, t, 9, out);
    assert_string_equal(out, "FR...FR..");
    /* above and held back until the limit has passed since the alert at
     * 300: then it fires, while still above */
    const double v2[] = {90, 90, 90, 90};
    const double t2[] = {500, 599, 600, 700};
    run(&a, ALERT_MEMORY, v2, t2, 4, out);
    assert_string_equal(out, "..F.");
}

static void test_no_repeat_limit(void **state)
{
    (void)state;
    struct alerts a;
    alerts_init(&a, defaults, 0);
    const double v[] = {2, 0, 2, 0, 2};
    const double t[] = {0, 1, 2, 3, 4};
    char out[8];
    run(&a, ALERT_4XX_RATE, v, t, 5, out);
    assert_string_equal(out, "FRFRF");
}

static void test_nan_changes_nothing(void **state)
{
    (void)state;
    struct alerts a;
    alerts_init(&a, defaults, 300);
    const double v[] = {NAN, 0.5, NAN, NAN, 0.05, NAN};
    const double t[] = {0, 1, 2, 3, 4, 5};
    char out[8];
    run(&a, ALERT_5XX_RATE, v, t, 6, out);
    assert_string_equal(out, ".F..R.");
    /* a threshold of 0: any value above 0 fires; 0 itself does not */
    double zero[ALERT_METRIC_COUNT] = {0};
    alerts_init(&a, zero, 300);
    const double v2[] = {0, 0.0001, 0};
    run(&a, ALERT_4XX_RATE, v2, t, 3, out);
    assert_string_equal(out, ".FR");
    struct alert_event ev;
    assert_false(alerts_observe(&a, ALERT_METRIC_COUNT, 5, 0, &ev));
    assert_false(alerts_observe(&a, -1, 5, 0, &ev));
}

static void test_quantile(void **state)
{
    (void)state;
    const double bound[3] = {0.1, 0.5, 1.0};
    /* 10 in (0, 0.1], 10 in (0.1, 0.5], none in (0.5, 1], 0 above */
    const uint64_t c1[4] = {10, 10, 0, 0};
    /* rank 0.5 * 20 = 10: the top of the first bucket */
    assert_true(fabs(alerts_quantile(c1, bound, 3, 0.5) - 0.1) < 1e-12);
    /* rank 0.95 * 20 = 19: 9 of 10 into (0.1, 0.5] */
    assert_true(fabs(alerts_quantile(c1, bound, 3, 0.95) - (0.1 + 0.4 * 0.9)) < 1e-12);
    /* rank 0.25 * 20 = 5: half of the first bucket, from 0 */
    assert_true(fabs(alerts_quantile(c1, bound, 3, 0.25) - 0.05) < 1e-12);
    /* in the overflow bucket: the last finite bound */
    const uint64_t c2[4] = {1, 0, 0, 99};
    assert_true(alerts_quantile(c2, bound, 3, 0.99) == 1.0);
    /* empty buckets before the rank are skipped */
    const uint64_t c3[4] = {0, 0, 4, 0};
    assert_true(fabs(alerts_quantile(c3, bound, 3, 0.5) - 0.75) < 1e-12);
    const uint64_t none[4] = {0, 0, 0, 0};
    assert_true(isnan(alerts_quantile(none, bound, 3, 0.99)));
}

static void test_rfc3339(void **state)
{
    (void)state;
    int64_t us = -1;
    assert_true(timefmt_parse_rfc3339("2024-01-02T03:04:05Z", &us));
    assert_int_equal(us, INT64_C(1704164645) * 1000000);
    assert_true(timefmt_parse_rfc3339("2024-01-02t03:04:05.5z", &us));
    assert_int_equal(us, INT64_C(1704164645) * 1000000 + 500000);
    assert_true(timefmt_parse_rfc3339("2024-01-02T08:34:05.000001234+05:30", &us));
    assert_int_equal(us, INT64_C(1704164645) * 1000000 + 1);
    assert_true(timefmt_parse_rfc3339("1970-01-01T00:00:00Z", &us));
    assert_int_equal(us, 0);
    char out[32];
    timefmt_rfc3339(INT64_C(1704164645) * 1000000 + 6, out);
    assert_string_equal(out, "2024-01-02T03:04:05.000006Z");
    us = 7;
    const char *bad[] = {"",
                         "2024-01-02",
                         "2024-01-02T03:04:05",
                         "2024-02-30T03:04:05Z",
                         "2023-02-29T00:00:00Z",
                         "2024-01-02T24:00:00Z",
                         "2024-01-02T03:60:00Z",
                         "2024-01-02 03:04:05Z",
                         "2024-01-02T03:04:05.Z",
                         "2024-01-02T03:04:05+5:30",
                         "2024-01-02T03:04:05+05:30x",
                         "2024-01-02T03:04:05+",
                         "1969-12-31T23:59:59Z",
                         "1970-01-01T00:00:00+00:01",
                         "2024-01-02T03:04:05.1234567890Z"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (timefmt_parse_rfc3339(bad[i], &us))
            fail_msg("accepted %s", bad[i]);
    assert_int_equal(us, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),           cmocka_unit_test(test_fire_hold_resolve),
        cmocka_unit_test(test_flapping),        cmocka_unit_test(test_no_repeat_limit),
        cmocka_unit_test(test_nan_changes_nothing), cmocka_unit_test(test_quantile),
        cmocka_unit_test(test_rfc3339),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
