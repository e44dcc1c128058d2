/* cache_redis.c - the L2 cache on Redis through hiredis (see cache_redis.h):
 * the pool of command connections, the keeper thread (reconnects with
 * backoff, pings, listens for invalidations), the chart value format and
 * the per-user list versions.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/cache_redis.h"

#include "app/mem.h"
#include "service/metrics.h"
#include "service/service.h"

#include <hiredis/hiredis.h>

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

/* Every key starts with the layout's version: a new layout never reads
 * an old one's keys. */
#define PREFIX "kundli:v1:"
#define CHANNEL PREFIX "invalidate"

/* A chart value: [0] format version, [1] flags (bit 0: a DEFLATE copy
 * follows the JSON), [2..9] tag, [10..13] JSON length, both little-endian,
 * then the JSON, then the DEFLATE copy (the rest). */
#define VALUE_FORMAT 1
#define VALUE_HEAD 14
#define VALUE_DEFLATED 1u
#define VALUE_MAX (16u << 20) /* far above any chart: a bigger value is not ours */

#define PING_PERIOD_MS 500
#define BACKOFF_MIN_MS 50
#define BACKOFF_MAX_MS 2000
#define POOL_MAX 64
#define PENDING_MAX 256 /* version bumps waiting for Redis */
#define GUESS_SLOTS 1024
#define USER_MAX 64

struct guess {
    char user[USER_MAX + 1]; /* "" = empty slot */
    int64_t version;
};

struct cache_redis {
    struct service *svc;
    char host[256];
    int port, db;
    char user[128], password[256];
    int ttl_s, list_ttl_s, connections;
    struct timeval timeout;
    atomic_bool ok; /* connected: requests may use the pool */
    atomic_bool stop;
    pthread_mutex_t mu; /* the pool and the pending bumps */
    redisContext *idle[POOL_MAX];
    int n_idle;
    unsigned generation; /* a fault starts a new one: older connections are not pooled */
    char pending[PENDING_MAX][USER_MAX + 1];
    int n_pending;
    pthread_mutex_t guess_mu; /* users' versions this instance last saw */
    struct guess guess[GUESS_SLOTS];
    int wake_fd; /* eventfd: a fault or stop wakes the keeper */
    pthread_t keeper;
};

/* ---- faults ------------------------------------------------------------- */

static bool timed_out(int e)
{
    return e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT || e == EINPROGRESS;
}

static void wake(struct cache_redis *r)
{
    uint64_t one = 1;
    ssize_t n = write(r->wake_fd, &one, sizeof one);
    (void)n; /* a full counter already wakes it */
}

/* Counts a failed connect or command on c (NULL: none could be made). */
static void count_failure(struct cache_redis *r, const redisContext *c, int saved_errno)
{
    metrics_observe_redis(r->svc->metrics, REDIS_ERROR);
    if (c && c->err == REDIS_ERR_IO && timed_out(saved_errno))
        metrics_observe_redis(r->svc->metrics, REDIS_TIMEOUT);
}

/* Redis cannot be used now: drop the idle connections (they likely share
 * the fate of the one that failed) and let the keeper reconnect. Until
 * then every request skips Redis. */
static void degrade(struct cache_redis *r)
{
    redisContext *drop[POOL_MAX];
    pthread_mutex_lock(&r->mu);
    int n = r->n_idle;
    memcpy(drop, r->idle, sizeof(redisContext *) * (size_t)n);
    r->n_idle = 0;
    r->generation++;
    pthread_mutex_unlock(&r->mu);
    for (int i = 0; i < n; i++)
        redisFree(drop[i]);
    if (atomic_exchange(&r->ok, false))
        wake(r);
}

/* A connection broke or ran out of time: count it, free it, degrade. */
static void fault(struct cache_redis *r, redisContext *c, int saved_errno)
{
    count_failure(r, c, saved_errno);
    redisFree(c);
    degrade(r);
}

/* ---- connections -------------------------------------------------------- */

static bool reply_ok(const redisReply *rep)
{
    return rep && rep->type == REDIS_REPLY_STATUS && strcmp(rep->str, "OK") == 0;
}

