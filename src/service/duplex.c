/* duplex.c - POST /v1/kundli/stream both ways at once, on a port of its own.
 *
 * libmicrohttpd answers a request only once its body is in (an answer
 * queued earlier makes it drop the rest of the body), so on the main port a
 * stream's body is spooled first (handlers_stream.c). Here each connection
 * has a thread that reads the request with Debian's http-parser and answers
 * every line as soon as it is computed, while the body still comes: a
 * client may send one line and wait for its answer.
 *
 * Backpressure both ways is TCP's: the thread reads the next piece of body
 * only once the answers to the lines before it are sent, and a send blocks
 * while the client does not read (at most connection_timeout seconds).
 * Memory per stream: one piece of body (DUPLEX_READ), one line
 * (STREAM_LINE_MAX), the answers of DUPLEX_STEP lines and, when gzip is
 * accepted, zlib's state. The answer is chunked (gzip-encoded when accepted,
 * each chunk sync-flushed) and the connection closes after it.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#define _GNU_SOURCE /* accept4, pipe2 */
#include "service/duplex.h"

#include "app/mem.h"
#include "service/metrics.h"
#include "service/stream_line.h"
#include "service/workpool.h"
#include "service/zbody.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <http_parser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DUPLEX_READ (64 * 1024) /* bytes read from the socket at once */
#define DUPLEX_STEP 16          /* lines computed at once (in parallel), at most */
#define HEAD_MAX (16 * 1024)    /* bytes of a request's URL and headers */
#define VALUE_MAX 1024          /* bytes of a header value that is kept */
#define REFUSERS_MAX 8          /* 503s past stream_connections at once; more are closed */
#define HEAD_SLOW 1.0           /* a head still unread after this, with every slot taken: cut */

struct duplex {
    struct service *svc;
    int fd;      /* listening */
    int wake[2]; /* a byte here stops the accepting thread */
    pthread_t acceptor;
    bool accepting; /* the thread runs */
    pthread_mutex_t mu;
    pthread_cond_t gone; /* a stream thread ended */
    int active;          /* threads: streams and refusals */
    int refusing;        /* of them, answering 503 past stream_connections */
    int *fds;            /* each stream's socket (-1: a free slot), to cut them on stop */
    double *heads;       /* per slot: when its connection came, while its head is read; 0 after */
};

/* The headers kept from a request head. */
enum kept {
    K_NONE = -1,
    K_CONTENT_TYPE,
    K_AUTHORIZATION,
    K_REQUEST_ID,
    K_EXPECT,
    K_ACCEPT_ENCODING,
    K_COUNT
};
static const char *const kept_names[K_COUNT] = {"content-type", "authorization", "x-request-id",
                                                "expect", "accept-encoding"};

struct line {
    char *text;
    size_t len;
    long no;
    char *out;
    size_t out_len;
};

struct dconn {
    struct duplex *dx;
    int fd, slot;
    char ip[INET6_ADDRSTRLEN];
    http_parser p;
    double started;
    char id[72];
    /* the head */
    size_t head_bytes;
    char url[HEAD_MAX + 1];
    size_t url_len;
    char field[32];
    size_t field_len; /* > sizeof field - 1: a name too long to be kept */
    bool in_value;
    int kept; /* the header whose value is being read, or K_NONE */
    char values[K_COUNT][VALUE_MAX + 1];
    bool present[K_COUNT];
    int hosts;
    /* the body */
    bool answering; /* the 200 head went out */
    bool ended;     /* the whole request was read */
    bool failed;    /* stop: the client left, a send timed out, or an error was answered */
    int status;
    char *line; /* the line being read (STREAM_LINE_MAX + 1) */
    size_t line_len;
    bool cut; /* it is longer than STREAM_LINE_MAX */
    long line_no;
    struct line items[DUPLEX_STEP];
    int count;
    double deadline;   /* of the step being computed */
    struct zbody body; /* the answer's body, gzip-encoded when accepted */
    size_t bytes;      /* of the answer's body */
};

/* ---- sending ------------------------------------------------------------- */

/* Sends all of p (flags: MSG_MORE when more follows at once); false when the client left or did not
 * read for connection_timeout seconds (SO_SNDTIMEO). */
