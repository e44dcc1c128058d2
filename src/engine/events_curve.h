/* events_curve.h - the part of the events search that follows longitudes
 * (private to events.c): ingresses, stations, combustion, tithi, karana,
 * yoga, purnima and amavasya, from the changes of continuous curves of
 * the grahas' sidereal longitudes.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_EVENTS_CURVE_H
#define KUNDLI_EVENTS_CURVE_H

#include "common/alloc.h"
#include "common/err.h"
#include "engine/eph.h"

#include <stdbool.h>

/* What to look for and where the events go. The thread's ephemeris frame
 * (ayanamsa, node, positions) is the caller's (eph_begin). */
struct curve_search {
    double from, to;        /* JD UT; events with from <= t < to are emitted */
    unsigned kinds;         /* bits 1u << enum event_kind */
    unsigned bodies;        /* bits 1u << enum graha for the per-graha kinds */
    bool true_node;         /* Rahu and Ketu can station (the true node) */
    enum eph_source source; /* raised to EPH_MOSHIER if libswe fell back */
    bool (*stop)(void *arg);
    void *stop_arg;
    /* Called for each event in [from, to): kind, graha, JD UT, and the
     * coded from and to (struct event). Returns 0 or an error, which ends
     * the search. */
    int (*emit)(void *arg, int kind, int body, double jd, int from, int to, struct error *err);
    void *emit_arg;
};

/* Runs the search over [cs->from, cs->to] (at most EVENTS_MAX_DAYS), with
 * the Sun's table allocated through a. Returns 0, the emitter's error,
 * ERR_DEADLINE_EXCEEDED (stop), ERR_EPHEMERIS or ERR_NO_MEMORY. */
int events_curves(struct curve_search *cs, const struct alloc *a, struct error *err);

#endif
