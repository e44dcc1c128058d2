/* tz.h - civil time <-> UT through the system's IANA tzdata, thread-safe.
 * Zones are TZif files (RFC 8536, version 2+ 64-bit data and the POSIX TZ
 * footer for instants after the last transition) read once and cached
 * immutable for the life of the process; TZ is never touched. Also accepts
 * fixed offsets "+HH:MM" / "-HH:MM" (and "UTC"/"Z") and "LMT" (local mean
 * time: longitude / 15 hours east of Greenwich).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_TZ_H
#define KUNDLI_TZ_H

#include "common/alloc.h"
#include "common/err.h"
#include "engine/civil.h"

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"

struct tz_db;   /* a zone directory and the zones loaded from it */
struct tz_zone; /* opaque; owned by its tz_db, never freed by callers */

/* How a local reading maps onto the time line. */
enum tz_status {
    TZ_UNIQUE = 0,  /* the local time exists once */
    TZ_OVERLAP = 1, /* it exists twice (fold chose one) */
};

struct tz_conv {
    double ut;        /* seconds since 1970-01-01T00:00:00 UT */
    double offset;    /* local minus UT, seconds (fractional only for LMT) */
    char abbrev[16];  /* "IST", "EDT", "LMT", "+05:30" for fixed offsets */
    enum tz_status status;
};

/* Makes a database of the zones under dir (NULL or "": TZ_DEFAULT_DIR),
 * allocating through a, which must outlive it. Names under posix/ or
 * right/, "localtime", and files with leap-second records are refused:
 * kundli's time line has no leap seconds. At most 1024 distinct zones are
 * kept; beyond that a new name is ERR_UNKNOWN_TIMEZONE. Returns 0,
 * ERR_INVALID_ARGUMENT (dir too long) or ERR_NO_MEMORY. */
int tz_db_new(const char *dir, const struct alloc *a, struct tz_db **out, struct error *err);
/* Frees db and every zone it loaded; no zone of it may be used after. */
void tz_db_free(struct tz_db *db);

/* Finds a zone by spec: an IANA name ("Asia/Kolkata"), a fixed offset
 * ("+05:30", "-03:00", "+0530", "UTC", "Z") or "LMT". Thread-safe; the first
 * lookup of a name loads it, later ones cost a hash probe.
 * Returns 0, ERR_UNKNOWN_TIMEZONE or ERR_NO_MEMORY (field "birth.timezone"). */
int tz_zone_get(struct tz_db *db, const char *spec, const struct tz_zone **zone,
                struct error *err);

/* The spec the zone was found by, normalised ("Asia/Kolkata", "+05:30", "LMT"). */
const char *tz_zone_name(const struct tz_zone *zone);

/* Converts the local wall time to UT. longitude (degrees east) is used only
 * by LMT. fold: -1 when the caller gave none, 0 for the earlier of two
 * readings in an overlap, 1 for the later.
 * Returns 0, ERR_NONEXISTENT_LOCAL_TIME (local time in a gap; field
 * "birth.time"), ERR_AMBIGUOUS_LOCAL_TIME (in an overlap with fold -1;
 * field "birth.fold"), ERR_INVALID_FOLD, or for fields out of range
 * ERR_INVALID_DATE / ERR_DATE_OUT_OF_RANGE ("birth.date") and
 * ERR_INVALID_TIME ("birth.time"). */
int tz_local_to_ut(const struct tz_zone *zone, const struct civil *local, double longitude,
                   int fold, struct tz_conv *out, struct error *err);

/* The offset and abbreviation in force at UT instant ut (seconds since 1970);
 * out->ut is set to ut and out->status to TZ_UNIQUE. */
void tz_ut_to_local(const struct tz_zone *zone, double ut, double longitude,
                    struct tz_conv *out);

#endif
