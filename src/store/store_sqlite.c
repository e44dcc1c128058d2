/* store_sqlite.c - the SQLite backend of the store (see store.h), the only
 * file that sees sqlite3.h. One file in WAL mode; ONE writer connection,
 * serialised by a mutex; readers take connections from a pool, so that
 * reads never wait for a write (WAL readers see the last commit).
 *
 * Durability: synchronous=FULL. In WAL mode NORMAL would already survive a
 * crash of the process (kill -9 loses no committed transaction: the WAL is
 * in the page cache of the kernel), but not a power loss or a kernel
 * panic, which may lose the last commits. FULL syncs the WAL at every
 * commit, so a chart acknowledged (201) is on disk. Saves are rare next to
 * reads, and one fsync per save is cheap at that rate.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/pool.h"
#include "store/store_impl.h"

/* The store's statements, each prepared once per connection. */
enum stmt {
    S_GET,
    S_LIST_FIRST,
    S_LIST_AFTER,
    S_DATE,
    S_DATE_TIME,
    S_NEAR,
    S_LOOKUP,
    S_INSERT,
    S_UPDATE,
    S_DELETE,
    S_KEY_INSERT,
    S_KEY_FIND,
    S_KEY_LIST,
    S_KEY_REVOKE,
    S_PING,
    S_SAMPLE_INSERT,
    S_SAMPLE_LIST,
    S_ALERT_INSERT,
    S_ALERT_LIST,
    S_SAMPLE_PRUNE,
    S_ALERT_PRUNE,
    S_COUNT
};

#define COLS                                                                                       \
    "id, user_id, name, notes, tags, birth, options, chart, date, time, latitude, longitude, "     \
    "engine_version, created_at, updated_at"
#define NEWEST " ORDER BY created_at DESC, id DESC"
#define KEY_COLS "key_id, user_id, admin, sha256, created_at, coalesce(revoked_at, 0)"
#define SAMPLE_COLS                                                                                \
    "ts, instance, cpu, memory, disk, disk_io, process_cpu, process_memory, p95, p99, rate_4xx, "  \
    "rate_5xx, rss_bytes, net_rx_bytes, net_tx_bytes, requests"
#define ALERT_COLS "ts, instance, metric, state, value, threshold"

