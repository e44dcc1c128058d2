/* yoga_json.h - the yoga table as the API's "yogas" value (docs/yoga.md
 * documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_YOGA_JSON_H
#define KUNDLI_YOGA_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/yoga.h"

/* Appends one JSON array with an object per yoga of the table, in table
 * order: {"name", "present", "planets": ["Jupiter", "Moon"] (empty when
 * absent), "description", "source"}. The caller writes the key ("yogas"). */
void yoga_json_write(struct jsonw *w, const struct yogas *m, const struct chart *c);

#endif
