/* service.h - the state of one kundlid process, in one struct: settings,
 * the L1 and L2 caches, metrics, the batch worker pool and the drain flag.
 * Handlers receive it through each request; there are no other globals.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SERVICE_H
#define KUNDLI_SERVICE_H

#include "engine/context.h"
#include "places/places.h"
#include "service/config.h"

#include <stdatomic.h>
#include <stdbool.h>

/* Endpoints as labelled in metrics (request_latency_seconds{endpoint}). */
enum endpoint {
    EP_KUNDLI,
    EP_KUNDLI_BATCH,
    EP_MATCH,
    EP_PANCHANG,
    EP_HEALTHZ,
    EP_READYZ,
    EP_METRICS,
    EP_OPENAPI,
    EP_KUNDLIS,            /* GET, POST /v1/kundlis */
    EP_KUNDLIS_ID,         /* GET, PATCH, DELETE /v1/kundlis/{id} */
    EP_KUNDLIS_SEARCH,     /* GET /v1/kundlis/search */
    EP_KUNDLIS_LOOKUP,     /* POST /v1/kundlis/lookup */
    EP_KUNDLIS_EXPORT,     /* GET /v1/kundlis/export */
    EP_KUNDLIS_IMPORT,     /* POST /v1/kundlis/import */
    EP_ADMIN_INDEX_USAGE,  /* GET /v1/admin/db/index-usage */
    EP_ADMIN_RESOURCES,    /* GET /v1/admin/resources */
    EP_ADMIN_ALERTS,       /* GET /v1/admin/alerts */
    EP_KUNDLI_SVG,         /* GET, HEAD /v1/kundli/chart.svg */
    EP_WEB,                /* GET / and /assets/{name}: the web page */
    EP_PLACES,             /* GET /v1/places */
    EP_KUNDLI_STREAM,      /* POST /v1/kundli/stream: NDJSON in, NDJSON out */
    EP_MATCH_MATRIX,       /* POST /v1/match/matrix */
    EP_EVENTS,             /* GET, HEAD /v1/events */
    EP_KUNDLI_SENSITIVITY, /* GET, HEAD /v1/kundli/sensitivity */
    EP_MUHURTA,            /* GET, HEAD /v1/muhurta */
    EP_TRANSITS,           /* GET, HEAD /v1/transits */
    EP_OTHER,              /* unknown paths */
    EP_NONE,               /* refused by libmicrohttpd before any handler */
    EP_COUNT
};

struct storage;
struct auth;
struct monitor;
struct cache_redis;

struct service {
    struct config cfg;
    struct storage *storage;   /* the store of saved charts and keys (storage.h) */
    struct auth *auth;         /* API key checks and their cache (auth.h) */
    struct monitor *monitor;   /* resource samples and alerts (monitor.h); NULL: off */
    struct ratelimit *rl_ip;   /* requests per client address (ratelimit.h) */
    struct ratelimit *rl_key;  /* requests per API key */
    struct context engine;     /* ephemeris path, time zones */
    struct places *places;     /* the gazetteer (/v1/places; engine.place_resolve) */
    struct cache *cache;       /* L1; never NULL (a disabled cache misses) */
    struct cache_redis *redis; /* L2 (cache_redis.h); NULL when redis_url is empty */
    struct metrics *metrics;
    struct workpool *pool;    /* helps compute batch items in parallel */
    struct jobs *jobs;        /* compute queue and its workers (http.c starts it) */
    struct jobs *store_jobs;  /* storage work (saved charts, admin): db_workers threads,
                                 as they mostly wait on the database */
    void *http;               /* the HTTP daemon (http.c) */
    struct duplex *duplex;    /* the both-ways stream listener (duplex.h); NULL: off */
    struct http_conns *conns; /* open connections and their sweeper (http.c) */
    struct logbuf *log;       /* access log sink; NULL when access_log is off */
    struct logbuf *errlog;    /* diagnostics sink on stderr (service_diag) */
    atomic_bool draining;     /* SIGTERM received: refuse new work */
    atomic_int inflight;      /* requests started and not yet completed */
    atomic_llong held;        /* response memory held by requests (service_hold) */
};

/* Metric label of an endpoint ("kundli", "kundli_batch", ...). */
const char *service_endpoint_name(int endpoint);

/* The metrics registry with kundlid's endpoints and engine stages (the
 * chart stages, then "serialise" at index STAGE_COUNT). */
struct metrics *service_metrics_create(void);

/* Writes one diagnostic line (printf-style; a trailing newline is dropped,
 * at most 1 KiB is kept) for stderr. Through s->errlog when it exists: never
 * blocks on a slow reader of stderr; a line the sink has no room for is
 * dropped and counted (log_lines_dropped_total{stream="stderr"}). Before
 * the sink exists (start-up, one thread) it is written to stderr directly. */
__attribute__((format(printf, 2, 3))) void service_diag(struct service *s, const char *fmt, ...);

/* The response memory budget (cfg.max_inflight_bytes): what requests hold
 * for their answers, from admission until the answer is sent. Takes n
 * bytes and returns true, or false (nothing taken) when that would pass
 * the budget; force takes them regardless (a body already made). Exported
 * as the response_bytes_held gauge. */
bool service_hold(struct service *s, size_t n, bool force);
/* Gives back n bytes taken by service_hold. */
void service_unhold(struct service *s, size_t n);

struct addrinfo;
struct sockaddr;

/* The address to listen on at host (a numeric IP) and port, from
 * getaddrinfo (freeaddrinfo it), or NULL. */
struct addrinfo *service_listen_address(const char *host, int port);

/* A socket address's IP as text in out (n bytes; "" for NULL or another
 * family than IPv4 and IPv6). */
void service_address_text(const struct sockaddr *sa, char *out, size_t n);

/* Whether an Accept-Encoding value (NULL: none) allows gzip: a "gzip" (or
 * "*") coding whose q-value is not zero (RFC 9110 section 12.5.3). */
bool service_accepts_gzip(const char *accept_encoding);

/* A request's id: the client's X-Request-Id (given; NULL: none) when it is
 * 1..64 characters of [A-Za-z0-9._:-], else 16 generated hex digits. */
void service_request_id(const char *given, char out[72]);

/* Seconds on the monotonic clock. */
double service_now(void);
/* Nanoseconds on the monotonic clock (the engine's stage timer). */
double service_now_ns(void);

#endif