static const struct {
    const char *name; /* for the index usage report */
    const char *sql;
} stmts[S_COUNT] = {
    [S_GET] = {"chart_get", "SELECT " COLS " FROM charts WHERE id = ?1 AND user_id = ?2"},
    [S_LIST_FIRST] = {"chart_list",
                      "SELECT " COLS " FROM charts WHERE user_id = ?1" NEWEST " LIMIT ?2"},
    [S_LIST_AFTER] = {"chart_list_after",
                      "SELECT " COLS " FROM charts WHERE user_id = ?1 AND created_at <= ?2"
                      " AND (created_at < ?2 OR id < ?3)" NEWEST " LIMIT ?4"},
    [S_DATE] = {"chart_search_date",
                "SELECT " COLS " FROM charts WHERE user_id = ?1 AND date = ?2" NEWEST " LIMIT ?3"},
    [S_DATE_TIME] = {"chart_search_date_time",
                     "SELECT " COLS
                     " FROM charts WHERE user_id = ?1 AND date = ?2 AND time = ?3" NEWEST
                     " LIMIT ?4"},
    [S_NEAR] = {"chart_search_near",
                "SELECT " COLS " FROM charts WHERE user_id = ?1 AND latitude BETWEEN ?2 AND ?3"
                " AND longitude BETWEEN ?4 AND ?5" NEWEST},
    [S_LOOKUP] = {"chart_lookup", "SELECT " COLS " FROM charts WHERE user_id = ?1"
                                  " AND id IN (SELECT value FROM json_each(?2))" NEWEST},
    [S_INSERT] = {"chart_insert",
                  "INSERT INTO charts (" COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                  " ?11, ?12, ?13, ?14, ?15)"},
    [S_UPDATE] = {"chart_update",
                  "UPDATE charts SET name = coalesce(?3, name), tags = coalesce(?4, tags),"
                  " notes = coalesce(?5, notes), updated_at = max(?6, updated_at + 1)"
                  " WHERE id = ?1 AND user_id = ?2 RETURNING " COLS},
    [S_DELETE] = {"chart_delete", "DELETE FROM charts WHERE id = ?1 AND user_id = ?2"},
    [S_KEY_INSERT] = {"key_insert", "INSERT INTO api_keys (key_id, user_id, admin, sha256,"
                                    " created_at) VALUES (?1, ?2, ?3, ?4, ?5)"},
    [S_KEY_FIND] = {"key_find", "SELECT " KEY_COLS " FROM api_keys"
                                " WHERE sha256 = ?1 AND revoked_at IS NULL"},
    [S_KEY_LIST] = {"key_list", "SELECT " KEY_COLS " FROM api_keys ORDER BY created_at, key_id"},
    [S_KEY_REVOKE] = {"key_revoke", "UPDATE api_keys SET revoked_at = ?2"
                                    " WHERE key_id = ?1 AND revoked_at IS NULL"},
    [S_PING] = {"ping", "SELECT 1"},
    [S_SAMPLE_INSERT] = {"sample_insert",
                         "INSERT INTO resource_samples (" SAMPLE_COLS ") VALUES (?1, ?2, ?3, ?4,"
                         " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"},
    [S_SAMPLE_LIST] = {"sample_list", "SELECT " SAMPLE_COLS " FROM resource_samples"
                                      " WHERE ts >= ?1 ORDER BY ts, instance LIMIT ?2"},
    [S_ALERT_INSERT] = {"alert_insert", "INSERT INTO alerts (" ALERT_COLS ")"
                                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
    [S_ALERT_LIST] = {"alert_list", "SELECT " ALERT_COLS " FROM alerts WHERE ts >= ?1"
                                    " ORDER BY ts DESC, instance DESC, metric DESC LIMIT ?2"},
    [S_SAMPLE_PRUNE] = {"sample_prune", "DELETE FROM resource_samples WHERE ts < ?1"},
    [S_ALERT_PRUNE] = {"alert_prune", "DELETE FROM alerts WHERE ts < ?1"},
};

/* The migrations, in order; step i brings schema_version to i + 1. Never
 * edit a step that has shipped: append one. */
static const char *const migrations[] = {
    "CREATE TABLE charts ("
    " id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    " user_id TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " notes TEXT NOT NULL DEFAULT '',"
    " tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),"
    " birth TEXT NOT NULL CHECK (json_valid(birth)),"
    " options TEXT NOT NULL CHECK (json_valid(options)),"
    " chart TEXT NOT NULL CHECK (json_valid(chart)),"
    " date TEXT NOT NULL,"
    " time TEXT NOT NULL,"
    " latitude REAL NOT NULL,"
    " longitude REAL NOT NULL,"
    " engine_version TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE INDEX charts_user ON charts (user_id);"
    "CREATE INDEX charts_user_created ON charts (user_id, created_at DESC, id DESC);"
    "CREATE INDEX charts_date_time ON charts (date, time);"
    "CREATE INDEX charts_lat_lon ON charts (latitude, longitude);"
    "CREATE TABLE api_keys ("
    " key_id TEXT PRIMARY KEY NOT NULL,"
    " user_id TEXT NOT NULL,"
    " admin INTEGER NOT NULL DEFAULT 0,"
    " sha256 TEXT NOT NULL UNIQUE,"
    " created_at INTEGER NOT NULL,"
    " revoked_at INTEGER);"
    "CREATE INDEX api_keys_user ON api_keys (user_id);",
    /* 2: the resource monitor's samples and alerts (percentages and
     * seconds; NULL: not known) */
    "CREATE TABLE resource_samples ("
    " ts INTEGER NOT NULL,"
    " instance TEXT NOT NULL,"
    " cpu REAL, memory REAL, disk REAL, disk_io REAL,"
    " process_cpu REAL, process_memory REAL,"
    " p95 REAL, p99 REAL, rate_4xx REAL, rate_5xx REAL,"
    " rss_bytes INTEGER NOT NULL,"
    " net_rx_bytes INTEGER NOT NULL,"
    " net_tx_bytes INTEGER NOT NULL,"
    " requests INTEGER NOT NULL);"
    "CREATE INDEX resource_samples_ts ON resource_samples (ts);"
    "CREATE TABLE alerts ("
    " ts INTEGER NOT NULL,"
    " instance TEXT NOT NULL,"
    " metric TEXT NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('firing', 'resolved')),"
    " value REAL NOT NULL,"
    " threshold REAL NOT NULL);"
    "CREATE INDEX alerts_ts ON alerts (ts);",
};

struct conn {
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
};

struct sq {
    char *path;
    int busy_ms;
    pthread_mutex_t write_mu; /* the writer connection is used by one thread at a time */
    struct conn *writer;
    struct pool *readers;
};

/* ---- errors -------------------------------------------------------------- */

/* SQLite's result -> the store's; the message has SQLite's generic words
 * for the code, never a path. */
static int fail(int rc, struct error *err)
{
    int code;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = ERR_STORE_BUSY; break;
    case SQLITE_NOMEM: code = ERR_NO_MEMORY; break;
    case SQLITE_CONSTRAINT: code = ERR_INVALID_VALUE; break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL: code = ERR_STORE_UNAVAILABLE; break;
    default: code = ERR_INTERNAL; break;
    }
    return err_set(err, code, "", "the database failed: %s", sqlite3_errstr(rc));
}

/* ---- connections --------------------------------------------------------- */

static void conn_close(struct conn *c)
{
    if (!c)
        return;
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(c->st[i]);
    sqlite3_close(c->db);
    free(c);
}

