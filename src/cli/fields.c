/* fields.c - dotted paths into chart documents and CSV cells (see
 * fields.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/fields.h"

#include "app/mem.h"
#include "common/jsonscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void buf_add(struct buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void buf_str(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_free(struct buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

int fields_parse(const char *list, struct field_path *out, struct error *err)
{
    int n = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (n == FIELDS_MAX)
            return err_set(err, ERR_TOO_LARGE, "--fields", "at most %d fields", FIELDS_MAX), -1;
        struct field_path *f = &out[n];
        if (len == 0 || len >= sizeof f->text)
            return err_set(err, ERR_INVALID_VALUE, "--fields",
                           "--fields takes a comma list of paths such as planets.Moon.nakshatra "
                           "(each at most %zu bytes)",
                           sizeof f->text - 1),
                   -1;
        memcpy(f->text, p, len);
        f->text[len] = '\0';
        f->n = 0;
        for (const char *s = f->text;;) {
            size_t sl = strcspn(s, ".");
            if (sl == 0 || sl >= sizeof f->seg[0] || f->n == FIELD_SEGMENTS)
                return err_set(err, ERR_INVALID_VALUE, "--fields",
                               "field '%.60s' has an empty or too long part", f->text),
                       -1;
            memcpy(f->seg[f->n], s, sl);
            f->seg[f->n][sl] = '\0';
            f->n++;
            if (!s[sl])
                break;
            s += sl + 1;
        }
        n++;
        if (!p[len])
            return n;
        p += len + 1;
    }
}

static bool all_digits(const char *s)
{
    return *s && s[strspn(s, "0123456789")] == '\0';
}

/* The element of array text whose "name" is name (any case). */
static bool named_element(const char *text, size_t len, const char *name, const char **val,
                          size_t *vlen)
{
    const char *el, *nm;
    size_t elen, nlen;
    char got[64];
    for (size_t i = 0; json_element(text, len, i, &el, &elen); i++)
        if (json_member(el, elen, "name", &nm, &nlen) && nm[0] == '"') {
            fields_json_text(nm, nlen, got, sizeof got);
            if (strcasecmp(got, name) == 0) {
                *val = el;
                *vlen = elen;
                return true;
            }
        }
    return false;
}

bool fields_get(const char *doc, size_t len, const struct field_path *p, const char **val,
                size_t *vlen)
{
    const char *v = doc;
    size_t n = len;
    for (int i = 0; i < p->n; i++) {
        size_t lead = strspn(v, " \t\r\n");
        if (lead >= n)
            return false;
        bool ok;
        if (v[lead] == '[')
            ok = all_digits(p->seg[i]) ? json_element(v, n, strtoul(p->seg[i], NULL, 10), &v, &n)
                                       : named_element(v, n, p->seg[i], &v, &n);
        else
            ok = json_member(v, n, p->seg[i], &v, &n);
        if (!ok)
            return false;
    }
    *val = v;
    *vlen = n;
    return true;
}

/* Appends the UTF-8 bytes of code point c. */
static size_t utf8(unsigned c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static unsigned hex4(const char *s)
{
    char h[5] = {s[0], s[1], s[2], s[3], 0};
    return (unsigned)strtoul(h, NULL, 16);
}

size_t fields_json_text(const char *val, size_t vlen, char *out, size_t cap)
{
    size_t o = 0;
    if (cap == 0)
        return 0;
    if (vlen == 0 || val[0] != '"') {
        o = vlen < cap - 1 ? vlen : cap - 1;
        memcpy(out, val, o);
        out[o] = '\0';
        return o;
    }
    for (size_t i = 1; i + 1 < vlen && o + 4 < cap; i++) {
        char c = val[i];
        if (c != '\\') {
            out[o++] = c;
            continue;
        }
        c = val[++i];
        switch (c) {
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u':
            if (i + 4 < vlen) {
                unsigned u = hex4(val + i + 1);
                i += 4;
                if (u >= 0xD800 && u < 0xDC00 && i + 6 < vlen && val[i + 1] == '\\' &&
                    val[i + 2] == 'u') {
                    unsigned lo = hex4(val + i + 3);
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                o += utf8(u, out + o);
            }
            break;
        default: out[o++] = c; break; /* \" \\ \/ */
        }
    }
    out[o] = '\0';
    return o;
}

void fields_cell_text(struct buf *b, const char *s, size_t n)
{
    bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        buf_add(b, s, n);
        return;
    }
    buf_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_add(b, "\"", 1);
        buf_add(b, s + i, 1);
    }
    buf_add(b, "\"", 1);
}

void fields_cell_json(struct buf *b, const char *val, size_t vlen)
{
    char text[4096];
    if (vlen == 4 && memcmp(val, "null", 4) == 0)
        return;
    if (val[0] != '"') {
        fields_cell_text(b, val, vlen);
        return;
    }
    size_t n = fields_json_text(val, vlen, text, sizeof text);
    fields_cell_text(b, text, n);
}
