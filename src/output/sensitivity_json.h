/* sensitivity_json.h - the birth-time sensitivity of a birth as the API's
 * JSON document (GET /v1/kundli/sensitivity, `kundli sensitivity --json`;
 * docs/sensitivity.md documents every field), and the text that names one
 * value of a kind, shared with the CLI's table.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SENSITIVITY_JSON_H
#define KUNDLI_SENSITIVITY_JSON_H

#include "common/jsonw.h"
#include "engine/sensitivity.h"

#include <stddef.h>

/* Writes value v of kind (enum sensitivity_kind) as text into out: a sign
 * ("Capricorn"), a nakshatra and pada ("Shravana 4") or a maha/antar pair
 * ("Rahu/Mars"); "" for SENSITIVITY_NONE. Returns out. */
char *sensitivity_value_text(int kind, int v, char *out, size_t cap);

/* The whole document: the chart's input head, then "settings", "window",
 * "at_birth", "margin", "count" and "changes" (each with its UT and local
 * time to the second, its offset from the birth in seconds, its kind, the
 * house of a cusp, and the values before and after). */
void sensitivity_json_write(struct jsonw *w, const struct sensitivity *s);

#endif
