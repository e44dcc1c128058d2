/* handlers_jyotish.c - POST and GET /v1/match (Ashtakoota or porutham
 * matching of two births or two nakshatra-pada pairs; options system,
 * school and lang), GET /v1/panchang (the day's panchang) and GET
 * /v1/transits (the transits over a birth chart at a date).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "app/mem.h"
#include "engine/chart.h"
#include "engine/dosha.h"
#include "engine/gochara.h"
#include "engine/match.h"
#include "engine/panchang.h"
#include "output/match_json.h"
#include "output/panchang_json.h"
#include "service/cache.h"
#include "service/charts.h"
#include "service/request_json.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One side of a match: {"birth": {...}, "options": {...}} (the Moon and
 * the manglik dosha of the computed chart) or {"nakshatra": "Anuradha" or
 * 17, "pada": 2}. side is "boy" or "girl". */
static int match_side(struct service *svc, const cJSON *obj, const char *side,
                      struct match_person *p, struct error *err)
{
    char prefix[16], field[48];
    snprintf(prefix, sizeof prefix, "%s.", side);
    if (!cJSON_IsObject(obj))
        return err_set(err, ERR_MISSING_FIELD, side,
                       "%s must be an object with a birth, or "
                       "a nakshatra and pada",
                       side);
    const cJSON *nak = cJSON_GetObjectItem(obj, "nakshatra");
    if (!nak) {
        struct birth b;
        struct chart_options o;
        int rc = request_chart(obj, &b, &o, prefix, err);
        if (rc)
            return rc;
        rc = match_person_compute(&svc->engine, &b, &o, p, err);
        if (rc)
            request_prefix_field(err, prefix);
        return rc;
    }
    for (const cJSON *m = obj->child; m; m = m->next)
        if (strcmp(m->string, "nakshatra") != 0 && strcmp(m->string, "pada") != 0) {
            snprintf(field, sizeof field, "%s%.30s", prefix, m->string);
            return err_set(err, ERR_UNKNOWN_FIELD, field, "unknown field %s", field);
        }
    const cJSON *pada = cJSON_GetObjectItem(obj, "pada");
    char text[80];
    snprintf(field, sizeof field, "%snakshatra", prefix);
    if (cJSON_IsNumber(nak))
        snprintf(text, sizeof text, "%d",
                 (int)nak->valuedouble == nak->valuedouble ? (int)nak->valuedouble : 0);
    else if (cJSON_IsString(nak))
        snprintf(text, sizeof text, "%.60s", nak->valuestring);
    else
        return err_set(err, ERR_UNKNOWN_NAKSHATRA, field, "nakshatra must be a name or 1..27");
    if (!cJSON_IsNumber(pada) || pada->valuedouble < 1 || pada->valuedouble > 4 ||
        pada->valuedouble != (int)pada->valuedouble) {
        snprintf(field, sizeof field, "%spada", prefix);
        return err_set(err, ERR_INVALID_VALUE, field, "pada must be a whole number 1..4");
    }
    size_t n = strlen(text);
    snprintf(text + n, sizeof text - n, ":%d", (int)pada->valuedouble);
    return match_person_parse(p, text, field, err);
}

/* A match's "options" object: {"system": "porutham", "school": "jhora",
 * "lang": "ta"},
 * each value a string through match_options_set. */
