/* kundli.h - libkundli, Vedic birth charts (kundlis) in C: the one public
 * header. Every name it declares starts with kd_ or KD_; nothing else is
 * exported. docs/LIBRARY.md has a complete example.
 *
 * The shape of a call: make a context once (ephemeris and time zone files,
 * allocator), build a birth and options from text, compute a chart, write it
 * as the JSON document of kundlid's API. Every call returns KD_OK (0) or a
 * negative enum kd_status and, when given a struct kd_error, fills it with
 * the field at fault and a sentence. No call aborts: out of memory is
 * KD_ERR_NO_MEMORY.
 *
 * Threads: a context is shared freely by any number of threads. Births,
 * options and charts belong to one thread at a time.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_H
#define KUNDLI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define KD_API __attribute__((visibility("default")))
#else
#define KD_API
#endif

#define KD_VERSION_MAJOR 0
#define KD_VERSION_MINOR 1
#define KD_VERSION_PATCH 0

/* ---- results and errors ------------------------------------------------ */

/* The result of every call. The values are stable; kd_strerror() gives the
 * wire name used as "code" in kundlid's JSON errors. */
enum kd_status {
    KD_OK = 0,
    KD_ERR_INVALID_DATE = -999,           /* "invalid_date" */
    KD_ERR_INVALID_TIME = -998,           /* "invalid_time" */
    KD_ERR_DATE_OUT_OF_RANGE = -997,      /* "date_out_of_range" */
    KD_ERR_UNKNOWN_TIMEZONE = -996,       /* "unknown_timezone" */
    KD_ERR_NONEXISTENT_LOCAL_TIME = -995, /* "nonexistent_local_time": in a DST gap */
    KD_ERR_AMBIGUOUS_LOCAL_TIME = -994,   /* "ambiguous_local_time": give fold */
    KD_ERR_INVALID_FOLD = -993,           /* "invalid_fold" */
    KD_ERR_INVALID_LATITUDE = -992,       /* "invalid_latitude" */
    KD_ERR_INVALID_LONGITUDE = -991,      /* "invalid_longitude" */
    KD_ERR_INVALID_ALTITUDE = -990,       /* "invalid_altitude" */
    KD_ERR_MISSING_FIELD = -989,          /* "missing_field" */
    KD_ERR_UNKNOWN_FIELD = -988,          /* "unknown_field" */
    KD_ERR_INVALID_VALUE = -987,          /* "invalid_value" */
    KD_ERR_UNKNOWN_AYANAMSA = -986,       /* "unknown_ayanamsa" */
    KD_ERR_UNKNOWN_NODE = -985,           /* "unknown_node" */
    KD_ERR_UNKNOWN_HOUSE_SYSTEM = -984,   /* "unknown_house_system" */
    KD_ERR_UNKNOWN_SECTION = -983,        /* "unknown_section" */
    KD_ERR_UNKNOWN_NAKSHATRA = -982,      /* "unknown_nakshatra" */
    KD_ERR_EPHEMERIS = -981,              /* "ephemeris_error": libswe failed */
    KD_ERR_TOO_LARGE = -980,              /* "too_large": an output limit was hit */
    KD_ERR_MALFORMED_JSON = -979,         /* used by kundlid only */
    KD_ERR_NOT_FOUND = -978,              /* used by kundlid only */
    KD_ERR_METHOD_NOT_ALLOWED = -977,     /* used by kundlid only */
    KD_ERR_UNSUPPORTED_MEDIA_TYPE = -976, /* used by kundlid only */
    KD_ERR_DEADLINE_EXCEEDED = -975,      /* used by kundlid only */
    KD_ERR_UNAVAILABLE = -974,            /* "service_unavailable" */
    KD_ERR_INTERNAL = -973,               /* "internal_error" */
    KD_ERR_NO_MEMORY = -972,              /* "out_of_memory": an allocation failed */
    KD_ERR_INVALID_ARGUMENT = -971,       /* "invalid_argument": NULL or a bad size */
    KD_ERR_INVALID_CHARACTER = -970,      /* "invalid_character": a NUL in a text */
    KD_ERR_MALFORMED_REQUEST = -969,      /* used by kundlid only: bad HTTP framing */
    KD_ERR_OVERLOADED = -968,             /* used by kundlid only: the work queue is full */
    KD_ERR_STORE_UNAVAILABLE = -967,      /* used by kundlid only: the database is unreachable */
    KD_ERR_STORE_BUSY = -966,             /* used by kundlid only: no free database connection */
    KD_ERR_UNAUTHORIZED = -965,           /* used by kundlid only: no valid API key */
    KD_ERR_FORBIDDEN = -964,              /* used by kundlid only: the key may not do this */
    KD_ERR_RATE_LIMITED = -963,           /* used by kundlid only: too many requests */
    KD_ERR_INVALID_NUMBER = -962,         /* "invalid_number": not a number (latitude, ...) */
    KD_ERR_AMBIGUOUS_TIMEZONE = -961,     /* "ambiguous_timezone": an abbreviation (IST) */
    KD_ERR_DUPLICATE_PARAMETER = -960,    /* "duplicate_parameter": a field given twice */
    KD_ERR_UNKNOWN_PLACE = -959,          /* "unknown_place": no city of that name */
    KD_ERR_AMBIGUOUS_PLACE = -958,        /* "ambiguous_place": several cities of that name */
};

