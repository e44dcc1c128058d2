/* http.c - libmicrohttpd glue: daemon options, request life cycle, bounded
 * bodies, replies, access log and request metrics (see http.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/http.h"

#include "common/jsonw.h"
#include "app/mem.h"
#include "engine/birth.h"
#include "output/error_json.h"
#include "service/api.h"
#include "service/errors.h"
#include "service/jobs.h"
#include "service/spool.h"
#include "service/stream.h"
#include "service/logbuf.h"
#include "service/metrics.h"

#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Open connections, for the deadlines libmicrohttpd 0.9.75 lacks: its
 * CONNECTION_TIMEOUT counts idle time only, so a client trickling a byte a
 * second holds its slot for ever. Each connection has a node (its MHD
 * socket context) in a list under one mutex, taken only to add and remove
 * nodes and by the sweeper; the request's phase is an atomic in the node.
 * The sweeper wakes every SWEEP_MS and shuts down (shutdown(2) SHUT_RDWR,
 * never close) the socket of a connection still receiving its request
 * after header_timeout; libmicrohttpd then reads EOF and frees the slot
 * itself. Above max_connections - connection_reserve open connections it
 * also shuts down idle kept-alive ones, oldest first in list order, as many
 * as are above that mark, and every connection still receiving its request
 * after PRESSURE_HEAD_MS. */
enum conn_phase {
    PHASE_RECEIVING,  /* request line, headers, body: header_timeout runs */
    PHASE_PROCESSING, /* the request is whole; deadline_ms governs it */
    PHASE_IDLE        /* between requests of a kept-alive connection */
};

#define SWEEP_MS 200
#define PRESSURE_HEAD_MS 1000

struct conn_node {
    struct conn_node *prev, *next;
    int fd;
    bool shut;             /* shutdown(2) done (under the mutex) */
    atomic_int phase;      /* enum conn_phase */
    atomic_llong since_ms; /* monotonic ms the phase began */
};

struct http_conns {
    pthread_mutex_t mu;
    pthread_cond_t wake;
    struct conn_node head; /* list sentinel */
    int open;              /* nodes in the list */
    bool stop;
    pthread_t sweeper;
    struct service *svc;
    int quiesced_fd; /* the listening socket after http_quiesce(), or -1 */
};

static long long now_ms(void)
{
    return (long long)(service_now() * 1000.0);
}

static struct conn_node *conn_node_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void conn_phase(struct MHD_Connection *conn, int phase)
{
    struct conn_node *n = conn_node_of(conn);
    if (!n)
        return;
    atomic_store(&n->since_ms, now_ms());
    atomic_store(&n->phase, phase);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct http_conns *c = ((struct service *)cls)->conns;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct conn_node *n = xcalloc(1, sizeof *n);
        n->fd = ci ? ci->connect_fd : -1;
        atomic_init(&n->phase, PHASE_RECEIVING);
        atomic_init(&n->since_ms, now_ms());
        pthread_mutex_lock(&c->mu);
        n->next = &c->head;
        n->prev = c->head.prev;
        c->head.prev->next = n;
        c->head.prev = n;
        c->open++;
        pthread_mutex_unlock(&c->mu);
        *socket_context = n;
        return;
    }
    struct conn_node *n = *socket_context;
    if (!n)
        return;
    /* Called before libmicrohttpd closes the descriptor: once the node is
     * out of the list the sweeper cannot touch a reused fd. */
    pthread_mutex_lock(&c->mu);
    n->prev->next = n->next;
    n->next->prev = n->prev;
    c->open--;
    pthread_mutex_unlock(&c->mu);
    free(n);
    *socket_context = NULL;
}