static bool send_all(struct dconn *c, const char *p, size_t n, int flags)
{
    while (n > 0) {
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL | flags);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            c->failed = true;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static void send_refusal(struct dconn *c, struct stream_refusal *r)
{
    char head[512];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                     "X-Request-Id: %s\r\nConnection: close\r\n",
                     r->status, http_status_str((enum http_status)r->status), r->len, c->id);
    if (r->status == 503 && !r->retry_after) /* every 503 says when to try again */
        r->retry_after = 1;
    if (r->retry_after)
        n += snprintf(head + n, sizeof head - (size_t)n, "Retry-After: %d\r\n", r->retry_after);
    if (r->allow)
        n += snprintf(head + n, sizeof head - (size_t)n, "Allow: %s\r\n", r->allow);
    if (r->authenticate)
        n += snprintf(head + n, sizeof head - (size_t)n, "WWW-Authenticate: %s\r\n",
                      r->authenticate);
    n += snprintf(head + n, sizeof head - (size_t)n, "\r\n");
    if (send_all(c, head, (size_t)n, MSG_MORE))
        send_all(c, r->body, r->len, 0);
    c->status = r->status;
    c->bytes = r->len;
    c->failed = true; /* nothing more is read */
    free(r->body);
}

static void refuse(struct dconn *c, int code, const char *message)
{
    struct stream_refusal r;
    stream_refuse(&r, code, message);
    send_refusal(c, &r);
}

/* ---- the lines ------------------------------------------------------------ */

static void compute_item(void *ctx, int k)
{
    struct dconn *c = ctx;
    struct line *l = &c->items[k];
    if (!l->out)
        stream_line(c->dx->svc, l->text, l->len, l->no, c->deadline, &l->out, &l->out_len);
}

/* Sends what the body has ready as one chunk (none when it has nothing). */
static void send_chunk(struct dconn *c)
{
    struct zbuf *b = &c->body.out;
    size_t n = b->len - b->off;
    if (n == 0 || c->failed)
        return;
    char size[32];
    int k = snprintf(size, sizeof size, "%zx\r\n", n);
    zbuf_append(b, "\r\n", 2);
    if (send_all(c, size, (size_t)k, MSG_MORE) && send_all(c, b->p + b->off, n + 2, 0))
        c->bytes += n;
    b->off = b->len = 0;
}

/* Computes the lines read so far and sends their answers as one chunk. */
static void flush(struct dconn *c)
{
    if (c->count == 0 || c->failed)
        return;
    struct service *s = c->dx->svc;
    c->deadline = service_now() + s->cfg.deadline_ms / 1000.0;
    workpool_run(s->pool, c->count, compute_item, c);
    for (int k = 0; k < c->count; k++) {
        struct line *l = &c->items[k];
        zbody_write(&c->body, l->out, l->out_len);
        free(l->out);
        free(l->text);
        l->out = l->text = NULL;
    }
    c->count = 0;
    zbody_flush(&c->body);
    send_chunk(c);
}

/* The line read so far becomes an item (a blank one is skipped). */
static void end_line(struct dconn *c)
{
    c->line_no++;
    size_t len = c->line_len;
    bool cut = c->cut;
    c->line_len = 0;
    c->cut = false;
    if (!cut && strspn(c->line, " \t\r") == len)
        return;
    struct line *l = &c->items[c->count++];
    l->no = c->line_no;
    l->out = l->text = NULL;
    if (cut) {
        stream_line_too_long(l->no, &l->out, &l->out_len);
    } else {
        l->text = xmalloc(len + 1);
        memcpy(l->text, c->line, len + 1);
        l->len = len;
    }
    if (c->count == DUPLEX_STEP)
        flush(c);
}

/* ---- the request, as http-parser reads it ---------------------------------- */

static int head_grow(struct dconn *c, size_t n)
{
    c->head_bytes += n;
    return c->head_bytes > HEAD_MAX ? -1 : 0;
}

