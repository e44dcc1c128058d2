/* ashtakavarga_json.h - the ashtakavarga as the API's "ashtakavarga" value
 * (docs/ashtakavarga.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ASHTAKAVARGA_JSON_H
#define KUNDLI_ASHTAKAVARGA_JSON_H

#include "common/jsonw.h"
#include "engine/ashtakavarga.h"
#include "engine/chart.h"

/* Appends one JSON object: "bhinna" {"Sun": [12 ints, Aries .. Pisces], ...,
 * "Saturn", "Lagna"}, "bhinna_totals" {same keys: int}, "sarva" [12 ints]
 * and "sarva_total" (337). The caller writes the key ("ashtakavarga"). */
void ashtakavarga_json_write(struct jsonw *w, const struct ashtakavarga *m,
                             const struct chart *c);

#endif