/* What went wrong. The layout is fixed for good (it never grows), so it
 * may live on the caller's stack. */
struct kd_error {
    int code;          /* enum kd_status; KD_OK when nothing went wrong */
    char field[64];    /* input field at fault, e.g. "birth.latitude"; "" if none */
    char message[192]; /* one sentence for people */
};

/* The stable wire name of a status ("invalid_latitude"; "ok" for KD_OK;
 * "internal_error" for a value that is not a status). Never NULL. */
KD_API const char *kd_strerror(int status);
/* The field at fault ("" if none) and the message of err. */
KD_API const char *kd_error_field(const struct kd_error *err);
KD_API const char *kd_error_message(const struct kd_error *err);
/* The library's version, "MAJOR.MINOR.PATCH". */
KD_API const char *kd_version(void);

/* ---- the context -------------------------------------------------------- */

/* Allocation hooks: all three, or none (NULL: malloc, realloc, free). A hook
 * that returns NULL makes the call that needed it fail with
 * KD_ERR_NO_MEMORY. Start from KD_ALLOCATOR_INIT, so that `size` is set. */
struct kd_allocator {
    size_t size; /* sizeof(struct kd_allocator) */
    void *(*malloc)(size_t size, void *user);
    void *(*realloc)(void *ptr, size_t size, void *user);
    void (*free)(void *ptr, void *user);
    void *user;
};
#define KD_ALLOCATOR_INIT                                                                          \
    {                                                                                              \
        sizeof(struct kd_allocator), NULL, NULL, NULL, NULL                                        \
    }

/* Settings of a context. Start from KD_CONFIG_INIT, so that `size` tells
 * the library which fields this caller knows of. The strings are copied. */
struct kd_config {
    size_t size;                          /* sizeof(struct kd_config) */
    const char *ephe_path;                /* Swiss Ephemeris files; NULL: Debian's
                                             /usr/share/libswe/ephe */
    const char *zoneinfo_dir;             /* IANA TZif files; NULL: /usr/share/zoneinfo */
    const struct kd_allocator *allocator; /* NULL: the C library's */
};
#define KD_CONFIG_INIT                                                                             \
    {                                                                                              \
        sizeof(struct kd_config), NULL, NULL, NULL                                                 \
    }

struct kd_context;

/* Makes a context from config (NULL: every default). Reads no files yet:
 * zones load on first use, ephemeris files as libswe needs them. The
 * library never reads environment variables: pass what you read. */
KD_API int kd_context_new(const struct kd_config *config, struct kd_context **out,
                          struct kd_error *err);
/* Frees ctx and every zone it loaded. Births, options and charts made from
 * it must be freed first. NULL is ignored. */
KD_API void kd_context_free(struct kd_context *ctx);
/* The instants a context can compute, from its ephemeris files: UT seconds
 * since 1970-01-01 (negative before), first and last. Births (and, with
 * doshas, as_of) outside get KD_ERR_DATE_OUT_OF_RANGE. Either pointer may
 * be NULL. */
KD_API int kd_ephemeris_range(const struct kd_context *ctx, double *first, double *last,
                              struct kd_error *err);
