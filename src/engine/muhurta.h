/* muhurta.h - the search for muhurtas: the windows of a date range at a
 * place in which every rule of a purpose (vivaha, griha pravesha,
 * namakarana, vehicle, travel, business) holds - tithi, nakshatra, vara,
 * lagna, yoga, karana, rahu kalam, the season - optionally personalised by
 * the Moon of one or two births (tara bala, chandra bala). The rules are a
 * table with their sources (muhurta.c, docs/muhurta.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MUHURTA_H
#define KUNDLI_MUHURTA_H

#include "common/alloc.h"
#include "common/err.h"
#include "engine/birth.h"
#include "engine/civil.h"
#include "engine/context.h"
#include "engine/eph.h"
#include "engine/tz.h"

#include <stdbool.h>
#include <stddef.h>

#define MUHURTA_MAX_DAYS 92   /* the longest range: from .. to, both included */
#define MUHURTA_MAX_NATIVES 2 /* births that personalise a search */
#define MUHURTA_MAX_LATITUDE                                                                       \
    66.0 /* beyond, the Sun may not rise (no vara,                                                 \
            no rahu kalam) and the lagna jumps */

enum muhurta_purpose {
    MUHURTA_VIVAHA,        /* marriage */
    MUHURTA_GRIHA_PRAVESH, /* entering a new house */
    MUHURTA_NAMAKARANA,    /* naming a child */
    MUHURTA_VEHICLE,       /* first ride of a vehicle */
    MUHURTA_TRAVEL,        /* setting out on a journey */
    MUHURTA_BUSINESS,      /* opening a business, trade */
    MUHURTA_PURPOSE_COUNT
};

/* The rules, as bits of a failure mask (1u << rule), in the order of the
 * JSON. Each purpose uses some of them (muhurta_rules_of). */
enum muhurta_rule {
    MUHURTA_RULE_SUN_SIGN,  /* the season: the Sun's sign */
    MUHURTA_RULE_MASA,      /* the season: the lunar month (amanta) */
    MUHURTA_RULE_ADHIKA,    /* not in an adhika (intercalary) month */
    MUHURTA_RULE_CHATURMAS, /* not from Ashadha shukla 11 to Kartika shukla 11 */
    MUHURTA_RULE_COMBUST,   /* Jupiter and Venus not combust (asta) */
    MUHURTA_RULE_TITHI,
    MUHURTA_RULE_NAKSHATRA,
    MUHURTA_RULE_VARA,
    MUHURTA_RULE_LAGNA,
    MUHURTA_RULE_YOGA,       /* not one of the nine inauspicious yogas */
    MUHURTA_RULE_KARANA,     /* not Vishti (Bhadra) */
    MUHURTA_RULE_RAHU_KALAM, /* not in the day's rahu kalam */
    MUHURTA_RULE_TARA,       /* personal: tara bala of each native */
    MUHURTA_RULE_CHANDRA,    /* personal: chandra bala of each native */
    MUHURTA_RULE_COUNT
};
#define MUHURTA_PERSONAL_RULES ((1u << MUHURTA_RULE_TARA) | (1u << MUHURTA_RULE_CHANDRA))

/* One row of the rule table: for the purposes in its mask, the values a
 * factor may take (allowed) and those the source singles out (best, a
 * subset, for the score), with the source. The masks are bits of
 * 1-based numbers (tithi 1..30, nakshatra 1..27, yoga 1..27, masa 1..12:
 * bit n) or 0-based ones (vara 0 = Sunday, signs 0 = Aries: bit n). */
struct muhurta_rule_row {
    unsigned purposes; /* bits 1u << enum muhurta_purpose */
    int rule;          /* enum muhurta_rule */
    unsigned long allowed, best;
    const char *text;   /* what it demands, one sentence */
    const char *source; /* where it comes from */
};

/* A birth whose Moon personalises the search. */
struct muhurta_native {
    char role[8]; /* "native", "boy" or "girl" (the parameters' prefix) */
    struct birth birth;
    int nakshatra; /* of the natal Moon, 1..27 (muhurta_prepare) */
    int pada;      /* 1..4 */
    int moon_sign; /* 0 = Aries */
};