/* A new connection, authenticated and on its database, or NULL (counted). */
static redisContext *dial(struct cache_redis *r)
{
    redisContext *c = redisConnectWithTimeout(r->host, r->port, r->timeout);
    redisReply *rep = NULL;
    int e = errno;
    if (!c || c->err)
        goto fail;
    if (redisSetTimeout(c, r->timeout) != REDIS_OK) {
        e = errno;
        goto fail;
    }
    redisEnableKeepAlive(c);
    if (r->password[0]) {
        rep = r->user[0] ? redisCommand(c, "AUTH %s %s", r->user, r->password)
                         : redisCommand(c, "AUTH %s", r->password);
        e = errno;
        if (!reply_ok(rep))
            goto fail;
        freeReplyObject(rep);
        rep = NULL;
    }
    if (r->db) {
        rep = redisCommand(c, "SELECT %d", r->db);
        e = errno;
        if (!reply_ok(rep))
            goto fail;
        freeReplyObject(rep);
    }
    return c;
fail:
    count_failure(r, c, e);
    if (rep)
        freeReplyObject(rep);
    redisFree(c);
    return NULL;
}

/* A pooled connection, or NULL when degraded or none is idle (the caller
 * then goes without Redis). *gen: the pool's generation, for give(). */
static redisContext *take(struct cache_redis *r, unsigned *gen)
{
    redisContext *c = NULL;
    if (!atomic_load_explicit(&r->ok, memory_order_acquire))
        return NULL;
    pthread_mutex_lock(&r->mu);
    if (r->n_idle > 0)
        c = r->idle[--r->n_idle];
    *gen = r->generation;
    pthread_mutex_unlock(&r->mu);
    return c;
}

/* Returns a connection that just worked to the pool. */
static void give(struct cache_redis *r, redisContext *c, unsigned gen)
{
    pthread_mutex_lock(&r->mu);
    if (gen == r->generation && r->n_idle < POOL_MAX) {
        r->idle[r->n_idle++] = c;
        c = NULL;
    }
    pthread_mutex_unlock(&r->mu);
    redisFree(c);
}

/* A reply that is an error (e.g. -OOM): counted; the connection is fine. */
static bool reply_error(struct cache_redis *r, const redisReply *rep)
{
    if (rep->type != REDIS_REPLY_ERROR)
        return false;
    metrics_observe_redis(r->svc->metrics, REDIS_ERROR);
    return true;
}

/* ---- chart entries ------------------------------------------------------ */

