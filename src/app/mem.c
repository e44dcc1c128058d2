/* mem.c - abort-on-OOM allocation wrappers (see mem.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "app/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n, const char *file, int line)
{
    fprintf(stderr, "kundli: out of memory allocating %zu bytes at %s:%d\n", n, file, line);
    abort();
}

void *mem_alloc(size_t n, const char *file, int line)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n, file, line);
    return p;
}

void *mem_calloc(size_t n, size_t size, const char *file, int line)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size, file, line);
    return p;
}

void *mem_realloc(void *p, size_t n, const char *file, int line)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n, file, line);
    return q;
}

char *mem_strdup(const char *s, const char *file, int line)
{
    size_t n = strlen(s) + 1;
    char *d = mem_alloc(n, file, line);
    memcpy(d, s, n);
    return d;
}
