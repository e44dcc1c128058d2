/* dasha.h - planetary and sign periods of a birth: Vimshottari (120 years)
 * and Yogini (36) from the Moon's nakshatra, Ashtottari (108, conditional,
 * its applicability reported), Kalachakra (from the Moon's nakshatra pada)
 * and Jaimini's Chara dasha (signs from the lagna), each as mahadashas
 * covering 120 years from birth with their sub-periods and the periods
 * running at options.as_of. Instants are UT seconds since 1970; the rules
 * and their sources are in docs/dasha.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DASHA_H
#define KUNDLI_DASHA_H

#include "common/err.h"
#include "engine/chart.h"

#include <stdbool.h>

/* The eight yoginis in their fixed order; each rules (index + 1) years. */
enum yogini {
    YOGINI_MANGALA,  /* Moon, 1 year */
    YOGINI_PINGALA,  /* Sun, 2 */
    YOGINI_DHANYA,   /* Jupiter, 3 */
    YOGINI_BHRAMARI, /* Mars, 4 */
    YOGINI_BHADRIKA, /* Mercury, 5 */
    YOGINI_ULKA,     /* Saturn, 6 */
    YOGINI_SIDDHA,   /* Venus, 7 */
    YOGINI_SANKATA,  /* Rahu, 8 */
    YOGINI_COUNT
};

/* The four Kalachakra groups of nakshatras (BPHS ch. 46): savya (zodiacal)
 * Ashwini and Bharani groups, apasavya (reverse) Rohini and Mrigashira. */
enum kalachakra_group {
    KALACHAKRA_ASHWINI,
    KALACHAKRA_BHARANI,
    KALACHAKRA_ROHINI,
    KALACHAKRA_MRIGASHIRA,
};

#define DASHA_LEVELS_MAX 3       /* maha, antar, pratyantar */
#define DASHA_VIM_MAHA_MAX 10    /* the birth mahadasha + 8 + the first again */
#define DASHA_YOGINI_MAHA_MAX 32 /* enough for 128 years of 36-year cycles */
#define DASHA_YOGINI_LEVELS 2    /* Yogini goes to antardashas at most */
#define DASHA_ASHTOTTARI_LORDS 8
#define DASHA_ASHTOTTARI_MAHA_MAX 11 /* birth + 8 + 2: Venus at its very end, 108 + 6 + 15 */
#define DASHA_CHARA_MAHA_MAX 24      /* two cycles of 12 signs */
#define DASHA_CHARA_LEVELS 2
#define DASHA_KALACHAKRA_MAHA_MAX 16 /* 120 years take at most 14 (checked by a test) */
#define DASHA_KALACHAKRA_LEVELS 2
#define DASHA_SPAN_YEARS 120.0 /* mahadashas cover birth .. birth + 120 y */

/* Vimshottari years of graha g (Ketu 7, Venus 20, Sun 6, Moon 10, Mars 7,
 * Rahu 18, Jupiter 16, Saturn 19, Mercury 17), 0 for the outer planets. */
int dasha_vimshottari_years(int g);
/* The Vimshottari lord after g (Ketu -> Venus -> ... -> Mercury -> Ketu). */
int dasha_vimshottari_next(int g);
/* "Mangala" .. "Sankata", or "?" */
const char *dasha_yogini_name(int y);
/* enum graha of the yogini's lord (Mangala -> Moon ...). */
int dasha_yogini_lord(int y);
/* Years of yogini y: y + 1. */
int dasha_yogini_years(int y);
/* The yogini of the birth nakshatra nak (0 = Ashwini): (nak + 1 + 3) mod 8
 * counted from Mangala = 1, remainder 0 = Sankata. */
int dasha_yogini_of_nakshatra(int nak);
/* Ashtottari years of graha g (Sun 6, Moon 15, Mars 8, Mercury 17, Saturn
 * 10, Jupiter 19, Rahu 12, Venus 21; 108 in all), 0 for Ketu and the outer
 * planets. */
int dasha_ashtottari_years(int g);
/* The Ashtottari lord after g (Sun -> Moon -> Mars -> Mercury -> Saturn ->
 * Jupiter -> Rahu -> Venus -> Sun). */
