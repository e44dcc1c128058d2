/* fuzz_request.c - libFuzzer harness for the HTTP request-body parser: the
 * input is a JSON body, parsed and read as a chart request and as each item
 * of a batch, exactly as POST /v1/kundli and /v1/kundli/batch do, then
 * validated; bodies that describe a complete birth have their UT resolved.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/chart.h"
#include "service/request_json.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_context.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void chart_request(const cJSON *obj, const char *prefix)
{
    static struct chart c;
    struct birth b;
    struct chart_options o;
    struct error err;
    if (request_chart(obj, &b, &o, prefix, &err) == 0 && birth_check_complete(&b, &err) == 0)
        chart_resolve_time(engine(), &b, &o, &c, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *json = NULL;
    struct error err;
    if (size > 64 * 1024) /* the server refuses larger bodies */
        return 0;
    if (request_parse_json((const char *)data, size, &json, &err) != 0)
        return 0;
    chart_request(json, "");
    const cJSON *items = cJSON_GetObjectItem(json, "items");
    int i = 0;
    for (const cJSON *it = cJSON_IsArray(items) ? items->child : NULL; it && i < 100;
         it = it->next, i++)
        chart_request(it, "items[0].");
    cJSON_Delete(json);
    return 0;
}
