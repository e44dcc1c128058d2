/* metrics.c - the Prometheus registry (see metrics.h): histograms keep one
 * relaxed atomic counter per bucket plus an integer sum, so an observation
 * is two or three atomic adds; rendering is hand-rolled integer formatting.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/metrics.h"

#include "app/mem.h"
#include "service/alerts.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- bucket layouts ---- */

#define MAX_BUCKETS 17 /* finite buckets + the +Inf one, at most */

struct layout {
    int n;                 /* finite buckets */
    const uint64_t *bound; /* their upper bounds (le), in units */
    const char *const *le; /* the same bounds as label values */
    int decimals;          /* a unit is 10^-decimals of the metric's unit */
};

/* Request latency, 100 µs .. 5 s; units are nanoseconds. */
static const uint64_t latency_bound[] = {
    100000,   250000,    500000,    1000000,   2500000,    5000000,    10000000,   25000000,
    50000000, 100000000, 250000000, 500000000, 1000000000, 2500000000, 5000000000,
};
static const char *const latency_le[] = {
    "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
    "0.05",   "0.1",     "0.25",   "0.5",   "1",      "2.5",   "5",
};
static const struct layout latency_layout = {15, latency_bound, latency_le, 9};
static const double latency_seconds[METRICS_LATENCY_BUCKETS] = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,
};
_Static_assert(sizeof latency_bound / sizeof *latency_bound == METRICS_LATENCY_BUCKETS,
               "the monitor's bucket count");

/* Engine stage time, 1 µs .. 100 ms; nanoseconds. le values are spelt as
 * the Go and Python clients spell them (shortest %g). */
static const uint64_t stage_bound[] = {
    1000,   2500,    5000,    10000,   25000,    50000,    100000,   250000,
    500000, 1000000, 2500000, 5000000, 10000000, 25000000, 50000000, 100000000,
};
static const char *const stage_le[] = {
    "1e-06",  "2.5e-06", "5e-06",  "1e-05", "2.5e-05", "5e-05", "0.0001", "0.00025",
    "0.0005", "0.001",   "0.0025", "0.005", "0.01",    "0.025", "0.05",   "0.1",
};
static const struct layout stage_layout = {16, stage_bound, stage_le, 9};

/* Batch items; units are items. */
static const uint64_t batch_bound[] = {1, 2, 5, 10, 20, 50, 100};
static const char *const batch_le[] = {"1", "2", "5", "10", "20", "50", "100"};
static const struct layout batch_layout = {7, batch_bound, batch_le, 0};

/* ---- status codes ---- */

#define N_STATUS 20
static const char *const status_name[N_STATUS] = {
    "200", "201", "204", "304", "400", "401", "403", "404", "405", "408",
    "413", "414", "415", "422", "429", "431", "500", "503", "505", "other",
};

static int status_index(int status)
{
    switch (status) {
    case 200: return 0;
    case 201: return 1;
    case 204: return 2;
    case 304: return 3;
    case 400: return 4;
    case 401: return 5;
    case 403: return 6;
    case 404: return 7;
    case 405: return 8;
    case 408: return 9;
    case 413: return 10;
    case 414: return 11;
    case 415: return 12;
    case 422: return 13;
    case 429: return 14;
    case 431: return 15;
    case 500: return 16;
    case 503: return 17;
    case 505: return 18;
    default: return 19;
    }
}

/* ---- registry ---- */

struct histo {
    atomic_uint_fast64_t bucket[MAX_BUCKETS]; /* not cumulative; [n] is +Inf */
    atomic_uint_fast64_t sum;                 /* in layout units */
};

