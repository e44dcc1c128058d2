/* gochara_json.h - the transits as the API's "transits" value
 * (docs/transits.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_GOCHARA_JSON_H
#define KUNDLI_GOCHARA_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/gochara.h"

/* Appends one JSON object: "as_of" (with "as_of_local" in the birth's
 * zone), the natal "lagna_sign" and "moon_sign", "grahas" (Sun .. Ketu:
 * position, houses from the lagna and the Moon, favourable, vedha,
 * bindus, next_sign_change) and "chandrashtama" (sign, active, current,
 * next). Instants are ISO 8601 UT ("...Z", to the second) with a "_local"
 * twin. With option lang, display fields beside the names ("display",
 * "sign_display", "nakshatra_display", "vedha_by_display",
 * "lagna_sign_display", "moon_sign_display"). The caller writes the key
 * ("transits"). */
void gochara_json_write(struct jsonw *w, const struct gochara *m, const struct chart *c);

#endif