static int conn_open(const struct sq *q, bool writer, struct conn **out, struct error *err)
{
    *out = NULL;
    struct conn *c = calloc(1, sizeof *c);
    if (!c)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    /* NOMUTEX: each connection is used by one thread at a time (the writer
     * under write_mu, a reader while taken from the pool). */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(q->path, &c->db, flags, NULL);
    if (rc != SQLITE_OK) {
        rc = err_set(err, ERR_STORE_UNAVAILABLE, "", "cannot open the database file: %s",
                     sqlite3_errstr(rc));
        goto out;
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, q->busy_ms);
    const char *setup = writer ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                 " PRAGMA foreign_keys = ON;"
                               : "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                                 " PRAGMA query_only = 1;";
    rc = sqlite3_exec(c->db, setup, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        rc = fail(rc, err);
        goto out;
    }
    rc = ERR_OK;
out:
    if (rc != ERR_OK)
        conn_close(c);
    else
        *out = c;
    return rc;
}

static sqlite3_stmt *stmt(struct conn *c, enum stmt which, int *rc)
{
    if (!c->st[which]) {
        *rc = sqlite3_prepare_v3(c->db, stmts[which].sql, -1, SQLITE_PREPARE_PERSISTENT,
                                 &c->st[which], NULL);
        if (*rc != SQLITE_OK)
            return NULL;
    }
    *rc = SQLITE_OK;
    return c->st[which];
}

static void done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static int reader_open(void *ud, void **conn, struct error *err)
{
    struct conn *c = NULL;
    int rc = conn_open(ud, false, &c, err);
    *conn = c;
    return rc;
}

static void reader_close(void *ud, void *conn)
{
    (void)ud;
    conn_close(conn);
}

static const struct pool_ops reader_ops = {reader_open, reader_close};

/* ---- opening and migrations ---------------------------------------------- */

/* mkdir -p of the folder holding path. */
static int make_parent(const char *path, struct error *err)
{
    char *dir = strdup(path);
    if (!dir)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    char *slash = strrchr(dir, '/');
    int rc = ERR_OK;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; *p && rc == ERR_OK; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(dir, 0750) != 0 && errno != EEXIST)
                rc = ERR_STORE_UNAVAILABLE;
            *p = '/';
        }
        if (rc == ERR_OK && mkdir(dir, 0750) != 0 && errno != EEXIST)
            rc = ERR_STORE_UNAVAILABLE;
    }
    free(dir);
    if (rc != ERR_OK)
        err_set(err, rc, "", "cannot make the database's folder: %s", strerror(errno));
    return rc;
}

static int version_of(sqlite3 *db, int *version)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT coalesce(max(version), 0) FROM schema_version", -1, &st,
                                NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *version = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Each step in its own IMMEDIATE transaction (which takes the write lock
 * first, so two processes opening at once do not both apply a step). */
