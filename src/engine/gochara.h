/* gochara.h - transits (gochara) of the nine grahas at an instant against
 * the natal chart: their sidereal positions, houses from the natal lagna
 * and Moon, the favourable houses from the Moon and their vedha
 * (obstruction), the ashtakavarga bindus of the transited sign, the next
 * sign change of each graha, and the chandrashtama windows (the Moon in the
 * 8th sign from the natal Moon). Section "transits"; docs/transits.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_GOCHARA_H
#define KUNDLI_GOCHARA_H

#include "common/err.h"
#include "engine/ashtakavarga.h"
#include "engine/chart.h"
#include "engine/transit.h"

#include <stdbool.h>

/* Days around the instant that a transit computation reads the ephemeris:
 * the chandrashtama window in progress began at most ~2.5 days before; the
 * next sign changes lie within TRANSIT_SIGN_REACH after. */
#define GOCHARA_BEFORE 5.0
#define GOCHARA_AFTER (TRANSIT_SIGN_REACH + 30.0)

struct gochara_graha {
    struct zodiac_pos pos; /* sidereal, geocentric, at the instant */
    double speed;          /* degrees/day */
    bool retrograde;       /* speed < 0 */
    int house;             /* 1 .. 12, whole signs from the natal lagna */
    int house_from_moon;   /* 1 .. 12, from the natal Moon's sign */
    bool favourable;       /* house_from_moon is one of the graha's good houses */
    int vedha_house;       /* its vedha house from the Moon when favourable, else 0 */
    unsigned vedha_by;     /* bits (1u << graha): transiting grahas in the vedha
                              house that obstruct (Sun-Saturn and Moon-Mercury
                              never obstruct each other) */
    bool obstructed;       /* favourable and vedha_by != 0 */
    int bindus;            /* the graha's own bhinnashtakavarga bindus in the
                              transited sign (0 .. 8); -1 for the nodes */
    int sarva_bindus;      /* sarvashtakavarga bindus of the transited sign */
    double next_change;    /* JD UT of its next sign change after the instant */
    int next_sign;         /* the sign it enters then */
};

struct gochara {
    double jd_ut;                              /* the instant, JD UT */
    int lagna_sign;                            /* natal */
    int moon_sign;                             /* natal */
    struct gochara_graha g[GRAHA_CLASSICAL];   /* Sun .. Ketu */
    int chandrashtama_sign;                    /* the 8th sign from the natal Moon */
    bool chandrashtama_active;                 /* the Moon is in it at the instant */
    struct transit_span chandrashtama_current; /* the window holding the instant, else NAN */
    struct transit_span chandrashtama_next;    /* the first window starting after it */
    int ephemeris_calls;                       /* positions computed (for tuning) */
};

/* Transits over chart c at jd_ut (JD UT; finite), with av the chart's
 * ashtakavarga. Positions are sidereal in the chart's ayanamsa, node and
 * positions options, and geocentric even for a topocentric chart (as sade
 * sati). Sets the ephemeris frame of the thread to a geocentric one and
 * back to the chart's before returning. Returns 0, ERR_INVALID_VALUE
 * (jd_ut not finite), ERR_EPHEMERIS or ERR_INTERNAL (a search failed: not
 * seen in tests), err naming "options.as_of". */
int gochara_compute(const struct chart *c, const struct ashtakavarga *av, double jd_ut,
                    struct gochara *out, struct error *err);

/* Whether house (1 .. 12, from the natal Moon) is a favourable transit of
 * graha (Sun .. Ketu), and its vedha house (0 when not favourable). */
bool gochara_favourable(int graha, int house, int *vedha_house);

/* Parses the instant of a transit: "YYYY-MM-DD" (local midnight),
 * "YYYY-MM-DDTHH:MM[:SS]" (local time; a space may stand for the T), each
 * optionally followed by "Z" or an offset "+05:30"/"-0800", which then
 * gives UT directly; without one the local time is read in zone (longitude
 * for LMT), the earlier reading of a time that occurs twice. Writes UT
 * seconds since 1970 to *ut. Errors name `field`: ERR_INVALID_DATE (bad
 * form or calendar date, or out of 0001..5399), ERR_INVALID_TIME,
 * ERR_NONEXISTENT_LOCAL_TIME (in a DST gap). */
int gochara_parse_instant(const struct tz_zone *zone, double longitude, const char *text,
                          const char *field, double *ut, struct error *err);

#endif