/* A search, filled by muhurta_param_set. */
struct muhurta_query {
    int purpose;                  /* enum muhurta_purpose */
    struct civil from, to;        /* local dates, both included */
    struct birth place;           /* timezone, latitude, longitude */
    struct chart_options options; /* ayanamsa */
    unsigned have;                /* MUHURTA_HAVE_* */
    int nnatives;
    struct muhurta_native natives[MUHURTA_MAX_NATIVES];
    /* Asked now and then (may be NULL): true ends the search with
     * ERR_DEADLINE_EXCEEDED. */
    bool (*stop)(void *arg);
    void *stop_arg;
    /* Filled by muhurta_prepare: */
    const struct tz_zone *zone;
    double begin, end; /* UT seconds of 00:00 of from and 24:00 of to */
};
#define MUHURTA_HAVE_PURPOSE 1u
#define MUHURTA_HAVE_FROM 2u
#define MUHURTA_HAVE_TO 4u

/* Everything the rules read at one instant. */
struct muhurta_state {
    double ut;               /* UT seconds since 1970 */
    int tithi;               /* 1..30 */
    int karana;              /* 1..60 */
    int nakshatra;           /* of the Moon, 1..27 */
    int yoga;                /* 1..27 */
    int vara;                /* of the Vedic day (sunrise to sunrise), 0 = Sunday */
    int lagna;               /* the sidereal sign rising, 0 = Aries */
    int sun_sign, moon_sign; /* 0 = Aries */
    int masa;                /* 1 = Chaitra .. 12 (amanta) */
    bool adhika;             /* the month is adhika */
    bool chaturmas;          /* Ashadha shukla 11 .. Kartika shukla 11 */
    bool rahu_kalam;         /* within the day's rahu kalam */
    bool jupiter_combust, venus_combust;
    int tara[MUHURTA_MAX_NATIVES];    /* 1 (Janma) .. 9 (Parama mitra), per native */
    int chandra[MUHURTA_MAX_NATIVES]; /* the Moon's house from the natal Moon, 1..12 */
};

/* Which rules a state fails: general (bits 1u << enum muhurta_rule, the
 * personal ones excluded) and personal (bit 2 i: tara bala of native i,
 * bit 2 i + 1: chandra bala of native i). */
struct muhurta_verdict {
    unsigned general;
    unsigned personal;
};

/* A stretch of time in which no factor changes. */
struct muhurta_segment {
    double start, end; /* UT seconds */
    struct muhurta_state state;
    struct muhurta_verdict verdict;
    int score; /* 0..100 (see muhurta_score) */
};

/* A window: a maximal run of whole minutes at every one of which every
 * rule holds (general and personal). */
struct muhurta_window {
    double start, end;   /* UT seconds, multiples of 60 */
    int score;           /* 0..100: its segments' scores weighted by duration */
    size_t first, count; /* its segments in muhurta_result.segments, clipped to it */
};

/* A run of whole minutes in which every general rule holds but a
 * personal one fails: reported, not silently dropped. */
struct muhurta_excluded {
    double start, end;   /* UT seconds, multiples of 60 */
    unsigned personal;   /* the failures, as in struct muhurta_verdict */
    size_t first, count; /* its segments, clipped */
};

struct muhurta_result {
    struct muhurta_query query; /* the query as prepared (natives' Moons filled) */
    const char *zone_name;      /* normalised zone spec (owned by the context) */
    double ayanamsa_value;      /* degrees, at the start of the range */
    enum eph_source ephemeris;
    struct muhurta_window *windows;
    size_t nwindows;
    struct muhurta_excluded *excluded;
    size_t nexcluded;
    struct muhurta_segment *segments;
    size_t nsegments;
    const struct alloc *alloc;
};

/* An empty query: no purpose, dates or place, Lahiri, no natives. */
void muhurta_query_init(struct muhurta_query *q);

/* Sets one parameter from text: purpose (muhurta_purpose_name), from and
 * to (YYYY-MM-DD), tz/timezone, lat/latitude, lon/longitude, ayanamsa
 * (through the birth parser), and a native's birth: native.KEY, or
 * boy.KEY and girl.KEY, where KEY is a birth field of GET /v1/kundli
 * (date, time, tz, lat, lon, place, fold, altitude). Errors name the
 * parameter as given ("purpose", "from", "boy.lat"). Returns 0,
 * ERR_UNKNOWN_FIELD, ERR_MISSING_FIELD (an empty value), ERR_INVALID_VALUE
 * (purpose; native.* with boy.* or girl.*), ERR_INVALID_DATE,
 * ERR_DATE_OUT_OF_RANGE, ERR_DUPLICATE_PARAMETER or the birth parser's
 * error. */
