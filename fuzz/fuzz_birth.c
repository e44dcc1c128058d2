/* fuzz_birth.c - libFuzzer harness for the birth/options parser: the input
 * is lines of "key=value" (as the query string, CLI flags and JSON body all
 * become); a complete birth is then computed, which also drives the time
 * zone loader and civil-time conversion with hostile values.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/chart.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct chart c;
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
    if (birth_check_complete(&b, &err) == 0)
        chart_compute(&b, &o, &c, NULL, &err);
    return 0;
}