static int migrate(sqlite3 *db, struct error *err)
{
    int rc = sqlite3_exec(db,
                          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER"
                          " PRIMARY KEY, applied_at INTEGER NOT NULL)",
                          NULL, NULL, NULL);
    int n = (int)(sizeof migrations / sizeof *migrations);
    for (int step = 0; step < n && rc == SQLITE_OK; step++) {
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            break;
        int version = 0;
        rc = version_of(db, &version);
        if (rc == SQLITE_OK && version <= step) {
            rc = sqlite3_exec(db, migrations[step], NULL, NULL, NULL);
            sqlite3_stmt *st = NULL;
            if (rc == SQLITE_OK)
                rc = sqlite3_prepare_v2(db,
                                        "INSERT INTO schema_version (version, applied_at)"
                                        " VALUES (?1, unixepoch() * 1000000)",
                                        -1, &st, NULL);
            if (rc == SQLITE_OK) {
                sqlite3_bind_int(st, 1, step + 1);
                rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
            }
            sqlite3_finalize(st);
        }
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    return rc == SQLITE_OK ? ERR_OK : fail(rc, err);
}

static void sq_close(void *be)
{
    struct sq *q = be;
    if (!q)
        return;
    pool_free(q->readers);
    conn_close(q->writer);
    pthread_mutex_destroy(&q->write_mu);
    free(q->path);
    free(q);
}

int store_sqlite_open(const char *path, const struct store_config *cfg, void **be,
                      struct error *err)
{
    *be = NULL;
    if (sqlite3_threadsafe() == 0)
        return err_set(err, ERR_INTERNAL, "", "this SQLite library is built without threads");
    struct sq *q = calloc(1, sizeof *q);
    if (!q)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    pthread_mutex_init(&q->write_mu, NULL);
    q->busy_ms = cfg->busy_timeout_ms;
    q->path = strdup(path);
    int rc = q->path ? ERR_OK : err_set(err, ERR_NO_MEMORY, "", "out of memory");
    if (rc == ERR_OK)
        rc = make_parent(path, err);
    if (rc == ERR_OK)
        rc = conn_open(q, true, &q->writer, err);
    if (rc == ERR_OK)
        rc = migrate(q->writer->db, err);
    if (rc == ERR_OK)
        rc = pool_new(&reader_ops, q, cfg->pool_max, cfg->pool_min, cfg->idle_s, cfg->wait_ms,
                      &q->readers, err);
    if (rc != ERR_OK) {
        sq_close(q);
        return rc;
    }
    *be = q;
    return ERR_OK;
}

/* ---- rows ---------------------------------------------------------------- */

static const char *text(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

static void field(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The row of COLS as a borrowed chart (valid until the next step). */
static void chart_row(sqlite3_stmt *st, struct store_chart *c)
{
    memset(c, 0, sizeof *c);
    field(c->id, sizeof c->id, text(st, 0));
    field(c->user_id, sizeof c->user_id, text(st, 1));
    c->name = (char *)text(st, 2);
    c->notes = (char *)text(st, 3);
    c->tags_json = (char *)text(st, 4);
    c->birth_json = (char *)text(st, 5);
    c->options_json = (char *)text(st, 6);
    c->chart_json = (char *)text(st, 7);
    field(c->date, sizeof c->date, text(st, 8));
    field(c->time, sizeof c->time, text(st, 9));
    c->latitude = sqlite3_column_double(st, 10);
    c->longitude = sqlite3_column_double(st, 11);
    field(c->engine_version, sizeof c->engine_version, text(st, 12));
    c->created_at = sqlite3_column_int64(st, 13);
    c->updated_at = sqlite3_column_int64(st, 14);
}

static void key_row(sqlite3_stmt *st, struct store_key *k)
{
    memset(k, 0, sizeof *k);
    field(k->key_id, sizeof k->key_id, text(st, 0));
    field(k->user_id, sizeof k->user_id, text(st, 1));
    k->admin = sqlite3_column_int(st, 2) != 0;
    field(k->sha256, sizeof k->sha256, text(st, 3));
    k->created_at = sqlite3_column_int64(st, 4);
    k->revoked_at = sqlite3_column_int64(st, 5);
}

/* Steps st to its end, handing each row to each; returns 0, each's value,
 * or an error. Resets st. */
static int chart_rows(sqlite3_stmt *st, store_chart_fn each, void *ctx, struct error *err)
{
    int rc;
    int result = ERR_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_chart c;
        chart_row(st, &c);
        result = each(ctx, &c);
        if (result != 0)
            break;
    }
    if (result == ERR_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        result = fail(rc, err);
    done(st);
    return result;
}

/* ---- queries ------------------------------------------------------------- */

static int sq_ping(void *be, struct error *err)
{
    struct sq *q = be;
    void *conn = NULL;
    bool reused;
    int rc = pool_get(q->readers, &conn, &reused, err);
    if (rc != ERR_OK)
        return rc;
    int src;
    sqlite3_stmt *st = stmt(conn, S_PING, &src);
    if (st) {
        src = sqlite3_step(st);
        done(st);
    }
    rc = src == SQLITE_ROW ? ERR_OK : fail(src, err);
    pool_put(q->readers, conn, false);
    return rc;
}

static void sq_pool_stats(void *be, struct store_pool_stats *out)
{
    pool_stats(((struct sq *)be)->readers, out);
}

static int bind_query(sqlite3_stmt *st, const struct chart_query *q, char **ids_json)
{
    int rc = sqlite3_bind_text(st, 1, q->user, -1, SQLITE_STATIC);
    switch (q->kind) {
    case Q_GET:
        rc = sqlite3_bind_text(st, 1, q->id, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(st, 2, q->user, -1, SQLITE_STATIC);
        break;
    case Q_LIST_FIRST:
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(st, 2, q->limit);
        break;
    case Q_LIST_AFTER:
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(st, 2, q->after_created);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(st, 3, q->after_id, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(st, 4, q->limit);
        break;
    case Q_DATE:
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(st, 2, q->date, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(st, 3, q->limit);
        break;
    case Q_DATE_TIME:
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(st, 2, q->date, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(st, 3, q->time, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(st, 4, q->limit);
        break;
    case Q_NEAR:
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_double(st, 2, q->lat_min);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_double(st, 3, q->lat_max);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_double(st, 4, q->lon_min);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_double(st, 5, q->lon_max);
        break;
    case Q_LOOKUP: {
        /* The ids as one bound JSON array; store.c passes only 32-hex ids,
         * so no character needs escaping. */
        size_t size = (size_t)q->nids * (STORE_ID_LEN + 3) + 3;
        char *json = malloc(size);
        if (!json)
            return SQLITE_NOMEM;
        size_t n = 0;
        json[n++] = '[';
        for (int i = 0; i < q->nids; i++) {
            n += (size_t)snprintf(json + n, size - n, "%s\"%s\"", i ? "," : "", q->ids[i]);
        }
        json[n++] = ']';
        json[n] = '\0';
        *ids_json = json;
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(st, 2, json, (int)n, SQLITE_STATIC);
        break;
    }
    }
    return rc;
}

static const enum stmt query_stmt[] = {
    [Q_GET] = S_GET,       [Q_LIST_FIRST] = S_LIST_FIRST, [Q_LIST_AFTER] = S_LIST_AFTER,
    [Q_DATE] = S_DATE,     [Q_DATE_TIME] = S_DATE_TIME,   [Q_NEAR] = S_NEAR,
    [Q_LOOKUP] = S_LOOKUP,
};

static int sq_chart_query(void *be, const struct chart_query *cq, store_chart_fn each, void *ctx,
                          struct error *err)
{
    struct sq *q = be;
    void *conn = NULL;
    bool reused;
    int rc = pool_get(q->readers, &conn, &reused, err);
    if (rc != ERR_OK)
        return rc;
    char *ids_json = NULL;
    int src;
    sqlite3_stmt *st = stmt(conn, query_stmt[cq->kind], &src);
    if (st)
        src = bind_query(st, cq, &ids_json);
    if (src == SQLITE_OK)
        rc = chart_rows(st, each, ctx, err);
    else
        rc = fail(src, err);
    if (st)
        done(st);
    free(ids_json);
    pool_put(q->readers, conn, false);
    return rc;
}

/* ---- writes -------------------------------------------------------------- */

static int sq_chart_insert(void *be, const struct store_chart *c, struct error *err)
{
    struct sq *q = be;
    pthread_mutex_lock(&q->write_mu);
    int src;
    sqlite3_stmt *st = stmt(q->writer, S_INSERT, &src);
    if (st) {
        const char *texts[] = {c->id,        c->user_id,    c->name,         c->notes,
                               c->tags_json, c->birth_json, c->options_json, c->chart_json,
                               c->date,      c->time};
        for (int i = 0; i < 10 && src == SQLITE_OK; i++)
            src = sqlite3_bind_text(st, i + 1, texts[i], -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_double(st, 11, c->latitude);
        if (src == SQLITE_OK)
            src = sqlite3_bind_double(st, 12, c->longitude);
        if (src == SQLITE_OK)
            src = sqlite3_bind_text(st, 13, c->engine_version, -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_int64(st, 14, c->created_at);
        if (src == SQLITE_OK)
            src = sqlite3_bind_int64(st, 15, c->updated_at);
        if (src == SQLITE_OK)
            src = sqlite3_step(st);
        done(st);
    }
    pthread_mutex_unlock(&q->write_mu);
    return src == SQLITE_DONE ? ERR_OK : fail(src, err);
}

static int sq_chart_update(void *be, const char *user, const char *id, const char *name,
                           const char *tags_json, const char *notes, int64_t now,
                           store_chart_fn each, void *ctx, struct error *err)
{
    struct sq *q = be;
    int rc = ERR_OK;
    pthread_mutex_lock(&q->write_mu);
    int src;
    sqlite3_stmt *st = stmt(q->writer, S_UPDATE, &src);
    if (st) {
        const char *texts[] = {id, user, name, tags_json, notes};
        for (int i = 0; i < 5 && src == SQLITE_OK; i++)
            src = texts[i] ? sqlite3_bind_text(st, i + 1, texts[i], -1, SQLITE_STATIC)
                           : sqlite3_bind_null(st, i + 1);
        if (src == SQLITE_OK)
            src = sqlite3_bind_int64(st, 6, now);
        if (src == SQLITE_OK) {
            src = sqlite3_step(st);
            if (src == SQLITE_ROW) {
                struct store_chart c;
                chart_row(st, &c);
                rc = each(ctx, &c);
                src = sqlite3_step(st); /* DONE: the update is complete */
            } else if (src == SQLITE_DONE) {
                rc = ERR_NOT_FOUND;
            }
        }
        done(st);
    }
    pthread_mutex_unlock(&q->write_mu);
    if (src != SQLITE_DONE)
        return fail(src, err);
    return rc;
}

/* A one-statement write of the writer connection; *changes: rows changed. */
static int write_one(struct sq *q, enum stmt which, const char *a, const char *b, int64_t n,
                     int *changes, struct error *err)
{
    pthread_mutex_lock(&q->write_mu);
    int src;
    sqlite3_stmt *st = stmt(q->writer, which, &src);
    if (st) {
        src = sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
        if (src == SQLITE_OK && b)
            src = sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
        else if (src == SQLITE_OK)
            src = sqlite3_bind_int64(st, 2, n);
        if (src == SQLITE_OK)
            src = sqlite3_step(st);
        *changes = sqlite3_changes(q->writer->db);
        done(st);
    }
    pthread_mutex_unlock(&q->write_mu);
    return src == SQLITE_DONE ? ERR_OK : fail(src, err);
}

static int sq_chart_delete(void *be, const char *user, const char *id, struct error *err)
{
    int changes = 0;
    int rc = write_one(be, S_DELETE, id, user, 0, &changes, err);
    return rc == ERR_OK && changes == 0 ? ERR_NOT_FOUND : rc;
}

static int sq_key_insert(void *be, const struct store_key *k, struct error *err)
{
    struct sq *q = be;
    bool taken_id = false;
    pthread_mutex_lock(&q->write_mu);
    int src;
    sqlite3_stmt *st = stmt(q->writer, S_KEY_INSERT, &src);
    if (st) {
        src = sqlite3_bind_text(st, 1, k->key_id, -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_text(st, 2, k->user_id, -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_int(st, 3, k->admin ? 1 : 0);
        if (src == SQLITE_OK)
            src = sqlite3_bind_text(st, 4, k->sha256, -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_int64(st, 5, k->created_at);
        if (src == SQLITE_OK)
            src = sqlite3_step(st);
        /* Which unique column, from SQLite's words ("UNIQUE constraint
         * failed: api_keys.sha256"), read before the lock is let go. */
        if ((src & 0xff) == SQLITE_CONSTRAINT)
            taken_id = strstr(sqlite3_errmsg(q->writer->db), "api_keys.key_id") != NULL;
        done(st);
    }
    pthread_mutex_unlock(&q->write_mu);
    if ((src & 0xff) == SQLITE_CONSTRAINT && taken_id)
        return err_set(err, ERR_INVALID_VALUE, "key_id", "this key id is taken");
    if ((src & 0xff) == SQLITE_CONSTRAINT)
        return err_set(err, ERR_INVALID_VALUE, "sha256", "this key is already stored");
    return src == SQLITE_DONE ? ERR_OK : fail(src, err);
}

static int sq_key_revoke(void *be, const char *key_id, int64_t now, struct error *err)
{
    int changes = 0;
    int rc = write_one(be, S_KEY_REVOKE, key_id, NULL, now, &changes, err);
    return rc == ERR_OK && changes == 0 ? ERR_NOT_FOUND : rc;
}

/* ---- key reads ----------------------------------------------------------- */

struct key_copy {
    struct store_key *out;
    bool found;
};

static int copy_key(void *ctx, const struct store_key *k)
{
    struct key_copy *kc = ctx;
    *kc->out = *k;
    kc->found = true;
    return 0;
}

static int key_query(struct sq *q, enum stmt which, const char *sha256, store_key_fn each,
                     void *ctx, struct error *err)
{
    void *conn = NULL;
    bool reused;
    int rc = pool_get(q->readers, &conn, &reused, err);
    if (rc != ERR_OK)
        return rc;
    int src;
    sqlite3_stmt *st = stmt(conn, which, &src);
    if (st && sha256)
        src = sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    while (src == SQLITE_OK || src == SQLITE_ROW) {
        src = sqlite3_step(st);
        if (src != SQLITE_ROW)
            break;
        struct store_key k;
        key_row(st, &k);
        rc = each(ctx, &k);
        if (rc != 0)
            break;
    }
    if (rc == ERR_OK && src != SQLITE_DONE)
        rc = fail(src, err);
    if (st)
        done(st);
    pool_put(q->readers, conn, false);
    return rc;
}

static int sq_key_find(void *be, const char *sha256, struct store_key *out, struct error *err)
{
    struct key_copy kc = {out, false};
    int rc = key_query(be, S_KEY_FIND, sha256, copy_key, &kc, err);
    return rc == ERR_OK && !kc.found ? ERR_NOT_FOUND : rc;
}

static int sq_key_list(void *be, store_key_fn each, void *ctx, struct error *err)
{
    return key_query(be, S_KEY_LIST, NULL, each, ctx, err);
}

/* ---- the resource monitor ------------------------------------------------ */

/* A percentage or latency: negative (not known) is NULL. */
static int bind_known(sqlite3_stmt *st, int i, double v)
{
    return v < 0 || v != v ? sqlite3_bind_null(st, i) : sqlite3_bind_double(st, i, v);
}

static double known_or_minus_one(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_double(st, i);
}

static int sq_sample_insert(void *be, const struct store_sample *x, struct error *err)
{
    struct sq *q = be;
    pthread_mutex_lock(&q->write_mu);
    int src;
    sqlite3_stmt *st = stmt(q->writer, S_SAMPLE_INSERT, &src);
    if (st) {
        const double pct[] = {x->cpu,  x->memory, x->disk,     x->disk_io,  x->process_cpu,
                              x->process_memory, x->p95, x->p99, x->rate_4xx, x->rate_5xx};
        const int64_t counts[] = {x->rss_bytes, x->net_rx_bytes, x->net_tx_bytes, x->requests};
        src = sqlite3_bind_int64(st, 1, x->ts);
        if (src == SQLITE_OK)
            src = sqlite3_bind_text(st, 2, x->instance, -1, SQLITE_STATIC);
        for (int i = 0; i < 10 && src == SQLITE_OK; i++)
            src = bind_known(st, 3 + i, pct[i]);
        for (int i = 0; i < 4 && src == SQLITE_OK; i++)
            src = sqlite3_bind_int64(st, 13 + i, counts[i]);
        if (src == SQLITE_OK)
            src = sqlite3_step(st);
        done(st);
    }
    pthread_mutex_unlock(&q->write_mu);
    return src == SQLITE_DONE ? ERR_OK : fail(src, err);
}

static int sq_alert_insert(void *be, const struct store_alert *a, struct error *err)
{
    struct sq *q = be;
    pthread_mutex_lock(&q->write_mu);
    int src;
    sqlite3_stmt *st = stmt(q->writer, S_ALERT_INSERT, &src);
    if (st) {
        src = sqlite3_bind_int64(st, 1, a->ts);
        if (src == SQLITE_OK)
            src = sqlite3_bind_text(st, 2, a->instance, -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_text(st, 3, a->metric, -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_text(st, 4, a->state, -1, SQLITE_STATIC);
        if (src == SQLITE_OK)
            src = sqlite3_bind_double(st, 5, a->value);
        if (src == SQLITE_OK)
            src = sqlite3_bind_double(st, 6, a->threshold);
        if (src == SQLITE_OK)
            src = sqlite3_step(st);
        done(st);
    }
    pthread_mutex_unlock(&q->write_mu);
    return src == SQLITE_DONE ? ERR_OK : fail(src, err);
}

static void sample_row(sqlite3_stmt *st, struct store_sample *x)
{
    memset(x, 0, sizeof *x);
    x->ts = sqlite3_column_int64(st, 0);
    field(x->instance, sizeof x->instance, text(st, 1));
    double *pct[] = {&x->cpu,  &x->memory, &x->disk,     &x->disk_io,  &x->process_cpu,
                     &x->process_memory, &x->p95, &x->p99, &x->rate_4xx, &x->rate_5xx};
    for (int i = 0; i < 10; i++)
        *pct[i] = known_or_minus_one(st, 2 + i);
    x->rss_bytes = sqlite3_column_int64(st, 12);
    x->net_rx_bytes = sqlite3_column_int64(st, 13);
    x->net_tx_bytes = sqlite3_column_int64(st, 14);
    x->requests = sqlite3_column_int64(st, 15);
}

static void alert_row(sqlite3_stmt *st, struct store_alert *a)
{
    memset(a, 0, sizeof *a);
    a->ts = sqlite3_column_int64(st, 0);
    field(a->instance, sizeof a->instance, text(st, 1));
    field(a->metric, sizeof a->metric, text(st, 2));
    field(a->state, sizeof a->state, text(st, 3));
    a->value = sqlite3_column_double(st, 4);
    a->threshold = sqlite3_column_double(st, 5);
}

/* A listing "WHERE ts >= ?1 ... LIMIT ?2" on a reader; each row to
 * sample_each or alert_each (whichever is not NULL). */
static int monitor_query(struct sq *q, enum stmt which, int64_t since, int limit,
                         store_sample_fn sample_each, store_alert_fn alert_each, void *ctx,
                         struct error *err)
{
    void *conn = NULL;
    bool reused;
    int rc = pool_get(q->readers, &conn, &reused, err);
    if (rc != ERR_OK)
        return rc;
    int src;
    sqlite3_stmt *st = stmt(conn, which, &src);
    if (st)
        src = sqlite3_bind_int64(st, 1, since);
    if (src == SQLITE_OK)
        src = sqlite3_bind_int(st, 2, limit);
    while (src == SQLITE_OK || src == SQLITE_ROW) {
        src = sqlite3_step(st);
        if (src != SQLITE_ROW)
            break;
        if (sample_each) {
            struct store_sample x;
            sample_row(st, &x);
            rc = sample_each(ctx, &x);
        } else {
            struct store_alert a;
            alert_row(st, &a);
            rc = alert_each(ctx, &a);
        }
        if (rc != 0)
            break;
    }
    if (rc == ERR_OK && src != SQLITE_DONE)
        rc = fail(src, err);
    if (st)
        done(st);
    pool_put(q->readers, conn, false);
    return rc;
}

static int sq_sample_list(void *be, int64_t since, int limit, store_sample_fn each, void *ctx,
                          struct error *err)
{
    return monitor_query(be, S_SAMPLE_LIST, since, limit, each, NULL, ctx, err);
}

static int sq_alert_list(void *be, int64_t since, int limit, store_alert_fn each, void *ctx,
                         struct error *err)
{
    return monitor_query(be, S_ALERT_LIST, since, limit, NULL, each, ctx, err);
}

static int sq_monitor_prune(void *be, int64_t before, int64_t *deleted, struct error *err)
{
    struct sq *q = be;
    *deleted = 0;
    pthread_mutex_lock(&q->write_mu);
    int src = SQLITE_DONE;
    const enum stmt which[2] = {S_SAMPLE_PRUNE, S_ALERT_PRUNE};
    for (int i = 0; i < 2 && src == SQLITE_DONE; i++) {
        sqlite3_stmt *st = stmt(q->writer, which[i], &src);
        if (!st)
            break;
        src = sqlite3_bind_int64(st, 1, before);
        if (src == SQLITE_OK)
            src = sqlite3_step(st);
        if (src == SQLITE_DONE)
            *deleted += sqlite3_changes(q->writer->db);
        done(st);
    }
    pthread_mutex_unlock(&q->write_mu);
    return src == SQLITE_DONE ? ERR_OK : fail(src, err);
}

/* ---- operations ---------------------------------------------------------- */

/* "SEARCH charts USING INDEX charts_user_created (user_id=?)" -> table
 * "charts", index "charts_user_created"; a SCAN without an index -> "". */
static void plan_parts(const char *detail, char *table, size_t tsize, char *index, size_t isize)
{
    table[0] = index[0] = '\0';
    const char *p = strchr(detail, ' ');
    if (!p)
        return;
    p++;
    size_t n = strcspn(p, " ");
    snprintf(table, tsize, "%.*s", (int)n, p);
    const char *use = strstr(p, "USING ");
    if (!use)
        return;
    use += 6;
    if (strncmp(use, "COVERING ", 9) == 0)
        use += 9;
    if (strncmp(use, "INDEX ", 6) == 0) {
        use += 6;
        snprintf(index, isize, "%.*s", (int)strcspn(use, " "), use);
    } else if (strncmp(use, "INTEGER PRIMARY KEY", 19) == 0 ||
               strncmp(use, "PRIMARY KEY", 11) == 0) {
        snprintf(index, isize, "%s", "PRIMARY KEY");
    }
}

static int sq_index_usage(void *be, store_index_fn each, void *ctx, struct error *err)
{
    struct sq *q = be;
    void *conn = NULL;
    bool reused;
    int rc = pool_get(q->readers, &conn, &reused, err);
    if (rc != ERR_OK)
        return rc;
    sqlite3 *db = ((struct conn *)conn)->db;
    for (int i = 0; i < S_COUNT && rc == ERR_OK; i++) {
        /* Our own constant SQL behind EXPLAIN QUERY PLAN: no values. */
        char sql[1024];
        snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", stmts[i].sql);
        sqlite3_stmt *st = NULL;
        int src = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
        while (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
            src = SQLITE_OK;
            const char *detail = text(st, 3);
            if (strncmp(detail, "SEARCH ", 7) != 0 && strncmp(detail, "SCAN ", 5) != 0)
                continue;
            char table[64], index[96];
            plan_parts(detail, table, sizeof table, index, sizeof index);
            struct store_index_use u = {stmts[i].name, table, index, detail, -1};
            rc = each(ctx, &u);
            if (rc != 0)
                break;
        }
        if (rc == ERR_OK && src != SQLITE_DONE)
            rc = fail(src, err);
        sqlite3_finalize(st);
    }
    pool_put(q->readers, conn, false);
    return rc;
}

/* One step of the online backup copies every page under one read
 * transaction of a reader connection: a consistent snapshot, and in WAL
 * mode the writer goes on meanwhile. The copy goes to path.part first and
 * is renamed over path once complete. */
static int sq_backup(void *be, const char *path, struct error *err)
{
    struct sq *q = be;
    size_t n = strlen(path);
    char *part = malloc(n + 6);
    if (!part)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    memcpy(part, path, n);
    memcpy(part + n, ".part", 6);
    void *conn = NULL;
    bool reused;
    int rc = pool_get(q->readers, &conn, &reused, err);
    if (rc != ERR_OK) {
        free(part);
        return rc;
    }
    sqlite3 *dst = NULL;
    int src = sqlite3_open_v2(part, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (src == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", ((struct conn *)conn)->db, "main");
        if (!b) {
            src = sqlite3_errcode(dst);
        } else {
            src = sqlite3_backup_step(b, -1);
            int fin = sqlite3_backup_finish(b);
            src = src == SQLITE_DONE ? fin : src;
        }
    }
    sqlite3_close(dst);
    pool_put(q->readers, conn, false);
    if (src == SQLITE_OK && rename(part, path) != 0)
        rc = err_set(err, ERR_STORE_UNAVAILABLE, "path", "cannot move the backup into place: %s",
                     strerror(errno));
    else if (src != SQLITE_OK)
        rc = err_set(err, src == SQLITE_BUSY ? ERR_STORE_BUSY : ERR_STORE_UNAVAILABLE, "path",
                     "the backup failed: %s", sqlite3_errstr(src));
    if (rc != ERR_OK)
        unlink(part);
    free(part);
    return rc;
}

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .ping = sq_ping,
    .pool_stats = sq_pool_stats,
    .chart_insert = sq_chart_insert,
    .chart_query = sq_chart_query,
    .chart_update = sq_chart_update,
    .chart_delete = sq_chart_delete,
    .key_insert = sq_key_insert,
    .key_find = sq_key_find,
    .key_list = sq_key_list,
    .key_revoke = sq_key_revoke,
    .sample_insert = sq_sample_insert,
    .sample_list = sq_sample_list,
    .alert_insert = sq_alert_insert,
    .alert_list = sq_alert_list,
    .monitor_prune = sq_monitor_prune,
    .index_usage = sq_index_usage,
    .backup = sq_backup,
};
