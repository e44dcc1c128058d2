/* handlers_ops.c - the operational endpoints: /healthz (alive), /readyz
 * (ephemeris usable, not draining), /metrics (Prometheus) and
 * /openapi.json (the embedded API description).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "common/jsonw.h"
#include "app/mem.h"
#include "engine/eph.h"
#include "engine/zodiac.h"
#include "service/cache.h"
#include "service/cache_redis.h"
#include "service/metrics.h"
#include "service/openapi.h"
#include "service/storage.h"
#include "store/store.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

void handle_healthz(struct request *rq, struct reply *r)
{
    (void)rq;
    struct jsonw w;
    jw_init(&w, 256);
    jw_obj(&w);
    jw_kstr(&w, "status", "ok");
    jw_obj_end(&w);
    reply_json(r, 200, &w);
}

/* Ready when not draining, the Swiss Ephemeris files serve a position and
 * the store answered its last ping (storage.c pings it every second: no
 * database round trip here, on the I/O thread). Redis is optional: when it
 * is down the service computes instead, so it is reported ("degraded") but
 * never makes kundlid unready. */
void handle_readyz(struct request *rq, struct reply *r)
{
    struct eph_pos p;
    struct error err;
    enum eph_source source = EPH_SWISS;
    struct eph_frame frame = {.ephe_path = rq->svc->engine.ephe_path, .ayanamsa = AYANAMSA_LAHIRI};
    eph_begin(&frame);
    bool eph_ok = eph_graha(JD_J2000, GRAHA_SUN, &p, &source, &err) == 0 && source == EPH_SWISS;
    bool draining = atomic_load(&rq->svc->draining);
    const char *backend;
    bool store_ok = storage_status(rq->svc, &backend);
    bool ready = eph_ok && !draining && store_ok;
    struct jsonw w;
    jw_init(&w, 512);
    jw_obj(&w);
    jw_kstr(&w, "status", ready ? "ready" : "not_ready");
    jw_key(&w, "checks");
    jw_obj(&w);
    jw_kstr(&w, "ephemeris", eph_ok ? "ok" : "unavailable");
    jw_kstr(&w, "cache", "ok");
    jw_kstr(&w, "draining", draining ? "yes" : "no");
    jw_obj_end(&w);
    jw_key(&w, "store");
    jw_obj(&w);
    jw_kstr(&w, "backend", backend);
    jw_kbool(&w, "ok", store_ok);
    jw_obj_end(&w);
    const char *redis = rq->svc->redis ? cache_redis_state(rq->svc->redis) : "off";
    jw_key(&w, "redis");
    jw_obj(&w);
    jw_kbool(&w, "ok", strcmp(redis, "degraded") != 0);
    jw_kstr(&w, "state", redis);
    jw_obj_end(&w);
    char from[32], to[32];
    context_range_text(&rq->svc->engine, from, to);
    jw_key(&w, "ephemeris_range"); /* the births and instants accepted */
    jw_obj(&w);
    jw_kstr(&w, "from", from);
    jw_kstr(&w, "to", to);
    jw_obj_end(&w);
    jw_obj_end(&w);
    reply_json(r, ready ? 200 : 503, &w);
}

void handle_metrics(struct request *rq, struct reply *r)
{
    struct cache_stats st;
    struct store_pool_stats pool = {0};
    struct error e;
    struct store *store = storage_get(rq->svc, &e);
    if (store)
        store_pool_stats(store, &pool);
    metrics_set_store_pool(rq->svc->metrics, pool.open, pool.idle, pool.waiting);
    cache_stats(rq->svc->cache, &st);
    r->status = 200;
    r->body = metrics_render(rq->svc->metrics, &st, &r->len);
    r->content_type = METRICS_CONTENT_TYPE;
    reply_gzip(rq, r);
}

void handle_openapi(struct request *rq, struct reply *r)
{
    size_t n;
    const char *doc = openapi_document(&n);
    r->status = 200;
    r->body = xmalloc(n);
    memcpy(r->body, doc, n);
    r->len = n;
    reply_gzip(rq, r);
}
