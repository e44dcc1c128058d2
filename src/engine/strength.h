/* strength.h - planetary and house strength: Parashara's shadbala of the
 * seven grahas with every component, ishta and kashta phala, the bhava bala
 * of the twelve houses and the vimshopaka bala in the four varga schemes.
 * The rules follow B.V. Raman, "Graha and Bhava Balas" (the standard
 * English working of BPHS ch. 27) and BPHS ch. 7 for vimshopaka; every
 * choice and every place where Jagannatha Hora / PyJHora differ is in
 * docs/strength.md. Values are in virupas (shashtiamsas, 60 = 1 rupa).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STRENGTH_H
#define KUNDLI_STRENGTH_H

#include "common/err.h"
#include "engine/chart.h"
#include "engine/panchang.h"
#include "engine/varga.h"

#include <stdbool.h>

/* Shadbala is defined for the seven grahas Sun .. Saturn (enum graha
 * 0 .. 6); the nodes and the outer planets get none. */
#define STRENGTH_GRAHAS GRAHA_SEVEN

/* The seven vargas of saptavargaja bala, in this order. */
#define STRENGTH_SAPTAVARGA 7
extern const int strength_saptavarga[STRENGTH_SAPTAVARGA]; /* VARGA_D1, D2, D3, D7, D9, D12, D30 */

/* Where the authorities differ, one option (strength_school) picks a
 * coherent set; docs/strength.md lists what each changes.
 *  - STRENGTH_SCHOOL_RAMAN (the default): B.V. Raman's "Graha and Bhava
 *    Balas" as its worked examples compute it, and as PyJHora does: the
 *    kranti of his table (latitude ignored) for ayana bala, the mean
 *    planets of his epoch tables for cheshta bala, his saptavargaja ladder
 *    and minimums.
 *  - STRENGTH_SCHOOL_BPHS: BPHS ch. 27 as R. Santhanam translates it, with
 *    its astronomical quantities from modern astronomy: the true declination
 *    (latitude included), modern mean elements, the ladder 20 / 15 / 10 / 4
 *    / 2 and 6.5 rupas for the Sun. */
enum strength_school { STRENGTH_SCHOOL_RAMAN, STRENGTH_SCHOOL_BPHS, STRENGTH_SCHOOL_COUNT };

/* "raman", "bphs"; and the reverse, -1 for an unknown name. */
const char *strength_school_name(int school);
int strength_school_find(const char *name);

/* The four vimshopaka schemes of BPHS ch. 7. */
enum vimshopaka_scheme {
    VIMSHOPAKA_SHADVARGA,
    VIMSHOPAKA_SAPTAVARGA,
    VIMSHOPAKA_DASHAVARGA,
    VIMSHOPAKA_SHODASAVARGA,
    VIMSHOPAKA_COUNT
};

/* The shadbala of one graha, in virupas unless said otherwise. */
struct shadbala {
    /* sthana bala and its five parts */
    double uchcha, saptavargaja, ojayugma, kendradi, drekkana, sthana;
    double dig;
    /* kala bala and its nine parts (paksha doubled for the Moon, ayana
       doubled for the Sun, as they enter kala bala) */
    double nathonnatha, paksha, tribhaga, abda, masa, vara, hora, ayana, yuddha, kala;
    double cheshta; /* 0 for the Sun and the Moon: theirs is counted in
                       the doubled ayana and paksha bala (Raman sec. 106) */
    double naisargika;
    double drik;
    double total;         /* the six added, virupas */
    double rupas;         /* total / 60 */
    double required;      /* the minimum, rupas */
    double ratio;         /* rupas / required */
    double ishta, kashta; /* phalas, 0 .. 60 */
    bool benefic;         /* as counted for paksha and drik bala */
};

