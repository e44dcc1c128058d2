/* kundli_json.h - the API's chart document: the D1 chart (chart_json.h)
 * followed by each requested section under its key ("vargas", "dasha",
 * "panchang", "ashtakavarga", "doshas", "yogas"). docs/API.md documents
 * every field. Shared by the CLI's --json and the HTTP service.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_KUNDLI_JSON_H
#define KUNDLI_KUNDLI_JSON_H

#include "common/jsonw.h"
#include "engine/kundli.h"

/* The whole document: exactly kundli_json_write_input() then
 * kundli_json_write_rest(). */
void kundli_json_write(struct jsonw *w, const struct kundli *k);

/* The head `{"input":{...},` (see chart_json_write_input). */
void kundli_json_write_input(struct jsonw *w, const struct kundli *k);

/* Everything after the head, through the closing brace. */
void kundli_json_write_rest(struct jsonw *w, const struct kundli *k);

#endif
