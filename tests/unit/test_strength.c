/* test_strength.c - shadbala, bhava bala, vimshopaka bala and the virupa
 * aspect (drishti) against B.V. Raman's worked "Standard Horoscope" in
 * "Graha and Bhava Balas" (born 16 October 1918, 14:22 IST, Bangalore
 * 13 N 77 35 E; Lagna Capricorn), whose positions and tables are quoted as
 * PyJHora transcribes them (src/jhora/tests/pvr_tests.py,
 * shadbala_BVRamanBook_tests), and against hand computations of the rules.
 * The rules are checked exactly by feeding the book's own longitudes into
 * the pure functions; a full chart of the same birth (Raman's ayanamsa) is
 * then checked end to end within the difference of the ephemerides.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/drishti.h"
#include "engine/kundli.h"
#include "engine/strength.h"
#include "testutil.h"

#include <math.h>

#define CLOSE(expected, actual, tol)                                                               \
    do {                                                                                           \
        double e_ = (expected), a_ = (actual);                                                     \
        if (!(fabs(e_ - a_) <= (tol)))                                                             \
            fail_msg("%s:%d: expected %.4f, got %.4f (tolerance %.3f)", __FILE__, __LINE__, e_,    \
                     a_, (double)(tol));                                                           \
    } while (0)

static double dms(int d, int m, int s)
{
    return d + m / 60.0 + s / 3600.0;
}

/* The Standard Horoscope's sidereal longitudes, Sun .. Ketu (the book's
 * table of planetary positions, as transcribed by PyJHora). */
static double raman_lon[GRAHA_CLASSICAL];
static int raman_sign[GRAHA_CLASSICAL];
#define RAMAN_LAGNA_SIGN CAPRICORN

static int setup(void **state)
{
    (void)state;
    const double lon[GRAHA_CLASSICAL] = {dms(180, 53, 55), dms(311, 17, 19), dms(229, 30, 34),
                                         dms(181, 31, 34), dms(84, 0, 49),   dms(171, 9, 56),
                                         dms(124, 22, 41), dms(234, 23, 47), dms(54, 23, 47)};
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        raman_lon[g] = lon[g];
        raman_sign[g] = (int)(lon[g] / 30.0);
    }
    return 0;
}

/* ---- drishti ---------------------------------------------------------- */

/* Raman sec. 114 (BPHS ch. 26): 15 on the 3rd and 10th, 30 on the 5th and
 * 9th, 45 on the 4th and 8th, 60 on the 7th, nothing within 30 degrees or
 * beyond 300; sec. 115: the special aspects bring Mars (4th, 8th), Jupiter
 * (5th, 9th) and Saturn (3rd, 10th) to 60. */
static void test_drishti_table(void **state)
{
    (void)state;
    static const struct {
        int graha;
        double k, virupa;
    } rows[] = {
        {GRAHA_SUN, 0, 0},        {GRAHA_SUN, 29.9, 0},     {GRAHA_SUN, 45, 7.5},
        {GRAHA_SUN, 60, 15},      {GRAHA_SUN, 75, 30},      {GRAHA_SUN, 90, 45},
        {GRAHA_SUN, 105, 37.5},   {GRAHA_SUN, 120, 30},     {GRAHA_SUN, 135, 15},
        {GRAHA_SUN, 150, 0},      {GRAHA_SUN, 165, 30},     {GRAHA_SUN, 180, 60},
        {GRAHA_SUN, 210, 45},     {GRAHA_SUN, 240, 30},     {GRAHA_SUN, 270, 15},
        {GRAHA_SUN, 300, 0},      {GRAHA_SUN, 330, 0},      {GRAHA_MARS, 90, 60},
        {GRAHA_MARS, 210, 60},    {GRAHA_MARS, 120, 30},    {GRAHA_MARS, 180, 60},
        {GRAHA_JUPITER, 120, 60}, {GRAHA_JUPITER, 240, 60}, {GRAHA_JUPITER, 150, 0},
        {GRAHA_SATURN, 60, 60},   {GRAHA_SATURN, 270, 60},  {GRAHA_SATURN, 90, 45},
        {GRAHA_RAHU, 90, 45},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        /* only the difference counts: try it across 0 Aries too */
        CLOSE(rows[i].virupa, drishti_virupa(rows[i].graha, 10.0, 10.0 + rows[i].k), 1e-9);
        CLOSE(rows[i].virupa, drishti_virupa(rows[i].graha, 350.0, 350.0 + rows[i].k), 1e-9);
    }
}

