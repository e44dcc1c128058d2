/* test_swetest.c - the chart engine against Debian's swetest: all 200 rows
 * of testdata/swetest_sidereal.tsv, every graha, both node types, speeds,
 * ascendant and MC, within 0.5 arcsecond. Prints the worst case.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/chart.h"
#include "testutil.h"

#include <math.h>

#define TOLERANCE (0.5 * ARCSEC)

struct worst {
    double diff;
    char what[96];
};

static void check(struct worst *w, const char *row, const char *what, double got, double want,
                  bool angle)
{
    double d = fabs(angle ? tu_angle_diff(got, want) : got - want);
    if (d > w->diff) {
        w->diff = d;
        snprintf(w->what, sizeof w->what, "%.20s %s", row, what);
    }
    if (d > TOLERANCE)
        fail_msg("%s %s: got %.7f want %.7f (%.3f arcsec)", row, what, got, want, d * 3600);
}

static void compute(char **f, const char *node, struct chart *c)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    char date[11], time[9];
    memcpy(date, f[0], 10); /* 1937-10-28T02:16:07Z */
    date[10] = '\0';
    memcpy(time, f[0] + 11, 8);
    time[8] = '\0';
    tu_birth(&b, &o, "timezone=UTC", "fold=0", NULL);
    assert_int_equal(birth_set(&b, "date", date, &err), 0);
    assert_int_equal(birth_set(&b, "time", time, &err), 0);
    assert_int_equal(birth_set(&b, "latitude", f[1], &err), 0);
    assert_int_equal(birth_set(&b, "longitude", f[2], &err), 0);
    assert_int_equal(options_set(&o, "ayanamsa", f[3], &err), 0);
    assert_int_equal(options_set(&o, "node", node, &err), 0);
    if (chart_compute(tu_ctx(), &b, &o, c, NULL, &err))
        fail_msg("%s: %s", f[0], err.message);
    assert_int_equal(c->ephemeris, 0); /* the Swiss files, not Moshier */
}

static void test_all_rows(void **state)
{
    (void)state;
    char *text = tu_read_file(KUNDLI_TESTDATA "/swetest_sidereal.tsv");
    assert_non_null(text);
    static const char *const bodies[7] = {"Sun", "Moon", "Mars", "Mercury", "Jupiter", "Venus",
                                          "Saturn"};
    struct worst w = {0, ""};
    struct chart mean, tru;
    int rows = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || strncmp(line, "ut\t", 3) == 0)
            continue;
        char *f[24];
        assert_int_equal(tu_split_tabs(line, f, 24), 24);
        compute(f, "mean", &mean);
        compute(f, "true", &tru);
        for (int g = 0; g < 7; g++) {
            char what[32];
            snprintf(what, sizeof what, "%s longitude", bodies[g]);
            check(&w, f[0], what, mean.grahas[g].pos.longitude, strtod(f[4 + 2 * g], NULL), true);
            snprintf(what, sizeof what, "%s speed", bodies[g]);
            check(&w, f[0], what, mean.grahas[g].speed, strtod(f[5 + 2 * g], NULL), false);
        }
        check(&w, f[0], "mean node", mean.grahas[GRAHA_RAHU].pos.longitude, strtod(f[18], NULL), true);
        check(&w, f[0], "mean node speed", mean.grahas[GRAHA_RAHU].speed, strtod(f[19], NULL), false);
        check(&w, f[0], "mean Ketu", mean.grahas[GRAHA_KETU].pos.longitude,
              zodiac_norm(strtod(f[18], NULL) + 180), true);
        check(&w, f[0], "true node", tru.grahas[GRAHA_RAHU].pos.longitude, strtod(f[20], NULL), true);
        check(&w, f[0], "true node speed", tru.grahas[GRAHA_RAHU].speed, strtod(f[21], NULL), false);
        check(&w, f[0], "ascendant", mean.ascendant.longitude, strtod(f[22], NULL), true);
        check(&w, f[0], "MC", mean.mc.longitude, strtod(f[23], NULL), true);
        rows++;
    }
    free(text);
    printf("swetest_sidereal.tsv: %d rows, worst difference %.4f arcsec (%s)\n", rows,
           w.diff * 3600, w.what);
    assert_int_equal(rows, 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_all_rows)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
