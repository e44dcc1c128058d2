/* handlers_jyotish.c - POST /v1/match (ashtakoota matching of two births or
 * two nakshatra-pada pairs) and GET /v1/panchang (the day's panchang).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "app/mem.h"
#include "engine/chart.h"
#include "engine/dosha.h"
#include "engine/match.h"
#include "engine/panchang.h"
#include "output/match_json.h"
#include "output/panchang_json.h"
#include "service/cache.h"
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
        return err_set(err, ERR_MISSING_FIELD, side, "%s must be an object with a birth, or "
                       "a nakshatra and pada", side);
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
        snprintf(text, sizeof text, "%d", (int)nak->valuedouble == nak->valuedouble ?
                                              (int)nak->valuedouble : 0);
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

void handle_match(struct request *rq, struct reply *r)
{
    struct error err;
    struct match_person boy, girl;
    struct match *m = NULL;
    cJSON *json = NULL;
    int rc = request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, &err);
    if (rc == 0 && !cJSON_IsObject(json))
        rc = err_set(&err, ERR_INVALID_VALUE, "", "expected {\"boy\": {...}, \"girl\": {...}}");
    for (const cJSON *it = rc ? NULL : json->child; it; it = it->next)
        if (strcmp(it->string, "boy") != 0 && strcmp(it->string, "girl") != 0) {
            rc = err_set(&err, ERR_UNKNOWN_FIELD, "", "unknown field; a match has boy and girl");
            snprintf(err.field, sizeof err.field, "%.40s", it->string);
            break;
        }
    if (rc == 0)
        rc = match_side(rq->svc, cJSON_GetObjectItem(json, "boy"), "boy", &boy, &err);
    if (rc == 0)
        rc = match_side(rq->svc, cJSON_GetObjectItem(json, "girl"), "girl", &girl, &err);
    if (rc == 0) {
        m = xmalloc(sizeof *m);
        rc = match_compute(&boy, &girl, m, &err);
    }
    if (rc) {
        http_error_reply(r, &err);
    } else {
        struct jsonw w;
        jw_init(&w, 1 << 20);
        match_json_write(&w, m);
        reply_json(r, 200, &w);
        reply_gzip(rq, r);
    }
    free(m);
    cJSON_Delete(json);
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