static void put_le(unsigned char *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* Checks and copies a value into out; false for any other format. */
static bool decode(const char *v, size_t n, struct cache_blob *out)
{
    const unsigned char *p = (const unsigned char *)v;
    if (n < VALUE_HEAD || n > VALUE_MAX || p[0] != VALUE_FORMAT || (p[1] & ~VALUE_DEFLATED))
        return false;
    size_t json_len = (size_t)get_le(p + 10, 4);
    size_t rest = n - VALUE_HEAD;
    if (json_len == 0 || json_len > rest || ((p[1] & VALUE_DEFLATED) != 0) != (json_len < rest))
        return false;
    char *buf = xmalloc(rest);
    memcpy(buf, v + VALUE_HEAD, rest);
    out->buf = buf;
    out->json = buf;
    out->json_len = json_len;
    out->deflated = json_len < rest ? buf + json_len : NULL;
    out->deflated_len = rest - json_len;
    out->tag = get_le(p + 2, 8);
    return true;
}

/* The value of a chart entry (malloc'd, *n bytes). deflated may be NULL. */
static unsigned char *encode(const void *json, size_t json_len, const void *deflated,
                             size_t deflated_len, uint64_t tag, size_t *n)
{
    if (!deflated)
        deflated_len = 0;
    *n = VALUE_HEAD + json_len + deflated_len;
    unsigned char *v = xmalloc(*n);
    v[0] = VALUE_FORMAT;
    v[1] = deflated_len ? VALUE_DEFLATED : 0;
    put_le(v + 2, tag, 8);
    put_le(v + 10, json_len, 4);
    memcpy(v + VALUE_HEAD, json, json_len);
    if (deflated_len)
        memcpy(v + VALUE_HEAD + json_len, deflated, deflated_len);
    return v;
}

bool cache_redis_get(struct cache_redis *r, struct cache_key key, struct cache_blob *out)
{
    unsigned gen;
    char hex[33];
    memset(out, 0, sizeof *out);
    redisContext *c = r ? take(r, &gen) : NULL;
    if (!c)
        return false;
    cache_key_hex(key, hex);
    redisReply *rep = redisCommand(c, "GET " PREFIX "chart:%s", hex);
    if (!rep) {
        fault(r, c, errno);
        return false;
    }
    give(r, c, gen);
    bool hit = rep->type == REDIS_REPLY_STRING && decode(rep->str, rep->len, out);
    if (!reply_error(r, rep))
        metrics_observe_redis(r->svc->metrics, hit ? REDIS_HIT : REDIS_MISS);
    freeReplyObject(rep);
    return hit;
}

void cache_redis_put(struct cache_redis *r, struct cache_key key, const void *json, size_t json_len,
                     const void *deflated, size_t deflated_len, uint64_t tag)
{
    unsigned gen;
    char hex[33];
    if (json_len == 0 || json_len > UINT32_MAX)
        return;
    redisContext *c = r ? take(r, &gen) : NULL;
    if (!c)
        return;
    size_t n;
    unsigned char *v = encode(json, json_len, deflated, deflated_len, tag, &n);
    cache_key_hex(key, hex);
    redisReply *rep = redisCommand(c, "SET " PREFIX "chart:%s %b EX %d", hex, v, n, r->ttl_s);
    int e = errno;
    free(v);
    if (!rep) {
        fault(r, c, e);
        return;
    }
    give(r, c, gen);
    reply_error(r, rep);
    freeReplyObject(rep);
}

void cache_redis_blob_free(struct cache_blob *b)
{
    free(b->buf);
    memset(b, 0, sizeof *b);
}

/* ---- saved-chart lists: versions ---------------------------------------- */

static struct guess *slot(struct cache_redis *r, const char *user)
{
    struct cache_key k = cache_key_hash(user, strlen(user));
    return &r->guess[k.lo % GUESS_SLOTS];
}

/* The version this instance last saw for user, or -1. */
static int64_t guess_get(struct cache_redis *r, const char *user)
{
    int64_t v = -1;
    pthread_mutex_lock(&r->guess_mu);
    struct guess *g = slot(r, user);
    if (strcmp(g->user, user) == 0)
        v = g->version;
    pthread_mutex_unlock(&r->guess_mu);
    return v;
}

static void guess_set(struct cache_redis *r, const char *user, int64_t version)
{
    pthread_mutex_lock(&r->guess_mu);
    struct guess *g = slot(r, user);
    snprintf(g->user, sizeof g->user, "%s", user);
    g->version = version;
    pthread_mutex_unlock(&r->guess_mu);
}

/* user "": every user (after missed messages). */
static void guess_drop(struct cache_redis *r, const char *user, size_t len)
{
    pthread_mutex_lock(&r->guess_mu);
    if (len == 0) {
        memset(r->guess, 0, sizeof r->guess);
    } else if (len <= USER_MAX) {
        char u[USER_MAX + 1];
        memcpy(u, user, len);
        u[len] = '\0';
        struct guess *g = slot(r, u);
        if (strcmp(g->user, u) == 0)
            g->user[0] = '\0';
    }
    pthread_mutex_unlock(&r->guess_mu);
}

/* The version in a GET's reply: a missing key is 0; -1 for anything else. */
static int64_t version_of(const redisReply *rep)
{
    if (rep->type == REDIS_REPLY_NIL)
        return 0;
    if (rep->type != REDIS_REPLY_STRING || rep->len == 0 || rep->len > 18)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < rep->len; i++) {
        if (rep->str[i] < '0' || rep->str[i] > '9')
            return -1;
        v = v * 10 + (rep->str[i] - '0');
    }
    return v;
}

