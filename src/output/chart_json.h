/* chart_json.h - the D1 chart as the API's JSON (docs/API.md documents
 * every field): the document's head, its settings, lagna and MC, and the
 * planets and houses sections. kundli_json.h assembles the document.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CHART_JSON_H
#define KUNDLI_CHART_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"

/* The document's head: `{"input":{...},`. It reads only the fields that
 * chart_resolve_time() fills, plus c->delta_t, so a cache can keep the rest
 * of a document and write a fresh head for each spelling of the input. */
void chart_json_write_input(struct jsonw *w, const struct chart *c);

/* The members every document has after the head: settings, ascendant, mc
 * (no closing brace). */
void chart_json_write_members(struct jsonw *w, const struct chart *c);

/* The values of the sections "planets" (an array of grahas) and "houses"
 * (an array of the twelve houses). */
void chart_json_write_planets(struct jsonw *w, const struct chart *c);
void chart_json_write_houses(struct jsonw *w, const struct chart *c);

#endif
