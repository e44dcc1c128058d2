/* test_aspects.c - graha drishti and rashi drishti against the worked
 * answers of P.V.R. Narasimha Rao, "Vedic Astrology: An Integrated
 * Approach", ch. 10 (Exercise 14, graha drishti of Chart 4; Exercise 15,
 * rashi drishti of the same chart), as the book prints them and PyJHora's
 * tests reproduce them (src/jhora/tests/pvr_tests.py, _graha_drishti_tests
 * and _raasi_drishti_tests); the rashi drishti of all twelve signs against
 * the table of Jaimini's sutras; the nodes' options; and the section of a
 * computed chart and its JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/aspects.h"
#include "engine/drishti.h"
#include "engine/kundli.h"
#include "output/aspects_json.h"
#include "book_cases.h"

#include <math.h>
#include <string.h>

enum { AR, TA, GE, CN, LE, VI, LI, SC, SG, CP, AQ, PI };
enum { SU, MO, MA, ME, JU, VE, SA, RA, KE, END = -1 };

/* The book's exercise chart (PyJHora: ['1','0','','','7','4','','2/L/6',
 * '3','5','8','']): Moon in Aries, Sun in Taurus, Rahu in Leo, Jupiter in
 * Virgo, Mars and Saturn with the lagna in Scorpio, Mercury in
 * Sagittarius, Venus in Capricorn, Ketu in Aquarius. */
static const int book_signs[GRAHA_CLASSICAL] = {TA, AR, SC, SG, VI, CP, SC, LE, AQ};
#define BOOK_LAGNA SC

struct expect {
    int signs[5];  /* END-terminated, in the book's order */
    int houses[4]; /* 0-terminated */
    int grahas[5]; /* END-terminated */
};

static void check(const struct drishti *d, const struct expect *e, const char *what, int g)
{
    int n = 0;
    while (n < 5 && e->signs[n] != END)
        n++;
    if (d->count != n)
        fail_msg("%s of %s: %d signs, expected %d", what, graha_name(g), d->count, n);
    for (int i = 0; i < n; i++) {
        if (d->sign[i] != e->signs[i])
            fail_msg("%s of %s: sign %d is %s, expected %s", what, graha_name(g), i,
                     sign_name(d->sign[i]), sign_name(e->signs[i]));
        assert_int_equal(d->house[i], e->houses[i]);
    }
    int m = 0;
    while (m < 5 && e->grahas[m] != END)
        m++;
    if (d->ngrahas != m)
        fail_msg("%s of %s: %d grahas, expected %d", what, graha_name(g), d->ngrahas, m);
    for (int i = 0; i < m; i++)
        if (d->grahas[i] != e->grahas[i])
            fail_msg("%s of %s: graha %d is %s, expected %s", what, graha_name(g), i,
                     graha_name(d->grahas[i]), graha_name(e->grahas[i]));
}

/* Exercise 14, the book's answer (aspected rasis, houses, planets):
 *   Sun      Sc          1st             Mars, Saturn
 *   Moon     Li          12th            -
 *   Mars     Aq, Ta, Ge  4th, 7th, 8th   Ketu, Sun
 *   Mercury  Ge          8th             -
 *   Jupiter  Cp, Pi, Ta  3rd, 5th, 7th   Venus, Sun
 *   Venus    Cn          9th             -
 *   Saturn   Cp, Ta, Le  3rd, 7th, 10th  Venus, Sun, Rahu
 * Rahu and Ketu have no graha drishti there (option node_aspects=none). */
