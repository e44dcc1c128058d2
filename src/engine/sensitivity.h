/* sensitivity.h - birth-time sensitivity, an aid to rectification: every
 * instant within +-window of a birth at which the lagna's sign or
 * nakshatra-pada, the D9 or D10 lagna, the Moon's nakshatra-pada, the
 * Vimshottari mahadasha/antardasha running at options.as_of, or the sign
 * of a house cusp changes, and the margin the given time has before the
 * first change on each side. Pure: no I/O but the ephemeris, no clock.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SENSITIVITY_H
#define KUNDLI_SENSITIVITY_H

#include "common/err.h"
#include "engine/chart.h"

#include <stdbool.h>

#define SENSITIVITY_WINDOW_MAX 86400.0    /* 24 hours each way, seconds */
#define SENSITIVITY_WINDOW_DEFAULT 1800.0 /* 30 minutes */
#define SENSITIVITY_MAX 4096              /* changes a window can hold */
#define SENSITIVITY_TOLERANCE 0.01        /* seconds: the bracket of each change */
#define SENSITIVITY_NONE (-1)             /* a value that does not exist (no dasha) */

/* What changes. The wire names are sensitivity_kind_name()'s. */
enum sensitivity_kind {
    SENS_LAGNA_SIGN, /* the ascendant's sign: value enum sign */
    SENS_LAGNA_PADA, /* the ascendant's nakshatra-pada: nakshatra * 4 + pada - 1 */
    SENS_D9_LAGNA,   /* the navamsa (D9) lagna: enum sign */
    SENS_D10_LAGNA,  /* the dashamsa (D10) lagna: enum sign */
    SENS_MOON_PADA,  /* the Moon's nakshatra-pada: nakshatra * 4 + pada - 1 */
    SENS_DASHA,      /* Vimshottari maha/antar at as_of: maha * 16 + antar (enum
                        graha each), or SENSITIVITY_NONE when as_of lies outside
                        the 120 years of mahadashas listed from the birth */
    SENS_HOUSE_CUSP, /* a house cusp's sign (not whole sign): enum sign */
    SENS_KIND_COUNT
};

struct sensitivity_change {
    double ut;     /* the instant, UT seconds since 1970 (within
                      SENSITIVITY_TOLERANCE of the crossing) */
    double offset; /* local time minus UT at that instant, seconds */
    int kind;      /* enum sensitivity_kind */
    int house;     /* SENS_HOUSE_CUSP: the house 1..12; otherwise 0 */
    int from, to;  /* the values just before and just after (see the kinds) */
};

/* The values at one instant, as the kinds encode them. */
struct sensitivity_state {
    int value[SENS_KIND_COUNT]; /* SENS_HOUSE_CUSP unused (see cusp[]) */
    int cusp[12];               /* sign of each house cusp (chart.houses[].sign) */
};

struct sensitivity {
    struct chart chart; /* the D1 chart at the given birth */
    double birth;       /* its instant, UT seconds since 1970 */
    double window;      /* seconds each way */
    double as_of;       /* the dasha's instant, UT seconds since 1970 */
    unsigned houses;    /* bit h-1 set: house h's cusp is followed */
    struct sensitivity_state at_birth;
    /* The seconds (whole, as the changes are reported) from the birth back
     * to the last change before it and on to the first at or after it;
     * NAN when none lies within the window on that side. */
    double margin_earlier, margin_later;
    int count; /* changes, in time order */
    struct sensitivity_change changes[SENSITIVITY_MAX];
};

/* The wire name of a kind ("lagna_sign", "lagna_pada", "d9_lagna",
 * "d10_lagna", "moon_pada", "dasha", "house_cusp"), or "?". */
const char *sensitivity_kind_name(int kind);

/* Parses a window: a whole number followed by s, m or h ("90s", "30m",
 * "2h"), at least 1 s and at most 24 h. Returns 0 with *seconds set, or
 * ERR_INVALID_VALUE naming field. */
int sensitivity_window_parse(const char *text, const char *field, double *seconds,
                             struct error *err);

/* Finds every change within window seconds (1 .. SENSITIVITY_WINDOW_MAX)
 * either side of complete birth b with options o (ayanamsa, node,
 * positions, topocentric, house_system, dasha_year_days, and as_of, which
 * must be finite) into out (about 130 KB: allocate it). Each change is
 * bracketed between samples of a continuous quantity (the ascendant's and
 * the cusps' longitudes from libswe's houses every 60 s, the Moon's
 * longitude and the Vimshottari position every hour), solved by Brent's
 * method (rootfind_brent) to within SENSITIVITY_TOLERANCE, and kept when
 * the value on its two sides differs. Returns 0; a birth's own error; or
 * ERR_INVALID_VALUE ("window") for a window out of range or one holding
 * more than SENSITIVITY_MAX changes; ERR_DATE_OUT_OF_RANGE ("window") when
 * the window leaves the ephemeris's range. Uses about 25 KB of stack. */
int sensitivity_compute(const struct context *ctx, const struct birth *b,
                        const struct chart_options *o, double window, struct sensitivity *out,
                        struct error *err);

#endif
