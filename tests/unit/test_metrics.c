/* test_metrics.c - the Prometheus registry: exact exposition lines after a
 * known sequence of observations (cumulative buckets, _sum, _count, status
 * codes, label escaping), exact counts from 2 threads, render speed, and
 * resources_sample() on a fixture /proc with known values and on the real one.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "common/err.h"
#include "service/metrics.h"
#include "service/resources.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static const char *const endpoints[] = {"kundli", "batch", "match", "we\"ird\\"};
static const char *const stages[] = {"time", "ephemeris"};

/* Asserts that text has `line` as a whole line. */
static void has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = strstr(text, line); p; p = strstr(p + 1, line)) {
        if ((p == text || p[-1] == '\n') && p[n] == '\n')
            return;
    }
    fail_msg("missing line: %s", line);
}

static void lacks(const char *text, const char *fragment)
{
    if (strstr(text, fragment))
        fail_msg("unexpected: %s", fragment);
}

static void test_render_exact(void **state)
{
    (void)state;
    struct metrics *m = metrics_create(endpoints, 4, stages, 2);
    metrics_observe_request(m, 0, 200, 0.0001); /* on the bound: le="0.0001" */
    metrics_observe_request(m, 0, 200, 0.003);
    metrics_observe_request(m, 0, 200, 0.7);
    metrics_observe_request(m, 0, 422, 0.00005);
    metrics_observe_request(m, 0, 999, 10.0); /* beyond 5 s and an unlisted status */
    metrics_observe_request(m, 3, 503, 0.5);
    metrics_observe_request(m, 4, 200, 1.0); /* no such endpoint: ignored */
    metrics_observe_request(m, -1, 200, 1.0);
    metrics_observe_batch(m, 1);
    metrics_observe_batch(m, 3);
    metrics_observe_batch(m, 100);
    metrics_observe_batch(m, 150);
    metrics_observe_log_drop(m);
    metrics_observe_diag_drop(m);
    metrics_observe_diag_drop(m);
    metrics_observe_unfinished(m, 3);
    metrics_observe_conn_close(m, CONN_CLOSE_HEADER_TIMEOUT);
    metrics_observe_conn_close(m, CONN_CLOSE_HEADER_TIMEOUT);
    metrics_observe_conn_close(m, CONN_CLOSE_IDLE_RESERVE);
    metrics_observe_conn_close(m, CONN_CLOSE_COUNT); /* ignored */
    metrics_observe_conn_refused(m);
    metrics_observe_overloaded(m);
    metrics_observe_overloaded(m);
    metrics_queue_depth_add(m, 3);
    metrics_queue_depth_add(m, -1);
    metrics_held_bytes_add(m, 300000);
    metrics_held_bytes_add(m, -4096);
    metrics_streams_add(m, 2);
    metrics_streams_add(m, -1);
    metrics_set_store_pool(m, 12, 9, 1);
    metrics_observe_alert(m, 6, true); /* 4xx_rate */
    metrics_observe_alert(m, 6, false);
    metrics_observe_alert(m, 0, true); /* cpu */
    metrics_observe_alert(m, 7, true); /* ignored */
    metrics_observe_webhook(m, WEBHOOK_SENT);
    metrics_observe_webhook(m, WEBHOOK_SENT);
    metrics_observe_webhook(m, WEBHOOK_FAILED);
    metrics_observe_webhook(m, WEBHOOK_DROPPED);
    metrics_observe_webhook(m, WEBHOOK_OUTCOME_COUNT); /* ignored */
    metrics_observe_unfinished(m, 0);
    metrics_observe_stage(m, 1, 0.0000012);
    metrics_observe_stage(m, 1, 0.0001);
    metrics_observe_stage(m, 1, 0.2);
    metrics_observe_stage(m, 2, 0.2); /* ignored */
    metrics_observe_redis(m, REDIS_HIT);
    metrics_observe_redis(m, REDIS_HIT);
    metrics_observe_redis(m, REDIS_MISS);
    metrics_observe_redis(m, REDIS_LIST_HIT);
    metrics_observe_redis(m, REDIS_LIST_MISS);
    metrics_observe_redis(m, REDIS_LIST_MISS);
    metrics_observe_redis(m, REDIS_LIST_MISS);
    metrics_observe_redis(m, REDIS_ERROR);
    metrics_observe_redis(m, REDIS_ERROR);
    metrics_observe_redis(m, REDIS_TIMEOUT);
    metrics_observe_redis(m, REDIS_INVALIDATION);
    metrics_observe_redis(m, REDIS_EVENT_COUNT); /* ignored */
    metrics_observe_redis(m, -1);                /* ignored */

    struct cache_stats cs = {.hits = 7,
                             .misses = 3,
                             .evictions = 2,
                             .expirations = 1,
                             .inserts = 5,
                             .bytes = 123456,
                             .entries = 2};
    struct resource_sample rs = {
        .cpu_percent = 12.5,
        .memory_percent = 50.123456,
        .disk_percent = -1,
        .rss_bytes = 5242880,
        .process_cpu_seconds = 4.25,
        .open_fds = 9,
        .net_rx_bytes = 1500,
        .net_tx_bytes = 2700,
        .disk_io_percent = 7.25,
        .process_cpu_percent = -1,
        .process_memory_percent = 0.0625,
    };
    size_t len;
    char *t = metrics_render_sample(m, &cs, &rs, &len);
    assert_int_equal(strlen(t), len);
    assert_int_equal(t[len - 1], '\n');

    has_line(t, "# HELP request_latency_seconds Request latency in seconds.");
    has_line(t, "# TYPE request_latency_seconds histogram");
    static const char *const kundli_buckets[] = {
        "0.0001\"} 2", "0.00025\"} 2", "0.0005\"} 2", "0.001\"} 2", "0.0025\"} 2", "0.005\"} 3",
        "0.01\"} 3",   "0.025\"} 3",   "0.05\"} 3",   "0.1\"} 3",   "0.25\"} 3",   "0.5\"} 3",
        "1\"} 4",      "2.5\"} 4",     "5\"} 4",      "+Inf\"} 5",
    };
    for (size_t i = 0; i < sizeof kundli_buckets / sizeof *kundli_buckets; i++) {
        char line[128];
        snprintf(line, sizeof line, "request_latency_seconds_bucket{endpoint=\"kundli\",le=\"%s",
                 kundli_buckets[i]);
        has_line(t, line);
    }
    /* 0.0001 + 0.003 + 0.7 + 0.00005 + 10 */
    has_line(t, "request_latency_seconds_sum{endpoint=\"kundli\"} 10.70315");
    has_line(t, "request_latency_seconds_count{endpoint=\"kundli\"} 5");
    has_line(t, "request_latency_seconds_bucket{endpoint=\"match\",le=\"+Inf\"} 0");
    has_line(t, "request_latency_seconds_sum{endpoint=\"match\"} 0");
    has_line(t, "request_latency_seconds_bucket{endpoint=\"we\\\"ird\\\\\",le=\"0.25\"} 0");
    has_line(t, "request_latency_seconds_bucket{endpoint=\"we\\\"ird\\\\\",le=\"0.5\"} 1");
    has_line(t, "request_latency_seconds_sum{endpoint=\"we\\\"ird\\\\\"} 0.5");

    has_line(t, "# TYPE request_count_total counter");
    has_line(t, "request_count_total{endpoint=\"kundli\",status=\"200\"} 3");
    has_line(t, "request_count_total{endpoint=\"kundli\",status=\"422\"} 1");
    has_line(t, "request_count_total{endpoint=\"kundli\",status=\"other\"} 1");
    has_line(t, "request_count_total{endpoint=\"kundli\",status=\"500\"} 0");
    has_line(t, "request_count_total{endpoint=\"match\",status=\"200\"} 0");
    has_line(t, "request_count_total{endpoint=\"we\\\"ird\\\\\",status=\"503\"} 1");

    has_line(t, "# TYPE batch_size histogram");
    has_line(t, "batch_size_bucket{le=\"1\"} 1");
    has_line(t, "batch_size_bucket{le=\"2\"} 1");
    has_line(t, "batch_size_bucket{le=\"5\"} 2");
    has_line(t, "batch_size_bucket{le=\"50\"} 2");
    has_line(t, "batch_size_bucket{le=\"100\"} 3");
    has_line(t, "batch_size_bucket{le=\"+Inf\"} 4");
    has_line(t, "batch_size_sum 254");
    has_line(t, "batch_size_count 4");

    has_line(t, "# TYPE engine_stage_seconds histogram");
    has_line(t, "engine_stage_seconds_bucket{stage=\"ephemeris\",le=\"1e-06\"} 0");
    has_line(t, "engine_stage_seconds_bucket{stage=\"ephemeris\",le=\"2.5e-06\"} 1");
    has_line(t, "engine_stage_seconds_bucket{stage=\"ephemeris\",le=\"5e-05\"} 1");
    has_line(t, "engine_stage_seconds_bucket{stage=\"ephemeris\",le=\"0.0001\"} 2");
    has_line(t, "engine_stage_seconds_bucket{stage=\"ephemeris\",le=\"0.1\"} 2");
    has_line(t, "engine_stage_seconds_bucket{stage=\"ephemeris\",le=\"+Inf\"} 3");
    has_line(t, "engine_stage_seconds_sum{stage=\"ephemeris\"} 0.2001012");
    has_line(t, "engine_stage_seconds_count{stage=\"ephemeris\"} 3");
    has_line(t, "engine_stage_seconds_count{stage=\"time\"} 0");

    has_line(t, "cache_hits_total{level=\"l1\"} 7");
    has_line(t, "cache_misses_total{level=\"l1\"} 3");
    has_line(t, "cache_evictions_total{level=\"l1\"} 2");
    has_line(t, "cache_expirations_total{level=\"l1\"} 1");
    has_line(t, "cache_inserts_total{level=\"l1\"} 5");
    has_line(t, "# TYPE cache_bytes gauge");
    has_line(t, "cache_bytes{level=\"l1\"} 123456");
    has_line(t, "cache_entries{level=\"l1\"} 2");
    has_line(t, "cache_hits_total{level=\"l2\"} 2");
    has_line(t, "cache_misses_total{level=\"l2\"} 1");
    has_line(t, "cache_hits_total{level=\"l2_list\"} 1");
    has_line(t, "cache_misses_total{level=\"l2_list\"} 3");
    has_line(t, "# TYPE cache_redis_errors_total counter");
    has_line(t, "cache_redis_errors_total 2");
    has_line(t, "cache_redis_timeouts_total 1");
    has_line(t, "cache_redis_invalidations_total 1");
    lacks(t, "cache_evictions_total{level=\"l2");

    has_line(t, "# TYPE resource_usage_percent gauge");
    has_line(t, "resource_usage_percent{resource_type=\"cpu\"} 12.5");
    has_line(t, "resource_usage_percent{resource_type=\"memory\"} 50.123");
    lacks(t, "resource_type=\"disk\"");
    has_line(t, "resource_usage_percent{resource_type=\"disk_io\"} 7.25");
    lacks(t, "resource_type=\"process_cpu\"");
    has_line(t, "resource_usage_percent{resource_type=\"process_memory\"} 0.063");
    has_line(t, "# TYPE alerts_total counter");
    has_line(t, "alerts_total{metric=\"4xx_rate\",state=\"firing\"} 1");
    has_line(t, "alerts_total{metric=\"4xx_rate\",state=\"resolved\"} 1");
    has_line(t, "alerts_total{metric=\"cpu\",state=\"firing\"} 1");
    has_line(t, "alerts_total{metric=\"cpu\",state=\"resolved\"} 0");
    has_line(t, "alerts_total{metric=\"p99\",state=\"firing\"} 0");
    has_line(t, "webhook_sent_total 2");
    has_line(t, "webhook_failures_total 1");
    has_line(t, "webhook_dropped_total 1");
    has_line(t, "process_resident_memory_bytes 5242880");
    has_line(t, "process_cpu_seconds_total 4.25");
    has_line(t, "process_open_fds 9");
    has_line(t, "network_receive_bytes_total 1500");
    has_line(t, "network_transmit_bytes_total 2700");
    has_line(t, "access_log_lines_dropped_total 1");
    has_line(t, "log_lines_dropped_total{stream=\"stdout\"} 1");
    has_line(t, "log_lines_dropped_total{stream=\"stderr\"} 2");
    has_line(t, "shutdown_unfinished_requests_total 3");
    has_line(t, "connections_closed_total{reason=\"header_timeout\"} 2");
    has_line(t, "connections_closed_total{reason=\"idle_reserve\"} 1");
    has_line(t, "connections_closed_total{reason=\"reserve_slow\"} 0");
    has_line(t, "connections_refused_total 1");
    has_line(t, "# TYPE work_queue_depth gauge");
    has_line(t, "work_queue_depth 2");
    has_line(t, "# TYPE response_bytes_held gauge");
    has_line(t, "response_bytes_held 295904");
    has_line(t, "# TYPE stream_port_streams gauge");
    has_line(t, "stream_port_streams 1");
    has_line(t, "store_pool_connections{state=\"open\"} 12");
    has_line(t, "store_pool_connections{state=\"idle\"} 9");
    has_line(t, "store_pool_waiting 1");
    has_line(t, "overloaded_requests_total 2");

    /* exactly one HELP and TYPE per family; every sample line is
     * `name{labels} value` or `name value` */
    int types = 0;
    for (const char *p = t; *p; p = strchr(p, '\n') + 1) {
        if (strncmp(p, "# TYPE ", 7) == 0)
            types++;
        else if (*p != '#')
            assert_non_null(memchr(p, ' ', (size_t)(strchr(p, '\n') - p)));
    }
    /* + work_queue_depth, response_bytes_held, overloaded_requests_total;
     * + alerts_total and the three webhook counters; + the three cache_redis_* counters;
     * + store_pool_connections, store_pool_waiting; + stream_port_streams */
    assert_int_equal(types, 7 + 9 + 6 + 3 + 4 + 3 + 2 + 1);
    free(t);

    /* without cache and resources */
    t = metrics_render_sample(m, NULL, NULL, &len);
    lacks(t, "cache_");
    lacks(t, "resource_usage_percent");
    lacks(t, "process_");
    free(t);
    metrics_destroy(m);
}

