/* birth.c - parsing and validation of birth fields and chart options.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/birth.h"

#include "engine/context.h"
#include "engine/eph.h"
#include "engine/kp.h"
#include "engine/strength.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const node_names[] = {"mean", "true"};
static const char *const node_aspects_names[NODE_ASPECTS_COUNT] = {"none", "seventh", "bphs"};
static const char *const house_names[HOUSES_COUNT] = {
    "whole_sign", "placidus", "sripati", "koch", "equal", "porphyry", "regiomontanus", "campanus",
};

const char *node_name(int n)
{
    return n == NODE_TRUE ? "true" : "mean";
}

const char *node_aspects_name(int na)
{
    return na >= 0 && na < NODE_ASPECTS_COUNT ? node_aspects_names[na] : "?";
}

const char *positions_name(bool true_positions)
{
    return true_positions ? "true" : "apparent";
}

static const char *const dasha_system_names[DASHA_SYSTEM_COUNT] = {
    "vimshottari", "yogini", "ashtottari", "chara", "kalachakra",
};
static const char *const ashtottari_rule_names[] = {"rahu", "paksha"};
static const char *const chara_method_names[] = {"knrao", "pvr"};

const char *dasha_system_name(int i)
{
    return i >= 0 && i < DASHA_SYSTEM_COUNT ? dasha_system_names[i] : NULL;
}

const char *ashtottari_rule_name(int rule)
{
    return rule == ASHTOTTARI_RULE_PAKSHA ? "paksha" : "rahu";
}

const char *chara_method_name(int method)
{
    return method == CHARA_METHOD_PVR ? "pvr" : "knrao";
}

const char *house_system_name(int hs)
{
    return hs >= 0 && hs < HOUSES_COUNT ? house_names[hs] : "?";
}

static int lookup(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* Whether s is exactly a JSON number (RFC 8259 section 6):
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and nothing else. */
static bool json_number(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        s += strspn(s, "0123456789");
    else
        return false;
    if (*s == '.') {
        size_t n = strspn(++s, "0123456789");
        if (n == 0)
            return false;
        s += n;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        size_t n = strspn(s, "0123456789");
        if (n == 0)
            return false;
        s += n;
    }
    return *s == '\0';
}

bool birth_parse_number(const char *s, double *out)
{
    char *end;
    /* JSON's grammar only: strtod would also take blanks, "+5", ".5", "5.",
     * "05", hexadecimal, "inf" and "nan". */
    if (strlen(s) > 64 || !json_number(s))
        return false;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0) {
        *out = false;
        return true;
    }
    return false;
}

static int unknown(struct error *err, const char *group, const char *key)
{
    char field[64];
    snprintf(field, sizeof field, "%s.%.40s", group, key);
    return err_set(err, ERR_UNKNOWN_FIELD, field, "unknown field %s", field);
}


/* A comma list of dasha system names into enum dasha_system bits; a name may
 * repeat. Returns 0 or ERR_INVALID_VALUE (field options.dasha_systems). */
static int set_dasha_systems(const char *s, unsigned *out, struct error *err)
{
    unsigned bits = 0;
    const char *p = s;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        int found = -1;
        for (int i = 0; i < DASHA_SYSTEM_COUNT; i++)
            if (strlen(dasha_system_names[i]) == n && memcmp(dasha_system_names[i], p, n) == 0)
                found = i;
        if (found < 0)
            return err_set(err, ERR_INVALID_VALUE, "options.dasha_systems",
                           "unknown dasha system '%.*s'; dasha_systems is a comma list of "
                           "vimshottari, yogini, ashtottari, chara, kalachakra",
                           (int)(n > 32 ? 32 : n), p);
        bits |= 1u << found;
        if (!comma)
            break;
        p = comma + 1;
    }
    *out = bits;
    return 0;
}

/* A depth option: one digit from 1 to max. */
static int set_levels(const char *key, const char *value, int max, int *out, struct error *err)
{
    if (strlen(value) != 1 || value[0] < '1' || value[0] > '0' + max) {
        char field[64];
        snprintf(field, sizeof field, "options.%s", key);
        return err_set(err, ERR_INVALID_VALUE, field, "%s must be %s", key,
                       max == 2 ? "1 or 2" : "1, 2 or 3");
    }
    *out = value[0] - '0';
    return 0;
}

