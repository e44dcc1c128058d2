/* metrics.h - the service's Prometheus metrics: a fixed registry of
 * lock-free counters and histograms (request latency and count, batch size,
 * engine stage time) rendered with the L1 cache and resource figures into
 * the text exposition format 0.0.4. Every metric is listed in docs/metrics.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_METRICS_H
#define KUNDLI_METRICS_H

#include "service/cache.h"
#include "service/resources.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The Content-Type of metrics_render()'s output. */
#define METRICS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

struct metrics; /* opaque; every function below is thread-safe */

/* Creates the registry for fixed tables of endpoint names (label
 * `endpoint`, e.g. "kundli", "batch", "match") and engine stage names
 * (label `stage`, e.g. "ephemeris"; a NULL name is a stage that is never
 * timed nor shown); the indexes into these tables are what
 * the observe functions take. The names are copied (and escaped for labels).
 * n_endpoints and n_stages are 0 .. 64. Never NULL (allocation failure
 * aborts). */
struct metrics *metrics_create(const char *const *endpoints, int n_endpoints,
                               const char *const *stages, int n_stages);

/* Frees m. NULL is a no-op. */
void metrics_destroy(struct metrics *m);

/* Records one finished request: endpoint index, HTTP status and latency in
 * seconds. Statuses other than 200 201 204 304 400 401 403 404 405 408 413
 * 415 422 429 431 500 503 are counted as status="other". An endpoint index
 * out of range is ignored. Three relaxed atomic adds, no lock. */
void metrics_observe_request(struct metrics *m, int endpoint, int status, double seconds);

/* Records the item count of one batch request. Two atomic adds. */
void metrics_observe_batch(struct metrics *m, int size);

/* Counts one access-log line dropped by a full log sink. One atomic add. */
void metrics_observe_log_drop(struct metrics *m);

/* Counts one diagnostic line (libmicrohttpd's warnings, kundlid's own
 * messages for stderr) dropped by a full sink. One atomic add. */
void metrics_observe_diag_drop(struct metrics *m);

/* Adds n (when > 0) requests left unfinished when the shutdown drain ended
 * (shutdown_unfinished_requests_total). One atomic add. */
void metrics_observe_unfinished(struct metrics *m, int n);

/* Counts one compute request refused with 503 overloaded
 * (overloaded_requests_total). One atomic add. */
void metrics_observe_overloaded(struct metrics *m);

/* Adds delta (+1 queued, -1 taken by a worker) to the work_queue_depth
 * gauge. One atomic add. */
void metrics_queue_depth_add(struct metrics *m, int delta);

/* Adds delta to the response_bytes_held gauge (service_hold). One atomic
 * add. */
void metrics_held_bytes_add(struct metrics *m, long long delta);

/* Adds delta (+1 a stream began, -1 it ended) to the stream_port_streams
 * gauge (duplex.c). One atomic add. */
void metrics_streams_add(struct metrics *m, int delta);

/* Sets the store pool gauges (store_pool_connections{state="open"|"idle"},
 * store_pool_waiting), sampled before each render; all 0 with no store. */
void metrics_set_store_pool(struct metrics *m, int open, int idle, int waiting);

/* Why kundlid closed a connection itself (connections_closed_total{reason}). */
enum conn_close_reason {
    CONN_CLOSE_HEADER_TIMEOUT, /* "header_timeout": request head/body not in time */
    CONN_CLOSE_IDLE_RESERVE,   /* "idle_reserve": idle, closed to keep slots free */
    CONN_CLOSE_RESERVE_SLOW,   /* "reserve_slow": request head > 1 s near the limit */
    CONN_CLOSE_COUNT
};

/* Counts one connection kundlid closed itself, for reason (out of range is
 * ignored). One atomic add. */
void metrics_observe_conn_close(struct metrics *m, int reason);

/* Counts one connection libmicrohttpd closed at once because the total or
 * per-address connection limit was reached (connections_refused_total). */