static int on_url(http_parser *p, const char *at, size_t n)
{
    struct dconn *c = p->data;
    if (head_grow(c, n))
        return -1;
    memcpy(c->url + c->url_len, at, n);
    c->url_len += n;
    c->url[c->url_len] = '\0';
    return 0;
}

static int on_field(http_parser *p, const char *at, size_t n)
{
    struct dconn *c = p->data;
    if (head_grow(c, n))
        return -1;
    if (c->in_value) { /* a new header */
        c->in_value = false;
        c->field_len = 0;
    }
    for (size_t i = 0; i < n; i++, c->field_len++)
        if (c->field_len < sizeof c->field - 1)
            c->field[c->field_len] = at[i];
    return 0;
}

static int on_value(http_parser *p, const char *at, size_t n)
{
    struct dconn *c = p->data;
    if (head_grow(c, n))
        return -1;
    if (!c->in_value) { /* the value of the field just read */
        c->in_value = true;
        c->kept = K_NONE;
        bool fits = c->field_len < sizeof c->field; /* else no header of interest */
        c->field[fits ? c->field_len : 0] = '\0';
        if (strcasecmp(c->field, "host") == 0)
            c->hosts++;
        for (int k = 0; k < K_COUNT; k++)
            if (strcasecmp(c->field, kept_names[k]) == 0 && !c->present[k]) {
                c->kept = k;
                c->present[k] = true;
                c->values[k][0] = '\0';
            }
    }
    if (c->kept == K_NONE)
        return 0;
    char *v = c->values[c->kept];
    size_t have = strlen(v);
    if (have + n > VALUE_MAX)
        return -1;
    memcpy(v + have, at, n);
    v[have + n] = '\0';
    return 0;
}

static int on_headers_complete(http_parser *p)
{
    struct dconn *c = p->data;
    pthread_mutex_lock(&c->dx->mu);
    c->dx->heads[c->slot] = 0;
    pthread_mutex_unlock(&c->dx->mu);
    if (c->present[K_REQUEST_ID])
        service_request_id(c->values[K_REQUEST_ID], c->id);
    if (p->http_major != 1 || p->http_minor != 1) {
        refuse(c, ERR_MALFORMED_REQUEST, "a both-ways stream needs HTTP/1.1");
        return -1;
    }
    if (c->hosts != 1) {
        refuse(c, ERR_MALFORMED_REQUEST,
               c->hosts ? "repeated Host header" : "an HTTP/1.1 request needs a Host header");
        return -1;
    }
    char *query = strchr(c->url, '?');
    if (query)
        *query = '\0';
    struct stream_head h = {
        .method = http_method_str((enum http_method)p->method),
        .path = c->url,
        .content_type = c->present[K_CONTENT_TYPE] ? c->values[K_CONTENT_TYPE] : NULL,
        .authorization = c->present[K_AUTHORIZATION] ? c->values[K_AUTHORIZATION] : NULL,
        .ip = c->ip,
    };
    struct stream_refusal r;
    if (stream_head_check(c->dx->svc, &h, &r)) {
        send_refusal(c, &r);
        return -1;
    }
    if (c->present[K_EXPECT] && strcasecmp(c->values[K_EXPECT], "100-continue") == 0 &&
        !send_all(c, "HTTP/1.1 100 Continue\r\n\r\n", 25, 0))
        return -1;
    bool gzip = c->present[K_ACCEPT_ENCODING] && service_accepts_gzip(c->values[K_ACCEPT_ENCODING]);
    zbody_init(&c->body, gzip);
    char head[320];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                     "Transfer-Encoding: chunked\r\n%sVary: Accept-Encoding\r\n"
                     "Cache-Control: no-store\r\nX-Request-Id: %s\r\nConnection: close\r\n\r\n",
                     gzip ? "Content-Encoding: gzip\r\n" : "", c->id);
    if (!send_all(c, head, (size_t)n, 0))
        return -1;
    c->answering = true;
    c->status = 200;
    /* from here on the body may pause between lines for connection_timeout */
    struct timeval tv = {.tv_sec = c->dx->svc->cfg.connection_timeout};
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return 0;
}