int dasha_ashtottari_next(int g);
/* The Ashtottari lord of nakshatra nak (0 = Ashwini; Ardra .. Ashlesha the
 * Sun, ... Krittika .. Mrigashira Venus). */
int dasha_ashtottari_lord_of_nakshatra(int nak);
/* enum kalachakra_group of nakshatra nak (0 = Ashwini). */
int dasha_kalachakra_group(int nak);
/* "ashwini", "bharani", "rohini", "mrigashira" (the group's wire name). */
const char *dasha_kalachakra_group_name(int group);
/* The nine signs (enum sign) of pada 1 .. 4 of a group's nakshatras, in the
 * order of their dashas; NULL out of range. */
const int *dasha_kalachakra_signs(int group, int pada);
/* Kalachakra years of a sign (Aries 7, Taurus 16, Gemini 9, Cancer 21, Leo 5,
 * Virgo 9, Libra 16, Scorpio 7, Sagittarius 10, Capricorn 4, Aquarius 4,
 * Pisces 10), the years of its lord. */
int dasha_kalachakra_years(int sign);

/* One period. lord: an enum graha (Vimshottari, Ashtottari), an enum yogini
 * (Yogini) or an enum sign (Chara, Kalachakra). */
struct dasha_period {
    double start; /* UT seconds since 1970 */
    double end;   /* UT seconds since 1970; equals the next period's start */
    int lord;
};

/* The running mahadasha at birth and what is left of it. */
struct dasha_balance {
    int lord;       /* as in struct dasha_period */
    int nakshatra;  /* the Moon's nakshatra, 0 = Ashwini */
    double elapsed; /* fraction of the nakshatra the Moon has crossed, [0, 1) */
    double years;   /* dasha years of the birth mahadasha still to run */
    double days;    /* the same in days: years * year_days */
    int y, m, d;    /* calendar form: days rounded to a whole day, counted
                       from the local birth date as years, months, days */
};

/* The periods of one system running at one instant (options.as_of): the
 * mahadasha, its antardasha and, for Vimshottari and Ashtottari, their
 * pratyantardasha, whatever depth the system's periods were listed to. */
struct dasha_current {
    bool found;                                   /* at lies within the mahadashas */
    double at;                                    /* the instant, UT seconds since 1970 */
    int levels;                                   /* periods in period[]: 3 or 2 */
    struct dasha_period period[DASHA_LEVELS_MAX]; /* [0] maha, [1] antar, [2] pratyantar */
};

struct dasha_vimshottari {
    struct dasha_balance balance;
    int levels; /* 1 .. 3 */
    int nmaha;  /* 9 or 10 */
    struct dasha_period maha[DASHA_VIM_MAHA_MAX];
    struct dasha_period antar[DASHA_VIM_MAHA_MAX][9];         /* if levels >= 2 */
    struct dasha_period pratyantar[DASHA_VIM_MAHA_MAX][9][9]; /* if levels >= 3 */
    struct dasha_current current;                             /* at options.as_of (dasha_compute) */
};

struct dasha_yogini {
    struct dasha_balance balance;
    int levels; /* 1 .. 2 */
    int nmaha;
    struct dasha_period maha[DASHA_YOGINI_MAHA_MAX];
    struct dasha_period antar[DASHA_YOGINI_MAHA_MAX][YOGINI_COUNT]; /* if levels >= 2 */
    struct dasha_current current;                                   /* maha, antar */
};

/* Whether Ashtottari dasha applies to a chart, by both rules in use. */
struct dasha_ashtottari_check {
    int rule;           /* enum ashtottari_rule that `applicable` follows */
    bool applicable;    /* by that rule */
    bool by_rahu;       /* BPHS: Rahu in a kendra or trikona from the lagna
                           lord's sign, and not in the lagna */
    bool by_paksha;     /* born in Krishna paksha by day or Shukla by night */
    int lagna_lord;     /* enum graha: lord of the lagna's sign */
    int rahu_from_lord; /* 1 .. 12: Rahu's sign counted from the lagna lord's */
    int rahu_house;     /* 1 .. 12: Rahu's whole-sign house from the lagna */
    bool krishna;       /* Moon - Sun >= 180 deg: Krishna paksha */
    bool day;           /* the Sun above the horizon: between its rising and
                           its setting by the panchang's convention (the disc
                           centre on the ecliptic, no refraction) */
};

