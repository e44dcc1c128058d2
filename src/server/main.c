/* main.c - kundlid: loads settings, starts the HTTP service, and on SIGTERM
 * or SIGINT drains (stops accepting, lets in-flight requests finish within
 * drain_seconds) and exits 0, or 1 when requests were still unfinished.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/context.h"
#include "engine/eph.h"
#include "places/places.h"
#include "server/admin_cli.h"
#include "service/auth.h"
#include "service/cache.h"
#include "service/cache_redis.h"
#include "service/config.h"
#include "service/duplex.h"
#include "service/http.h"
#include "service/logbuf.h"
#include "service/metrics.h"
#include "service/monitor.h"
#include "service/ratelimit.h"
#include "service/storage.h"
#include "service/workpool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* Rate-limit buckets kept (per address, per key): memory stays bounded
 * whatever the number of clients (ratelimit.h evicts refilled ones). */
#define RATE_LIMIT_KEYS 100000

/* Pending diagnostic lines kept for stderr's reader (about 500 lines). */
#define ERRLOG_BYTES (64u << 10)

/* Lets the process hold as many sockets as connections allowed. */
static void raise_fd_limit(int connections)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return;
    rlim_t want = (rlim_t)connections + 256;
    if (rl.rlim_cur < want) {
        rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* Waits for SIGTERM or SIGINT. */
static int wait_for_signal(const sigset_t *set)
{
    for (;;) {
        int sig = sigwaitinfo(set, NULL);
        if (sig > 0)
            return sig;
    }
}

/* --version: the version, and the ephemeris range that the settings
 * (--ephe-path, KUNDLI_EPHE_PATH, the config file) give. */
static int print_version(int argc, char **argv)
{
    static struct service svc;
    char *args[64];
    int n = 0;
    for (int i = 0; i < argc && n < 64; i++)
        if (strcmp(argv[i], "--version") != 0)
            args[n++] = argv[i];
    struct error err;
    if (config_load(&svc.cfg, n, args) != 0 ||
        context_init(&svc.engine, svc.cfg.ephe_path, svc.cfg.zoneinfo, NULL, &err) != 0)
        return 2;
    char from[32], to[32];
    context_range_text(&svc.engine, from, to);
    printf("kundlid %s\nSwiss Ephemeris %s, %s %s .. %s (UT)\n", KUNDLI_VERSION, eph_version(),
           svc.engine.eph_files ? "files for" : "no files, analytic for", from, to);
    context_free(&svc.engine);
    return 0;
}

int main(int argc, char **argv)
{
    static struct service svc;
    if (argc > 1 && admin_cli_is_command(argv[1]))
        return admin_cli_main(argc, argv);
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--version") == 0)
            return print_version(argc, argv);
    int rc = config_load(&svc.cfg, argc, argv);
    if (rc == CONFIG_HELP)
        return 0;
    if (rc)
        return 2;

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* every thread inherits the mask */
    signal(SIGPIPE, SIG_IGN);

    struct error err;
    if (context_init(&svc.engine, svc.cfg.ephe_path, svc.cfg.zoneinfo, NULL, &err) != 0) {
        /* start-up, one thread: the only message written to stderr directly */
        fprintf(stderr, "kundlid: %s\n", err.message);
        return 2;
    }
    svc.places = places_new();
    if (!svc.places) {
        fprintf(stderr, "kundlid: out of memory\n");
        return 2;
    }
    svc.engine.place_resolve = places_resolve; /* a birth's "place" */
    svc.engine.gazetteer = svc.places;
    raise_fd_limit(svc.cfg.max_connections);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = svc.cfg.threads > 0 ? svc.cfg.threads : (int)(cores > 0 ? cores : 1);
    svc.cache = cache_create((size_t)svc.cfg.cache_mb << 20, svc.cfg.cache_ttl);
    svc.metrics = service_metrics_create();
    svc.pool = workpool_create(threads);
    /* From here on every diagnostic goes through this sink (service_diag):
     * a reader of stderr that does not read loses lines, never stalls us. */
    svc.errlog = logbuf_create(STDERR_FILENO, ERRLOG_BYTES);
    if (svc.cfg.access_log)
        svc.log = logbuf_create(STDOUT_FILENO, 4u << 20);
    svc.auth = auth_create();
    if (svc.cfg.rate_limit_ip > 0)
        svc.rl_ip = ratelimit_create(svc.cfg.rate_limit_ip, svc.cfg.rate_limit_ip_burst,
                                     RATE_LIMIT_KEYS);
    if (svc.cfg.rate_limit_key > 0)
        svc.rl_key = ratelimit_create(svc.cfg.rate_limit_key, svc.cfg.rate_limit_key_burst,
                                      RATE_LIMIT_KEYS);
    int status = 0, left = 0;
    bool served = false;
    int port;
    storage_start(&svc); /* a store that cannot be opened now is retried */
    if (svc.cfg.redis_url[0]) {
        /* one pooled connection per thread that may ask: job workers and
         * the batch pool's threads */
        struct cache_redis_config l2 = {
            .url = svc.cfg.redis_url,
            .ttl_s = svc.cfg.redis_ttl,
            .list_ttl_s = svc.cfg.redis_list_ttl,
            .timeout_ms = svc.cfg.redis_timeout_ms,
            .connections = 2 * threads + 2,
        };
        if (cache_redis_start(&l2, &svc, &svc.redis, &err) != 0) {
            service_diag(&svc, "kundlid: %s", err.message);
            status = 2;
            goto out;
        }
    }

    if (http_start(&svc, &port) != 0) {
        status = 1;
        goto out;
    }
    int stream_port = -1;
    if (svc.cfg.stream_port >= 0 && duplex_start(&svc, &stream_port) != 0) {
        http_quiesce(&svc);
        http_stop(&svc);
        status = 1;
        goto out;
    }
    printf("{\"level\":\"info\",\"msg\":\"listening\",\"host\":\"%s\",\"port\":%d,"
           "\"stream_port\":%d,\"threads\":%d,\"cache_mb\":%d,\"version\":\"%s\"}\n",
           svc.cfg.listen_host, port, stream_port, threads, svc.cfg.cache_mb, KUNDLI_VERSION);
    fflush(stdout); /* from here on, stdout belongs to the access log's writer */
    served = true;
    char host[64], instance[160];
    if (gethostname(host, sizeof host) != 0)
        snprintf(host, sizeof host, "localhost");
    host[sizeof host - 1] = '\0';
    snprintf(instance, sizeof instance, "%s:%d", host, port);
    monitor_start(&svc, instance); /* samples, alerts and the webhook */

    int sig = wait_for_signal(&set);
    atomic_store(&svc.draining, true);
    http_quiesce(&svc);
    duplex_quiesce(&svc);
    service_diag(&svc, "{\"level\":\"info\",\"msg\":\"draining\",\"signal\":%d,\"inflight\":%d}",
                 sig, atomic_load(&svc.inflight));
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (int waited = 0; atomic_load(&svc.inflight) > 0 && waited < svc.cfg.drain_seconds * 100;
         waited++)
        nanosleep(&tick, NULL);
    left = atomic_load(&svc.inflight);
    if (left > 0) { /* the drain ended first: these responses are cut off */
        metrics_observe_unfinished(svc.metrics, left);
        service_diag(&svc,
                     "{\"level\":\"error\",\"msg\":\"drain ended with requests unfinished\","
                     "\"unfinished\":%d,\"drain_seconds\":%d}",
                     left, svc.cfg.drain_seconds);
        status = 1;
    }
    duplex_stop(&svc);
    http_stop(&svc);
out:
    cache_redis_stop(svc.redis);
    monitor_stop(&svc); /* before the store it writes to */
    storage_stop(&svc); /* no request runs any more: close the store cleanly */
    auth_destroy(svc.auth);
    ratelimit_destroy(svc.rl_ip);
    ratelimit_destroy(svc.rl_key);
    workpool_destroy(svc.pool);
    cache_destroy(svc.cache);
    context_free(&svc.engine);
    places_free(svc.places);
    uint64_t dropped = 0;
    if (svc.log) {
        dropped = logbuf_dropped(svc.log);
        logbuf_destroy(svc.log);
    }
    if (served)
        service_diag(&svc,
                     "{\"level\":\"info\",\"msg\":\"stopped\",\"unfinished\":%d,"
                     "\"log_lines_dropped\":%llu,\"stderr_lines_dropped\":%llu,\"exit\":%d}",
                     left, (unsigned long long)dropped,
                     (unsigned long long)logbuf_dropped(svc.errlog), status);
    logbuf_destroy(svc.errlog); /* flushes, waiting at most 2 s for stderr's reader */
    svc.errlog = NULL;
    metrics_destroy(svc.metrics);
    return status;
}