static int on_body(http_parser *p, const char *at, size_t n)
{
    struct dconn *c = p->data;
    while (n > 0 && !c->failed) {
        const char *nl = memchr(at, '\n', n);
        size_t take = nl ? (size_t)(nl - at) : n;
        size_t room = STREAM_LINE_MAX - c->line_len;
        if (take > room)
            c->cut = true;
        size_t keep = take < room ? take : room;
        memcpy(c->line + c->line_len, at, keep);
        c->line_len += keep;
        c->line[c->line_len] = '\0';
        if (!nl)
            break;
        end_line(c);
        at += take + 1;
        n -= take + 1;
    }
    return c->failed ? -1 : 0;
}

static int on_message_complete(http_parser *p)
{
    struct dconn *c = p->data;
    if (c->line_len || c->cut) /* a last line without a newline counts */
        end_line(c);
    c->ended = true;
    http_parser_pause(p, 1); /* whatever follows (a pipelined request) is not read */
    return 0;
}

static const http_parser_settings settings = {
    .on_url = on_url,
    .on_header_field = on_field,
    .on_header_value = on_value,
    .on_headers_complete = on_headers_complete,
    .on_body = on_body,
    .on_message_complete = on_message_complete,
};

/* ---- a stream's thread ------------------------------------------------------ */

/* Whether more of the body is already here (then it joins the step). */
static bool more_waiting(int fd)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    return poll(&pfd, 1, 0) > 0;
}

static void conn_free(struct dconn *c)
{
    for (int k = 0; k < c->count; k++) {
        free(c->items[k].out);
        free(c->items[k].text);
    }
    free(c->line);
    if (c->answering)
        zbody_free(&c->body);
    free(c);
}

static void conn_run(struct dconn *c, char *buf)
{
    struct service *s = c->dx->svc;
    double head_deadline = c->started + s->cfg.header_timeout;
    while (!c->failed && !c->ended) {
        if (!c->answering) { /* the head has header_timeout seconds in all */
            double left = head_deadline - service_now();
            if (left <= 0)
                return;
            struct timeval tv = {.tv_sec = (time_t)left,
                                 .tv_usec = (suseconds_t)((left - (double)(time_t)left) * 1e6)};
            setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        }
        ssize_t n = recv(c->fd, buf, DUPLEX_READ, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) { /* left, silent too long, or shut down: the lines read are
                         answered, and the answer stays unfinished */
            flush(c);
            return;
        }
        http_parser_execute(&c->p, &settings, buf, (size_t)n); /* stops at an error or the end */
        if (c->failed)
            return;
        enum http_errno e = HTTP_PARSER_ERRNO(&c->p);
        if (e != HPE_OK && e != HPE_PAUSED) {
            if (!c->answering)
                refuse(c, ERR_MALFORMED_REQUEST,
                       e == HPE_CB_url || e == HPE_CB_header_field || e == HPE_CB_header_value
                           ? "the request head is too large (16 KiB at most)"
                           : http_errno_description(e));
            return; /* a broken body after the 200: the answer stays unfinished */
        }
        if (!c->ended && !more_waiting(c->fd))
            flush(c);
    }
    flush(c);
    if (c->failed)
        return;
    zbody_finish(&c->body);
    send_chunk(c);
    send_all(c, "0\r\n\r\n", 5, 0);
}

/* After an error answer sent before the body was read: ends the sending
 * side and reads what the client still sends (1 s, 1 MiB at most) before
 * the close, which would otherwise reset the connection and could take the
 * answer with it. */