/* ---- sthana bala ------------------------------------------------------ */

static void varga_signs(int g, int vs[STRENGTH_SAPTAVARGA])
{
    for (int i = 0; i < STRENGTH_SAPTAVARGA; i++)
        vs[i] = varga_sign(varga_division(strength_saptavarga[i]), raman_lon[g], NULL);
}

/* Raman's sthanabala tables of the Standard Horoscope (ch. III), Sun ..
 * Saturn. Uchcha bala: the book prints Mars 37.06 and Saturn 34.08; the
 * book's own sthana totals (172.06, 177.30) and its Mars and Saturn give
 * 37.17 (a rounded longitude in the book) and 34.79 (34.08 is a misprint:
 * 177.30 - 97.5 - 15 - 30 = 34.80), so uchcha is held to 0.12. */
static void test_raman_sthana(void **state)
{
    (void)state;
    static const double uchcha[7] = {3.0, 32.75, 37.06, 54.5, 56.33, 1.95, 34.80};
    static const double saptavargaja[7] = {90, 48.75, 90, 135, 71.25, 116.25, 97.5};
    static const double ojayugma[7] = {30, 15, 15, 30, 15, 30, 15};
    static const double kendradi[7] = {60, 30, 30, 60, 15, 15, 30};
    static const double drekkana[7] = {15, 0, 0, 0, 0, 15, 0};
    static const double sthana[7] = {198, 126.5, 172.06, 279.5, 157.58, 178.2, 177.3};
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        int vs[STRENGTH_SAPTAVARGA];
        varga_signs(g, vs);
        double deg = raman_lon[g] - 30.0 * raman_sign[g];
        int house = (raman_sign[g] - RAMAN_LAGNA_SIGN + 12) % 12 + 1;
        double u = strength_uchcha(g, raman_lon[g]);
        double sv = strength_saptavargaja(g, vs, deg, raman_sign);
        double oj = strength_ojayugma(g, raman_sign[g], varga_sign(9, raman_lon[g], NULL));
        double ke = strength_kendradi(house), dr = strength_drekkana(g, deg);
        CLOSE(uchcha[g], u, 0.12);
        CLOSE(saptavargaja[g], sv, 1e-9); /* e.g. Jupiter 1.875+7.5+15+7.5+7.5+30+1.875 */
        CLOSE(ojayugma[g], oj, 0);
        CLOSE(kendradi[g], ke, 0);
        CLOSE(drekkana[g], dr, 0);
        CLOSE(sthana[g], u + sv + oj + ke + dr, 0.12);
    }
}

/* ---- kala bala --------------------------------------------------------- */

/* Raman's kalabala tables (ch. V) for the Standard Horoscope. */
static void test_raman_kala(void **state)
{
    (void)state;
    bool benefic[STRENGTH_GRAHAS];
    double elongation = raman_lon[GRAHA_MOON] - raman_lon[GRAHA_SUN];
    strength_benefics(raman_sign, elongation, benefic);
    /* the Moon waxing, Mercury with the Sun: malefic */
    static const bool want[7] = {false, true, false, false, true, true, false};
    static const double paksha[7] = {16.54, 86.92, 16.54, 16.54, 43.46, 43.46, 16.54};
    /* Nathonnatha: the book's Sun 48.32 is 2.336 h from apparent noon,
     * which gives every other value of its row. */
    static const double natha[7] = {48.32, 11.68, 11.68, 60, 48.32, 48.32, 11.68};
    /* Tribhaga: born in the last third of the day (Saturn), Jupiter always. */
    static const double tribhaga[7] = {0, 0, 0, 0, 60, 0, 60};
    static const double naisargika[7] = {60, 51.43, 17.14, 25.70, 34.28, 42.85, 8.57};
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        assert_int_equal(want[g], benefic[g]);
        CLOSE(paksha[g], strength_paksha(g, elongation, benefic[g]), 0.02);
        CLOSE(natha[g], strength_nathonnatha(g, 2.336), 0.01);
        CLOSE(tribhaga[g], strength_tribhaga(g, 2), 0);
        CLOSE(naisargika[g], strength_naisargika(g), 0.015); /* the book truncates */
    }
    /* Abda lord Saturn (15), masa lord Mercury (30), vara Wednesday
     * (Mercury, 45), hora lord the Moon (60): the 9th hora of Wednesday. */
    long long a = strength_ahargana(1918, 10, 16);
    assert_int_equal(GRAHA_SATURN, strength_abda_lord(a));
    assert_int_equal(GRAHA_MERCURY, strength_masa_lord(a));
    assert_int_equal(GRAHA_MOON, strength_hora_lord(3, 8));
    assert_int_equal(GRAHA_MERCURY, strength_hora_lord(3, 0));
    assert_int_equal(GRAHA_SATURN, strength_hora_lord(6, 7));
    /* V.P. Jain's worked example (Text Book for Shadbala and Bhavabala,
     * born 13 September 1981 01:30 IST before sunrise, so the Vedic day is
     * Saturday 12 September; transcribed in PyJHora's
     * shadbala_VPJainBook_tests): abda and masa lord Mars, hora Mercury. */
    a = strength_ahargana(1981, 9, 12);
    assert_int_equal(GRAHA_MARS, strength_abda_lord(a));
    assert_int_equal(GRAHA_MARS, strength_masa_lord(a));
    assert_int_equal(GRAHA_MERCURY, strength_hora_lord(6, 19));
    /* Ayana bala: (24 + declination) * 1.25, north counted for the Sun,
     * Mars, Jupiter, Venus, south for the Moon and Saturn, either for
     * Mercury. */
    CLOSE(30.0, strength_ayana(GRAHA_SUN, 0.0), 1e-9);
    CLOSE(60.0, strength_ayana(GRAHA_SUN, 24.0), 1e-9);
    CLOSE(0.0, strength_ayana(GRAHA_MOON, 24.0), 1e-9);
    CLOSE(60.0, strength_ayana(GRAHA_MERCURY, -24.0), 1e-9);
}

