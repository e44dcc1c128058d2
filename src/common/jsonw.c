/* jsonw.c - streaming JSON writer (see jsonw.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "common/jsonw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CAP 4096

void jw_init(struct jsonw *w, size_t limit)
{
    jw_init_alloc(w, limit, NULL);
}

void jw_init_alloc(struct jsonw *w, size_t limit, const struct alloc *a)
{
    w->buf = NULL;
    w->cap = 0;
    w->limit = limit;
    w->alloc = a;
    jw_reset(w);
}

void jw_reset(struct jsonw *w)
{
    w->len = 0;
    if (w->buf)
        w->buf[0] = '\0';
    w->comma = false;
    w->overflow = false;
    w->nomem = false;
}

void jw_free(struct jsonw *w)
{
    alloc_free(w->alloc, w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

char *jw_take(struct jsonw *w, size_t *len)
{
    char *b = w->buf;
    if (len)
        *len = w->len;
    w->buf = NULL;
    w->cap = 0;
    jw_reset(w);
    return b;
}

int jw_finish(const struct jsonw *w, struct error *err)
{
    if (w->nomem)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory while writing JSON");
    if (w->overflow)
        return err_set(err, ERR_TOO_LARGE, "", "the document exceeds %zu bytes", w->limit);
    return 0;
}

/* Makes room for n more bytes plus the NUL; false once over the limit or
 * out of memory (the output then stays a truncated prefix). */
static bool reserve(struct jsonw *w, size_t n)
{
    if (w->overflow || w->nomem)
        return false;
    if (w->len + n > w->limit) {
        w->overflow = true;
        return false;
    }
    if (w->len + n + 1 > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : FIRST_CAP;
        while (cap < w->len + n + 1)
            cap *= 2;
        char *buf = alloc_realloc(w->alloc, w->buf, cap);
        if (!buf) {
            w->nomem = true;
            return false;
        }
        w->buf = buf;
        w->cap = cap;
    }
    return true;
}