struct dasha_ashtottari {
    struct dasha_balance balance; /* elapsed: of the nakshatra; years from the
                                     lord's group of nakshatras */
    double group_elapsed;         /* fraction of the lord's 3 or 4 nakshatras
                                     the Moon has crossed, [0, 1) */
    struct dasha_ashtottari_check applicability;
    int levels; /* 1 .. 3 */
    int nmaha;
    struct dasha_period maha[DASHA_ASHTOTTARI_MAHA_MAX]; /* sub-periods: dasha_ashtottari_sub */
    struct dasha_current current;                        /* maha, antar, pratyantar */
};

struct dasha_chara {
    int method;    /* enum chara_method */
    int lagna;     /* enum sign: the first dasha */
    bool zodiacal; /* dashas run Aries -> Taurus ... (the 9th from the
                      lagna is odd-footed), else in reverse */
    int years[12]; /* years of each sign (by enum sign) in the first cycle */
    int lord[12];  /* the lord counted to (Scorpio, Aquarius: the
                      stronger of their two lords) */
    int levels;    /* 1 .. 2 */
    int nmaha;
    struct dasha_period maha[DASHA_CHARA_MAHA_MAX]; /* lord: enum sign; the first
                                                       begins at birth */
    struct dasha_current current;                   /* maha, antar */
};

struct dasha_kalachakra {
    struct dasha_balance balance; /* lord: the sign at birth; elapsed: of the nakshatra */
    int pada;                     /* 1 .. 4 of the Moon's nakshatra */
    int group;                    /* enum kalachakra_group */
    bool savya;                   /* Ashwini or Bharani group */
    int paramayu;                 /* years of the pada's nine signs: 100, 85, 83, 86 */
    int deha, jeeva;              /* enum sign */
    double pada_elapsed;          /* fraction of the pada the Moon has crossed */
    double elapsed_years;         /* pada_elapsed * paramayu: gone at birth */
    int levels;                   /* 1 .. 2 */
    int wheel;                    /* position of maha[0] in its chakra (0 .. 71) */
    int nmaha;
    struct dasha_period maha[DASHA_KALACHAKRA_MAHA_MAX]; /* lord: enum sign */
    struct dasha_current current;                        /* maha, antar */
};

struct dasha {
    double birth;     /* UT seconds since 1970 */
    double year_days; /* days in a dasha year */
    unsigned systems; /* enum dasha_system bits computed (options.dasha_systems) */
    struct dasha_vimshottari vimshottari;
    struct dasha_yogini yogini;
    struct dasha_ashtottari ashtottari;
    struct dasha_chara chara;
    struct dasha_kalachakra kalachakra;
};

/* Vimshottari periods from the Moon's sidereal longitude moon (degrees) at
 * the instant birth (UT seconds since 1970). local_offset is the birth's UTC
 * offset in seconds (only for the calendar form of the balance); a year is
 * year_days days; levels 1 .. 3. The first mahadasha is the one running at
 * birth (it began before birth); mahadashas follow until one ends at or after
 * birth + 120 years. Sub-periods are proportional (years_md * years_sub / 120)
 * and start with the parent's lord. */
void dasha_vimshottari_from_moon(double moon, double birth, double local_offset, double year_days,
                                 int levels, struct dasha_vimshottari *out);

/* The same for Yogini dasha (36-year cycle, sub-periods years_md *
 * years_sub / 36 starting with the mahadasha's yogini); levels is capped at
 * DASHA_YOGINI_LEVELS. */
void dasha_yogini_from_moon(double moon, double birth, double local_offset, double year_days,
                            int levels, struct dasha_yogini *out);

/* Ashtottari dasha (BPHS ch. 46): the lord of the Moon's group of 3 or 4
 * nakshatras rules at birth, and the part of the group's arc the Moon has
 * crossed is the part of that mahadasha gone; mahadashas follow in order
 * until one ends at or after birth + 120 years. levels 1 .. 3 (what the
 * writers list). applicability is left untouched (dasha_ashtottari_check). */
