/* birth.h - the input of a chart: a birth (when and where) and the options
 * (how to compute it), with defaults and validation of every field from
 * text. The CLI flags, the GET query string and the JSON body all arrive
 * here as (key, text) pairs, so there is one parser and one set of errors.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_BIRTH_H
#define KUNDLI_BIRTH_H

#include "common/err.h"
#include "common/lang.h"
#include "engine/civil.h"
#include "engine/section.h"

#include <stdbool.h>
#include <stdint.h>

enum node_type { NODE_MEAN, NODE_TRUE };

/* The graha drishti given to Rahu and Ketu (engine/aspects.h,
 * docs/aspects.md): none (default, the Parashari aspects of the seven
 * planets only), seventh (the 7th, as every graha; PyJHora), bphs (the 5th,
 * 7th, 9th and 12th of the BPHS verse on Rahu's sight). */
enum node_aspects { NODE_ASPECTS_NONE, NODE_ASPECTS_SEVENTH, NODE_ASPECTS_BPHS, NODE_ASPECTS_COUNT };

enum house_system {
    HOUSES_WHOLE_SIGN,
    HOUSES_PLACIDUS,
    HOUSES_SRIPATI,
    HOUSES_KOCH,
    HOUSES_EQUAL,
    HOUSES_PORPHYRY,
    HOUSES_REGIOMONTANUS,
    HOUSES_CAMPANUS,
    HOUSES_COUNT
};


#define BIRTH_TZ_MAX 64
#define BIRTH_PLACE_MAX 128

/* A place a birth named, as the gazetteer resolved it (echoed in the
 * chart's input). */
struct birth_place {
    char name[64];               /* "Chennai" */
    char state[64];              /* "Tamil Nadu"; "" if none */
    char country[48];            /* "India" */
    char timezone[BIRTH_TZ_MAX]; /* IANA name */
    double latitude, longitude;  /* degrees north, east */
};

struct birth {
    struct civil local;          /* local civil date and time */
    char timezone[BIRTH_TZ_MAX]; /* IANA name, "+05:30" or "LMT" */
    int fold;                    /* -1 unset, 0 earlier, 1 later reading */
    double latitude;             /* degrees north, -90 .. 90 */
    double longitude;            /* degrees east, -180 .. 180 */
    double altitude;             /* metres, used when topocentric */
    unsigned have;               /* BIRTH_HAVE_* bits of fields given */
    char place[BIRTH_PLACE_MAX]; /* "Chennai, India" as given (BIRTH_HAVE_PLACE) */
    struct birth_place resolved; /* what place resolved to (birth_resolve_place) */
};
#define BIRTH_HAVE_DATE 1u
#define BIRTH_HAVE_TIME 2u
#define BIRTH_HAVE_TZ 4u
#define BIRTH_HAVE_LAT 8u
#define BIRTH_HAVE_LON 16u
#define BIRTH_HAVE_PLACE 32u     /* latitude, longitude and timezone may come from it */
#define BIRTH_RESOLVED_PLACE 64u /* resolved holds the place */

struct context;

/* The dasha systems of section dasha (options.dasha_systems, docs/dasha.md),
 * as bits; DASHA_SYSTEMS_ALL is the default. */
enum dasha_system {
    DASHA_SYSTEM_VIMSHOTTARI = 1u << 0,
    DASHA_SYSTEM_YOGINI = 1u << 1,
    DASHA_SYSTEM_ASHTOTTARI = 1u << 2,
    DASHA_SYSTEM_CHARA = 1u << 3,
    DASHA_SYSTEM_KALACHAKRA = 1u << 4,
};
#define DASHA_SYSTEM_COUNT 5
#define DASHA_SYSTEMS_ALL ((1u << DASHA_SYSTEM_COUNT) - 1)

/* Which applicability rule of Ashtottari dasha decides
 * dasha.ashtottari.applicability.applicable (option ashtottari_rule). */
enum ashtottari_rule {
    ASHTOTTARI_RULE_RAHU,   /* BPHS: Rahu in a kendra or trikona from the lagna
                               lord, not in the lagna (the default) */
    ASHTOTTARI_RULE_PAKSHA, /* Krishna paksha by day, Shukla paksha by night */
};

