/* dosha.h - the three afflictions asked of every chart: Manglik (Kuja
 * dosha) with its classical cancellations, Kaal sarp (all grahas hemmed by
 * the nodes) and Sade sati (Saturn's 7.5-year transit around the natal
 * Moon). Pure functions on a computed chart; see docs/dosha.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DOSHA_H
#define KUNDLI_DOSHA_H

#include "common/err.h"
#include "engine/chart.h"

#include <stdbool.h>

/* ---- Manglik (Kuja dosha) ---------------------------------------------- */

/* The references Mars's house is counted from. */
enum manglik_ref { MANGLIK_LAGNA, MANGLIK_MOON, MANGLIK_VENUS, MANGLIK_REF_COUNT };

/* Houses (counted from a reference) that give the dosha: 1, 2, 4, 7, 8, 12
 * (the 2nd is the South Indian usage, on by default; see docs/dosha.md). */
#define MANGLIK_HOUSES ((1u << 1) | (1u << 2) | (1u << 4) | (1u << 7) | (1u << 8) | (1u << 12))

/* Named cancellations (bits of struct manglik.cancellations); the list and
 * its sources are in docs/dosha.md. The sign- and aspect-based ones cancel
 * the dosha from every reference; the house-based ones (2nd in Gemini ...)
 * cancel it from the reference that Mars is in that house from. */
enum manglik_cancel {
    MANGLIK_CANCEL_OWN_SIGN,                  /* Mars in Aries or Scorpio */
    MANGLIK_CANCEL_EXALTED,                   /* Mars in Capricorn */
    MANGLIK_CANCEL_LEO_AQUARIUS,              /* Mars in Leo or Aquarius */
    MANGLIK_CANCEL_JUPITER,                   /* Mars with Jupiter or in its aspect */
    MANGLIK_CANCEL_MOON,                      /* Mars with the Moon */
    MANGLIK_CANCEL_YOGAKARAKA,                /* Cancer or Leo lagna */
    MANGLIK_CANCEL_SECOND_GEMINI_VIRGO,       /* 2nd house in Gemini or Virgo */
    MANGLIK_CANCEL_FOURTH_ARIES_SCORPIO,      /* 4th house in Aries or Scorpio */
    MANGLIK_CANCEL_SEVENTH_CANCER_CAPRICORN,  /* 7th house in Cancer or Capricorn */
    MANGLIK_CANCEL_EIGHTH_SAGITTARIUS_PISCES, /* 8th house in Sagittarius or Pisces */
    MANGLIK_CANCEL_TWELFTH_TAURUS_LIBRA,      /* 12th house in Taurus or Libra */
    MANGLIK_CANCEL_COUNT
};

struct manglik {
    bool present;                         /* dosha after cancellations */
    bool from_lagna, from_moon, from_venus; /* raw, before cancellations */
    int house[MANGLIK_REF_COUNT];         /* Mars's house 1..12 from lagna, Moon, Venus */
    bool raw[MANGLIK_REF_COUNT];          /* same as from_lagna/moon/venus, indexed */
    bool cancelled[MANGLIK_REF_COUNT];    /* raw dosha from this reference cancelled */
    unsigned cancellations;               /* bits (1u << enum manglik_cancel) that
                                             cancel a raw dosha */
    int mars_sign;                        /* enum sign (an index) of Mars */
};

/* Manglik dosha of chart c (Mars in houses 1, 2, 4, 7, 8, 12 from the lagna,
 * the Moon and Venus, whole signs). `present` is true when at least one
 * reference shows the dosha and it is not cancelled. */
void dosha_manglik(const struct chart *c, struct manglik *out);

/* Stable snake_case name of a cancellation ("own_sign", ...). */
const char *dosha_manglik_cancel_name(int cancel);
/* One-line description of a cancellation with its source. */
const char *dosha_manglik_cancel_description(int cancel);

/* ---- Kaal sarp ---------------------------------------------------------- */

enum kaal_sarp_status { KAAL_SARP_NONE, KAAL_SARP_FULL, KAAL_SARP_PARTIAL };

