/* handlers_chart.c - the chart endpoints: GET/HEAD/POST /v1/kundli (one
 * chart through the L1 cache), GET/HEAD /v1/kundli/chart.svg (one chart
 * drawn), GET/HEAD /v1/kundli/sensitivity (what changes near the birth
 * time) and POST /v1/kundli/batch (1..100 charts on the work pool, each
 * result a chart or its own error, streamed).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "app/mem.h"
#include "output/error_json.h"
#include "output/chart_json.h"
#include "output/sensitivity_json.h"
#include "output/svg.h"
#include "service/cache.h"
#include "service/charts.h"
#include "service/jobs.h"
#include "service/metrics.h"
#include "service/request_json.h"
#include "service/stream.h"
#include "service/workpool.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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

/* A chart request as parsed on the I/O thread for its cache lookup: on a
 * miss it rides in the request (rq->parsed) to the worker, which computes
 * without parsing the query or the body again. */
struct parsed_chart {
    struct birth b;
    struct chart_options o;
};

void handle_kundli(struct request *rq, struct reply *r)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct rendered doc;
    cJSON *json = NULL;
    int rc;

    err_clear(&err);
    if (rq->parsed) {
        const struct parsed_chart *p = rq->parsed;
        b = p->b;
        o = p->o;
        rc = 0;
    } else if (rq->method == HTTP_POST) {
        rc = request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, &err);
        if (rc == 0)
            rc = request_chart(json, &b, &o, "", &err);
    } else {
        birth_init(&b);
        options_init(&o);
        struct query_ctx q = {&b, &o, &err};
        rc = http_query_each(rq, query_param, &q, &err);
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
    if (doc.missed) { /* RENDER_HIT_ONLY: r stays unanswered, to be computed */
        struct parsed_chart *p = xmalloc(sizeof *p);
        p->b = b;
        p->o = o;
        rq->parsed = p;
        return;
    }
    rq->cache = doc.cache_l2 ? CACHE_HIT_L2 : doc.cache_hit ? CACHE_HIT : CACHE_MISS;
    r->status = doc.not_modified ? 304 : 200;
    r->body = doc.body;
    r->len = doc.len;
    r->gzip = doc.gzip;
    if (rq->method != HTTP_POST)
        reply_cacheable(rq, r, doc.etag); /* charts_render already judged 304 */
}

/* The query of chart.svg: its own parameters, and the birth's for the
 * rest. */
struct svg_query {
    struct query_ctx q;
    int style;   /* -1: the options' chart_style */
    int varga;
    const char *name;
};

static int svg_param(void *ctx, const char *key, const char *value)
{
    struct svg_query *s = ctx;
    if (strcmp(key, "style") == 0)
        return chart_style_parse(value, &s->style, "style", s->q.err);
    if (strcmp(key, "varga") == 0) {
        s->varga = varga_find(value);
        if (s->varga < 0)
            return err_set(s->q.err, ERR_INVALID_VALUE, "varga",
                           "varga must be one of D1 D2 D3 D4 D7 D9 D10 D12 D16 D20 D24 D27 D30 "
                           "D40 D45 D60; got '%.16s'", value);
        return 0;
    }
    if (strcmp(key, "name") == 0) {
        if (strlen(value) > SVG_TEXT_MAX)
            return err_set(s->q.err, ERR_INVALID_VALUE, "name",
                           "name must be at most %d bytes", SVG_TEXT_MAX);
        s->name = value;
        return 0;
    }
    if (strcmp(key, "sections") == 0)
        return err_set(s->q.err, ERR_UNKNOWN_FIELD, "sections",
                       "a drawing has no sections; use GET /v1/kundli?sections=svg for the JSON");
    return query_param(&s->q, key, value);
}

void handle_kundli_svg(struct request *rq, struct reply *r)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct kundli *k = NULL;
    char *svg = NULL;
    size_t len = 0;
    int rc;

    err_clear(&err);
    birth_init(&b);
    options_init(&o);
    struct svg_query sq = {{&b, &o, &err}, -1, VARGA_D1, NULL};
    rc = http_query_each(rq, svg_param, &sq, &err);
    if (rc == 0)
        rc = birth_check_complete(&b, &err);
    if (rc == 0) {
        o.sections = SECTION_SVG; /* the D1 chart and its vargas */
        default_as_of(&o);
        k = xmalloc(sizeof *k);
        rc = kundli_compute(&rq->svc->engine, &b, &o, k, NULL, &err);
    }
    if (rc == 0 && service_now() > rq->deadline)
        rc = err_set(&err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
    if (rc == 0) {
        struct svg_caption cap = {.name = sq.name};
        svg = xmalloc(SVG_MAX);
        rc = svg_write(svg, SVG_MAX, &len, k, sq.varga, sq.style >= 0 ? sq.style : o.chart_style,
                       &cap);
        if (rc)
            err_set(&err, ERR_INTERNAL, "", "the drawing failed");
    }
    free(k);
    if (rc) {
        free(svg);
        http_error_reply(r, &err);
        return;
    }
    /* Strong ETag: a hash of the drawing itself, the same on every
     * instance for the same query. */
    struct cache_key h = cache_key_hash(svg, len);
    char etag[40];
    snprintf(etag, sizeof etag, "\"%016llx%016llx\"", (unsigned long long)h.hi,
             (unsigned long long)h.lo);
    r->status = 200;
    r->body = svg;
    r->len = len;
    r->content_type = "image/svg+xml; charset=utf-8";
    reply_cacheable(rq, r, etag);
    reply_gzip(rq, r);
}