struct worker {
    struct metrics *m;
    int n;
};

static void *observe_many(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < w->n; i++) {
        metrics_observe_request(w->m, 0, 200, 0.001);
        metrics_observe_stage(w->m, 1, 0.00002);
        metrics_observe_batch(w->m, 10);
    }
    return NULL;
}

static void test_two_threads_exact(void **state)
{
    (void)state;
    struct metrics *m = metrics_create(endpoints, 3, stages, 2);
    struct worker w = {m, 100000};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, observe_many, &w), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    size_t len;
    char *text = metrics_render_sample(m, NULL, NULL, &len);
    has_line(text, "request_count_total{endpoint=\"kundli\",status=\"200\"} 200000");
    has_line(text, "request_latency_seconds_bucket{endpoint=\"kundli\",le=\"0.0005\"} 0");
    has_line(text, "request_latency_seconds_bucket{endpoint=\"kundli\",le=\"0.001\"} 200000");
    has_line(text, "request_latency_seconds_count{endpoint=\"kundli\"} 200000");
    has_line(text, "request_latency_seconds_sum{endpoint=\"kundli\"} 200");
    has_line(text, "engine_stage_seconds_bucket{stage=\"ephemeris\",le=\"2.5e-05\"} 200000");
    has_line(text, "engine_stage_seconds_sum{stage=\"ephemeris\"} 4");
    has_line(text, "batch_size_bucket{le=\"5\"} 0");
    has_line(text, "batch_size_bucket{le=\"10\"} 200000");
    has_line(text, "batch_size_sum 2000000");
    free(text);
    metrics_destroy(m);
}

