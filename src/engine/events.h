/* events.h - every event of the chosen kinds in a span of time: sidereal
 * sign, nakshatra and pada ingresses, stations, combustion, the panchang's
 * changes (tithi, nakshatra, yoga, karana), sunrise and sunset, moonrise
 * and moonset, eclipses, sankrantis, purnima and amavasya, each to within a
 * second (docs/events.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_EVENTS_H
#define KUNDLI_EVENTS_H

#include "common/alloc.h"
#include "common/err.h"
#include "engine/birth.h"
#include "engine/context.h"

#include <stdbool.h>
#include <stddef.h>

#define EVENTS_MAX_DAYS 3653 /* the longest span of one search: 10 years */
#define EVENTS_MAX 100000    /* events one search returns at most */

/* The kinds, in the order of the wire names (event_kind_name). Events at
 * the same instant are listed in this order. */
enum event_kind {
    EVENT_SIGN_INGRESS,      /* a graha enters a sidereal sign */
    EVENT_NAKSHATRA_INGRESS, /* a graha enters a nakshatra */
    EVENT_PADA_INGRESS,      /* a graha enters a pada (quarter nakshatra) */
    EVENT_STATION,           /* a graha turns retrograde or direct */
    EVENT_COMBUSTION,        /* a graha becomes combust or visible again */
    EVENT_TITHI,             /* the panchang's tithi changes */
    EVENT_NAKSHATRA,         /* the panchang's nakshatra (the Moon's) changes */
    EVENT_YOGA,              /* the panchang's yoga changes */
    EVENT_KARANA,            /* the panchang's karana changes */
    EVENT_SUNRISE,
    EVENT_SUNSET,
    EVENT_MOONRISE,
    EVENT_MOONSET,
    EVENT_ECLIPSE,   /* greatest eclipse, solar or lunar */
    EVENT_SANKRANTI, /* the Sun enters a sidereal sign */
    EVENT_PURNIMA,   /* full moon: elongation 180 degrees */
    EVENT_AMAVASYA,  /* new moon: elongation 0 */
    EVENT_KIND_COUNT
};
#define EVENTS_ALL_KINDS ((1u << EVENT_KIND_COUNT) - 1)

/* One event. from and to say what changes, coded by kind (event_state_name
 * spells them): a sign 0..11 (ingress, sankranti), a nakshatra 0..26, a pada
 * 0..107 (nakshatra * 4 + pada - 1), enum event_motion (station), enum
 * event_visibility (combustion), tithi 1..30, yoga 1..27, karana 1..60,
 * enum event_horizon (rising and setting), enum paksha (purnima,
 * amavasya); for an eclipse from is its enum eph_eclipse_type and to its
 * enum eph_visibility at the place. */
struct event {
    double ut;          /* seconds since 1970-01-01T00:00:00 UT */
    int offset;         /* local minus UT at ut in the query's zone, s */
    unsigned char kind; /* enum event_kind */
    signed char body;   /* enum graha */
    short from, to;
};

enum event_motion { EVENT_DIRECT, EVENT_RETROGRADE };
enum event_visibility { EVENT_VISIBLE, EVENT_COMBUST };
enum event_horizon { EVENT_BELOW_HORIZON, EVENT_ABOVE_HORIZON };

/* A search: the span, the kinds, the bodies and the place. Filled by
 * events_param_set from text; *stop (may be NULL) is asked now and then
 * and ends the search with ERR_DEADLINE_EXCEEDED when it answers true. */
struct events_query {
    struct civil from, to;           /* as given, wall time of the zone ... */
    int from_offset, to_offset;      /* ... or with this UTC offset (s) ... */
    bool from_absolute, to_absolute; /* ... when it carried one (Z, +05:30) */
    unsigned kinds;                  /* bits 1u << enum event_kind; 0 = all */
    unsigned bodies;                 /* bits 1u << enum graha; 0 = the nine grahas */
    struct birth place;              /* timezone, latitude, longitude */
    struct chart_options options;    /* ayanamsa, node, positions */
    unsigned have;                   /* EVENTS_HAVE_* of the fields given */
    bool (*stop)(void *arg);
    void *stop_arg;
};
#define EVENTS_HAVE_FROM 1u
#define EVENTS_HAVE_TO 2u

/* The events found, sorted by time (then kind, body, to). items is
 * allocated through alloc; events_list_free releases it. */
struct events_list {
    struct event *items;
    size_t count, cap;
    const struct alloc *alloc;
};

/* An empty query: every kind, the nine grahas, Lahiri, mean nodes. */
void events_query_init(struct events_query *q);

/* Sets one parameter from text: from, to (YYYY-MM-DD, or
 * YYYY-MM-DDTHH:MM[:SS] optionally followed by Z or an offset +HH:MM;
 * without one it is wall time in tz), kinds (a comma-separated list of
 * event_kind_name, or all), bodies (graha names, or all: the nine and
 * Uranus, Neptune, Pluto), tz/timezone, lat/latitude, lon/longitude,
 * ayanamsa, node, positions (through the birth parser). Errors name the
 * parameter as given. Returns 0, ERR_UNKNOWN_FIELD, ERR_MISSING_FIELD (an
 * empty value), ERR_INVALID_DATE, ERR_INVALID_VALUE (kinds, bodies), or the
 * birth parser's error. */
int events_param_set(struct events_query *q, const char *key, const char *value, struct error *err);

/* Finds every event of q's kinds with from <= time < to, into *out
 * (initialised here; free it with events_list_free even on error). Each
 * change of a continuous quantity is bracketed and refined on the
 * ephemeris to well under a second; rising and setting by the panchang's
 * convention (eph_rise_set); eclipses by libswe's eclipse search. About
 * 0.3 s for a year of every kind at a mid-latitude place. Thread-safe
 * (binds the calling thread's ephemeris frame).
 * Returns 0; ERR_MISSING_FIELD (from, to, tz; lat and lon when rising,
 * setting or eclipses are asked); ERR_UNKNOWN_TIMEZONE (tz);
 * ERR_NONEXISTENT_LOCAL_TIME (from, to: a wall time in a gap);
 * ERR_INVALID_VALUE (to: not after from, more than EVENTS_MAX_DAYS later,
 * or more than EVENTS_MAX events); ERR_DATE_OUT_OF_RANGE (from, to: outside
 * ctx's ephemeris); ERR_INVALID_LATITUDE / ERR_INVALID_LONGITUDE;
 * ERR_DEADLINE_EXCEEDED (stopped); ERR_EPHEMERIS; ERR_NO_MEMORY. */
int events_find(const struct context *ctx, const struct events_query *q, struct events_list *out,
                struct error *err);

void events_list_free(struct events_list *l);

/* "sign_ingress", "nakshatra_ingress", ... ("?" out of range), and back
 * (-1 when unknown). */
const char *event_kind_name(int kind);
int event_kind_find(const char *name);

/* The name of what an event changes from (to false) or to (to true):
 * "Aries", "Ashwini", "Ashwini 1" (pada), "direct", "combust", "Purnima",
 * "Bava", "above_horizon", "shukla", "total" (eclipse type),
 * "partly_visible" (eclipse at the place). Returns buf or a constant. */
const char *event_state_name(const struct event *e, bool to, char buf[32]);

#endif