/* ---- forgiving forms of coordinates, times and zones ------------------- */

/* Skips blanks at *s. */
static void skip_blanks(const char **s)
{
    while (**s == ' ' || **s == '\t')
        (*s)++;
}

/* Reads an unsigned decimal ("13", "13.0878") at *s into *v; true if any
 * digit was read. */
static bool read_decimal(const char **s, double *v)
{
    char buf[40];
    size_t n = strspn(*s, "0123456789");
    if (n == 0 || n > 12)
        return false;
    size_t len = n;
    if ((*s)[n] == '.') {
        size_t f = strspn(*s + n + 1, "0123456789");
        if (f == 0 || f > 20)
            return false;
        len = n + 1 + f;
    }
    memcpy(buf, *s, len);
    buf[len] = '\0';
    *v = strtod(buf, NULL);
    *s += len;
    return true;
}

/* Skips one of the marks in marks (each a NUL-separated UTF-8 string, the
 * list ending with an empty one); true if one was there. */
static bool skip_mark(const char **s, const char *marks)
{
    for (const char *m = marks; *m; m += strlen(m) + 1)
        if (strncmp(*s, m, strlen(m)) == 0) {
            *s += strlen(m);
            return true;
        }
    return false;
}

#define DEGREE_MARKS "\xC2\xB0\0\xC2\xBA\0d\0"
#define MINUTE_MARKS "'\0\xE2\x80\xB2\0\xE2\x80\x99\0m\0"
#define SECOND_MARKS "\"\0\xE2\x80\xB3\0''\0s\0"

/* Parses a coordinate as people write it: a JSON number; a decimal number
 * and a hemisphere letter (13.0878N, 74.006 W); or degrees, minutes and
 * seconds with marks or blanks (13°05'16"N, 13 05 16 N, -13°05'). pos and
 * neg are the hemisphere letters (N/S or E/W, either case). Returns 1 for a
 * value in *out, 0 for text that is no coordinate. */
static int parse_coordinate(const char *text, char pos, char neg, double *out)
{
    if (birth_parse_number(text, out))
        return 1;
    if (strlen(text) > 64)
        return 0;
    const char *s = text;
    double sign = 1, deg, min = 0, sec = 0;
    skip_blanks(&s);
    if (*s == '-' || *s == '+') {
        sign = *s == '-' ? -1 : 1;
        s++;
    }
    if (!read_decimal(&s, &deg))
        return 0;
    bool marked = skip_mark(&s, DEGREE_MARKS);
    const char *before = s;
    skip_blanks(&s);
    bool whole = floor(deg) == deg;
    if (whole && isdigit((unsigned char)*s) && (marked || s > before)) {
        if (!read_decimal(&s, &min) || min >= 60)
            return 0;
        bool mmark = skip_mark(&s, MINUTE_MARKS);
        before = s;
        skip_blanks(&s);
        if (floor(min) == min && isdigit((unsigned char)*s) && (mmark || s > before)) {
            if (!read_decimal(&s, &sec) || sec >= 60)
                return 0;
            skip_mark(&s, SECOND_MARKS);
            skip_blanks(&s);
        }
    }
    double v = deg + min / 60 + sec / 3600;
    char h = (char)toupper((unsigned char)*s);
    if (h == pos || h == neg) {
        if (text[strspn(text, " \t")] == '-' || text[strspn(text, " \t")] == '+')
            return 0; /* a sign and a hemisphere: which one is meant? */
        sign = h == neg ? -1 : 1;
        s++;
        skip_blanks(&s);
    }
    if (*s)
        return 0;
    *out = sign * v;
    return 1;
}

