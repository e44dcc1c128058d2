/* api.c - kundlid's route table, dispatch, and the reply helpers the
 * handlers share (handlers_*.c). Handlers parse and validate, ask the
 * engine or charts.c for documents and build replies; they never touch
 * HTTP internals.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/api.h"

#include "common/jsonw.h"
#include "service/gzip.h"
#include "service/auth.h"
#include "service/handlers.h"
#include "service/ratelimit.h"
#include "service/spool.h"
#include "service/storage.h"
#include "service/stream.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long shared caches may keep a GET answer: a day (charts of one
 * input never change; "today" results key on the day). */
#define CACHE_MAX_AGE "86400"

typedef void (*handler)(struct request *rq, struct reply *r);

/* Who may call an endpoint. */
enum access {
    OPEN,    /* anyone */
    COMPUTE, /* anyone, or a key holder when auth_compute is on */
    KEY,     /* an API key's holder, on their own charts */
    ADMIN,   /* an admin key's holder */
};

/* A path ending in "/{id}" (or another "/{name}") matches any last segment
 * that no other route names exactly (so /v1/kundlis/search is never an
 * id). */
static const struct route {
    const char *path;
    int methods;
    const char *allow;
    enum endpoint endpoint;
    enum access access;
    handler fn;
} routes[] = {
    {"/v1/kundli", HTTP_GET | HTTP_HEAD | HTTP_POST, "GET, HEAD, POST", EP_KUNDLI, COMPUTE,
     handle_kundli},
    {"/v1/kundli/batch", HTTP_POST, "POST", EP_KUNDLI_BATCH, COMPUTE, handle_batch},
    {"/v1/kundli/chart.svg", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_KUNDLI_SVG, COMPUTE,
     handle_kundli_svg},
    {"/v1/kundli/stream", HTTP_POST, "POST", EP_KUNDLI_STREAM, COMPUTE, handle_kundli_stream},
    {"/v1/kundli/sensitivity", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_KUNDLI_SENSITIVITY, COMPUTE,
     handle_kundli_sensitivity},
    {"/v1/match", HTTP_GET | HTTP_HEAD | HTTP_POST, "GET, HEAD, POST", EP_MATCH, COMPUTE,
     handle_match},
    {"/v1/match/matrix", HTTP_POST, "POST", EP_MATCH_MATRIX, COMPUTE, handle_match_matrix},
    {"/v1/panchang", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_PANCHANG, COMPUTE, handle_panchang},
    {"/v1/events", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_EVENTS, COMPUTE, handle_events},
    {"/v1/muhurta", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_MUHURTA, COMPUTE, handle_muhurta},
    {"/v1/transits", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_TRANSITS, COMPUTE, handle_transits},
    {"/v1/places", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_PLACES, OPEN, handle_places},
    {"/v1/kundlis", HTTP_GET | HTTP_POST, "GET, POST", EP_KUNDLIS, KEY, handle_kundlis},
    {"/v1/kundlis/search", HTTP_GET, "GET", EP_KUNDLIS_SEARCH, KEY, handle_kundlis_search},
    {"/v1/kundlis/lookup", HTTP_POST, "POST", EP_KUNDLIS_LOOKUP, KEY, handle_kundlis_lookup},
    {"/v1/kundlis/export", HTTP_GET, "GET", EP_KUNDLIS_EXPORT, KEY, handle_kundlis_export},
    {"/v1/kundlis/import", HTTP_POST, "POST", EP_KUNDLIS_IMPORT, KEY, handle_kundlis_import},
    {"/v1/kundlis/{id}", HTTP_GET | HTTP_PATCH | HTTP_DELETE, "GET, PATCH, DELETE", EP_KUNDLIS_ID,
     KEY, handle_kundlis_id},
    {"/v1/admin/db/index-usage", HTTP_GET, "GET", EP_ADMIN_INDEX_USAGE, ADMIN, handle_index_usage},
    {"/v1/admin/resources", HTTP_GET, "GET", EP_ADMIN_RESOURCES, ADMIN, handle_admin_resources},
    {"/v1/admin/alerts", HTTP_GET, "GET", EP_ADMIN_ALERTS, ADMIN, handle_admin_alerts},
    {"/healthz", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_HEALTHZ, OPEN, handle_healthz},
    {"/readyz", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_READYZ, OPEN, handle_readyz},
    {"/metrics", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_METRICS, OPEN, handle_metrics},
    {"/openapi.json", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_OPENAPI, OPEN, handle_openapi},
    {"/", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_WEB, OPEN, handle_web},
    {"/assets/{name}", HTTP_GET | HTTP_HEAD, "GET, HEAD", EP_WEB, OPEN, handle_web},
};
#define NROUTES (sizeof routes / sizeof routes[0])

