/* http.h - kundlid's HTTP layer over libmicrohttpd (the only file that sees
 * microhttpd.h): the daemon, the life of a request (id, bounded body,
 * deadline, access log, metrics) and replies with the headers every
 * response carries (X-Request-Id, Vary, X-Content-Type-Options, gzip
 * Content-Encoding).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_HTTP_H
#define KUNDLI_HTTP_H

#include "common/err.h"
#include "service/charts.h"
#include "service/service.h"

#include <stdbool.h>
#include <stddef.h>

#define HTTP_MAX_BODY (64 * 1024) /* larger bodies get 413 (api_max_body: per endpoint) */

enum http_method {
    HTTP_GET = 1,
    HTTP_HEAD = 2,
    HTTP_POST = 4,
    HTTP_OTHER = 8,
    HTTP_PATCH = 16,
    HTTP_DELETE = 32
};

/* What the caches did for a request, as the access log's "cache". */
enum cache_status {
    CACHE_NONE,   /* not a cacheable request */
    CACHE_HIT,    /* from L1 */
    CACHE_MISS,   /* computed */
    CACHE_HIT_L2, /* from Redis */
};

struct stream;

/* What a handler answers. The HTTP layer frees body, or sends the stream
 * as it is produced (chunked; len unused) and detaches from it. */
struct reply {
    int status;
    char *body; /* malloc'd, or NULL */
    size_t len;
    struct stream *stream;     /* instead of body: a streamed body (stream.h) */
    bool gzip;                 /* body is gzip-encoded */
    const char *content_type;  /* default application/json */
    char etag[40];             /* quoted strong ETag, or "" */
    const char *cache_control; /* or NULL */
    const char *allow;         /* for 405, or NULL */
    const char *authenticate;  /* WWW-Authenticate for 401, or NULL */
    const char *csp;           /* Content-Security-Policy of a page, or NULL */
    int retry_after;           /* Retry-After seconds of a 429 */
    bool close;                /* close the connection after it (bad framing) */
};

/* One request, as handlers see it. */
struct request {
    struct service *svc;
    void *conn; /* the MHD connection; only http.c uses it */
    enum http_method method;
    const char *path;
    char *body; /* NUL-terminated; NULL without a body */
    size_t body_len;
    char id[72];             /* X-Request-Id: the client's if sane, else generated */
    double started;          /* service_now() at arrival */
    double deadline;         /* started + configured deadline */
    bool accept_gzip;        /* Accept-Encoding allows gzip (never with pretty) */
    bool pretty;             /* ?pretty=1: the JSON body indented (send_reply) */
    const char *cors_origin; /* Access-Control-Allow-Origin to send (cors_origins), or NULL */
    enum render_mode render; /* how /v1/kundli uses the cache (http.c sets it) */
    struct spool *spool;     /* /v1/kundli/stream's body as it came (spool.h); the
                                handler takes it, else freed at completion */
    void *parsed;            /* /v1/kundli's parsed input, kept from the cache lookup for
                                the worker (handlers_chart.c); free()d at completion */
    enum cache_status cache; /* for the access log */
    char user[65];           /* the API key's user (auth.h), "" without one */
    bool admin;              /* the API key is an admin key */
    /* A compute request waits in the job queue (jobs.h) with its connection
     * suspended; the worker leaves the answer in `reply`, which the I/O
     * thread sends when libmicrohttpd calls the handler again. */
    bool queued;
    struct reply reply;
    size_t held; /* bytes of the response budget it holds (service_hold) */
    /* set when the reply is queued, read when the request completes */
    enum endpoint endpoint;
    int status;
    size_t bytes;
};

/* A request header's value, or NULL. */
const char *http_header(struct request *rq, const char *name);

/* True when an If-None-Match value (NULL: none) names etag: "*", or etag
 * in its comma-separated list, compared weakly (a W/ prefix is ignored) as
 * RFC 9110 section 13.1.2 asks for GET and HEAD. */
bool http_etag_match(const char *if_none_match, const char *etag);

/* Calls fn(ctx, key, value) for each query-string argument, in order, until
 * fn returns non-zero; returns that value (0 if every call returned 0).
 * A key without '=' has value "". "pretty" is the HTTP layer's and skipped.
 * A key given twice, or by both its short and long names (lat and latitude:
 * birth_param_name), stops the walk with ERR_DUPLICATE_PARAMETER in err;
 * more than 64 keys with ERR_TOO_LARGE. */
int http_query_each(struct request *rq, int (*fn)(void *ctx, const char *k, const char *v),
                    void *ctx, struct error *err);

/* Whether the query string has name=1, name=true or a bare name. */
bool http_query_flag(struct request *rq, const char *name);

/* Whether the deadline of request rq (a const struct request *, passed as
 * void * so that it fits the engine's searches' stop hook) has passed. */
bool http_past_deadline(void *rq);

/* A POST body's media type (Content-Type value ct; NULL: none) is one
 * endpoint takes: JSON, or NDJSON where the endpoint takes lines. */
bool http_body_type_ok(int endpoint, const char *ct);

/* Writes rq's access log line (one JSON object; s->log must exist). */
void http_access_log(const struct request *rq, double seconds);

/* Fills r with the JSON error document of e and its HTTP status. */
void http_error_reply(struct reply *r, const struct error *e);

/* Starts the daemon on s->cfg's address with a pool of worker threads
 * (stored in s->http). Returns 0, or -1 with a message for stderr (service_diag).
 * *port_out gets the port actually bound (useful with port 0). */
int http_start(struct service *s, int *port_out);

/* Stops accepting new connections; in-flight requests go on. */
void http_quiesce(struct service *s);

/* Closes every connection and stops the worker threads. */
void http_stop(struct service *s);

#endif
