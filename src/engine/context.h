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

#include <stdbool.h>

#define CONTEXT_PATH_MAX 512

struct birth_place;

/* Resolves a place name ("Chennai, India") into a city: the binaries set
 * it to their gazetteer (places/places.h). Returns 0, ERR_UNKNOWN_PLACE or
 * ERR_AMBIGUOUS_PLACE with err filled (field "birth.place"). */
typedef int (*context_place_fn)(void *gazetteer, const char *text, struct birth_place *out,
                                struct error *err);
#define EPH_DEFAULT_PATH "/usr/share/libswe/ephe"

struct context {
    struct alloc alloc;               /* every allocation of the engine */
    char ephe_path[CONTEXT_PATH_MAX]; /* Swiss Ephemeris files */
    struct tz_db *tz;                 /* zones, loaded on first use */
    double jd_min, jd_max;            /* the supported instants, JD UT: the span of the
                                         installed ephemeris files (eph_range) */
    bool eph_files;                   /* false: no files, the range is libswe's
                                         analytic ephemeris's */
    context_place_fn place_resolve;   /* NULL (context_init's default): no
                                         place names, only coordinates */
    void *gazetteer;                  /* place_resolve's first argument */
};

/* Fills ctx: the range jd_min..jd_max from the files in ephe_path (no
 * files: libswe's analytic span, -3000..3000; not an error here, /readyz
 * reports it); ephe_path NULL or "" means EPH_DEFAULT_PATH, zoneinfo NULL or
 * "" means TZ_DEFAULT_DIR, a NULL the C library's allocator. Returns 0,
 * ERR_INVALID_ARGUMENT (a path longer than CONTEXT_PATH_MAX - 1) or
 * ERR_NO_MEMORY. */
int context_init(struct context *ctx, const char *ephe_path, const char *zoneinfo,
                 const struct alloc *a, struct error *err);
/* Checks that jd_ut (JD UT) is within ctx's range; otherwise
 * ERR_DATE_OUT_OF_RANGE naming field and the range (UT, to the second). */
int context_check_instant(const struct context *ctx, double jd_ut, const char *field,
                          struct error *err);
/* The same for the narrower span jd_min + before .. jd_max - after (days):
 * for an instant whose computation reaches that far around it. */
int context_check_span(const struct context *ctx, double jd_ut, double before, double after,
                       const char *field, struct error *err);
/* Formats ctx's range ends as "YYYY-MM-DDTHH:MM:SSZ" (UT, proleptic
 * Gregorian, astronomical years: "-5401-..." before year 0), rounded to the
 * second inwards. */
void context_range_text(const struct context *ctx, char from[32], char to[32]);

/* Frees what context_init allocated (the zones). */
void context_free(struct context *ctx);

#endif