static int match_options_json(const cJSON *obj, struct match_options *o, struct error *err)
{
    if (!cJSON_IsObject(obj))
        return err_set(err, ERR_INVALID_VALUE, "options",
                       "options must be an object such as {\"system\": \"porutham\"}");
    for (const cJSON *m = obj->child; m; m = m->next) {
        int rc = match_options_set(o, m->string, cJSON_IsString(m) ? m->valuestring : "", err);
        if (rc != ERR_UNKNOWN_FIELD && !cJSON_IsString(m)) { /* a known key, not a string */
            char field[48];
            snprintf(field, sizeof field, "options.%.32s", m->string);
            return err_set(err, ERR_INVALID_VALUE, field, "%s must be a string", field);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* POST /v1/match: {"boy": SIDE, "girl": SIDE, "options": {...}}. */
static int match_from_body(struct request *rq, struct match_person *boy, struct match_person *girl,
                           struct match_options *mo, struct error *err)
{
    cJSON *json = NULL;
    int rc = request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, err);
    if (rc == 0 && !cJSON_IsObject(json))
        rc = err_set(err, ERR_INVALID_VALUE, "", "expected {\"boy\": {...}, \"girl\": {...}}");
    for (const cJSON *it = rc ? NULL : json->child; it; it = it->next)
        if (strcmp(it->string, "boy") != 0 && strcmp(it->string, "girl") != 0 &&
            strcmp(it->string, "options") != 0) {
            rc = err_set(err, ERR_UNKNOWN_FIELD, "",
                         "unknown field; a match has boy, girl and options");
            snprintf(err->field, sizeof err->field, "%.40s", it->string);
            break;
        }
    if (rc == 0 && cJSON_GetObjectItem(json, "options"))
        rc = match_options_json(cJSON_GetObjectItem(json, "options"), mo, err);
    if (rc == 0)
        rc = match_side(rq->svc, cJSON_GetObjectItem(json, "boy"), "boy", boy, err);
    if (rc == 0)
        rc = match_side(rq->svc, cJSON_GetObjectItem(json, "girl"), "girl", girl, err);
    cJSON_Delete(json);
    return rc;
}

#define MATCH_SIDE_KEYS 24 /* birth parameters one side may give */

/* One side of GET /v1/match: boy=NAKSHATRA:PADA, or boy.date=...,
 * boy.tz=... (any parameter of GET /v1/kundli after "boy."). */
struct match_query_side {
    const char *name;   /* "boy", "girl" */
    char nakshatra[80]; /* boy=...; "" when not given */
    bool have_nakshatra;
    struct birth b;
    struct chart_options o;
    int nbirth;                     /* birth parameters given */
    char keys[MATCH_SIDE_KEYS][40]; /* their keys after the prefix, for duplicates */
};

struct match_query {
    struct match_query_side side[2];
    struct match_options *mo;
    struct error *err;
};

static int match_query_birth(struct match_query_side *s, const char *rest, const char *value,
                             struct error *err)
{
    char prefix[8];
    snprintf(prefix, sizeof prefix, "%s.", s->name);
    for (int i = 0; i < s->nbirth; i++)
        if (strcmp(birth_param_name(s->keys[i]), birth_param_name(rest)) == 0) {
            int rc = birth_param_duplicate(rest, s->keys[i], err);
            request_prefix_field(err, prefix);
            return rc;
        }
    if (s->nbirth == MATCH_SIDE_KEYS)
        return err_set(err, ERR_TOO_LARGE, s->name, "at most %d %s parameters", MATCH_SIDE_KEYS,
                       s->name);
    snprintf(s->keys[s->nbirth++], sizeof s->keys[0], "%s", rest);
    int rc = birth_param_set(&s->b, &s->o, rest, value, err);
    if (rc)
        request_prefix_field(err, prefix);
    return rc;
}

static int match_param(void *ctx, const char *key, const char *value)
{
    struct match_query *q = ctx;
    if (strcmp(key, "system") == 0 || strcmp(key, "school") == 0 || strcmp(key, "lang") == 0)
        return match_options_set(q->mo, key, value, q->err);
    for (int i = 0; i < 2; i++) {
        struct match_query_side *s = &q->side[i];
        size_t n = strlen(s->name);
        if (strcmp(key, s->name) == 0) {
            snprintf(s->nakshatra, sizeof s->nakshatra, "%s", value);
            s->have_nakshatra = true;
            return 0;
        }
        if (strncmp(key, s->name, n) == 0 && key[n] == '.' && key[n + 1])
            return match_query_birth(s, key + n + 1, value, q->err);
    }
    return err_set(q->err, ERR_UNKNOWN_FIELD, key,
                   "unknown parameter %.40s (boy, girl, boy.*, girl.*, system, school, lang)", key);
}

/* GET /v1/match?boy=Anuradha:2&girl.date=...&system=porutham. */
static int match_from_query(struct request *rq, struct match_person *boy, struct match_person *girl,
                            struct match_options *mo, struct error *err)
{
    struct match_query *q = xmalloc(sizeof *q);
    struct match_person *out[2] = {boy, girl};
    memset(q, 0, sizeof *q);
    q->side[0].name = "boy";
    q->side[1].name = "girl";
    q->mo = mo;
    q->err = err;
    for (int i = 0; i < 2; i++) {
        birth_init(&q->side[i].b);
        options_init(&q->side[i].o);
    }
    int rc = http_query_each(rq, match_param, q, err);
    for (int i = 0; i < 2 && rc == 0; i++) {
        struct match_query_side *s = &q->side[i];
        char prefix[8];
        snprintf(prefix, sizeof prefix, "%s.", s->name);
        if (s->have_nakshatra && s->nbirth)
            rc = err_set(err, ERR_INVALID_VALUE, s->name,
                         "give either %s=NAKSHATRA:PADA or %s.* birth parameters, not both",
                         s->name, s->name);
        else if (s->have_nakshatra)
            rc = match_person_parse(out[i], s->nakshatra, s->name, err);
        else if (s->nbirth) {
            rc = match_person_compute(&rq->svc->engine, &s->b, &s->o, out[i], err);
            if (rc)
                request_prefix_field(err, prefix);
        } else
            rc = err_set(err, ERR_MISSING_FIELD, s->name,
                         "%s is missing: %s=NAKSHATRA:PADA or %s.date, %s.time, ...", s->name,
                         s->name, s->name, s->name);
    }
    free(q);
    return rc;
}

void handle_match(struct request *rq, struct reply *r)
{
    struct error err;
    struct match_person boy, girl;
    struct match_options mo;
    struct match *m = NULL;
    err_clear(&err);
    match_options_init(&mo);
    int rc = rq->method == HTTP_POST ? match_from_body(rq, &boy, &girl, &mo, &err)
                                     : match_from_query(rq, &boy, &girl, &mo, &err);
    if (rc == 0) {
        m = xmalloc(sizeof *m);
        rc = match_compute(&boy, &girl, &mo, m, &err);
    }
    if (rc) {
        http_error_reply(r, &err);
    } else {
        struct jsonw w;
        jw_init(&w, 1 << 20);
        match_json_write(&w, m, mo.lang);
        reply_json(r, 200, &w);
        if (r->status == 200 && rq->method != HTTP_POST) {
            struct cache_key h = cache_key_hash(r->body, r->len);
            char etag[40];
            snprintf(etag, sizeof etag, "\"%016llx%016llx\"", (unsigned long long)h.hi,
                     (unsigned long long)h.lo);
            reply_cacheable(rq, r, etag);
        }
        reply_gzip(rq, r);
    }
    free(m);
}

struct panchang_query {
    struct birth *b;
    struct chart_options *o;
    struct error *err;
};

static int panchang_param(void *ctx, const char *key, const char *value)
{
    struct panchang_query *q = ctx;
    return panchang_param_set(q->b, q->o, key, value, q->err);
}

void handle_panchang(struct request *rq, struct reply *r)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    birth_init(&b);
    options_init(&o);
    err_clear(&err);
    struct panchang_query q = {&b, &o, &err};
    int rc = http_query_each(rq, panchang_param, &q, &err);
    struct panchang_day *day = xmalloc(sizeof *day);
    if (rc == 0)
        rc = panchang_daily(&rq->svc->engine, &b, &o, day, &err);
    if (rc) {
        http_error_reply(r, &err);
    } else {
        struct jsonw w;
        jw_init(&w, 1 << 20);
        panchang_day_json_write(&w, day);
        reply_json(r, 200, &w);
        if (r->status == 200) {
            struct cache_key h = cache_key_hash(r->body, r->len);
            char etag[40];
            snprintf(etag, sizeof etag, "\"%016llx%016llx\"", (unsigned long long)h.hi,
                     (unsigned long long)h.lo);
            reply_cacheable(rq, r, etag);
        }
        reply_gzip(rq, r);
    }
    free(day);
}

/* GET /v1/transits: "date" is the transit's date (or date and time), so
 * the birth's own date and time come as birth_date and birth_time; every
 * other parameter is GET /v1/kundli's. */
struct transits_query {
    struct birth *b;
    struct chart_options *o;
    struct error *err;
    char date[40];
    bool have_date;
};

static int transits_param(void *ctx, const char *key, const char *value)
{
    struct transits_query *q = ctx;
    if (strcmp(key, "date") == 0) {
        if (value[0] == '\0')
            return err_set(q->err, ERR_MISSING_FIELD, "date",
                           "date is empty; give the transit's date YYYY-MM-DD[THH:MM[:SS]]");
        if (strlen(value) >= sizeof q->date)
            return err_set(q->err, ERR_INVALID_DATE, "date",
                           "date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional "
                           "offset");
        snprintf(q->date, sizeof q->date, "%s", value);
        q->have_date = true;
        return 0;
    }
    if (strcmp(key, "birth_date") == 0)
        return birth_set(q->b, "date", value, q->err);
    if (strcmp(key, "birth_time") == 0)
        return birth_set(q->b, "time", value, q->err);
    if (strcmp(key, "time") == 0)
        return err_set(q->err, ERR_UNKNOWN_FIELD, "time",
                       "the birth's time is birth_time here, its date birth_date; the transit's "
                       "time goes in date (YYYY-MM-DDTHH:MM)");
    if (strcmp(key, "sections") == 0 || strcmp(key, "as_of") == 0)
        return err_set(q->err, ERR_UNKNOWN_FIELD, key,
                       "%s is not a parameter of /v1/transits (the date is its instant; "
                       "GET /v1/kundli?sections=transits&as_of= gives a day's transits in a chart)",
                       key);
    return birth_param_set(q->b, q->o, key, value, q->err);
}

/* The birth's missing date or time, named as this endpoint spells them. */
static void transits_refield(struct error *err)
{
    if (strcmp(err->field, "birth.date") == 0 && err->code == ERR_MISSING_FIELD)
        err_set(err, ERR_MISSING_FIELD, "birth_date",
                "birth_date is required (the birth's date; date is the transit's)");
    else if (strcmp(err->field, "birth.time") == 0 && err->code == ERR_MISSING_FIELD)
        err_set(err, ERR_MISSING_FIELD, "birth_time", "birth_time is required (the birth's time)");
}

void handle_transits(struct request *rq, struct reply *r)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct chart *time = NULL;
    struct rendered doc;
    int rc;

    err_clear(&err);
    birth_init(&b);
    options_init(&o);
    struct transits_query q = {&b, &o, &err, "", false};
    rc = http_query_each(rq, transits_param, &q, &err);
    if (rc == 0 && !q.have_date)
        rc = err_set(&err, ERR_MISSING_FIELD, "date",
                     "date is required: the transit's date YYYY-MM-DD or date and time "
                     "YYYY-MM-DDTHH:MM[:SS] (in the birth's time zone unless it ends in Z or "
                     "an offset)");
    if (rc == 0) {
        rc = birth_check_complete(&b, &err);
        if (rc)
            transits_refield(&err);
    }
    if (rc == 0) { /* the birth's zone reads a date without an offset */
        time = xmalloc(sizeof *time);
        rc = chart_resolve_time(&rq->svc->engine, &b, &o, time, &err);
    }
    if (rc == 0)
        rc = gochara_parse_instant(time->zone, time->birth.longitude, q.date, "date", &o.as_of,
                                   &err);
    free(time);
    if (rc == 0) {
        o.sections = SECTION_TRANSITS;
        rc = charts_render(rq->svc, &b, &o, rq->accept_gzip, http_header(rq, "If-None-Match"),
                           rq->deadline, rq->render, &doc, &err);
        if (rc == ERR_DATE_OUT_OF_RANGE && strcmp(err.field, "options.as_of") == 0)
            snprintf(err.field, sizeof err.field, "date");
    }
    if (rc) {
        http_error_reply(r, &err);
        return;
    }
    rq->cache = doc.cache_l2 ? CACHE_HIT_L2 : doc.cache_hit ? CACHE_HIT : CACHE_MISS;
    r->status = doc.not_modified ? 304 : 200;
    r->body = doc.body;
    r->len = doc.len;
    r->gzip = doc.gzip;
    reply_cacheable(rq, r, doc.etag);
}
