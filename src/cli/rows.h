/* rows.h - the input of `kundli bulk` and `kundli match-matrix`: rows of
 * (key, text) fields read from CSV with a header row (libcsv, the only
 * file that sees csv.h) or from NDJSON (cJSON), one row at a time, with
 * the line it starts on and its id. A bad row is a row too, carrying its
 * error, so the caller reports it and goes on. docs/bulk.md has the
 * formats.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ROWS_H
#define KUNDLI_ROWS_H

#include "common/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ROW_FIELDS_MAX 64        /* fields of a row (keys of a line, columns) */
#define ROW_BYTES_MAX (1u << 20) /* bytes of one line (or CSV record) */
#define ROW_ID_MAX 256           /* bytes of an id as JSON text */

enum rows_format { ROWS_AUTO, ROWS_CSV, ROWS_NDJSON };

/* One input row. Its strings live in its own buffer, so a row can be
 * handed to another thread; reuse a row for the next one (rows_next). */
struct row {
    long line;                                         /* the input line it starts on, 1-based */
    int n;                                             /* fields below */
    size_t key[ROW_FIELDS_MAX], value[ROW_FIELDS_MAX]; /* offsets into buf */
    char id[ROW_ID_MAX + 1]; /* the id as JSON text ("b-7", 42); without one,
                               the line number (a JSON number) */
    bool bad;                /* the reader refused the row: err says why */
    struct error err;
    char *buf;
    size_t len, cap;
};

#define ROW_KEY(r, i) ((r)->buf + (r)->key[i])
#define ROW_VALUE(r, i) ((r)->buf + (r)->value[i])

void row_init(struct row *r);
void row_free(struct row *r);

struct rows; /* a reader */

/* Opens a reader on f (not closed by it). format ROWS_AUTO: NDJSON when
 * the first byte that is not a blank is '{', else CSV. A CSV header is
 * read here: its names are the rows' keys (blanks around a name are
 * dropped, a UTF-8 byte order mark too); an empty name, or more than
 * ROW_FIELDS_MAX columns, is an error. Returns NULL with err filled. */
struct rows *rows_open(FILE *f, enum rows_format format, struct error *err);

/* The format found (ROWS_CSV or ROWS_NDJSON). */
enum rows_format rows_format(const struct rows *rs);

/* The header's column names (CSV; 0 names for NDJSON). */
int rows_columns(const struct rows *rs, const char *const **names);

/* Reads the next row into r: returns 1 (a row, maybe bad), 0 at the end,
 * or -1 on a read error (errno). Empty fields and null values are left
 * out (not given); an NDJSON line is a flat object of fields or
 * {"id", "birth": {...}, "options": {...}} (a POST /v1/kundli body with
 * an id), its values strings, numbers, booleans or arrays of strings. */
int rows_next(struct rows *rs, struct row *r);

/* Bytes read so far (for progress). */
uint64_t rows_bytes(const struct rows *rs);

void rows_close(struct rows *rs);

/* 64-bit FNV-1a of an id's JSON text (resume's set of ids done). */
uint64_t rows_id_hash(const char *id, size_t len);

#endif