/* Sets a latitude or longitude from text. */
static int set_coordinate(const char *value, bool latitude, double *out, struct error *err)
{
    const char *name = latitude ? "latitude" : "longitude";
    const char *field = latitude ? "birth.latitude" : "birth.longitude";
    double v, limit = latitude ? 90 : 180;
    if (!parse_coordinate(value, latitude ? 'N' : 'E', latitude ? 'S' : 'W', &v))
        return err_set(err, ERR_INVALID_NUMBER, field,
                       "%s must be a decimal number, %s positive; got '%.40s'", name,
                       latitude ? "north" : "east", value);
    if (v < -limit || v > limit)
        return err_set(err, latitude ? ERR_INVALID_LATITUDE : ERR_INVALID_LONGITUDE, field,
                       "%s must be between %g and %g", name, -limit, limit);
    *out = v;
    return 0;
}

/* Reads 1 or 2 digits (h) or exactly 2 (minutes, seconds) at *s. */
static bool time_part(const char **s, size_t min_digits, int *v)
{
    size_t n = strspn(*s, "0123456789");
    if (n < min_digits || n > 2)
        return false;
    *v = (*s)[0] - '0';
    if (n == 2)
        *v = *v * 10 + (*s)[1] - '0';
    *s += n;
    return true;
}

/* A time as people write it: HH:MM[:SS] and H:MM, on a 24-hour clock or
 * with AM/PM (10:34 PM, 10:34pm, 12:05 a.m.). */
static int set_time(struct birth *b, const char *value, struct error *err)
{
    const char *s = value;
    int h, m, sec = 0;
    bool ok = time_part(&s, 1, &h) && *s == ':';
    if (ok) {
        s++;
        ok = time_part(&s, 2, &m);
    }
    if (!ok) {
        const char *dot = strchr(value, '.');
        if (dot && dot > value && isdigit((unsigned char)dot[-1]) && isdigit((unsigned char)dot[1]))
            return err_set(err, ERR_INVALID_TIME, "birth.time",
                           "time takes ':' between hours and minutes (10:34, not 10.34)");
        goto generic;
    }
    if (*s == ':') {
        s++;
        if (!time_part(&s, 2, &sec))
            goto generic;
    }
    skip_blanks(&s);
    int half = 0; /* 1 am, 2 pm */
    char c0 = (char)tolower((unsigned char)s[0]);
    if (c0 == 'a' || c0 == 'p') {
        half = c0 == 'a' ? 1 : 2;
        s++;
        if (*s == '.')
            s++;
        if (tolower((unsigned char)*s) != 'm')
            goto generic;
        s++;
        if (*s == '.')
            s++;
    }
    if (*s)
        goto generic;
    if (half) {
        if (h < 1 || h > 12)
            return err_set(err, ERR_INVALID_TIME, "birth.time",
                           "a time with AM or PM takes hour 1-12 (10:34 PM, or 22:34)");
        h = h % 12 + (half == 2 ? 12 : 0);
    } else if (h == 24 && m == 0 && sec == 0) {
        return err_set(err, ERR_INVALID_TIME, "birth.time",
                       "time must be 00:00-23:59:59; 24:00 is 00:00 of the next day");
    }
    if (h <= 23 && m <= 59 && sec <= 59) { /* civil_parse_time's ranges */
        b->local.hour = h;
        b->local.minute = m;
        b->local.second = sec;
        return 0;
    }
generic:
    return err_set(err, ERR_INVALID_TIME, "birth.time",
                   "time must be HH:MM or HH:MM:SS with hour 00-23, minute and second 00-59");
}

/* Zone abbreviations people type, refused with the zones they may mean:
 * one abbreviation names zones hours apart (IST: India, Israel, Ireland),
 * and even one zone's abbreviation is wrong half the year (EST in a New
 * York summer). The legacy zoneinfo files EST, MST, HST, EST5EDT, ... are
 * fixed offsets or US rules; they are refused alike. */
