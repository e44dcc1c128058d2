/* match_json.h - a kundli match (struct match) as the API's JSON, shared by
 * `kundli match --json` and POST /v1/match (docs/match.md lists the fields).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MATCH_JSON_H
#define KUNDLI_MATCH_JSON_H

#include "common/jsonw.h"
#include "engine/match.h"

/* Appends the match document (one JSON object): boy, girl, kootas (in the
 * order varna .. nadi, each {name, points, max, reason[, exception,
 * exception_code]}), total, max and, when both births were given, manglik. */
void match_json_write(struct jsonw *w, const struct match *m);

#endif
