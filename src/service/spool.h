/* spool.h - the request body of POST /v1/kundli/stream, kept as it
 * arrives: in memory up to SPOOL_MEMORY bytes, then in an unlinked
 * temporary file, so a body of any size holds bounded memory until the
 * reply (which libmicrohttpd starts only once the body is in) reads it
 * back line by line. One writer (the I/O thread, during the upload), then
 * one reader (the stream's jobs): never both at once.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SPOOL_H
#define KUNDLI_SPOOL_H

#include "service/stream_line.h"

#include <stddef.h>
#include <stdint.h>

#define SPOOL_MEMORY (1024 * 1024) /* bytes kept in memory before a file */

struct spool;

/* A new, empty spool. Never NULL (allocation failure aborts). */
struct spool *spool_new(void);

/* Appends n bytes. Returns 0, or -1 when the temporary file cannot be
 * made or written (the spool is then unusable). */
int spool_write(struct spool *s, const void *p, size_t n);

/* Bytes written so far. */
uint64_t spool_size(const struct spool *s);

/* Reads the next line (without its newline; a last line without one
 * counts) into *line (valid until the next call) and *len. *cut is set
 * when the line was longer than STREAM_LINE_MAX: *line then holds its
 * start. Returns 1, 0 at the end, or -1 on a read error. */
int spool_line(struct spool *s, const char **line, size_t *len, int *cut);

/* Frees s and closes (so deletes) its file. NULL is ignored. */
void spool_free(struct spool *s);

#endif
