/* kundli.c - the chart, then each requested section, each timed as its own
 * stage (see kundli.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/kundli.h"

int kundli_compute(const struct birth *b, const struct chart_options *o, struct kundli *k,
                   struct chart_timing *t, struct error *err)
{
    const struct chart *c = &k->chart;
    int rc = chart_compute(b, o, &k->chart, t, err);
    double mark = t ? chart_timing_now() : 0;
    if (rc)
        return rc;
    if (o->sections & SECTION_VARGAS) {
        varga_compute(c, &k->vargas);
        chart_timing_lap(t, STAGE_VARGAS, &mark);
    }
    if (o->sections & SECTION_DASHA) {
        rc = dasha_compute(c, &k->dasha, err);
        chart_timing_lap(t, STAGE_DASHA, &mark);
        if (rc)
            return rc;
    }
    if (o->sections & SECTION_PANCHANG) {
        rc = panchang_at_birth(c, &k->panchang, err);
        chart_timing_lap(t, STAGE_PANCHANG, &mark);
        if (rc)
            return rc;
    }
    if (o->sections & SECTION_ASHTAKAVARGA) {
        ashtakavarga_compute(c, &k->ashtakavarga);
        chart_timing_lap(t, STAGE_ASHTAKAVARGA, &mark);
    }
    if (o->sections & SECTION_DOSHAS) {
        rc = dosha_compute(c, o->as_of, &k->doshas, err);
        chart_timing_lap(t, STAGE_DOSHAS, &mark);
        if (rc)
            return rc;
    }
    if (o->sections & SECTION_YOGAS) {
        yoga_compute(c, &k->yogas);
        chart_timing_lap(t, STAGE_YOGAS, &mark);
    }
    return 0;
}
