/* alloc.c - allocation through caller-chosen hooks (see alloc.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "common/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_malloc(size_t n, void *user)
{
    (void)user;
    return malloc(n);
}

static void *libc_realloc(void *p, size_t n, void *user)
{
    (void)user;
    return realloc(p, n);
}

static void libc_free(void *p, void *user)
{
    (void)user;
    free(p);
}

const struct alloc alloc_libc = {libc_malloc, libc_realloc, libc_free, NULL};

void *alloc_malloc(const struct alloc *a, size_t n)
{
    a = a ? a : &alloc_libc;
    return a->malloc(n ? n : 1, a->user);
}

void *alloc_calloc(const struct alloc *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = alloc_malloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *alloc_realloc(const struct alloc *a, void *p, size_t n)
{
    a = a ? a : &alloc_libc;
    return a->realloc(p, n ? n : 1, a->user);
}

void alloc_free(const struct alloc *a, void *p)
{
    if (!p)
        return;
    a = a ? a : &alloc_libc;
    a->free(p, a->user);
}
