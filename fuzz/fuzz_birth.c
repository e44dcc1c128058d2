/* fuzz_birth.c - libFuzzer harness for the birth/options parser: the input
 * is lines of "key=value" (as the query string, CLI flags and JSON body all
 * become); a complete birth is then computed with every section it asks
 * for, which drives the time zone loader, civil-time conversion and each
 * jyotish module with hostile but valid values (poles, year 5399, ...).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/kundli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_context.h"
#include "fuzz_params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
    struct birth *b;
    struct chart_options *o;
};

static void param(void *ctx, const char *key, const char *value)
{
    struct input *in = ctx;
    struct error err;
    birth_param_set(in->b, in->o, key, value, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct kundli k;
    struct birth b;
    struct chart_options o;
    struct error err;

    birth_init(&b);
    options_init(&o);
    struct input in = {&b, &o};
    fuzz_each_param(data, size, param, &in);
    options_default_as_of(&o, 1.7e9); /* as_of may also come from the input */
    if (birth_check_complete(&b, &err) == 0)
        kundli_compute(engine(), &b, &o, &k, NULL, &err);
    return 0;
}