/* The strength of one house (bhava). */
struct bhava_bala {
    double madhya;   /* the bhava's middle, sidereal degrees (Sripati) */
    int sign;        /* enum sign holding the madhya */
    int lord;        /* enum graha, the sign's lord */
    double adhipati; /* bhavadhipati bala: the lord's shadbala, virupas */
    double dig;      /* bhava dig bala, 0 .. 60 */
    double drishti;  /* bhava drishti bala, may be negative */
    double total;    /* virupas */
    double rupas;
};

struct strength {
    int school;                                           /* enum strength_school */
    struct shadbala graha[STRENGTH_GRAHAS];               /* indexed by enum graha */
    int abda_lord, masa_lord, vara_lord, hora_lord;       /* enum graha */
    int war_winner, war_loser;                            /* a planetary war, or -1 */
    struct bhava_bala bhava[12];                          /* bhava[0] is the 1st house */
    double vimshopaka[STRENGTH_GRAHAS][VIMSHOPAKA_COUNT]; /* 0 .. 20 */
};

/* Computes the strength section of chart c, from its vargas v (varga_compute)
 * and its panchang at birth p (panchang_at_birth; its sunrise and sunset give
 * the day's parts), by the school c->options.strength_school. Reads the
 * ephemeris only for a night birth's next sunrise (one rise computation,
 * ~20 us); the rest is arithmetic on the chart. Returns 0 or
 * ERR_EPHEMERIS. */
int strength_compute(const struct chart *c, const struct vargas *v, const struct panchang *p,
                     struct strength *out, struct error *err);

/* ---- the rules one by one, pure, for tests and other modules ---------- */

/* Uchcha bala: the arc (0 .. 180) from the graha's deep debilitation point
 * to lon, divided by 3 (BPHS 27.1; Raman ch. III). 0 .. 60. */
double strength_uchcha(int graha, double lon);

/* Saptavargaja bala: the sum over the seven vargas of strength_saptavarga
 * of 45 (moolatrikona, in the rasi chart only), 30 (own sign), else by the
 * compound relation (great friend .. great enemy) of the graha to the
 * varga sign's lord 22.5 / 15 / 7.5 / 3.75 / 1.875 (Raman sec. 30; school
 * raman) or 20 / 15 / 10 / 4 / 2 (BPHS 27.2-4; school bphs). signs[i] is
 * the graha's sign in varga strength_saptavarga[i]; d1_degree its degree
 * within its rasi; d1_signs[0..6] the rasi signs of the seven grahas (the
 * temporary relation is always read in the rasi). */
double strength_saptavargaja(int graha, const int signs[STRENGTH_SAPTAVARGA], double d1_degree,
                             const int d1_signs[STRENGTH_GRAHAS], int school);

/* Ojayugmarasyamsa bala: 15 for an odd rasi and 15 for an odd navamsa,
 * even ones for the Moon and Venus (BPHS 27; Raman ch. III). 0, 15 or 30. */
double strength_ojayugma(int graha, int d1_sign, int d9_sign);

/* Kendradi bala of whole-sign house 1 .. 12: kendra 60, panaphara 30,
 * apoklima 15 (BPHS 27; Raman ch. III). */
double strength_kendradi(int house);

/* Drekkana bala: 15 when a male graha (Sun, Mars, Jupiter) is in the first
 * decanate of its sign, a neuter one (Mercury, Saturn) in the second, a
 * female one (Moon, Venus) in the third (BPHS 27; Raman ch. III). */
double strength_drekkana(int graha, double degree);

/* Dig bala: the arc from the graha's powerless point, divided by 3: the
 * 4th bhava madhya (IC) for the Sun and Mars, the 10th (MC) for the Moon
 * and Venus, the 7th (descendant) for Mercury and Jupiter, the lagna for
 * Saturn (BPHS 27; Raman ch. IV). asc and mc are sidereal degrees. */
double strength_dig(int graha, double lon, double asc, double mc);

/* Nathonnatha bala (BPHS 27; Raman ch. V, sec. 48): hours (0 .. 12) between the
 * birth and the nearer local apparent noon -> the Moon, Mars and Saturn get
 * 5 per hour (60 at midnight), the Sun, Jupiter and Venus the rest (60 at
 * noon), Mercury always 60. */
