/* jobs.c - bounded FIFO ring of jobs served by a fixed set of worker
 * threads, with an EWMA of job run time for admission (see jobs.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/jobs.h"

#include "app/mem.h"
#include "common/err.h"
#include "service/metrics.h"
#include "service/service.h"

#include <pthread.h>
#include <stdlib.h>

#define SLOTS_PER_WORKER (4 * 64)
#define EWMA_ALPHA 0.2

struct slot {
    job_fn run;
    void *arg;
};

struct jobs {
    pthread_mutex_t mu;
    pthread_cond_t work;
    struct slot *ring;
    int cap, head, count; /* waiting jobs: ring[head .. head+count) mod cap */
    double mean_s;        /* EWMA of run time in seconds; 0 before the first */
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
        double t0 = service_now();
        s.run(s.arg, cancelled);
        double took = service_now() - t0;
        pthread_mutex_lock(&q->mu);
        if (!cancelled)
            q->mean_s = q->mean_s > 0 ? q->mean_s + EWMA_ALPHA * (took - q->mean_s) : took;
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

int jobs_submit(struct jobs *q, job_fn run, void *arg)
{
    int rc = 0;
    pthread_mutex_lock(&q->mu);
    if (q->stop) {
        rc = ERR_UNAVAILABLE;
        goto out;
    }
    double wait_s = q->count * q->mean_s / q->nthreads;
    if (q->count >= q->cap || (q->count > 0 && wait_s > q->max_wait_s)) {
        rc = ERR_OVERLOADED;
        goto out;
    }
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

int jobs_depth(struct jobs *q)
{
    pthread_mutex_lock(&q->mu);
    int n = q->count;
    pthread_mutex_unlock(&q->mu);
    return n;
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
