/* aspects_json.h - the aspects as the API's "aspects" value (docs/aspects.md
 * documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ASPECTS_JSON_H
#define KUNDLI_ASPECTS_JSON_H

#include "common/jsonw.h"
#include "engine/aspects.h"
#include "engine/chart.h"

/* Appends one JSON object: "node_aspects" (the option used) and "grahas",
 * one object per graha Sun .. Ketu: "name", "sign", and "graha_drishti"
 * and "rashi_drishti", each {"nth": [n, ...], "signs": [...], "houses":
 * [...], "grahas": [...]} in the order of the aspect counted from the
 * graha; graha drishti's grahas are objects {"name", "strength_virupa"}
 * (the sphuta drishti in virupas, 2 decimals; absent when not computed),
 * rashi drishti's names. With option lang, display fields beside the
 * names: "display", "sign_display", "signs_display" and rashi drishti's
 * "grahas_display" (docs/API.md, "Display names"). The caller writes the
 * key ("aspects"). */
void aspects_json_write(struct jsonw *w, const struct aspects *m, const struct chart *c);

#endif
