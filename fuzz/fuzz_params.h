/* fuzz_params.h - the input of the parameter harnesses: "key=value" lines,
 * each handed to the parser under test as a query string's or the CLI's
 * parameter would be.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_FUZZ_PARAMS_H
#define KUNDLI_FUZZ_PARAMS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Calls fn(ctx, key, value) for each line of data that has a '=' (a line
 * longer than 255 bytes is cut there). */
static void fuzz_each_param(const uint8_t *data, size_t size,
                            void (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
    char line[256];
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
        fn(ctx, line, eq + 1);
    }
}

#endif
