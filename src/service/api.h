/* api.h - kundlid's routes and handlers: which endpoint a path is, which
 * methods it allows, and the answer to each request.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_API_H
#define KUNDLI_API_H

#include "service/auth.h"
#include "service/http.h"

struct ratelimit;

/* The endpoint (enum endpoint) of path, or EP_OTHER. *allow gets the
 * endpoint's Allow header value (e.g. "GET, HEAD, POST"), and *methods
 * the enum http_method bits it accepts. */
int api_route(const char *path, const char **allow, int *methods);

/* Whether an endpoint's answer is computed (charts, batch, match,
 * panchang, events): such requests go through the job queue (jobs.h), the others
 * are answered on the I/O thread. */
bool api_is_compute(int endpoint);

/* The response memory a compute request of endpoint reserves at admission
 * (service_hold): the most its answer can hold at once. A chart document
 * with every section is under CHART_RESERVE; a batch holds a step's
 * documents, their copy in the stream and the stream's buffer. */
#define CHART_RESERVE (256 * 1024)
#define SAVED_RESERVE (48 * 1024)               /* a saved chart's document with its chart */
#define SAVED_PAGE_MAX 100                      /* saved charts in one list, search or lookup */
#define SAVED_EXPORT_PAGE 20                    /* saved charts an export step writes */
#define SAVED_IMPORT_MAX_BODY (8 * 1024 * 1024) /* an NDJSON import's body */
/* POST /v1/kundli/stream: the body is spooled (spool.h), not held; this
 * bounds its temporary file. */
#define STREAM_MAX_BODY (1024ull * 1024 * 1024)
#define MATRIX_MAX_BODY (8 * 1024 * 1024) /* POST /v1/match/matrix */
/* An events document: ten years of every kind at a place are ~60,000
 * events, ~8.5 MB; the document's limit is its count's bound
 * (EVENTS_JSON_BYTES), at most ~20 MB for EVENTS_MAX. */
#define EVENTS_RESERVE (16u * 1024 * 1024)
size_t api_reserve_bytes(int endpoint, int method);

/* The largest request body endpoint takes (413 beyond): HTTP_MAX_BODY,
 * or SAVED_IMPORT_MAX_BODY for an NDJSON import. */
size_t api_max_body(int endpoint);

/* Whether a compute endpoint's work is mostly storage (saved charts, the
 * admin reports): it goes to the storage queue (service.store_jobs), whose
 * many workers wait on the database without holding the compute workers. */
bool api_is_store(int endpoint);

/* The operations endpoints (/healthz, /readyz, /metrics, /openapi.json)
 * and the web page's static files (/, /assets/...): never rate-limited, so
 * probes and scrapers always get through and loading the page spends none
 * of the address's budget for the API calls it makes. */
bool api_is_ops(int endpoint);

/* Takes a request from key's bucket in rl (the client's address, or an API
 * key's id; `what` names it in the message). Returns 0, or fills r with
 * 429 rate_limited and its Retry-After and returns ERR_RATE_LIMITED. */
int api_rate_limit(struct ratelimit *rl, const char *key, double now, const char *what,
                   struct reply *r);

/* Checks an API key (the Authorization header's value; NULL: none) and
 * takes a request from its rate bucket at `now`. Returns 0 with user and
 * *admin filled; or fills r (401 with a Bearer challenge, 403 for a
 * non-admin key when need_admin, 429 past the key's rate, 503 when the key
 * cannot be looked up) and returns its code. */
int api_check_key(struct service *s, const char *authorization, double now, bool need_admin,
                  char user[AUTH_USER_MAX + 1], bool *admin, struct reply *r);

/* Answers rq (routed, method allowed, body complete) into r. */
void api_handle(struct request *rq, struct reply *r);

#endif