static void put(struct jsonw *w, const char *s, size_t n)
{
    if (!reserve(w, n))
        return;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static void putc1(struct jsonw *w, char c)
{
    if (!reserve(w, 1))
        return;
    w->buf[w->len++] = c;
    w->buf[w->len] = '\0';
}

/* Emits the separator a new value needs and marks the level non-empty. */
static void value_start(struct jsonw *w)
{
    if (w->comma)
        putc1(w, ',');
    w->comma = true;
}

void jw_obj(struct jsonw *w)
{
    value_start(w);
    putc1(w, '{');
    w->comma = false;
}

void jw_obj_end(struct jsonw *w)
{
    putc1(w, '}');
    w->comma = true;
}

void jw_arr(struct jsonw *w)
{
    value_start(w);
    putc1(w, '[');
    w->comma = false;
}

void jw_arr_end(struct jsonw *w)
{
    putc1(w, ']');
    w->comma = true;
}

/* 1 for the bytes a JSON string can hold as they are: printable ASCII but
 * the quote and the backslash. */
static const unsigned char plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void jw_strn(struct jsonw *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    value_start(w);
    size_t i = 0;
    while (i < n && plain[p[i]])
        i++;
    if (i == n) { /* the common case: nothing to escape, one copy */
        if (!reserve(w, n + 2))
            return;
        char *d = w->buf + w->len;
        d[0] = '"';
        memcpy(d + 1, s, n);
        d[n + 1] = '"';
        w->len += n + 2;
        w->buf[w->len] = '\0';
        return;
    }
    putc1(w, '"');
    size_t run = i; /* bytes that need no escaping, copied in one go */
    while (i < n) {
        unsigned char c = p[i];
        if (plain[c]) {
            run++;
            i++;
            continue;
        }
        size_t ulen = c >= 0x80 ? utf8_len(p + i, n - i) : 0;
        if (ulen) {
            run += ulen;
            i += ulen;
            continue;
        }
        put(w, (const char *)p + i - run, run);
        run = 0;
        char esc[7] = {'\\', 0};
        switch (c) {
        case '"': esc[1] = '"'; put(w, esc, 2); break;
        case '\\': esc[1] = '\\'; put(w, esc, 2); break;
        case '\n': esc[1] = 'n'; put(w, esc, 2); break;
        case '\r': esc[1] = 'r'; put(w, esc, 2); break;
        case '\t': esc[1] = 't'; put(w, esc, 2); break;
        default:
            if (c < 0x20) {
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                put(w, esc, 6);
            } else {
                put(w, "\\ufffd", 6); /* invalid UTF-8 byte */
            }
        }
        i++;
    }
    put(w, (const char *)p + n - run, run);
    putc1(w, '"');
}

void jw_str(struct jsonw *w, const char *s)
{
    jw_strn(w, s, strlen(s));
}

void jw_key(struct jsonw *w, const char *key)
{
    jw_str(w, key);
    putc1(w, ':');
    w->comma = false;
}

/* Writes the decimal digits of u; returns the count. */
static int utoa(uint64_t u, char *out)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

void jw_int(struct jsonw *w, long long v)
{
    char b[24];
    int n = 0;
    uint64_t u = (uint64_t)v;
    if (v < 0) {
        b[n++] = '-';
        u = 0 - u;
    }
    n += utoa(u, b + n);
    value_start(w);
    put(w, b, (size_t)n);
}

void jw_fixed(struct jsonw *w, double v, int decimals)
{
    static const double scale[] = {1e0, 1e1, 1e2, 1e3, 1e4,  1e5, 1e6,
                                   1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    if (!isfinite(v)) {
        jw_null(w);
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 12)
        decimals = 12;
    double a = fabs(v) * scale[decimals];
    if (a >= 9e15) { /* beyond exact int64 range: fall back to printf */
        jw_double(w, v);
        return;
    }
    uint64_t u = (uint64_t)llround(a);
    uint64_t ip = u / (uint64_t)scale[decimals];
    uint64_t fp = u % (uint64_t)scale[decimals];
    char b[48];
    int n = 0;
    if (v < 0 && u != 0)
        b[n++] = '-';
    n += utoa(ip, b + n);
    if (fp) {
        int d = decimals;
        while (fp % 10 == 0) { /* trim trailing zeros */
            fp /= 10;
            d--;
        }
        b[n++] = '.';
        char digits[24];
        int k = utoa(fp, digits);
        for (int i = k; i < d; i++)
            b[n++] = '0';
        memcpy(b + n, digits, (size_t)k);
        n += k;
    }
    value_start(w);
    put(w, b, (size_t)n);
}

void jw_double(struct jsonw *w, double v)
{
    if (!isfinite(v)) {
        jw_null(w);
        return;
    }
    char b[32];
    int n = snprintf(b, sizeof b, "%.17g", v);
    value_start(w);
    put(w, b, (size_t)n);
}

void jw_bool(struct jsonw *w, bool v)
{
    value_start(w);
    if (v)
        put(w, "true", 4);
    else
        put(w, "false", 5);
}

void jw_null(struct jsonw *w)
{
    value_start(w);
    put(w, "null", 4);
}

void jw_split(struct jsonw *w)
{
    if (w->comma)
        putc1(w, ',');
    w->comma = false;
}

void jw_raw(struct jsonw *w, const char *json, size_t n)
{
    value_start(w);
    put(w, json, n);
}

void jw_kstr(struct jsonw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_str(w, s);
}

void jw_kint(struct jsonw *w, const char *key, long long v)
{
    jw_key(w, key);
    jw_int(w, v);
}

void jw_kfixed(struct jsonw *w, const char *key, double v, int decimals)
{
    jw_key(w, key);
    jw_fixed(w, v, decimals);
}

void jw_kbool(struct jsonw *w, const char *key, bool v)
{
    jw_key(w, key);
    jw_bool(w, v);
}

void jw_indent(struct jsonw *w, const char *json, size_t n)
{
    static const char spaces[] = "                                ";
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        char c = json[i];
        if (in_string) {
            put(w, &c, 1);
            if (c == '\\' && i + 1 < n)
                put(w, &json[++i], 1);
            else if (c == '"')
                in_string = false;
            continue;
        }
        bool newline = false;
        switch (c) {
        case '"':
            in_string = true;
            put(w, &c, 1);
            break;
        case '{':
        case '[':
            put(w, &c, 1);
            if (i + 1 < n && (json[i + 1] == '}' || json[i + 1] == ']')) {
                put(w, &json[++i], 1); /* {} and [] stay on their line */
                break;
            }
            depth++;
            newline = true;
            break;
        case '}':
        case ']':
            depth--;
            put(w, "\n", 1);
            for (int d = 0; d < depth; d++)
                put(w, spaces, 2);
            put(w, &c, 1);
            break;
        case ',':
            put(w, &c, 1);
            newline = true;
            break;
        case ':':
            put(w, ": ", 2);
            break;
        default:
            put(w, &c, 1);
        }
        if (newline) {
            put(w, "\n", 1);
            for (int d = 0; d < depth; d++)
                put(w, spaces, 2);
        }
    }
    put(w, "\n", 1);
}
