/* handlers_muhurta.c - GET /v1/muhurta: the muhurta search of a purpose
 * over a date range at a place (engine/muhurta.h), optionally personalised
 * by native.*, or boy.* and girl.*, births.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "app/mem.h"
#include "common/jsonw.h"
#include "engine/muhurta.h"
#include "output/muhurta_json.h"
#include "service/cache.h"
#include "service/service.h"

#include <stdio.h>
#include <stdlib.h>

struct muhurta_params {
    struct muhurta_query *q;
    struct error *err;
};

static int muhurta_param(void *ctx, const char *key, const char *value)
{
    struct muhurta_params *p = ctx;
    return muhurta_param_set(p->q, key, value, p->err);
}

void handle_muhurta(struct request *rq, struct reply *r)
{
    struct muhurta_query *q = xmalloc(sizeof *q);
    struct muhurta_result *res = xmalloc(sizeof *res);
    struct error err;
    err_clear(&err);
    muhurta_query_init(q);
    q->stop = http_past_deadline;
    q->stop_arg = rq;
    struct muhurta_params p = {q, &err};
    int rc = http_query_each(rq, muhurta_param, &p, &err);
    if (rc == 0)
        rc = muhurta_search(&rq->svc->engine, q, res, &err);
    if (rc) {
        http_error_reply(r, &err);
    } else {
        struct jsonw w;
        jw_init(&w, MUHURTA_DOC_MAX);
        muhurta_json_write(&w, res);
        reply_json(r, 200, &w);
        if (r->status == 200) {
            struct cache_key h = cache_key_hash(r->body, r->len);
            char etag[40];
            snprintf(etag, sizeof etag, "\"%016llx%016llx\"", (unsigned long long)h.hi,
                     (unsigned long long)h.lo);
            reply_cacheable(rq, r, etag);
        }
        reply_gzip(rq, r);
        muhurta_result_free(res);
    }
    free(res);
    free(q);
}