static const struct {
    const char *abbr;
    const char *zones;
} abbreviations[] = {
    {"IST", "Asia/Kolkata, Asia/Jerusalem, Europe/Dublin"},
    {"EST", "America/New_York, America/Toronto, America/Panama"},
    {"EDT", "America/New_York, America/Toronto"},
    {"EST5EDT", "America/New_York"},
    {"CST", "America/Chicago, Asia/Shanghai, America/Havana"},
    {"CDT", "America/Chicago, America/Havana"},
    {"CST6CDT", "America/Chicago"},
    {"MST", "America/Denver, America/Phoenix, America/Edmonton"},
    {"MDT", "America/Denver, America/Edmonton"},
    {"MST7MDT", "America/Denver"},
    {"PST", "America/Los_Angeles, America/Vancouver, Asia/Manila"},
    {"PDT", "America/Los_Angeles, America/Vancouver"},
    {"PST8PDT", "America/Los_Angeles"},
    {"HST", "Pacific/Honolulu"},
    {"AKST", "America/Anchorage"},
    {"AKDT", "America/Anchorage"},
    {"AST", "America/Halifax, Asia/Riyadh, America/Puerto_Rico"},
    {"ADT", "America/Halifax"},
    {"NST", "America/St_Johns"},
    {"BST", "Europe/London, Asia/Dhaka"},
    {"CET", "Europe/Paris, Europe/Berlin, Europe/Rome"},
    {"CEST", "Europe/Paris, Europe/Berlin, Europe/Rome"},
    {"MET", "Europe/Paris, Europe/Berlin"},
    {"EET", "Europe/Athens, Europe/Helsinki, Africa/Cairo"},
    {"EEST", "Europe/Athens, Europe/Helsinki"},
    {"WET", "Europe/Lisbon, Atlantic/Canary"},
    {"WEST", "Europe/Lisbon, Atlantic/Canary"},
    {"MSK", "Europe/Moscow"},
    {"SAST", "Africa/Johannesburg"},
    {"WAT", "Africa/Lagos"},
    {"CAT", "Africa/Maputo"},
    {"EAT", "Africa/Nairobi"},
    {"PKT", "Asia/Karachi"},
    {"NPT", "Asia/Kathmandu"},
    {"SLST", "Asia/Colombo"},
    {"ICT", "Asia/Bangkok, Asia/Ho_Chi_Minh"},
    {"WIB", "Asia/Jakarta"},
    {"SGT", "Asia/Singapore"},
    {"HKT", "Asia/Hong_Kong"},
    {"PHT", "Asia/Manila"},
    {"JST", "Asia/Tokyo"},
    {"KST", "Asia/Seoul"},
    {"AWST", "Australia/Perth"},
    {"ACST", "Australia/Adelaide, Australia/Darwin"},
    {"ACDT", "Australia/Adelaide"},
    {"AEST", "Australia/Sydney, Australia/Melbourne, Australia/Brisbane"},
    {"AEDT", "Australia/Sydney, Australia/Melbourne"},
    {"NZST", "Pacific/Auckland"},
    {"NZDT", "Pacific/Auckland"},
    {"BRT", "America/Sao_Paulo"},
    {"ART", "America/Argentina/Buenos_Aires"},
};

static int set_timezone(struct birth *b, const char *value, struct error *err)
{
    size_t n = strlen(value);
    if (n >= sizeof b->timezone)
        return err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                       "timezone must be an IANA name, an offset like +05:30, or LMT");
    if (value[0] == ' ' && isdigit((unsigned char)value[1]))
        return err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                       "timezone '%.16s' starts with a space: in a query string '+' means a "
                       "space, so send +05:30 as %%2B05:30", value);
    /* an area/location name ("Asia/Kolkata") is never one of them */
    bool plain = strchr(value, '/') == NULL;
    for (size_t i = 0; plain && i < sizeof abbreviations / sizeof abbreviations[0]; i++)
        if (strcasecmp(value, abbreviations[i].abbr) == 0)
            return err_set(err, ERR_AMBIGUOUS_TIMEZONE, "birth.timezone",
                           "'%s' is an abbreviation, not a time zone; give the IANA name, "
                           "e.g. %s", abbreviations[i].abbr, abbreviations[i].zones);
    memcpy(b->timezone, value, n + 1);
    return 0;
}

