/* request_json.h - the request-body parser: JSON text to a birth and chart
 * options, strictly (unknown members are rejected, naming the field).
 * Values reach the engine's one field parser (engine/birth.h) as text, so
 * the JSON body, the query string and the CLI share every rule and error.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_REQUEST_JSON_H
#define KUNDLI_REQUEST_JSON_H

#include "common/err.h"
#include "engine/birth.h"

#include <stddef.h>

typedef struct cJSON cJSON;

/* Parses len bytes of body as one JSON value (trailing garbage is an
 * error). On success *out is the tree (cJSON_Delete it). Returns 0,
 * ERR_MALFORMED_JSON with the byte offset in the message, or
 * ERR_INVALID_CHARACTER for a NUL: a raw 0 byte or a \u0000 escape. */
int request_parse_json(const char *body, size_t len, cJSON **out, struct error *err);

/* Reads {"birth": {...}, "options": {...}} into b and o (initialised here;
 * "options" may be absent). Field names in errors get `prefix` in front
 * (e.g. "items[3]."), or none when prefix is "". Does not check that the
 * birth is complete (birth_check_complete does). Returns 0 or an error. */
int request_chart(const cJSON *obj, struct birth *b, struct chart_options *o, const char *prefix,
                  struct error *err);

/* Prepends prefix to err->field (no-op for ""). */
void request_prefix_field(struct error *err, const char *prefix);

#endif
