/* api.c - kundlid's routes and handlers: charts (GET, POST, batch) and the
 * operational endpoints. Handlers parse and validate, ask charts.c for
 * documents and build replies; they never touch HTTP internals.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/api.h"

#include "common/jsonw.h"
#include "common/mem.h"
#include "engine/eph.h"
#include "engine/match.h"
#include "engine/panchang.h"
#include "output/chart_json.h"
#include "output/match_json.h"
#include "output/panchang_json.h"
#include "service/cache.h"
#include "service/charts.h"
#include "service/gzip.h"
#include "service/metrics.h"
#include "service/openapi.h"
#include "service/request_json.h"
#include "service/workpool.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH_MAX 100

typedef void (*handler)(struct request *rq, struct reply *r);

static void handle_kundli(struct request *rq, struct reply *r);
static void handle_batch(struct request *rq, struct reply *r);
static void handle_match(struct request *rq, struct reply *r);
static void handle_panchang(struct request *rq, struct reply *r);
static void handle_healthz(struct request *rq, struct reply *r);
static void handle_readyz(struct request *rq, struct reply *r);
static void handle_metrics(struct request *rq, struct reply *r);
static void handle_openapi(struct request *rq, struct reply *r);

static const struct route {
    const char *path;
    int methods;
    const char *allow;
    int endpoint;
    handler fn;
} routes[] = {
    {"/v1/kundli", HTTP_GET | HTTP_HEAD | HTTP_POST, "GET, HEAD, POST", EP_KUNDLI, handle_kundli},
    {"/v1/kundli/batch", HTTP_POST, "POST", EP_KUNDLI_BATCH, handle_batch},
    {"/v1/match", HTTP_POST, "POST", EP_MATCH, handle_match},
    {"/v1/panchang", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_PANCHANG, handle_panchang},
    {"/healthz", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_HEALTHZ, handle_healthz},
    {"/readyz", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_READYZ, handle_readyz},
    {"/metrics", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_METRICS, handle_metrics},
    {"/openapi.json", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_OPENAPI, handle_openapi},
};

int api_route(const char *path, const char **allow, int *methods)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(routes[i].path, path) == 0) {
            *allow = routes[i].allow;
            *methods = routes[i].methods;
            return routes[i].endpoint;
        }
    }
    *allow = "";
    *methods = 0;
    return EP_OTHER;
}

void api_handle(struct request *rq, struct reply *r)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (routes[i].endpoint == rq->endpoint) {
            routes[i].fn(rq, r);
            return;
        }
}

static void reply_json(struct reply *r, int status, struct jsonw *w)
{
    r->status = status;
    r->body = jw_take(w, &r->len);
    jw_free(w);
}

static void reply_error(struct reply *r, int code, const char *field, const char *message)
{
    struct error e;
    err_set(&e, code, field, "%s", message);
    http_error_reply(r, &e);
}

/* Compresses r's body when the client allows it and it is worth it. */
static void maybe_gzip(struct request *rq, struct reply *r)
{
    if (!rq->accept_gzip || r->gzip || r->len < GZIP_MIN_BYTES)
        return;
    size_t n;
    void *gz = gzip_compress(r->body, r->len, &n);
    free(r->body);
    r->body = gz;
    r->len = n;
    r->gzip = true;
}

/* Results that depend on "today" (sade sati) are computed for the UTC date
 * of the request unless the client gave options.as_of. */
static void default_as_of(struct chart_options *o)
{
    options_default_as_of(o, (double)time(NULL));
}

struct query_ctx {
    struct birth *b;
    struct chart_options *o;
    struct error *err;
};

static int query_param(void *ctx, const char *key, const char *value)
{
    struct query_ctx *q = ctx;
    return birth_param_set(q->b, q->o, key, value, q->err);
}

static void handle_kundli(struct request *rq, struct reply *r)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct rendered doc;
    cJSON *json = NULL;
    int rc;

    err_clear(&err);
    if (rq->method == HTTP_POST) {
        rc = request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, &err);
        if (rc == 0)
            rc = request_chart(json, &b, &o, "", &err);
    } else {
        birth_init(&b);
        options_init(&o);
        struct query_ctx q = {&b, &o, &err};
        rc = http_query_each(rq, query_param, &q);
    }
    if (rc == 0)
        rc = birth_check_complete(&b, &err);
    if (rc == 0) {
        default_as_of(&o);
        const char *inm = rq->method == HTTP_POST ? NULL : http_header(rq, "If-None-Match");
        rc = charts_render(rq->svc, &b, &o, rq->accept_gzip, inm, rq->deadline, &doc, &err);
    }
    cJSON_Delete(json);
    if (rc) {
        http_error_reply(r, &err);
        return;
    }
    rq->cache = doc.cache_hit ? 1 : 2;
    r->status = doc.not_modified ? 304 : 200;
    r->body = doc.body;
    r->len = doc.len;
    r->gzip = doc.gzip;
    if (rq->method != HTTP_POST) {
        memcpy(r->etag, doc.etag, sizeof r->etag);
        r->cache_control = "public, max-age=86400";
    }
}

struct batch {
    struct request *rq;
    const cJSON *items[BATCH_MAX];
    char *docs[BATCH_MAX];   /* each item's JSON: a chart or an error */
    size_t lens[BATCH_MAX];
    bool failed[BATCH_MAX];
    bool late[BATCH_MAX];    /* the deadline passed before this item */
};