/* A batch is computed in steps of BATCH_STEP items (in parallel on the
 * work pool), each step a job of its own in the compute queue, and its
 * response streamed in item order as the steps finish (stream.h): a batch
 * holds at most a step's documents plus the stream's buffer, and shares
 * the workers with single charts between steps. */
struct batch {
    struct service *svc;
    cJSON *json;             /* the request; items point into it */
    const cJSON *items[BATCH_MAX];
    int n;
    int next;                /* the first item not yet computed */
    int errors;
    double deadline;
    struct stream *out;
    /* the step being computed: items next .. next+count-1 */
    int count;
    char *docs[BATCH_STEP];  /* each item's JSON: a chart or an error */
    size_t lens[BATCH_STEP];
    bool failed[BATCH_STEP];
    bool late[BATCH_STEP];   /* the deadline passed before this item */
};

static void batch_item(void *ctx, int k)
{
    struct batch *bt = ctx;
    int i = bt->next + k;
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
    if (rc == 0 && service_now() > bt->deadline)
        rc = err_set(&err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
    if (rc == 0) {
        default_as_of(&o);
        rc = charts_render(bt->svc, &b, &o, false, NULL, bt->deadline, RENDER_ANY, &doc, &err);
        if (rc)
            request_prefix_field(&err, prefix);
    }
    bt->late[k] = rc == ERR_DEADLINE_EXCEEDED;
    bt->failed[k] = rc != 0;
    if (rc == 0) {
        bt->docs[k] = doc.body;
        bt->lens[k] = doc.len;
        return;
    }
    struct jsonw w;
    jw_init(&w, 4096);
    error_json_write(&w, &err);
    bt->docs[k] = jw_take(&w, &bt->lens[k]);
    jw_free(&w);
}

/* Computes the next step's documents. */
static void batch_compute(struct batch *bt)
{
    bt->count = bt->n - bt->next < BATCH_STEP ? bt->n - bt->next : BATCH_STEP;
    workpool_run(bt->svc->pool, bt->count, batch_item, bt);
}

/* Writes the computed step to the stream, in item order, and frees it. */
static void batch_write(struct batch *bt)
{
    for (int k = 0; k < bt->count; k++) {
        if (bt->next + k > 0)
            stream_write(bt->out, ",", 1);
        stream_write(bt->out, bt->docs[k], bt->lens[k]);
        bt->errors += bt->failed[k];
        free(bt->docs[k]);
        bt->docs[k] = NULL;
    }
    bt->next += bt->count;
    bt->count = 0;
}

static void batch_free(void *ctx)
{
    struct batch *bt = ctx;
    for (int k = 0; k < bt->count; k++)
        free(bt->docs[k]);
    cJSON_Delete(bt->json);
    free(bt);
}

static void batch_step(void *arg, bool cancelled);

static void batch_queue_next(void *ctx)
{
    struct batch *bt = ctx;
    if (jobs_submit(bt->svc->jobs, batch_step, bt, true) != 0)
        stream_end(bt->out, false); /* shutting down */
}

/* After a step: ends the body after the last item, or goes on now, later
 * (paused until the client has read enough) or not at all (it left). bt
 * may be freed on return. */
static void batch_advance(struct batch *bt)
{
    if (bt->next == bt->n) {
        char tail[32];
        int len = snprintf(tail, sizeof tail, "],\"errors\":%d}", bt->errors);
        stream_write(bt->out, tail, (size_t)len);
        stream_end(bt->out, true);
        return;
    }
    switch (stream_yield(bt->out)) {
    case STREAM_GO:
        batch_queue_next(bt);
        break;
    case STREAM_PAUSE: /* stream_read resumes it through batch_queue_next */
        break;
    case STREAM_GONE:
        stream_end(bt->out, false);
        break;
    }
}

static void batch_step(void *arg, bool cancelled)
{
    struct batch *bt = arg;
    if (cancelled) {
        stream_end(bt->out, false);
        return;
    }
    batch_compute(bt);
    batch_write(bt);
    batch_advance(bt);
}

/* The batch of a request, or NULL with r answered (the body's error). */
static struct batch *batch_parse(struct request *rq, struct reply *r)
{
    struct error err;
    cJSON *json = NULL;
    const cJSON *items = NULL;

    if (request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, &err)) {
        http_error_reply(r, &err);
        return NULL;
    }
    if (!cJSON_IsObject(json)) {
        reply_error(r, ERR_INVALID_VALUE, "", "expected an object {\"items\": [...]}");
        goto fail;
    }
    for (const cJSON *m = json->child; m; m = m->next) {
        if (strcmp(m->string, "items") != 0) {
            char field[48];
            snprintf(field, sizeof field, "%.40s", m->string);
            reply_error(r, ERR_UNKNOWN_FIELD, field, "unknown field; a batch has only \"items\"");
            goto fail;
        }
        items = m;
    }
    if (!cJSON_IsArray(items)) {
        reply_error(r, ERR_MISSING_FIELD, "items", "items must be an array of 1 to %d charts",
                    BATCH_MAX);
        goto fail;
    }
    int n = cJSON_GetArraySize(items);
    if (n > BATCH_MAX) {
        reply_error(r, ERR_TOO_LARGE, "items", "a batch holds at most %d items", BATCH_MAX);
        goto fail;
    }
    if (n == 0) {
        reply_error(r, ERR_INVALID_VALUE, "items", "a batch holds at least 1 item");
        goto fail;
    }
    struct batch *bt = xcalloc(1, sizeof *bt);
    bt->svc = rq->svc;
    bt->json = json;
    bt->deadline = rq->deadline;
    for (const cJSON *it = items->child; it; it = it->next)
        bt->items[bt->n++] = it;
    return bt;
fail:
    cJSON_Delete(json);
    return NULL;
}