#define VER_FMT "GET " PREFIX "user:{%b}:ver"
#define LIST_FMT PREFIX "user:{%b}:list:%lld:%s"

bool cache_redis_list_get(struct cache_redis *r, const char *user, const char *view, char **body,
                          size_t *len, int64_t *version)
{
    unsigned gen;
    redisReply *ver = NULL, *page = NULL;
    size_t ulen = strlen(user);
    bool hit = false;
    *version = -1;
    *body = NULL;
    *len = 0;
    redisContext *c = r ? take(r, &gen) : NULL;
    if (!c)
        return false;
    /* With a known version, ask for it and for that version's page at
     * once; the page counts only if the version is still that one. */
    int64_t known = guess_get(r, user);
    redisAppendCommand(c, VER_FMT, user, ulen);
    if (known >= 0)
        redisAppendCommand(c, "GET " LIST_FMT, user, ulen, (long long)known, view);
    if (redisGetReply(c, (void **)&ver) != REDIS_OK ||
        (known >= 0 && redisGetReply(c, (void **)&page) != REDIS_OK))
        goto broken;
    int64_t v = version_of(ver);
    if (v < 0) {
        reply_error(r, ver);
        goto out;
    }
    if (v != known) {
        guess_set(r, user, v);
        if (page)
            freeReplyObject(page);
        page = redisCommand(c, "GET " LIST_FMT, user, ulen, (long long)v, view);
        if (!page)
            goto broken;
    }
    *version = v;
    if (page->type == REDIS_REPLY_STRING) {
        *body = xmalloc(page->len + 1);
        memcpy(*body, page->str, page->len);
        (*body)[page->len] = '\0';
        *len = page->len;
        hit = true;
    } else if (reply_error(r, page)) {
        *version = -1;
        goto out;
    }
    metrics_observe_redis(r->svc->metrics, hit ? REDIS_LIST_HIT : REDIS_LIST_MISS);
out:
    give(r, c, gen);
    c = NULL;
broken:
    if (c)
        fault(r, c, errno);
    if (ver)
        freeReplyObject(ver);
    if (page)
        freeReplyObject(page);
    return hit;
}

void cache_redis_list_put(struct cache_redis *r, const char *user, const char *view,
                          int64_t version, const void *body, size_t len)
{
    unsigned gen;
    if (version < 0)
        return;
    redisContext *c = r ? take(r, &gen) : NULL;
    if (!c)
        return;
    redisReply *rep = redisCommand(c, "SET " LIST_FMT " %b EX %d", user, strlen(user),
                                   (long long)version, view, body, len, r->list_ttl_s);
    if (!rep) {
        fault(r, c, errno);
        return;
    }
    give(r, c, gen);
    reply_error(r, rep);
    freeReplyObject(rep);
}

/* What became of a version bump. */
enum bump_result {
    BUMP_DONE,
    BUMP_BROKEN,  /* the connection failed: the caller faults it */
    BUMP_REFUSED, /* Redis answered with an error (counted): retrying will not help */
};

/* INCR and PUBLISH for user on c, in one round trip. */
static enum bump_result bump(struct cache_redis *r, redisContext *c, const char *user)
{
    redisReply *incr = NULL, *pub = NULL;
    enum bump_result res = BUMP_BROKEN;
    size_t ulen = strlen(user);
    redisAppendCommand(c, "INCR " PREFIX "user:{%b}:ver", user, ulen);
    redisAppendCommand(c, "PUBLISH " CHANNEL " %b", user, ulen);
    if (redisGetReply(c, (void **)&incr) != REDIS_OK || redisGetReply(c, (void **)&pub) != REDIS_OK)
        goto out;
    res = BUMP_DONE;
    if (incr->type != REDIS_REPLY_INTEGER) {
        reply_error(r, incr);
        res = BUMP_REFUSED;
    }
    if (reply_error(r, pub))
        res = BUMP_REFUSED;
out:
    if (incr)
        freeReplyObject(incr);
    if (pub)
        freeReplyObject(pub);
    return res;
}

