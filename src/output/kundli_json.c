/* kundli_json.c - the chart document with its sections (see kundli_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/kundli_json.h"

#include "output/ashtakavarga_json.h"
#include "output/chart_json.h"
#include "output/dasha_json.h"
#include "output/dosha_json.h"
#include "output/panchang_json.h"
#include "output/varga_json.h"
#include "output/yoga_json.h"

void kundli_json_write(struct jsonw *w, const struct kundli *k)
{
    kundli_json_write_input(w, k);
    kundli_json_write_rest(w, k);
}

void kundli_json_write_input(struct jsonw *w, const struct kundli *k)
{
    chart_json_write_input(w, &k->chart);
}

void kundli_json_write_rest(struct jsonw *w, const struct kundli *k)
{
    const struct chart *c = &k->chart;
    unsigned sections = c->options.sections;
    chart_json_write_members(w, c);
    if (sections & SECTION_VARGAS) {
        jw_key(w, "vargas");
        varga_json_write(w, &k->vargas, c);
    }
    if (sections & SECTION_DASHA) {
        jw_key(w, "dasha");
        dasha_json_write(w, &k->dasha, c);
    }
    if (sections & SECTION_PANCHANG) {
        jw_key(w, "panchang");
        panchang_json_write(w, &k->panchang, c);
    }
    if (sections & SECTION_ASHTAKAVARGA) {
        jw_key(w, "ashtakavarga");
        ashtakavarga_json_write(w, &k->ashtakavarga, c);
    }
    if (sections & SECTION_DOSHAS) {
        jw_key(w, "doshas");
        dosha_json_write(w, &k->doshas, c);
    }
    if (sections & SECTION_YOGAS) {
        jw_key(w, "yogas");
        yoga_json_write(w, &k->yogas, c);
    }
    jw_obj_end(w);
}
