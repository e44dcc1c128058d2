/* handlers_places.c - GET /v1/places?q=chen&limit=10: the gazetteer's
 * cities for a query, ranked (places.h), so that a client can offer them
 * for a birth's "place".
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "places/places.h"
#include "service/cache.h"

#include <stdio.h>
#include <string.h>

struct places_query {
    const char *q;
    int limit;
    struct error *err;
};

static int places_param(void *ctx, const char *key, const char *value)
{
    struct places_query *pq = ctx;
    if (strcmp(key, "q") == 0) {
        if (!value[0] || strlen(value) >= PLACES_QUERY_MAX)
            return err_set(pq->err, value[0] ? ERR_INVALID_VALUE : ERR_MISSING_FIELD, "q",
                           "q must be 1 to %d bytes of a city's name", PLACES_QUERY_MAX - 1);
        pq->q = value;
        return 0;
    }
    if (strcmp(key, "limit") == 0) {
        int n = 0;
        size_t len = strspn(value, "0123456789");
        if (len >= 1 && len <= 2 && !value[len])
            n = len == 1 ? value[0] - '0' : 10 * (value[0] - '0') + value[1] - '0';
        if (n < 1 || n > PLACES_LIMIT_MAX)
            return err_set(pq->err, ERR_INVALID_VALUE, "limit", "limit must be 1 to %d",
                           PLACES_LIMIT_MAX);
        pq->limit = n;
        return 0;
    }
    return err_set(pq->err, ERR_UNKNOWN_FIELD, key, "unknown parameter '%.40s' (q, limit)", key);
}

void handle_places(struct request *rq, struct reply *r)
{
    struct error err;
    struct place found[PLACES_LIMIT_MAX];
    err_clear(&err);
    struct places_query pq = {NULL, PLACES_LIMIT_DEFAULT, &err};
    int rc = http_query_each(rq, places_param, &pq, &err);
    if (rc == 0 && !pq.q)
        rc = err_set(&err, ERR_MISSING_FIELD, "q", "q is required: the start of a city's name");
    int n = rc ? 0 : places_search(rq->svc->places, pq.q, pq.limit, found);
    if (n < 0)
        rc = err_set(&err, ERR_NO_MEMORY, "", "out of memory loading the gazetteer");
    if (rc) {
        http_error_reply(r, &err);
        return;
    }
    struct jsonw w;
    jw_init(&w, 1 << 20);
    places_json_write(&w, found, n);
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
