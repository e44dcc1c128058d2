/* varga_json.h - the sixteen divisional charts as the API's "vargas" value
 * (docs/varga.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_VARGA_JSON_H
#define KUNDLI_VARGA_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/varga.h"

/* Appends one JSON object keyed "D1" .. "D60"; each holds "ascendant"
 * {sign, sign_number, degree} and "planets" [{name, sign, sign_number,
 * degree}] for the grahas of c (m->ngrahas of them). Degrees have 8
 * decimals. The caller writes the key ("vargas"). */
void varga_json_write(struct jsonw *w, const struct vargas *m, const struct chart *c);

#endif