/* ---- drik bala ----------------------------------------------------------- */

/* Raman ch. VIII: the Sun's drishti pinda +63.45, drik bala 15.86; the
 * book's drik bala row Sun .. Saturn. */
static void test_raman_drik(void **state)
{
    (void)state;
    static const double drik[7] = {15.86, -21.73, 0.95, 15.64, -16.04, 18.47, 7.21};
    bool benefic[STRENGTH_GRAHAS];
    strength_benefics(raman_sign, raman_lon[GRAHA_MOON] - raman_lon[GRAHA_SUN], benefic);
    for (int g = 0; g < STRENGTH_GRAHAS; g++)
        CLOSE(drik[g], strength_drik(g, raman_lon, benefic), 0.03);
}

/* ---- cheshta, ishta, kashta --------------------------------------------- */

/* The seeghra kendra at its ends: an outer planet opposite the mean Sun
 * (retrograde) has 60, one with it 0; an inner one at inferior
 * conjunction (its heliocentric mean opposite the mean Sun) 60. */
static void test_cheshta_kendra(void **state)
{
    (void)state;
    CLOSE(60.0, strength_cheshta_kendra(GRAHA_MARS, 200.0, 200.0, 20.0), 1e-9);
    CLOSE(0.0, strength_cheshta_kendra(GRAHA_SATURN, 20.0, 20.0, 20.0), 1e-9);
    CLOSE(60.0, strength_cheshta_kendra(GRAHA_VENUS, 100.0, 280.0, 100.0), 1e-9);
    /* Jupiter: true 84, own mean 80 -> madhya 82; mean Sun 190 -> 108/3 */
    CLOSE(36.0, strength_cheshta_kendra(GRAHA_JUPITER, 84.0, 80.0, 190.0), 1e-9);
    /* across 0 Aries the mean of the two is taken the short way */
    CLOSE(60.0, strength_cheshta_kendra(GRAHA_MARS, 358.0, 2.0, 180.0), 1e-9);
    /* Meeus table 31.A at J2000: the mean Sun 280.466457 */
    CLOSE(280.466457, strength_mean_longitude(GRAHA_SUN, 0.0), 1e-9);
    /* BPHS 27: ishta = sqrt(uchcha * cheshta), kashta = sqrt of the
     * complements: uchcha 32.76, cheshta 43.46 -> 37.73 and 21.23. */
    CLOSE(37.73, strength_ishta(32.76, 43.46), 0.005);
    CLOSE(21.23, strength_kashta(32.76, 43.46), 0.005);
    CLOSE(0.0, strength_kashta(60.0, 10.0), 1e-9);
}

/* ---- bhava bala ---------------------------------------------------------- */

