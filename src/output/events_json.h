/* events_json.h - the events document of GET /v1/events and `kundli events
 * --json`: {"events": [{"kind", "body", "time_ut", "time", "from", "to"}]}
 * (docs/events.md documents every value).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_EVENTS_JSON_H
#define KUNDLI_EVENTS_JSON_H

#include "common/jsonw.h"
#include "engine/events.h"

/* The most one event takes in the document (bytes): a writer's limit of
 * EVENTS_JSON_BYTES(n) holds n events. */
#define EVENTS_JSON_EVENT_MAX 200
#define EVENTS_JSON_BYTES(n) (64 + (size_t)(n)*EVENTS_JSON_EVENT_MAX)

/* Appends the whole document (one JSON object) for the list, in its
 * order: time_ut in UTC, time as wall time of the query's zone with its
 * offset, both ISO 8601 rounded to the second. */
void events_json_write(struct jsonw *w, const struct events_list *l);

#endif
