/* svg_json.c - the drawings of section svg as JSON strings (see
 * svg_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/svg_json.h"

#include "output/svg.h"

/* The vargas drawn by section svg: the rasi and the navamsa, the pair an
 * astrologer reads side by side. */
static const int drawn[] = {VARGA_D1, VARGA_D9};

void svg_json_write(struct jsonw *w, const struct kundli *k)
{
    int style = k->chart.options.chart_style;
    char *buf = alloc_malloc(w->alloc, SVG_MAX);
    if (!buf) {
        w->nomem = true; /* jw_finish reports it */
        return;
    }
    jw_obj(w);
    jw_kstr(w, "style", chart_style_name(style));
    for (size_t i = 0; i < sizeof drawn / sizeof drawn[0]; i++) {
        size_t len;
        jw_key(w, varga_name(drawn[i]));
        if (svg_write(buf, SVG_MAX, &len, k, drawn[i], style, NULL) == 0)
            jw_strn(w, buf, len);
        else
            jw_null(w); /* not reached: the vargas are computed with the section */
    }
    jw_obj_end(w);
    alloc_free(w->alloc, buf);
}