static double mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec * 1e-3;
}

static void test_render_speed(void **state)
{
    (void)state;
    static const char *const eps[] = {"kundli",    "kundli_get", "batch",   "match",   "panchang",
                                      "chart_svg", "places",     "kundlis", "metrics", "other"};
    static const char *const st[] = {"time",   "ephemeris", "houses",   "derivations",
                                     "vargas", "dasha",     "panchang", "ashtakavarga",
                                     "doshas", "yogas",     "serialise"};
    struct metrics *m = metrics_create(eps, 10, st, 11);
    for (int i = 0; i < 1000; i++) {
        metrics_observe_request(m, i % 10, i % 7 ? 200 : 422, i * 1e-4);
        metrics_observe_stage(m, i % 11, i * 1e-6);
    }
    struct cache_stats cs = {1, 2, 3, 4, 5, 6, 7};
    struct resource_sample rs = {.cpu_percent = 1, .memory_percent = 2, .disk_percent = 3};
    double best = 1e9;
    size_t len = 0;
    int series = 0;
    for (int i = 0; i < 50; i++) {
        double t0 = mono_us();
        char *t = metrics_render_sample(m, &cs, &rs, &len);
        double dt = mono_us() - t0;
        if (dt < best)
            best = dt;
        if (i == 0) {
            for (const char *p = t; *p; p = strchr(p, '\n') + 1)
                series += *p != '#';
        }
        free(t);
    }
    print_message("render: %d lines, %zu bytes, best of 50: %.1f us\n", series, len, best);
    /* about 600 sample lines here, six times the ~100 the budget speaks of */
    assert_true(best < (SANITIZED ? 5000.0 : 100.0));
    metrics_destroy(m);
}