static void test_bhava(void **state)
{
    (void)state;
    /* Sripati: the ascendant, the MC and their opposites, the quadrants
     * between trisected. */
    double m[12];
    strength_bhava_madhyas(10.0, 280.0, m);
    static const double want[12] = {10, 40, 70, 100, 130, 160, 190, 220, 250, 280, 310, 340};
    for (int h = 0; h < 12; h++)
        CLOSE(want[h], m[h], 1e-9);
    strength_bhava_madhyas(350.0, 255.0, m); /* a long 1st quadrant across 0 Aries */
    CLOSE(350.0 + 85.0 / 3.0 - 360.0, m[1], 1e-9);
    CLOSE(75.0, m[3], 1e-9);
    CLOSE(255.0 + 95.0 / 3.0, m[10], 1e-9);
    /* Bhava dig bala, 10 per house from the powerless kendra: a
     * chatushpada sign (Aries) 60 in the 10th, 50 in the 11th, 30 in the
     * 1st, 0 in the 4th; nara (Gemini) 60 in the 1st, 0 in the 7th;
     * jalachara (Cancer) 60 in the 4th; keeta (Scorpio) 60 in the 7th, 0
     * in the 1st; Sagittarius' first half nara, second chatushpada;
     * Capricorn's first half chatushpada, second jalachara. */
    CLOSE(60, strength_bhava_dig(10, 15.0), 0);
    CLOSE(50, strength_bhava_dig(11, 15.0), 0);
    CLOSE(30, strength_bhava_dig(1, 15.0), 0);
    CLOSE(0, strength_bhava_dig(4, 15.0), 0);
    CLOSE(60, strength_bhava_dig(1, 75.0), 0);
    CLOSE(0, strength_bhava_dig(7, 75.0), 0);
    CLOSE(60, strength_bhava_dig(4, 105.0), 0);
    CLOSE(60, strength_bhava_dig(7, 225.0), 0);
    CLOSE(0, strength_bhava_dig(1, 225.0), 0);
    CLOSE(60, strength_bhava_dig(1, 245.0), 0);
    CLOSE(60, strength_bhava_dig(10, 260.0), 0);
    CLOSE(60, strength_bhava_dig(10, 275.0), 0);
    CLOSE(60, strength_bhava_dig(4, 290.0), 0);
    /* Bhava drishti: Jupiter's and Mercury's drishti whole, the others a
     * quarter with their sign. A madhya 180 from Jupiter (60), 90 ahead of
     * Mars (malefic, 60 -> -15), nothing else in aspect. */
    double lons[7] = {0.0, 0.0, 90.0, 0.0, 0.0, 0.0, 0.0};
    bool benefic[7] = {false, true, false, true, true, true, false};
    lons[GRAHA_JUPITER] = 0.0;
    for (int g = 0; g < 7; g++)
        if (g != GRAHA_JUPITER && g != GRAHA_MARS)
            lons[g] = 175.0; /* 5 degrees behind the madhya: no aspect */
    CLOSE(60.0 - 15.0, strength_bhava_drishti(180.0, lons, benefic), 1e-9);
}

/* ---- vimshopaka ---------------------------------------------------------- */

/* BPHS 7.17-27 worked by hand for the book's Venus (Virgo 21 09'): D1
 * Virgo, lord Mercury, a great friend (natural friend, 2nd from Venus) 18;
 * D2 the Sun's hora, neutral 10; D3 Taurus own 20; D7 Cancer, the Moon a
 * great enemy 5; D9 Cancer 5; D12 Taurus own 20; D30 Saturn's Capricorn, a
 * great friend 18. Shadvarga (6 2 4 5 2 1) 291/20 = 14.55; saptavarga
 * (5 2 3 2.5 4.5 2 1) 263/20 = 13.15. */
static void test_vimshopaka(void **state)
{
    (void)state;
    int vs[VARGA_COUNT];
    for (int v = 0; v < VARGA_COUNT; v++)
        vs[v] = varga_sign(varga_division(v), raman_lon[GRAHA_VENUS], NULL);
    CLOSE(14.55, strength_vimshopaka(GRAHA_VENUS, VIMSHOPAKA_SHADVARGA, vs, raman_sign), 1e-9);
    CLOSE(13.15, strength_vimshopaka(GRAHA_VENUS, VIMSHOPAKA_SAPTAVARGA, vs, raman_sign), 1e-9);
    /* every varga in an own sign: the full 20 in each scheme */
    int own[VARGA_COUNT];
    for (int v = 0; v < VARGA_COUNT; v++)
        own[v] = LEO;
    for (int s = 0; s < VIMSHOPAKA_COUNT; s++)
        CLOSE(20.0, strength_vimshopaka(GRAHA_SUN, s, own, raman_sign), 1e-9);
}

