/* config.c - settings from defaults, file, environment and flags
 * (see config.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_INT, K_BOOL, K_STRING, K_LISTEN, K_DOUBLE };

struct setting {
    const char *name; /* file key; flag is --name with '_' -> '-'; env KUNDLI_NAME */
    enum kind kind;
    size_t offset;
    size_t size;      /* K_STRING buffer size */
    long min, max;    /* K_INT and K_DOUBLE range */
    const char *def;
    const char *help;
};

#define INT(n, f, lo, hi, d, h) {n, K_INT, offsetof(struct config, f), 0, lo, hi, d, h}
#define DBL(n, f, lo, hi, d, h) {n, K_DOUBLE, offsetof(struct config, f), 0, lo, hi, d, h}
#define STR(n, f, d, h) {n, K_STRING, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0, d, h}

static const struct setting settings[] = {
    {"listen", K_LISTEN, 0, 0, 0, 0, "127.0.0.1:8080", "address and port to serve HTTP on"},
    INT("stream_port", stream_port, -1, 65535, "-1",
        "port on listen's host for POST /v1/kundli/stream both ways at once (-1 = off, 0 = any)"),
    INT("stream_connections", stream_connections, 1, 4096, "16",
        "streams at once on stream_port (a thread each); more get 503 overloaded"),
    INT("threads", threads, 0, 256, "0", "worker threads (0 = one per core)"),
    INT("cache_mb", cache_mb, 0, 1 << 20, "64", "L1 chart cache size bound in MiB (0 = off)"),
    INT("cache_ttl", cache_ttl, 1, 365 * 86400, "86400", "seconds a cached chart lives"),
    INT("deadline_ms", deadline_ms, 1, 600000, "5000",
        "request deadline; slower requests end in 503 deadline_exceeded"),
    INT("queue_wait_ms", queue_wait_ms, 1, 600000, "250",
        "expected compute-queue wait past which requests get 503 overloaded"),
    INT("db_workers", db_workers, 1, 256, "16",
        "threads serving saved-chart and admin requests (they mostly wait on the database)"),
    INT("max_inflight_bytes", max_inflight_bytes, 1 << 20, 2047 << 20, "268435456",
        "memory for responses being made or sent; past it compute requests get 503"),
    INT("rate_limit_ip", rate_limit_ip, 0, 1000000, "0",
        "requests per second per client address, 429 past it (0 = no limit; ops and the web page exempt)"),
    INT("rate_limit_ip_burst", rate_limit_ip_burst, 1, 1000000, "20",
        "requests a client address may send at once before rate_limit_ip applies"),
    INT("rate_limit_key", rate_limit_key, 0, 1000000, "0",
        "requests per second per API key, 429 past it (0 = no limit)"),
    INT("rate_limit_key_burst", rate_limit_key_burst, 1, 1000000, "20",
        "requests an API key may send at once before rate_limit_key applies"),
    INT("max_connections", max_connections, 1, 1000000, "4096",
        "simultaneous connections (MHD CONNECTION_LIMIT)"),
    INT("max_connections_per_ip", max_connections_per_ip, 0, 1000000, "64",
        "connections per client address; more are closed at once (0 = no limit)"),
    INT("header_timeout", header_timeout, 1, 3600, "10",
        "total seconds to receive a request's head and body; then it is closed"),
    INT("connection_reserve", connection_reserve, 0, 1000000, "64",
        "slots kept free: past max_connections - this, close idle ones, heads get 1 s"),
    INT("connection_timeout", connection_timeout, 1, 3600, "30",
        "seconds an idle connection is kept (MHD CONNECTION_TIMEOUT)"),
    INT("connection_memory_kb", connection_memory_kb, 8, 1024, "16",
        "per-connection memory for headers (MHD CONNECTION_MEMORY_LIMIT)"),
    INT("drain_seconds", drain_seconds, 0, 600, "10",
        "on SIGTERM/SIGINT, seconds to let in-flight requests finish (exit 1 if not)"),
    {"access_log", K_BOOL, offsetof(struct config, access_log), 0, 0, 0, "true",
     "one JSON line per request on stdout"},
    STR("ephe_path", ephe_path, "/usr/share/libswe/ephe", "Swiss Ephemeris data directory"),
    STR("zoneinfo", zoneinfo, "/usr/share/zoneinfo", "IANA time zone database directory"),
    STR("database_url", database_url, "sqlite:./data/kundli.db",
        "saved charts and API keys: sqlite:PATH or postgres://USER@HOST:PORT/DB"),
    INT("db_pool_max", db_pool_max, 1, 10000, "100",
        "database connections at most (SQLite: reader connections)"),
    INT("db_pool_min", db_pool_min, 0, 10000, "10", "database connections kept open"),
    INT("db_idle_s", db_idle_s, 1, 86400, "10",
        "seconds an idle connection above db_pool_min is kept"),
    INT("db_wait_ms", db_wait_ms, 1, 600000, "5000",
        "wait for a free database connection, then 503 store_busy"),
    {"auth_compute", K_BOOL, offsetof(struct config, auth_compute), 0, 0, 0, "false",
     "compute endpoints (/v1/kundli, batch, match, panchang, events) need an API key too"},
    INT("monitor_interval", monitor_interval, 0, 86400, "60",
        "seconds between resource samples, stored and checked for alerts (0 = no monitor)"),
    INT("monitor_retention_hours", monitor_retention_hours, 1, 87600, "168",
        "stored samples and alerts older than this are deleted"),
    DBL("alert_cpu", alert_cpu, 0, 100, "80", "alert when system CPU busy passes this percent"),
    DBL("alert_memory", alert_memory, 0, 100, "80",
        "alert when system memory in use passes this percent"),
    DBL("alert_disk_io", alert_disk_io, 0, 100, "70",
        "alert when the busiest disk is busy more than this percent of the time"),
    DBL("alert_p95", alert_p95, 0, 3600, "0.5",
        "alert when the interval's 95th percentile request latency passes this many seconds"),
    DBL("alert_p99", alert_p99, 0, 3600, "1",
        "alert when the interval's 99th percentile request latency passes this many seconds"),
    DBL("alert_5xx_rate", alert_5xx_rate, 0, 100, "0.1",
        "alert when this percent of the interval's answers are 5xx"),
    DBL("alert_4xx_rate", alert_4xx_rate, 0, 100, "1",
        "alert when this percent of the interval's answers are 4xx"),
    INT("alert_repeat_s", alert_repeat_s, 0, 86400, "300",
        "at most one alert per metric in this many seconds while it flaps"),
    STR("alert_webhook", alert_webhook, "",
        "URL (http or https) each alert and recovery is POSTed to as JSON (empty = none)"),
    INT("alert_webhook_timeout_ms", alert_webhook_timeout_ms, 50, 60000, "2000",
        "time limit of one webhook try (3 tries, 0.25 s then 0.5 s apart)"),
    STR("cors_origins", cors_origins, "",
        "browser origins allowed to call the API (CORS), comma-separated, or *; none by default"),
    STR("redis_url", redis_url, "",
        "L2 chart and list cache shared by instances: redis://[:PASSWORD@]HOST[:PORT][/DB] "
        "(empty = L1 only)"),
    INT("redis_ttl", redis_ttl, 1, 365 * 86400, "86400", "seconds a chart lives in Redis"),
    INT("redis_list_ttl", redis_list_ttl, 1, 86400, "300",
        "seconds a cached page of a user's saved-chart list lives in Redis"),
    INT("redis_timeout_ms", redis_timeout_ms, 1, 50, "50",
        "timeout of every Redis connect and command; then the request computes instead"),
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

static int fail(const char *source, const struct setting *s, const char *value, const char *why)
{
    fprintf(stderr, "kundlid: %s: %s = '%.80s': %s\n", source, s->name, value, why);
    return CONFIG_ERROR;
}

static int apply(struct config *cfg, const struct setting *s, const char *value,
                 const char *source)
{
    char *base = (char *)cfg;
    switch (s->kind) {
    case K_INT: {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (!*value || *end || errno || v < s->min || v > s->max) {
            char why[64];
            snprintf(why, sizeof why, "must be a whole number %ld..%ld", s->min, s->max);
            return fail(source, s, value, why);
        }
        *(int *)(base + s->offset) = (int)v;
        return 0;
    }
    case K_DOUBLE: {
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        if (!*value || *end || errno || !(v >= (double)s->min && v <= (double)s->max)) {
            char why[64];
            snprintf(why, sizeof why, "must be a number %ld..%ld", s->min, s->max);
            return fail(source, s, value, why);
        }
        *(double *)(base + s->offset) = v;
        return 0;
    }
    case K_BOOL:
        if (strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
            *(bool *)(base + s->offset) = true;
        else if (strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
            *(bool *)(base + s->offset) = false;
        else
            return fail(source, s, value, "must be true or false");
        return 0;
    case K_STRING:
        if (strlen(value) >= s->size)
            return fail(source, s, value, "too long");
        memcpy(base + s->offset, value, strlen(value) + 1);
        return 0;
    case K_LISTEN: {
        const char *colon = strrchr(value, ':');
        char *end;
        long port = colon ? strtol(colon + 1, &end, 10) : -1;
        size_t hlen = colon ? (size_t)(colon - value) : 0;
        if (!colon || !colon[1] || *end || port < 0 || port > 65535 || hlen == 0 ||
            hlen >= sizeof cfg->listen_host)
            return fail(source, s, value, "must be HOST:PORT, e.g. 127.0.0.1:8080");
        memcpy(cfg->listen_host, value, hlen);
        cfg->listen_host[hlen] = '\0';
        cfg->listen_port = (int)port;
        return 0;
    }
    }
    return 0;
}

static const struct setting *find(const char *name)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strcmp(settings[i].name, name) == 0)
            return &settings[i];
    return NULL;
}

/* Trims spaces and tabs at both ends, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Reads "name = value" lines; '#' starts a comment. */
static int load_file(struct config *cfg, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int rc = 0, lineno = 0;
    if (!f) {
        fprintf(stderr, "kundlid: cannot read config file %s: %s\n", path, strerror(errno));
        return CONFIG_ERROR;
    }
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *t = trim(line);
        if (!*t)
            continue;
        char *eq = strchr(t, '=');
        if (!eq) {
            fprintf(stderr, "kundlid: %s:%d: expected name = value\n", path, lineno);
            rc = CONFIG_ERROR;
            break;
        }
        *eq = '\0';
        const struct setting *s = find(trim(t));
        if (!s) {
            fprintf(stderr, "kundlid: %s:%d: unknown setting '%s'\n", path, lineno, trim(t));
            rc = CONFIG_ERROR;
            break;
        }
        rc = apply(cfg, s, trim(eq + 1), path);
    }
    fclose(f);
    return rc;
}

