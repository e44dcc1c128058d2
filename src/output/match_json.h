/* match_json.h - a kundli match (struct match) as the API's JSON, shared by
 * `kundli match --json` and POST /v1/match (docs/match.md lists the fields).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MATCH_JSON_H
#define KUNDLI_MATCH_JSON_H

#include "common/jsonw.h"
#include "engine/match.h"

/* Appends the match document (one JSON object): system (and school for
 * ashtakoota), boy, girl, then for ashtakoota kootas (in the order varna ..
 * nadi, each {name, points, max, reason[, exception, exception_code]}),
 * total and max, or for porutham poruthams (dina .. vedha, each {name,
 * present[, deciding], reason}), count, max, rajju_ok, vedha_ok and, when
 * both births were given, papasamyam; then verdict {band, text, source}
 * and, when both births were given, manglik. */
void match_json_write(struct jsonw *w, const struct match *m);

#endif
