/* monitor.c - the resource monitor's thread (see monitor.h). Each tick:
 * sample, store the sample, feed the alert rules, report transitions,
 * and once a minute delete what is older than the retention.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/monitor.h"

#include "app/mem.h"
#include "service/alerts.h"
#include "service/metrics.h"
#include "service/resources.h"
#include "service/storage.h"
#include "service/timefmt.h"
#include "service/webhook.h"
#include "store/store.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PRUNE_PERIOD_S 60.0 /* retention runs at most this often */

struct monitor {
    struct service *svc;
    char instance[STORE_INSTANCE_MAX + 1];
    struct resources res;
    struct alerts alerts;
    struct metrics_totals prev; /* the request counters at the previous tick */
    bool first;                 /* the next tick is the first */
    bool store_failing;         /* the last store call failed (logged once) */
    double last_prune;          /* monotonic seconds; 0: never */
    struct webhook *webhook;    /* NULL: no alert_webhook */
    pthread_mutex_t mu;
    pthread_cond_t wake;
    bool stop;
    pthread_t thread;
};

/* A store call's outcome: logs the first failure of a run of them and the
 * recovery, and lets /readyz know of an unavailable store. */
static void note_store(struct monitor *m, int rc, const struct error *err)
{
    storage_note(m->svc, rc);
    if (rc != 0 && !m->store_failing)
        service_diag(m->svc,
                     "{\"level\":\"warn\",\"msg\":\"monitor: not stored\",\"reason\":\"%.120s\"}",
                     err->message);
    else if (rc == 0 && m->store_failing)
        service_diag(m->svc, "{\"level\":\"info\",\"msg\":\"monitor: storing again\"}");
    m->store_failing = rc != 0;
}

/* Logs, counts, stores and posts one alert transition. */
static void report(struct monitor *m, const struct alert_event *ev, int64_t ts,
                   struct store *st)
{
    const char *metric = alerts_metric_name(ev->metric);
    const char *state = ev->firing ? "firing" : "resolved";
    char when[32], body[WEBHOOK_BODY_MAX];
    timefmt_rfc3339(ts, when);
    /* the instance is our own "host:port", with no character to escape
     * but in a strange host name, which is cut at the first such one */
    char inst[STORE_INSTANCE_MAX + 1];
    size_t n = strcspn(m->instance, "\"\\");
    snprintf(inst, sizeof inst, "%.*s", (int)n, m->instance);
    int len = snprintf(body, sizeof body,
                       "{\"metric\":\"%s\",\"value\":%.10g,\"threshold\":%.10g,"
                       "\"timestamp\":\"%s\",\"state\":\"%s\",\"instance\":\"%s\"}",
                       metric, ev->value, ev->threshold, when, state, inst);
    service_diag(m->svc, "{\"level\":\"%s\",\"msg\":\"alert\",\"alert\":%s}",
                 ev->firing ? "warn" : "info", body);
    metrics_observe_alert(m->svc->metrics, ev->metric, ev->firing);
    if (m->webhook && len > 0 && (size_t)len < sizeof body)
        webhook_post(m->webhook, body, (size_t)len);
    if (st) {
        struct store_alert a = {.ts = ts, .value = ev->value, .threshold = ev->threshold};
        snprintf(a.instance, sizeof a.instance, "%s", m->instance);
        snprintf(a.metric, sizeof a.metric, "%s", metric);
        snprintf(a.state, sizeof a.state, "%s", state);
        struct error err;
        err_clear(&err);
        note_store(m, store_alert_insert(st, &a, &err), &err);
    }
}

static double known(double percent)
{
    return percent < 0 ? NAN : percent;
}