void config_usage(FILE *f)
{
    fputs("usage: kundlid [--config FILE] [--SETTING VALUE ...]\n"
          "\n"
          "kundli's HTTP/JSON service: Vedic birth charts over HTTP (see docs/API.md).\n"
          "Each setting comes, in rising precedence, from its default, the config file\n"
          "(lines 'name = value'; --config FILE or KUNDLI_CONFIG), the environment\n"
          "variable KUNDLI_<NAME>, and the flag --<name>. SIGTERM or SIGINT drains: new\n"
          "connections are refused and in-flight requests finish, then it exits 0; if\n"
          "drain_seconds ends first, it logs how many requests were unfinished (their\n"
          "responses are cut off) and exits 1.\n"
          "\n"
          "settings:\n",
          f);
    for (size_t i = 0; i < NSETTINGS; i++) {
        char flag[64], env[64];
        size_t n;
        for (n = 0; settings[i].name[n] && n < 60; n++) {
            char c = settings[i].name[n];
            flag[n] = c == '_' ? '-' : c;
            env[n] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        flag[n] = env[n] = '\0';
        fprintf(f, "  --%-22s KUNDLI_%-22s default %s\n      %s\n", flag, env, settings[i].def,
                settings[i].help);
    }
    fputs("\n  --config FILE             read settings from FILE first\n"
          "  --help, --version\n"
          "\nkundli is AGPL-3.0-or-later; its source: see README.md.\n",
          f);
}

int config_load(struct config *cfg, int argc, char **argv)
{
    int rc;
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < NSETTINGS; i++)
        apply(cfg, &settings[i], settings[i].def, "default");

    const char *file = getenv("KUNDLI_CONFIG");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            config_usage(stdout);
            return CONFIG_HELP;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("kundlid %s\n", KUNDLI_VERSION);
            return CONFIG_HELP;
        }
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            file = argv[i + 1];
    }
    rc = file ? load_file(cfg, file) : 0;
    if (rc)
        return rc;

    for (size_t i = 0; i < NSETTINGS; i++) {
        char env[80] = "KUNDLI_";
        size_t n = strlen(env);
        for (const char *p = settings[i].name; *p && n < sizeof env - 1; p++)
            env[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        env[n] = '\0';
        const char *v = getenv(env);
        rc = v ? apply(cfg, &settings[i], v, env) : 0;
        if (rc)
            return rc;
    }

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--config") == 0) {
            i++;
            continue;
        }
        char name[64];
        size_t n = 0;
        if (strncmp(a, "--", 2) != 0 || strlen(a) > 60) {
            fprintf(stderr, "kundlid: unexpected argument '%.60s' (try --help)\n", a);
            return CONFIG_ERROR;
        }
        for (const char *p = a + 2; *p; p++)
            name[n++] = *p == '-' ? '_' : *p;
        name[n] = '\0';
        const struct setting *s = find(name);
        if (!s) {
            fprintf(stderr, "kundlid: unknown option '%s' (try --help)\n", a);
            return CONFIG_ERROR;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "kundlid: %s needs a value\n", a);
            return CONFIG_ERROR;
        }
        rc = apply(cfg, s, argv[++i], "flag");
        if (rc)
            return rc;
    }
    return 0;
}
