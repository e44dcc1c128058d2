/* kp_json.h - the Krishnamurti Paddhati section as the API's "kp" value
 * (docs/kp.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_KP_JSON_H
#define KUNDLI_KP_JSON_H

#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/kp.h"

/* Appends one JSON object: the frame ("ayanamsa", "ayanamsa_value",
 * "house_system_used", "horary"), "cusps" (house, longitude, sign and the
 * four lords), "planets" (name, longitude, house and the four lords),
 * "significators" ("houses": the grahas of each house at levels 1..4;
 * "planets": the houses each graha signifies, per level and in all) and
 * "ruling_planets" (the moment, in UT and in c's zone, the day lord, the
 * lords of lagna and Moon, the nodes that join and the list, strongest
 * first). Lords by their graha names ("Sun" .. "Ketu"). With c's option
 * lang, every name gets its display field (display beside name,
 * <field>_display beside any other, <list>_display beside a list of
 * grahas). The caller writes the key ("kp"). */
void kp_json_write(struct jsonw *w, const struct kp *kp, const struct chart *c);

#endif
