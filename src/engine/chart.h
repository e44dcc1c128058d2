/* chart.h - the birth chart (D1 rashi chart) computed from a birth and
 * options: time conversion, ephemeris positions, lagna, houses and the
 * derived jyotish facts of each graha. Pure: no I/O but the ephemeris and
 * zoneinfo files. Serialisation lives outside the engine (src/output).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CHART_H
#define KUNDLI_CHART_H

#include "common/err.h"
#include "engine/birth.h"
#include "engine/context.h"
#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/karaka.h"
#include "engine/tz.h"
#include "engine/zodiac.h"

#include <stdbool.h>
#include <stdint.h>

#define ENGINE_VERSION "0.2.0"

struct graha_pos {
    int graha;              /* enum graha, an index */
    struct zodiac_pos pos;  /* sidereal longitude, sign, degree, nakshatra, pada */
    double latitude;        /* ecliptic latitude, degrees */
    double speed;           /* degrees/day in longitude */
    bool retrograde;        /* speed < 0 (always true for the mean node) */
    int house;              /* 1 .. 12, whole-sign from the lagna */
    int bhava;              /* 1 .. 12 by the chosen house system */
    enum dignity dignity;
    enum relation relation; /* towards the sign lord */
    bool combust;           /* within the classical orb of the Sun */
    double sun_distance;    /* angular distance from the Sun, degrees */
    enum karaka karaka;     /* KARAKA_NONE for nodes/outers */
};

struct house {
    int sign;               /* enum sign (an index) containing the house's cusp */
    double cusp;            /* start of the house, sidereal degrees */
    unsigned occupants;     /* bit g set when graha g is in this bhava */
};

/* Stages timed by chart_compute() and kundli_compute() when asked (see
 * struct chart_timing): the D1 chart's own, then one per registry section
 * (STAGE_SECTIONS + section id; only sections with a stage name are timed). */
enum chart_stage {
    STAGE_TIME,       /* civil time -> UT */
    STAGE_EPHEMERIS,  /* swe_calc_ut for every graha, ayanamsa, delta T */
    STAGE_HOUSES,     /* lagna, MC and cusps */
    STAGE_DERIVE,     /* signs, nakshatras, houses, dignity, karakas */
    STAGE_SECTIONS,
    STAGE_COUNT = STAGE_SECTIONS + SECTION_COUNT
};

/* Time per stage. The engine never reads a clock: the caller passes one. */
struct chart_timing {
    double (*now)(void);    /* monotonic nanoseconds; NULL: nothing is timed */
    double ns[STAGE_COUNT]; /* accumulated nanoseconds per stage */
};

struct chart {
    struct birth birth;           /* the input as given */
    struct chart_options options;
    /* time */
    struct tz_conv tz;            /* UT instant, offset and abbreviation */
    const struct tz_zone *zone;   /* the birth's zone (owned by the context) */
    const char *zone_name;        /* normalised zone spec */
    const char *ephe_path;        /* the context's ephemeris directory (owned by
                                     it): for sections that read the ephemeris
                                     again (sade sati, transits) */
    double jd_ut;                 /* Julian day, UT */
    double delta_t;               /* TT - UT, seconds */
    /* frame */
    double ayanamsa_value;        /* degrees at birth */
    enum eph_source ephemeris;
    enum house_system house_system_used; /* actually used */
    bool house_fallback;          /* the chosen system failed at this latitude */
    /* positions */
    struct zodiac_pos ascendant;
    struct zodiac_pos mc;
    int ngrahas;                  /* 9, or 12 with outer_planets */
    struct graha_pos grahas[GRAHA_COUNT]; /* indexed by enum graha */
    struct house houses[12];      /* houses[0] is the first house */
};

/* Adds the nanoseconds since *mark to stage `stage` of t (if t and its
 * clock are not NULL) and moves *mark to now. Start with
 * *mark = chart_timing_start(t). */
void chart_timing_lap(struct chart_timing *t, enum chart_stage stage, double *mark);
double chart_timing_start(const struct chart_timing *t);

/* The first stage of chart_compute() on its own: copies b and o into c and
 * fills c->tz, c->zone, c->zone_name and c->jd_ut (nothing else). Cheap (no
 * ephemeris), so a cache can key on the UT instant before computing.
 * Returns 0, or a time zone / local time error with err filled, or
 * ERR_DATE_OUT_OF_RANGE ("birth.date") when the UT instant lies outside
 * ctx's ephemeris range (context_check_instant). */
int chart_resolve_time(const struct context *ctx, const struct birth *b,
                       const struct chart_options *o, struct chart *c, struct error *err);

/* Computes the chart of birth b with options o into c. b must be complete
 * (birth_check_complete). timing may be NULL; when given, the time spent
 * per stage is added to it. Returns 0 or the first error (time zone, local
 * time, ephemeris), with err filled. */
int chart_compute(const struct context *ctx, const struct birth *b, const struct chart_options *o,
                  struct chart *c, struct chart_timing *timing, struct error *err);

/* Name of a stage ("time", "ephemeris", "houses", "derivations", then the
 * sections' stage names), or NULL for a section that has no stage. */
const char *chart_stage_name(enum chart_stage stage);

/* The ephemeris frame of birth b (place resolved) with options o: what
 * chart_compute() passes to eph_begin(), for a module that evaluates the
 * same positions at other instants. */
void chart_frame(const struct context *ctx, const struct birth *b, const struct chart_options *o,
                 struct eph_frame *out);

/* libswe's letter of an enum house_system ('W', 'P', 'S', ...), as
 * chart_compute() passes it to eph_houses(). */
char chart_house_letter(int house_system);

/* Whole-sign house (1 .. 12) of a sign counted from the lagna's sign. */
int chart_house_of_sign(const struct chart *c, int sign);

#endif
