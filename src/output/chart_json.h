/* chart_json.h - the chart as the API's JSON (docs/API.md documents every
 * field). Shared by the CLI's --json and the HTTP service, so both print
 * exactly the same document for the same input.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CHART_JSON_H
#define KUNDLI_CHART_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"

/* Appends the chart document (one JSON object) to w, with the sections in
 * c->options.sections. */
void chart_json_write(struct jsonw *w, const struct chart *c);

/* Appends {"error":{"code","message","field"}} for e. */
void chart_json_error(struct jsonw *w, const struct error *e);

#endif
