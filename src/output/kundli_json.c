/* kundli_json.c - the chart document with its sections, driven by the
 * section registry (see kundli_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/kundli_json.h"

#include "output/ashtakavarga_json.h"
#include "output/aspects_json.h"
#include "output/chart_json.h"
#include "output/dasha_json.h"
#include "output/dosha_json.h"
#include "output/explain.h"
#include "output/kp_json.h"
#include "output/gochara_json.h"
#include "output/panchang_json.h"
#include "output/strength_json.h"
#include "output/summary_json.h"
#include "output/svg_json.h"
#include "output/varga_json.h"
#include "output/yoga_json.h"

/* The registry's write_json column: the value of each section. */
static void json_planets(struct jsonw *w, const struct kundli *k)
{
    chart_json_write_planets(w, &k->chart);
}

static void json_houses(struct jsonw *w, const struct kundli *k)
{
    chart_json_write_houses(w, &k->chart);
}

static void json_vargas(struct jsonw *w, const struct kundli *k)
{
    varga_json_write(w, &k->vargas, &k->chart);
}

static void json_dasha(struct jsonw *w, const struct kundli *k)
{
    dasha_json_write(w, &k->dasha, &k->chart);
}

static void json_panchang(struct jsonw *w, const struct kundli *k)
{
    panchang_json_write(w, &k->panchang, &k->chart);
}

static void json_ashtakavarga(struct jsonw *w, const struct kundli *k)
{
    ashtakavarga_json_write(w, &k->ashtakavarga, &k->chart);
}

static void json_doshas(struct jsonw *w, const struct kundli *k)
{
    dosha_json_write(w, &k->doshas, &k->chart);
}

static void json_yogas(struct jsonw *w, const struct kundli *k)
{
    yoga_json_write(w, &k->yogas, &k->chart);
}

static void json_svg(struct jsonw *w, const struct kundli *k)
{
    svg_json_write(w, k);
}

static void json_kp(struct jsonw *w, const struct kundli *k)
{
    kp_json_write(w, &k->kp, &k->chart);
}

static void json_strength(struct jsonw *w, const struct kundli *k)
{
    strength_json_write(w, &k->strength, &k->chart);
}

static void json_summary(struct jsonw *w, const struct kundli *k)
{
    summary_json_write(w, &k->summary, k->chart.options.lang);
}

static void json_aspects(struct jsonw *w, const struct kundli *k)
{
    aspects_json_write(w, &k->aspects, &k->chart);
}

static void json_transits(struct jsonw *w, const struct kundli *k)
{
    gochara_json_write(w, &k->transits, &k->chart);
}

static const struct {
    const char *name;
    void (*write)(struct jsonw *w, const struct kundli *k);
} rows[SECTION_COUNT] = {
#define SECTION(id, name, stage, compute, write_json, write_table) {name, write_json},
#include "engine/sections.def"
#undef SECTION
};

void kundli_json_write(struct jsonw *w, const struct kundli *k, unsigned sections)
{
    kundli_json_write_input(w, k);
    kundli_json_write_rest(w, k, sections);
}

void kundli_json_write_input(struct jsonw *w, const struct kundli *k)
{
    chart_json_write_input(w, &k->chart);
}

void kundli_json_write_rest(struct jsonw *w, const struct kundli *k, unsigned sections)
{
    sections &= k->chart.options.sections;
    chart_json_write_members(w, &k->chart);
    for (int i = 0; i < SECTION_COUNT; i++) {
        if (!(sections & (1u << i)))
            continue;
        jw_key(w, rows[i].name);
        rows[i].write(w, k);
    }
    if (k->chart.options.explain) {
        jw_key(w, "explain");
        explain_json_write(w, &k->chart);
    }
    jw_obj_end(w);
}
