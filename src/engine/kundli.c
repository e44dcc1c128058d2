/* kundli.c - the chart, then each requested section of the registry, each
 * timed as its own stage (see kundli.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/kundli.h"

#include "engine/civil.h"
#include "engine/transit.h"

#include <math.h>

/* Days of ephemeris sade sati reads around as_of: the timeline's window
 * (transit.h) and the reach of a crossing's search around it (~320 days),
 * rounded up. An as_of closer to the files' ends is refused (rather than a
 * timeline cut short, whose "next" cycle would depend on the files). */
#define AS_OF_BEFORE (TRANSIT_BEFORE + 400.0)
#define AS_OF_AFTER (TRANSIT_AFTER + 400.0)

/* The registry's compute column: one adapter per section, filling its
 * member of k from the computed D1 chart (k->chart, options included). */
static int compute_vargas(struct kundli *k, struct error *err)
{
    (void)err;
    varga_compute(&k->chart, &k->vargas);
    return 0;
}

static int compute_dasha(struct kundli *k, struct error *err)
{
    return dasha_compute(&k->chart, &k->dasha, err);
}

static int compute_panchang(struct kundli *k, struct error *err)
{
    return panchang_at_birth(&k->chart, &k->panchang, err);
}

static int compute_ashtakavarga(struct kundli *k, struct error *err)
{
    (void)err;
    ashtakavarga_compute(&k->chart, &k->ashtakavarga);
    return 0;
}

static int compute_doshas(struct kundli *k, struct error *err)
{
    return dosha_compute(&k->chart, k->chart.options.as_of, &k->doshas, err);
}

static int compute_yogas(struct kundli *k, struct error *err)
{
    (void)err;
    yoga_compute(&k->chart, &k->yogas);
    return 0;
}

static int compute_aspects(struct kundli *k, struct error *err)
{
    (void)err;
    aspects_compute(&k->chart, &k->aspects);
    return 0;
}

/* The transits read the bindus of the natal ashtakavarga: the section's
 * own when it was asked for (computed before, in row order), else a copy
 * made here (a microsecond), leaving that section untouched. */
static int compute_transits(struct kundli *k, struct error *err)
{
    struct ashtakavarga own;
    const struct ashtakavarga *av = &k->ashtakavarga;
    if (!(k->chart.options.sections & SECTION_ASHTAKAVARGA)) {
        ashtakavarga_compute(&k->chart, &own);
        av = &own;
    }
    return gochara_compute(&k->chart, av, civil_jd_from_seconds(k->chart.options.as_of),
                           &k->transits, err);
}

/* The drawings are written by the output layer from the vargas (D1 and
 * D9): compute them when the vargas section itself was not asked for. */
static int compute_svg(struct kundli *k, struct error *err)
{
    (void)err;
    if (!(k->chart.options.sections & SECTION_VARGAS))
        varga_compute(&k->chart, &k->vargas);
    return 0;
}

static int compute_kp(struct kundli *k, struct error *err)
{
    return kp_compute(&k->chart, &k->kp, err);
}

/* The strengths read the vargas (saptavargaja, vimshopaka) and the
 * panchang's sunrise and sunset: computed here when those sections were
 * not asked for (the panchang then into a local, not written). */
static int compute_strength(struct kundli *k, struct error *err)
{
    unsigned asked = k->chart.options.sections;
    if (!(asked & (SECTION_VARGAS | SECTION_SVG)))
        varga_compute(&k->chart, &k->vargas);
    if (asked & SECTION_PANCHANG)
        return strength_compute(&k->chart, &k->vargas, &k->panchang, &k->strength, err);
    struct panchang p;
    int rc = panchang_at_birth(&k->chart, &p, err);
    if (rc == 0)
        rc = strength_compute(&k->chart, &k->vargas, &p, &k->strength, err);
    return rc;
}

/* The summary's Vedic weekday comes from the panchang at birth: the one
 * computed by its own section (earlier in the registry) when it was asked
 * for, else computed here (one sunrise, ~35 us). */
static int compute_summary(struct kundli *k, struct error *err)
{
    int vara = k->panchang.vara;
    if (!(k->chart.options.sections & SECTION_PANCHANG)) {
        struct panchang p;
        int rc = panchang_at_birth(&k->chart, &p, err);
        if (rc)
            return rc;
        vara = p.vara;
    }
    summary_compute(&k->chart, vara, &k->summary);
    return 0;
}

typedef int (*compute_fn)(struct kundli *k, struct error *err);

static const compute_fn computes[SECTION_COUNT] = {
#define SECTION(id, name, stage, compute, write_json, write_table) compute,
#include "engine/sections.def"
#undef SECTION
};

int kundli_as_of_check(const struct context *ctx, double as_of, struct error *err)
{
    /* No earlier than the civil calendar's first day, as parsed: the
     * search's two-body model is not good for millennia before it. */
    const struct civil first = {CIVIL_YEAR_MIN, 1, 1, 0, 0, 0};
    double before = civil_jd_from_seconds((double)civil_to_seconds(&first)) - ctx->jd_min;
    if (before < AS_OF_BEFORE)
        before = AS_OF_BEFORE;
    return context_check_span(ctx, civil_jd_from_seconds(as_of), before, AS_OF_AFTER,
                              "options.as_of", err);
}

int kundli_compute(const struct context *ctx, const struct birth *b, const struct chart_options *o,
                   struct kundli *k, struct chart_timing *t, struct error *err)
{
    int rc = chart_compute(ctx, b, o, &k->chart, t, err);
    double mark = chart_timing_start(t);
    if (rc)
        return rc;
    if ((o->sections & SECTION_DOSHAS) && isfinite(o->as_of)) {
        rc = kundli_as_of_check(ctx, o->as_of, err);
        if (rc)
            return rc;
    }
    /* Section kp reads the ruling planets at a given as_of: the ephemeris
     * must hold that instant. */
    if ((o->sections & SECTION_KP) && o->as_of_given && isfinite(o->as_of)) {
        rc = context_check_instant(ctx, civil_jd_from_seconds(o->as_of), "options.as_of", err);
        if (rc)
            return rc;
    }
    if ((o->sections & SECTION_TRANSITS) && isfinite(o->as_of)) {
        rc = context_check_span(ctx, civil_jd_from_seconds(o->as_of), GOCHARA_BEFORE, GOCHARA_AFTER,
                                "options.as_of", err);
        if (rc)
            return rc;
    }
    for (int i = 0; i < SECTION_COUNT; i++) {
        if (!computes[i] || !(o->sections & (1u << i)))
            continue;
        rc = computes[i](k, err);
        chart_timing_lap(t, (enum chart_stage)(STAGE_SECTIONS + i), &mark);
        if (rc)
            return rc;
    }
    return 0;
}