int muhurta_param_set(struct muhurta_query *q, const char *key, const char *value,
                      struct error *err);

/* Checks q and fills its zone, begin and end and each native's Moon
 * (a chart of the birth in q's ayanamsa). Returns 0; ERR_MISSING_FIELD
 * (purpose, from, to, tz, lat, lon, a native's field);
 * ERR_INVALID_VALUE (to: before from or more than MUHURTA_MAX_DAYS days
 * later; lat: beyond MUHURTA_MAX_LATITUDE); ERR_INVALID_LATITUDE,
 * ERR_INVALID_LONGITUDE; ERR_UNKNOWN_TIMEZONE (tz); ERR_DATE_OUT_OF_RANGE
 * (from, to: the range, with a month on either side for the lunar months,
 * outside ctx's ephemeris); a native's chart error (its field prefixed
 * with its role); ERR_EPHEMERIS. */
int muhurta_prepare(const struct context *ctx, struct muhurta_query *q, struct error *err);

/* The state at UT instant ut (seconds), for a prepared query, computed from
 * nothing but the instant: positions, the lagna, the sunrise that opens its
 * Vedic day and that day's rahu kalam, the lunar month. Binds the calling
 * thread's ephemeris frame. ~150 us. Returns 0 or ERR_EPHEMERIS. */
int muhurta_state_at(const struct context *ctx, const struct muhurta_query *q, double ut,
                     struct muhurta_state *st, struct error *err);

/* The rules that st fails for q's purpose and natives. Returns true when
 * none fails. */
bool muhurta_check(const struct muhurta_query *q, const struct muhurta_state *st,
                   struct muhurta_verdict *out);

/* The score of a state that passes every rule (0..100): each graded factor
 * of the purpose (tithi, nakshatra, vara, lagna) earns 25 points when its
 * value is among the source's best, 15 when it is only allowed; the sum is
 * scaled to 100 over the factors the purpose grades. 0 when a rule fails. */
int muhurta_score(const struct muhurta_query *q, const struct muhurta_state *st);

/* Finds the windows of q (not yet prepared: muhurta_search prepares a
 * copy) into *out, allocated through ctx's allocator; release it with
 * muhurta_result_free, also after an error. The rule-changing instants
 * (limb and lagna crossings, sunrises, rahu kalam, sankrantis, new moons,
 * combustion) are found to a few milliseconds; between two of them
 * nothing changes. Each whole minute of the range takes the state of the
 * stretch it lies in, and each window's edges are confirmed with
 * muhurta_state_at. About 30 ms for 30 days. Thread-safe.
 * Returns 0, muhurta_prepare's errors, ERR_DEADLINE_EXCEEDED (q->stop),
 * ERR_EPHEMERIS or ERR_NO_MEMORY. */
int muhurta_search(const struct context *ctx, const struct muhurta_query *q,
                   struct muhurta_result *out, struct error *err);

void muhurta_result_free(struct muhurta_result *r);

/* The rule table, and whether a rule applies to a purpose. */
const struct muhurta_rule_row *muhurta_rule_table(size_t *count);
bool muhurta_rule_applies(int purpose, int rule);

/* Wire names: "vivaha", "griha_pravesh", "namakarana", "vehicle",
 * "travel", "business"; "tithi", "rahu_kalam", ...; the nine taras
 * "Janma" .. "Parama Mitra". "?" out of range. muhurta_purpose_find
 * returns -1 for an unknown name. */
const char *muhurta_purpose_name(int purpose);
int muhurta_purpose_find(const char *name);
const char *muhurta_rule_name(int rule);
const char *muhurta_tara_name(int tara);

/* Tara (1..9) of the nakshatra nak counted from the natal one (both
 * 1..27), and the house (1..12) of sign counted from the natal sign. */
int muhurta_tara(int natal_nakshatra, int nakshatra);
int muhurta_house_from(int natal_sign, int sign);

#endif
