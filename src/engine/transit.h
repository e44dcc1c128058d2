/* transit.h - Saturn's stays in blocks of sidereal signs (first entry to
 * final exit, retrograde returns included) around an instant, from a
 * timeline of its sign passages that is kept per thread for each
 * (ayanamsa, positions, UTC day) and filled as asked. Sade sati reads it
 * (docs/dosha.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_TRANSIT_H
#define KUNDLI_TRANSIT_H

#include "common/err.h"
#include "engine/eph.h"

#include <stddef.h>

/* A timeline holds the passages (sign-edge crossings) of Saturn from
 * TRANSIT_BEFORE days before the UTC midnight of its day to TRANSIT_AFTER
 * days after it: enough for the stay in progress and the next complete one
 * of any block of up to TRANSIT_MAX_SIGNS signs (a stay in 3 signs lasts at
 * most ~9 years, Saturn's period is 29.46). */
#define TRANSIT_BEFORE (10.5 * 365.25)
#define TRANSIT_AFTER (41.5 * 365.25)
#define TRANSIT_MAX_SIGNS 3
#define TRANSIT_MAX_PASSAGES 32 /* the window holds 21-22 */
#define TRANSIT_MEMO 4          /* timelines kept per thread */

/* A stay, Julian days UT; NAN when absent. */
struct transit_span {
    double start; /* first entry into the first sign of the block */
    double end;   /* final exit from the last sign of the block */
};

/* Saturn's stays in the nsigns (1..TRANSIT_MAX_SIGNS) consecutive signs
 * from `sign` (enum sign), sidereal in frame's ayanamsa and positions option
 * and geocentric even for a topocentric frame (Saturn's parallax is under
 * 1.1", though at its slow speed that shifts an entry by minutes; see
 * docs/dosha.md): *current, the stay holding jd_ut
 * (start <= jd_ut <= end; a retrograde return to the sign before the block
 * is inside it), else NAN; *next, the first stay starting after jd_ut. Also
 * Saturn's sidereal longitude at jd_ut (degrees, geocentric, the ephemeris's
 * own value). Times are found with the Swiss Ephemeris to ~0.1 s (the
 * resolution of its files).
 *
 * Memo: each thread keeps the timelines of its last TRANSIT_MEMO keys
 * (ayanamsa, positions option, UTC day of jd_ut), least recently used
 * replaced, each with Saturn's longitude at the last instant asked. A
 * crossing is searched the first time a stay needs it (2-3 ephemeris calls)
 * and then kept; every search starts from the model calibrated at the day's
 * midnight, so an answer does not depend on what was asked before: a
 * memoised answer is bit for bit a fresh one. Thread-safe like libswe
 * itself: the memo is thread-local (no locks), of fixed size (~5 KB a
 * thread, no heap), gone with the thread.
 *
 * Frame: when the ephemeris is needed, eph_begin() is called with the
 * geocentric frame, and again with `frame` (the chart's own) before
 * returning; when the memo held everything the thread's frame is not
 * touched. *calls (may be NULL) gets the Saturn positions computed by this call: 0
 * when the memo held everything. Returns 0, ERR_INVALID_VALUE (jd_ut not
 * finite, or a bad block), ERR_EPHEMERIS, or ERR_INTERNAL (a crossing or a
 * stay not found: not seen in tests). */
int transit_saturn_stays(const struct eph_frame *frame, double jd_ut, int sign, int nsigns,
                         struct transit_span *current, struct transit_span *next,
                         double *longitude, int *calls, struct error *err);

/* ---- sign changes of any graha ----------------------------------------- */

/* How far after an instant transit_next_sign_change looks: longer than any
 * stay of a graha in one sign (Saturn's, retrograde loops included, last
 * under 3 years; the nodes' about 19 months). */
#define TRANSIT_SIGN_REACH (3.5 * 365.25)

/* The first instant after jd_ut (JD UT) at which graha (enum graha, Sun ..
 * Ketu) stands in another sidereal sign than at jd_ut, in frame (set with
 * eph_begin() here; the caller sets its own frame again afterwards: for
 * transits a geocentric one). A retrograde graha may leave backwards, into
 * the sign before: *sign is the sign entered. Exact to ~1 ms (the root of
 * the longitude minus the sign's edge, bracketed and then solved by the
 * safeguarded Newton of engine/rootfind.h): the graha is stepped forward
 * by the time it needs at its greatest speed to reach the nearer edge, so
 * no exit is stepped over, and where the steps shrink near an edge, by a
 * floor under half the shortest time between its stations, checking the
 * station inside a step. Writes *when (JD UT) and *sign; *calls (may be NULL) is
 * incremented by the ephemeris calls made. Returns 0, ERR_INVALID_VALUE
 * (not a graha of the nine, jd_ut not finite), ERR_EPHEMERIS, or
 * ERR_INTERNAL (no change within TRANSIT_SIGN_REACH: not seen). */
int transit_next_sign_change(const struct eph_frame *frame, int graha, double jd_ut,
                             double *when, int *sign, int *calls, struct error *err);

/* The Moon's stays in sidereal `sign` (enum sign) around jd_ut, in frame
 * (as above): *current, the stay holding jd_ut (start <= jd_ut < end), else
 * NAN; *next, the first stay starting after jd_ut. The Moon never turns
 * back, so a stay is one entry and one exit, each found to ~1 ms. *calls as
 * above. Returns 0, ERR_INVALID_VALUE or ERR_EPHEMERIS. */
int transit_moon_stays(const struct eph_frame *frame, int sign, double jd_ut,
                       struct transit_span *current, struct transit_span *next, int *calls,
                       struct error *err);

/* Empties this thread's memo (the statistics stay). */
void transit_memo_clear(void);

struct transit_memo_stats {
    int entries;    /* timelines held now, <= capacity */
    int capacity;   /* TRANSIT_MEMO */
    int passages;   /* passages listed in them */
    int crossings;  /* crossing times found in them (2 a passage at most) */
    size_t bytes;   /* the memo's fixed size in each thread */
    long builds;    /* timelines started by this thread */
    long hits;      /* calls of this thread that found their timeline */
};

/* This thread's memo statistics. */
void transit_memo_stats(struct transit_memo_stats *out);

#endif