/* ---- resources ---- */

static void put_file(const char *dir, const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void sub_dir(const char *dir, const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(mkdir(path, 0700), 0);
}

static const char net_dev[] =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
    "errs drop fifo colls carrier compressed\n"
    "    lo: 999999     100    0    0    0     0          0         0   999999     100    "
    "0    0    0     0       0          0\n"
    "  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0\n"
    " wlan0:500 5 0 0 0 0 0 0 700 7 0 0 0 0 0 0\n";

static void test_resources_fixture(void **state)
{
    (void)state;
    char dir[] = "/tmp/kundli_proc_XXXXXX";
    assert_non_null(mkdtemp(dir));
    sub_dir(dir, "self");
    sub_dir(dir, "self/fd");
    sub_dir(dir, "net");
    /* comm holds a space and a ')': fields count from the last ')';
     * utime = 250, stime = 150 ticks; tpgid is -1 */
    put_file(dir, "self/stat",
             "4242 (kund li) d) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 4 0 "
             "5000 100000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0\n");
    put_file(dir, "self/status",
             "Name:\tkundlid\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t   20000 kB\n"
             "VmRSS:\t    5120 kB\nThreads:\t4\n");
    /* busy = total - idle - iowait = 1000 - 800 - 50 = 150 */
    put_file(dir, "stat",
             "cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 100 0 50 800 50 0 0 0 0 0\n"
             "intr 12345 1 2 3\nbtime 1700000000\n");
    put_file(dir, "meminfo",
             "MemTotal:       16000000 kB\nMemFree:          1000000 kB\n"
             "MemAvailable:   12000000 kB\nBuffers:  1 kB\n");
    put_file(dir, "net/dev", net_dev);
    /* io_ticks is the 10th figure after the name; loop devices are left out */
    put_file(dir, "diskstats",
             "   7       0 loop0 1 0 2 0 0 0 0 0 0 5 0 0 0 0 0 0 0\n"
             "   8       0 sda 100 0 200 30 50 0 80 40 0 1000 70 0 0 0 0 0 0\n"
             "   8       1 sda1 90 0 180 25 45 0 70 35 0 900 60 0 0 0 0 0 0\n");
    put_file(dir, "self/fd/0", "");
    put_file(dir, "self/fd/1", "");
    put_file(dir, "self/fd/2", "");
    put_file(dir, "self/fd/1000", "");

    struct resources r;
    struct resource_sample s;
    resources_init(&r, dir, dir);
    assert_int_equal(resources_sample(&r, &s), 0);
    assert_true(s.cpu_percent == 15.0); /* since boot: 150 / 1000 */
    assert_true(s.memory_percent == 25.0);
    assert_int_equal(s.mem_total_bytes, 16000000ULL * 1024);
    assert_int_equal(s.mem_available_bytes, 12000000ULL * 1024);
    assert_int_equal(s.rss_bytes, 5120 * 1024);
    assert_true(s.process_cpu_seconds == 400.0 / (double)sysconf(_SC_CLK_TCK));
    assert_int_equal(s.open_fds, 4);
    assert_int_equal(s.net_rx_bytes, 1500);
    assert_int_equal(s.net_tx_bytes, 2700);
    assert_true(s.disk_percent >= 0 && s.disk_percent <= 100);
    assert_true(s.disk_total_bytes > 0);
    assert_true(s.disk_io_percent == -1 && s.process_cpu_percent == -1); /* first sample */
    assert_true(s.process_memory_percent == 100.0 * 5120 / 16000000);

    /* the second sample's CPU share is over the interval: busy 350 - 150 of
     * total 2000 - 1000 ticks */
    put_file(dir, "stat", "cpu  200 0 100 1550 100 0 0 50 0 0\n");
    /* sda busy for 1000 s more: far more than the time passed, so 100 % */
    put_file(dir, "diskstats",
             "   7       0 loop0 1 0 2 0 0 0 0 0 0 9999999 0 0 0 0 0 0 0\n"
             "   8       0 sda 100 0 200 30 50 0 80 40 0 1001000 70 0 0 0 0 0 0\n"
             "   8       1 sda1 90 0 180 25 45 0 70 35 0 900 60 0 0 0 0 0 0\n");
    assert_int_equal(resources_sample(&r, &s), 0);
    assert_true(s.cpu_percent == 20.0);
    assert_true(s.disk_io_percent == 100.0);
    assert_true(s.process_cpu_percent == 0.0); /* the fixture's CPU time did not move */

    /* a missing field fails that source only */
    put_file(dir, "meminfo", "MemTotal:       16000000 kB\nMemFree:          1000000 kB\n");
    assert_int_equal(resources_sample(&r, &s), ERR_INTERNAL);
    assert_true(s.memory_percent == -1);
    assert_true(s.cpu_percent == 0.0); /* no ticks passed */
    assert_true(s.disk_io_percent == 0.0); /* nor io_ticks */
    assert_int_equal(s.rss_bytes, 5120 * 1024);
    /* a malformed line */
    put_file(dir, "net/dev", "  eth0: 1000 x\n");
    put_file(dir, "stat", "cpu  1 2\n");
    assert_int_equal(resources_sample(&r, &s), ERR_INTERNAL);
    assert_int_equal(s.net_rx_bytes, 0);
    assert_true(s.cpu_percent == -1);

    /* no such /proc at all: only the disk can be read */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/nothing", dir);
    resources_init(&r, missing, "/");
    assert_int_equal(resources_sample(&r, &s), ERR_INTERNAL);
    assert_true(s.cpu_percent == -1 && s.memory_percent == -1);
    assert_int_equal(s.rss_bytes, 0);
    assert_true(s.disk_percent >= 0 && s.disk_percent <= 100);

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_resources_real(void **state)
{
    (void)state;
    struct resources r;
    struct resource_sample s;
    resources_init(&r, NULL, NULL);
    assert_int_equal(resources_sample(&r, &s), 0);
    for (volatile int i = 0; i < 10000000; i++) /* some CPU time between samples */
        ;
    assert_int_equal(resources_sample(&r, &s), 0);
    assert_true(s.cpu_percent >= 0 && s.cpu_percent <= 100);
    assert_true(s.memory_percent > 0 && s.memory_percent < 100);
    assert_true(s.disk_percent >= 0 && s.disk_percent <= 100);
    assert_true(s.rss_bytes > 100 * 1024);
    assert_true(s.process_cpu_seconds >= 0);
    assert_true(s.open_fds >= 3 && s.open_fds < 10000);
    assert_true(s.mem_total_bytes > s.mem_available_bytes);
    print_message("cpu %.2f%% mem %.2f%% disk %.2f%% rss %llu fds %llu cpu_s %.2f\n", s.cpu_percent,
                  s.memory_percent, s.disk_percent, (unsigned long long)s.rss_bytes,
                  (unsigned long long)s.open_fds, s.process_cpu_seconds);
}

/* The totals the monitor takes differences of: every endpoint together. */
static void test_totals(void **state)
{
    (void)state;
    struct metrics *m = metrics_create(endpoints, 4, stages, 2);
    metrics_observe_request(m, 0, 200, 0.0001); /* bucket 0 (le 0.0001) */
    metrics_observe_request(m, 1, 404, 0.003);  /* bucket 5 (le 0.005) */
    metrics_observe_request(m, 2, 503, 0.7);    /* bucket 12 (le 1) */
    metrics_observe_request(m, 3, 429, 10.0);   /* above 5 s */
    metrics_observe_request(m, 3, 999, 0.0002); /* "other": neither 4xx nor 5xx */
    struct metrics_totals t;
    metrics_totals(m, &t);
    assert_int_equal(t.requests, 5);
    assert_int_equal(t.status_4xx, 2);
    assert_int_equal(t.status_5xx, 1);
    const uint64_t want[METRICS_LATENCY_BUCKETS + 1] = {[0] = 1, [1] = 1, [5] = 1, [12] = 1,
                                                        [15] = 1};
    for (int i = 0; i <= METRICS_LATENCY_BUCKETS; i++)
        assert_int_equal(t.latency[i], want[i]);
    assert_true(metrics_latency_bounds()[0] == 0.0001);
    assert_true(metrics_latency_bounds()[METRICS_LATENCY_BUCKETS - 1] == 5.0);
    metrics_destroy(m);
}

/* metrics_render() with a live cache and its own resource sampler */
static void test_render_live(void **state)
{
    (void)state;
    struct metrics *m = metrics_create(endpoints, 1, stages, 2);
    struct cache *c = cache_create(1 << 20, 60);
    struct cache_key k = cache_key_hash("k", 1);
    cache_put(c, k, "{}", 2, NULL, 0, 0, 0);
    cache_release(cache_get(c, k, 1));
    assert_null(cache_get(c, cache_key_hash("other", 5), 1));
    struct cache_stats cs;
    cache_stats(c, &cs);
    size_t len;
    char *t = metrics_render(m, &cs, &len);
    has_line(t, "cache_hits_total{level=\"l1\"} 1");
    has_line(t, "cache_misses_total{level=\"l1\"} 1");
    has_line(t, "cache_inserts_total{level=\"l1\"} 1");
    has_line(t, "cache_entries{level=\"l1\"} 1");
    assert_non_null(strstr(t, "\nresource_usage_percent{resource_type=\"cpu\"} "));
    assert_non_null(strstr(t, "\nresource_usage_percent{resource_type=\"memory\"} "));
    assert_non_null(strstr(t, "\nresource_usage_percent{resource_type=\"disk\"} "));
    const char *rss = strstr(t, "\nprocess_resident_memory_bytes ");
    assert_non_null(rss);
    assert_true(strtoull(rss + 31, NULL, 10) > 100 * 1024);
    free(t);
    cache_destroy(c);
    metrics_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_exact),   cmocka_unit_test(test_two_threads_exact),
        cmocka_unit_test(test_render_speed),   cmocka_unit_test(test_resources_fixture),
        cmocka_unit_test(test_resources_real), cmocka_unit_test(test_render_live),
        cmocka_unit_test(test_totals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
