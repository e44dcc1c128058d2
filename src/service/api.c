/* api.c - kundlid's route table, dispatch, and the reply helpers the
 * handlers share (handlers_*.c). Handlers parse and validate, ask the
 * engine or charts.c for documents and build replies; they never touch
 * HTTP internals.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/api.h"

#include "common/jsonw.h"
#include "service/gzip.h"
#include "service/handlers.h"
#include "service/stream.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long shared caches may keep a GET answer: a day (charts of one
 * input never change; "today" results key on the day). */
#define CACHE_MAX_AGE "86400"

typedef void (*handler)(struct request *rq, struct reply *r);

static const struct route {
    const char *path;
    int methods;
    const char *allow;
    enum endpoint endpoint;
    handler fn;
} routes[] = {
    {"/v1/kundli", HTTP_GET | HTTP_HEAD | HTTP_POST, "GET, HEAD, POST", EP_KUNDLI, handle_kundli},
    {"/v1/kundli/batch", HTTP_POST, "POST", EP_KUNDLI_BATCH, handle_batch},
    {"/v1/match", HTTP_POST, "POST", EP_MATCH, handle_match},
    {"/v1/panchang", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_PANCHANG, handle_panchang},
    {"/healthz", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_HEALTHZ, handle_healthz},
    {"/readyz", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_READYZ, handle_readyz},
    {"/metrics", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_METRICS, handle_metrics},
    {"/openapi.json", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_OPENAPI, handle_openapi},
};

int api_route(const char *path, const char **allow, int *methods)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(routes[i].path, path) == 0) {
            *allow = routes[i].allow;
            *methods = routes[i].methods;
            return routes[i].endpoint;
        }
    }
    *allow = "";
    *methods = 0;
    return EP_OTHER;
}

bool api_is_compute(int endpoint)
{
    return endpoint == EP_KUNDLI || endpoint == EP_KUNDLI_BATCH || endpoint == EP_MATCH ||
           endpoint == EP_PANCHANG;
}

size_t api_reserve_bytes(int endpoint)
{
    if (endpoint == EP_KUNDLI_BATCH)
        return STREAM_HIGH_WATER + 3 * BATCH_STEP * CHART_RESERVE + STREAM_GZIP_STATE;
    return CHART_RESERVE;
}

void api_handle(struct request *rq, struct reply *r)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (routes[i].endpoint == rq->endpoint) {
            routes[i].fn(rq, r);
            return;
        }
}

void reply_json(struct reply *r, int status, struct jsonw *w)
{
    struct error e;
    if (jw_finish(w, &e) != 0) { /* never send a truncated document */
        jw_free(w);
        reply_error(r, ERR_INTERNAL, "", "%s", e.message);
        return;
    }
    r->status = status;
    r->body = jw_take(w, &r->len);
    jw_free(w);
}

void reply_cacheable(struct request *rq, struct reply *r, const char *etag)
{
    snprintf(r->etag, sizeof r->etag, "%s", etag);
    r->cache_control = "public, max-age=" CACHE_MAX_AGE;
    if (r->status == 200 && http_etag_match(http_header(rq, "If-None-Match"), etag)) {
        free(r->body);
        r->body = NULL;
        r->len = 0;
        r->status = 304;
    }
}

void reply_error(struct reply *r, int code, const char *field, const char *fmt, ...)
{
    struct error e;
    char message[sizeof e.message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    err_set(&e, code, field, "%s", message);
    http_error_reply(r, &e);
}

/* Compresses r's body when the client allows it and it is worth it. */
void reply_gzip(struct request *rq, struct reply *r)
{
    if (!rq->accept_gzip || r->gzip || r->len < GZIP_MIN_BYTES)
        return;
    size_t n;
    void *gz = gzip_compress(r->body, r->len, &n);
    free(r->body);
    r->body = gz;
    r->len = n;
    r->gzip = true;
}

/* Results that depend on "today" (sade sati) are computed for the UTC date
 * of the request unless the client gave options.as_of. */
void default_as_of(struct chart_options *o)
{
    options_default_as_of(o, (double)time(NULL));
}
