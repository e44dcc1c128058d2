/* stream_line.h - what POST /v1/kundli/stream does with its head and its
 * lines, shared by the spooled handler (handlers_stream.c) and the
 * both-ways listener (duplex.c). Free of http.h, whose enum http_method
 * clashes with http-parser's (duplex.c sees http-parser).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STREAM_LINE_H
#define KUNDLI_STREAM_LINE_H

#include "service/service.h"

#include <stddef.h>

#define STREAM_LINE_MAX (64 * 1024) /* bytes of a stream's line; a longer one is too_large */

/* A stream request's head as the listener read it (NULL: header absent). */
struct stream_head {
    const char *method;
    const char *path; /* without the query */
    const char *content_type;
    const char *authorization;
    const char *ip; /* the client's address */
};

/* An error answer: status, its JSON error document (malloc'd) and the
 * headers that go with some statuses (0 / NULL: none). */
struct stream_refusal {
    int status;
    char *body;
    size_t len;
    int retry_after;          /* 429, 503 */
    const char *allow;        /* 405 */
    const char *authenticate; /* 401 */
};

/* Checks a stream's head as the main port would: shutting down (503), path
 * (404), method (405), content type (415), the address's and, with
 * auth_compute, the API key's rate and validity (429, 401). Returns 0, or
 * the status with r filled. */
int stream_head_check(struct service *s, const struct stream_head *h, struct stream_refusal *r);

/* The error answer of code (err.h) with message, as stream_head_check's. */
void stream_refuse(struct stream_refusal *r, int code, const char *message);

/* One line (a POST /v1/kundli body with an "id"; line is its number, the
 * id when it has none) to its answer and a newline in *out (malloc'd): the
 * chart document with "id" first, or {"id", "line", "error"};
 * deadline_exceeded once service_now() passes deadline. */
void stream_line(struct service *svc, const char *text, size_t len, long line, double deadline,
                 char **out, size_t *out_len);

/* The answer to a line longer than STREAM_LINE_MAX bytes: too_large. */
void stream_line_too_long(long line, char **out, size_t *out_len);

/* Counts a finished stream in the metrics and writes its access log line. */
void stream_finished(struct service *s, const char *id, int status, double seconds, size_t bytes);

#endif
