/* context.c - the engine's settings and shared caches (see context.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/context.h"

#include <string.h>

int context_init(struct context *ctx, const char *ephe_path, const char *zoneinfo,
                 const struct alloc *a, struct error *err)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->alloc = a ? *a : alloc_libc;
    if (!ephe_path || !ephe_path[0])
        ephe_path = EPH_DEFAULT_PATH;
    if (strlen(ephe_path) >= sizeof ctx->ephe_path)
        return err_set(err, ERR_INVALID_ARGUMENT, "ephe_path", "ephemeris path too long");
    memcpy(ctx->ephe_path, ephe_path, strlen(ephe_path) + 1);
    return tz_db_new(zoneinfo, &ctx->alloc, &ctx->tz, err);
}

void context_free(struct context *ctx)
{
    tz_db_free(ctx->tz);
    ctx->tz = NULL;
}
