/* context.c - the engine's settings and shared caches (see context.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/context.h"

#include "engine/civil.h"
#include "engine/eph.h"

#include <math.h>
#include <stdio.h>
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
    ctx->eph_files = eph_range(ctx->ephe_path, &ctx->jd_min, &ctx->jd_max) == 0;
    return tz_db_new(zoneinfo, &ctx->alloc, &ctx->tz, err);
}

void context_free(struct context *ctx)
{
    tz_db_free(ctx->tz);
    ctx->tz = NULL;
}

/* ISO 8601 in UT, proleptic Gregorian, astronomical years (0 is 1 BC;
 * before it, the expanded form "-5401-11-19T..."). */
static void format_utc(double secs, char out[32])
{
    struct civil c;
    civil_from_seconds((int64_t)secs, &c);
    snprintf(out, 32, "%s%04d-%02d-%02dT%02d:%02d:%02dZ", c.year < 0 ? "-" : "",
             c.year < 0 ? -c.year : c.year, c.month, c.day, c.hour, c.minute, c.second);
}

/* The range's ends to the second, rounded inwards, so that an instant
 * written as shown is accepted. */
void context_range_text(const struct context *ctx, char from[32], char to[32])
{
    format_utc(ceil(civil_seconds_from_jd(ctx->jd_min)), from);
    format_utc(floor(civil_seconds_from_jd(ctx->jd_max)), to);
}

int context_check_span(const struct context *ctx, double jd_ut, double before, double after,
                       const char *field, struct error *err)
{
    struct context span = *ctx;
    char from[32], to[32];
    span.jd_min += before;
    span.jd_max -= after;
    if (jd_ut >= span.jd_min && jd_ut <= span.jd_max)
        return 0;
    context_range_text(&span, from, to);
    return err_set(err, ERR_DATE_OUT_OF_RANGE, field,
                   "%s must be an instant between %s and %s (UT), within the ephemeris", field,
                   from, to);
}

int context_check_instant(const struct context *ctx, double jd_ut, const char *field,
                          struct error *err)
{
    return context_check_span(ctx, jd_ut, 0.0, 0.0, field, err);
}
