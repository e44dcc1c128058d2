/* mem.h - allocation wrappers that never return NULL.
 * On out-of-memory they log the call site to stderr and abort, so callers
 * need no NULL branches (the approach of Redis zmalloc and h2o_mem_alloc).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MEM_H
#define KUNDLI_MEM_H

#include <stddef.h>

#define xmalloc(n)     mem_alloc((n), __FILE__, __LINE__)
#define xcalloc(n, s)  mem_calloc((n), (s), __FILE__, __LINE__)
#define xrealloc(p, n) mem_realloc((p), (n), __FILE__, __LINE__)
#define xstrdup(s)     mem_strdup((s), __FILE__, __LINE__)

void *mem_alloc(size_t n, const char *file, int line);
void *mem_calloc(size_t n, size_t size, const char *file, int line);
void *mem_realloc(void *p, size_t n, const char *file, int line);
char *mem_strdup(const char *s, const char *file, int line);

#endif