struct metrics {
    int n_endpoints, n_stages;
    char **endpoint_label;          /* `endpoint="kundli"`, escaped */
    char **stage_label;             /* `stage="ephemeris"` */
    struct histo *latency;          /* [n_endpoints] */
    atomic_uint_fast64_t *requests; /* [n_endpoints][N_STATUS] */
    struct histo *stage;            /* [n_stages] */
    struct histo batch;
    atomic_uint_fast64_t log_dropped; /* access-log lines the sink had no room for */
    atomic_uint_fast64_t diag_dropped; /* diagnostic (stderr) lines likewise */
    atomic_uint_fast64_t conn_closed[CONN_CLOSE_COUNT]; /* closed by kundlid, by reason */
    atomic_uint_fast64_t conn_refused; /* closed by libmicrohttpd at a limit */
    atomic_uint_fast64_t overloaded;   /* compute requests refused by admission */
    atomic_llong queue_depth;          /* jobs waiting in the compute queue */
    atomic_llong held_bytes;           /* response memory held (service_hold) */
    atomic_int streams;                /* open on stream_port (duplex.c) */
    atomic_int pool_open, pool_idle, pool_waiting; /* the store's connection pool */
    atomic_uint_fast64_t unfinished;   /* requests cut off when the drain ended */
    atomic_uint_fast64_t alerts[ALERT_METRIC_COUNT][2]; /* [metric][firing] */
    atomic_uint_fast64_t webhook[WEBHOOK_OUTCOME_COUNT];
    atomic_uint_fast64_t redis[REDIS_EVENT_COUNT]; /* L2 cache events */
    pthread_mutex_t sampler_lock; /* guards sampler, used by metrics_render */
    struct resources sampler;
};

static void histo_init(struct histo *h)
{
    for (int i = 0; i < MAX_BUCKETS; i++)
        atomic_init(&h->bucket[i], 0);
    atomic_init(&h->sum, 0);
}

static void histo_observe(struct histo *h, const struct layout *l, uint64_t v)
{
    int i = 0;
    while (i < l->n && v > l->bound[i])
        i++;
    atomic_fetch_add_explicit(&h->bucket[i], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&h->sum, v, memory_order_relaxed);
}

/* Seconds to whole nanoseconds, rounded; negative and NaN give 0. */
static uint64_t to_ns(double seconds)
{
    if (!(seconds > 0))
        return 0;
    if (seconds >= 1.8e10) /* 570 years: keeps the product below 2^64 */
        return UINT64_C(18000000000000000000);
    return (uint64_t)(seconds * 1e9 + 0.5);
}

/* `key="value"` with \ " and newline escaped as the exposition format asks. */
static char *make_label(const char *key, const char *value)
{
    size_t klen = strlen(key), vlen = strlen(value);
    char *s = xmalloc(klen + 2 * vlen + 4);
    char *p = s;
    memcpy(p, key, klen);
    p += klen;
    *p++ = '=';
    *p++ = '"';
    for (const char *v = value; *v; v++) {
        if (*v == '\\' || *v == '"') {
            *p++ = '\\';
            *p++ = *v;
        } else if (*v == '\n') {
            *p++ = '\\';
            *p++ = 'n';
        } else {
            *p++ = *v;
        }
    }
    *p++ = '"';
    *p = '\0';
    return s;
}

struct metrics *metrics_create(const char *const *endpoints, int n_endpoints,
                               const char *const *stages, int n_stages)
{
    struct metrics *m = xcalloc(1, sizeof *m);
    m->n_endpoints = n_endpoints > 0 ? n_endpoints : 0;
    m->n_stages = n_stages > 0 ? n_stages : 0;
    size_t ne = (size_t)m->n_endpoints, ns = (size_t)m->n_stages;
    m->endpoint_label = xcalloc(ne, sizeof *m->endpoint_label);
    m->latency = xcalloc(ne, sizeof *m->latency);
    m->requests = xcalloc(ne * N_STATUS, sizeof *m->requests);
    for (size_t i = 0; i < ne; i++) {
        m->endpoint_label[i] = make_label("endpoint", endpoints[i]);
        histo_init(&m->latency[i]);
        for (size_t j = 0; j < N_STATUS; j++)
            atomic_init(&m->requests[i * N_STATUS + j], 0);
    }
    m->stage_label = xcalloc(ns, sizeof *m->stage_label);
    m->stage = xcalloc(ns, sizeof *m->stage);
    for (size_t i = 0; i < ns; i++) {
        m->stage_label[i] = stages[i] ? make_label("stage", stages[i]) : NULL;
        histo_init(&m->stage[i]);
    }
    histo_init(&m->batch);
    atomic_init(&m->log_dropped, 0);
    atomic_init(&m->diag_dropped, 0);
    for (int i = 0; i < CONN_CLOSE_COUNT; i++)
        atomic_init(&m->conn_closed[i], 0);
    atomic_init(&m->conn_refused, 0);
    atomic_init(&m->overloaded, 0);
    atomic_init(&m->queue_depth, 0);
    atomic_init(&m->held_bytes, 0);
    atomic_init(&m->streams, 0);
    atomic_init(&m->pool_open, 0);
    atomic_init(&m->pool_idle, 0);
    atomic_init(&m->pool_waiting, 0);
    atomic_init(&m->unfinished, 0);
    for (int i = 0; i < ALERT_METRIC_COUNT; i++)
        for (int j = 0; j < 2; j++)
            atomic_init(&m->alerts[i][j], 0);
    for (int i = 0; i < WEBHOOK_OUTCOME_COUNT; i++)
        atomic_init(&m->webhook[i], 0);
    for (int i = 0; i < REDIS_EVENT_COUNT; i++)
        atomic_init(&m->redis[i], 0);
    pthread_mutex_init(&m->sampler_lock, NULL);
    resources_init(&m->sampler, NULL, NULL);
    return m;
}

