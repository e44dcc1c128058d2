/* chart_json.h - the chart as the API's JSON (docs/API.md documents every
 * field). Shared by the CLI's --json and the HTTP service, so both print
 * exactly the same document for the same input.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CHART_JSON_H
#define KUNDLI_CHART_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"

/* Appends the chart document (one JSON object) to w, with the sections in
 * c->options.sections. It is exactly chart_json_write_input() followed by
 * chart_json_write_rest(). */
void chart_json_write(struct jsonw *w, const struct chart *c);

/* The document's head: `{"input":{...},`. It reads only the fields that
 * chart_resolve_time() fills, plus c->delta_t, so a cache can keep the rest
 * of a document and write a fresh head for each spelling of the input. */
void chart_json_write_input(struct jsonw *w, const struct chart *c);

/* The document's tail after the head: `"settings":{...}, ... }`. */
void chart_json_write_rest(struct jsonw *w, const struct chart *c);

/* The tail's members without the closing brace, for documents that add
 * sections after the D1 chart (output/kundli_json.h). */
void chart_json_write_members(struct jsonw *w, const struct chart *c);

/* Appends {"error":{"code","message","field"}} for e. */
void chart_json_error(struct jsonw *w, const struct error *e);

#endif
