/* workpool.c - shared-index parallel loop over a fixed thread pool
 * (see workpool.h). Jobs wait in a list; a thread takes the next unclaimed
 * index of the first job that has one.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/workpool.h"

#include "app/mem.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct job {
    void (*fn)(void *ctx, int i);
    void *ctx;
    int n;
    int next;       /* next index to claim; guarded by the pool mutex */
    int done;       /* finished calls; guarded by the pool mutex */
    struct job *link;
    pthread_cond_t finished;
};

struct workpool {
    pthread_mutex_t mu;
    pthread_cond_t work;
    struct job *jobs; /* jobs with unclaimed indices */
    bool stop;
    int nthreads;
    pthread_t *threads;
};

/* Claims an index of the first job that has one; called with mu held. */
static struct job *claim(struct workpool *p, int *index)
{
    struct job *j = p->jobs;
    if (!j)
        return NULL;
    *index = j->next++;
    if (j->next == j->n)
        p->jobs = j->link; /* fully claimed: unlink */
    return j;
}

/* Runs one claimed index and records its completion; called with mu held,
 * returns with mu held. */
static void execute(struct workpool *p, struct job *j, int index)
{
    pthread_mutex_unlock(&p->mu);
    j->fn(j->ctx, index);
    pthread_mutex_lock(&p->mu);
    if (++j->done == j->n)
        pthread_cond_signal(&j->finished);
}

static void *worker(void *arg)
{
    struct workpool *p = arg;
    pthread_mutex_lock(&p->mu);
    while (!p->stop) {
        int index;
        struct job *j = claim(p, &index);
        if (j)
            execute(p, j, index);
        else
            pthread_cond_wait(&p->work, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

struct workpool *workpool_create(int threads)
{
    struct workpool *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    p->threads = xcalloc((size_t)(threads > 0 ? threads : 1), sizeof *p->threads);
    for (int i = 0; i < threads; i++)
        if (pthread_create(&p->threads[i], NULL, worker, p) == 0)
            p->nthreads++;
    return p;
}

void workpool_destroy(struct workpool *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->mu);
    free(p->threads);
    free(p);
}

void workpool_run(struct workpool *p, int n, void (*fn)(void *ctx, int i), void *ctx)
{
    if (n <= 0)
        return;
    struct job j = {.fn = fn, .ctx = ctx, .n = n};
    pthread_cond_init(&j.finished, NULL);
    pthread_mutex_lock(&p->mu);
    struct job **tail = &p->jobs; /* FIFO: older batches first */
    while (*tail)
        tail = &(*tail)->link;
    *tail = &j;
    pthread_cond_broadcast(&p->work);
    while (j.next < j.n) { /* the caller works on its own job */
        int index = j.next++;
        if (j.next == j.n) {
            struct job **pp = &p->jobs;
            while (*pp != &j)
                pp = &(*pp)->link;
            *pp = j.link;
        }
        execute(p, &j, index);
    }
    while (j.done < j.n)
        pthread_cond_wait(&j.finished, &p->mu);
    pthread_mutex_unlock(&p->mu);
    pthread_cond_destroy(&j.finished);
}