void metrics_destroy(struct metrics *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n_endpoints; i++)
        free(m->endpoint_label[i]);
    for (int i = 0; i < m->n_stages; i++)
        free(m->stage_label[i]);
    free(m->endpoint_label);
    free(m->stage_label);
    free(m->latency);
    free(m->requests);
    free(m->stage);
    pthread_mutex_destroy(&m->sampler_lock);
    free(m);
}

void metrics_observe_request(struct metrics *m, int endpoint, int status, double seconds)
{
    if (endpoint < 0 || endpoint >= m->n_endpoints)
        return;
    histo_observe(&m->latency[endpoint], &latency_layout, to_ns(seconds));
    atomic_fetch_add_explicit(&m->requests[(size_t)endpoint * N_STATUS + status_index(status)], 1,
                              memory_order_relaxed);
}

void metrics_observe_batch(struct metrics *m, int size)
{
    histo_observe(&m->batch, &batch_layout, size > 0 ? (uint64_t)size : 0);
}

void metrics_observe_log_drop(struct metrics *m)
{
    atomic_fetch_add_explicit(&m->log_dropped, 1, memory_order_relaxed);
}

void metrics_observe_diag_drop(struct metrics *m)
{
    atomic_fetch_add_explicit(&m->diag_dropped, 1, memory_order_relaxed);
}

void metrics_observe_conn_close(struct metrics *m, int reason)
{
    if (reason >= 0 && reason < CONN_CLOSE_COUNT)
        atomic_fetch_add_explicit(&m->conn_closed[reason], 1, memory_order_relaxed);
}

void metrics_observe_conn_refused(struct metrics *m)
{
    atomic_fetch_add_explicit(&m->conn_refused, 1, memory_order_relaxed);
}

void metrics_observe_overloaded(struct metrics *m)
{
    atomic_fetch_add_explicit(&m->overloaded, 1, memory_order_relaxed);
}

void metrics_observe_redis(struct metrics *m, int event)
{
    if (event >= 0 && event < REDIS_EVENT_COUNT)
        atomic_fetch_add_explicit(&m->redis[event], 1, memory_order_relaxed);
}

void metrics_queue_depth_add(struct metrics *m, int delta)
{
    atomic_fetch_add_explicit(&m->queue_depth, delta, memory_order_relaxed);
}

void metrics_set_store_pool(struct metrics *m, int open, int idle, int waiting)
{
    atomic_store_explicit(&m->pool_open, open, memory_order_relaxed);
    atomic_store_explicit(&m->pool_idle, idle, memory_order_relaxed);
    atomic_store_explicit(&m->pool_waiting, waiting, memory_order_relaxed);
}

void metrics_streams_add(struct metrics *m, int delta)
{
    atomic_fetch_add_explicit(&m->streams, delta, memory_order_relaxed);
}

void metrics_held_bytes_add(struct metrics *m, long long delta)
{
    atomic_fetch_add_explicit(&m->held_bytes, delta, memory_order_relaxed);
}

void metrics_observe_unfinished(struct metrics *m, int n)
{
    if (n > 0)
        atomic_fetch_add_explicit(&m->unfinished, (uint64_t)n, memory_order_relaxed);
}

void metrics_observe_alert(struct metrics *m, int metric, bool firing)
{
    if (metric >= 0 && metric < ALERT_METRIC_COUNT)
        atomic_fetch_add_explicit(&m->alerts[metric][firing ? 1 : 0], 1, memory_order_relaxed);
}

void metrics_observe_webhook(struct metrics *m, int outcome)
{
    if (outcome >= 0 && outcome < WEBHOOK_OUTCOME_COUNT)
        atomic_fetch_add_explicit(&m->webhook[outcome], 1, memory_order_relaxed);
}