/* One pass: shuts down what is overdue; counts by reason into closed[]. */
static void sweep(struct http_conns *c, int closed[CONN_CLOSE_COUNT])
{
    const struct config *cfg = &c->svc->cfg;
    long long now = now_ms();
    long long head_ms = (long long)cfg->header_timeout * 1000;
    long long idle_ms = (long long)cfg->connection_timeout * 1000 + head_ms;
    pthread_mutex_lock(&c->mu);
    int excess = cfg->connection_reserve > 0
                     ? c->open - (cfg->max_connections - cfg->connection_reserve)
                     : 0;
    bool pressure = excess > 0;
    for (struct conn_node *n = c->head.next; n != &c->head; n = n->next) {
        if (n->shut || n->fd < 0)
            continue;
        int phase = atomic_load(&n->phase);
        long long age = now - atomic_load(&n->since_ms);
        int why = -1;
        /* A kept-alive connection may wait connection_timeout for its next
         * request (libmicrohttpd's idle timeout), then has header_timeout
         * for it, unless the request line arrived (PHASE_RECEIVING). */
        if ((phase == PHASE_RECEIVING && age >= head_ms) || (phase == PHASE_IDLE && age >= idle_ms))
            why = CONN_CLOSE_HEADER_TIMEOUT;
        else if (phase == PHASE_IDLE && excess > 0)
            why = CONN_CLOSE_IDLE_RESERVE;
        /* Near the limit a request head gets PRESSURE_HEAD_MS: a client
         * that is not trickling sends it in milliseconds. */
        else if (phase == PHASE_RECEIVING && pressure && age >= PRESSURE_HEAD_MS)
            why = CONN_CLOSE_RESERVE_SLOW;
        if (why < 0)
            continue;
        if (shutdown(n->fd, SHUT_RDWR) == 0 || errno == ENOTCONN) {
            n->shut = true;
            closed[why]++;
            if (excess > 0)
                excess--;
        }
    }
    pthread_mutex_unlock(&c->mu);
}

static void *sweeper(void *arg)
{
    struct http_conns *c = arg;
    pthread_mutex_lock(&c->mu);
    while (!c->stop) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += SWEEP_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&c->wake, &c->mu, &ts);
        if (c->stop)
            break;
        pthread_mutex_unlock(&c->mu);
        int closed[CONN_CLOSE_COUNT] = {0};
        sweep(c, closed);
        for (int i = 0; i < CONN_CLOSE_COUNT; i++)
            for (int k = 0; k < closed[i]; k++)
                metrics_observe_conn_close(c->svc->metrics, i);
        pthread_mutex_lock(&c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

static int conns_start(struct service *s)
{
    struct http_conns *c = xcalloc(1, sizeof *c);
    pthread_condattr_t ca;
    c->svc = s;
    c->quiesced_fd = -1;
    c->head.next = c->head.prev = &c->head;
    pthread_mutex_init(&c->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->wake, &ca);
    pthread_condattr_destroy(&ca);
    s->conns = c;
    if (pthread_create(&c->sweeper, NULL, sweeper, c) != 0) {
        pthread_cond_destroy(&c->wake);
        pthread_mutex_destroy(&c->mu);
        free(c);
        s->conns = NULL;
        return -1;
    }
    return 0;
}

static void conns_stop_sweeper(struct http_conns *c)
{
    pthread_mutex_lock(&c->mu);
    c->stop = true;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->sweeper, NULL);
}

static void conns_free(struct http_conns *c)
{
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

const char *http_header(struct request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

#define QUERY_KEYS_MAX 64 /* distinct parameters a query string may have */

struct query_iter {
    int (*fn)(void *ctx, const char *k, const char *v);
    void *ctx;
    int rc;
    struct error *err;
    const char *keys[QUERY_KEYS_MAX]; /* those seen, as spelt */
    const char *names[QUERY_KEYS_MAX]; /* and their long names (birth_param_name) */
    int nkeys;
};

static enum MHD_Result query_cb(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    (void)kind;
    struct query_iter *it = cls;
    if (strcmp(key, "pretty") == 0) /* the HTTP layer's own (send_reply) */
        return MHD_YES;
    /* A parameter given twice, or by its short and long names (lat and
     * latitude), is refused rather than the last one winning. */
    const char *name = birth_param_name(key);
    for (int i = 0; i < it->nkeys; i++)
        if (strcmp(it->names[i], name) == 0) {
            it->rc = birth_param_duplicate(key, it->keys[i], it->err);
            return MHD_NO;
        }
    if (it->nkeys == QUERY_KEYS_MAX) {
        it->rc = err_set(it->err, ERR_TOO_LARGE, "", "at most %d query parameters", QUERY_KEYS_MAX);
        return MHD_NO;
    }
    it->keys[it->nkeys] = key;
    it->names[it->nkeys++] = name;
    it->rc = it->fn(it->ctx, key, value ? value : "");
    return it->rc ? MHD_NO : MHD_YES;
}

int http_query_each(struct request *rq, int (*fn)(void *ctx, const char *k, const char *v),
                    void *ctx, struct error *err)
{
    struct query_iter it = {.fn = fn, .ctx = ctx, .err = err};
    MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, query_cb, &it);
    return it.rc;
}

bool http_past_deadline(void *rq)
{
    return service_now() > ((const struct request *)rq)->deadline;
}

bool http_query_flag(struct request *rq, const char *name)
{
    const char *v = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || v[0] == '\0');
}