static void linger(int fd, char *buf)
{
    struct timeval tv = {.tv_sec = 1};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    shutdown(fd, SHUT_WR);
    double until = service_now() + 1.0;
    for (size_t got = 0; got < (1u << 20) && service_now() < until;) {
        ssize_t n = recv(fd, buf, DUPLEX_READ, 0);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
}

/* Gives back a thread's place: its stream slot, or (slot < 0) its place
 * among the refusals. Called with mu held. */
static void release(struct duplex *dx, int slot)
{
    if (slot >= 0) {
        dx->fds[slot] = -1;
        dx->heads[slot] = 0;
    } else {
        dx->refusing--;
    }
    dx->active--;
}

/* A stream (c->slot >= 0), or a connection past stream_connections
 * (c->slot < 0): 503 at once, without reading the request. */
static void *conn_main(void *arg)
{
    struct dconn *c = arg;
    struct duplex *dx = c->dx;
    struct service *s = dx->svc;
    char *buf = xmalloc(DUPLEX_READ);
    if (c->slot < 0) {
        struct timeval tv = {.tv_sec = 1};
        setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        refuse(c, ERR_OVERLOADED, "too many streams at once; retry later");
    } else {
        struct timeval tv = {.tv_sec = s->cfg.connection_timeout};
        setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        http_parser_init(&c->p, HTTP_REQUEST);
        c->p.data = c;
        c->line = xmalloc(STREAM_LINE_MAX + 1);
        c->line[0] = '\0';
        atomic_fetch_add(&s->inflight, 1);
        metrics_streams_add(s->metrics, 1);
        conn_run(c, buf);
        metrics_streams_add(s->metrics, -1);
        atomic_fetch_sub(&s->inflight, 1);
    }
    bool lingers = c->status >= 400;
    if (lingers && c->slot >= 0) {
        /* The stream is over: its slot is free before the client can see
         * the close, and the lingering counts among the refusals (past
         * REFUSERS_MAX of them, the connection is closed at once). */
        pthread_mutex_lock(&dx->mu);
        lingers = dx->refusing < REFUSERS_MAX;
        release(dx, c->slot);
        dx->active++;
        dx->refusing++;
        c->slot = -1;
        pthread_mutex_unlock(&dx->mu);
    }
    if (lingers)
        linger(c->fd, buf);
    free(buf);
    if (c->status)
        stream_finished(s, c->id, c->status, service_now() - c->started, c->bytes);
    pthread_mutex_lock(&dx->mu);
    release(dx, c->slot);
    close(c->fd);
    pthread_cond_broadcast(&dx->gone);
    pthread_mutex_unlock(&dx->mu);
    conn_free(c);
    return NULL;
}

/* ---- accepting ------------------------------------------------------------- */

/* Every slot is taken: a stream whose head has taken more than HEAD_SLOW
 * (a slowloris, or a client gone quiet) is cut, so that the next try,
 * after the 503's Retry-After, finds room. Called with mu held. */
static void cut_slow_heads(struct duplex *dx)
{
    double now = service_now();
    for (int i = 0; i < dx->svc->cfg.stream_connections; i++)
        if (dx->heads[i] > 0 && now - dx->heads[i] > HEAD_SLOW) {
            shutdown(dx->fds[i], SHUT_RDWR);
            dx->heads[i] = 0;
            metrics_observe_conn_close(dx->svc->metrics, CONN_CLOSE_RESERVE_SLOW);
        }
}

static void *accept_main(void *arg)
{
    struct duplex *dx = arg;
    int max = dx->svc->cfg.stream_connections;
    for (;;) {
        struct pollfd pfd[2] = {{.fd = dx->fd, .events = POLLIN},
                                {.fd = dx->wake[0], .events = POLLIN}};
        if (poll(pfd, 2, -1) < 0 && errno != EINTR)
            break;
        if (pfd[1].revents)
            break;
        if (!(pfd[0].revents & POLLIN))
            continue;
        struct sockaddr_storage sa;
        socklen_t salen = sizeof sa;
        int fd = accept4(dx->fd, (struct sockaddr *)&sa, &salen, SOCK_CLOEXEC);
        if (fd < 0) { /* reset before accept; out of descriptors: wait, or poll spins */
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
            continue;
        }
        pthread_mutex_lock(&dx->mu);
        int slot = -1;
        for (int i = 0; i < max && slot < 0; i++)
            if (dx->fds[i] < 0)
                slot = i;
        bool take = slot >= 0 || dx->refusing < REFUSERS_MAX;
        if (slot >= 0) {
            dx->fds[slot] = fd;
            dx->heads[slot] = service_now();
        } else {
            cut_slow_heads(dx);
            dx->refusing += take;
        }
        dx->active += take;
        pthread_mutex_unlock(&dx->mu);
        if (!take) { /* refusals are already lingering: closed unanswered */
            close(fd);
            continue;
        }
        struct dconn *c = xcalloc(1, sizeof *c);
        c->dx = dx;
        c->fd = fd;
        c->slot = slot;
        c->started = service_now();
        service_request_id(NULL, c->id); /* the client's X-Request-Id replaces it */
        service_address_text((const struct sockaddr *)&sa, c->ip, sizeof c->ip);
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int rc = pthread_create(&t, &attr, conn_main, c);
        pthread_attr_destroy(&attr);
        if (rc != 0) { /* out of threads: closed unanswered */
            pthread_mutex_lock(&dx->mu);
            release(dx, slot);
            pthread_mutex_unlock(&dx->mu);
            close(fd);
            free(c);
        }
    }
    return NULL;
}

static int listen_on(struct service *s, int *port_out)
{
    const struct config *cfg = &s->cfg;
    struct addrinfo *ai = service_listen_address(cfg->listen_host, cfg->stream_port);
    if (!ai)
        return -1;
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 128) != 0) {
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return -1;
    }
    freeaddrinfo(ai);
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    getsockname(fd, (struct sockaddr *)&sa, &len);
    *port_out = ntohs(sa.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)(void *)&sa)->sin6_port
                                               : ((struct sockaddr_in *)(void *)&sa)->sin_port);
    return fd;
}

