/* dasha_json.h - the dasha systems as the API's "dasha" value
 * (docs/dasha.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DASHA_JSON_H
#define KUNDLI_DASHA_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/dasha.h"

/* Appends one JSON object with the systems of m->systems: the Vimshottari
 * dasha at the top level ("system", "year_days", "levels", "balance",
 * "current", "periods" = mahadashas with their sub-periods nested as
 * "periods"), and the Yogini, Ashtottari, Chara and Kalachakra dashas in the
 * same shape under "yogini", "ashtottari", "chara" and "kalachakra", each
 * with its own "current" (the periods running at options.as_of, or null).
 * Instants are ISO 8601 in UT ("start", "end") and in c's birth zone at
 * that instant ("start_local", "end_local"). The caller writes the key
 * ("dasha"). */
void dasha_json_write(struct jsonw *w, const struct dasha *m, const struct chart *c);

#endif