static void test_graha_drishti_book_exercise_14(void **state)
{
    (void)state;
    static const struct expect want[GRAHA_CLASSICAL] = {
        [SU] = {{SC, END}, {1}, {MA, SA, END}},
        [MO] = {{LI, END}, {12}, {END}},
        [MA] = {{AQ, TA, GE, END}, {4, 7, 8}, {KE, SU, END}},
        [ME] = {{GE, END}, {8}, {END}},
        [JU] = {{CP, PI, TA, END}, {3, 5, 7}, {VE, SU, END}},
        [VE] = {{CN, END}, {9}, {END}},
        [SA] = {{CP, TA, LE, END}, {3, 7, 10}, {VE, SU, RA, END}},
        [RA] = {{END}, {0}, {END}},
        [KE] = {{END}, {0}, {END}},
    };
    struct aspects a;
    aspects_from_signs(book_signs, BOOK_LAGNA, NODE_ASPECTS_NONE, &a);
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        assert_int_equal(a.g[g].sign, book_signs[g]);
        check(&a.g[g].graha_drishti, &want[g], "graha drishti", g);
    }
    /* the nths behind them: Mars 4, 7, 8 (BPHS ch. 26) */
    assert_int_equal(a.g[MA].graha_drishti.nth[0], 4);
    assert_int_equal(a.g[MA].graha_drishti.nth[2], 8);
    assert_int_equal(a.g[SA].graha_drishti.nth[0], 3);
    assert_int_equal(a.g[SA].graha_drishti.nth[2], 10);
}

/* Exercise 15, the book's answer:
 *   Sun      Cn, Li, Cp  9th, 12th, 3rd  Venus
 *   Moon     Le, Sc, Aq  10th, 1st, 4th  Rahu, Mars, Saturn, Ketu
 *   Mars     Cp, Ar, Cn  3rd, 6th, 9th   Venus, Moon
 *   Mercury  Pi, Ge, Vi  5th, 8th, 11th  Jupiter
 *   Jupiter  Sg, Pi, Ge  2nd, 5th, 8th   Mercury
 *   Venus    Ta, Le, Sc  7th, 10th, 1st  Sun, Rahu, Mars, Saturn
 *   Saturn   Cp, Ar, Cn  3rd, 6th, 9th   Venus, Moon
 *   Rahu     Li, Cp, Ar  12th, 3rd, 6th  Venus, Moon
 *   Ketu     Ar, Cn, Li  6th, 9th, 12th  Moon */
static void test_rashi_drishti_book_exercise_15(void **state)
{
    (void)state;
    static const struct expect want[GRAHA_CLASSICAL] = {
        [SU] = {{CN, LI, CP, END}, {9, 12, 3}, {VE, END}},
        [MO] = {{LE, SC, AQ, END}, {10, 1, 4}, {RA, MA, SA, KE, END}},
        [MA] = {{CP, AR, CN, END}, {3, 6, 9}, {VE, MO, END}},
        [ME] = {{PI, GE, VI, END}, {5, 8, 11}, {JU, END}},
        [JU] = {{SG, PI, GE, END}, {2, 5, 8}, {ME, END}},
        [VE] = {{TA, LE, SC, END}, {7, 10, 1}, {SU, RA, MA, SA, END}},
        [SA] = {{CP, AR, CN, END}, {3, 6, 9}, {VE, MO, END}},
        [RA] = {{LI, CP, AR, END}, {12, 3, 6}, {VE, MO, END}},
        [KE] = {{AR, CN, LI, END}, {6, 9, 12}, {MO, END}},
    };
    struct aspects a;
    aspects_from_signs(book_signs, BOOK_LAGNA, NODE_ASPECTS_NONE, &a);
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        check(&a.g[g].rashi_drishti, &want[g], "rashi drishti", g);
}

/* Rashi drishti of every sign, tabulated from Jaimini's Upadesa Sutras
 * 1.1.2-4 (movable signs aspect the fixed ones but the adjacent, fixed the
 * movable but the adjacent, duals each other), as Narasimha Rao teaches it
 * in ch. 10; the same twelve rows as PyJHora's house._get_raasi_drishti. */
