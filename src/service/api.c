/* api.c - kundlid's routes and handlers: charts (GET, POST, batch) and the
 * operational endpoints. Handlers parse and validate, ask charts.c for
 * documents and build replies; they never touch HTTP internals.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/api.h"

#include "common/jsonw.h"
#include "common/mem.h"
#include "engine/eph.h"
#include "output/chart_json.h"
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
static void handle_not_yet(struct request *rq, struct reply *r);
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
    {"/v1/match", HTTP_POST, "POST", EP_MATCH, handle_not_yet},
    {"/v1/panchang", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_PANCHANG, handle_not_yet},
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
    if (isnan(o->as_of)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        o->as_of = floor((double)ts.tv_sec / 86400.0) * 86400.0;
    }
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
    if (rc == 0) {
        default_as_of(&o);
        rc = charts_render(bt->rq->svc, &b, &o, false, NULL, bt->rq->deadline, &doc, &err);
        bt->late[i] = rc == ERR_DEADLINE_EXCEEDED;
    }
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

static void handle_not_yet(struct request *rq, struct reply *r)
{
    (void)rq;
    reply_error(r, ERR_NOT_FOUND, "", "this endpoint is not available yet");
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
