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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct kundli k;
    struct birth b;
    struct chart_options o;
    struct error err;
    char line[256];

    birth_init(&b);
    options_init(&o);
    size_t i = 0;
    while (i < size) {
        size_t n = 0;
        while (i < size && data[i] != '\n' && n < sizeof line - 1)
            line[n++] = (char)data[i++];
        while (i < size && data[i] != '\n') /* overlong line: drop the rest */
            i++;
        i++;
        line[n] = '\0';
        char *eq = memchr(line, '=', n);
        if (!eq)
            continue;
        *eq = '\0';
        birth_param_set(&b, &o, line, eq + 1, &err);
    }
    options_default_as_of(&o, 1.7e9); /* as_of may also come from the input */
    if (birth_check_complete(&b, &err) == 0)
        kundli_compute(engine(), &b, &o, &k, NULL, &err);
    return 0;
}
