/* test_strength.c - shadbala, bhava bala, vimshopaka bala and the virupa
 * aspect (drishti) against B.V. Raman's worked "Standard Horoscope" in
 * "Graha and Bhava Balas" (born 16 October 1918, 14:22 IST, Bangalore
 * 13 N 77 35 E; Lagna Capricorn), whose positions and tables are quoted as
 * PyJHora transcribes them (src/jhora/tests/pvr_tests.py,
 * shadbala_BVRamanBook_tests); V.P. Jain's worked example ("Text Book for
 * Shadbala and Bhavabala", as PyJHora's shadbala_VPJainBook_tests quotes
 * it); the bhava dig bala table of "Vedic Astrological Calculations"; a
 * chart worked by hand with PyJHora's own formulas; and hand computations
 * of the rules. The rules are checked exactly by feeding the books' own
 * longitudes into the pure functions; full charts are then checked end to
 * end within the difference of the ephemerides, in both schools.
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
        double sv = strength_saptavargaja(g, vs, deg, raman_sign, STRENGTH_SCHOOL_RAMAN);
        /* BPHS 27.2-4 (Santhanam): 20 / 15 / 10 / 4 / 2 for the same
         * relations, e.g. Jupiter 2+10+15+10+10+30+2 = 79 */
        if (g == GRAHA_JUPITER)
            CLOSE(79.0, strength_saptavargaja(g, vs, deg, raman_sign, STRENGTH_SCHOOL_BPHS), 1e-9);
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

/* Raman ch. V: the kranti of the sayana bhuja by his table (362' at 15,
 * 703' at 30, 1002' at 45, 1238' at 60, 1388' at 75, 1440' at 90 degrees,
 * proportional parts between), north from Aries to Virgo. With the book's
 * longitudes and Raman's ayanamsa for the date (21.28096 degrees, as the
 * chart below computes it) it gives the book's ayana bala of the Sun 38.12
 * (doubled), the Moon 43.44, Mercury 41.25 and Venus 23.75. The book's
 * Mars 1.84, Jupiter 59.40 and Saturn 13.75 do not follow from its own
 * longitudes by its table (1.96, 58.86, 13.55; 59.40 needs a kranti of
 * 23.52 degrees, and the table gives 23.09 at Jupiter's bhuja of 74.7): held
 * to 0.6. */
static void test_raman_ayana(void **state)
{
    (void)state;
    CLOSE(362.0 / 60.0, strength_kranti_raman(15.0), 1e-12);
    CLOSE(24.0, strength_kranti_raman(90.0), 1e-12);
    CLOSE(-24.0, strength_kranti_raman(270.0), 1e-12);
    CLOSE((703.0 + 299.0 / 2.0) / 60.0, strength_kranti_raman(142.5), 1e-12); /* bhuja 37.5 */
    CLOSE(-181.0 / 60.0, strength_kranti_raman(352.5), 1e-12);                /* bhuja 7.5 */
    CLOSE(-181.0 / 60.0, strength_kranti_raman(-7.5), 1e-12);
    const double ayanamsa = 21.2809608;
    static const double book[7] = {38.12, 43.44, 1.84, 41.25, 59.40, 23.75, 13.75};
    static const double tol[7] = {0.03, 0.03, 0.6, 0.03, 0.6, 0.03, 0.6};
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        double a = strength_ayana(g, strength_kranti_raman(raman_lon[g] + ayanamsa));
        CLOSE(book[g], g == GRAHA_SUN ? 2.0 * a : a, tol[g]);
    }
}

/* Cheshta bala by Raman's tables (secs. 105-107; Tables IV-IX: the places at
 * 1 January 1900, 0h at 76 E, the daily motions, and his corrections): the
 * book's longitudes at its birth (08:52:16 UT, JD 2421882.86963) give its
 * row Mars 22.23, Mercury 2.30, Jupiter 35.26, Venus 5.95, Saturn 21.14.
 * V.P. Jain's example (13 September 1981, 01:30 IST = JD 2444860.33333;
 * his longitudes Sun 146 37' 19", Mars 103 18', Mercury 170 53', Jupiter
 * 170 45', Venus 186 27', Saturn 166 43') with the same tables and his own
 * longitudes, as he uses them: his 20.93, 28.76, 8.43, 28.18, 5.05. */