int duplex_start(struct service *s, int *port_out)
{
    int fd = listen_on(s, port_out);
    if (fd < 0) {
        service_diag(s, "kundlid: cannot listen on %s:%d for streams (stream_port)",
                     s->cfg.listen_host, s->cfg.stream_port);
        return -1;
    }
    struct duplex *dx = xcalloc(1, sizeof *dx);
    dx->svc = s;
    dx->fd = fd;
    dx->fds = xmalloc((size_t)s->cfg.stream_connections * sizeof *dx->fds);
    dx->heads = xcalloc((size_t)s->cfg.stream_connections, sizeof *dx->heads);
    for (int i = 0; i < s->cfg.stream_connections; i++)
        dx->fds[i] = -1;
    pthread_mutex_init(&dx->mu, NULL);
    pthread_cond_init(&dx->gone, NULL);
    if (pipe2(dx->wake, O_CLOEXEC) != 0 ||
        pthread_create(&dx->acceptor, NULL, accept_main, dx) != 0) {
        service_diag(s, "kundlid: cannot start the stream listener");
        close(fd);
        free(dx->fds);
        free(dx->heads);
        free(dx);
        return -1;
    }
    dx->accepting = true;
    s->duplex = dx;
    return 0;
}

/* Shuts down every stream's socket (how: SHUT_RD, SHUT_RDWR): its recv,
 * or also its send, returns at once. */
static void cut_streams(struct duplex *dx, int how)
{
    for (int i = 0; i < dx->svc->cfg.stream_connections; i++)
        if (dx->fds[i] >= 0)
            shutdown(dx->fds[i], how);
}

void duplex_quiesce(struct service *s)
{
    struct duplex *dx = s->duplex;
    if (!dx || !dx->accepting)
        return;
    if (write(dx->wake[1], "x", 1) != 1)
        shutdown(dx->fd, SHUT_RDWR);
    pthread_join(dx->acceptor, NULL);
    dx->accepting = false;
    close(dx->fd);
    dx->fd = -1;
    pthread_mutex_lock(&dx->mu);
    cut_streams(dx, SHUT_RD);
    pthread_mutex_unlock(&dx->mu);
}

void duplex_stop(struct service *s)
{
    struct duplex *dx = s->duplex;
    if (!dx)
        return;
    duplex_quiesce(s);
    pthread_mutex_lock(&dx->mu);
    cut_streams(dx, SHUT_RDWR);
    while (dx->active > 0)
        pthread_cond_wait(&dx->gone, &dx->mu);
    pthread_mutex_unlock(&dx->mu);
    close(dx->wake[0]);
    close(dx->wake[1]);
    pthread_mutex_destroy(&dx->mu);
    pthread_cond_destroy(&dx->gone);
    free(dx->fds);
    free(dx->heads);
    free(dx);
    s->duplex = NULL;
}
