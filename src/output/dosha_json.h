/* dosha_json.h - the doshas as the API's "doshas" value (docs/dosha.md
 * documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DOSHA_JSON_H
#define KUNDLI_DOSHA_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/dosha.h"

/* Appends one JSON object {"manglik": {...}, "kaal_sarp": {...},
 * "sade_sati": {...}}; instants are ISO 8601 UT ("...Z") with a "_local"
 * twin in the birth's time zone. The caller writes the key ("doshas"). */
void dosha_json_write(struct jsonw *w, const struct doshas *m, const struct chart *c);

#endif
