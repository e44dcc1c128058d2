/* gzip.h - response compression with libdeflate at level 1, one compressor
 * per thread. Also builds a gzip body from a fresh head and a cached,
 * already-deflated tail without recompressing the tail.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_GZIP_H
#define KUNDLI_GZIP_H

#include <stddef.h>

/* Bodies smaller than this are sent uncompressed. */
#define GZIP_MIN_BYTES 1024

/* Raw DEFLATE of in[0..n) (ends with a final block). Returns a malloc'd
 * buffer (free() it) and its length in *out_len. */
void *gzip_deflate(const void *in, size_t n, size_t *out_len);

/* A complete gzip member of in[0..n). malloc'd; free() it. */
void *gzip_compress(const void *in, size_t n, size_t *out_len);

/* A gzip member whose content is head followed by tail, where
 * tail_deflated is gzip_deflate(tail): the head goes in a stored
 * (uncompressed) non-final block and the deflated tail follows it
 * unchanged, so only the CRC is computed over the tail. head_len must be
 * at most 65535. malloc'd; free() it. */
void *gzip_splice(const void *head, size_t head_len, const void *tail, size_t tail_len,
                  const void *tail_deflated, size_t deflated_len, size_t *out_len);

#endif