double strength_nathonnatha(int graha, double hours_from_noon);

/* Paksha bala (BPHS 27.10-11): the Moon's elongation from the Sun (degrees,
 * any; reduced to 0 .. 180) / 3 for a benefic, 60 minus that for a malefic;
 * doubled for the Moon (Raman ch. V). */
double strength_paksha(int graha, double elongation, bool benefic);

/* Tribhaga bala (BPHS 27.12): part 0 .. 2 are the thirds of the day,
 * 3 .. 5 those of the night; Mercury, Sun, Saturn rule the day's, Moon,
 * Venus, Mars the night's; Jupiter always gets 60. */
double strength_tribhaga(int graha, int part);

/* Ayana bala (BPHS 27; Raman ch. V): (24 + k) * 60 / 48 with k the graha's
 * declination (degrees, north positive) for the Sun, Mars, Jupiter and
 * Venus, minus it for the Moon and Saturn, its absolute value for Mercury.
 * Not yet doubled for the Sun. */
double strength_ayana(int graha, double declination);

/* The kranti (declination, degrees, north positive) of a point of the
 * ecliptic at tropical (sayana) longitude `sayana`, by Raman's table
 * (ch. V): 362', 703', 1002', 1238', 1388', 1440' at 15, 30 .. 90 degrees
 * of bhuja (the distance from the nearer equinox), proportional parts
 * between; a greatest declination of 24 degrees, no latitude. */
double strength_kranti_raman(double sayana);

/* Kali-yuga days: the ahargana from creation of Surya Siddhanta for the
 * civil date (proleptic Gregorian), counted as BPHS 27.13 uses it. */
long long strength_ahargana(int year, int month, int day);
/* The lords (enum graha) of the savana year and month holding that
 * ahargana (BPHS 27.13): the weekday lords of their first days. */
int strength_abda_lord(long long ahargana);
int strength_masa_lord(long long ahargana);
/* The lord of the hora (equal hours from sunrise, n = 0, 1, ...) of a day
 * whose weekday is vara (0 = Sunday): the day's lord, then the next in the
 * order Saturn, Jupiter, Mars, Sun, Venus, Mercury, Moon. */
int strength_hora_lord(int vara, int n);

/* Cheshta bala of Mars .. Saturn (Raman secs. 105-107, after Sripati): the
 * cheshta kendra = seeghrochcha - (mean + true longitude) / 2, reduced to
 * 0 .. 180, divided by 3. For Mars, Jupiter and Saturn the seeghrochcha is
 * the mean Sun and the mean is the graha's own; for Mercury and Venus the
 * seeghrochcha is the graha's own mean (heliocentric) longitude and the
 * mean is the mean Sun. All degrees, in one frame. */
double strength_cheshta_kendra(int graha, double true_lon, double own_mean, double mean_sun);

/* Tropical mean longitude (degrees, mean equinox of date) at Julian
 * centuries t from J2000 TT of the Sun (GRAHA_SUN) or of a planet's mean
 * heliocentric orbit (Mars .. Saturn), from the linear terms of Simon et
 * al. (1994) as tabulated by Meeus, Astronomical Algorithms ch. 31.
 * School bphs. */
double strength_mean_longitude(int graha, double t);

/* Sidereal mean longitude (degrees) at jd_ut by Raman's epoch tables
 * (Tables IV-IX; school raman): the mean Sun (GRAHA_SUN), the mean Mars,
 * Jupiter and Saturn, and the seeghrochchas of Mercury and Venus, from
 * their places at 1 January 1900, 0h local mean time at 76 E, their daily
 * motions and the book's corrections for Mercury, Jupiter, Venus and
 * Saturn. */
double strength_raman_mean_longitude(int graha, double jd_ut);

