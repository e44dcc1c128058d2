/* fuzz_muhurta.c - libFuzzer harness for the muhurta parameters and search:
 * the input is lines of "key=value" (as the query string and the CLI
 * flags become); a query that parses is searched over at most three days
 * (a longer range is cut, so each input stays fast), driving the natives'
 * charts, the crossings, the minute runs and the edges with hostile but
 * valid values (latitude 66, year 5398, zones with gaps, LMT).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/muhurta.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_context.h"
#include "fuzz_params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void param(void *ctx, const char *key, const char *value)
{
    struct muhurta_query *q = ctx;
    struct error err;
    muhurta_param_set(q, key, value, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct muhurta_query q;
    static struct muhurta_result r;
    struct error err;

    muhurta_query_init(&q);
    fuzz_each_param(data, size, param, &q);
    if ((q.have & MUHURTA_HAVE_FROM) && (q.have & MUHURTA_HAVE_TO)) {
        int64_t d0 = civil_days_from_date(q.from.year, q.from.month, q.from.day);
        int64_t d1 = civil_days_from_date(q.to.year, q.to.month, q.to.day);
        if (d1 - d0 > 2 && d1 - d0 <= MUHURTA_MAX_DAYS)
            civil_date_from_days(d0 + 2, &q.to.year, &q.to.month, &q.to.day);
    }
    if (muhurta_search(engine(), &q, &r, &err) == 0)
        muhurta_result_free(&r);
    return 0;
}
