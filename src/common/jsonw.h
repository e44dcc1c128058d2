/* jsonw.h - a streaming JSON writer (no DOM) into a growable, bounded buffer.
 * The CLI and the HTTP API both serialise through it. Commas are placed
 * automatically; callers alternate jw_key() and a value inside objects.
 * Strings are escaped (quotes, backslashes, control characters) and invalid
 * UTF-8 is replaced by U+FFFD, so the output is always valid JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_JSONW_H
#define KUNDLI_JSONW_H

#include "common/alloc.h"
#include "common/err.h"

#include <stdbool.h>
#include <stddef.h>

struct jsonw {
    char *buf;      /* NUL-terminated output (NULL until the first byte);
                       owned, freed by jw_free() */
    size_t len;
    size_t cap;
    size_t limit;   /* maximum output size; beyond it `overflow` is set */
    const struct alloc *alloc; /* NULL: the C library's */
    bool comma;     /* a value was written at this level: next one needs ',' */
    bool overflow;  /* output exceeded limit; buf holds a truncated prefix */
    bool nomem;     /* an allocation failed; buf holds a truncated prefix */
};

/* Starts an empty writer whose output may grow to limit bytes. Allocates
 * nothing yet: jw_init() cannot fail. */
void jw_init(struct jsonw *w, size_t limit);
/* The same, allocating through a (NULL: the C library's). */
void jw_init_alloc(struct jsonw *w, size_t limit, const struct alloc *a);
/* The one check before any output is used: 0 when the document is whole,
 * ERR_TOO_LARGE past the limit, ERR_NO_MEMORY after a failed allocation
 * (err filled, field ""). A writer that fails here must not be sent or
 * printed: its buffer holds a truncated prefix. */
int jw_finish(const struct jsonw *w, struct error *err);
/* Empties the output, keeping the buffer for reuse. */
void jw_reset(struct jsonw *w);
void jw_free(struct jsonw *w);
/* Hands the buffer to the caller (free it through the writer's allocator;
 * NULL if nothing was written); the writer becomes empty. */
char *jw_take(struct jsonw *w, size_t *len);

void jw_obj(struct jsonw *w);
void jw_obj_end(struct jsonw *w);
void jw_arr(struct jsonw *w);
void jw_arr_end(struct jsonw *w);
void jw_key(struct jsonw *w, const char *key);

void jw_str(struct jsonw *w, const char *s);
void jw_strn(struct jsonw *w, const char *s, size_t n);
void jw_int(struct jsonw *w, long long v);
/* v with at most `decimals` (0..12) fractional digits, trailing zeros
 * trimmed; NaN and infinities are written as null. Fast: no printf. */
void jw_fixed(struct jsonw *w, double v, int decimals);
/* v with 17 significant digits (round-trips every double). */
void jw_double(struct jsonw *w, double v);
void jw_bool(struct jsonw *w, bool v);
void jw_null(struct jsonw *w);
/* Writes now the ',' the next member would need, and clears the state, so a
 * document can be cut here: the text after the cut starts with a member
 * and can be produced by another writer (jw_init'ed fresh). */
void jw_split(struct jsonw *w);
/* Inserts pre-serialised JSON text as one value. */
void jw_raw(struct jsonw *w, const char *json, size_t n);
/* Writes the compact JSON text json[0 .. n-1] (as this writer makes it)
 * again, indented by two spaces a level with a newline at the end: the
 * `?pretty=1` of the API. Not a validator: json must be well formed. */
void jw_indent(struct jsonw *w, const char *json, size_t n);

/* Key-value shorthands for objects. */
void jw_kstr(struct jsonw *w, const char *key, const char *s);
void jw_kint(struct jsonw *w, const char *key, long long v);
void jw_kfixed(struct jsonw *w, const char *key, double v, int decimals);
void jw_kbool(struct jsonw *w, const char *key, bool v);

#endif
