/* storage.c - opening, watching and closing the store (see storage.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/storage.h"

#include "app/mem.h"
#include "store/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KEEPER_PERIOD_S 1

struct storage {
    struct service *svc;
    _Atomic(struct store *) store; /* set once, by start or the keeper */
    atomic_bool ok;                /* the last open or ping succeeded */
    const char *backend;
    pthread_mutex_t mu;
    pthread_cond_t wake;
    bool stop;
    pthread_t keeper;
};

static struct store *try_open(struct storage *st)
{
    const struct config *cfg = &st->svc->cfg;
    struct store_config sc = {
        .url = cfg->database_url,
        .pool_max = cfg->db_pool_max,
        .pool_min = cfg->db_pool_min > 0 ? cfg->db_pool_min : -1,
        .idle_s = cfg->db_idle_s,
        .wait_ms = cfg->db_wait_ms,
    };
    struct store *s = NULL;
    struct error err;
    if (store_open(&sc, &s, &err) != 0) {
        service_diag(st->svc, "{\"level\":\"warn\",\"msg\":\"store not open\",\"reason\":\"%.120s\"}",
                     err.message);
        return NULL;
    }
    return s;
}

static void *keeper(void *arg)
{
    struct storage *st = arg;
    pthread_mutex_lock(&st->mu);
    while (!st->stop) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_sec += KEEPER_PERIOD_S;
        pthread_cond_timedwait(&st->wake, &st->mu, &ts);
        if (st->stop)
            break;
        pthread_mutex_unlock(&st->mu);
        struct store *s = atomic_load(&st->store);
        if (!s) {
            s = try_open(st);
            if (s) {
                atomic_store(&st->store, s);
                atomic_store(&st->ok, true);
                service_diag(st->svc, "{\"level\":\"info\",\"msg\":\"store open\"}");
            }
        } else {
            struct error err;
            atomic_store(&st->ok, store_ping(s, &err) == 0);
        }
        pthread_mutex_lock(&st->mu);
    }
    pthread_mutex_unlock(&st->mu);
    return NULL;
}

void storage_start(struct service *s)
{
    struct storage *st = xcalloc(1, sizeof *st);
    st->svc = s;
    const char *url = s->cfg.database_url;
    st->backend = strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0
                      ? "postgresql"
                      : "sqlite";
    struct store *store = try_open(st);
    atomic_init(&st->store, store);
    atomic_init(&st->ok, store != NULL);
    pthread_mutex_init(&st->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&st->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&st->keeper, NULL, keeper, st) != 0) {
        fputs("kundlid: cannot start the store keeper thread\n", stderr);
        abort();
    }
    s->storage = st;
}

struct store *storage_get(struct service *s, struct error *err)
{
    struct store *store = s->storage ? atomic_load(&s->storage->store) : NULL;
    if (!store)
        err_set(err, ERR_STORE_UNAVAILABLE, "", "the database cannot be reached; retry later");
    return store;
}

void storage_note(struct service *s, int rc)
{
    if (rc == ERR_STORE_UNAVAILABLE && s->storage)
        atomic_store(&s->storage->ok, false);
}

bool storage_status(struct service *s, const char **backend)
{
    struct storage *st = s->storage;
    *backend = st ? st->backend : "none";
    return st && atomic_load(&st->store) && atomic_load(&st->ok);
}

void storage_stop(struct service *s)
{
    struct storage *st = s->storage;
    if (!st)
        return;
    pthread_mutex_lock(&st->mu);
    st->stop = true;
    pthread_cond_signal(&st->wake);
    pthread_mutex_unlock(&st->mu);
    pthread_join(st->keeper, NULL);
    store_close(atomic_load(&st->store));
    pthread_cond_destroy(&st->wake);
    pthread_mutex_destroy(&st->mu);
    free(st);
    s->storage = NULL;
}
