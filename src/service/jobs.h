/* jobs.h - the bounded queue of compute work (charts, batches, match,
 * panchang) and the worker threads that serve it, off the HTTP I/O threads,
 * with admission by expected queue wait.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_JOBS_H
#define KUNDLI_JOBS_H

#include <stdbool.h>

struct metrics;
struct jobs; /* opaque; every function below is thread-safe */

/* A job: run(arg, cancelled) is called once on a worker thread. cancelled
 * is true when jobs_stop() found it still waiting: it must answer at once
 * without computing. */
typedef void (*job_fn)(void *arg, bool cancelled);

/* Starts `workers` threads (at least 1). New work is refused when
 * 4096 × workers jobs wait, or when the expected wait of a new job passes
 * max_wait_ms: waiting jobs × the measured time between completions under
 * load (the drain rate, so it holds whatever the jobs cost and however the
 * workers share the cores). m (may be NULL) gets the queue depth gauge and
 * the refusals. Never NULL (allocation failure aborts). */
struct jobs *jobs_create(int workers, int max_wait_ms, struct metrics *m);

/* Queues run(arg). Returns 0, or an error code and does not queue it:
 * ERR_OVERLOADED when the queue is past its limits (see jobs_create), or
 * ERR_UNAVAILABLE after jobs_stop(). admitted: the job continues work that
 * was already admitted (the next step of a streamed response); it is
 * refused only after jobs_stop(). */
int jobs_submit(struct jobs *q, job_fn run, void *arg, bool admitted);

/* Refuses new jobs, lets running ones finish, runs the waiting ones with
 * cancelled = true, and joins the threads. */
void jobs_stop(struct jobs *q);

/* Frees q after jobs_stop(). NULL is a no-op. */
void jobs_destroy(struct jobs *q);

#endif