void dasha_ashtottari_from_moon(double moon, double birth, double local_offset, double year_days,
                                int levels, struct dasha_ashtottari *out);

/* Both applicability rules of Ashtottari dasha for a chart given as
 * sidereal longitudes (degrees): the ascendant and lon[g] for g = Sun ..
 * Ketu. rule (enum ashtottari_rule) picks the one `applicable` follows. */
void dasha_ashtottari_check(double ascendant, const double lon[GRAHA_CLASSICAL], int rule,
                            struct dasha_ashtottari_check *out);

/* The sub-periods of an Ashtottari period of lord parent->lord: the eight
 * lords from it in order, each lasting span * years(lord) / 108. Writes 8. */
void dasha_ashtottari_sub(const struct dasha_period *parent, struct dasha_period out[8]);

/* Chara dasha (Jaimini; docs/dasha.md) of a chart given as the lagna's sign
 * and sidereal longitudes lon[g] (degrees) of Sun .. Ketu: from the lagna,
 * zodiacally when the 9th sign from it is odd-footed, each sign for the years
 * counted from it to its lord (forward from an odd-footed sign, backward
 * from an even-footed one) less one, 12 when the lord is in the sign;
 * method CHARA_METHOD_PVR adds a year for an exalted lord and takes one for
 * a debilitated one. The first dasha begins at birth; the twelve signs
 * follow, then a second cycle of 12 minus the first cycle's years, until a
 * dasha ends at or after birth + 120 years (dashas of 0 years are left out).
 * levels 1 .. 2 (what the writers list). */
void dasha_chara_from_chart(int lagna, const double lon[GRAHA_CLASSICAL], int method, double birth,
                            double year_days, int levels, struct dasha_chara *out);

/* The sub-periods of a Chara period of sign parent->lord: twelve equal
 * parts, from the sign after it to the sign itself, zodiacally when the 9th
 * sign from it is odd-footed, else in reverse (K.N. Rao). Writes 12. */
void dasha_chara_sub(const struct dasha_period *parent, struct dasha_period out[12]);

/* Kalachakra dasha (BPHS ch. 46, P.V.R. Narasimha Rao ch. 24) from the
 * Moon's sidereal longitude: the signs of the Moon's pada in their order,
 * the part of the pada crossed being the part of its paramayu gone at birth;
 * then the signs of the following padas of the chakra, until a dasha ends at
 * or after birth + 120 years. levels 1 .. 2. */
void dasha_kalachakra_from_moon(double moon, double birth, double local_offset, double year_days,
                                int levels, struct dasha_kalachakra *out);

/* The antardashas of mahadasha i of k: the nine signs of the chakra from
 * the mahadasha's own, each lasting span * years(sign) / (the nine signs'
 * years). Writes 9; nothing for i out of range. */
void dasha_kalachakra_sub(const struct dasha_kalachakra *k, int i, struct dasha_period out[9]);

/* The periods of each system running at instant at (UT seconds since 1970),
 * split as the sub-period functions split them, whatever the depth listed.
 * out->found is false when at is not finite or lies before the first or
 * after the last mahadasha. */
void dasha_vimshottari_current(const struct dasha_vimshottari *v, double at,
                               struct dasha_current *out);
void dasha_yogini_current(const struct dasha_yogini *y, double at, struct dasha_current *out);
void dasha_ashtottari_current(const struct dasha_ashtottari *a, double at,
                              struct dasha_current *out);
void dasha_chara_current(const struct dasha_chara *c, double at, struct dasha_current *out);
void dasha_kalachakra_current(const struct dasha_kalachakra *k, double at,
                              struct dasha_current *out);

/* The systems of c->options.dasha_systems (the others are left untouched),
 * with its year length and depths, and the periods running at
 * c->options.as_of (NaN: none found). Returns 0, or ERR_INVALID_VALUE (field
 * "options.<name>") when an option is out of range. */
int dasha_compute(const struct chart *c, struct dasha *out, struct error *err);

#endif