/* Frees memory the library returned (kd_json_string, kd_match,
 * kd_panchang_day) through ctx's allocator. NULL is ignored. */
KD_API void kd_free(struct kd_context *ctx, void *ptr);

/* ---- inputs: a birth and options, from text ------------------------------ */

struct kd_birth;   /* when and where */
struct kd_options; /* how to compute: ayanamsa, node, houses, sections, ... */

KD_API int kd_birth_new(struct kd_context *ctx, struct kd_birth **out, struct kd_error *err);
KD_API void kd_birth_free(struct kd_birth *birth);

/* Sets one birth field from text: date (YYYY-MM-DD, proleptic Gregorian,
 * 0001..5399), time (HH:MM[:SS] or H:MM, local civil, or 12-hour with
 * AM/PM), timezone (IANA name in any case, "+05:30" or "LMT"; an
 * abbreviation such as "IST" is KD_ERR_AMBIGUOUS_TIMEZONE), latitude
 * (-90..90, north; also "13.0878N" or 13°05'16"N; no number at all is
 * KD_ERR_INVALID_NUMBER), longitude (-180..180, east; "80.2785E"),
 * altitude (metres) or fold (0|1: which reading of a time that occurs
 * twice). An empty value is KD_ERR_MISSING_FIELD. "place" is parsed too,
 * but the library has no gazetteer: computing such a birth is
 * KD_ERR_UNKNOWN_PLACE. Errors name the field "birth.<key>". */
KD_API int kd_birth_parse_field(struct kd_birth *birth, const char *key, const char *value,
                                struct kd_error *err);
/* Sets a birth field or an option from a flat parameter, as a query string
 * or a command line has them; also takes the short names tz, lat, lon and
 * houses. options may be NULL when key is a birth field. */
KD_API int kd_birth_parse_param(struct kd_birth *birth, struct kd_options *options, const char *key,
                                const char *value, struct kd_error *err);
/* KD_OK when date, time, timezone, latitude and longitude are all given;
 * else KD_ERR_MISSING_FIELD naming the first missing one. */
KD_API int kd_birth_check(const struct kd_birth *birth, struct kd_error *err);

KD_API int kd_options_new(struct kd_context *ctx, struct kd_options **out, struct kd_error *err);
KD_API void kd_options_free(struct kd_options *options);
/* Sets one option from text, as in the API's "options" object: ayanamsa
 * (lahiri, raman, krishnamurti, ... any Swiss Ephemeris mode by name), node
 * (mean|true), house_system (whole_sign, placidus, ...), positions
 * (apparent|true), topocentric, outer_planets (true|false),
 * dasha_year_days, dasha_levels (1..3), yogini_levels (1..2),
 * dasha_systems (a comma list of vimshottari, yogini, ashtottari, chara,
 * kalachakra; default all), ashtottari_levels (1..3), chara_levels (1..2),
 * kalachakra_levels (1..2), ashtottari_rule (rahu|paksha), chara_method
 * (knrao|pvr), hora (parashara|parivritti), sections (a comma list),
 * as_of (YYYY-MM-DD: the day sade sati, the running dashas and the
 * transits are judged on; default today, UTC), node_aspects
 * (none|seventh|bphs) and explain (true|false: the JSON document ends
 * with the swetest command lines that reproduce it). Errors name the field
 * "options.<key>". */
KD_API int kd_options_set(struct kd_options *options, const char *key, const char *value,
                          struct kd_error *err);

/* ---- sections ----------------------------------------------------------- */

/* What a chart holds, as bits. The D1 chart (settings, ascendant, MC) is
 * always computed; the rest only when asked for. */
#define KD_SECTION_PLANETS (1u << 0)
#define KD_SECTION_HOUSES (1u << 1)
#define KD_SECTION_VARGAS (1u << 2)   /* the sixteen divisional charts */
#define KD_SECTION_DASHA (1u << 3)    /* Vimshottari and Yogini */
#define KD_SECTION_PANCHANG (1u << 4) /* panchang at birth */
#define KD_SECTION_ASHTAKAVARGA (1u << 5)
#define KD_SECTION_DOSHAS (1u << 6) /* manglik, kaal sarp, sade sati */
#define KD_SECTION_YOGAS (1u << 7)
/* The drawings of the D1 and D9 charts as SVG strings, in the options'
 * "chart_style" (north, south or east): asked for by name only. */
