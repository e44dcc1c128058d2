/* handlers_monitor.c - the resource monitor's admin endpoints (admin key):
 * GET /v1/admin/resources, the stored samples, oldest first, and
 * GET /v1/admin/alerts, the stored alerts, newest first; both bounded by
 * limit= and narrowed by since= (RFC 3339). Each runs on a compute worker
 * (api.c), never on an I/O thread.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "service/storage.h"
#include "service/timefmt.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLES_DEFAULT 1000  /* samples in one answer unless limit= says */
#define ALERTS_DEFAULT 100    /* alerts likewise */
#define SAMPLES_SINCE_S 3600  /* samples: since= defaults to an hour ago */

struct params {
    int64_t since;
    int limit;
    struct error *err;
};

static int param(void *ctx, const char *k, const char *v)
{
    struct params *p = ctx;
    if (strcmp(k, "since") == 0) {
        if (!timefmt_parse_rfc3339(v, &p->since))
            return err_set(p->err, ERR_INVALID_VALUE, "since",
                           "since must be an RFC 3339 time, e.g. 2024-01-31T12:00:00Z");
        return 0;
    }
    if (strcmp(k, "limit") == 0) {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 1 || n > STORE_MONITOR_MAX)
            return err_set(p->err, ERR_INVALID_VALUE, "limit",
                           "limit must be a whole number 1..%d", STORE_MONITOR_MAX);
        p->limit = (int)n;
        return 0;
    }
    char field[48];
    snprintf(field, sizeof field, "%.40s", k);
    return err_set(p->err, ERR_UNKNOWN_FIELD, field, "unknown query parameter '%.40s'", k);
}

/* A percentage or latency; negative (not known) is null. */
static void known(struct jsonw *w, const char *key, double v, int decimals)
{
    jw_key(w, key);
    if (v < 0)
        jw_null(w);
    else
        jw_fixed(w, v, decimals);
}

static void put_time(struct jsonw *w, const char *key, int64_t us)
{
    char t[32];
    timefmt_rfc3339(us, t);
    jw_kstr(w, key, t);
}

struct listing {
    struct jsonw *w;
    int n;
    int64_t last; /* ts of the last row */
};

static int sample_item(void *ctx, const struct store_sample *x)
{
    struct listing *l = ctx;
    struct jsonw *w = l->w;
    jw_obj(w);
    put_time(w, "timestamp", x->ts);
    jw_kstr(w, "instance", x->instance);
    known(w, "cpu", x->cpu, 3);
    known(w, "memory", x->memory, 3);
    known(w, "disk", x->disk, 3);
    known(w, "disk_io", x->disk_io, 3);
    known(w, "process_cpu", x->process_cpu, 3);
    known(w, "process_memory", x->process_memory, 3);
    jw_kint(w, "rss_bytes", x->rss_bytes);
    jw_kint(w, "net_rx_bytes", x->net_rx_bytes);
    jw_kint(w, "net_tx_bytes", x->net_tx_bytes);
    jw_kint(w, "requests", x->requests);
    known(w, "p95", x->p95, 6);
    known(w, "p99", x->p99, 6);
    known(w, "rate_4xx", x->rate_4xx, 4);
    known(w, "rate_5xx", x->rate_5xx, 4);
    jw_obj_end(w);
    l->n++;
    l->last = x->ts;
    return 0;
}

static int alert_item(void *ctx, const struct store_alert *a)
{
    struct listing *l = ctx;
    struct jsonw *w = l->w;
    jw_obj(w);
    jw_kstr(w, "metric", a->metric);
    jw_key(w, "value");
    jw_double(w, a->value);
    jw_key(w, "threshold");
    jw_double(w, a->threshold);
    put_time(w, "timestamp", a->ts);
    jw_kstr(w, "state", a->state);
    jw_kstr(w, "instance", a->instance);
    jw_obj_end(w);
    l->n++;
    l->last = a->ts;
    return 0;
}

/* The store and the parameters, or r answered with the error. */
static struct store *prepare(struct request *rq, struct reply *r, struct params *p,
                             struct error *err)
{
    err_clear(err);
    p->err = err;
    if (http_query_each(rq, param, p, err) != 0) {
        http_error_reply(r, err);
        return NULL;
    }
    struct store *st = storage_get(rq->svc, err);
    if (!st)
        http_error_reply(r, err);
    return st;
}

static void finish(struct request *rq, struct reply *r, struct jsonw *w, int rc,
                   struct error *err)
{
    if (rc) {
        jw_free(w);
        storage_note(rq->svc, rc);
        if (err->code == ERR_OK)
            err_set(err, rc, "", "the request failed");
        http_error_reply(r, err);
        return;
    }
    reply_json(r, 200, w);
    reply_gzip(rq, r);
}

void handle_admin_resources(struct request *rq, struct reply *r)
{
    struct error err;
    struct params p = {timefmt_now_us() - (int64_t)SAMPLES_SINCE_S * 1000000, SAMPLES_DEFAULT,
                       NULL};
    struct store *st = prepare(rq, r, &p, &err);
    if (!st)
        return;
    struct jsonw w;
    jw_init(&w, MONITOR_DOC_MAX);
    struct listing l = {&w, 0, 0};
    jw_obj(&w);
    put_time(&w, "since", p.since);
    jw_key(&w, "samples");
    jw_arr(&w);
    int rc = store_sample_list(st, p.since, p.limit, sample_item, &l, &err);
    jw_arr_end(&w);
    /* a full page: the next one starts just after its last sample */
    jw_key(&w, "next_since");
    if (l.n == p.limit) {
        char t[32];
        timefmt_rfc3339(l.last + 1, t);
        jw_str(&w, t);
    } else {
        jw_null(&w);
    }
    jw_obj_end(&w);
    finish(rq, r, &w, rc, &err);
}

void handle_admin_alerts(struct request *rq, struct reply *r)
{
    struct error err;
    struct params p = {0, ALERTS_DEFAULT, NULL};
    struct store *st = prepare(rq, r, &p, &err);
    if (!st)
        return;
    struct jsonw w;
    jw_init(&w, MONITOR_DOC_MAX);
    struct listing l = {&w, 0, 0};
    jw_obj(&w);
    jw_key(&w, "alerts");
    jw_arr(&w);
    int rc = store_alert_list(st, p.since, p.limit, alert_item, &l, &err);
    jw_arr_end(&w);
    jw_obj_end(&w);
    finish(rq, r, &w, rc, &err);
}