bool http_etag_match(const char *inm, const char *etag)
{
    size_t n = strlen(etag);
    for (const char *p = inm; p && *p;) {
        p += strspn(p, " \t,");
        if (*p == '*')
            return true;
        if (p[0] == 'W' && p[1] == '/')
            p += 2;
        size_t len = strcspn(p, ",");
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == n && memcmp(p, etag, n) == 0)
            return true;
        p += strcspn(p, ",");
    }
    return false;
}

void http_error_reply(struct reply *r, const struct error *e)
{
    struct jsonw w;
    jw_init(&w, 4096);
    error_json_write(&w, e);
    r->status = errors_http_status(e->code);
    r->body = jw_take(&w, &r->len);
    jw_free(&w);
}

static int method_of(const char *m)
{
    if (strcmp(m, "GET") == 0)
        return HTTP_GET;
    if (strcmp(m, "HEAD") == 0)
        return HTTP_HEAD;
    if (strcmp(m, "POST") == 0)
        return HTTP_POST;
    if (strcmp(m, "PATCH") == 0)
        return HTTP_PATCH;
    if (strcmp(m, "DELETE") == 0)
        return HTTP_DELETE;
    return HTTP_OTHER;
}

/* Every 503 says when to try again. */
#define RETRY_AFTER_SECONDS "1"

/* A streamed body (stream.h): libmicrohttpd asks for the next bytes on the
 * I/O thread; with none ready yet the connection is suspended until the
 * producer has some. */
static void suspend_conn(void *conn)
{
    MHD_suspend_connection(conn);
}

static void resume_conn(void *conn)
{
    MHD_resume_connection(conn);
}

static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    ssize_t n = stream_read(cls, buf, max);
    return n == STREAM_EOF     ? MHD_CONTENT_READER_END_OF_STREAM
           : n == STREAM_ERROR ? MHD_CONTENT_READER_END_WITH_ERROR
                               : n;
}

static void detach_stream(void *cls)
{
    stream_detach(cls);
}

#define STREAM_BLOCK (32 * 1024) /* bytes libmicrohttpd asks for at a time */

static struct MHD_Response *make_response(struct request *rq, struct reply *r)
{
    if (r->stream) {
        stream_attach(r->stream, suspend_conn, resume_conn, rq->conn);
        struct MHD_Response *resp = MHD_create_response_from_callback(
            MHD_SIZE_UNKNOWN, STREAM_BLOCK, read_stream, r->stream, detach_stream);
        if (!resp)
            stream_detach(r->stream);
        return resp;
    }
    /* A body made on the I/O thread (a cache hit, an error, /metrics) holds
     * memory too, though it is not refused for it. */
    if (r->len > rq->held) {
        service_hold(rq->svc, r->len - rq->held, true);
        rq->held = r->len;
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->len, r->body ? r->body : (void *)"",
                                        r->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp)
        free(r->body);
    return resp;
}

/* ?pretty=1: a JSON body, whole and not compressed, indented again. */
static void indent_body(struct reply *r)
{
    struct jsonw w;
    struct error e;
    if (!r->body || r->gzip || r->stream ||
        (r->content_type && strncmp(r->content_type, "application/json", 16) != 0))
        return;
    jw_init(&w, 4 * r->len + 1024);
    jw_indent(&w, r->body, r->len);
    if (jw_finish(&w, &e) == 0) {
        free(r->body);
        r->body = jw_take(&w, &r->len);
    }
    jw_free(&w);
}

/* The Access-Control-Allow-Origin for a request's Origin under the
 * cors_origins setting (a comma list of origins, or "*"), or NULL. */
static const char *cors_allow(const struct service *s, const char *origin)
{
    const char *list = s->cfg.cors_origins;
    if (!list[0] || !origin || !origin[0])
        return NULL;
    for (const char *p = list; *p;) {
        p += strspn(p, " ,");
        size_t n = strcspn(p, " ,");
        if (n == 1 && p[0] == '*')
            return "*";
        if (n && strlen(origin) == n && strncmp(p, origin, n) == 0)
            return origin;
        p += n;
    }
    return NULL;
}

