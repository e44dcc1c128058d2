/* dasha.h - planetary periods from the Moon's nakshatra at birth:
 * Vimshottari (120 years, BPHS ch. 46) and Yogini (36 years, BPHS ch. 46
 * "Yogini dasha"), each as mahadashas covering 120 years from birth and
 * their sub-periods, with instants in UT seconds since 1970.
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

#define DASHA_LEVELS_MAX 3       /* maha, antar, pratyantar */
#define DASHA_VIM_MAHA_MAX 10    /* the birth mahadasha + 8 + the first again */
#define DASHA_YOGINI_MAHA_MAX 32 /* enough for 128 years of 36-year cycles */
#define DASHA_YOGINI_LEVELS 2    /* Yogini goes to antardashas at most */
#define DASHA_SPAN_YEARS 120.0   /* mahadashas cover birth .. birth + 120 y */

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

struct dasha_period {
    double start; /* UT seconds since 1970 */
    double end;   /* UT seconds since 1970; equals the next period's start */
    int lord;     /* Vimshottari: enum graha; Yogini: enum yogini */
};

/* The running mahadasha at birth and what is left of it. */
struct dasha_balance {
    int lord;         /* as in struct dasha_period */
    int nakshatra;    /* the Moon's nakshatra, 0 = Ashwini */
    double elapsed;   /* fraction of the nakshatra the Moon has crossed, [0, 1) */
    double years;     /* dasha years of the birth mahadasha still to run */
    double days;      /* the same in days: years * year_days */
    int y, m, d;      /* calendar form: days rounded to a whole day, counted
                         from the local birth date as years, months, days */
};

/* The Vimshottari periods running at one instant (options.as_of): the
 * mahadasha, its antardasha and their pratyantardasha, whatever the depth
 * of `periods` (dasha_levels). */
struct dasha_current {
    bool found;                                  /* at lies within the mahadashas */
    double at;                                   /* the instant, UT seconds since 1970 */
    struct dasha_period period[DASHA_LEVELS_MAX]; /* [0] maha, [1] antar, [2] pratyantar */
};

struct dasha_vimshottari {
    struct dasha_balance balance;
    int levels;                                  /* 1 .. 3 */
    int nmaha;                                   /* 9 or 10 */
    struct dasha_period maha[DASHA_VIM_MAHA_MAX];
    struct dasha_period antar[DASHA_VIM_MAHA_MAX][9];         /* if levels >= 2 */
    struct dasha_period pratyantar[DASHA_VIM_MAHA_MAX][9][9]; /* if levels >= 3 */
    struct dasha_current current;                /* at options.as_of (dasha_compute) */
};

struct dasha_yogini {
    struct dasha_balance balance;
    int levels;                                  /* 1 .. 2 */
    int nmaha;
    struct dasha_period maha[DASHA_YOGINI_MAHA_MAX];
    struct dasha_period antar[DASHA_YOGINI_MAHA_MAX][YOGINI_COUNT]; /* if levels >= 2 */
};

struct dasha {
    double birth;      /* UT seconds since 1970 */
    double year_days;  /* days in a dasha year */
    struct dasha_vimshottari vimshottari;
    struct dasha_yogini yogini;
};

/* Vimshottari periods from the Moon's sidereal longitude moon (degrees) at
 * the instant birth (UT seconds since 1970). local_offset is the birth's UTC
 * offset in seconds (only for the calendar form of the balance); a year is
 * year_days days; levels 1 .. 3. The first mahadasha is the one running at
 * birth (it began before birth); mahadashas follow until one ends at or after
 * birth + 120 years. Sub-periods are proportional (years_md * years_sub / 120)
 * and start with the parent's lord. */
void dasha_vimshottari_from_moon(double moon, double birth, double local_offset,
                                 double year_days, int levels,
                                 struct dasha_vimshottari *out);

/* The same for Yogini dasha (36-year cycle, sub-periods years_md *
 * years_sub / 36 starting with the mahadasha's yogini); levels is capped at
 * DASHA_YOGINI_LEVELS. */
void dasha_yogini_from_moon(double moon, double birth, double local_offset, double year_days,
                            int levels, struct dasha_yogini *out);

/* The maha, antar and pratyantar periods of v running at instant at (UT
 * seconds since 1970), computed by the same proportional split as
 * `periods`. out->found is false when at is not finite or lies before the
 * first or after the last mahadasha. */
void dasha_vimshottari_current(const struct dasha_vimshottari *v, double at,
                               struct dasha_current *out);

/* Both dashas of chart c, with c->options.dasha_year_days and dasha_levels,
 * and the Vimshottari periods running at c->options.as_of (NaN: none
 * found). Returns 0, or ERR_INVALID_VALUE (field "options.dasha_year_days" or
 * "options.dasha_levels") when an option is out of range. */
int dasha_compute(const struct chart *c, struct dasha *out, struct error *err);

#endif