static void test_raman_cheshta_tables(void **state)
{
    (void)state;
    /* Table IV: the mean Sun at the epoch */
    CLOSE(257.4568, strength_raman_mean_longitude(GRAHA_SUN, 2415020.5 - 76.0 / 360.0), 1e-9);
    static const double raman[7] = {0, 0, 22.23, 2.30, 35.26, 5.95, 21.14};
    double jd = 2421882.869630, sun = strength_raman_mean_longitude(GRAHA_SUN, jd);
    for (int g = GRAHA_MARS; g < STRENGTH_GRAHAS; g++)
        CLOSE(raman[g],
              strength_cheshta_kendra(g, raman_lon[g], strength_raman_mean_longitude(g, jd), sun),
              0.02);
    static const double jain_lon[7] = {146 + 37 / 60.0 + 19 / 3600.0,
                                       309 + 50 / 60.0,
                                       103 + 18 / 60.0,
                                       170 + 53 / 60.0,
                                       170 + 45 / 60.0,
                                       186 + 27 / 60.0,
                                       166 + 43 / 60.0};
    static const double jain[7] = {0, 0, 20.93, 28.76, 8.43, 28.18, 5.05};
    jd = 2444860.333333;
    sun = strength_raman_mean_longitude(GRAHA_SUN, jd);
    for (int g = GRAHA_MARS; g < STRENGTH_GRAHAS; g++)
        CLOSE(jain[g],
              strength_cheshta_kendra(g, jain_lon[g], strength_raman_mean_longitude(g, jd), sun),
              0.06);
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
    /* A published table: "Vedic Astrological Calculations", Balas of Grahas
     * and Bhavas (its example's bhava madhyas and Nrurasyadi bala, p. 195):
     * 276 18' Makara (1st half) 30, 309 14' Kumbha 50, 343 34' Meena 50,
     * 15 36' Mesha 0, 43 48' Vrishabha 10, 69 43' Mithuna 10, 96 18' Kataka
     * 30, 129 14' Simha 40, 163 34' Kanya 20, 195 36' Tula 30, 223 48'
     * Vrischika 20. Its 12th, 249 43' Dhanus (1st half, nara) 20, is not
     * what its own rule gives (12th from the 7th where nara signs have none:
     * 50), and is left out. */
    static const struct {
        double madhya, dig;
    } vac[11] = {{276.3, 30}, {309.23, 50}, {343.57, 50}, {15.6, 0},   {43.8, 10}, {69.72, 10},
                 {96.3, 30},  {129.23, 40}, {163.57, 20}, {195.6, 30}, {223.8, 20}};
    for (int h = 0; h < 11; h++)
        CLOSE(vac[h].dig, strength_bhava_dig(h + 1, vac[h].madhya), 0);
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

/* Computes section strength of a birth given as "key=value" pairs. */
static struct kundli *strength_chart(const char *school, ...)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct kundli *k = calloc(1, sizeof *k);
    assert_non_null(k);
    birth_init(&b);
    options_init(&o);
    va_list ap;
    va_start(ap, school);
    for (const char *kv; (kv = va_arg(ap, const char *));) {
        char key[64];
        const char *eq = strchr(kv, '=');
        snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
        if (birth_param_set(&b, &o, key, eq + 1, &err))
            fail_msg("%s: %s", kv, err.message);
    }
    va_end(ap);
    assert_int_equal(0, options_set(&o, "sections", "strength", &err));
    if (school)
        assert_int_equal(0, options_set(&o, "strength_school", school, &err));
    if (kundli_compute(tu_ctx(), &b, &o, k, NULL, &err))
        fail_msg("%s", err.message);
    return k;
}

#define RAMAN_BIRTH                                                                                \
    "date=1918-10-16", "time=14:22:16", "tz=+05:30", "lat=13", "lon=77.5833", "ayanamsa=raman"

/* The Standard Horoscope computed from its birth data (Raman's ayanamsa,
 * as PyJHora runs it; the default school, raman) against the book's
 * tables: the positions of the Swiss Ephemeris differ from the book's by up
 * to a few arcminutes, and the book reckons its time of day from its own
 * sunrise, so the values that depend on them are held to those
 * differences. */