/* Naisargika bala: 60 * n / 7 for the Sun (n = 7), Moon 6, Venus 5,
 * Jupiter 4, Mercury 3, Mars 2, Saturn 1 (BPHS 27; Raman ch. VII). */
double strength_naisargika(int graha);

/* Benefics and malefics as shadbala counts them (BPHS 27.10-11; Raman
 * ch. V, VIII): Jupiter and Venus benefic, the Sun, Mars and Saturn
 * malefic, the Moon benefic in the bright half (elongation from the Sun,
 * degrees, below 180), Mercury benefic unless the grahas in his sign
 * include more malefics (Sun, Mars, Saturn, Rahu, Ketu, a waning Moon)
 * than benefics. signs[0..8]: the rasi signs of Sun .. Ketu. */
void strength_benefics(const int signs[GRAHA_CLASSICAL], double elongation,
                       bool out[STRENGTH_GRAHAS]);

/* Drik bala (Raman ch. VIII, sec. 120): a quarter of the sum of the drishti
 * (drishti_virupa) on lons[graha] of the six other grahas, those of
 * benefics added and of malefics subtracted. lons and benefic are indexed
 * by enum graha, 0 .. 6. */
double strength_drik(int graha, const double lons[STRENGTH_GRAHAS],
                     const bool benefic[STRENGTH_GRAHAS]);

/* Bhava drishti bala (Raman ch. IX; BPHS 27): on a bhava madhya, a
 * quarter of each graha's drishti, added for benefics and subtracted for
 * malefics, except Jupiter's and Mercury's whole drishti, always added. */
double strength_bhava_drishti(double madhya, const double lons[STRENGTH_GRAHAS],
                              const bool benefic[STRENGTH_GRAHAS]);

/* Bhava dig bala (Raman ch. IX) of bhava `house` (1 .. 12) whose madhya
 * is at sidereal longitude madhya: 10 virupas per house between it and
 * the kendra where its sign's class has none (7th for the nara signs
 * Gemini, Virgo, Libra, Aquarius and the first half of Sagittarius; 10th
 * for the jalachara signs Cancer, Pisces and the second half of Capricorn;
 * 4th for the chatushpada signs Aries, Taurus, Leo, the second half of
 * Sagittarius and the first half of Capricorn; 1st for Scorpio, keeta). */
double strength_bhava_dig(int house, double madhya);

/* The twelve bhava madhyas by Sripati's method (Raman ch. II, IX): the 1st
 * the ascendant, the 10th the MC, the 4th and 7th their opposites, and the
 * quadrants between trisected. Sidereal degrees. */
void strength_bhava_madhyas(double asc, double mc, double madhya[12]);

/* Vimshopaka bala of a graha in scheme s (0 .. 20, BPHS 7.17-27): for each
 * varga of the scheme its weight times 20 (own, moolatrikona or exaltation
 * sign), else 18 / 15 / 10 / 7 / 5 by the compound relation to the sign's
 * lord, divided by 20. signs[v] is the graha's sign in varga v (enum
 * varga); d1_signs as for strength_saptavargaja. */
double strength_vimshopaka(int graha, int scheme, const int signs[VARGA_COUNT],
                           const int d1_signs[STRENGTH_GRAHAS]);

/* Ishta phala = sqrt(uchcha * cheshta), kashta phala =
 * sqrt((60 - uchcha) * (60 - cheshta)) (BPHS 27; Raman ch. X). */
double strength_ishta(double uchcha, double cheshta);
double strength_kashta(double uchcha, double cheshta);

/* The minimum shadbala of a graha, rupas: Sun 5 (school raman: Raman's
 * table, as PyJHora) or 6.5 (school bphs: BPHS 27 as saravali.de reads it),
 * Moon 6, Mars 5, Mercury 7, Jupiter 6.5, Venus 5.5, Saturn 5. */
double strength_required(int graha, int school);

/* Names: "shadvarga" .. "shodasavarga". */
const char *strength_vimshopaka_name(int scheme);

#endif