/* Whose Chara dasha (option chara_method). */
enum chara_method {
    CHARA_METHOD_KNRAO, /* K.N. Rao, Predicting through Jaimini's Chara Dasha
                           (the default) */
    CHARA_METHOD_PVR,   /* P.V.R. Narasimha Rao's dasa years: +1 year for an
                           exalted lord, -1 for a debilitated one */
};

struct chart_options {
    int ayanamsa;           /* libswe sidereal mode; default lahiri (1) */
    enum node_type node;    /* default NODE_MEAN */
    enum house_system house_system; /* default HOUSES_WHOLE_SIGN */
    bool topocentric;       /* default false */
    bool true_positions;    /* geometric positions without light-time and
                               aberration (as Jagannatha Hora/PyJHora print);
                               default false: apparent, as swetest */
    bool outer_planets;     /* Uranus, Neptune, Pluto; default false */
    double dasha_year_days; /* default 365.25 */
    int dasha_levels;       /* Vimshottari depth 1 .. 3, default 2 */
    int yogini_levels;      /* Yogini depth 1 .. 2, default 1 (mahadashas) */
    unsigned dasha_systems; /* enum dasha_system bits; default DASHA_SYSTEMS_ALL */
    int ashtottari_levels;  /* Ashtottari depth 1 .. 3, default 1 */
    int chara_levels;       /* Chara depth 1 .. 2, default 1 */
    int kalachakra_levels;  /* Kalachakra depth 1 .. 2, default 1 */
    int ashtottari_rule;    /* enum ashtottari_rule; default ASHTOTTARI_RULE_RAHU */
    int chara_method;       /* enum chara_method; default CHARA_METHOD_KNRAO */
    bool parivritti_hora;   /* D2 by P.V.R. Narasimha Rao's parivritti hora
                               (option hora=parivritti) instead of Parashara's
                               Sun/Moon hora (hora=parashara, the default) */
    unsigned sections;      /* enum section bits; default SECTIONS_DEFAULT */
    int chart_style;        /* enum chart_style of section svg; default north */
    double as_of;           /* UT seconds since 1970 for transit-based
                               results (sade sati, transits); NAN = now */
    bool as_of_given;       /* as_of came from the caller (options_set), not
                               from options_default_as_of */
    int kp_ayanamsa;        /* libswe mode of section kp's frame: krishnamurti
                               (5, the default) or krishnamurti_vp291 (45) */
    int kp_horary;          /* 0, or 1 .. 249: section kp is the horary chart
                               whose ascendant is the start of that sub */
    int strength_school;    /* enum strength_school of section strength:
                               raman (0, the default) or bphs */
    int lang;               /* enum lang (common/lang.h) of the display names
                               the writers add; LANG_NONE (default): not
                               given, English tables and no `display` fields.
                               The engine only stores it. */
    bool explain;           /* the document adds "explain": the swetest
                               commands that reproduce it; default false */
    int node_aspects;       /* enum node_aspects; default none */
};

/* Fills b and o with the defaults (nothing given yet). */
void birth_init(struct birth *b);
void options_init(struct chart_options *o);

/* Sets one birth field from text. key is the JSON name: date, time,
 * timezone, latitude, longitude, altitude, fold, place. Errors name the
 * field as "birth.<key>". Returns 0, ERR_UNKNOWN_FIELD or the field's own
 * error; an empty value is ERR_MISSING_FIELD. Beyond the strict forms:
 *  - latitude/longitude: a decimal number, optionally followed by a
 *    hemisphere letter (13.0878N, 74.006 W), or degrees, minutes and
 *    seconds (13°05'16"N, 13°05′16″N, 13 05 16 N, 13°05'N); a text that is
 *    no number at all is ERR_INVALID_NUMBER, a number out of range the
 *    field's range error;
 *  - time: H:MM too (9:05), and a 12-hour clock (10:34 PM, 10:34pm,
 *    12:05 am); 24:00 and 10.34 are refused with a hint;
 *  - timezone: an abbreviation (IST, EST, PST, CET, ...) is
 *    ERR_AMBIGUOUS_TIMEZONE listing the zones it may mean; " 05:30" (a '+'
 *    that a query string turned into a space) gets a hint to send %2B;
 *  - place: a city name with an optional ", state or country" qualifier,
 *    resolved later by birth_resolve_place. */