static void test_raman_chart(void **state)
{
    (void)state;
    struct kundli *k = strength_chart(NULL, RAMAN_BIRTH, NULL);
    const struct strength *s = &k->strength;
    assert_int_equal(STRENGTH_SCHOOL_RAMAN, s->school);
    static const double sthana[7] = {198, 126.5, 172.06, 279.5, 157.58, 178.2, 177.3};
    static const double drik[7] = {15.86, -21.73, 0.95, 15.64, -16.04, 18.47, 7.21};
    static const double natha[7] = {48.32, 11.68, 11.68, 60, 48.32, 48.32, 11.68};
    static const double paksha[7] = {16.54, 86.92, 16.54, 16.54, 43.46, 43.46, 16.54};
    /* Dig bala: the book's row, but Mars, which it prints as 64.30 (its
     * arc of 192.9 degrees from the IC not taken from 360): 55.7. */
    static const double dig[7] = {48.10, 31.56, 55.70, 21.09, 11.50, 15.15, 58.02};
    /* Ayana bala, the book's row (Raman's kranti table, no latitude): the
     * Moon 43.44 (the true declination, latitude +4.9, gave 37.38); its
     * Mars, Jupiter and Saturn as in test_raman_ayana. Cheshta bala, the
     * book's row from its tables: Mercury 2.30 (modern mean elements gave
     * 6.60); none for the Sun and the Moon, whose cheshta is their doubled
     * ayana and paksha bala (sec. 106). */
    static const double raman_ayana[7] = {38.12, 43.44, 1.84, 41.25, 59.40, 23.75, 13.75};
    static const double raman_ayana_tol[7] = {0.05, 0.05, 0.6, 0.05, 0.6, 0.05, 0.6};
    static const double raman_cheshta[7] = {0, 0, 22.23, 2.30, 35.26, 5.95, 21.14};
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        const struct shadbala *x = &s->graha[g];
        CLOSE(sthana[g], x->sthana, 0.15);
        CLOSE(drik[g], x->drik, 0.05);
        CLOSE(natha[g], x->nathonnatha, 0.3);
        CLOSE(paksha[g], x->paksha, 0.05);
        CLOSE(dig[g], x->dig, 0.4);
        CLOSE(x->sthana + x->dig + x->kala + x->cheshta + x->naisargika + x->drik, x->total, 1e-9);
        CLOSE(x->total / 60.0 / strength_required(g, STRENGTH_SCHOOL_RAMAN), x->ratio, 1e-9);
        CLOSE(raman_ayana[g], x->ayana, raman_ayana_tol[g]);
        CLOSE(raman_cheshta[g], x->cheshta, 0.05);
    }
    assert_int_equal(GRAHA_SATURN, s->abda_lord);
    assert_int_equal(GRAHA_MERCURY, s->masa_lord);
    assert_int_equal(GRAHA_MERCURY, s->vara_lord);
    assert_int_equal(GRAHA_MOON, s->hora_lord);
    assert_int_equal(-1, s->war_winner);
    /* The book's totals (389.80, 537.02, 376.15 for the Moon, Mercury and
     * Venus, whose every part agrees) count no cheshta bala for the Moon; the
     * Sun's phalas use his undoubled ayana bala as his cheshta bala. */
    CLOSE(389.80, s->graha[GRAHA_MOON].total, 0.5);
    CLOSE(537.02, s->graha[GRAHA_MERCURY].total, 0.5);
    CLOSE(376.15, s->graha[GRAHA_VENUS].total, 0.5);
    CLOSE(5.0, s->graha[GRAHA_SUN].required, 0);
    CLOSE(sqrt(s->graha[GRAHA_SUN].uchcha * s->graha[GRAHA_SUN].ayana / 2.0),
          s->graha[GRAHA_SUN].ishta, 1e-9);
    /* Bhava bala: each house's lord's shadbala, and Capricorn rising in
     * the 1st (its first half chatushpada: 30 in the lagna). */
    assert_int_equal(CAPRICORN, s->bhava[0].sign);
    CLOSE(s->graha[GRAHA_SATURN].total, s->bhava[0].adhipati, 1e-9);
    for (int h = 0; h < 12; h++)
        CLOSE(s->bhava[h].adhipati + s->bhava[h].dig + s->bhava[h].drishti, s->bhava[h].total,
              1e-9);
    free(k);
}

/* The same birth by the school bphs: BPHS 27.2-4's ladder (Jupiter 79 by
 * hand, test_raman_sthana), 6.5 rupas for the Sun, the true declination of
 * date for ayana bala (sin d = sin b cos e + cos b sin e sin l, on the mean
 * obliquity of Meeus 22.2; the Moon's latitude moves hers by ~6 virupas
 * from the book's 43.44) and modern mean elements for cheshta bala (Mars,
 * Jupiter and Saturn within 0.5 of the book's tables, Mercury not: the
 * tables' seeghrochcha of Mercury is ~12 degrees from the modern one). */
static void test_bphs_chart(void **state)
{
    (void)state;
    struct kundli *k = strength_chart("bphs", RAMAN_BIRTH, NULL);
    const struct strength *s = &k->strength;
    const struct chart *c = &k->chart;
    assert_int_equal(STRENGTH_SCHOOL_BPHS, s->school);
    CLOSE(79.0, s->graha[GRAHA_JUPITER].saptavargaja, 1e-9);
    CLOSE(6.5, s->graha[GRAHA_SUN].required, 0);
    CLOSE(s->graha[GRAHA_SUN].rupas / 6.5, s->graha[GRAHA_SUN].ratio, 1e-9);
    const double rad = M_PI / 180.0;
    double t = (c->jd_ut + c->delta_t / 86400.0 - 2451545.0) / 36525.0;
    double eps = (23.439291111 - 0.013004167 * t) * rad;
    double lon = (c->grahas[GRAHA_MOON].pos.longitude + c->ayanamsa_value) * rad;
    double lat = c->grahas[GRAHA_MOON].latitude * rad;
    double dec = asin(sin(lat) * cos(eps) + cos(lat) * sin(eps) * sin(lon)) / rad;
    CLOSE((24.0 - dec) * 1.25, s->graha[GRAHA_MOON].ayana, 1e-6);
    assert_true(fabs(s->graha[GRAHA_MOON].ayana - 43.44) > 5.0);
    CLOSE(22.23, s->graha[GRAHA_MARS].cheshta, 0.5);
    CLOSE(35.26, s->graha[GRAHA_JUPITER].cheshta, 0.5);
    CLOSE(21.14, s->graha[GRAHA_SATURN].cheshta, 0.5);
    assert_true(fabs(s->graha[GRAHA_MERCURY].cheshta - 2.30) > 3.0);
    free(k);
}

