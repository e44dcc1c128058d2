/* zodiac.h - the fixed vocabulary of the chart: grahas, signs (rashis),
 * nakshatras, their lords and names, and exact division of the ecliptic.
 * Names are spelt as in the API (SPEC.md section 2) everywhere.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ZODIAC_H
#define KUNDLI_ZODIAC_H

#include <stdbool.h>

/* Grahas in the classical weekday order, then the outer planets. */
enum graha {
    GRAHA_SUN,
    GRAHA_MOON,
    GRAHA_MARS,
    GRAHA_MERCURY,
    GRAHA_JUPITER,
    GRAHA_VENUS,
    GRAHA_SATURN,
    GRAHA_RAHU,
    GRAHA_KETU,
    GRAHA_URANUS,
    GRAHA_NEPTUNE,
    GRAHA_PLUTO,
    GRAHA_COUNT
};
#define GRAHA_CLASSICAL 9 /* Sun .. Ketu */
#define GRAHA_SEVEN 7     /* Sun .. Saturn */

enum sign {
    ARIES, TAURUS, GEMINI, CANCER, LEO, VIRGO,
    LIBRA, SCORPIO, SAGITTARIUS, CAPRICORN, AQUARIUS, PISCES
};

#define NAKSHATRA_SPAN (40.0 / 3.0) /* 13 deg 20 min */
#define PADA_SPAN (10.0 / 3.0)      /* 3 deg 20 min */

const char *graha_name(int graha);    /* "Sun" .. "Pluto" */
const char *sign_name(int sign);      /* "Aries" .. "Pisces" */
const char *nakshatra_name(int nak);  /* 0 = "Ashwini" .. 26 = "Revati" */
int sign_lord(int sign);              /* enum graha of the sign's lord */
int nakshatra_lord(int nak);          /* Vimshottari lord: Ketu, Venus, Sun ... */

/* Finds a graha/sign/nakshatra by its name (case-insensitive); nakshatras
 * also by number "1".."27". Returns the index or -1. */
int graha_find(const char *name);
int sign_find(const char *name);
int nakshatra_find(const char *name);

/* lon reduced to [0, 360). */
double zodiac_norm(double lon);

/* floor(lon / span) for lon in [0, 360), robust at the division edges: a
 * value within 1e-9 arcsecond below an edge (floating-point noise from
 * computing the edge itself, e.g. 13 + 20/60) counts as on the edge.
 * The result is clamped to 0 .. 360/span - 1. */
int zodiac_part(double lon, double span);

/* Sign, degree in sign, nakshatra and pada of a sidereal longitude. */
struct zodiac_pos {
    double longitude; /* [0, 360) */
    int sign;         /* enum sign, an index: 0 = Aries */
    double degree;    /* degrees within the sign, [0, 30) */
    int nakshatra;    /* 0 .. 26 */
    int pada;         /* 1 .. 4 */
};
void zodiac_locate(double lon, struct zodiac_pos *out);

/* Splits degrees into whole degrees, minutes and seconds (seconds rounded to
 * 0.01 and carried, so 29.99999999 gives 30 0 0 only if it rounds there). */
void zodiac_dms(double deg, int *d, int *m, double *s);

#endif
