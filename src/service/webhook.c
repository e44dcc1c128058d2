/* webhook.c - the alert webhook's sender thread (see webhook.h): a ring of
 * WEBHOOK_QUEUE_MAX bodies under a mutex, drained by one thread through a
 * libcurl easy handle. A try succeeds on a 2xx answer; anything else
 * (refused, timed out, 4xx, 5xx) is tried again after a back-off, and
 * after WEBHOOK_TRIES the alert counts as failed.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/webhook.h"

#include "app/mem.h"
#include "service/metrics.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BACKOFF_MS 250 /* before the second try; doubles for each next one */

struct item {
    size_t len;
    char body[WEBHOOK_BODY_MAX];
};

struct webhook {
    char *url;
    long timeout_ms;
    struct metrics *metrics;
    pthread_mutex_t mu;
    pthread_cond_t wake; /* monotonic clock: work arrived, or stop */
    struct item *ring;   /* [WEBHOOK_QUEUE_MAX] */
    int head, count;
    bool stop;
    atomic_bool stopping; /* read by libcurl's progress callback */
    pthread_t thread;
};

/* libcurl's progress callback: a non-zero return abandons the transfer. */
static int progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                    curl_off_t ulnow)
{
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    return atomic_load(&((struct webhook *)ud)->stopping) ? 1 : 0;
}

/* The answer's body is not wanted. */
static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n;
}

/* One try: true on a 2xx answer. */
static bool try_once(struct webhook *w, CURL *c, const struct item *it)
{
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, it->body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)it->len);
    long status = 0;
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    (void)w;
    return rc == CURLE_OK && status >= 200 && status < 300;
}

/* Sleeps ms unless stop is asked first; false if it was. Called with
 * w->mu held. */
static bool pause_ms(struct webhook *w, long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    while (!w->stop && pthread_cond_timedwait(&w->wake, &w->mu, &ts) == 0)
        ;
    return !w->stop;
}

static void *sender(void *arg)
{
    struct webhook *w = arg;
    CURL *c = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    if (c) {
        curl_easy_setopt(c, CURLOPT_URL, w->url);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, w->timeout_ms);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, w->timeout_ms);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "kundlid/" KUNDLI_VERSION);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, w);
    }
    struct item *it = xmalloc(sizeof *it);
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->stop && w->count == 0)
            pthread_cond_wait(&w->wake, &w->mu);
        if (w->stop)
            break;
        *it = w->ring[w->head];
        w->head = (w->head + 1) % WEBHOOK_QUEUE_MAX;
        w->count--;
        bool sent = false;
        for (int attempt = 0; attempt < WEBHOOK_TRIES && !sent && !w->stop; attempt++) {
            if (attempt > 0 && !pause_ms(w, (long)BACKOFF_MS << (attempt - 1)))
                break;
            pthread_mutex_unlock(&w->mu);
            sent = c && try_once(w, c, it);
            pthread_mutex_lock(&w->mu);
        }
        if (!w->stop)
            metrics_observe_webhook(w->metrics, sent ? WEBHOOK_SENT : WEBHOOK_FAILED);
    }
    pthread_mutex_unlock(&w->mu);
    free(it);
    curl_slist_free_all(headers);
    if (c)
        curl_easy_cleanup(c);
    return NULL;
}

struct webhook *webhook_start(const char *url, int timeout_ms, struct metrics *m)
{
    /* Once per process, on the starting (main) thread: libcurl's global
     * set-up is not thread-safe. */
    static bool global_done;
    if (!global_done) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        global_done = true;
    }
    struct webhook *w = xcalloc(1, sizeof *w);
    w->url = xstrdup(url);
    w->timeout_ms = timeout_ms > 0 ? timeout_ms : 2000;
    w->metrics = m;
    w->ring = xcalloc(WEBHOOK_QUEUE_MAX, sizeof *w->ring);
    atomic_init(&w->stopping, false);
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&w->thread, NULL, sender, w) != 0) {
        fputs("kundlid: cannot start the webhook thread\n", stderr);
        abort();
    }
    return w;
}

bool webhook_post(struct webhook *w, const char *body, size_t len)
{
    bool queued = false;
    if (len <= WEBHOOK_BODY_MAX) {
        pthread_mutex_lock(&w->mu);
        if (w->count < WEBHOOK_QUEUE_MAX && !w->stop) {
            struct item *it = &w->ring[(w->head + w->count) % WEBHOOK_QUEUE_MAX];
            memcpy(it->body, body, len);
            it->len = len;
            w->count++;
            queued = true;
            pthread_cond_signal(&w->wake);
        }
        pthread_mutex_unlock(&w->mu);
    }
    if (!queued)
        metrics_observe_webhook(w->metrics, WEBHOOK_DROPPED);
    return queued;
}

void webhook_stop(struct webhook *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    atomic_store(&w->stopping, true);
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->mu);
    free(w->ring);
    free(w->url);
    free(w);
}
