/* handlers_chart.c - the chart endpoints: GET/HEAD/POST /v1/kundli (one
 * chart through the L1 cache) and POST /v1/kundli/batch (1..100 charts on
 * the work pool, each result a chart or its own error).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "app/mem.h"
#include "output/error_json.h"
#include "output/chart_json.h"
#include "service/charts.h"
#include "service/metrics.h"
#include "service/request_json.h"
#include "service/workpool.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_MAX 100

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

void handle_kundli(struct request *rq, struct reply *r)
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
        rc = charts_render(rq->svc, &b, &o, rq->accept_gzip, inm, rq->deadline, rq->render,
                           &doc, &err);
    }
    cJSON_Delete(json);
    if (rc) {
        http_error_reply(r, &err);
        return;
    }
    if (doc.missed) /* RENDER_HIT_ONLY: r stays unanswered, to be computed */
        return;
    rq->cache = doc.cache_hit ? CACHE_HIT : CACHE_MISS;
    r->status = doc.not_modified ? 304 : 200;
    r->body = doc.body;
    r->len = doc.len;
    r->gzip = doc.gzip;
    if (rq->method != HTTP_POST)
        reply_cacheable(rq, r, doc.etag); /* charts_render already judged 304 */
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
    if (rc == 0) {
        rc = birth_check_complete(&b, &err);
        if (rc)
            request_prefix_field(&err, prefix);
    }
    if (rc == 0 && service_now() > bt->rq->deadline)
        rc = err_set(&err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
    if (rc == 0) {
        default_as_of(&o);
        rc = charts_render(bt->rq->svc, &b, &o, false, NULL, bt->rq->deadline, RENDER_ANY, &doc,
                           &err);
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
    error_json_write(&w, &err);
    bt->docs[i] = jw_take(&w, &bt->lens[i]);
    bt->failed[i] = true;
    jw_free(&w);
}

void handle_batch(struct request *rq, struct reply *r)
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
        reply_error(r, ERR_MISSING_FIELD, "items", "items must be an array of 1 to %d charts",
                    BATCH_MAX);
        goto out;
    }
    n = cJSON_GetArraySize(items);
    if (n > BATCH_MAX) {
        reply_error(r, ERR_TOO_LARGE, "items", "a batch holds at most %d items", BATCH_MAX);
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
    reply_gzip(rq, r);
out:
    if (bt)
        for (i = 0; i < n; i++)
            free(bt->docs[i]);
    free(bt);
    cJSON_Delete(json);
}