static void queue_pending(struct cache_redis *r, const char *user)
{
    bool full = false;
    pthread_mutex_lock(&r->mu);
    int i = 0;
    while (i < r->n_pending && strcmp(r->pending[i], user) != 0)
        i++;
    if (i == r->n_pending) {
        if (r->n_pending < PENDING_MAX)
            snprintf(r->pending[r->n_pending++], USER_MAX + 1, "%s", user);
        else
            full = true;
    }
    pthread_mutex_unlock(&r->mu);
    if (full)
        service_diag(r->svc, "{\"level\":\"warn\",\"msg\":\"redis: too many list invalidations "
                             "waiting; cached list pages may be stale until redis_list_ttl\"}");
}

void cache_redis_user_changed(struct cache_redis *r, const char *user)
{
    unsigned gen;
    if (!r || strlen(user) > USER_MAX)
        return;
    guess_drop(r, user, strlen(user));
    redisContext *c = take(r, &gen);
    if (!c && atomic_load(&r->ok)) { /* all busy: a write cannot go without */
        pthread_mutex_lock(&r->mu);
        gen = r->generation;
        pthread_mutex_unlock(&r->mu);
        c = dial(r);
    }
    enum bump_result res = c ? bump(r, c, user) : BUMP_BROKEN;
    if (res == BUMP_BROKEN)
        queue_pending(r, user); /* sent by the keeper before Redis is used again */
    if (res == BUMP_BROKEN && c)
        fault(r, c, errno);
    else if (c)
        give(r, c, gen);
    else
        degrade(r); /* no page may be read before the keeper sends the bump */
}

/* ---- the keeper --------------------------------------------------------- */

static double now_ms(void)
{
    return service_now() * 1e3;
}

/* Sends the waiting bumps on c; false if one could not be sent. Each is
 * taken off the queue before it is sent, so a write queued meanwhile for
 * the same user gets a bump of its own. */
static bool flush_pending(struct cache_redis *r, redisContext *c)
{
    for (;;) {
        char user[USER_MAX + 1];
        pthread_mutex_lock(&r->mu);
        bool any = r->n_pending > 0;
        if (any)
            memcpy(user, r->pending[--r->n_pending], sizeof user);
        pthread_mutex_unlock(&r->mu);
        if (!any)
            return true;
        enum bump_result res = bump(r, c, user);
        if (res == BUMP_BROKEN) {
            count_failure(r, c, errno);
            queue_pending(r, user);
            return false;
        }
        if (res == BUMP_REFUSED)
            service_diag(r->svc, "{\"level\":\"warn\",\"msg\":\"redis refused a list version "
                                 "bump; that user's cached pages expire with redis_list_ttl\"}");
    }
}

/* Handles the messages hiredis has read; false when the stream broke. */
static bool handle_messages(struct cache_redis *r, redisContext *sub)
{
    void *reply;
    for (;;) {
        if (redisGetReplyFromReader(sub, &reply) != REDIS_OK) {
            count_failure(r, sub, errno);
            return false;
        }
        if (!reply)
            return true;
        redisReply *m = reply;
        if (m->type == REDIS_REPLY_ARRAY && m->elements == 3 &&
            m->element[0]->type == REDIS_REPLY_STRING &&
            strcmp(m->element[0]->str, "message") == 0 &&
            m->element[2]->type == REDIS_REPLY_STRING && m->element[2]->len > 0) {
            guess_drop(r, m->element[2]->str, m->element[2]->len);
            metrics_observe_redis(r->svc->metrics, REDIS_INVALIDATION);
        }
        freeReplyObject(m);
    }
}

/* Reads what the subscription received; false when it broke. */
static bool read_messages(struct cache_redis *r, redisContext *sub)
{
    if (redisBufferRead(sub) != REDIS_OK) {
        count_failure(r, sub, errno);
        return false;
    }
    return handle_messages(r, sub);
}

/* Connects the keeper's own two connections (commands, and the
 * subscription), sends the waiting bumps and fills the pool. */
