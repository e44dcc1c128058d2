/* test_workpool.c - the batch pool (service/workpool.c): every index of a
 * job runs exactly once and before workpool_run returns, with 0, 1 and many
 * items, with and without helper threads, from several submitting threads
 * at once; and the pool shuts down promptly, idle or after work.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "service/workpool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GUARD 8 /* counters past the end, which must stay 0 */

struct job {
    int n;
    int id;           /* which submitter */
    atomic_int *runs; /* per index, n + GUARD */
    atomic_int wrong; /* calls with another job's ctx or a bad index */
    int sleep_us;     /* per item; such jobs also note their threads */
    pthread_mutex_t mu;
    pthread_t threads[64]; /* distinct threads seen; guarded by mu */
    int nthreads;
};

static void job_init(struct job *j, int n, int id)
{
    memset(j, 0, sizeof *j);
    j->n = n;
    j->id = id;
    j->runs = calloc((size_t)n + GUARD, sizeof *j->runs);
    assert_non_null(j->runs);
    pthread_mutex_init(&j->mu, NULL);
}

static void note_thread(struct job *j)
{
    pthread_t self = pthread_self();
    pthread_mutex_lock(&j->mu);
    bool seen = false;
    for (int i = 0; i < j->nthreads; i++)
        seen = seen || pthread_equal(j->threads[i], self);
    if (!seen && j->nthreads < 64)
        j->threads[j->nthreads++] = self;
    pthread_mutex_unlock(&j->mu);
}

static void item(void *ctx, int i)
{
    struct job *j = ctx;
    if (i < 0 || i >= j->n) {
        atomic_fetch_add(&j->wrong, 1);
        return;
    }
    if (j->sleep_us) {
        struct timespec ts = {0, j->sleep_us * 1000L};
        nanosleep(&ts, NULL);
        note_thread(j);
    }
    atomic_fetch_add(&j->runs[i], 1);
}

/* Every index ran exactly once, nothing else ran; frees the counters. */
static void check_once(struct job *j)
{
    assert_int_equal(atomic_load(&j->wrong), 0);
    for (int i = 0; i < j->n; i++)
        if (atomic_load(&j->runs[i]) != 1)
            fail_msg("job %d: item %d of %d ran %d times", j->id, i, j->n,
                     atomic_load(&j->runs[i]));
    for (int i = j->n; i < j->n + GUARD; i++)
        assert_int_equal(atomic_load(&j->runs[i]), 0);
    free(j->runs);
    pthread_mutex_destroy(&j->mu);
}

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void never(void *ctx, int i)
{
    (void)ctx;
    (void)i;
    fail_msg("called for an empty job");
}

static void test_sizes(void **state)
{
    (void)state;
    static const int threads[] = {0, 1, 3};
    static const int sizes[] = {1, 2, 3, 7, 100, 10000};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        struct workpool *p = workpool_create(threads[t]);
        workpool_run(p, 0, never, NULL);
        workpool_run(p, -3, never, NULL);
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            struct job j;
            job_init(&j, sizes[s], 0);
            workpool_run(p, j.n, item, &j);
            check_once(&j); /* right after the return: nothing is still running */
        }
        workpool_destroy(p);
    }
}

/* Without helpers the caller does everything; with helpers, slow items are
 * shared between the caller and the pool. */
static void test_who_runs(void **state)
{
    (void)state;
    struct workpool *p = workpool_create(0);
    struct job j;
    job_init(&j, 20, 0);
    j.sleep_us = 100;
    workpool_run(p, j.n, item, &j);
    assert_int_equal(j.nthreads, 1);
    assert_true(pthread_equal(j.threads[0], pthread_self()));
    check_once(&j);
    workpool_destroy(p);

    p = workpool_create(4);
    job_init(&j, 64, 0);
    j.sleep_us = 2000;
    workpool_run(p, j.n, item, &j);
    print_message("64 items of 2 ms on the caller and 4 helpers: %d threads\n", j.nthreads);
    assert_true(j.nthreads >= 2);
    check_once(&j);
    workpool_destroy(p);
}

struct submitter {
    struct workpool *pool;
    int id, rounds, n;
    int failures;
};

static void *submit(void *arg)
{
    struct submitter *s = arg;
    for (int r = 0; r < s->rounds; r++) {
        struct job j;
        memset(&j, 0, sizeof j);
        j.n = s->n + r % 7; /* sizes differ between jobs */
        j.id = s->id;
        j.runs = calloc((size_t)j.n + GUARD, sizeof *j.runs);
        if (!j.runs)
            abort();
        workpool_run(s->pool, j.n, item, &j);
        bool ok = atomic_load(&j.wrong) == 0;
        for (int i = 0; i < j.n + GUARD; i++)
            ok = ok && atomic_load(&j.runs[i]) == (i < j.n);
        s->failures += !ok;
        free(j.runs);
    }
    return NULL;
}

/* Four threads submit jobs to one pool of two helpers at the same time (as
 * concurrent batch requests do): each job still runs each of its own
 * items exactly once. */
static void test_concurrent_submitters(void **state)
{
    (void)state;
    struct workpool *p = workpool_create(2);
    struct submitter s[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        s[i] = (struct submitter){p, i, 200, 1 + i * 40, 0};
        assert_int_equal(pthread_create(&t[i], NULL, submit, &s[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(s[i].failures, 0);
    }
    workpool_destroy(p);
}

/* destroy stops idle threads at once, and threads that just finished work;
 * many pools come and go (ASan sees any leak). */
static void test_shutdown(void **state)
{
    (void)state;
    double t0 = mono();
    for (int i = 0; i < 50; i++) {
        struct workpool *p = workpool_create(i % 5);
        if (i % 2) {
            struct job j;
            job_init(&j, 33, i);
            workpool_run(p, j.n, item, &j);
            check_once(&j);
        }
        workpool_destroy(p);
    }
    double per = (mono() - t0) / 50;
    print_message("create, run, destroy: %.2f ms\n", per * 1e3);
    assert_true(per < 0.5);

    /* idle for a while first: the helpers are asleep on the condition */
    struct workpool *p = workpool_create(4);
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL);
    t0 = mono();
    workpool_destroy(p);
    assert_true(mono() - t0 < 0.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_who_runs),
        cmocka_unit_test(test_concurrent_submitters),
        cmocka_unit_test(test_shutdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