/* Whether path is the template's prefix (up to its "{") and one more
 * non-empty segment. */
static bool matches_template(const char *tmpl, const char *path)
{
    const char *brace = strchr(tmpl, '{');
    if (!brace)
        return false;
    size_t n = (size_t)(brace - tmpl);
    return strncmp(tmpl, path, n) == 0 && path[n] && !strchr(path + n, '/');
}

int api_route(const char *path, const char **allow, int *methods)
{
    const struct route *found = NULL;
    for (size_t i = 0; i < NROUTES && !found; i++)
        if (strcmp(routes[i].path, path) == 0)
            found = &routes[i];
    for (size_t i = 0; i < NROUTES && !found; i++)
        if (matches_template(routes[i].path, path))
            found = &routes[i];
    if (!found) {
        *allow = "";
        *methods = 0;
        return EP_OTHER;
    }
    *allow = found->allow;
    *methods = found->methods;
    return found->endpoint;
}

bool api_is_store(int endpoint)
{
    switch (endpoint) {
    case EP_KUNDLIS:
    case EP_KUNDLIS_ID:
    case EP_KUNDLIS_SEARCH:
    case EP_KUNDLIS_LOOKUP:
    case EP_KUNDLIS_EXPORT:
    case EP_KUNDLIS_IMPORT:
    case EP_ADMIN_INDEX_USAGE:
    case EP_ADMIN_RESOURCES:
    case EP_ADMIN_ALERTS: return true;
    default: return false;
    }
}

bool api_is_compute(int endpoint)
{
    switch (endpoint) {
    case EP_KUNDLI:
    case EP_KUNDLI_BATCH:
    case EP_KUNDLI_STREAM:
    case EP_MATCH_MATRIX:
    case EP_KUNDLI_SVG:
    case EP_KUNDLI_SENSITIVITY:
    case EP_MATCH:
    case EP_PANCHANG:
    case EP_EVENTS:
    case EP_MUHURTA:
    case EP_TRANSITS:
    case EP_KUNDLIS:
    case EP_KUNDLIS_ID:
    case EP_KUNDLIS_SEARCH:
    case EP_KUNDLIS_LOOKUP:
    case EP_KUNDLIS_EXPORT:
    case EP_KUNDLIS_IMPORT:
    case EP_ADMIN_INDEX_USAGE:
    case EP_ADMIN_RESOURCES:
    case EP_ADMIN_ALERTS:
    case EP_PLACES: /* the first search builds the gazetteer's index (~0.5 s) */ return true;
    default: return false;
    }
}

