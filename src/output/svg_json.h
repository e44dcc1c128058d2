/* svg_json.h - section svg of the chart document: the drawings of the D1
 * and D9 charts (output/svg.h) as JSON strings, in the style of the
 * options' chart_style.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SVG_JSON_H
#define KUNDLI_SVG_JSON_H

#include "common/jsonw.h"
#include "engine/kundli.h"

/* Writes {"style": "north", "D1": "<svg ...>", "D9": "<svg ...>"}. k must
 * hold the vargas (SECTION_SVG computes them). The drawings' buffer comes
 * from w's allocator; when it cannot be had, w fails as out of memory
 * (jw_finish). */
void svg_json_write(struct jsonw *w, const struct kundli *k);

#endif