int birth_set(struct birth *b, const char *key, const char *value, struct error *err);

/* Sets one option from text. key is the JSON name: ayanamsa, node,
 * house_system, positions (apparent|true), topocentric, outer_planets,
 * dasha_year_days, dasha_levels, yogini_levels, dasha_systems (a comma list
 * of vimshottari, yogini, ashtottari, chara, kalachakra), ashtottari_levels,
 * chara_levels, kalachakra_levels, ashtottari_rule (rahu|paksha),
 * chara_method (knrao|pvr), hora, sections, chart_style, as_of, kp_ayanamsa
 * (krishnamurti|krishnamurti_vp291), kp_horary (1..249), strength_school
 * (raman|bphs), lang (en, hi, sa, ta, te, kn, ml, bn, mr, gu), explain
 * (true|false), node_aspects (none|seventh|bphs). Errors name the field as
 * "options.<key>". */
int options_set(struct chart_options *o, const char *key, const char *value,
                struct error *err);

/* Sets a field of either kind from a flat parameter, as in a query string
 * or a CLI flag; accepts the short aliases tz, lat, lon and houses. */
int birth_param_set(struct birth *b, struct chart_options *o, const char *key,
                    const char *value, struct error *err);

/* The long name of a flat parameter: tz -> timezone, lat -> latitude,
 * lon -> longitude, houses -> house_system; any other key as it is. */
const char *birth_param_name(const char *key);

/* Fills err for a parameter given twice: key now, after earlier (the same
 * name, or the other of its short and long names). The field is that of
 * birth_param_set ("birth.latitude", "options.ayanamsa", or the key).
 * Returns ERR_DUPLICATE_PARAMETER. */
int birth_param_duplicate(const char *key, const char *earlier, struct error *err);

/* When b names a place (BIRTH_HAVE_PLACE), resolves it through ctx's
 * gazetteer into b->resolved and takes from it the latitude, longitude and
 * timezone that b does not give itself (given ones win). Returns 0,
 * ERR_UNKNOWN_PLACE or ERR_AMBIGUOUS_PLACE (field "birth.place", with the
 * candidates in the message); a context without a gazetteer (the library)
 * answers every place ERR_UNKNOWN_PLACE. */
int birth_resolve_place(const struct context *ctx, struct birth *b, struct error *err);

/* When o->as_of was not given, sets it to the UTC midnight that begins the
 * day of now (UT seconds since 1970): results that depend on "today"
 * (sade sati) then follow the caller's clock, and charts of one day share
 * a cache entry. The engine itself never reads the clock. */
void options_default_as_of(struct chart_options *o, double now);

/* Checks that the required fields (date, time, timezone, latitude,
 * longitude) were given; a place stands for the last three. Returns 0 or
 * ERR_MISSING_FIELD. */
int birth_check_complete(const struct birth *b, struct error *err);

/* Parses a finite number that fills the whole string (at most 64
 * characters) and is spelt as JSON spells numbers:
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? -- no "+5", ".5", "5.",
 * "05" or "1e". Every numeric field is read with it. */
bool birth_parse_number(const char *s, double *out);

/* Names of options' enumerations, as used on the wire. */
const char *node_name(int node);
const char *house_system_name(int hs);
const char *positions_name(bool true_positions); /* "apparent" | "true" */
/* "vimshottari" .. "kalachakra" for bit index i (0 .. DASHA_SYSTEM_COUNT-1),
 * or NULL. */
const char *dasha_system_name(int i);
const char *ashtottari_rule_name(int rule); /* "rahu" | "paksha" */
const char *chara_method_name(int method);  /* "knrao" | "pvr" */
const char *node_aspects_name(int na);           /* "none" | "seventh" | "bphs" */

#endif
