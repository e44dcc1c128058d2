/* strength_json.h - the strength section as the API's "strength" value:
 * shadbala with every component, the lords of the time, bhava bala and
 * vimshopaka bala (docs/strength.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STRENGTH_JSON_H
#define KUNDLI_STRENGTH_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/strength.h"

/* Appends one JSON object: "shadbala" [7 objects, Sun .. Saturn: graha,
 * benefic, sthana {uchcha, saptavargaja, ojayugma, kendradi, drekkana,
 * total}, dig, kala {nathonnatha, paksha, tribhaga, abda, masa, vara, hora,
 * ayana, yuddha, total}, cheshta, naisargika, drik, total, rupas, required,
 * ratio, strong, ishta_phala, kashta_phala], "lords" {abda, masa, vara,
 * hora}, "war" (null or {winner, loser}), "bhava_bala" [12 objects: house,
 * sign, madhya, lord, adhipati, dig, drishti, total, rupas] and
 * "vimshopaka" [7 objects: graha, shadvarga, saptavarga, dashavarga,
 * shodasavarga]. Virupas with 2 decimals. With c's option lang, every
 * graha or sign name has its display field beside it (graha_display,
 * abda_display, winner_display, sign_display, lord_display, ...). The
 * caller writes the key. */
void strength_json_write(struct jsonw *w, const struct strength *s, const struct chart *c);

#endif
