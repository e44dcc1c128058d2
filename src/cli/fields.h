/* fields.h - the CSV output of `kundli bulk --fields`: dotted paths into a
 * chart document (planets.Moon.nakshatra, houses.0.sign, ascendant.sign),
 * read from its text without parsing the rest (common/jsonscan.h), and CSV
 * cells as RFC 4180 writes them. docs/bulk.md describes the paths.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_FIELDS_H
#define KUNDLI_FIELDS_H

#include "common/err.h"

#include <stdbool.h>
#include <stddef.h>

#define FIELDS_MAX 64    /* paths in --fields */
#define FIELD_SEGMENTS 8 /* segments of one path */

/* A growable byte buffer (aborts on out-of-memory). */
struct buf {
    char *p;
    size_t len, cap;
};
void buf_add(struct buf *b, const void *p, size_t n);
void buf_str(struct buf *b, const char *s);
void buf_free(struct buf *b);

/* A path, split at its dots. */
struct field_path {
    char text[128];
    int n;
    char seg[FIELD_SEGMENTS][48];
};

/* Parses a comma list of paths into out (at most FIELDS_MAX). Returns the
 * count, or -1 with err filled (an empty path or segment, too many, too
 * long). */
int fields_parse(const char *list, struct field_path *out, struct error *err);

/* The value at path p in the JSON document doc: true with *val and *vlen
 * its JSON text. A segment selects an object's member by name; in an
 * array, a whole number selects an element by index (0-based), other text
 * the first element object whose "name" is that text, compared without
 * regard to case (planets.moon = planets.Moon). */
bool fields_get(const char *doc, size_t len, const struct field_path *p, const char **val,
                size_t *vlen);

/* Appends a JSON value's text as a CSV cell (RFC 4180): a string
 * unescaped, a number or boolean as it is, null as an empty cell, an
 * object or array as its JSON text; quoted when needed. */
void fields_cell_json(struct buf *b, const char *val, size_t vlen);
/* Appends plain text as a CSV cell, quoted when needed. */
void fields_cell_text(struct buf *b, const char *s, size_t n);

/* The text of a JSON value: a string unescaped (into out, NUL-terminated,
 * at most cap - 1 bytes), any other value as it is. Returns its length. */
size_t fields_json_text(const char *val, size_t vlen, char *out, size_t cap);

#endif