#define KD_SECTION_SVG (1u << 8)
/* Krishnamurti Paddhati: Placidus cusps and grahas in the KP ayanamsa with
 * their sign, star, sub and sub-sub lords, significators and ruling
 * planets (options "kp_ayanamsa", "kp_horary"): asked for by name only. */
#define KD_SECTION_KP (1u << 9)
/* Shadbala, bhava bala and vimshopaka bala: asked for by name only. */
#define KD_SECTION_STRENGTH (1u << 10)
/* The native's summary (avakhada chakra), a data section. */
#define KD_SECTION_SUMMARY (1u << 11)
/* Each graha's graha drishti and rashi drishti: houses and grahas, with the
 * virupa strength of each graha drishti; a data section. */
#define KD_SECTION_ASPECTS (1u << 12)
/* The transits at the options' "as_of" (positions, houses from the lagna
 * and the Moon, vedha, bindus, next sign changes, chandrashtama): asked for
 * by name only. */
#define KD_SECTION_TRANSITS (1u << 13)
/* Every data section (the default when none is named); the drawings, KP,
 * the strengths and the transits are not among them: add KD_SECTION_SVG,
 * KD_SECTION_KP, KD_SECTION_STRENGTH, KD_SECTION_TRANSITS. */
#define KD_SECTIONS_ALL (0xFFu | KD_SECTION_SUMMARY | KD_SECTION_ASPECTS)
#define KD_SECTIONS_FROM_OPTIONS 0u /* kd_compute: the options' "sections" */

/* Parses a comma list of section names ("planets,dasha") into bits. */
KD_API int kd_sections_parse(const char *list, unsigned *out, struct kd_error *err);
/* The name of one section bit ("dasha"), or NULL. */
KD_API const char *kd_section_name(unsigned bit);

/* ---- the chart ---------------------------------------------------------- */

struct kd_chart; /* about 35 KB: a computed kundli */

KD_API int kd_chart_new(struct kd_context *ctx, struct kd_chart **out, struct kd_error *err);
KD_API void kd_chart_free(struct kd_chart *chart);

/* Computes the kundli of a complete birth with options (NULL: defaults)
 * and the sections asked for (bits, or KD_SECTIONS_FROM_OPTIONS) into
 * chart. Thread-safe on a shared context. Returns KD_OK or the first error:
 * a missing or invalid field, the time zone, a local time in a gap or an
 * overlap, or the ephemeris. */
KD_API int kd_compute(struct kd_context *ctx, const struct kd_birth *birth,
                      const struct kd_options *options, unsigned sections, struct kd_chart *chart,
                      struct kd_error *err);

/* Bodies of kd_chart_position(). */
enum kd_body {
    KD_SUN,
    KD_MOON,
    KD_MARS,
    KD_MERCURY,
    KD_JUPITER,
    KD_VENUS,
    KD_SATURN,
    KD_RAHU,
    KD_KETU,
    KD_URANUS,
    KD_NEPTUNE,
    KD_PLUTO,
    KD_ASCENDANT = 100,
    KD_MC = 101,
};
/* Signs, 0 = Aries. */
enum kd_sign {
    KD_ARIES,
    KD_TAURUS,
    KD_GEMINI,
    KD_CANCER,
    KD_LEO,
    KD_VIRGO,
    KD_LIBRA,
    KD_SCORPIO,
    KD_SAGITTARIUS,
    KD_CAPRICORN,
    KD_AQUARIUS,
    KD_PISCES,
};

/* Where a body is. Set `size` to sizeof(struct kd_position) before the
 * call: the library fills only the fields that fit. */
struct kd_position {
    size_t size;
    double longitude; /* sidereal, degrees, [0, 360) */
    int sign;         /* enum kd_sign */
    double degree;    /* degrees within the sign, [0, 30) */
    int nakshatra;    /* 0 = Ashwini .. 26 = Revati */
    int pada;         /* 1 .. 4 */
    int house;        /* whole-sign house 1 .. 12 from the lagna (1 for it) */
    double speed;     /* degrees/day; 0 for the ascendant and MC */
    int retrograde;   /* 1 when moving backwards */
};

/* The position of body in a computed chart. KD_ERR_INVALID_ARGUMENT when
 * the body was not computed (outer planets without outer_planets=true). */
