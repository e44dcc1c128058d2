/* kundli.h - the whole computed kundli: the D1 chart and every section a
 * caller asked for (vargas, dashas, panchang, ashtakavarga, doshas, yogas,
 * the native's summary, aspects, transits).
 * This is the engine's entry point for the CLI and the service.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_KUNDLI_H
#define KUNDLI_KUNDLI_H

#include "engine/ashtakavarga.h"
#include "engine/aspects.h"
#include "engine/chart.h"
#include "engine/dasha.h"
#include "engine/dosha.h"
#include "engine/kp.h"
#include "engine/gochara.h"
#include "engine/panchang.h"
#include "engine/strength.h"
#include "engine/summary.h"
#include "engine/varga.h"
#include "engine/yoga.h"

/* One member per registry section that is not part of the D1 chart
 * (engine/sections.def). */
struct kundli {
    struct chart chart;               /* always */
    struct vargas vargas;             /* SECTION_VARGAS */
    struct dasha dasha;               /* SECTION_DASHA */
    struct panchang panchang;         /* SECTION_PANCHANG */
    struct ashtakavarga ashtakavarga; /* SECTION_ASHTAKAVARGA */
    struct doshas doshas;             /* SECTION_DOSHAS */
    struct yogas yogas;               /* SECTION_YOGAS */
    struct kp kp;                     /* SECTION_KP */
    struct strength strength;         /* SECTION_STRENGTH */
    struct summary summary;           /* SECTION_SUMMARY */
    struct aspects aspects;           /* SECTION_ASPECTS */
    struct gochara transits;          /* SECTION_TRANSITS */
};

/* Computes the chart of complete birth b and the sections in o->sections
 * into k (about 38 KB on x86-64, most of it the dasha: allocate it, don't
 * put it on a small stack).
 * Sections not asked for are left untouched. Sade sati and the transits
 * are computed for o->as_of, which must then be finite (the CLI and the
 * service pass "now" when the caller gave none), and lie in the
 * ephemeris's range narrowed by the ~11 years before and ~42 after that the
 * search of Saturn's passages reads, or for the transits the few days
 * before and ~3.6 years after that theirs read (else
 * ERR_DATE_OUT_OF_RANGE, "options.as_of"; the birth itself must lie in the
 * range: chart_resolve_time). timing may be NULL. Returns 0
 * or the first error, with err filled. */
int kundli_compute(const struct context *ctx, const struct birth *b,
                   const struct chart_options *o, struct kundli *k, struct chart_timing *timing,
                   struct error *err);

/* Checks that as_of (UT seconds since 1970) leaves sade sati's search
 * inside ctx's ephemeris range, and is not before 0001-01-01T00:00Z: 0 or ERR_DATE_OUT_OF_RANGE
 * ("options.as_of", the span in the message). */
int kundli_as_of_check(const struct context *ctx, double as_of, struct error *err);

#endif
