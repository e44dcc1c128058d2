/* panchang_json.h - the panchang at birth as the chart's "panchang" value,
 * and the daily panchang document of GET /v1/panchang and `kundli panchang
 * --json` (docs/panchang.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_PANCHANG_JSON_H
#define KUNDLI_PANCHANG_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/panchang.h"

/* Appends one JSON object: vara, tithi, nakshatra, yoga, karana (each an
 * object with number and name), sunrise and sunset (ISO 8601 local with
 * offset, and *_ut in UTC; null when the Sun does not rise). The caller
 * writes the key ("panchang"). With c's option lang, each name has its
 * `display` beside it (docs/API.md, "Display names"). */
void panchang_json_write(struct jsonw *w, const struct panchang *p, const struct chart *c);

/* Appends the whole daily panchang document (one JSON object), with the
 * display names of d->lang when it was given. */
void panchang_day_json_write(struct jsonw *w, const struct panchang_day *d);

#endif
