/* spool.c - a body kept in memory, then in an unlinked temporary file
 * (see spool.h). The file is made with O_TMPFILE in $TMPDIR (or /tmp), so
 * it has no name and disappears with its descriptor, also on a crash.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#define _GNU_SOURCE
#include "service/spool.h"

#include "app/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READ_CHUNK (64 * 1024)

struct spool {
    char *mem; /* the body while it is small */
    size_t mem_len, mem_cap;
    int fd; /* -1 until the body passes SPOOL_MEMORY */
    uint64_t size;
    bool failed;
    /* reading */
    bool reading;
    uint64_t pos; /* the next byte to read */
    char *chunk;  /* bytes read from the file, chunk[coff .. clen) unread */
    size_t coff, clen;
    char *line; /* the line returned (STREAM_LINE_MAX + 1) */
};

struct spool *spool_new(void)
{
    struct spool *s = xcalloc(1, sizeof *s);
    s->fd = -1;
    return s;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static int to_file(struct spool *s)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    s->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (s->fd < 0)
        return -1;
    if (write_all(s->fd, s->mem, s->mem_len) != 0)
        return -1;
    free(s->mem);
    s->mem = NULL;
    s->mem_len = s->mem_cap = 0;
    return 0;
}

int spool_write(struct spool *s, const void *p, size_t n)
{
    if (s->failed)
        return -1;
    s->size += n;
    if (s->fd < 0 && s->mem_len + n > SPOOL_MEMORY && to_file(s) != 0) {
        s->failed = true;
        return -1;
    }
    if (s->fd >= 0) {
        if (write_all(s->fd, p, n) != 0) {
            s->failed = true;
            return -1;
        }
        return 0;
    }
    if (s->mem_len + n > s->mem_cap) {
        size_t cap = s->mem_cap ? s->mem_cap : 16384;
        while (cap < s->mem_len + n)
            cap *= 2;
        s->mem = xrealloc(s->mem, cap);
        s->mem_cap = cap;
    }
    memcpy(s->mem + s->mem_len, p, n);
    s->mem_len += n;
    return 0;
}

uint64_t spool_size(const struct spool *s)
{
    return s->size;
}

/* Makes unread bytes available in chunk[coff .. clen); false at the end. */
static int fill(struct spool *s)
{
    if (s->coff < s->clen)
        return 1;
    if (s->fd < 0) { /* the memory is the one chunk */
        if (s->pos >= s->mem_len)
            return 0;
        s->chunk = s->mem;
        s->coff = (size_t)s->pos;
        s->clen = s->mem_len;
        s->pos = s->mem_len;
        return 1;
    }
    if (!s->chunk || s->chunk == s->mem)
        s->chunk = xmalloc(READ_CHUNK);
    ssize_t n;
    do
        n = pread(s->fd, s->chunk, READ_CHUNK, (off_t)s->pos);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    if (n == 0)
        return 0;
    s->pos += (uint64_t)n;
    s->coff = 0;
    s->clen = (size_t)n;
    return 1;
}

int spool_line(struct spool *s, const char **line, size_t *len, int *cut)
{
    if (s->failed)
        return -1;
    if (!s->line)
        s->line = xmalloc(STREAM_LINE_MAX + 1);
    size_t n = 0;
    bool any = false;
    *cut = 0;
    for (;;) {
        int rc = fill(s);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        any = true;
        char *start = s->chunk + s->coff;
        size_t avail = s->clen - s->coff;
        char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        size_t room = STREAM_LINE_MAX - n;
        memcpy(s->line + n, start, take < room ? take : room);
        if (take > room)
            *cut = 1;
        n += take < room ? take : room;
        s->coff += take + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (!any)
        return 0;
    s->line[n] = '\0';
    *line = s->line;
    *len = n;
    return 1;
}

void spool_free(struct spool *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    if (s->chunk != s->mem)
        free(s->chunk);
    free(s->mem);
    free(s->line);
    free(s);
}