KD_API int kd_chart_position(const struct kd_chart *chart, int body, struct kd_position *out,
                             struct kd_error *err);
/* The sign names of the API ("Aries"), the body names ("Sun", "Lagna" for
 * the ascendant) and the nakshatra names ("Ashwini"); NULL if out of range. */
KD_API const char *kd_sign_name(int sign);
KD_API const char *kd_body_name(int body);
KD_API const char *kd_nakshatra_name(int nakshatra);

/* ---- JSON: the documents of kundlid's API ------------------------------- */

/* Receives output; returns 0 to go on, anything else to stop (the call then
 * fails with KD_ERR_INTERNAL). */
typedef int (*kd_write_fn)(void *user, const char *data, size_t len);

/* Writes chart as the API's chart document, with the computed sections
 * among `sections` (KD_SECTIONS_FROM_OPTIONS: all computed), through
 * write. The document is built whole first and never written truncated:
 * KD_ERR_TOO_LARGE beyond 16 MiB. */
KD_API int kd_json_write(const struct kd_chart *chart, unsigned sections, kd_write_fn write,
                         void *user, struct kd_error *err);
/* The same document as a NUL-terminated string in *out (its length in *len
 * if len is not NULL). Free it with kd_free(). */
KD_API int kd_json_string(const struct kd_chart *chart, unsigned sections, char **out, size_t *len,
                          struct kd_error *err);

/* ---- matching and the panchang ------------------------------------------ */

/* One side of a match: a birth (with its options; NULL: defaults), or the
 * Moon given directly as "NAKSHATRA:PADA" ("Rohini:2" or "4:2") when birth
 * is NULL. Start from KD_MATCH_SIDE_INIT. */
struct kd_match_side {
    size_t size; /* sizeof(struct kd_match_side) */
    const struct kd_birth *birth;
    const struct kd_options *options;
    const char *nakshatra;
};
#define KD_MATCH_SIDE_INIT                                                                         \
    {                                                                                              \
        sizeof(struct kd_match_side), NULL, NULL, NULL                                             \
    }

/* Ashtakoota matching (guna milan, 36 points) of the boy's and the girl's
 * Moon, with manglik compatibility when both are births. A birth gives the
 * exact Moon (vashya uses its degree) and the manglik dosha. *out is the
 * API's match document (free with kd_free). Errors name the fields as
 * kundlid does: "boy.birth.latitude", "girl.nakshatra". */
KD_API int kd_match(struct kd_context *ctx, const struct kd_match_side *boy,
                    const struct kd_match_side *girl, char **out, size_t *len,
                    struct kd_error *err);

/* The options of a match, as text (NULL or "": the default): system
 * "ashtakoota" (default) or "porutham" (the ten Tamil poruthams); school
 * "north" (default) or "jhora" (Ashtakoota tables only); lang one of en,
 * hi, sa, ta, te, kn, ml, bn, mr, gu (display names beside the machine
 * names; default none). The keys of POST /v1/match's "options". Start from
 * KD_MATCH_OPTIONS_INIT. */
struct kd_match_options {
    size_t size; /* sizeof(struct kd_match_options) */
    const char *system;
    const char *school;
    const char *lang;
};
#define KD_MATCH_OPTIONS_INIT                                                                      \
    {                                                                                              \
        sizeof(struct kd_match_options), NULL, NULL, NULL                                          \
    }

/* kd_match with options (NULL: the defaults, as kd_match). A bad value is
 * KD_ERR_INVALID_VALUE with field "options.system", "options.school" or
 * "options.lang"; a school with system porutham is invalid too. */
KD_API int kd_match_with(struct kd_context *ctx, const struct kd_match_side *boy,
                         const struct kd_match_side *girl, const struct kd_match_options *options,
                         char **out, size_t *len, struct kd_error *err);

/* The panchang of one day (sunrise to the next sunrise) at one place: the
 * birth's date, timezone, latitude and longitude (its time is not used),
 * and the options' ayanamsa. *out is the API's panchang document (free
 * with kd_free). */
KD_API int kd_panchang_day(struct kd_context *ctx, const struct kd_birth *day,
                           const struct kd_options *options, char **out, size_t *len,
                           struct kd_error *err);

#ifdef __cplusplus
}
#endif

#endif