static bool connect_all(struct cache_redis *r, redisContext **ctl, redisContext **sub)
{
    redisContext *pool[POOL_MAX];
    int n = 0;
    redisReply *rep = NULL;
    *ctl = dial(r);
    *sub = *ctl ? dial(r) : NULL;
    if (!*sub)
        goto fail;
    rep = redisCommand(*sub, "SUBSCRIBE " CHANNEL);
    if (!rep) {
        count_failure(r, *sub, errno);
        goto fail;
    }
    bool subscribed = rep->type == REDIS_REPLY_ARRAY;
    freeReplyObject(rep);
    /* messages read along with the confirmation wait in hiredis's buffer */
    if (!subscribed || !handle_messages(r, *sub) || !flush_pending(r, *ctl))
        goto fail;
    while (n < r->connections) {
        pool[n] = dial(r);
        if (!pool[n])
            goto fail;
        n++;
    }
    pthread_mutex_lock(&r->mu);
    r->generation++;
    memcpy(r->idle, pool, sizeof(redisContext *) * (size_t)n);
    r->n_idle = n;
    pthread_mutex_unlock(&r->mu);
    return true;
fail:
    while (n > 0)
        redisFree(pool[--n]);
    redisFree(*ctl);
    redisFree(*sub);
    *ctl = *sub = NULL;
    return false;
}

static bool ping(struct cache_redis *r, redisContext *c)
{
    redisReply *rep = redisCommand(c, "PING");
    if (!rep) {
        count_failure(r, c, errno);
        return false;
    }
    bool ok = rep->type == REDIS_REPLY_STATUS;
    if (!ok)
        reply_error(r, rep);
    freeReplyObject(rep);
    return ok;
}

static void *keeper(void *arg)
{
    struct cache_redis *r = arg;
    redisContext *ctl = NULL, *sub = NULL;
    int backoff = 0;
    double next_try = 0, next_ping = 0;
    bool reported = false; /* the outage was logged */
    while (!atomic_load(&r->stop)) {
        double now = now_ms();
        if (!atomic_load(&r->ok)) {
            if (ctl) { /* a request found a fault: start over */
                redisFree(ctl);
                redisFree(sub);
                ctl = sub = NULL;
                next_try = now + BACKOFF_MIN_MS;
            } else if (now >= next_try) {
                if (connect_all(r, &ctl, &sub)) {
                    guess_drop(r, "", 0); /* messages were missed meanwhile */
                    atomic_store_explicit(&r->ok, true, memory_order_release);
                    backoff = 0;
                    next_ping = now + PING_PERIOD_MS;
                    service_diag(r->svc, "{\"level\":\"info\",\"msg\":\"redis connected\"}");
                    reported = false;
                } else {
                    backoff = backoff ? backoff * 2 : BACKOFF_MIN_MS;
                    if (backoff > BACKOFF_MAX_MS)
                        backoff = BACKOFF_MAX_MS;
                    next_try = now + backoff;
                    if (!reported)
                        service_diag(r->svc, "{\"level\":\"warn\",\"msg\":\"redis unavailable; "
                                             "computing without L2, retrying\"}");
                    reported = true;
                }
            }
        } else if (now >= next_ping) {
            next_ping = now + PING_PERIOD_MS;
            if (!ping(r, ctl) || !flush_pending(r, ctl)) {
                degrade(r); /* counted by ping or bump */
                continue;
            }
        }
        double until = atomic_load(&r->ok) ? next_ping : next_try;
        int wait = (int)(until - now_ms());
        struct pollfd fds[2] = {{r->wake_fd, POLLIN, 0}, {sub ? sub->fd : -1, POLLIN, 0}};
        if (poll(fds, 2, wait < 1 ? 1 : wait) > 0) {
            if (fds[0].revents & POLLIN) {
                uint64_t n;
                ssize_t got = read(r->wake_fd, &n, sizeof n);
                (void)got;
            }
            if (sub && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) && !read_messages(r, sub))
                degrade(r);
        }
    }
    redisFree(ctl);
    redisFree(sub);
    return NULL;
}

/* ---- start and stop ----------------------------------------------------- */

static int bad_url(struct error *err, const char *why)
{
    return err_set(err, ERR_INVALID_VALUE, "redis_url",
                   "redis_url: %s (want redis://[:PASSWORD@]HOST[:PORT][/DB])", why);
}

/* redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] into r. */
static int parse_url(struct cache_redis *r, const char *url, struct error *err)
{
    if (strncmp(url, "redis://", 8) != 0)
        return bad_url(err, "not a redis:// URL");
    const char *p = url + 8;
    const char *slash = strchr(p, '/');
    size_t alen = slash ? (size_t)(slash - p) : strlen(p);
    const char *at = NULL; /* the last '@' of the authority ends the user info */
    for (const char *q = p; q < p + alen; q++)
        if (*q == '@')
            at = q;
    if (at) {
        const char *colon = memchr(p, ':', (size_t)(at - p));
        if (!colon)
            return bad_url(err, "user info must be [USER]:PASSWORD");
        size_t ul = (size_t)(colon - p), pl = (size_t)(at - colon - 1);
        if (ul >= sizeof r->user || pl >= sizeof r->password)
            return bad_url(err, "user or password too long");
        memcpy(r->user, p, ul);
        r->user[ul] = '\0';
        memcpy(r->password, colon + 1, pl);
        r->password[pl] = '\0';
        alen -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    const char *colon = memchr(p, ':', alen);
    size_t hlen = colon ? (size_t)(colon - p) : alen;
    if (hlen == 0 || hlen >= sizeof r->host)
        return bad_url(err, "no host");
    memcpy(r->host, p, hlen);
    r->host[hlen] = '\0';
    r->port = 6379;
    if (colon) {
        long port = 0;
        const char *q = colon + 1;
        for (; q < p + alen && *q >= '0' && *q <= '9' && port <= 65535; q++)
            port = port * 10 + (*q - '0');
        if (q != p + alen || q == colon + 1 || port < 1 || port > 65535)
            return bad_url(err, "bad port");
        r->port = (int)port;
    }
    r->db = 0;
    if (slash && slash[1]) {
        long db = 0;
        const char *q = slash + 1;
        for (; *q >= '0' && *q <= '9' && db < 100000; q++)
            db = db * 10 + (*q - '0');
        if (*q || db >= 100000)
            return bad_url(err, "bad database number");
        r->db = (int)db;
    }
    return 0;
}

int cache_redis_start(const struct cache_redis_config *cfg, struct service *s,
                      struct cache_redis **out, struct error *err)
{
    struct cache_redis *r = xcalloc(1, sizeof *r);
    *out = NULL;
    int rc = parse_url(r, cfg->url, err);
    if (rc) {
        free(r);
        return rc;
    }
    r->svc = s;
    r->ttl_s = cfg->ttl_s > 0 ? cfg->ttl_s : 86400;
    r->list_ttl_s = cfg->list_ttl_s > 0 ? cfg->list_ttl_s : 300;
    int ms = cfg->timeout_ms < 1 ? 1 : cfg->timeout_ms > 50 ? 50 : cfg->timeout_ms;
    r->timeout.tv_sec = 0;
    r->timeout.tv_usec = ms * 1000;
    r->connections = cfg->connections < 1          ? 1
                     : cfg->connections > POOL_MAX ? POOL_MAX
                                                   : cfg->connections;
    atomic_init(&r->ok, false);
    atomic_init(&r->stop, false);
    pthread_mutex_init(&r->mu, NULL);
    pthread_mutex_init(&r->guess_mu, NULL);
    r->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (r->wake_fd < 0 || pthread_create(&r->keeper, NULL, keeper, r) != 0) {
        fputs("kundlid: cannot start the redis keeper thread\n", stderr);
        abort();
    }
    *out = r;
    return 0;
}

void cache_redis_stop(struct cache_redis *r)
{
    if (!r)
        return;
    atomic_store(&r->stop, true);
    wake(r);
    pthread_join(r->keeper, NULL);
    for (int i = 0; i < r->n_idle; i++)
        redisFree(r->idle[i]);
    close(r->wake_fd);
    pthread_mutex_destroy(&r->mu);
    pthread_mutex_destroy(&r->guess_mu);
    free(r);
}

const char *cache_redis_state(struct cache_redis *r)
{
    return atomic_load(&r->ok) ? "ok" : "degraded";
}
