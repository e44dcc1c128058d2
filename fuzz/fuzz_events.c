/* fuzz_events.c - libFuzzer harness for the events search's parameters:
 * the input is lines of "key=value" (as the query string and the CLI flags
 * become); a query that parses is then searched, its span cut to four days
 * so that each input stays fast, which drives the curves, rising and
 * setting (poles too) and the eclipse search with hostile values.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/events.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_context.h"
#include "fuzz_params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void param(void *ctx, const char *key, const char *value)
{
    struct events_query *q = ctx;
    struct error err;
    events_param_set(q, key, value, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct events_query q;
    struct events_list l;
    struct error err;

    events_query_init(&q);
    fuzz_each_param(data, size, param, &q);
    if ((q.have & EVENTS_HAVE_FROM) && (q.have & EVENTS_HAVE_TO)) {
        int64_t from = civil_to_seconds(&q.from), to = civil_to_seconds(&q.to);
        if (to - from > 4 * 86400) /* keep each input fast */
            civil_from_seconds(from + 4 * 86400, &q.to);
    }
    events_find(engine(), &q, &l, &err);
    events_list_free(&l);
    return 0;
}
