/* handlers_jyotish.c - POST /v1/match (ashtakoota matching of two births or
 * two nakshatra-pada pairs) and GET /v1/panchang (the day's panchang).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "common/mem.h"
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
static int match_side(const cJSON *obj, const char *side, struct match_person *p,
                      struct error *err)
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
        if (rc == 0) {
            rc = birth_check_complete(&b, err);
            if (rc)
                request_prefix_field(err, prefix);
        }
        if (rc)
            return rc;
        o.sections = SECTION_PLANETS;
        struct chart *c = xmalloc(sizeof *c);
        rc = chart_compute(&b, &o, c, NULL, err);
        if (rc)
            request_prefix_field(err, prefix);
        else
            match_person_from_chart(p, c);
        free(c);
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
        rc = match_side(cJSON_GetObjectItem(json, "boy"), "boy", &boy, &err);
    if (rc == 0)
        rc = match_side(cJSON_GetObjectItem(json, "girl"), "girl", &girl, &err);
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
    struct panchang_request *req;
    struct error *err;
};

static int panchang_param(void *ctx, const char *key, const char *value)
{
    struct panchang_query *q = ctx;
    return panchang_request_set(q->req, key, value, q->err);
}

void handle_panchang(struct request *rq, struct reply *r)
{
    struct panchang_request req;
    struct error err;
    panchang_request_init(&req);
    err_clear(&err);
    struct panchang_query q = {&req, &err};
    int rc = http_query_each(rq, panchang_param, &q);
    struct panchang_day *day = xmalloc(sizeof *day);
    if (rc == 0)
        rc = panchang_daily(&req, day, &err);
    if (rc) {
        http_error_reply(r, &err);
    } else {
        struct jsonw w;
        jw_init(&w, 1 << 20);
        panchang_day_json_write(&w, day);
        struct cache_key h = cache_key_hash(w.buf, w.len);
        snprintf(r->etag, sizeof r->etag, "\"%016llx%016llx\"", (unsigned long long)h.hi,
                 (unsigned long long)h.lo);
        r->cache_control = "public, max-age=86400";
        reply_json(r, 200, &w);
        const char *inm = http_header(rq, "If-None-Match");
        if (inm && strstr(inm, r->etag)) {
            free(r->body);
            r->body = NULL;
            r->len = 0;
            r->status = 304;
        }
        reply_gzip(rq, r);
    }
    free(day);
}