static int set_place(struct birth *b, const char *value, struct error *err)
{
    size_t n = strlen(value);
    bool blank = value[strspn(value, " \t,")] == '\0';
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)value[i] < 0x20)
            blank = true;
    if (n >= sizeof b->place || blank)
        return err_set(err, ERR_UNKNOWN_PLACE, "birth.place",
                       "place must be a city name, optionally with its state or country: "
                       "\"Chennai, India\" (at most %zu bytes)", sizeof b->place - 1);
    memcpy(b->place, value, n + 1);
    return 0;
}

void birth_init(struct birth *b)
{
    memset(b, 0, sizeof *b);
    b->fold = -1;
}

void options_init(struct chart_options *o)
{
    memset(o, 0, sizeof *o);
    o->ayanamsa = AYANAMSA_LAHIRI;
    o->node = NODE_MEAN;
    o->house_system = HOUSES_WHOLE_SIGN;
    o->dasha_year_days = 365.25;
    o->dasha_levels = 2;
    o->yogini_levels = 1;
    o->dasha_systems = DASHA_SYSTEMS_ALL;
    o->ashtottari_levels = 1;
    o->chara_levels = 1;
    o->kalachakra_levels = 1;
    o->ashtottari_rule = ASHTOTTARI_RULE_RAHU;
    o->chara_method = CHARA_METHOD_KNRAO;
    o->sections = SECTIONS_DEFAULT;
    o->as_of = NAN;
    o->kp_ayanamsa = KP_AYANAMSA_KSK;
    o->strength_school = STRENGTH_SCHOOL_RAMAN;
    o->lang = LANG_NONE;
}

static const char *const birth_keys[] = {"date",     "time",      "timezone", "latitude",
                                         "longitude", "altitude", "fold",     "place"};

static bool is_birth_key(const char *key)
{
    for (size_t i = 0; i < sizeof birth_keys / sizeof birth_keys[0]; i++)
        if (strcmp(key, birth_keys[i]) == 0)
            return true;
    return false;
}

int birth_set(struct birth *b, const char *key, const char *value, struct error *err)
{
    double v;
    int rc = 0;
    if (!is_birth_key(key))
        return unknown(err, "birth", key);
    if (value[0] == '\0') {
        char field[64];
        snprintf(field, sizeof field, "birth.%s", key);
        return err_set(err, ERR_MISSING_FIELD, field, "%s is empty; give a value or leave it out",
                       field);
    }
    if (strcmp(key, "date") == 0) {
        rc = civil_parse_date(value, &b->local);
        if (rc == ERR_DATE_OUT_OF_RANGE)
            return err_set(err, rc, "birth.date", "date must be between %04d-01-01 and %04d-12-31",
                           CIVIL_YEAR_MIN, CIVIL_YEAR_MAX);
        if (rc)
            return err_set(err, rc, "birth.date",
                           "date must be an existing calendar date YYYY-MM-DD");
        b->have |= BIRTH_HAVE_DATE;
    } else if (strcmp(key, "time") == 0) {
        struct birth t = *b;
        rc = set_time(&t, value, err);
        if (rc)
            return rc;
        b->local = t.local;
        b->have |= BIRTH_HAVE_TIME;
    } else if (strcmp(key, "timezone") == 0) {
        rc = set_timezone(b, value, err);
        if (rc)
            return rc;
        b->have |= BIRTH_HAVE_TZ;
    } else if (strcmp(key, "latitude") == 0) {
        rc = set_coordinate(value, true, &v, err);
        if (rc)
            return rc;
        b->latitude = v;
        b->have |= BIRTH_HAVE_LAT;
    } else if (strcmp(key, "longitude") == 0) {
        rc = set_coordinate(value, false, &v, err);
        if (rc)
            return rc;
        b->longitude = v;
        b->have |= BIRTH_HAVE_LON;
    } else if (strcmp(key, "altitude") == 0) {
        if (!birth_parse_number(value, &v) || v < -500 || v > 20000)
            return err_set(err, ERR_INVALID_ALTITUDE, "birth.altitude",
                           "altitude must be between -500 and 20000 metres");
        b->altitude = v;
    } else if (strcmp(key, "fold") == 0) {
        if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
            return err_set(err, ERR_INVALID_FOLD, "birth.fold", "fold must be 0 or 1");
        b->fold = value[0] - '0';
    } else {
        rc = set_place(b, value, err);
        if (rc)
            return rc;
        b->have |= BIRTH_HAVE_PLACE;
        b->have &= ~BIRTH_RESOLVED_PLACE;
    }
    return 0;
}

