/* testutil.h - small helpers shared by the unit tests: reading test data
 * files, splitting TSV rows, building births and sizes from the environment.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_TESTUTIL_H
#define KUNDLI_TESTUTIL_H

#include "engine/birth.h"
#include "engine/context.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The context every engine call of a test program uses: the default
 * ephemeris and zoneinfo directories, made on first use. */
static inline struct context *tu_ctx(void)
{
    static struct context ctx;
    static int ready;
    if (!ready) {
        struct error err;
        if (context_init(&ctx, NULL, NULL, NULL, &err)) {
            fprintf(stderr, "tu_ctx: %s\n", err.message);
            abort();
        }
        ready = 1;
    }
    return &ctx;
}

/* Reads a whole file into a NUL-terminated buffer (free() it), or NULL. */
static inline char *tu_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Splits line (modified in place) at tabs into at most max fields. */
static inline int tu_split_tabs(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* Builds a birth and options from "key=value" pairs ending with NULL;
 * aborts the test program on a parse error. */
static inline void tu_birth(struct birth *b, struct chart_options *o, ...)
{
    va_list ap;
    struct error err;
    birth_init(b);
    options_init(o);
    va_start(ap, o);
    for (const char *kv; (kv = va_arg(ap, const char *));) {
        char key[64];
        const char *eq = strchr(kv, '=');
        size_t n = (size_t)(eq - kv);
        memcpy(key, kv, n);
        key[n] = '\0';
        if (birth_param_set(b, o, key, eq + 1, &err)) {
            fprintf(stderr, "tu_birth: %s: %s\n", kv, err.message);
            abort();
        }
    }
    va_end(ap);
}

/* A size from the environment variable name (a whole number 1 .. 1e9), or def
 * when it is unset or empty: the quick runs use small sizes, the long runs
 * full ones (tests/CMakeLists.txt). Aborts the test program on a bad value. */
static inline long tu_env_count(const char *name, long def)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return def;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno || v < 1 || v > 1000000000) {
        fprintf(stderr, "%s='%s': want a whole number 1..1000000000\n", name, s);
        abort();
    }
    return v;
}

#define ARCSEC (1.0 / 3600.0)

/* Signed smallest difference a - b of two angles, degrees. */
static inline double tu_angle_diff(double a, double b)
{
    double d = a - b;
    while (d > 180)
        d -= 360;
    while (d < -180)
        d += 360;
    return d;
}

#endif
