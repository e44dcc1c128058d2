/* test_ashtakavarga.c - the ashtakavarga against its invariants on 1,000
 * random charts and against the worked examples of P.V.R. Narasimha Rao,
 * "Vedic Astrology: An Integrated Approach" ch. 12 (Exercises 19-22), as
 * reproduced in PyJHora's tests (src/jhora/tests/pvr_tests.py).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/ashtakavarga.h"
#include "testutil.h"

static const int totals[AV_ROWS] = {48, 49, 39, 54, 56, 52, 39, 49};

/* Computes the chart of "key=value" fields date, time, tz, lat, lon. */
static void compute(struct chart *c, const char *const kv[5])
{
    struct birth b;
    struct chart_options o;
    struct error err;
    tu_birth(&b, &o, kv[0], kv[1], kv[2], kv[3], kv[4], NULL);
    if (chart_compute(tu_ctx(), &b, &o, c, NULL, &err))
        fail_msg("%s %s: %s", kv[0], kv[1], err.message);
}

/* The invariants of BPHS ch. 66: each row's total is fixed and the seven
 * planets' rows add up to 337, whatever the chart. */
static void test_invariants_random_charts(void **state)
{
    (void)state;
    unsigned seed = 20240607;
    struct chart c;
    struct ashtakavarga av;
    for (int r = 0; r < AV_ROWS; r++)
        assert_int_equal(ashtakavarga_row_total(r), totals[r]);
    for (int n = 0; n < 1000; n++) {
        char date[24], time[16], lat[16], lon[16];
        seed = seed * 1103515245u + 12345u;
        int year = 1800 + (int)(seed >> 8) % 600;
        seed = seed * 1103515245u + 12345u;
        int month = 1 + (int)(seed >> 8) % 12, day = 1 + (int)(seed >> 16) % 28;
        seed = seed * 1103515245u + 12345u;
        int hour = (int)(seed >> 8) % 24, minute = (int)(seed >> 16) % 60;
        seed = seed * 1103515245u + 12345u;
        double la = -60.0 + (seed >> 8) % 12000 / 100.0;
        seed = seed * 1103515245u + 12345u;
        double lo = -180.0 + (seed >> 8) % 36000 / 100.0;
        snprintf(date, sizeof date, "date=%04d-%02d-%02d", year, month, day);
        snprintf(time, sizeof time, "time=%02d:%02d", hour, minute);
        snprintf(lat, sizeof lat, "lat=%.2f", la);
        snprintf(lon, sizeof lon, "lon=%.2f", lo);
        const char *const kv[5] = {date, time, "tz=UTC", lat, lon};
        compute(&c, kv);
        ashtakavarga_compute(&c, &av);
        int sum = 0;
        for (int r = 0; r < AV_ROWS; r++) {
            int row = 0;
            for (int s = 0; s < 12; s++) {
                assert_true(av.bhinna[r][s] <= 8);
                row += av.bhinna[r][s];
            }
            if (row != totals[r] || av.bhinna_total[r] != totals[r])
                fail_msg("%s %s: %s total %d", date, time, ashtakavarga_row_name(r), row);
        }
        for (int s = 0; s < 12; s++) {
            int col = 0;
            for (int r = 0; r < GRAHA_SEVEN; r++)
                col += av.bhinna[r][s];
            assert_int_equal(av.sarva[s], col);
            sum += av.sarva[s];
        }
        assert_int_equal(sum, AV_SARVA_TOTAL);
        assert_int_equal(av.sarva_total, AV_SARVA_TOTAL);
    }
}

/* The book's tables follow Narasimha Rao's variant in four cells; we use
 * BPHS (docs/ashtakavarga.md). Turn a book row into the BPHS row by moving
 * exactly those bindus: Moon's row from the Moon (book 9th, BPHS none),
 * from Mars (BPHS adds the 9th), from Jupiter (book 2nd, BPHS 12th);
 * Venus's row from Mars (book 4th, BPHS 5th). */
static void to_bphs(int moon[12], int venus[12], const int signs[AV_ROWS])
{
    moon[(signs[GRAHA_MOON] + 8) % 12] -= 1;
    moon[(signs[GRAHA_MARS] + 8) % 12] += 1;
    moon[(signs[GRAHA_JUPITER] + 1) % 12] -= 1;
    moon[(signs[GRAHA_JUPITER] + 11) % 12] += 1;
    venus[(signs[GRAHA_MARS] + 3) % 12] -= 1;
    venus[(signs[GRAHA_MARS] + 4) % 12] += 1;
}

static void check_rows(const struct ashtakavarga *av, int book[][12], int nrows,
                       const int signs[AV_ROWS], const char *what)
{
    to_bphs(book[GRAHA_MOON], book[GRAHA_VENUS], signs);
    for (int r = 0; r < nrows; r++)
        for (int s = 0; s < 12; s++)
            if (av->bhinna[r][s] != book[r][s])
                fail_msg("%s: %s %s: got %d want %d", what, ashtakavarga_row_name(r),
                         sign_name(s), av->bhinna[r][s], book[r][s]);
}

