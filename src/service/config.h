/* config.h - kundlid's settings: defaults, then a config file, then
 * KUNDLI_* environment variables, then command-line flags, each overriding
 * the one before. One table describes every setting for all four sources
 * and for --help.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CONFIG_H
#define KUNDLI_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

struct config {
    char listen_host[64];       /* --listen HOST:PORT, default 127.0.0.1:8080 */
    int listen_port;
    int stream_port;            /* both-ways stream listener (duplex.h); -1 off, 0 any */
    int stream_connections;     /* streams at once on it (a thread each) */
    int threads;                /* worker threads; 0 = one per core */
    int cache_mb;               /* L1 chart cache bound in MiB; 0 disables it */
    int cache_ttl;              /* seconds an L1 entry lives */
    int deadline_ms;            /* a request taking longer ends in 503 */
    int queue_wait_ms;          /* expected queue wait that refuses new compute work */
    int max_inflight_bytes;     /* response memory budget; past it compute gets 503 */
    int db_workers;             /* threads serving storage requests */
    int rate_limit_ip;          /* requests/s per client address; 0 = none */
    int rate_limit_ip_burst;    /* that bucket's size */
    int rate_limit_key;         /* requests/s per API key; 0 = none */
    int rate_limit_key_burst;   /* that bucket's size */
    int max_connections;        /* MHD_OPTION_CONNECTION_LIMIT */
    int max_connections_per_ip; /* MHD_OPTION_PER_IP_CONNECTION_LIMIT; 0 = none */
    int header_timeout;         /* seconds to receive a request head and body */
    int connection_reserve;     /* close idle connections above max - this */
    int connection_timeout;     /* MHD_OPTION_CONNECTION_TIMEOUT, seconds idle */
    int connection_memory_kb;   /* MHD_OPTION_CONNECTION_MEMORY_LIMIT */
    int drain_seconds;          /* how long SIGTERM waits for in-flight requests */
    bool access_log;            /* one JSON line per request on stdout */
    char ephe_path[256];        /* Swiss Ephemeris files */
    char zoneinfo[256];         /* IANA tzdata directory */
    char database_url[512];     /* the store: sqlite:PATH, PATH or postgres://... */
    int db_pool_max;            /* database connections at most */
    int db_pool_min;            /* database connections kept open */
    int db_idle_s;              /* idle connections above db_pool_min close after this */
    int db_wait_ms;             /* wait for a free connection, then 503 store_busy */
    bool auth_compute;          /* compute endpoints need an API key too */
    int monitor_interval;       /* seconds between resource samples; 0 = no monitor */
    int monitor_retention_hours; /* samples and alerts older than this are deleted */
    double alert_cpu;           /* system CPU busy, percent */
    double alert_memory;        /* system memory used, percent */
    double alert_disk_io;       /* busiest block device busy, percent */
    double alert_p95;           /* request latency 95th percentile, seconds */
    double alert_p99;           /* request latency 99th percentile, seconds */
    double alert_5xx_rate;      /* share of 5xx answers, percent */
    double alert_4xx_rate;      /* share of 4xx answers, percent */
    int alert_repeat_s;         /* at most one "firing" per metric in this many seconds */
    char alert_webhook[512];    /* URL alerts are POSTed to; "" = none */
    int alert_webhook_timeout_ms; /* per try; 3 tries */
    char cors_origins[512];     /* origins answered with CORS headers: "a,b" or "*"; "" none */
    char redis_url[512];        /* the L2 cache: redis://[:PASSWORD@]HOST[:PORT][/DB]; "" = off */
    int redis_ttl;              /* seconds a chart lives in Redis */
    int redis_list_ttl;         /* seconds a cached saved-chart list page lives in Redis */
    int redis_timeout_ms;       /* every Redis connect and command, at most 50 */
};

/* Exit statuses of config_load besides 0. */
#define CONFIG_HELP 1  /* --help or --version was printed: exit 0 */
#define CONFIG_ERROR 2 /* a bad setting was reported on stderr: exit 2 */

/* Fills cfg from defaults, the file named by --config or KUNDLI_CONFIG,
 * the environment and argv. Returns 0, CONFIG_HELP or CONFIG_ERROR. */
int config_load(struct config *cfg, int argc, char **argv);

/* Prints the usage text: every setting with its flag, variable and default. */
void config_usage(FILE *f);

#endif