int options_set(struct chart_options *o, const char *key, const char *value, struct error *err)
{
    double v;
    int i;
    if (strcmp(key, "ayanamsa") == 0) {
        i = eph_ayanamsa_find(value);
        if (i < 0)
            return err_set(err, ERR_UNKNOWN_AYANAMSA, "options.ayanamsa",
                           "unknown ayanamsa '%.40s' (e.g. lahiri, raman, krishnamurti, "
                           "true_citra, fagan_bradley)", value);
        o->ayanamsa = i;
    } else if (strcmp(key, "node") == 0) {
        i = lookup(node_names, 2, value);
        if (i < 0)
            return err_set(err, ERR_UNKNOWN_NODE, "options.node", "node must be mean or true");
        o->node = i;
    } else if (strcmp(key, "house_system") == 0) {
        i = lookup(house_names, HOUSES_COUNT, value);
        if (i < 0)
            return err_set(err, ERR_UNKNOWN_HOUSE_SYSTEM, "options.house_system",
                           "house_system must be one of whole_sign, placidus, sripati, koch, "
                           "equal, porphyry, regiomontanus, campanus");
        o->house_system = i;
    } else if (strcmp(key, "positions") == 0) {
        if (strcmp(value, "apparent") != 0 && strcmp(value, "true") != 0)
            return err_set(err, ERR_INVALID_VALUE, "options.positions",
                           "positions must be apparent or true");
        o->true_positions = value[0] == 't';
    } else if (strcmp(key, "topocentric") == 0) {
        if (!parse_bool(value, &o->topocentric))
            return err_set(err, ERR_INVALID_VALUE, "options.topocentric",
                           "topocentric must be true or false");
    } else if (strcmp(key, "outer_planets") == 0) {
        if (!parse_bool(value, &o->outer_planets))
            return err_set(err, ERR_INVALID_VALUE, "options.outer_planets",
                           "outer_planets must be true or false");
    } else if (strcmp(key, "dasha_year_days") == 0) {
        if (!birth_parse_number(value, &v) || v < 360 || v > 366)
            return err_set(err, ERR_INVALID_VALUE, "options.dasha_year_days",
                           "dasha_year_days must be a number between 360 and 366");
        o->dasha_year_days = v;
    } else if (strcmp(key, "dasha_levels") == 0) {
        if (strlen(value) != 1 || value[0] < '1' || value[0] > '3')
            return err_set(err, ERR_INVALID_VALUE, "options.dasha_levels",
                           "dasha_levels must be 1, 2 or 3");
        o->dasha_levels = value[0] - '0';
    } else if (strcmp(key, "hora") == 0) {
        if (strcmp(value, "parashara") != 0 && strcmp(value, "parivritti") != 0)
            return err_set(err, ERR_INVALID_VALUE, "options.hora",
                           "hora must be parashara or parivritti");
        o->parivritti_hora = strcmp(value, "parivritti") == 0;
    } else if (strcmp(key, "yogini_levels") == 0) {
        if (strlen(value) != 1 || value[0] < '1' || value[0] > '2')
            return err_set(err, ERR_INVALID_VALUE, "options.yogini_levels",
                           "yogini_levels must be 1 or 2");
        o->yogini_levels = value[0] - '0';
    } else if (strcmp(key, "dasha_systems") == 0) {
        if (!*value)
            return err_set(err, ERR_INVALID_VALUE, "options.dasha_systems",
                           "dasha_systems must name at least one of vimshottari, yogini, "
                           "ashtottari, chara, kalachakra");
        return set_dasha_systems(value, &o->dasha_systems, err);
    } else if (strcmp(key, "ashtottari_levels") == 0) {
        return set_levels(key, value, 3, &o->ashtottari_levels, err);
    } else if (strcmp(key, "chara_levels") == 0) {
        return set_levels(key, value, 2, &o->chara_levels, err);
    } else if (strcmp(key, "kalachakra_levels") == 0) {
        return set_levels(key, value, 2, &o->kalachakra_levels, err);
    } else if (strcmp(key, "ashtottari_rule") == 0) {
        i = lookup(ashtottari_rule_names, 2, value);
        if (i < 0)
            return err_set(err, ERR_INVALID_VALUE, "options.ashtottari_rule",
                           "ashtottari_rule must be rahu or paksha");
        o->ashtottari_rule = i;
    } else if (strcmp(key, "chara_method") == 0) {
        i = lookup(chara_method_names, 2, value);
        if (i < 0)
            return err_set(err, ERR_INVALID_VALUE, "options.chara_method",
                           "chara_method must be knrao or pvr");
        o->chara_method = i;
    } else if (strcmp(key, "sections") == 0) {
        return sections_parse(value, &o->sections, err);
    } else if (strcmp(key, "chart_style") == 0) {
        return chart_style_parse(value, &o->chart_style, "options.chart_style", err);
    } else if (strcmp(key, "as_of") == 0) {
        struct civil c = {0};
        if (civil_parse_date(value, &c))
            return err_set(err, ERR_INVALID_DATE, "options.as_of",
                           "as_of must be a date YYYY-MM-DD between 0001 and 5399");
        o->as_of = (double)civil_to_seconds(&c);
        o->as_of_given = true;
    } else if (strcmp(key, "kp_ayanamsa") == 0) {
        if (strcmp(value, "krishnamurti") == 0)
            o->kp_ayanamsa = KP_AYANAMSA_KSK;
        else if (strcmp(value, "krishnamurti_vp291") == 0)
            o->kp_ayanamsa = KP_AYANAMSA_VP291;
        else
            return err_set(err, ERR_INVALID_VALUE, "options.kp_ayanamsa",
                           "kp_ayanamsa must be krishnamurti or krishnamurti_vp291");
    } else if (strcmp(key, "explain") == 0) {
        if (!parse_bool(value, &o->explain))
            return err_set(err, ERR_INVALID_VALUE, "options.explain",
                           "explain must be true or false");
    } else if (strcmp(key, "kp_horary") == 0) {
        size_t n = strlen(value);
        int number = 0;
        bool ok = n >= 1 && n <= 3 && value[0] != '0' && strspn(value, "0123456789") == n;
        for (size_t k = 0; ok && k < n; k++)
            number = number * 10 + (value[k] - '0');
        if (!ok || number < 1 || number > KP_HORARY_MAX)
            return err_set(err, ERR_INVALID_VALUE, "options.kp_horary",
                           "kp_horary must be a whole number from 1 to 249");
        o->kp_horary = number;
    } else if (strcmp(key, "strength_school") == 0) {
        i = strength_school_find(value);
        if (i < 0)
            return err_set(err, ERR_INVALID_VALUE, "options.strength_school",
                           "strength_school must be raman or bphs");
        o->strength_school = i;
    } else if (strcmp(key, "lang") == 0) {
        i = lang_find(value);
        if (i == LANG_NONE)
            return err_set(err, ERR_INVALID_VALUE, "options.lang",
                           "lang must be one of en, hi, sa, ta, te, kn, ml, bn, mr, gu");
        o->lang = i;
    } else if (strcmp(key, "node_aspects") == 0) {
        i = lookup(node_aspects_names, NODE_ASPECTS_COUNT, value);
        if (i < 0)
            return err_set(err, ERR_INVALID_VALUE, "options.node_aspects",
                           "node_aspects must be none, seventh or bphs");
        o->node_aspects = i;
    } else {
        return unknown(err, "options", key);
    }
    return 0;
}