/* Chart 6 of the book (P.V. Narasimha Rao, 1921-06-28 12:49 IST, 18N26
 * 79E09): computed by the engine from the birth data, then all eight
 * bhinna rows (Exercise 19) and the sarva (Exercise 20). */
static void test_book_chart_6(void **state)
{
    (void)state;
    struct chart c;
    struct ashtakavarga av;
    static const char *const kv[5] = {"date=1921-06-28", "time=12:49", "tz=+05:30",
                                      "lat=18.4333", "lon=79.15"};
    compute(&c, kv);
    const int signs[AV_ROWS] = {GEMINI, PISCES, GEMINI, GEMINI, LEO, ARIES, LEO, VIRGO};
    for (int g = 0; g < GRAHA_SEVEN; g++)
        assert_int_equal(c.grahas[g].pos.sign, signs[g]);
    assert_int_equal(c.ascendant.sign, signs[AV_LAGNA]);
    ashtakavarga_compute(&c, &av);
    int book[AV_ROWS][12] = {
        {5, 3, 5, 3, 4, 4, 2, 3, 5, 4, 5, 5}, {3, 2, 5, 3, 6, 3, 4, 5, 5, 5, 3, 5},
        {4, 3, 4, 3, 4, 3, 2, 5, 1, 3, 3, 4}, {7, 4, 7, 4, 4, 3, 4, 4, 4, 3, 6, 4},
        {4, 3, 5, 6, 3, 7, 4, 3, 5, 6, 5, 5}, {8, 7, 4, 3, 3, 2, 4, 6, 4, 4, 4, 3},
        {3, 3, 4, 3, 2, 3, 2, 3, 4, 5, 3, 4}, {5, 5, 6, 3, 6, 3, 1, 7, 3, 4, 3, 3},
    };
    check_rows(&av, book, AV_ROWS, signs, "Exercise 19");
    int sarva[12] = {34, 25, 34, 25, 26, 25, 22, 29, 28, 30, 29, 30};
    int dm[12] = {0}, dv[12] = {0};
    to_bphs(dm, dv, signs);
    for (int s = 0; s < 12; s++)
        assert_int_equal(av.sarva[s], sarva[s] + dm[s] + dv[s]);
    /* The same two rows written out: the book rows with the four cells moved. */
    static const int moon_bphs[12] = {3, 2, 5, 4, 6, 2, 4, 4, 5, 5, 4, 5};
    static const int venus_bphs[12] = {8, 7, 4, 3, 3, 1, 5, 6, 4, 4, 4, 3};
    for (int s = 0; s < 12; s++) {
        assert_int_equal(av.bhinna[GRAHA_MOON][s], moon_bphs[s]);
        assert_int_equal(av.bhinna[GRAHA_VENUS][s], venus_bphs[s]);
    }
}

/* Chart 7 of the book, placed by signs (Exercise 22: the seven rows). */
static void test_book_chart_7(void **state)
{
    (void)state;
    struct ashtakavarga av;
    const int signs[AV_ROWS] = {CAPRICORN, ARIES, SAGITTARIUS, SAGITTARIUS,
                                LIBRA,     AQUARIUS, ARIES,   SCORPIO};
    ashtakavarga_from_signs(signs, &av);
    int book[GRAHA_SEVEN][12] = {
        {4, 2, 3, 4, 6, 5, 5, 3, 2, 6, 6, 2}, {6, 3, 5, 3, 5, 5, 6, 3, 3, 4, 4, 2},
        {3, 2, 3, 4, 2, 5, 4, 3, 3, 4, 3, 3}, {4, 6, 4, 3, 4, 7, 4, 5, 6, 3, 5, 3},
        {4, 4, 3, 5, 6, 5, 6, 4, 6, 4, 3, 6}, {3, 5, 5, 4, 6, 2, 3, 6, 5, 2, 7, 4},
        {3, 2, 2, 3, 5, 6, 3, 4, 1, 3, 6, 1},
    };
    check_rows(&av, book, GRAHA_SEVEN, signs, "Exercise 22");
}

/* Chart 12 of the book, placed by signs (Exercise 21: the sarva). */
static void test_book_chart_12(void **state)
{
    (void)state;
    struct ashtakavarga av;
    const int signs[AV_ROWS] = {SAGITTARIUS, CAPRICORN, SCORPIO, SAGITTARIUS,
                                SCORPIO,     TAURUS,    PISCES,  VIRGO};
    static const int sarva[12] = {24, 25, 31, 28, 27, 39, 33, 29, 26, 22, 28, 25};
    int dm[12] = {0}, dv[12] = {0};
    ashtakavarga_from_signs(signs, &av);
    to_bphs(dm, dv, signs);
    for (int s = 0; s < 12; s++)
        assert_int_equal(av.sarva[s], sarva[s] + dm[s] + dv[s]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invariants_random_charts),
        cmocka_unit_test(test_book_chart_6),
        cmocka_unit_test(test_book_chart_7),
        cmocka_unit_test(test_book_chart_12),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