void handle_batch(struct request *rq, struct reply *r)
{
    struct batch *bt = batch_parse(rq, r);
    if (!bt)
        return;
    metrics_observe_batch(rq->svc->metrics, bt->n);
    /* The first step decides the status: past the deadline already, the
     * whole request is 503; after it, an item the deadline overtakes is
     * that item's error. */
    batch_compute(bt);
    for (int k = 0; k < bt->count; k++)
        if (bt->late[k]) {
            reply_error(r, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
            batch_free(bt);
            return;
        }
    struct stream_producer p = {.resume = batch_queue_next, .release = batch_free, .ctx = bt};
    bt->out = stream_new(rq->accept_gzip, p);
    char head[32];
    int len = snprintf(head, sizeof head, "{\"count\":%d,\"results\":[", bt->n);
    stream_write(bt->out, head, (size_t)len);
    batch_write(bt);
    r->status = 200;
    r->stream = bt->out;
    r->gzip = rq->accept_gzip;
    batch_advance(bt); /* may run the next steps, or free bt, on return */
}

/* The query of /v1/kundli/sensitivity: window, and the birth's parameters
 * for the rest. */
struct sensitivity_query {
    struct query_ctx q;
    double window;
};

static int sensitivity_param(void *ctx, const char *key, const char *value)
{
    struct sensitivity_query *s = ctx;
    if (strcmp(key, "window") == 0)
        return sensitivity_window_parse(value, "window", &s->window, s->q.err);
    return query_param(&s->q, key, value);
}

void handle_kundli_sensitivity(struct request *rq, struct reply *r)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct sensitivity *s = NULL;
    int rc;

    err_clear(&err);
    birth_init(&b);
    options_init(&o);
    struct sensitivity_query sq = {{&b, &o, &err}, SENSITIVITY_WINDOW_DEFAULT};
    rc = http_query_each(rq, sensitivity_param, &sq, &err);
    if (rc == 0)
        rc = birth_check_complete(&b, &err);
    if (rc == 0) {
        default_as_of(&o);
        s = xmalloc(sizeof *s);
        rc = sensitivity_compute(&rq->svc->engine, &b, &o, sq.window, s, &err);
    }
    if (rc == 0 && service_now() > rq->deadline)
        rc = err_set(&err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
    if (rc) {
        free(s);
        http_error_reply(r, &err);
        return;
    }
    struct jsonw w;
    jw_init(&w, SENSITIVITY_DOC_MAX);
    sensitivity_json_write(&w, s);
    free(s);
    reply_json(r, 200, &w);
    if (r->status == 200) {
        /* Strong ETag: a hash of the document, the same on every instance
         * for the same query (and as_of day). */
        struct cache_key h = cache_key_hash(r->body, r->len);
        char etag[40];
        snprintf(etag, sizeof etag, "\"%016llx%016llx\"", (unsigned long long)h.hi,
                 (unsigned long long)h.lo);
        reply_cacheable(rq, r, etag);
    }
    reply_gzip(rq, r);
}
