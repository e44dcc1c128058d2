/* kundli_json.h - the API's chart document: the head, the D1 chart's
 * settings, lagna and MC (chart_json.h), then each section of the registry
 * (engine/sections.def) under its name, in registry order. docs/API.md
 * documents every field. Shared by the CLI's --json, the library and the
 * HTTP service.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_KUNDLI_JSON_H
#define KUNDLI_KUNDLI_JSON_H

#include "common/jsonw.h"
#include "engine/kundli.h"

/* The whole document: exactly kundli_json_write_input() then
 * kundli_json_write_rest(), with the sections in sections that k holds
 * (k->chart.options.sections; pass SECTIONS_ALL for all of them). */
void kundli_json_write(struct jsonw *w, const struct kundli *k, unsigned sections);

/* The head `{"input":{...},` (see chart_json_write_input). */
void kundli_json_write_input(struct jsonw *w, const struct kundli *k);

/* Everything after the head, through the closing brace. */
void kundli_json_write_rest(struct jsonw *w, const struct kundli *k, unsigned sections);

#endif
