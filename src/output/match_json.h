/* match_json.h - a kundli match (struct match) as the API's JSON, shared by
 * `kundli match --json` and POST /v1/match (docs/match.md lists the fields).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MATCH_JSON_H
#define KUNDLI_MATCH_JSON_H

#include "common/jsonw.h"
#include "engine/match.h"
#include "engine/match_table.h"

/* Appends the match document (one JSON object): system (and school for
 * ashtakoota), boy, girl, then for ashtakoota kootas (in the order varna ..
 * nadi, each {name, points, max, reason[, exception, exception_code]}),
 * total and max, or for porutham poruthams (dina .. vedha, each {name,
 * present[, deciding], reason}), count, max, rajju_ok, vedha_ok and, when
 * both births were given, papasamyam; then verdict {band, text, source}
 * and, when both births were given, manglik. lang (enum lang): LANG_NONE,
 * or the language of the `display` fields beside the koota and porutham
 * names and the Moons' nakshatra and sign. */
void match_json_write(struct jsonw *w, const struct match *m, int lang);

/* Appends the members of one pair of a matrix (kundli match-matrix, POST
 * /v1/match/matrix) inside an object the caller opened: "total", "kootas"
 * ({"varna": 1.0, ... "nadi": 8.0}), "exceptions" ({koota: exception
 * code}, only when some koota has one) and, when manglik >= 0 (both
 * births known), "manglik_compatible" (manglik != 0). */
void match_pair_json_write(struct jsonw *w, const struct match_cell *c, int manglik);

#endif