static void test_rashi_drishti_all_signs(void **state)
{
    (void)state;
    static const int table[12][3] = {
        [AR] = {LE, SC, AQ}, [TA] = {CN, LI, CP}, [GE] = {VI, SG, PI}, [CN] = {SC, AQ, TA},
        [LE] = {LI, CP, AR}, [VI] = {SG, PI, GE}, [LI] = {AQ, TA, LE}, [SC] = {CP, AR, CN},
        [SG] = {PI, GE, VI}, [CP] = {TA, LE, SC}, [AQ] = {AR, CN, LI}, [PI] = {GE, VI, SG},
    };
    for (int s = 0; s < 12; s++) {
        unsigned want = 0;
        for (int i = 0; i < 3; i++)
            want |= 1u << table[s][i];
        if (aspects_rashi_signs(s) != want)
            fail_msg("%s aspects %#x, expected %#x", sign_name(s), aspects_rashi_signs(s), want);
        /* mutual: a sign is aspected by each sign it aspects */
        for (int t = 0; t < 12; t++)
            if (aspects_rashi_signs(s) & (1u << t))
                assert_true(aspects_rashi_signs(t) & (1u << s));
    }
    assert_int_equal(aspects_rashi_signs(-1), 0);
    assert_int_equal(aspects_rashi_signs(12), 0);
}

/* The nodes' graha drishti by option: none (the book, default), seventh
 * (PyJHora's const.graha_drishti: 7 for every graha), bphs (the 5th, 7th,
 * 9th and 12th of the BPHS verse on Rahu). In the book's chart Rahu is in
 * Leo and Ketu in Aquarius. */
static void test_node_aspects_options(void **state)
{
    (void)state;
    struct aspects a;
    assert_int_equal(aspects_graha_nths(RA, NODE_ASPECTS_NONE), 0);
    assert_int_equal(aspects_graha_nths(KE, NODE_ASPECTS_SEVENTH), 1u << 7);
    assert_int_equal(aspects_graha_nths(RA, NODE_ASPECTS_BPHS),
                     (1u << 5) | (1u << 7) | (1u << 9) | (1u << 12));
    assert_int_equal(aspects_graha_nths(GRAHA_URANUS, NODE_ASPECTS_SEVENTH), 0);
    /* the seven planets do not depend on the option */
    for (int g = 0; g < GRAHA_SEVEN; g++)
        assert_int_equal(aspects_graha_nths(g, NODE_ASPECTS_NONE),
                         aspects_graha_nths(g, NODE_ASPECTS_BPHS));

    aspects_from_signs(book_signs, BOOK_LAGNA, NODE_ASPECTS_SEVENTH, &a);
    check(&a.g[RA].graha_drishti, &(struct expect){{AQ, END}, {4}, {KE, END}}, "seventh", RA);
    check(&a.g[KE].graha_drishti, &(struct expect){{LE, END}, {10}, {RA, END}}, "seventh", KE);
    aspects_from_signs(book_signs, BOOK_LAGNA, NODE_ASPECTS_BPHS, &a);
    check(&a.g[RA].graha_drishti,
          &(struct expect){{SG, AQ, AR, CN, END}, {2, 4, 6, 9}, {ME, KE, MO, END}}, "bphs", RA);
    /* rashi drishti does not depend on the option */
    check(&a.g[RA].rashi_drishti, &(struct expect){{LI, CP, AR, END}, {12, 3, 6}, {VE, MO, END}},
          "rashi drishti", RA);
}

/* The section of a computed chart: Chennai 1996-12-07 (book_cases.json,
 * signs as PyJHora/Jagannatha Hora print them: lagna Capricorn, Sun
 * Scorpio, Moon and Venus Libra, Mars Leo, Mercury and Jupiter
 * Sagittarius, Saturn and Ketu Pisces, Rahu Virgo). Mars in Leo, the 8th
 * house, aspects Scorpio (11th: the Sun), Aquarius (2nd) and Pisces (3rd:
 * Saturn, Ketu); Saturn in Pisces aspects Taurus (5th), Virgo (9th: Rahu)
 * and Sagittarius (12th: Mercury, Jupiter). Default sections include it;
 * each graha drishti carries its sphuta drishti (strength_virupa). */
