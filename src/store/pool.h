/* pool.h - a bounded pool of database connections, shared by the backends
 * (PostgreSQL connections, SQLite reader connections). At most max are
 * open; min are opened at start and kept; idle ones above min are closed
 * after idle_s; a caller waits at most wait_ms for a free one. A reaper
 * thread does the closing and reopens up to min after an outage.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STORE_POOL_H
#define KUNDLI_STORE_POOL_H

#include <stdbool.h>

#include "common/err.h"
#include "store/store.h"

/* How the pool makes and ends a connection. open returns 0 and sets *conn,
 * or an error code (with err filled); both are called without the pool's
 * lock, from any thread. */
struct pool_ops {
    int (*open)(void *ud, void **conn, struct error *err);
    void (*close)(void *ud, void *conn);
};

struct pool;

/* Makes a pool and opens min connections; the first failure to open is
 * returned (and nothing is left open). */
int pool_new(const struct pool_ops *ops, void *ud, int max, int min, int idle_s, int wait_ms,
             struct pool **out, struct error *err);

/* Closes every idle connection and frees p. All connections must be back. */
void pool_free(struct pool *p);

/* A connection for the caller's use alone, until pool_put. *reused: it
 * served an earlier call (so it may have gone stale since). The most
 * recently used idle connection comes first. ERR_STORE_BUSY when none
 * was free within wait_ms; else the error of ops->open. */
int pool_get(struct pool *p, void **conn, bool *reused, struct error *err);

/* Gives conn back; broken: close it instead (the pool opens another when
 * one is needed). */
void pool_put(struct pool *p, void *conn, bool broken);

/* Closes every idle connection now: after one turned out broken, the others
 * idle since the same time probably are too (the server restarted). */
void pool_flush(struct pool *p);

void pool_stats(struct pool *p, struct store_pool_stats *out);

#endif