/* ---- the whole chart ------------------------------------------------------- */

/* The Standard Horoscope computed from its birth data (Raman's ayanamsa,
 * as PyJHora runs it) against the book's tables: the positions of the
 * Swiss Ephemeris differ from the book's by up to a few arcminutes, and
 * the book reckons its time of day from its own sunrise, so the values
 * that depend on them are held to those differences. */
static void test_raman_chart(void **state)
{
    (void)state;
    struct birth b;
    struct chart_options o;
    struct error err;
    struct kundli *k = calloc(1, sizeof *k);
    assert_non_null(k);
    tu_birth(&b, &o, "date=1918-10-16", "time=14:22:16", "tz=+05:30", "lat=13", "lon=77.5833",
             NULL);
    assert_int_equal(0, options_set(&o, "ayanamsa", "raman", &err));
    assert_int_equal(0, options_set(&o, "sections", "strength", &err));
    if (kundli_compute(tu_ctx(), &b, &o, k, NULL, &err))
        fail_msg("%s", err.message);
    const struct strength *s = &k->strength;
    static const double sthana[7] = {198, 126.5, 172.06, 279.5, 157.58, 178.2, 177.3};
    static const double drik[7] = {15.86, -21.73, 0.95, 15.64, -16.04, 18.47, 7.21};
    static const double natha[7] = {48.32, 11.68, 11.68, 60, 48.32, 48.32, 11.68};
    static const double paksha[7] = {16.54, 86.92, 16.54, 16.54, 43.46, 43.46, 16.54};
    /* Dig bala: the book's row, but Mars, which it prints as 64.30 (its
     * arc of 192.9 degrees from the IC not taken from 360): 55.7. */
    static const double dig[7] = {48.10, 31.56, 55.70, 21.09, 11.50, 15.15, 58.02};
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        const struct shadbala *x = &s->graha[g];
        CLOSE(sthana[g], x->sthana, 0.15);
        CLOSE(drik[g], x->drik, 0.05);
        CLOSE(natha[g], x->nathonnatha, 0.3);
        CLOSE(paksha[g], x->paksha, 0.05);
        CLOSE(dig[g], x->dig, 0.4);
        CLOSE(x->sthana + x->dig + x->kala + x->cheshta + x->naisargika + x->drik, x->total, 1e-9);
        CLOSE(x->total / 60.0 / strength_required(g), x->ratio, 1e-9);
    }
    assert_int_equal(GRAHA_SATURN, s->abda_lord);
    assert_int_equal(GRAHA_MERCURY, s->masa_lord);
    assert_int_equal(GRAHA_MERCURY, s->vara_lord);
    assert_int_equal(GRAHA_MOON, s->hora_lord);
    assert_int_equal(-1, s->war_winner);
    /* Cheshta bala of the book (Mars 22.23, Jupiter 35.26, Saturn 21.14)
     * from its Surya Siddhanta tables; ours from modern mean elements. */
    CLOSE(22.23, s->graha[GRAHA_MARS].cheshta, 0.5);
    CLOSE(35.26, s->graha[GRAHA_JUPITER].cheshta, 0.5);
    CLOSE(21.14, s->graha[GRAHA_SATURN].cheshta, 0.5);
    /* Bhava bala: each house's lord's shadbala, and Capricorn rising in
     * the 1st (its first half chatushpada: 30 in the lagna). */
    assert_int_equal(CAPRICORN, s->bhava[0].sign);
    CLOSE(s->graha[GRAHA_SATURN].total, s->bhava[0].adhipati, 1e-9);
    for (int h = 0; h < 12; h++)
        CLOSE(s->bhava[h].adhipati + s->bhava[h].dig + s->bhava[h].drishti, s->bhava[h].total,
              1e-9);
    free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drishti_table),  cmocka_unit_test(test_raman_sthana),
        cmocka_unit_test(test_raman_kala),     cmocka_unit_test(test_raman_drik),
        cmocka_unit_test(test_cheshta_kendra), cmocka_unit_test(test_bhava),
        cmocka_unit_test(test_vimshopaka),     cmocka_unit_test(test_raman_chart),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
