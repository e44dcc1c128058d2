/* handlers.h - kundlid's request handlers, one file per family
 * (handlers_chart.c, handlers_jyotish.c, handlers_ops.c), and the reply
 * helpers they share (api.c). Private to src/service.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_HANDLERS_H
#define KUNDLI_HANDLERS_H

#include "common/jsonw.h"
#include "engine/birth.h"
#include "service/http.h"

#define BATCH_MAX 100         /* items in a batch */
#define BATCH_STEP 4          /* items a batch computes (in parallel) per queued job */
#define STREAM_STEP 8         /* lines POST /v1/kundli/stream computes per queued job */
#define MATRIX_SIDE_MAX 10000 /* boys, and girls, of POST /v1/match/matrix */
#define MATRIX_TOP_MAX 1000   /* its "top" */
/* What a matrix holds while it streams: its persons (each side's and the
 * cJSON tree of the body, about 100 bytes a person beyond the body) and a
 * step's lines. */
#define MATRIX_RESERVE (24u * 1024 * 1024)
/* The largest answer of /v1/admin/resources and /v1/admin/alerts: 10,000
 * rows of at most ~500 bytes. */
#define MONITOR_DOC_MAX (6u << 20)
/* The largest answer of /v1/kundli/sensitivity: SENSITIVITY_MAX changes of
 * at most ~180 bytes, and the head. */
#define SENSITIVITY_DOC_MAX (1u << 20)
/* The largest muhurta document (GET /v1/muhurta): 92 days of any purpose
 * with two natives write about 100 KiB; the bound allows a window or an
 * exclusion at every one of the ~1,500 rule changes of 92 days. */
#define MUHURTA_DOC_MAX (4u << 20)

/* Charts: GET/HEAD/POST /v1/kundli and POST /v1/kundli/batch. */
void handle_kundli(struct request *rq, struct reply *r);
void handle_batch(struct request *rq, struct reply *r);
/* POST /v1/kundli/stream: one chart (or error) line per NDJSON body line,
 * computed as the client reads (handlers_stream.c; rq->spool holds the
 * body). */
void handle_kundli_stream(struct request *rq, struct reply *r);
/* POST /v1/match/matrix: the best girls of each boy (handlers_stream.c). */
void handle_match_matrix(struct request *rq, struct reply *r);
/* GET/HEAD /v1/kundli/chart.svg: one divisional chart drawn as SVG
 * (output/svg.h); the birth parameters of GET /v1/kundli, and style,
 * varga and name. */
void handle_kundli_svg(struct request *rq, struct reply *r);
/* GET/HEAD /v1/kundli/sensitivity: the instants within ?window= of the
 * birth at which the lagna, D9/D10 lagna, Moon's pada, running dasha or a
 * cusp's sign change (engine/sensitivity.h); the birth parameters of GET
 * /v1/kundli, and window. */
void handle_kundli_sensitivity(struct request *rq, struct reply *r);
/* POST /v1/match and GET /v1/panchang. */
void handle_match(struct request *rq, struct reply *r);
void handle_panchang(struct request *rq, struct reply *r);
/* GET/HEAD /v1/transits: the chart document with only its "transits"
 * section, at `date` (a date or a date and time, in the birth's zone unless
 * it carries an offset); the birth as for GET /v1/kundli, but its date and
 * time as birth_date and birth_time. */
void handle_transits(struct request *rq, struct reply *r);
void handle_places(struct request *rq, struct reply *r); /* handlers_places.c */
/* GET/HEAD /v1/events: the events of a span of time (handlers_events.c). */
void handle_events(struct request *rq, struct reply *r);
/* GET/HEAD /v1/muhurta: the windows of a date range that satisfy a
 * purpose's rules (handlers_muhurta.c). */
void handle_muhurta(struct request *rq, struct reply *r);
/* Saved charts (handlers_saved.c), for the key's user (rq->user):
 * GET/POST /v1/kundlis, GET/PATCH/DELETE /v1/kundlis/{id}, and
 * /v1/kundlis/search, lookup, export and import. */
void handle_kundlis(struct request *rq, struct reply *r);
void handle_kundlis_id(struct request *rq, struct reply *r);
void handle_kundlis_search(struct request *rq, struct reply *r);
void handle_kundlis_lookup(struct request *rq, struct reply *r);
void handle_kundlis_export(struct request *rq, struct reply *r);
void handle_kundlis_import(struct request *rq, struct reply *r);
/* GET /v1/admin/db/index-usage (admin key): the store's index report. */
void handle_index_usage(struct request *rq, struct reply *r);
/* GET /v1/admin/resources and /v1/admin/alerts (admin key): the resource
 * monitor's stored samples and alerts (handlers_monitor.c). */
void handle_admin_resources(struct request *rq, struct reply *r);
void handle_admin_alerts(struct request *rq, struct reply *r);
/* GET / and /assets/{name}: the embedded web page (handlers_web.c). */
void handle_web(struct request *rq, struct reply *r);
/* /healthz, /readyz, /metrics, /openapi.json. */
void handle_healthz(struct request *rq, struct reply *r);
void handle_readyz(struct request *rq, struct reply *r);
void handle_metrics(struct request *rq, struct reply *r);
void handle_openapi(struct request *rq, struct reply *r);

/* Takes w's document as r's body with the given status; frees w. */
void reply_json(struct reply *r, int status, struct jsonw *w);

/* Marks r cacheable by shared caches for a day under the strong ETag etag
 * and, when the request's If-None-Match names it, turns r into a 304 with
 * no body. The one conditional-GET path of GET endpoints. */
void reply_cacheable(struct request *rq, struct reply *r, const char *etag);
/* Fills r with the error document of (code, field, message). */
void reply_error(struct reply *r, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Compresses r's body when the client allows gzip and it is >= 1 KiB. */
void reply_gzip(struct request *rq, struct reply *r);
/* Sets options.as_of to today (UTC) when the client gave none. */
void default_as_of(struct chart_options *o);

#endif
