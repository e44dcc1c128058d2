/* logbuf.h - a bounded, non-blocking log sink: request threads append
 * lines to a buffer and a writer thread drains it to a file descriptor.
 * When the reader of that descriptor is slow (a full pipe), lines are
 * dropped and counted instead of stalling requests.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_LOGBUF_H
#define KUNDLI_LOGBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct logbuf;

/* Starts a writer thread for fd with room for `capacity` bytes of pending
 * lines (two buffers of that size are allocated). */
struct logbuf *logbuf_create(int fd, size_t capacity);

/* Appends one line (a '\n' is added). Never blocks on I/O; if the pending
 * buffer is full, the line is dropped and counted, and false is returned.
 * Thread-safe. */
bool logbuf_line(struct logbuf *l, const char *line, size_t len);

/* Lines dropped so far because the buffer was full. */
uint64_t logbuf_dropped(struct logbuf *l);

/* Writes out what is pending (waiting at most 2 s for a slow reader, then
 * giving up on it), stops the writer thread and frees l. */
void logbuf_destroy(struct logbuf *l);

#endif
