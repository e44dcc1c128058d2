/* kp.h - Krishnamurti Paddhati (K.S. Krishnamurti's stellar system): the
 * 249 subs of the zodiac and the sign, star, sub and sub-sub lord of any
 * longitude; the KP chart (Placidus cusps and the grahas in the KP
 * ayanamsa, or a horary chart from a number 1..249); the significators of
 * the houses at four levels; and the ruling planets of a moment and place.
 * Sources and rules: docs/kp.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_KP_H
#define KUNDLI_KP_H

#include "common/err.h"
#include "engine/zodiac.h"

#include <stdbool.h>

struct chart;

#define KP_SUB_COUNT 249     /* subs, counting the six split by a sign's edge twice */
#define KP_HORARY_MAX 249    /* horary numbers are 1 .. KP_SUB_COUNT */
#define KP_AYANAMSA_KSK 5    /* libswe SE_SIDM_KRISHNAMURTI: the default */
#define KP_AYANAMSA_VP291 45 /* libswe SE_SIDM_KRISHNAMURTI_VP291 */
#define KP_LEVELS 4          /* significator levels 1 (strongest) .. 4 */

/* The four lords of a longitude, each an enum graha. */
struct kp_lords {
    int sign;    /* lord of the sign */
    int star;    /* lord of the nakshatra (Vimshottari) */
    int sub;     /* lord of the sub: the nakshatra divided in the
                    proportion of the Vimshottari years, from its lord */
    int sub_sub; /* lord of the sub-sub: the sub divided the same way,
                    from the sub lord */
};

/* One of the 249 rows of the table of subs. */
struct kp_sub {
    int number;            /* 1 .. 249: the KP horary number */
    double start;          /* sidereal degrees, [0, 360) */
    double end;            /* sidereal degrees, (start, 360] */
    int sign;              /* enum sign */
    int nakshatra;         /* 0 .. 26 */
    struct kp_lords lords; /* sign, star and sub lord (sub_sub: that of the start) */
};

/* Fills out with row `number` (1 .. 249) of the table of subs. Returns 0,
 * or -1 when number is out of range. */
int kp_sub_row(int number, struct kp_sub *out);

/* The number (1 .. 249) of the sub holding sidereal longitude lon. A value
 * within 1e-9 arcsecond below an edge counts as on it (zodiac_part). */
int kp_sub_number(double lon);

/* The sign, star, sub and sub-sub lord of sidereal longitude lon. */
void kp_lords_of(double lon, struct kp_lords *out);

/* The ruling planets of a moment and place (KP Reader VI; docs/kp.md): the
 * lord of the weekday (the Vedic day, sunrise to sunrise), and the sign,
 * star and sub lord of the Moon and of the lagna, in the KP ayanamsa. */
struct kp_ruling {
    double jd_ut;                           /* the moment */
    int day_lord;                           /* enum graha */
    struct kp_lords lagna;                  /* sign, star, sub (sub_sub too) of the ascendant */
    struct kp_lords moon;                   /* the same for the Moon */
    double lagna_longitude, moon_longitude; /* sidereal degrees */
    unsigned nodes;                         /* bits GRAHA_RAHU / GRAHA_KETU: a node that joins
                                               (occupies the sign or the star of a ruling planet) */
    int planets[GRAHA_CLASSICAL];           /* the distinct ruling planets, strongest first */
    int count;
};

/* The ruling planets at jd_ut (UT) for the observer at latitude, longitude
 * (degrees north, east), in sidereal mode `ayanamsa` (KP_AYANAMSA_*; any
 * libswe mode). Uses the thread's ephemeris frame for the node type and
 * path (eph_begin) but not its sidereal mode. Geocentric Moon; lagna by
 * Placidus (the ascendant is the same in every quadrant system). One Sun
 * rise computation for the weekday. Returns 0 or ERR_EPHEMERIS. */
int kp_ruling_planets(double jd_ut, double latitude, double longitude, int ayanamsa,
                      struct kp_ruling *out, struct error *err);

/* A cusp or a graha of the KP chart. */
struct kp_point {
    double longitude; /* sidereal (KP ayanamsa), [0, 360) */
    struct kp_lords lords;
};

struct kp {
    int ayanamsa;              /* libswe mode of the frame: KP_AYANAMSA_KSK or _VP291 */
    double ayanamsa_value;     /* degrees at the chart's moment */
    int horary;                /* 0, or the horary number the ascendant came from */
    bool placidus;             /* false: Placidus undefined here (polar), Porphyry used */
    double armc;               /* right ascension of the meridian, degrees */
    struct kp_point cusps[12]; /* cusps[0]: the first house */
    int ngrahas;               /* as the chart: 9, or 12 with outer planets */
    struct kp_point grahas[GRAHA_COUNT];
    int house[GRAHA_COUNT]; /* 1 .. 12: the Placidus house (bhava) */
    /* Significators: level[h][l] has bit g set when graha g (Sun .. Ketu)
     * signifies house h+1 at level l+1. */
    unsigned level[12][KP_LEVELS];
    struct kp_ruling ruling;
    bool ruling_as_of; /* ruling planets at options.as_of, not the chart's moment */
};

/* Computes the KP section of chart c (options kp_ayanamsa, kp_horary, as_of
 * in c->options) into out: the cusps by Placidus in the KP frame (or, with
 * kp_horary, the cusps of the ARMC whose ascendant is the start of that
 * sub at the chart's moment and place), the grahas moved into the KP
 * ayanamsa, their lords, the significators, and the ruling planets at
 * options.as_of when it was given, else at the chart's moment. The thread's
 * ephemeris frame (the chart's) is left as it was. Returns 0 or
 * ERR_EPHEMERIS. */
int kp_compute(const struct chart *c, struct kp *out, struct error *err);

/* The ARMC (degrees) at which the tropical ecliptic longitude asc rises at
 * latitude lat under obliquity eps, checked against libswe's ascendant and
 * refined by Newton steps. Returns 0, or -1 where the point never rises
 * (circumpolar: beyond the polar circles). */
int kp_armc_of_ascendant(double asc, double lat, double eps, double *armc);

#endif