size_t api_reserve_bytes(int endpoint, int method)
{
    switch (endpoint) {
    case EP_KUNDLI_BATCH:
        return STREAM_HIGH_WATER + 3 * BATCH_STEP * CHART_RESERVE + STREAM_GZIP_STATE;
    case EP_KUNDLI_STREAM: /* a step's documents, the stream's buffer, the spool */
        return STREAM_HIGH_WATER + 3 * STREAM_STEP * CHART_RESERVE + STREAM_GZIP_STATE +
               SPOOL_MEMORY;
    case EP_MATCH_MATRIX: /* the persons of a body, a step of lines, the stream's buffer */
        return STREAM_HIGH_WATER + STREAM_GZIP_STATE + MATRIX_RESERVE;
    case EP_KUNDLIS: /* POST saves one chart; GET lists a page */
        return method == HTTP_POST ? CHART_RESERVE : SAVED_PAGE_MAX * SAVED_RESERVE;
    case EP_KUNDLIS_SEARCH:
    case EP_KUNDLIS_LOOKUP: /* a page of up to 100 saved charts */
        return SAVED_PAGE_MAX * SAVED_RESERVE;
    case EP_KUNDLIS_EXPORT: /* a page in hand and the stream's buffer */
        return STREAM_HIGH_WATER + SAVED_EXPORT_PAGE * SAVED_RESERVE + STREAM_GZIP_STATE;
    case EP_KUNDLIS_IMPORT: /* one chart at a time and the per-line report */
        return 2 * CHART_RESERVE;
    case EP_EVENTS: /* up to EVENTS_MAX events */
        return EVENTS_RESERVE;
    case EP_KUNDLI_SENSITIVITY: /* up to SENSITIVITY_MAX changes */
        return SENSITIVITY_DOC_MAX;
    case EP_ADMIN_RESOURCES: /* up to 10,000 samples or alerts */
    case EP_ADMIN_ALERTS: return MONITOR_DOC_MAX;
    case EP_MUHURTA: return MUHURTA_DOC_MAX;
    default: return CHART_RESERVE;
    }
}

size_t api_max_body(int endpoint)
{
    switch (endpoint) {
    case EP_KUNDLIS_IMPORT: return SAVED_IMPORT_MAX_BODY;
    case EP_KUNDLI_STREAM: return STREAM_MAX_BODY;
    case EP_MATCH_MATRIX: return MATRIX_MAX_BODY;
    default: return HTTP_MAX_BODY;
    }
}

bool api_is_ops(int endpoint)
{
    return endpoint == EP_HEALTHZ || endpoint == EP_READYZ || endpoint == EP_METRICS ||
           endpoint == EP_OPENAPI || endpoint == EP_WEB;
}

int api_rate_limit(struct ratelimit *rl, const char *key, double now, const char *what,
                   struct reply *r)
{
    double wait;
    if (!rl || ratelimit_take(rl, key, now, &wait))
        return 0;
    int secs = (int)ceil(wait);
    if (secs < 1)
        secs = 1;
    reply_error(r, ERR_RATE_LIMITED, "", "too many requests from this %s; retry after %d s", what,
                secs);
    r->retry_after = secs;
    return ERR_RATE_LIMITED;
}

/* The key id of a checked "Bearer kd_<id>_<secret>" header value. */
static void key_id_of(const char *authorization, char out[AUTH_KEY_ID_LEN + 1])
{
    const char *p = strstr(authorization, "kd_");
    snprintf(out, AUTH_KEY_ID_LEN + 1, "%s", p ? p + 3 : "");
}

int api_check_key(struct service *s, const char *authorization, double now, bool need_admin,
                  char user[AUTH_USER_MAX + 1], bool *admin, struct reply *r)
{
    struct error e;
    err_clear(&e);
    struct store *st = storage_get(s, &e);
    err_clear(&e);
    int rc = auth_check(s->auth, st, authorization, user, admin, &e);
    if (rc == 0 && need_admin && !*admin)
        rc = err_set(&e, ERR_FORBIDDEN, "", "this endpoint needs an admin key");
    if (rc == 0) {
        char id[AUTH_KEY_ID_LEN + 1];
        key_id_of(authorization, id);
        return api_rate_limit(s->rl_key, id, now, "key", r);
    }
    storage_note(s, rc);
    http_error_reply(r, &e);
    if (rc == ERR_UNAUTHORIZED)
        r->authenticate = "Bearer realm=\"kundli\"";
    return rc;
}

/* The key check of a route that needs one (api_check_key). */
static int authorize(struct request *rq, const struct route *rt, struct reply *r)
{
    struct service *s = rq->svc;
    if (rt->access == OPEN || (rt->access == COMPUTE && !s->cfg.auth_compute))
        return 0;
    return api_check_key(s, http_header(rq, "Authorization"), rq->started, rt->access == ADMIN,
                         rq->user, &rq->admin, r);
}

void api_handle(struct request *rq, struct reply *r)
{
    for (size_t i = 0; i < NROUTES; i++)
        if (routes[i].endpoint == rq->endpoint) {
            if (authorize(rq, &routes[i], r) == 0)
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