void metrics_observe_conn_refused(struct metrics *m);

/* What the L2 cache on Redis (cache_redis.h) did. */
enum redis_event {
    REDIS_HIT,          /* chart found: cache_hits_total{level="l2"} */
    REDIS_MISS,         /* chart not there: cache_misses_total{level="l2"} */
    REDIS_LIST_HIT,     /* saved-chart list page found: level="l2_list" */
    REDIS_LIST_MISS,    /* list page not there: cache_misses_total{level="l2_list"} */
    REDIS_ERROR,        /* a failed connect or command: cache_redis_errors_total */
    REDIS_TIMEOUT,      /* one that ran out of time: cache_redis_timeouts_total */
    REDIS_INVALIDATION, /* a write's message received: cache_redis_invalidations_total */
    REDIS_EVENT_COUNT
};

/* Counts one Redis event (out of range is ignored). Rendered with the
 * cache metrics (metrics_render's l1 not NULL). One atomic add. */
void metrics_observe_redis(struct metrics *m, int event);

/* Records the time one engine stage took for one chart, in seconds. A stage
 * index out of range is ignored. Two atomic adds. */
void metrics_observe_stage(struct metrics *m, int stage, double seconds);

/* Counts one alert transition of the resource monitor: metric is an enum
 * alert_metric (alerts.h; out of range is ignored), firing true for
 * "firing", false for "resolved" (alerts_total{metric,state}). */
void metrics_observe_alert(struct metrics *m, int metric, bool firing);

/* What became of one alert webhook delivery (webhook.h). */
enum webhook_outcome {
    WEBHOOK_SENT,    /* webhook_sent_total: answered 2xx */
    WEBHOOK_FAILED,  /* webhook_failures_total: every try failed or timed out */
    WEBHOOK_DROPPED, /* webhook_dropped_total: the queue was full */
    WEBHOOK_OUTCOME_COUNT
};
/* Counts one outcome (out of range is ignored). One atomic add. */
void metrics_observe_webhook(struct metrics *m, int outcome);

/* Finite buckets of request_latency_seconds. */
#define METRICS_LATENCY_BUCKETS 15

/* The requests counted so far, all endpoints together: for the monitor,
 * which takes the difference of two of these. */
struct metrics_totals {
    /* request_latency_seconds per bucket, not cumulative; [15] above 5 s */
    uint64_t latency[METRICS_LATENCY_BUCKETS + 1];
    uint64_t requests;   /* every request counted */
    uint64_t status_4xx; /* answered 400..499 */
    uint64_t status_5xx; /* answered 500..599 */
};

/* Fills out from the registry (relaxed loads: racing observations may or
 * may not be in). */
void metrics_totals(struct metrics *m, struct metrics_totals *out);

/* The upper bounds of the finite latency buckets, in seconds, rising:
 * METRICS_LATENCY_BUCKETS of them. */
const double *metrics_latency_bounds(void);

/* Renders every metric: the registry's, the L1 cache's from l1 (NULL to
 * leave them out) and the resource ones, sampled now by the registry's own
 * resource sampler (/proc and the filesystem of "/"; the CPU percentage is
 * over the time since the previous render). Returns a NUL-terminated buffer
 * of *len bytes that the caller frees with free(). Observations racing with
 * the render may or may not be included; each histogram's buckets and
 * _count are consistent with each other, its _sum may lag by the racing
 * observations. Cost: the /proc reads (tens of µs) plus the formatting
 * (about 10 µs for 600 series). Renders from several threads serialise
 * only around the resource sampler. */
char *metrics_render(struct metrics *m, const struct cache_stats *l1, size_t *len);

/* As metrics_render(), with the resource figures taken from res (NULL to
 * leave them out) instead of sampled: for a caller with its own sampler
 * (see resources.h) and for tests. */
char *metrics_render_sample(struct metrics *m, const struct cache_stats *l1,
                            const struct resource_sample *res, size_t *len);

#endif
