/* muhurta_json.h - the muhurta search's document (GET /v1/muhurta and
 * `kundli muhurta --json`; docs/muhurta.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MUHURTA_JSON_H
#define KUNDLI_MUHURTA_JSON_H

#include "common/jsonw.h"
#include "engine/muhurta.h"

/* Appends the whole document (one JSON object): the query, the settings,
 * the rules applied with their sources, the natives' Moons, the windows
 * with the factors that qualified them and their scores, and the
 * exclusions by a native's tara or chandra bala. */
void muhurta_json_write(struct jsonw *w, const struct muhurta_result *r);

#endif
