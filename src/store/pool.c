/* pool.c - the bounded connection pool of the store's backends (see pool.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "store/pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct idle {
    void *conn;
    int64_t since_ms; /* monotonic: when it was put back */
};

struct pool {
    const struct pool_ops *ops;
    void *ud;
    int max, min, idle_s, wait_ms;

    pthread_mutex_t mu;
    pthread_cond_t freed; /* a connection came back or a slot opened */
    pthread_cond_t wake;  /* the reaper: stop */
    struct idle *idle;    /* a stack of nidle, capacity max; the top is the newest */
    int nidle;
    int open;    /* idle + in use + being opened */
    int waiting; /* callers waiting in pool_get */
    bool stop;
    pthread_t reaper;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct timespec deadline_in(int ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* Opens one connection for a slot already counted in p->open; called
 * without the lock. On failure the slot is given back. */
static int open_counted(struct pool *p, void **conn, struct error *err)
{
    int rc = p->ops->open(p->ud, conn, err);
    if (rc != ERR_OK) {
        pthread_mutex_lock(&p->mu);
        p->open--;
        pthread_cond_signal(&p->freed);
        pthread_mutex_unlock(&p->mu);
    }
    return rc;
}

/* The reaper: once a second, closes connections idle longer than idle_s
 * (the oldest first, never below min), and reopens up to min. */
static void *reap(void *arg)
{
    struct pool *p = arg;
    pthread_mutex_lock(&p->mu);
    while (!p->stop) {
        struct timespec until = deadline_in(1000);
        pthread_cond_timedwait(&p->wake, &p->mu, &until);
        if (p->stop)
            break;
        int64_t old = now_ms() - (int64_t)p->idle_s * 1000;
        while (p->nidle > 0 && p->open > p->min && p->idle[0].since_ms <= old) {
            void *conn = p->idle[0].conn;
            memmove(&p->idle[0], &p->idle[1], (size_t)(p->nidle - 1) * sizeof *p->idle);
            p->nidle--;
            p->open--;
            pthread_mutex_unlock(&p->mu);
            p->ops->close(p->ud, conn);
            pthread_mutex_lock(&p->mu);
        }
        /* Back up to min after an outage; one try a second, stop at the
         * first failure (the server is probably still away). */
        while (!p->stop && p->open < p->min) {
            p->open++;
            pthread_mutex_unlock(&p->mu);
            void *conn = NULL;
            int rc = open_counted(p, &conn, NULL);
            pthread_mutex_lock(&p->mu);
            if (rc != ERR_OK)
                break;
            p->idle[p->nidle].conn = conn;
            p->idle[p->nidle].since_ms = now_ms();
            p->nidle++;
            pthread_cond_signal(&p->freed);
        }
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

int pool_new(const struct pool_ops *ops, void *ud, int max, int min, int idle_s, int wait_ms,
             struct pool **out, struct error *err)
{
    *out = NULL;
    if (max < 1 || min < 0 || min > max || idle_s < 0 || wait_ms < 0)
        return err_set(err, ERR_INVALID_ARGUMENT, "", "pool sizes or times out of range");
    struct pool *p = calloc(1, sizeof *p);
    struct idle *slots = calloc((size_t)max, sizeof *slots);
    if (!p || !slots) {
        free(p);
        free(slots);
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    }
    p->ops = ops;
    p->ud = ud;
    p->max = max;
    p->min = min;
    p->idle_s = idle_s;
    p->wait_ms = wait_ms;
    p->idle = slots;
    pthread_mutex_init(&p->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->freed, &ca);
    pthread_cond_init(&p->wake, &ca);
    pthread_condattr_destroy(&ca);

    int rc = ERR_OK;
    for (int i = 0; i < min && rc == ERR_OK; i++) {
        void *conn = NULL;
        rc = ops->open(ud, &conn, err);
        if (rc == ERR_OK) {
            p->idle[p->nidle].conn = conn;
            p->idle[p->nidle].since_ms = now_ms();
            p->nidle++;
            p->open++;
        }
    }
    if (rc == ERR_OK && pthread_create(&p->reaper, NULL, reap, p) != 0)
        rc = err_set(err, ERR_INTERNAL, "", "cannot start the pool's reaper thread");
    if (rc != ERR_OK) {
        for (int i = 0; i < p->nidle; i++)
            ops->close(ud, p->idle[i].conn);
        pthread_cond_destroy(&p->freed);
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->mu);
        free(p->idle);
        free(p);
        return rc;
    }
    *out = p;
    return ERR_OK;
}

void pool_free(struct pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->reaper, NULL);
    for (int i = 0; i < p->nidle; i++)
        p->ops->close(p->ud, p->idle[i].conn);
    pthread_cond_destroy(&p->freed);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->mu);
    free(p->idle);
    free(p);
}

int pool_get(struct pool *p, void **conn, bool *reused, struct error *err)
{
    *conn = NULL;
    *reused = false;
    struct timespec until = deadline_in(p->wait_ms);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->nidle > 0) {
            p->nidle--;
            *conn = p->idle[p->nidle].conn;
            *reused = true;
            pthread_mutex_unlock(&p->mu);
            return ERR_OK;
        }
        if (p->open < p->max) {
            p->open++;
            pthread_mutex_unlock(&p->mu);
            return open_counted(p, conn, err);
        }
        p->waiting++;
        int rc = pthread_cond_timedwait(&p->freed, &p->mu, &until);
        p->waiting--;
        if (rc == ETIMEDOUT && p->nidle == 0 && p->open >= p->max) {
            pthread_mutex_unlock(&p->mu);
            return err_set(err, ERR_STORE_BUSY, "",
                           "no database connection became free within %d ms", p->wait_ms);
        }
    }
}

void pool_put(struct pool *p, void *conn, bool broken)
{
    pthread_mutex_lock(&p->mu);
    if (broken) {
        p->open--;
        pthread_cond_signal(&p->freed);
        pthread_mutex_unlock(&p->mu);
        p->ops->close(p->ud, conn);
        return;
    }
    p->idle[p->nidle].conn = conn;
    p->idle[p->nidle].since_ms = now_ms();
    p->nidle++;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->mu);
}

void pool_flush(struct pool *p)
{
    pthread_mutex_lock(&p->mu);
    int n = p->nidle;
    void **conns = n > 0 ? malloc((size_t)n * sizeof *conns) : NULL;
    if (!conns) { /* nothing idle, or no memory: keep them (they fail one by one) */
        pthread_mutex_unlock(&p->mu);
        return;
    }
    for (int i = 0; i < n; i++)
        conns[i] = p->idle[i].conn;
    p->nidle = 0;
    p->open -= n;
    pthread_cond_broadcast(&p->freed);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < n; i++)
        p->ops->close(p->ud, conns[i]);
    free(conns);
}

void pool_stats(struct pool *p, struct store_pool_stats *out)
{
    pthread_mutex_lock(&p->mu);
    out->open = p->open;
    out->idle = p->nidle;
    out->waiting = p->waiting;
    pthread_mutex_unlock(&p->mu);
}