static const char *const aliases[][2] = {
    {"tz", "timezone"}, {"lat", "latitude"}, {"lon", "longitude"}, {"houses", "house_system"},
};

const char *birth_param_name(const char *key)
{
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(key, aliases[i][0]) == 0)
            return aliases[i][1];
    return key;
}

int birth_param_duplicate(const char *key, const char *earlier, struct error *err)
{
    static const char *const option_keys[] = {
        "ayanamsa",      "node",          "house_system", "positions", "topocentric",
        "outer_planets", "dasha_year_days", "dasha_levels", "hora",    "yogini_levels",
        "sections",      "as_of",         "kp_ayanamsa",  "kp_horary", "dasha_systems",
        "ashtottari_levels", "chara_levels", "kalachakra_levels", "ashtottari_rule",
        "chara_method",  "strength_school", "lang",    "explain", "node_aspects",
    };
    const char *name = birth_param_name(key);
    char field[64];
    snprintf(field, sizeof field, "%.40s", name);
    for (size_t i = 0; i < sizeof birth_keys / sizeof birth_keys[0]; i++)
        if (strcmp(name, birth_keys[i]) == 0)
            snprintf(field, sizeof field, "birth.%s", name);
    for (size_t i = 0; i < sizeof option_keys / sizeof option_keys[0]; i++)
        if (strcmp(name, option_keys[i]) == 0)
            snprintf(field, sizeof field, "options.%s", name);
    if (strcmp(key, earlier) == 0)
        return err_set(err, ERR_DUPLICATE_PARAMETER, field, "'%.40s' is given twice; give it once",
                       key);
    return err_set(err, ERR_DUPLICATE_PARAMETER, field,
                   "'%.40s' and '%.40s' are the same parameter (%s); give it once", earlier, key,
                   field);
}

