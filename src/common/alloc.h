/* alloc.h - the allocator every library allocation goes through. The
 * library never aborts: a NULL from these is an ERR_NO_MEMORY for the
 * caller. The binaries use app/mem.h instead, which aborts.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ALLOC_H
#define KUNDLI_ALLOC_H

#include <stddef.h>

/* Same layout as the public struct kd_allocator. */
struct alloc {
    void *(*malloc)(size_t size, void *user);
    void *(*realloc)(void *ptr, size_t size, void *user);
    void (*free)(void *ptr, void *user);
    void *user;
};

/* malloc, realloc and free of the C library. */
extern const struct alloc alloc_libc;

/* a may be NULL: the C library's. Return NULL on failure. */
void *alloc_malloc(const struct alloc *a, size_t n);
void *alloc_calloc(const struct alloc *a, size_t n, size_t size);
void *alloc_realloc(const struct alloc *a, void *p, size_t n);
void alloc_free(const struct alloc *a, void *p);

#endif