/* A full chart against PyJHora's own formulas, worked by hand (PVR's
 * example birth, 7 December 1996, 10:34 IST, Chennai 13.0878 N 80.2785 E,
 * Lahiri; the chart's own longitudes): strength.py _cheshta_bala_new with
 * use_epoch_table=True (Raman's tables; the days from its epoch taken from
 * the clock time plus (76 - longitude) / 360; the mean Sun at 0.9856 a
 * day) gives Mars 36.31, Mercury 31.91, Jupiter 13.29, Venus 17.10,
 * Saturn 36.40; drik.declination_of_planets (Raman's kranti table through
 * a Lagrange polynomial, not proportional parts) with _ayana_bala gives
 * the Sun 2.06, Moon 44.99, Mars 35.38, Mercury 59.91, Jupiter 1.83,
 * Venus 8.19, Saturn 30.31. The school raman agrees within the ways the
 * two compute: 0.05 for cheshta bala but Mars (PyJHora's four-column Mars
 * table drops the units digit of the day count, 4 days here: 0.35); 0.25
 * for ayana bala (the interpolation) but Saturn, whose sayana longitude
 * 360.62 PyJHora reads as southern: (24 - 0.2499) * 1.25 = 29.69 by
 * hand. */
static void test_pyjhora_chennai(void **state)
{
    (void)state;
    struct kundli *k = strength_chart(NULL, "date=1996-12-07", "time=10:34", "tz=+05:30",
                                      "lat=13.0878", "lon=80.2785", NULL);
    const struct strength *s = &k->strength;
    static const double cheshta[7] = {0, 0, 36.31, 31.91, 13.29, 17.10, 36.40};
    static const double cheshta_tol[7] = {0, 0, 0.35, 0.05, 0.05, 0.05, 0.05};
    static const double ayana[7] = {2.06, 44.99, 35.38, 59.91, 1.83, 8.19, 29.69};
    static const double ayana_tol[7] = {0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.01};
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        CLOSE(cheshta[g], s->graha[g].cheshta, cheshta_tol[g]);
        CLOSE(ayana[g], s->graha[g].ayana, ayana_tol[g]);
    }
    free(k);
}

/* options.strength_school: raman by default, bphs, nothing else. */
static void test_school_option(void **state)
{
    (void)state;
    struct chart_options o;
    struct error err;
    options_init(&o);
    assert_int_equal(STRENGTH_SCHOOL_RAMAN, o.strength_school);
    assert_int_equal(0, options_set(&o, "strength_school", "bphs", &err));
    assert_int_equal(STRENGTH_SCHOOL_BPHS, o.strength_school);
    assert_int_equal(0, options_set(&o, "strength_school", "raman", &err));
    assert_int_equal(STRENGTH_SCHOOL_RAMAN, o.strength_school);
    static const char *const bad[] = {"jhora", "RAMAN", "", "raman ", "1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(ERR_INVALID_VALUE, options_set(&o, "strength_school", bad[i], &err));
        assert_string_equal("options.strength_school", err.field);
    }
    assert_string_equal("raman", strength_school_name(STRENGTH_SCHOOL_RAMAN));
    assert_string_equal("bphs", strength_school_name(STRENGTH_SCHOOL_BPHS));
    assert_int_equal(-1, strength_school_find("jhora"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drishti_table),  cmocka_unit_test(test_raman_sthana),
        cmocka_unit_test(test_raman_kala),     cmocka_unit_test(test_raman_drik),
        cmocka_unit_test(test_cheshta_kendra), cmocka_unit_test(test_bhava),
        cmocka_unit_test(test_vimshopaka),     cmocka_unit_test(test_raman_chart),
        cmocka_unit_test(test_raman_ayana),    cmocka_unit_test(test_raman_cheshta_tables),
        cmocka_unit_test(test_bphs_chart),     cmocka_unit_test(test_pyjhora_chennai),
        cmocka_unit_test(test_school_option),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