const double *metrics_latency_bounds(void)
{
    return latency_seconds;
}

void metrics_totals(struct metrics *m, struct metrics_totals *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < m->n_endpoints; i++) {
        for (int b = 0; b <= METRICS_LATENCY_BUCKETS; b++)
            out->latency[b] += atomic_load_explicit(&m->latency[i].bucket[b], memory_order_relaxed);
        for (int j = 0; j < N_STATUS; j++) {
            uint64_t n = atomic_load_explicit(&m->requests[(size_t)i * N_STATUS + (size_t)j],
                                              memory_order_relaxed);
            out->requests += n;
            if (status_name[j][0] == '4')
                out->status_4xx += n;
            else if (status_name[j][0] == '5')
                out->status_5xx += n;
        }
    }
}

void metrics_observe_stage(struct metrics *m, int stage, double seconds)
{
    if (stage < 0 || stage >= m->n_stages || !m->stage_label[stage])
        return;
    histo_observe(&m->stage[stage], &stage_layout, to_ns(seconds));
}

/* ---- rendering ---- */

struct out {
    char *p;
    size_t len, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        while (o->len + n + 1 > o->cap)
            o->cap *= 2;
        o->p = xrealloc(o->p, o->cap);
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

#define PUTS(o, lit) put((o), (lit), sizeof(lit) - 1)

static void put_str(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_u64(struct out *o, uint64_t v)
{
    char tmp[20];
    int i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, tmp + i, sizeof tmp - (size_t)i);
}

/* v * 10^-decimals, without trailing zeros: (1500, 3) -> "1.5". */
static void put_scaled(struct out *o, uint64_t v, int decimals)
{
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    put_u64(o, v / scale);
    uint64_t frac = v % scale;
    if (!frac)
        return;
    char tmp[24];
    int n = decimals;
    while (frac % 10 == 0) {
        frac /= 10;
        n--;
    }
    tmp[0] = '.';
    for (int i = n; i > 0; i--) {
        tmp[i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    put(o, tmp, (size_t)n + 1);
}

/* A gauge value, rounded to `decimals` places. */
static void put_double(struct out *o, double v, int decimals)
{
    double scale = pow(10, decimals);
    if (isfinite(v) && v >= 0 && v * scale < 9e15) {
        put_scaled(o, (uint64_t)llround(v * scale), decimals);
    } else if (isnan(v)) {
        PUTS(o, "NaN");
    } else if (isinf(v)) {
        put_str(o, v > 0 ? "+Inf" : "-Inf");
    } else {
        char tmp[32];
        int n = snprintf(tmp, sizeof tmp, "%.17g", v);
        put(o, tmp, (size_t)n);
    }
}

static void put_header(struct out *o, const char *name, const char *type, const char *help)
{
    PUTS(o, "# HELP ");
    put_str(o, name);
    PUTS(o, " ");
    put_str(o, help);
    PUTS(o, "\n# TYPE ");
    put_str(o, name);
    PUTS(o, " ");
    put_str(o, type);
    PUTS(o, "\n");
}

/* name{label} value, or name value when label is NULL. */
static void put_sample(struct out *o, const char *name, const char *label, uint64_t v)
{
    put_str(o, name);
    if (label) {
        PUTS(o, "{");
        put_str(o, label);
        PUTS(o, "}");
    }
    PUTS(o, " ");
    put_u64(o, v);
    PUTS(o, "\n");
}

static void put_histo(struct out *o, const char *name, const char *label, const struct layout *l,
                      const struct histo *h)
{
    uint64_t cum = 0;
    for (int i = 0; i <= l->n; i++) {
        cum += atomic_load_explicit(&h->bucket[i], memory_order_relaxed);
        put_str(o, name);
        PUTS(o, "_bucket{");
        if (label) {
            put_str(o, label);
            PUTS(o, ",");
        }
        PUTS(o, "le=\"");
        put_str(o, i < l->n ? l->le[i] : "+Inf");
        PUTS(o, "\"} ");
        put_u64(o, cum);
        PUTS(o, "\n");
    }
    put_str(o, name);
    PUTS(o, "_sum");
    if (label) {
        PUTS(o, "{");
        put_str(o, label);
        PUTS(o, "}");
    }
    PUTS(o, " ");
    put_scaled(o, atomic_load_explicit(&h->sum, memory_order_relaxed), l->decimals);
    PUTS(o, "\n");
    put_str(o, name);
    PUTS(o, "_count");
    if (label) {
        PUTS(o, "{");
        put_str(o, label);
        PUTS(o, "}");
    }
    PUTS(o, " ");
    put_u64(o, cum);
    PUTS(o, "\n");
}

static uint64_t redis_count(struct metrics *m, int event)
{
    return atomic_load_explicit(&m->redis[event], memory_order_relaxed);
}

/* The L1 figures, the L2 (Redis) lookups beside them, and Redis's faults. */
static void render_cache(struct out *o, struct metrics *m, const struct cache_stats *s)
{
    static const char level[] = "level=\"l1\"";
    static const char l2[] = "level=\"l2\"", l2_list[] = "level=\"l2_list\"";
    put_header(o, "cache_hits_total", "counter", "Cache lookups that found a live entry.");
    put_sample(o, "cache_hits_total", level, s->hits);
    put_sample(o, "cache_hits_total", l2, redis_count(m, REDIS_HIT));
    put_sample(o, "cache_hits_total", l2_list, redis_count(m, REDIS_LIST_HIT));
    put_header(o, "cache_misses_total", "counter",
               "Cache lookups that found no live entry (absent or expired).");
    put_sample(o, "cache_misses_total", level, s->misses);
    put_sample(o, "cache_misses_total", l2, redis_count(m, REDIS_MISS));
    put_sample(o, "cache_misses_total", l2_list, redis_count(m, REDIS_LIST_MISS));
    put_header(o, "cache_evictions_total", "counter",
               "Entries dropped to keep the cache within its memory bound.");
    put_sample(o, "cache_evictions_total", level, s->evictions);
    put_header(o, "cache_expirations_total", "counter",
               "Entries dropped because their TTL ran out.");
    put_sample(o, "cache_expirations_total", level, s->expirations);
    put_header(o, "cache_inserts_total", "counter", "Entries stored (new or replacing).");
    put_sample(o, "cache_inserts_total", level, s->inserts);
    put_header(o, "cache_bytes", "gauge", "Bytes the cache holds, entries and tables.");
    put_sample(o, "cache_bytes", level, s->bytes);
    put_header(o, "cache_entries", "gauge", "Entries the cache holds.");
    put_sample(o, "cache_entries", level, s->entries);
    put_header(o, "cache_redis_errors_total", "counter",
               "Redis connects and commands that failed (the request computed instead).");
    put_sample(o, "cache_redis_errors_total", NULL, redis_count(m, REDIS_ERROR));
    put_header(o, "cache_redis_timeouts_total", "counter",
               "Redis connects and commands that ran out of redis_timeout_ms (also errors).");
    put_sample(o, "cache_redis_timeouts_total", NULL, redis_count(m, REDIS_TIMEOUT));
    put_header(o, "cache_redis_invalidations_total", "counter",
               "Saved-chart writes announced on Redis pub/sub and received here.");
    put_sample(o, "cache_redis_invalidations_total", NULL, redis_count(m, REDIS_INVALIDATION));
}

static void render_resources(struct out *o, const struct resource_sample *r)
{
    static const char *const type[6] = {"cpu",     "memory",      "disk",
                                        "disk_io", "process_cpu", "process_memory"};
    const double pct[6] = {r->cpu_percent,     r->memory_percent,      r->disk_percent,
                           r->disk_io_percent, r->process_cpu_percent, r->process_memory_percent};
    put_header(o, "resource_usage_percent", "gauge", "Resource usage percentage.");
    for (int i = 0; i < 6; i++) {
        if (pct[i] < 0)
            continue; /* could not be read */
        PUTS(o, "resource_usage_percent{resource_type=\"");
        put_str(o, type[i]);
        PUTS(o, "\"} ");
        put_double(o, pct[i], 3);
        PUTS(o, "\n");
    }
    put_header(o, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    put_sample(o, "process_resident_memory_bytes", NULL, r->rss_bytes);
    put_header(o, "process_cpu_seconds_total", "counter",
               "Total user and system CPU time spent in seconds.");
    PUTS(o, "process_cpu_seconds_total ");
    put_double(o, r->process_cpu_seconds, 3);
    PUTS(o, "\n");
    put_header(o, "process_open_fds", "gauge", "Number of open file descriptors.");
    put_sample(o, "process_open_fds", NULL, r->open_fds);
    put_header(o, "network_receive_bytes_total", "counter",
               "Bytes received by the host's network interfaces except lo.");
    put_sample(o, "network_receive_bytes_total", NULL, r->net_rx_bytes);
    put_header(o, "network_transmit_bytes_total", "counter",
               "Bytes sent by the host's network interfaces except lo.");
    put_sample(o, "network_transmit_bytes_total", NULL, r->net_tx_bytes);
}

char *metrics_render_sample(struct metrics *m, const struct cache_stats *l1,
                            const struct resource_sample *res, size_t *len)
{
    size_t lines = (size_t)m->n_endpoints * (MAX_BUCKETS + 2 + N_STATUS) +
                   (size_t)m->n_stages * (MAX_BUCKETS + 2) + 128;
    struct out o = {NULL, 0, 4096 + lines * 96};
    o.p = xmalloc(o.cap);

    put_header(&o, "request_latency_seconds", "histogram", "Request latency in seconds.");
    for (int i = 0; i < m->n_endpoints; i++)
        put_histo(&o, "request_latency_seconds", m->endpoint_label[i], &latency_layout,
                  &m->latency[i]);

    put_header(&o, "request_count_total", "counter", "Total request count.");
    for (int i = 0; i < m->n_endpoints; i++) {
        for (int j = 0; j < N_STATUS; j++) {
            PUTS(&o, "request_count_total{");
            put_str(&o, m->endpoint_label[i]);
            PUTS(&o, ",status=\"");
            put_str(&o, status_name[j]);
            PUTS(&o, "\"} ");
            put_u64(&o, atomic_load_explicit(&m->requests[(size_t)i * N_STATUS + (size_t)j],
                                             memory_order_relaxed));
            PUTS(&o, "\n");
        }
    }

    put_header(&o, "batch_size", "histogram", "Items per batch request.");
    put_histo(&o, "batch_size", NULL, &batch_layout, &m->batch);

    put_header(&o, "access_log_lines_dropped_total", "counter",
               "Access-log lines dropped because the log reader fell behind.");
    PUTS(&o, "access_log_lines_dropped_total ");
    put_u64(&o, atomic_load_explicit(&m->log_dropped, memory_order_relaxed));
    PUTS(&o, "\n");
    put_header(&o, "log_lines_dropped_total", "counter",
               "Log lines dropped because the stream's reader fell behind.");
    PUTS(&o, "log_lines_dropped_total{stream=\"stdout\"} ");
    put_u64(&o, atomic_load_explicit(&m->log_dropped, memory_order_relaxed));
    PUTS(&o, "\nlog_lines_dropped_total{stream=\"stderr\"} ");
    put_u64(&o, atomic_load_explicit(&m->diag_dropped, memory_order_relaxed));
    PUTS(&o, "\n");
    put_header(&o, "connections_closed_total", "counter",
               "Connections kundlid closed itself, by reason.");
    PUTS(&o, "connections_closed_total{reason=\"header_timeout\"} ");
    put_u64(&o, atomic_load_explicit(&m->conn_closed[CONN_CLOSE_HEADER_TIMEOUT],
                                     memory_order_relaxed));
    PUTS(&o, "\nconnections_closed_total{reason=\"idle_reserve\"} ");
    put_u64(&o, atomic_load_explicit(&m->conn_closed[CONN_CLOSE_IDLE_RESERVE],
                                     memory_order_relaxed));
    PUTS(&o, "\nconnections_closed_total{reason=\"reserve_slow\"} ");
    put_u64(&o, atomic_load_explicit(&m->conn_closed[CONN_CLOSE_RESERVE_SLOW],
                                     memory_order_relaxed));
    PUTS(&o, "\n");
    put_header(&o, "connections_refused_total", "counter",
               "Connections closed at once because a connection limit was reached.");
    PUTS(&o, "connections_refused_total ");
    put_u64(&o, atomic_load_explicit(&m->conn_refused, memory_order_relaxed));
    PUTS(&o, "\n");
    put_header(&o, "work_queue_depth", "gauge",
               "Compute requests waiting in the work queue for a worker thread.");
    PUTS(&o, "work_queue_depth ");
    long long depth = atomic_load_explicit(&m->queue_depth, memory_order_relaxed);
    put_u64(&o, depth > 0 ? (uint64_t)depth : 0);
    PUTS(&o, "\n");
    put_header(&o, "response_bytes_held", "gauge",
               "Response memory reserved or held by requests (max_inflight_bytes budget).");
    PUTS(&o, "response_bytes_held ");
    long long held = atomic_load_explicit(&m->held_bytes, memory_order_relaxed);
    put_u64(&o, held > 0 ? (uint64_t)held : 0);
    PUTS(&o, "\n");
    put_header(&o, "stream_port_streams", "gauge",
               "Both-ways streams open on stream_port (at most stream_connections).");
    PUTS(&o, "stream_port_streams ");
    int streams = atomic_load_explicit(&m->streams, memory_order_relaxed);
    put_u64(&o, streams > 0 ? (uint64_t)streams : 0);
    PUTS(&o, "\n");
    put_header(&o, "store_pool_connections", "gauge",
               "The store's database connections, open and idle (SQLite: readers).");
    PUTS(&o, "store_pool_connections{state=\"open\"} ");
    put_u64(&o, (uint64_t)atomic_load_explicit(&m->pool_open, memory_order_relaxed));
    PUTS(&o, "\nstore_pool_connections{state=\"idle\"} ");
    put_u64(&o, (uint64_t)atomic_load_explicit(&m->pool_idle, memory_order_relaxed));
    PUTS(&o, "\n");
    put_header(&o, "store_pool_waiting", "gauge",
               "Requests waiting for a free store connection (db_wait_ms, then store_busy).");
    PUTS(&o, "store_pool_waiting ");
    put_u64(&o, (uint64_t)atomic_load_explicit(&m->pool_waiting, memory_order_relaxed));
    PUTS(&o, "\n");
    put_header(&o, "overloaded_requests_total", "counter",
               "Compute requests refused with 503 overloaded by queue or memory admission.");
    PUTS(&o, "overloaded_requests_total ");
    put_u64(&o, atomic_load_explicit(&m->overloaded, memory_order_relaxed));
    PUTS(&o, "\n");
    put_header(&o, "shutdown_unfinished_requests_total", "counter",
               "Requests still unfinished when the drain after SIGTERM ended.");
    PUTS(&o, "shutdown_unfinished_requests_total ");
    put_u64(&o, atomic_load_explicit(&m->unfinished, memory_order_relaxed));
    PUTS(&o, "\n");

    put_header(&o, "alerts_total", "counter",
               "Alerts of the resource monitor, by metric and state (firing, resolved).");
    for (int i = 0; i < ALERT_METRIC_COUNT; i++) {
        for (int j = 1; j >= 0; j--) {
            PUTS(&o, "alerts_total{metric=\"");
            put_str(&o, alerts_metric_name(i));
            put_str(&o, j ? "\",state=\"firing\"} " : "\",state=\"resolved\"} ");
            put_u64(&o, atomic_load_explicit(&m->alerts[i][j], memory_order_relaxed));
            PUTS(&o, "\n");
        }
    }
    static const char *const webhook_name[WEBHOOK_OUTCOME_COUNT] = {
        "webhook_sent_total", "webhook_failures_total", "webhook_dropped_total"};
    static const char *const webhook_help[WEBHOOK_OUTCOME_COUNT] = {
        "Alerts the webhook accepted (2xx).",
        "Alerts not delivered to the webhook after every try.",
        "Alerts dropped because the webhook's queue was full."};
    for (int i = 0; i < WEBHOOK_OUTCOME_COUNT; i++) {
        put_header(&o, webhook_name[i], "counter", webhook_help[i]);
        put_sample(&o, webhook_name[i], NULL,
                   atomic_load_explicit(&m->webhook[i], memory_order_relaxed));
    }

    put_header(&o, "engine_stage_seconds", "histogram",
               "Time of one engine stage for one chart, in seconds.");
    for (int i = 0; i < m->n_stages; i++)
        if (m->stage_label[i])
            put_histo(&o, "engine_stage_seconds", m->stage_label[i], &stage_layout, &m->stage[i]);

    if (l1)
        render_cache(&o, m, l1);
    if (res)
        render_resources(&o, res);
    o.p[o.len] = '\0';
    *len = o.len;
    return o.p;
}

char *metrics_render(struct metrics *m, const struct cache_stats *l1, size_t *len)
{
    struct resource_sample res;
    pthread_mutex_lock(&m->sampler_lock);
    resources_sample(&m->sampler, &res); /* unreadable percentages are left out */
    pthread_mutex_unlock(&m->sampler_lock);
    return metrics_render_sample(m, l1, &res, len);
}
