/* workpool.h - a fixed pool of threads that helps a caller run the items of
 * a job (e.g. the charts of a batch request) in parallel. The caller works
 * on its own job too, so a job always progresses even when every pool
 * thread is busy with other jobs.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_WORKPOOL_H
#define KUNDLI_WORKPOOL_H

struct workpool;

/* Starts `threads` helper threads (0 is allowed: callers do all the work). */
struct workpool *workpool_create(int threads);
/* Stops the threads once idle and frees the pool. No job may be running. */
void workpool_destroy(struct workpool *p);

/* Runs fn(ctx, i) for every i in 0 .. n-1, on the calling thread and on
 * idle pool threads, and returns when all n calls have returned. */
void workpool_run(struct workpool *p, int n, void (*fn)(void *ctx, int i), void *ctx);

#endif