static void batch_item(void *ctx, int i)
{
    struct batch *bt = ctx;
    struct birth b;
    struct chart_options o;
    struct error err;
    struct rendered doc;
    char prefix[32];
    snprintf(prefix, sizeof prefix, "items[%d].", i);
    err_clear(&err);
    int rc = request_chart(bt->items[i], &b, &o, prefix, &err);
    if (rc == 0 && (rc = birth_check_complete(&b, &err)) != 0)
        request_prefix_field(&err, prefix);
    if (rc == 0 && service_now() > bt->rq->deadline)
        rc = err_set(&err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
    if (rc == 0) {
        default_as_of(&o);
        rc = charts_render(bt->rq->svc, &b, &o, false, NULL, bt->rq->deadline, &doc, &err);
        if (rc)
            request_prefix_field(&err, prefix);
    }
    bt->late[i] = rc == ERR_DEADLINE_EXCEEDED;
    if (rc == 0) {
        bt->docs[i] = doc.body;
        bt->lens[i] = doc.len;
        return;
    }
    struct jsonw w;
    jw_init(&w, 4096);
    chart_json_error(&w, &err);
    bt->docs[i] = jw_take(&w, &bt->lens[i]);
    bt->failed[i] = true;
    jw_free(&w);
}

static void handle_batch(struct request *rq, struct reply *r)
{
    struct error err;
    cJSON *json = NULL;
    struct batch *bt = NULL;
    const cJSON *items = NULL;
    int n = 0;

    if (request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, &err)) {
        http_error_reply(r, &err);
        goto out;
    }
    if (!cJSON_IsObject(json)) {
        reply_error(r, ERR_INVALID_VALUE, "", "expected an object {\"items\": [...]}");
        goto out;
    }
    for (const cJSON *m = json->child; m; m = m->next) {
        if (strcmp(m->string, "items") != 0) {
            char field[48];
            snprintf(field, sizeof field, "%.40s", m->string);
            reply_error(r, ERR_UNKNOWN_FIELD, field, "unknown field; a batch has only \"items\"");
            goto out;
        }
        items = m;
    }
    if (!cJSON_IsArray(items)) {
        reply_error(r, ERR_MISSING_FIELD, "items", "items must be an array of 1 to 100 charts");
        goto out;
    }
    n = cJSON_GetArraySize(items);
    if (n > BATCH_MAX) {
        reply_error(r, ERR_TOO_LARGE, "items", "a batch holds at most 100 items");
        goto out;
    }
    if (n == 0) {
        reply_error(r, ERR_INVALID_VALUE, "items", "a batch holds at least 1 item");
        goto out;
    }
    metrics_observe_batch(rq->svc->metrics, n);
    bt = xcalloc(1, sizeof *bt);
    bt->rq = rq;
    int i = 0;
    for (const cJSON *it = items->child; it; it = it->next)
        bt->items[i++] = it;
    workpool_run(rq->svc->pool, n, batch_item, bt);

    int errors = 0;
    bool late = false;
    for (i = 0; i < n; i++) {
        errors += bt->failed[i];
        late |= bt->late[i];
    }
    if (late) {
        reply_error(r, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
        goto out;
    }
    struct jsonw w;
    jw_init(&w, (size_t)64 << 20);
    jw_obj(&w);
    jw_kint(&w, "count", n);
    jw_kint(&w, "errors", errors);
    jw_key(&w, "results");
    jw_arr(&w);
    for (i = 0; i < n; i++)
        jw_raw(&w, bt->docs[i], bt->lens[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    reply_json(r, 200, &w);
    maybe_gzip(rq, r);
out:
    if (bt)
        for (i = 0; i < n; i++)
            free(bt->docs[i]);
    free(bt);
    cJSON_Delete(json);
}

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
        if (rc == 0 && (rc = birth_check_complete(&b, err)) != 0)
            request_prefix_field(err, prefix);
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

static void handle_match(struct request *rq, struct reply *r)
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
        maybe_gzip(rq, r);
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

static void handle_panchang(struct request *rq, struct reply *r)
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
        maybe_gzip(rq, r);
    }
    free(day);
}

static void handle_healthz(struct request *rq, struct reply *r)
{
    (void)rq;
    struct jsonw w;
    jw_init(&w, 256);
    jw_obj(&w);
    jw_kstr(&w, "status", "ok");
    jw_obj_end(&w);
    reply_json(r, 200, &w);
}

/* Ready when not draining and the Swiss Ephemeris files serve a position. */
static void handle_readyz(struct request *rq, struct reply *r)
{
    struct eph_pos p;
    struct error err;
    int source = EPH_SWISS;
    struct eph_frame frame = {.ayanamsa = 1};
    eph_begin(&frame);
    bool eph_ok = eph_graha(2451545.0, 0, &p, &source, &err) == 0 && source == EPH_SWISS;
    bool draining = atomic_load(&rq->svc->draining);
    struct jsonw w;
    jw_init(&w, 512);
    jw_obj(&w);
    jw_kstr(&w, "status", eph_ok && !draining ? "ready" : "not_ready");
    jw_key(&w, "checks");
    jw_obj(&w);
    jw_kstr(&w, "ephemeris", eph_ok ? "ok" : "unavailable");
    jw_kstr(&w, "cache", "ok");
    jw_kstr(&w, "draining", draining ? "yes" : "no");
    jw_obj_end(&w);
    jw_obj_end(&w);
    reply_json(r, eph_ok && !draining ? 200 : 503, &w);
}

static void handle_metrics(struct request *rq, struct reply *r)
{
    struct cache_stats st;
    cache_stats(rq->svc->cache, &st);
    r->status = 200;
    r->body = metrics_render(rq->svc->metrics, &st, &r->len);
    r->content_type = METRICS_CONTENT_TYPE;
    maybe_gzip(rq, r);
}

static void handle_openapi(struct request *rq, struct reply *r)
{
    size_t n;
    const char *doc = openapi_document(&n);
    r->status = 200;
    r->body = xmalloc(n);
    memcpy(r->body, doc, n);
    r->len = n;
    maybe_gzip(rq, r);
}