static void test_chart_section_and_json(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    struct error err;
    struct kundli *k = calloc(1, sizeof *k);
    book_birth("chennai_1996", &b, &o);
    o.as_of = 1767225600.0; /* 2026-01-01 */
    assert_true(o.sections & SECTION_ASPECTS);
    assert_false(o.sections & SECTION_TRANSITS);
    if (kundli_compute(tu_ctx(), &b, &o, k, NULL, &err))
        fail_msg("%s", err.message);
    const struct aspects *a = &k->aspects;
    check(&a->g[MA].graha_drishti,
          &(struct expect){{SC, AQ, PI, END}, {11, 2, 3}, {SU, SA, KE, END}}, "graha drishti", MA);
    check(&a->g[SA].graha_drishti,
          &(struct expect){{TA, VI, SG, END}, {5, 9, 12}, {RA, ME, JU, END}}, "graha drishti", SA);
    /* every graha drishti carries drishti_virupa(aspecting, aspected) */
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        for (int i = 0; i < a->g[g].graha_drishti.ngrahas; i++) {
            int t = a->g[g].graha_drishti.grahas[i];
            double v = a->g[g].graha_drishti.strength_virupa[i];
            assert_true(v == drishti_virupa(g, k->chart.grahas[g].pos.longitude,
                                            k->chart.grahas[t].pos.longitude));
            assert_true(v >= 0 && v <= 60);
        }
    assert_true(isnan(a->g[MA].rashi_drishti.strength_virupa[0]));
    /* Mars in Leo (fixed): Libra, Capricorn, Aries: the Moon, Venus */
    check(&a->g[MA].rashi_drishti, &(struct expect){{LI, CP, AR, END}, {10, 1, 4}, {MO, VE, END}},
          "rashi drishti", MA);

    struct jsonw w;
    jw_init(&w, 1 << 16);
    aspects_json_write(&w, a, &k->chart);
    assert_int_equal(jw_finish(&w, &err), 0);
    cJSON *doc = cJSON_ParseWithLength(w.buf, w.len);
    assert_non_null(doc);
    assert_string_equal(cJSON_GetObjectItem(doc, "node_aspects")->valuestring, "none");
    const cJSON *mars = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "grahas"), MA);
    const cJSON *gd = cJSON_GetObjectItem(mars, "graha_drishti");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(gd, "houses")), 3);
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(gd, "signs"), 2)->valuestring,
                        "Pisces");
    const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(gd, "grahas"), 0);
    assert_string_equal(cJSON_GetObjectItem(first, "name")->valuestring, "Sun");
    /* Mars at 145.54 on the Sun at 231.56: 86.02 degrees ahead, under 90:
     * k - 45 = 41.02 virupas (BPHS ch. 26; Mars's special sight starts at
     * 90), whatever the sign-based 4th aspect says */
    assert_true(fabs(cJSON_GetObjectItem(first, "strength_virupa")->valuedouble - 41.02) < 1e-9);
    const cJSON *rd = cJSON_GetObjectItem(mars, "rashi_drishti");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(rd, "grahas"), 1)->valuestring,
                        "Venus");
    assert_null(cJSON_GetObjectItem(mars, "display"));
    cJSON_Delete(doc);
    jw_free(&w);
    /* option lang: display names beside the English ones (the Hindi names
     * of lang/hi.tsv), none without it (above) */
    k->chart.options.lang = LANG_HI;
    jw_init(&w, 1 << 16);
    aspects_json_write(&w, a, &k->chart);
    assert_int_equal(jw_finish(&w, &err), 0);
    doc = cJSON_ParseWithLength(w.buf, w.len);
    mars = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "grahas"), MA);
    assert_string_equal(cJSON_GetObjectItem(mars, "display")->valuestring, "मंगल");
    assert_string_equal(cJSON_GetObjectItem(mars, "sign")->valuestring, "Leo");
    rd = cJSON_GetObjectItem(mars, "rashi_drishti");
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItem(rd, "grahas_display"), 1)->valuestring, "शुक्र");
    cJSON_Delete(doc);
    jw_free(&w);
    free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graha_drishti_book_exercise_14),
        cmocka_unit_test(test_rashi_drishti_book_exercise_15),
        cmocka_unit_test(test_rashi_drishti_all_signs),
        cmocka_unit_test(test_node_aspects_options),
        cmocka_unit_test(test_chart_section_and_json),
    };
    return cmocka_run_group_tests(tests, book_setup, book_teardown);
}
