/* birth.c - parsing and validation of birth fields and chart options.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/birth.h"

#include "engine/eph.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const node_names[] = {"mean", "true"};
static const char *const house_names[HOUSES_COUNT] = {
    "whole_sign", "placidus", "sripati", "koch", "equal", "porphyry", "regiomontanus", "campanus",
};

const char *node_name(int n)
{
    return n == NODE_TRUE ? "true" : "mean";
}

const char *positions_name(bool true_positions)
{
    return true_positions ? "true" : "apparent";
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
    o->sections = SECTIONS_DEFAULT;
    o->as_of = NAN;
}

int birth_set(struct birth *b, const char *key, const char *value, struct error *err)
{
    double v;
    if (strcmp(key, "date") == 0) {
        int rc = civil_parse_date(value, &b->local);
        if (rc == ERR_DATE_OUT_OF_RANGE)
            return err_set(err, rc, "birth.date", "date must be between %04d-01-01 and %04d-12-31",
                           CIVIL_YEAR_MIN, CIVIL_YEAR_MAX);
        if (rc)
            return err_set(err, rc, "birth.date",
                           "date must be an existing calendar date YYYY-MM-DD");
        b->have |= BIRTH_HAVE_DATE;
    } else if (strcmp(key, "time") == 0) {
        if (civil_parse_time(value, &b->local))
            return err_set(err, ERR_INVALID_TIME, "birth.time",
                           "time must be HH:MM or HH:MM:SS with hour 00-23, minute and second 00-59");
        b->have |= BIRTH_HAVE_TIME;
    } else if (strcmp(key, "timezone") == 0) {
        size_t n = strlen(value);
        if (n == 0 || n >= sizeof b->timezone)
            return err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                           "timezone must be an IANA name, an offset like +05:30, or LMT");
        memcpy(b->timezone, value, n + 1);
        b->have |= BIRTH_HAVE_TZ;
    } else if (strcmp(key, "latitude") == 0) {
        if (!birth_parse_number(value, &v) || v < -90 || v > 90)
            return err_set(err, ERR_INVALID_LATITUDE, "birth.latitude",
                           "latitude must be between -90 and 90");
        b->latitude = v;
        b->have |= BIRTH_HAVE_LAT;
    } else if (strcmp(key, "longitude") == 0) {
        if (!birth_parse_number(value, &v) || v < -180 || v > 180)
            return err_set(err, ERR_INVALID_LONGITUDE, "birth.longitude",
                           "longitude must be between -180 and 180");
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
        return unknown(err, "birth", key);
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
    } else {
        return unknown(err, "options", key);
    }
    return 0;
}

int birth_param_set(struct birth *b, struct chart_options *o, const char *key, const char *value,
                    struct error *err)
{
    static const char *const alias[][2] = {
        {"tz", "timezone"}, {"lat", "latitude"}, {"lon", "longitude"}, {"houses", "house_system"},
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (strcmp(key, alias[i][0]) == 0)
            key = alias[i][1];
    int rc = birth_set(b, key, value, err);
    if (rc != ERR_UNKNOWN_FIELD)
        return rc;
    rc = options_set(o, key, value, err);
    if (rc == ERR_UNKNOWN_FIELD)
        return err_set(err, rc, key, "unknown parameter '%.40s'", key);
    if (rc == 0)
        err_clear(err); /* birth_set's unknown_field was only the first guess */
    return rc;
}

void options_default_as_of(struct chart_options *o, double now)
{
    if (isnan(o->as_of))
        o->as_of = floor(now / 86400.0) * 86400.0;
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
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!(b->have & required[i].bit))
            return err_set(err, ERR_MISSING_FIELD, required[i].field, "%s is required",
                           required[i].field);
    return 0;
}
