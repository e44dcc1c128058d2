/* handlers_events.c - GET /v1/events: every event of the chosen kinds in a
 * span of time at a place (engine/events.h, docs/events.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "engine/events.h"
#include "output/events_json.h"
#include "service/cache.h"
#include "service/service.h"

#include <stdio.h>

struct events_params {
    struct events_query *q;
    struct error *err;
};

static int events_param(void *ctx, const char *key, const char *value)
{
    struct events_params *p = ctx;
    return events_param_set(p->q, key, value, p->err);
}

void handle_events(struct request *rq, struct reply *r)
{
    struct events_query q;
    struct events_list l = {0};
    struct error err;
    events_query_init(&q);
    err_clear(&err);
    struct events_params p = {&q, &err};
    int rc = http_query_each(rq, events_param, &p, &err);
    if (rc == 0) {
        q.stop = http_past_deadline;
        q.stop_arg = rq;
        rc = events_find(&rq->svc->engine, &q, &l, &err);
    }
    if (rc) {
        http_error_reply(r, &err);
    } else {
        struct jsonw w;
        jw_init(&w, EVENTS_JSON_BYTES(l.count));
        events_json_write(&w, &l);
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
    events_list_free(&l);
}