static enum MHD_Result send_reply(struct request *rq, struct reply *r)
{
    if (rq->pretty)
        indent_body(r);
    struct MHD_Response *resp = make_response(rq, r);
    if (!resp)
        return MHD_NO;
    if (r->status != 204)
        MHD_add_response_header(resp, "Content-Type",
                                r->content_type ? r->content_type : "application/json");
    MHD_add_response_header(resp, "X-Request-Id", rq->id);
    MHD_add_response_header(
        resp, "Vary", rq->svc->cfg.cors_origins[0] ? "Accept-Encoding, Origin" : "Accept-Encoding");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (r->csp) { /* the web page's files */
        MHD_add_response_header(resp, "Content-Security-Policy", r->csp);
        MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    }
    if (rq->cors_origin) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", rq->cors_origin);
        if (r->status == 204) { /* the answer to a preflight OPTIONS */
            MHD_add_response_header(resp, "Access-Control-Allow-Methods", r->allow);
            MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                                    "Authorization, Content-Type, If-None-Match, X-Request-Id");
            MHD_add_response_header(resp, "Access-Control-Max-Age", "86400");
        } else {
            MHD_add_response_header(resp, "Access-Control-Expose-Headers",
                                    "ETag, Retry-After, X-Request-Id");
        }
    }
    if (r->gzip)
        MHD_add_response_header(resp, "Content-Encoding", "gzip");
    if (r->etag[0])
        MHD_add_response_header(resp, "ETag", r->etag);
    if (r->cache_control)
        MHD_add_response_header(resp, "Cache-Control", r->cache_control);
    if (r->allow && r->status != 204)
        MHD_add_response_header(resp, "Allow", r->allow);
    if (r->authenticate)
        MHD_add_response_header(resp, "WWW-Authenticate", r->authenticate);
    if (r->status == 503) /* overloaded, draining, past the deadline: come back later */
        MHD_add_response_header(resp, "Retry-After", RETRY_AFTER_SECONDS);
    if (r->status == 429) {
        char secs[16];
        snprintf(secs, sizeof secs, "%d", r->retry_after > 0 ? r->retry_after : 1);
        MHD_add_response_header(resp, "Retry-After", secs);
    }
    if (r->close) /* libmicrohttpd closes the connection after this reply */
        MHD_add_response_header(resp, "Connection", "close");
    rq->status = r->status;
    rq->bytes = r->len;
    /* Counted when queued, so a client that has its answer also sees it in
     * /metrics; the access log at completion has the full time. */
    metrics_observe_request(rq->svc->metrics, rq->endpoint, r->status, service_now() - rq->started);
    enum MHD_Result ok = MHD_queue_response(rq->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result send_error(struct request *rq, int code, const char *field,
                                  const char *message, const char *allow)
{
    struct error e;
    struct reply r = {0};
    err_set(&e, code, field, "%s", message);
    http_error_reply(&r, &e);
    r.allow = allow;
    r.close = code == ERR_MALFORMED_REQUEST || code == ERR_INVALID_CHARACTER;
    return send_reply(rq, &r);
}

/* Framing that libmicrohttpd lets through but a proxy in front may read
 * otherwise (request smuggling), and NULs, found in one pass over the
 * request headers. */
struct framing {
    int content_lengths;    /* Content-Length headers */
    bool cl_conflict;       /* two of them differ */
    const char *cl;         /* the first one's value */
    int transfer_encodings; /* Transfer-Encoding headers */
    bool te_not_chunked;    /* one that is not exactly "chunked" */
    int hosts;              /* Host headers */
    bool blank_in_name;     /* a blank in a name ("Host : x") */
    bool nul;               /* a NUL in a name or value */
};

static enum MHD_Result framing_cb(void *cls, enum MHD_ValueKind kind, const char *key,
                                  size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    struct framing *f = cls;
    if (strlen(key) != key_size || (value && strlen(value) != value_size))
        f->nul = true;
    if (key[strcspn(key, " \t")])
        f->blank_in_name = true;
    if (strcasecmp(key, "Content-Length") == 0) {
        if (f->content_lengths++ && strcmp(f->cl, value ? value : "") != 0)
            f->cl_conflict = true;
        if (!f->cl)
            f->cl = value ? value : "";
    } else if (strcasecmp(key, "Transfer-Encoding") == 0) {
        f->transfer_encodings++;
        if (!value || strcasecmp(value, "chunked") != 0)
            f->te_not_chunked = true;
    } else if (strcasecmp(key, "Host") == 0) {
        f->hosts++;
    }
    return MHD_YES;
}

static enum MHD_Result nul_cb(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                              const char *value, size_t value_size)
{
    (void)kind;
    bool *nul = cls;
    if (strlen(key) != key_size || (value && strlen(value) != value_size)) {
        *nul = true;
        return MHD_NO;
    }
    return MHD_YES;
}

/* The 400 a request's framing or characters earn, before anything else is
 * looked at, or MHD_YES to go on. The connection is closed after it: what
 * follows on it cannot be trusted to be a request of its own. A NUL in the
 * URL is seen by the URI callback (url_nul is set), one in a header or
 * parameter by comparing the length libmicrohttpd reports with strlen. */
static enum MHD_Result refuse_framing(struct request *rq, const char *version, bool url_nul)
{
    struct framing f = {0};
    bool nul = url_nul;
    MHD_get_connection_values_n(rq->conn, MHD_HEADER_KIND, framing_cb, &f);
    MHD_get_connection_values_n(rq->conn, MHD_GET_ARGUMENT_KIND, nul_cb, &nul);
    if (f.nul)
        return send_error(rq, ERR_INVALID_CHARACTER, "", "a header contains a NUL character", NULL);
    if (nul)
        return send_error(rq, ERR_INVALID_CHARACTER, "", "the URL contains a NUL character (%00)",
                          NULL);
    const char *why = NULL;
    if (f.blank_in_name)
        why = "no blank is allowed between a header's name and its colon";
    else if (f.content_lengths && f.transfer_encodings)
        why = "send Content-Length or Transfer-Encoding, not both";
    else if (f.cl_conflict)
        why = "conflicting Content-Length headers";
    else if (f.content_lengths > 1)
        why = "repeated Content-Length header";
    else if (f.transfer_encodings > 1 || f.te_not_chunked)
        why = "the only Transfer-Encoding understood is one \"chunked\"";
    else if (f.hosts > 1)
        why = "repeated Host header";
    else if (!f.hosts && strcmp(version, MHD_HTTP_VERSION_1_1) == 0)
        why = "an HTTP/1.1 request needs a Host header";
    if (why)
        return send_error(rq, ERR_MALFORMED_REQUEST, "", why, NULL);
    return MHD_YES;
}

static bool is_type(const char *ct, const char *type)
{
    if (!ct)
        return false;
    size_t n = strlen(type);
    return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

bool http_body_type_ok(int endpoint, const char *ct)
{
    return is_type(ct, "application/json") ||
           ((endpoint == EP_KUNDLIS_IMPORT || endpoint == EP_KUNDLI_STREAM) &&
            is_type(ct, "application/x-ndjson"));
}

static enum MHD_Result send_too_large(struct request *rq)
{
    char msg[64];
    snprintf(msg, sizeof msg, "request body larger than %zu KiB", api_max_body(rq->endpoint) >> 10);
    return send_error(rq, ERR_TOO_LARGE, "", msg, NULL);
}

/* First call of a request: checks that can answer before any body is read. */
/* The client's address as text ("" when unknown). */
static void client_address(struct MHD_Connection *conn, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    service_address_text(ci ? ci->client_addr : NULL, out, n);
}

static enum MHD_Result begin(struct service *s, struct request *rq, const char *url,
                             const char *method, const char *version, bool url_nul)
{
    const char *allow;
    int methods;
    service_request_id(http_header(rq, "X-Request-Id"), rq->id);
    rq->method = method_of(method);
    rq->endpoint = api_route(url, &allow, &methods);
    rq->pretty = http_query_flag(rq, "pretty");
    rq->accept_gzip = !rq->pretty && service_accepts_gzip(http_header(rq, "Accept-Encoding"));
    rq->cors_origin = cors_allow(s, http_header(rq, "Origin"));
    enum MHD_Result ok = refuse_framing(rq, version, url_nul);
    if (ok != MHD_YES || rq->status)
        return ok;
    /* A CORS preflight from an allowed origin (cors_origins); without the
     * setting, or from another origin, OPTIONS is a method like any other. */
    if (rq->cors_origin && strcmp(method, "OPTIONS") == 0 && rq->endpoint != EP_OTHER &&
        http_header(rq, "Access-Control-Request-Method")) {
        struct reply r = {.status = 204, .allow = allow};
        return send_reply(rq, &r);
    }
    if (atomic_load(&s->draining) && rq->endpoint != EP_HEALTHZ)
        return send_error(rq, ERR_UNAVAILABLE, "", "the server is shutting down", NULL);
    if (rq->endpoint == EP_OTHER)
        return send_error(rq, ERR_NOT_FOUND, "", "no such endpoint", NULL);
    if (!(rq->method & methods)) {
        char msg[96];
        snprintf(msg, sizeof msg, "method %.16s not allowed here; use %s", method, allow);
        return send_error(rq, ERR_METHOD_NOT_ALLOWED, "", msg, allow);
    }
    if (!api_is_ops(rq->endpoint)) {
        char ip[INET6_ADDRSTRLEN];
        struct reply r = {0};
        client_address(rq->conn, ip, sizeof ip);
        if (api_rate_limit(s->rl_ip, ip, rq->started, "address", &r))
            return send_reply(rq, &r);
    }
    if (rq->method == HTTP_POST || rq->method == HTTP_PATCH) {
        if (!http_body_type_ok(rq->endpoint, http_header(rq, "Content-Type")))
            return send_error(rq, ERR_UNSUPPORTED_MEDIA_TYPE, "",
                              rq->endpoint == EP_KUNDLIS_IMPORT || rq->endpoint == EP_KUNDLI_STREAM
                                  ? "send the body as Content-Type: application/x-ndjson"
                                  : "send the body as Content-Type: application/json",
                              NULL);
        const char *cl = http_header(rq, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > api_max_body(rq->endpoint))
            return send_too_large(rq);
    }
    return MHD_YES;
}

/* The request context until the access handler's first call: NULL, or
 * this marker when the raw URL has a %00 (libmicrohttpd decodes it and
 * hands the handler a path cut short at the NUL). */
static char url_has_nul;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    /* The request line of a kept-alive connection's next request: its
     * header_timeout starts now. (The first request's started at accept.) */
    struct conn_node *n = conn_node_of(conn);
    if (n && atomic_load(&n->phase) == PHASE_IDLE)
        conn_phase(conn, PHASE_RECEIVING);
    for (const char *p = strchr(uri, '%'); p; p = strchr(p + 1, '%'))
        if (p[1] == '0' && p[2] == '0')
            return &url_has_nul;
    return NULL;
}

/* A compute request on a worker thread (jobs.h): its connection is
 * suspended, so rq lives until the resume below lets libmicrohttpd call the
 * access handler again, which sends rq->reply. The deadline counts from
 * arrival: a job that waited past it is answered without computing. */
static void run_job(void *arg, bool cancelled)
{
    struct request *rq = arg;
    struct error e;
    if (cancelled) {
        err_set(&e, ERR_UNAVAILABLE, "", "the server is shutting down");
        http_error_reply(&rq->reply, &e);
    } else if (service_now() > rq->deadline) {
        err_set(&e, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
        http_error_reply(&rq->reply, &e);
    } else {
        api_handle(rq, &rq->reply);
    }
    MHD_resume_connection(rq->conn);
}

/* Suspends the connection and queues its request; a refused one is
 * answered (503 overloaded) through the same resume. Suspending comes
 * first: a worker may finish the job before jobs_submit returns. */
static enum MHD_Result enqueue(struct service *s, struct request *rq)
{
    size_t need = api_reserve_bytes(rq->endpoint, rq->method);
    if (!service_hold(s, need, false)) {
        metrics_observe_overloaded(s->metrics);
        return send_error(rq, ERR_OVERLOADED, "",
                          "the response memory budget is spent; retry later", NULL);
    }
    rq->held = need;
    rq->queued = true;
    MHD_suspend_connection(rq->conn);
    int rc = jobs_submit(api_is_store(rq->endpoint) ? s->store_jobs : s->jobs, run_job, rq, false);
    if (rc) {
        struct error e;
        err_set(&e, rc, "",
                rc == ERR_OVERLOADED ? "too much work queued; retry later"
                                     : "the server is shutting down");
        http_error_reply(&rq->reply, &e);
        MHD_resume_connection(rq->conn);
    }
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    struct service *s = cls;
    struct request *rq = *con_cls;
    if (!rq || *con_cls == (void *)&url_has_nul) {
        bool url_nul = *con_cls == (void *)&url_has_nul;
        rq = xcalloc(1, sizeof *rq);
        rq->svc = s;
        rq->conn = conn;
        rq->path = url;
        rq->started = service_now();
        rq->deadline = rq->started + s->cfg.deadline_ms / 1000.0;
        *con_cls = rq;
        atomic_fetch_add(&s->inflight, 1);
        return begin(s, rq, url, method, version, url_nul);
    }
    if (rq->status) { /* answered early; discard whatever body still comes */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size && rq->endpoint == EP_KUNDLI_STREAM) {
        /* A stream's body goes to its spool as it comes (libmicrohttpd
         * replies only once the body is in, so it cannot wait for the
         * output); each piece restarts header_timeout: the body must keep
         * coming, however long it is. */
        size_t n = *upload_size;
        *upload_size = 0;
        if (!rq->spool)
            rq->spool = spool_new();
        if (spool_size(rq->spool) + n > api_max_body(rq->endpoint))
            return send_too_large(rq);
        if (spool_write(rq->spool, upload_data, n) != 0)
            return send_error(rq, ERR_UNAVAILABLE, "", "the body cannot be kept (temporary file)",
                              NULL);
        conn_phase(conn, PHASE_RECEIVING);
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (rq->body_len + n > api_max_body(rq->endpoint))
            return send_too_large(rq);
        rq->body = xrealloc(rq->body, rq->body_len + n + 1);
        memcpy(rq->body + rq->body_len, upload_data, n);
        rq->body_len += n;
        rq->body[rq->body_len] = '\0';
        return MHD_YES;
    }
    if (rq->queued) { /* resumed: the worker left the answer in rq->reply */
        rq->queued = false;
        return send_reply(rq, &rq->reply);
    }
    conn_phase(conn, PHASE_PROCESSING);
    if (rq->endpoint == EP_KUNDLI_STREAM) /* its deadline counts from the body's end */
        rq->deadline = service_now() + s->cfg.deadline_ms / 1000.0;
    /* A cache hit is answered here, unqueued; unless keys are checked,
     * which may need the database (on a worker, then). */
    if (rq->endpoint == EP_KUNDLI && !s->cfg.auth_compute) {
        struct reply hit = {0};
        rq->render = RENDER_HIT_ONLY;
        api_handle(rq, &hit);
        rq->render = RENDER_MISSED;
        if (hit.status)
            return send_reply(rq, &hit);
    }
    if (api_is_compute(rq->endpoint))
        return enqueue(s, rq);
    struct reply r = {0};
    api_handle(rq, &r);
    return send_reply(rq, &r);
}

void http_access_log(const struct request *rq, double seconds)
{
    static const char *const cache[] = {[CACHE_NONE] = "none",
                                        [CACHE_HIT] = "hit",
                                        [CACHE_MISS] = "miss",
                                        [CACHE_HIT_L2] = "hit_l2"};
    struct timespec ts;
    struct tm tm;
    char when[32];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    struct jsonw w;
    jw_init(&w, 1024);
    jw_obj(&w);
    char stamp[48];
    snprintf(stamp, sizeof stamp, "%s.%03ldZ", when, ts.tv_nsec / 1000000);
    jw_kstr(&w, "ts", stamp);
    jw_kstr(&w, "id", rq->id);
    jw_kstr(&w, "method",
            rq->method == HTTP_GET      ? "GET"
            : rq->method == HTTP_POST   ? "POST"
            : rq->method == HTTP_HEAD   ? "HEAD"
            : rq->method == HTTP_PATCH  ? "PATCH"
            : rq->method == HTTP_DELETE ? "DELETE"
                                        : "OTHER");
    jw_key(&w, "path");
    jw_strn(&w, rq->path, strnlen(rq->path, 200));
    jw_kstr(&w, "endpoint", service_endpoint_name(rq->endpoint));
    jw_kint(&w, "status", rq->status);
    jw_kint(&w, "us", (long long)(seconds * 1e6));
    jw_kint(&w, "bytes", (long long)rq->bytes);
    jw_kstr(&w, "cache", cache[rq->cache]);
    jw_obj_end(&w);
    if (jw_finish(&w, NULL) != 0 || !logbuf_line(rq->svc->log, w.buf, w.len))
        metrics_observe_log_drop(rq->svc->metrics);
    jw_free(&w);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    struct service *s = cls;
    conn_phase(conn, PHASE_IDLE);
    struct request *rq = *con_cls;
    if (!rq || *con_cls == (void *)&url_has_nul) /* refused before the handler */
        return;
    double seconds = service_now() - rq->started;
    if (rq->status && s->log)
        http_access_log(rq, seconds);
    service_unhold(s, rq->held);
    free(rq->parsed);
    spool_free(rq->spool);
    free(rq->body);
    free(rq);
    *con_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}

/* Counts a reply libmicrohttpd makes itself (a malformed request line or
 * header, a too large URL, header or Content-Length, an unsupported
 * version) in request_count_total under endpoint "none". libmicrohttpd
 * 0.9.75 announces each one to the logger with this format, the status
 * first; the logger is the only place it is visible. */
static void count_mhd_reply(struct service *s, const char *fmt, va_list ap)
{
    static const char refusal[] = "Error processing request (HTTP response code is %u";
    static const char limit[] = "Server reached connection limit";
    if (s && strncmp(fmt, limit, sizeof limit - 1) == 0) /* total or per address */
        metrics_observe_conn_refused(s->metrics);
    if (!s || strncmp(fmt, refusal, sizeof refusal - 1) != 0)
        return;
    va_list copy;
    va_copy(copy, ap);
    unsigned status = va_arg(copy, unsigned);
    va_end(copy);
    metrics_observe_request(s->metrics, EP_NONE, (int)status, 0.0);
}

/* libmicrohttpd's messages, as JSON lines for stderr through the service's
 * non-blocking diagnostics sink: MHD logs from its connection threads (one
 * line per aborted connection, which any client can cause), so a stalled
 * reader of stderr must not stall them. */
__attribute__((format(printf, 2, 0))) static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    struct service *s = cls;
    count_mhd_reply(s, fmt, ap);
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    struct jsonw w;
    jw_init(&w, 1024);
    jw_obj(&w);
    jw_kstr(&w, "level", "warn");
    jw_kstr(&w, "msg", msg);
    jw_obj_end(&w);
    if (jw_finish(&w, NULL) == 0)
        service_diag(s, "%s", w.buf);
    jw_free(&w);
}

/* Stops (if still running) and frees both job queues. */
static void stop_queues(struct service *s)
{
    struct jobs **queues[] = {&s->jobs, &s->store_jobs};
    for (size_t i = 0; i < sizeof queues / sizeof queues[0]; i++) {
        jobs_stop(*queues[i]);
        jobs_destroy(*queues[i]);
        *queues[i] = NULL;
    }
}

int http_start(struct service *s, int *port_out)
{
    const struct config *cfg = &s->cfg;
    struct addrinfo *ai = service_listen_address(cfg->listen_host, cfg->listen_port);
    if (!ai) {
        service_diag(s, "kundlid: cannot use listen address %s:%d (give a numeric IP)",
                     cfg->listen_host, cfg->listen_port);
        return -1;
    }
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (conns_start(s) != 0) {
        freeaddrinfo(ai);
        service_diag(s, "kundlid: cannot start the connection sweeper");
        return -1;
    }
    long threads = cfg->threads > 0 ? cfg->threads : sysconf(_SC_NPROCESSORS_ONLN);
    /* Strict client mode stays at 0 on purpose: at 1, libmicrohttpd 0.9.75
     * refuses an HTTP/1.1 request without Host from its header parser,
     * whose error reply goes out with its status line twice (the state
     * machine builds the header again after the error queued it). The
     * access handler checks Host itself (refuse_framing), with one reply. */
    /* As many compute workers as I/O threads: batch items also use the
     * separate work pool (workpool.h), whose caller works on its own items,
     * so a batch job never waits on work queued behind it. */
    s->jobs = jobs_create((int)(threads > 0 ? threads : 1), cfg->queue_wait_ms, s->metrics);
    s->store_jobs = jobs_create(cfg->db_workers, cfg->queue_wait_ms, s->metrics);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->listen_port, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
        log_mhd, s, MHD_OPTION_STRICT_FOR_CLIENT, 0, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(threads > 0 ? threads : 1), MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)cfg->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)cfg->max_connections_per_ip, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->connection_timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->connection_memory_kb * 1024,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 4096u, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!d) {
        stop_queues(s);
        conns_stop_sweeper(s->conns);
        conns_free(s->conns);
        s->conns = NULL;
        service_diag(s, "kundlid: cannot listen on %s:%d", cfg->listen_host, cfg->listen_port);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *port_out = info ? info->port : cfg->listen_port;
    s->http = d;
    return 0;
}

void http_quiesce(struct service *s)
{
    /* The worker threads may still poll the listening socket for a moment:
     * shutting it down refuses new connections at once, and the descriptor
     * is closed only after the daemon has stopped (closing it here raced
     * with them, as ThreadSanitizer showed). */
    MHD_socket fd = MHD_quiesce_daemon(s->http);
    if (fd != MHD_INVALID_SOCKET) {
        shutdown(fd, SHUT_RDWR);
        s->conns->quiesced_fd = fd;
    }
}

void http_stop(struct service *s)
{
    /* The sweeper first; the daemon's closes still lock the list. */
    conns_stop_sweeper(s->conns);
    /* Every suspended connection must be resumed before the daemon stops:
     * the workers finish what runs and answer what waits 503. */
    jobs_stop(s->jobs);
    jobs_stop(s->store_jobs);
    MHD_stop_daemon(s->http);
    stop_queues(s);
    s->http = NULL;
    if (s->conns->quiesced_fd >= 0)
        close(s->conns->quiesced_fd);
    conns_free(s->conns);
    s->conns = NULL;
}