static void tick(struct monitor *m)
{
    struct service *s = m->svc;
    struct resource_sample r;
    resources_sample(&m->res, &r); /* what could not be read is -1 */
    struct metrics_totals now;
    metrics_totals(s->metrics, &now);
    uint64_t lat[METRICS_LATENCY_BUCKETS + 1];
    for (int i = 0; i <= METRICS_LATENCY_BUCKETS; i++)
        lat[i] = now.latency[i] - m->prev.latency[i];
    uint64_t requests = now.requests - m->prev.requests;
    double v[ALERT_METRIC_COUNT];
    /* the first CPU figure is since boot, not of an interval */
    v[ALERT_CPU] = m->first ? NAN : known(r.cpu_percent);
    v[ALERT_MEMORY] = known(r.memory_percent);
    v[ALERT_DISK_IO] = known(r.disk_io_percent);
    v[ALERT_P95] = alerts_quantile(lat, metrics_latency_bounds(), METRICS_LATENCY_BUCKETS, 0.95);
    v[ALERT_P99] = alerts_quantile(lat, metrics_latency_bounds(), METRICS_LATENCY_BUCKETS, 0.99);
    v[ALERT_5XX_RATE] = v[ALERT_4XX_RATE] = NAN; /* only when there were requests */
    if (requests > 0) {
        v[ALERT_5XX_RATE] = 100.0 * (double)(now.status_5xx - m->prev.status_5xx) / (double)requests;
        v[ALERT_4XX_RATE] = 100.0 * (double)(now.status_4xx - m->prev.status_4xx) / (double)requests;
    }
    m->prev = now;
    m->first = false;

    int64_t ts = timefmt_now_us();
    struct error err;
    err_clear(&err);
    struct store *st = storage_get(s, &err);
    if (st) {
        struct store_sample x = {
            .ts = ts,
            .cpu = r.cpu_percent,
            .memory = r.memory_percent,
            .disk = r.disk_percent,
            .disk_io = r.disk_io_percent,
            .process_cpu = r.process_cpu_percent,
            .process_memory = r.process_memory_percent,
            .p95 = isnan(v[ALERT_P95]) ? -1 : v[ALERT_P95],
            .p99 = isnan(v[ALERT_P99]) ? -1 : v[ALERT_P99],
            .rate_4xx = isnan(v[ALERT_4XX_RATE]) ? -1 : v[ALERT_4XX_RATE],
            .rate_5xx = isnan(v[ALERT_5XX_RATE]) ? -1 : v[ALERT_5XX_RATE],
            .rss_bytes = (int64_t)r.rss_bytes,
            .net_rx_bytes = (int64_t)r.net_rx_bytes,
            .net_tx_bytes = (int64_t)r.net_tx_bytes,
            .requests = (int64_t)requests,
        };
        snprintf(x.instance, sizeof x.instance, "%s", m->instance);
        int rc = store_sample_insert(st, &x, &err);
        note_store(m, rc, &err);
        if (rc == ERR_STORE_UNAVAILABLE)
            st = NULL; /* no alert rows either this time */
    }

    double mono = service_now();
    for (int i = 0; i < ALERT_METRIC_COUNT; i++) {
        struct alert_event ev;
        if (alerts_observe(&m->alerts, i, v[i], mono, &ev))
            report(m, &ev, ts, st);
    }

    if (st && (m->last_prune == 0 || mono - m->last_prune >= PRUNE_PERIOD_S)) {
        m->last_prune = mono;
        int64_t keep = (int64_t)s->cfg.monitor_retention_hours * 3600 * 1000000;
        err_clear(&err);
        note_store(m, store_monitor_prune(st, ts - keep, NULL, &err), &err);
    }
}

static void *run(void *arg)
{
    struct monitor *m = arg;
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    pthread_mutex_lock(&m->mu);
    while (!m->stop) {
        pthread_mutex_unlock(&m->mu);
        tick(m);
        pthread_mutex_lock(&m->mu);
        /* fixed steps from the start, so ticks do not drift by their cost;
         * after a long stall, the next step from now */
        next.tv_sec += m->svc->cfg.monitor_interval;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (next.tv_sec < now.tv_sec)
            next = now;
        while (!m->stop && pthread_cond_timedwait(&m->wake, &m->mu, &next) == 0)
            ;
    }
    pthread_mutex_unlock(&m->mu);
    return NULL;
}

void monitor_start(struct service *s, const char *instance)
{
    const struct config *cfg = &s->cfg;
    if (cfg->monitor_interval <= 0)
        return;
    struct monitor *m = xcalloc(1, sizeof *m);
    m->svc = s;
    snprintf(m->instance, sizeof m->instance, "%s", instance);
    resources_init(&m->res, NULL, NULL);
    const double thresholds[ALERT_METRIC_COUNT] = {
        [ALERT_CPU] = cfg->alert_cpu,         [ALERT_MEMORY] = cfg->alert_memory,
        [ALERT_DISK_IO] = cfg->alert_disk_io, [ALERT_P95] = cfg->alert_p95,
        [ALERT_P99] = cfg->alert_p99,         [ALERT_5XX_RATE] = cfg->alert_5xx_rate,
        [ALERT_4XX_RATE] = cfg->alert_4xx_rate,
    };
    alerts_init(&m->alerts, thresholds, cfg->alert_repeat_s);
    m->first = true;
    if (cfg->alert_webhook[0])
        m->webhook = webhook_start(cfg->alert_webhook, cfg->alert_webhook_timeout_ms, s->metrics);
    pthread_mutex_init(&m->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&m->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&m->thread, NULL, run, m) != 0) {
        fputs("kundlid: cannot start the monitor thread\n", stderr);
        abort();
    }
    s->monitor = m;
}

void monitor_stop(struct service *s)
{
    struct monitor *m = s->monitor;
    if (!m)
        return;
    pthread_mutex_lock(&m->mu);
    m->stop = true;
    pthread_cond_signal(&m->wake);
    pthread_mutex_unlock(&m->mu);
    pthread_join(m->thread, NULL);
    webhook_stop(m->webhook);
    pthread_cond_destroy(&m->wake);
    pthread_mutex_destroy(&m->mu);
    free(m);
    s->monitor = NULL;
}
