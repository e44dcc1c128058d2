/* context.h - what the engine reads from outside, in one value: the
 * ephemeris directory, the time zone database and the allocator. Made once
 * by the caller (the library facade, the CLI, the service) and shared by
 * every thread; the engine keeps no process-wide settings of its own and
 * never reads the environment.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CONTEXT_H
#define KUNDLI_CONTEXT_H

#include "common/alloc.h"
#include "common/err.h"
#include "engine/tz.h"

#define CONTEXT_PATH_MAX 512
#define EPH_DEFAULT_PATH "/usr/share/libswe/ephe"

struct context {
    struct alloc alloc;               /* every allocation of the engine */
    char ephe_path[CONTEXT_PATH_MAX]; /* Swiss Ephemeris files */
    struct tz_db *tz;                 /* zones, loaded on first use */
};

/* Fills ctx: ephe_path NULL or "" means EPH_DEFAULT_PATH, zoneinfo NULL or
 * "" means TZ_DEFAULT_DIR, a NULL the C library's allocator. Returns 0,
 * ERR_INVALID_ARGUMENT (a path longer than CONTEXT_PATH_MAX - 1) or
 * ERR_NO_MEMORY. */
int context_init(struct context *ctx, const char *ephe_path, const char *zoneinfo,
                 const struct alloc *a, struct error *err);
/* Frees what context_init allocated (the zones). */
void context_free(struct context *ctx);

#endif