struct kaal_sarp {
    enum kaal_sarp_status status;
    bool present;      /* status != KAAL_SARP_NONE */
    int type;          /* 0 Anant .. 11 Sheshnag by Rahu's house - 1; -1 when none */
    int rahu_house;    /* 1..12, whole-sign from the lagna */
    bool savya;        /* grahas lie from Rahu forward to Ketu (Rahu->Ketu);
                          false = apasavya (Ketu->Rahu) */
    int outside;       /* the graha outside the axis (partial), or -1 */
    unsigned on_axis;  /* bits (1u << graha) of grahas in a node's sign */
};

/* Kaal sarp of chart c: the seven grahas Sun..Saturn all within the arc from
 * Rahu to Ketu (or from Ketu to Rahu) by longitude. Partial: exactly one
 * graha outside, or the hemming holds only by counting a graha in the sign of
 * a node as on the axis. */
void dosha_kaal_sarp(const struct chart *c, struct kaal_sarp *out);

/* "Anant" .. "Sheshnag"; "" for -1. */
const char *dosha_kaal_sarp_name(int type);

/* ---- Sade sati ---------------------------------------------------------- */

enum sade_sati_phase {
    SADE_SATI_NONE,    /* Saturn not in the 12th, 1st or 2nd sign from the Moon */
    SADE_SATI_RISING,  /* 12th sign from the Moon */
    SADE_SATI_PEAK,    /* the Moon's sign */
    SADE_SATI_SETTING, /* 2nd sign from the Moon */
};

/* One cycle; instants are Julian days UT. */
struct sade_sati_cycle {
    double start;  /* first entry of Saturn into the 12th sign from the Moon */
    double end;    /* final exit from the 2nd sign from the Moon */
};

struct sade_sati {
    int moon_sign;                  /* natal Moon's sign */
    double as_of;                   /* the instant asked, JD UT */
    double saturn_longitude;        /* sidereal, geocentric, degrees, at as_of */
    int saturn_sign;                /* Saturn's sign at as_of */
    enum sade_sati_phase phase;     /* at as_of */
    bool active;                    /* as_of lies within a cycle */
    struct sade_sati_cycle current; /* valid when active, else NAN */
    struct sade_sati_cycle next;    /* the first cycle starting after as_of */
    int ephemeris_calls;            /* Saturn positions computed by this call,
                                       0 on a memo hit (for tuning) */
};

/* Sade sati of chart c at as_of_ut (UT seconds since 1970; must be finite:
 * the service passes the current time when options.as_of is absent/NaN,
 * the engine never reads the clock). "Within a cycle" uses the cycle's
 * bounds, so a retrograde dip back into the 11th sign stays inside it (phase
 * then is SADE_SATI_NONE but active is true). Saturn is taken in the chart's
 * ayanamsa and positions option, geocentric even for a topocentric chart.
 * Read from this thread's memo of Saturn's sign passages for (ayanamsa,
 * positions, UTC day of as_of) (engine/transit.h): no ephemeris call once
 * the day's passages are known; otherwise the ephemeris is called in the
 * geocentric frame and the chart's frame is set again (eph_begin) before
 * returning. The memo never changes an answer. current and next are NAN when
 * absent. Returns 0, ERR_INVALID_VALUE (as_of not finite), ERR_EPHEMERIS, or
 * ERR_INTERNAL (the search failed: not seen in tests). */
int dosha_sade_sati(const struct chart *c, double as_of_ut, struct sade_sati *out,
                    struct error *err);

/* "none", "rising", "peak", "setting". */
const char *dosha_sade_sati_phase_name(int phase);

/* ---- all three ---------------------------------------------------------- */

struct doshas {
    struct manglik manglik;
    struct kaal_sarp kaal_sarp;
    struct sade_sati sade_sati;
};

/* All doshas of c; as_of_ut as for dosha_sade_sati. Returns 0 or the error of
 * dosha_sade_sati. */
int dosha_compute(const struct chart *c, double as_of_ut, struct doshas *out,
                  struct error *err);

#endif
