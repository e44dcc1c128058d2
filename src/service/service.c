/* service.c - small shared facts of the service: endpoint labels, clock,
 * the diagnostics line.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/service.h"

#include "engine/chart.h"
#include "service/logbuf.h"
#include "service/metrics.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

const char *service_endpoint_name(int endpoint)
{
    static const char *const names[EP_COUNT] = {
        "kundli",
        "kundli_batch",
        "match",
        "panchang",
        "healthz",
        "readyz",
        "metrics",
        "openapi",
        "kundlis",
        "kundlis_id",
        "kundlis_search",
        "kundlis_lookup",
        "kundlis_export",
        "kundlis_import",
        "admin_index_usage",
        "admin_resources",
        "admin_alerts",
        "kundli_svg",
        "web",
        "places",
        "kundli_stream",
        "match_matrix",
        "events",
        "kundli_sensitivity",
        "muhurta",
        "transits",
        "other",
        "none",
    };
    return endpoint >= 0 && endpoint < EP_COUNT ? names[endpoint] : "other";
}

void service_diag(struct service *s, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    while (len > 0 && line[len - 1] == '\n')
        len--;
    if (!s->errlog) {
        fprintf(stderr, "%.*s\n", (int)len, line);
        return;
    }
    if (!logbuf_line(s->errlog, line, len) && s->metrics)
        metrics_observe_diag_drop(s->metrics);
}

bool service_hold(struct service *s, size_t n, bool force)
{
    long long want = (long long)n;
    long long was = atomic_fetch_add(&s->held, want);
    if (!force && was + want > (long long)s->cfg.max_inflight_bytes && was > 0) {
        atomic_fetch_sub(&s->held, want);
        return false;
    }
    metrics_held_bytes_add(s->metrics, want);
    return true;
}

void service_unhold(struct service *s, size_t n)
{
    atomic_fetch_sub(&s->held, (long long)n);
    metrics_held_bytes_add(s->metrics, -(long long)n);
}

double service_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double service_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

struct metrics *service_metrics_create(void)
{
    const char *endpoints[EP_COUNT];
    const char *stages[STAGE_COUNT + 1];
    for (int i = 0; i < EP_COUNT; i++)
        endpoints[i] = service_endpoint_name(i);
    for (int i = 0; i < STAGE_COUNT; i++)
        stages[i] = chart_stage_name(i);
    stages[STAGE_COUNT] = "serialise";
    return metrics_create(endpoints, EP_COUNT, stages, STAGE_COUNT + 1);
}

/* A client's X-Request-Id is kept if it is 1..64 characters of
 * [A-Za-z0-9._:-]; anything else is replaced by a generated id. */
static bool sane_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (n >= 64 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == ':'))
            return false;
    }
    return n > 0;
}

static void new_id(char out[72])
{
    static _Thread_local uint64_t state;
    static atomic_uint_fast64_t seq;
    if (!state) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        state = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
                (atomic_fetch_add(&seq, 1) << 48) ^ (uint64_t)getpid();
    }
    state ^= state << 13; /* xorshift64 */
    state ^= state >> 7;
    state ^= state << 17;
    for (int i = 0; i < 16; i++) /* 16 lowercase hex digits */
        out[i] = "0123456789abcdef"[(state >> (60 - 4 * i)) & 15];
    out[16] = '\0';
}

void service_request_id(const char *given, char out[72])
{
    if (given && sane_id(given))
        snprintf(out, 72, "%s", given);
    else
        new_id(out);
}

struct addrinfo *service_listen_address(const char *host, int port)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICHOST | AI_PASSIVE};
    struct addrinfo *ai = NULL;
    char text[16];
    snprintf(text, sizeof text, "%d", port);
    if (getaddrinfo(host, text, &hints, &ai) != 0)
        return NULL;
    return ai;
}

void service_address_text(const struct sockaddr *sa, char *out, size_t n)
{
    out[0] = '\0';
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)n);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)n);
}

bool service_accepts_gzip(const char *ae)
{
    if (!ae)
        return false;
    const char *p = ae;
    while (*p) {
        size_t len = strcspn(p, ",");
        const char *tok = p;
        while (tok < p + len && *tok == ' ')
            tok++;
        size_t name = strcspn(tok, " ;,");
        bool match =
            (name == 4 && strncasecmp(tok, "gzip", 4) == 0) || (name == 1 && tok[0] == '*');
        if (match) {
            const char *q = tok + name;
            while (q < p + len && (*q == ' ' || *q == ';'))
                q++;
            bool zero = false;
            if (q + 1 < p + len && (q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
                char *end;
                zero = strtod(q + 2, &end) == 0.0 && end != q + 2;
            }
            if (!zero)
                return true;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return false;
}