int birth_param_set(struct birth *b, struct chart_options *o, const char *key, const char *value,
                    struct error *err)
{
    key = birth_param_name(key);
    if (is_birth_key(key))
        return birth_set(b, key, value, err);
    int rc = options_set(o, key, value, err);
    if (rc == ERR_UNKNOWN_FIELD)
        return err_set(err, rc, key, "unknown parameter '%.40s'", key);
    if (rc == 0)
        err_clear(err);
    return rc;
}

void options_default_as_of(struct chart_options *o, double now)
{
    if (isnan(o->as_of))
        o->as_of = floor(now / 86400.0) * 86400.0;
}

int birth_resolve_place(const struct context *ctx, struct birth *b, struct error *err)
{
    if (!(b->have & BIRTH_HAVE_PLACE) || (b->have & BIRTH_RESOLVED_PLACE))
        return 0;
    if (!ctx->place_resolve)
        return err_set(err, ERR_UNKNOWN_PLACE, "birth.place",
                       "place names need the gazetteer of kundlid or the kundli command; "
                       "give latitude, longitude and timezone");
    struct birth_place p;
    memset(&p, 0, sizeof p);
    int rc = ctx->place_resolve(ctx->gazetteer, b->place, &p, err);
    if (rc)
        return rc;
    b->resolved = p;
    b->have |= BIRTH_RESOLVED_PLACE;
    if (!(b->have & BIRTH_HAVE_LAT))
        b->latitude = p.latitude;
    if (!(b->have & BIRTH_HAVE_LON))
        b->longitude = p.longitude;
    if (!(b->have & BIRTH_HAVE_TZ))
        snprintf(b->timezone, sizeof b->timezone, "%s", p.timezone);
    return 0;
}

int birth_check_complete(const struct birth *b, struct error *err)
{
    static const struct {
        unsigned bit;
        const char *field;
    } required[] = {
        {BIRTH_HAVE_DATE, "birth.date"},         {BIRTH_HAVE_TIME, "birth.time"},
        {BIRTH_HAVE_TZ, "birth.timezone"},       {BIRTH_HAVE_LAT, "birth.latitude"},
        {BIRTH_HAVE_LON, "birth.longitude"},
    };
    unsigned have = b->have;
    if (have & BIRTH_HAVE_PLACE)
        have |= BIRTH_HAVE_TZ | BIRTH_HAVE_LAT | BIRTH_HAVE_LON;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!(have & required[i].bit))
            return err_set(err, ERR_MISSING_FIELD, required[i].field, "%s is required",
                           required[i].field);
    return 0;
}
