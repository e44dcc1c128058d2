/* jobs.c - FIFO ring of jobs served by a fixed set of worker threads, with
 * admission by the queue's measured drain rate (see jobs.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/jobs.h"

#include "app/mem.h"
#include "common/err.h"
#include "service/metrics.h"
#include "service/service.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#define SLOTS_PER_WORKER 256  /* the ring's first size; it grows */
#define LIMIT_PER_WORKER 4096 /* a bound on memory; the expected wait refuses first */
#define RATE_TAU 1.0          /* seconds */
/* The rate is trusted after this much backlog time (decayed like the
 * rest): a cold start (every thread's first ephemeris reads and zone
 * loads at once, under a burst of connections) is not the service rate. */
#define RATE_EVIDENCE_S 0.5

struct slot {
    job_fn run;
    void *arg;
};

struct jobs {
    pthread_mutex_t mu;
    pthread_cond_t work;
    struct slot *ring;
    int cap, head, count; /* waiting jobs: ring[head .. head+count) mod cap */
    int limit;            /* waiting jobs past which new work is refused */
    /* The drain rate under load: completions while jobs were waiting (a
     * backlog) and the backlog time they took, both decaying with time
     * constant RATE_TAU, so done / span is the recent completions per
     * second, whatever the job mix and however the workers share the cores
     * with the I/O threads. Idle gaps do not count. */
    double done, span;
    double last_done; /* monotonic seconds of the last completion */
    bool backlog;     /* jobs were waiting at the last completion */
    double max_wait_s;
    bool stop;
    int nthreads;
    pthread_t *threads;
    struct metrics *metrics;
};

static void *worker(void *arg)
{
    struct jobs *q = arg;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (!q->count && !q->stop)
            pthread_cond_wait(&q->work, &q->mu);
        if (!q->count)
            break; /* stopping and nothing left */
        struct slot s = q->ring[q->head];
        q->head = (q->head + 1) % q->cap;
        q->count--;
        bool cancelled = q->stop;
        pthread_mutex_unlock(&q->mu);
        if (q->metrics)
            metrics_queue_depth_add(q->metrics, -1);
        s.run(s.arg, cancelled);
        double now = service_now();
        pthread_mutex_lock(&q->mu);
        if (q->backlog && !cancelled) {
            double gap = now - q->last_done, decay = exp(-gap / RATE_TAU);
            q->done = q->done * decay + 1;
            q->span = q->span * decay + gap;
        }
        q->last_done = now;
        q->backlog = q->count > 0;
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

struct jobs *jobs_create(int workers, int max_wait_ms, struct metrics *m)
{
    struct jobs *q = xcalloc(1, sizeof *q);
    if (workers < 1)
        workers = 1;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->work, NULL);
    q->limit = workers * LIMIT_PER_WORKER;
    q->cap = workers * SLOTS_PER_WORKER;
    q->ring = xcalloc((size_t)q->cap, sizeof *q->ring);
    q->max_wait_s = max_wait_ms / 1000.0;
    q->metrics = m;
    q->threads = xcalloc((size_t)workers, sizeof *q->threads);
    for (int i = 0; i < workers; i++)
        if (pthread_create(&q->threads[q->nthreads], NULL, worker, q) == 0)
            q->nthreads++;
    if (!q->nthreads)
        abort(); /* no thread to serve the queue: as fatal as out of memory */
    return q;
}

/* Doubles the ring, keeping the waiting jobs in order; called with mu held. */
static void grow(struct jobs *q)
{
    struct slot *ring = xcalloc((size_t)q->cap * 2, sizeof *ring);
    for (int i = 0; i < q->count; i++)
        ring[i] = q->ring[(q->head + i) % q->cap];
    free(q->ring);
    q->ring = ring;
    q->head = 0;
    q->cap *= 2;
}

int jobs_submit(struct jobs *q, job_fn run, void *arg, bool admitted)
{
    int rc = 0;
    pthread_mutex_lock(&q->mu);
    if (q->stop) {
        rc = ERR_UNAVAILABLE;
        goto out;
    }
    /* Too little backlog time says little about the rate: admit until then. */
    double wait_s = q->span >= RATE_EVIDENCE_S ? q->count * q->span / q->done : 0;
    if (!admitted && (q->count >= q->limit || (q->count > 0 && wait_s > q->max_wait_s))) {
        rc = ERR_OVERLOADED;
        goto out;
    }
    if (q->count == q->cap)
        grow(q);
    q->ring[(q->head + q->count) % q->cap] = (struct slot){run, arg};
    q->count++;
    pthread_cond_signal(&q->work);
out:
    pthread_mutex_unlock(&q->mu);
    if (q->metrics) {
        if (rc == ERR_OVERLOADED)
            metrics_observe_overloaded(q->metrics);
        else if (rc == 0)
            metrics_queue_depth_add(q->metrics, 1);
    }
    return rc;
}

void jobs_stop(struct jobs *q)
{
    pthread_mutex_lock(&q->mu);
    q->stop = true;
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->mu);
    for (int i = 0; i < q->nthreads; i++)
        pthread_join(q->threads[i], NULL);
    q->nthreads = 0;
}

void jobs_destroy(struct jobs *q)
{
    if (!q)
        return;
    pthread_cond_destroy(&q->work);
    pthread_mutex_destroy(&q->mu);
    free(q->ring);
    free(q->threads);
    free(q);
}
