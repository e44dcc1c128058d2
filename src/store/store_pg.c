/* store_pg.c - the PostgreSQL backend of the store (see store.h), the only
 * file that sees libpq-fe.h. A pool of connections (pool.h), each with the
 * store's statements prepared when it connects; documents as JSONB.
 *
 * Failures: a connection whose server went away is closed, never reused.
 * When a connection that had waited in the pool fails that way, the other
 * idle ones are closed too (they are as old), and the call is tried once
 * more on a fresh connection: after a restart of the server the first
 * call succeeds, and while it is down every call fails at once with
 * ERR_STORE_UNAVAILABLE (connection refused), with no restart of ours.
 * Every network wait has a bound: connect_timeout, statement_timeout,
 * TCP keepalives and tcp_user_timeout.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/pool.h"
#include "store/store_impl.h"

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
    S_INDEX_USAGE,
    S_SAMPLE_INSERT,
    S_SAMPLE_LIST,
    S_ALERT_INSERT,
    S_ALERT_LIST,
    S_MONITOR_PRUNE,
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
    const char *name; /* the prepared statement's name */
    const char *sql;
} stmts[S_COUNT] = {
    [S_GET] = {"chart_get", "SELECT " COLS " FROM charts WHERE id = $1 AND user_id = $2"},
    [S_LIST_FIRST] = {"chart_list",
                      "SELECT " COLS " FROM charts WHERE user_id = $1" NEWEST " LIMIT $2"},
    [S_LIST_AFTER] = {"chart_list_after",
                      "SELECT " COLS " FROM charts WHERE user_id = $1 AND created_at <= $2"
                      " AND (created_at < $2 OR id < $3)" NEWEST " LIMIT $4"},
    [S_DATE] = {"chart_search_date",
                "SELECT " COLS " FROM charts WHERE user_id = $1 AND date = $2" NEWEST " LIMIT $3"},
    [S_DATE_TIME] = {"chart_search_date_time",
                     "SELECT " COLS
                     " FROM charts WHERE user_id = $1 AND date = $2 AND time = $3" NEWEST
                     " LIMIT $4"},
    [S_NEAR] = {"chart_search_near",
                "SELECT " COLS " FROM charts WHERE user_id = $1 AND latitude BETWEEN $2 AND $3"
                " AND longitude BETWEEN $4 AND $5" NEWEST},
    [S_LOOKUP] = {"chart_lookup",
                  "SELECT " COLS " FROM charts WHERE user_id = $1 AND id = ANY($2::text[])" NEWEST},
    [S_INSERT] = {"chart_insert",
                  "INSERT INTO charts (" COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
                  " $11, $12, $13, $14, $15)"},
    [S_UPDATE] = {"chart_update",
                  "UPDATE charts SET name = coalesce($3, name), tags = coalesce($4::jsonb, tags),"
                  " notes = coalesce($5, notes), updated_at = greatest($6::bigint, updated_at + 1)"
                  " WHERE id = $1 AND user_id = $2 RETURNING " COLS},
    [S_DELETE] = {"chart_delete", "DELETE FROM charts WHERE id = $1 AND user_id = $2"},
    [S_KEY_INSERT] = {"key_insert", "INSERT INTO api_keys (key_id, user_id, admin, sha256,"
                                    " created_at) VALUES ($1, $2, $3, $4, $5)"},
    [S_KEY_FIND] = {"key_find", "SELECT " KEY_COLS " FROM api_keys"
                                " WHERE sha256 = $1 AND revoked_at IS NULL"},
    [S_KEY_LIST] = {"key_list", "SELECT " KEY_COLS " FROM api_keys ORDER BY created_at, key_id"},
    [S_KEY_REVOKE] = {"key_revoke", "UPDATE api_keys SET revoked_at = $2::bigint"
                                    " WHERE key_id = $1 AND revoked_at IS NULL"},
    [S_PING] = {"ping", "SELECT 1"},
    [S_INDEX_USAGE] = {"index_usage",
                       "SELECT indexrelname, relname, idx_scan FROM pg_stat_user_indexes"
                       " WHERE schemaname = current_schema()"
                       " AND relname IN ('charts', 'api_keys', 'schema_version',"
                       " 'resource_samples', 'alerts')"
                       " ORDER BY relname, indexrelname"},
    [S_SAMPLE_INSERT] = {"sample_insert",
                         "INSERT INTO resource_samples (" SAMPLE_COLS ") VALUES ($1, $2, $3, $4,"
                         " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"},
    [S_SAMPLE_LIST] = {"sample_list", "SELECT " SAMPLE_COLS " FROM resource_samples"
                                      " WHERE ts >= $1 ORDER BY ts, instance LIMIT $2"},
    [S_ALERT_INSERT] = {"alert_insert", "INSERT INTO alerts (" ALERT_COLS ")"
                                        " VALUES ($1, $2, $3, $4, $5, $6)"},
    [S_ALERT_LIST] = {"alert_list", "SELECT " ALERT_COLS " FROM alerts WHERE ts >= $1"
                                    " ORDER BY ts DESC, instance DESC, metric DESC LIMIT $2"},
    /* one statement for both tables: the two deletes commit together */
    [S_MONITOR_PRUNE] = {"monitor_prune",
                         "WITH s AS (DELETE FROM resource_samples WHERE ts < $1 RETURNING 1),"
                         " a AS (DELETE FROM alerts WHERE ts < $1 RETURNING 1)"
                         " SELECT (SELECT count(*) FROM s) + (SELECT count(*) FROM a)"},
};

/* The migrations, in order; step i brings schema_version to i + 1. Never
 * edit a step that has shipped: append one. Ids and users compare
 * bytewise (COLLATE "C"), as in SQLite, so both list in the same order. */
static const char *const migrations[] = {
    "CREATE TABLE charts ("
    " id text COLLATE \"C\" PRIMARY KEY CHECK (length(id) = 32),"
    " user_id text COLLATE \"C\" NOT NULL,"
    " name text NOT NULL,"
    " notes text NOT NULL DEFAULT '',"
    " tags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),"
    " birth jsonb NOT NULL,"
    " options jsonb NOT NULL,"
    " chart jsonb NOT NULL,"
    " date text COLLATE \"C\" NOT NULL,"
    " time text COLLATE \"C\" NOT NULL,"
    " latitude double precision NOT NULL,"
    " longitude double precision NOT NULL,"
    " engine_version text NOT NULL,"
    " created_at bigint NOT NULL,"
    " updated_at bigint NOT NULL);"
    "CREATE INDEX charts_user ON charts (user_id);"
    "CREATE INDEX charts_user_created ON charts (user_id, created_at DESC, id DESC);"
    "CREATE INDEX charts_date_time ON charts (date, time);"
    "CREATE INDEX charts_lat_lon ON charts (latitude, longitude);"
    "CREATE TABLE api_keys ("
    " key_id text COLLATE \"C\" PRIMARY KEY,"
    " user_id text COLLATE \"C\" NOT NULL,"
    " admin boolean NOT NULL DEFAULT false,"
    " sha256 text COLLATE \"C\" NOT NULL UNIQUE,"
    " created_at bigint NOT NULL,"
    " revoked_at bigint);"
    "CREATE INDEX api_keys_user ON api_keys (user_id);",
    /* 2: the resource monitor's samples and alerts (percentages and
     * seconds; NULL: not known) */
    "CREATE TABLE resource_samples ("
    " ts bigint NOT NULL,"
    " instance text COLLATE \"C\" NOT NULL,"
    " cpu double precision, memory double precision, disk double precision,"
    " disk_io double precision, process_cpu double precision, process_memory double precision,"
    " p95 double precision, p99 double precision,"
    " rate_4xx double precision, rate_5xx double precision,"
    " rss_bytes bigint NOT NULL,"
    " net_rx_bytes bigint NOT NULL,"
    " net_tx_bytes bigint NOT NULL,"
    " requests bigint NOT NULL);"
    "CREATE INDEX resource_samples_ts ON resource_samples (ts);"
    "CREATE TABLE alerts ("
    " ts bigint NOT NULL,"
    " instance text COLLATE \"C\" NOT NULL,"
    " metric text COLLATE \"C\" NOT NULL,"
    " state text NOT NULL CHECK (state IN ('firing', 'resolved')),"
    " value double precision NOT NULL,"
    " threshold double precision NOT NULL);"
    "CREATE INDEX alerts_ts ON alerts (ts);",
};

struct pg {
    char *url;
    char options[64]; /* "-c statement_timeout=N" */
    struct pool *pool;
};

/* ---- errors -------------------------------------------------------------- */

/* A failed result -> the store's code; *broken: the connection is unusable.
 * The message names the SQLSTATE, never the server's text (which may quote
 * values) nor the URL. */
static int fail(PGconn *c, const PGresult *r, bool *broken, struct error *err)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (PQstatus(c) != CONNECTION_OK || !state) {
        *broken = true;
        return err_set(err, ERR_STORE_UNAVAILABLE, "", "the database cannot be reached");
    }
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0) {
        *broken = true;
        return err_set(err, ERR_STORE_UNAVAILABLE, "", "the database cannot be reached (%s)",
                       state);
    }
    if (strcmp(state, "57014") == 0)
        return err_set(err, ERR_STORE_UNAVAILABLE, "", "the database did not answer in time");
    if (strncmp(state, "53", 2) == 0 || strncmp(state, "40", 2) == 0)
        return err_set(err, ERR_STORE_BUSY, "", "the database is busy (%s)", state);
    if (strcmp(state, "23505") == 0) {
        const char *con = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
        if (con && strcmp(con, "api_keys_pkey") == 0)
            return err_set(err, ERR_INVALID_VALUE, "key_id", "this key id is taken");
        if (con && strcmp(con, "charts_pkey") == 0)
            return err_set(err, ERR_INVALID_VALUE, "id", "this chart id is taken");
        if (con && strcmp(con, "api_keys_sha256_key") == 0)
            return err_set(err, ERR_INVALID_VALUE, "sha256", "this key is already stored");
    }
    if (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0)
        return err_set(err, ERR_INVALID_VALUE, "", "the database refused a value (%s)", state);
    return err_set(err, ERR_INTERNAL, "", "the database failed (%s)", state);
}

/* ---- connections --------------------------------------------------------- */

/* The server's notices ("relation already exists, skipping") are not ours
 * to print. */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static PGconn *connect_to(const struct pg *p)
{
    /* Our defaults first; the URL (expanded from dbname) overrides them. */
    const char *keys[] = {"connect_timeout",  "application_name",
                          "options",          "keepalives",
                          "keepalives_idle",  "keepalives_interval",
                          "keepalives_count", "tcp_user_timeout",
                          "dbname",           NULL};
    const char *values[] = {"2", "kundlid", p->options, "1", "10", "5", "3", "30000", p->url, NULL};
    PGconn *c = PQconnectdbParams(keys, values, 1);
    if (c)
        PQsetNoticeProcessor(c, quiet, NULL);
    return c;
}

static int conn_open(void *ud, void **conn, struct error *err)
{
    struct pg *p = ud;
    *conn = NULL;
    PGconn *c = connect_to(p);
    if (!c)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    if (PQstatus(c) != CONNECTION_OK) {
        PQfinish(c);
        return err_set(err, ERR_STORE_UNAVAILABLE, "", "the database cannot be reached");
    }
    for (int i = 0; i < S_COUNT; i++) {
        PGresult *r = PQprepare(c, stmts[i].name, stmts[i].sql, 0, NULL);
        bool broken = false;
        int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? ERR_OK : fail(c, r, &broken, err);
        PQclear(r);
        if (rc != ERR_OK) {
            PQfinish(c);
            return rc;
        }
    }
    *conn = c;
    return ERR_OK;
}

static void conn_close(void *ud, void *conn)
{
    (void)ud;
    PQfinish(conn);
}

static const struct pool_ops pg_pool_ops = {conn_open, conn_close};

/* ---- opening and migrations ---------------------------------------------- */

static int exec_ok(PGconn *c, const char *sql, ExecStatusType want, struct error *err)
{
    PGresult *r = PQexec(c, sql);
    bool broken = false;
    int rc = PQresultStatus(r) == want ? ERR_OK : fail(c, r, &broken, err);
    PQclear(r);
    return rc;
}

/* Each step in its own transaction (PostgreSQL's DDL is transactional),
 * under an advisory lock so that instances starting together take turns. */
static int migrate(PGconn *c, struct error *err)
{
    int rc = exec_ok(c,
                     "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
                     " applied_at bigint NOT NULL)",
                     PGRES_COMMAND_OK, err);
    int n = (int)(sizeof migrations / sizeof *migrations);
    for (int step = 0; step < n && rc == ERR_OK; step++) {
        rc = exec_ok(c, "BEGIN", PGRES_COMMAND_OK, err);
        if (rc == ERR_OK)
            rc = exec_ok(c, "SELECT pg_advisory_xact_lock(72697455)", PGRES_TUPLES_OK, err);
        int version = 0;
        if (rc == ERR_OK) {
            PGresult *r = PQexec(c, "SELECT coalesce(max(version), 0) FROM schema_version");
            bool broken = false;
            if (PQresultStatus(r) == PGRES_TUPLES_OK)
                version = atoi(PQgetvalue(r, 0, 0));
            else
                rc = fail(c, r, &broken, err);
            PQclear(r);
        }
        if (rc == ERR_OK && version <= step) {
            rc = exec_ok(c, migrations[step], PGRES_COMMAND_OK, err);
            char v[16];
            snprintf(v, sizeof v, "%d", step + 1);
            const char *params[] = {v};
            PGresult *r = rc == ERR_OK ? PQexecParams(c,
                                                      "INSERT INTO schema_version (version,"
                                                      " applied_at) VALUES ($1::integer,"
                                                      " (extract(epoch FROM clock_timestamp())"
                                                      " * 1000000)::bigint)",
                                                      1, NULL, params, NULL, NULL, 0)
                                       : NULL;
            bool broken = false;
            if (r && PQresultStatus(r) != PGRES_COMMAND_OK)
                rc = fail(c, r, &broken, err);
            PQclear(r);
        }
        if (rc == ERR_OK)
            rc = exec_ok(c, "COMMIT", PGRES_COMMAND_OK, err);
        else
            PQclear(PQexec(c, "ROLLBACK"));
    }
    return rc;
}

static void pg_close(void *be)
{
    struct pg *p = be;
    if (!p)
        return;
    pool_free(p->pool);
    free(p->url);
    free(p);
}

int store_pg_open(const char *url, const struct store_config *cfg, void **be, struct error *err)
{
    *be = NULL;
    struct pg *p = calloc(1, sizeof *p);
    if (!p)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    snprintf(p->options, sizeof p->options, "-c statement_timeout=%d", cfg->busy_timeout_ms);
    p->url = strdup(url);
    int rc = p->url ? ERR_OK : err_set(err, ERR_NO_MEMORY, "", "out of memory");
    if (rc == ERR_OK) {
        /* The schema first, on a connection of its own: the pool's
         * connections prepare statements over the tables. */
        PGconn *c = connect_to(p);
        if (!c)
            rc = err_set(err, ERR_NO_MEMORY, "", "out of memory");
        else if (PQstatus(c) != CONNECTION_OK)
            rc = err_set(err, ERR_STORE_UNAVAILABLE, "", "the database cannot be reached");
        else
            rc = migrate(c, err);
        PQfinish(c);
    }
    if (rc == ERR_OK)
        rc = pool_new(&pg_pool_ops, p, cfg->pool_max, cfg->pool_min, cfg->idle_s, cfg->wait_ms,
                      &p->pool, err);
    if (rc != ERR_OK) {
        pg_close(p);
        return rc;
    }
    *be = p;
    return ERR_OK;
}

/* ---- running a statement ------------------------------------------------- */

/* One statement's parameters, as text (libpq's text format). */
struct params {
    const char *v[20];
    char buf[16][32]; /* numbers formatted here */
    int n, nbuf;
};

static void param(struct params *ps, const char *v)
{
    ps->v[ps->n++] = v;
}

static void param_i64(struct params *ps, int64_t v)
{
    char *b = ps->buf[ps->nbuf++];
    snprintf(b, sizeof ps->buf[0], "%" PRId64, v);
    param(ps, b);
}

static void param_f64(struct params *ps, double v)
{
    char *b = ps->buf[ps->nbuf++];
    snprintf(b, sizeof ps->buf[0], "%.17g", v);
    param(ps, b);
}

/* What a run does with rows, and how it went. */
struct run {
    enum stmt which;
    struct params ps;
    int (*row)(void *ctx, const PGresult *r, int i); /* NULL: rows are not wanted */
    void *ctx;
    int delivered;   /* rows handed to row(): a call that delivered any is not retried */
    int attempts;    /* 2: the first connection broke and the call was sent again */
    int64_t changed; /* PQcmdTuples of a command */
};

/* Runs the statement on c in single-row mode, so that rows stream to
 * run->row one by one (an export does not gather the user's charts in
 * memory). A non-zero return of row() cancels the rest. */
static int run_on(PGconn *c, struct run *run, bool *broken, struct error *err)
{
    if (!PQsendQueryPrepared(c, stmts[run->which].name, run->ps.n, run->ps.v, NULL, NULL, 0))
        return fail(c, NULL, broken, err);
    PQsetSingleRowMode(c);
    int rc = ERR_OK;
    bool stopped = false;
    PGresult *r;
    while ((r = PQgetResult(c)) != NULL) {
        ExecStatusType st = PQresultStatus(r);
        if (stopped) {
            /* draining after a cancel: whatever comes is dropped */
        } else if (st == PGRES_SINGLE_TUPLE) {
            run->delivered++;
            int cb = run->row ? run->row(run->ctx, r, 0) : 0;
            if (cb != 0) {
                rc = cb;
                stopped = true;
                PGcancel *cancel = PQgetCancel(c);
                char why[64];
                if (cancel) {
                    PQcancel(cancel, why, sizeof why);
                    PQfreeCancel(cancel);
                }
            }
        } else if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
            const char *n = PQcmdTuples(r);
            run->changed = *n ? strtoll(n, NULL, 10) : 0;
        } else if (rc == ERR_OK) {
            rc = fail(c, r, broken, err);
        }
        PQclear(r);
    }
    if (PQstatus(c) != CONNECTION_OK && rc == ERR_OK)
        rc = fail(c, NULL, broken, err);
    return rc;
}

/* Runs on a pooled connection, once more on a fresh one when a pooled one
 * turns out dead before any row was delivered. */
static int run(struct pg *p, struct run *run, struct error *err)
{
    for (int attempt = 0;; attempt++) {
        void *conn = NULL;
        bool reused = false;
        int rc = pool_get(p->pool, &conn, &reused, err);
        if (rc != ERR_OK)
            return rc;
        bool broken = false;
        run->attempts = attempt + 1;
        rc = run_on(conn, run, &broken, err);
        pool_put(p->pool, conn, broken);
        if (broken && reused && run->delivered == 0 && attempt == 0) {
            pool_flush(p->pool);
            err_clear(err);
            continue;
        }
        return rc;
    }
}

/* ---- rows ---------------------------------------------------------------- */

static void field(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void chart_row(const PGresult *r, int i, struct store_chart *c)
{
    memset(c, 0, sizeof *c);
    field(c->id, sizeof c->id, PQgetvalue(r, i, 0));
    field(c->user_id, sizeof c->user_id, PQgetvalue(r, i, 1));
    c->name = PQgetvalue(r, i, 2);
    c->notes = PQgetvalue(r, i, 3);
    c->tags_json = PQgetvalue(r, i, 4);
    c->birth_json = PQgetvalue(r, i, 5);
    c->options_json = PQgetvalue(r, i, 6);
    c->chart_json = PQgetvalue(r, i, 7);
    field(c->date, sizeof c->date, PQgetvalue(r, i, 8));
    field(c->time, sizeof c->time, PQgetvalue(r, i, 9));
    c->latitude = strtod(PQgetvalue(r, i, 10), NULL);
    c->longitude = strtod(PQgetvalue(r, i, 11), NULL);
    field(c->engine_version, sizeof c->engine_version, PQgetvalue(r, i, 12));
    c->created_at = strtoll(PQgetvalue(r, i, 13), NULL, 10);
    c->updated_at = strtoll(PQgetvalue(r, i, 14), NULL, 10);
}

struct chart_sink {
    store_chart_fn each;
    void *ctx;
};

static int chart_sink_row(void *ctx, const PGresult *r, int i)
{
    struct chart_sink *s = ctx;
    struct store_chart c;
    chart_row(r, i, &c);
    return s->each(s->ctx, &c);
}

static void key_row(const PGresult *r, int i, struct store_key *k)
{
    memset(k, 0, sizeof *k);
    field(k->key_id, sizeof k->key_id, PQgetvalue(r, i, 0));
    field(k->user_id, sizeof k->user_id, PQgetvalue(r, i, 1));
    k->admin = PQgetvalue(r, i, 2)[0] == 't';
    field(k->sha256, sizeof k->sha256, PQgetvalue(r, i, 3));
    k->created_at = strtoll(PQgetvalue(r, i, 4), NULL, 10);
    k->revoked_at = strtoll(PQgetvalue(r, i, 5), NULL, 10);
}

struct key_sink {
    store_key_fn each;
    void *ctx;
};

static int key_sink_row(void *ctx, const PGresult *r, int i)
{
    struct key_sink *s = ctx;
    struct store_key k;
    key_row(r, i, &k);
    return s->each(s->ctx, &k);
}

/* ---- the operations ------------------------------------------------------ */

static int pg_ping(void *be, struct error *err)
{
    struct run r = {.which = S_PING};
    return run(be, &r, err);
}

static void pg_pool_stats(void *be, struct store_pool_stats *out)
{
    pool_stats(((struct pg *)be)->pool, out);
}

static int pg_chart_insert(void *be, const struct store_chart *c, struct error *err)
{
    struct run r = {.which = S_INSERT};
    param(&r.ps, c->id);
    param(&r.ps, c->user_id);
    param(&r.ps, c->name);
    param(&r.ps, c->notes);
    param(&r.ps, c->tags_json);
    param(&r.ps, c->birth_json);
    param(&r.ps, c->options_json);
    param(&r.ps, c->chart_json);
    param(&r.ps, c->date);
    param(&r.ps, c->time);
    param_f64(&r.ps, c->latitude);
    param_f64(&r.ps, c->longitude);
    param(&r.ps, c->engine_version);
    param_i64(&r.ps, c->created_at);
    param_i64(&r.ps, c->updated_at);
    struct error e = {0};
    int rc = run(be, &r, &e);
    /* Sent again after the connection broke, and the id (fresh, random) is
     * taken: the first try had committed before the break. */
    if (rc == ERR_INVALID_VALUE && r.attempts > 1 && strcmp(e.field, "id") == 0)
        return ERR_OK;
    if (rc != ERR_OK && err)
        *err = e;
    return rc;
}

static const enum stmt query_stmt[] = {
    [Q_GET] = S_GET,       [Q_LIST_FIRST] = S_LIST_FIRST, [Q_LIST_AFTER] = S_LIST_AFTER,
    [Q_DATE] = S_DATE,     [Q_DATE_TIME] = S_DATE_TIME,   [Q_NEAR] = S_NEAR,
    [Q_LOOKUP] = S_LOOKUP,
};

static int pg_chart_query(void *be, const struct chart_query *q, store_chart_fn each, void *ctx,
                          struct error *err)
{
    struct chart_sink sink = {each, ctx};
    struct run r = {.which = query_stmt[q->kind], .row = chart_sink_row, .ctx = &sink};
    char *ids = NULL;
    switch (q->kind) {
    case Q_GET:
        param(&r.ps, q->id);
        param(&r.ps, q->user);
        break;
    case Q_LIST_FIRST:
        param(&r.ps, q->user);
        if (q->limit < 0)
            param(&r.ps, NULL); /* LIMIT NULL: all */
        else
            param_i64(&r.ps, q->limit);
        break;
    case Q_LIST_AFTER:
        param(&r.ps, q->user);
        param_i64(&r.ps, q->after_created);
        param(&r.ps, q->after_id);
        param_i64(&r.ps, q->limit);
        break;
    case Q_DATE:
        param(&r.ps, q->user);
        param(&r.ps, q->date);
        param_i64(&r.ps, q->limit);
        break;
    case Q_DATE_TIME:
        param(&r.ps, q->user);
        param(&r.ps, q->date);
        param(&r.ps, q->time);
        param_i64(&r.ps, q->limit);
        break;
    case Q_NEAR:
        param(&r.ps, q->user);
        param_f64(&r.ps, q->lat_min);
        param_f64(&r.ps, q->lat_max);
        param_f64(&r.ps, q->lon_min);
        param_f64(&r.ps, q->lon_max);
        break;
    case Q_LOOKUP: {
        /* One bound array literal {a,b,...}; store.c passes only 32-hex
         * ids, which need no quoting. */
        size_t size = (size_t)q->nids * (STORE_ID_LEN + 1) + 3;
        ids = malloc(size);
        if (!ids)
            return err_set(err, ERR_NO_MEMORY, "", "out of memory");
        size_t n = 0;
        ids[n++] = '{';
        for (int i = 0; i < q->nids; i++)
            n += (size_t)snprintf(ids + n, size - n, "%s%s", i ? "," : "", q->ids[i]);
        ids[n++] = '}';
        ids[n] = '\0';
        param(&r.ps, q->user);
        param(&r.ps, ids);
        break;
    }
    }
    int rc = run(be, &r, err);
    free(ids);
    return rc;
}

static int pg_chart_update(void *be, const char *user, const char *id, const char *name,
                           const char *tags_json, const char *notes, int64_t now,
                           store_chart_fn each, void *ctx, struct error *err)
{
    struct chart_sink sink = {each, ctx};
    struct run r = {.which = S_UPDATE, .row = chart_sink_row, .ctx = &sink};
    param(&r.ps, id);
    param(&r.ps, user);
    param(&r.ps, name);
    param(&r.ps, tags_json);
    param(&r.ps, notes);
    param_i64(&r.ps, now);
    int rc = run(be, &r, err);
    return rc == ERR_OK && r.delivered == 0 ? ERR_NOT_FOUND : rc;
}

static int pg_chart_delete(void *be, const char *user, const char *id, struct error *err)
{
    struct run r = {.which = S_DELETE};
    param(&r.ps, id);
    param(&r.ps, user);
    int rc = run(be, &r, err);
    return rc == ERR_OK && r.changed == 0 ? ERR_NOT_FOUND : rc;
}

static int pg_key_insert(void *be, const struct store_key *k, struct error *err)
{
    struct run r = {.which = S_KEY_INSERT};
    param(&r.ps, k->key_id);
    param(&r.ps, k->user_id);
    param(&r.ps, k->admin ? "t" : "f");
    param(&r.ps, k->sha256);
    param_i64(&r.ps, k->created_at);
    return run(be, &r, err);
}

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

static int pg_key_find(void *be, const char *sha256, struct store_key *out, struct error *err)
{
    struct key_copy kc = {out, false};
    struct key_sink sink = {copy_key, &kc};
    struct run r = {.which = S_KEY_FIND, .row = key_sink_row, .ctx = &sink};
    param(&r.ps, sha256);
    int rc = run(be, &r, err);
    return rc == ERR_OK && !kc.found ? ERR_NOT_FOUND : rc;
}

static int pg_key_list(void *be, store_key_fn each, void *ctx, struct error *err)
{
    struct key_sink sink = {each, ctx};
    struct run r = {.which = S_KEY_LIST, .row = key_sink_row, .ctx = &sink};
    return run(be, &r, err);
}

static int pg_key_revoke(void *be, const char *key_id, int64_t now, struct error *err)
{
    struct run r = {.which = S_KEY_REVOKE};
    param(&r.ps, key_id);
    param_i64(&r.ps, now);
    int rc = run(be, &r, err);
    return rc == ERR_OK && r.changed == 0 ? ERR_NOT_FOUND : rc;
}

struct index_sink {
    store_index_fn each;
    void *ctx;
};

static int index_row(void *ctx, const PGresult *r, int i)
{
    struct index_sink *s = ctx;
    struct store_index_use u = {NULL, PQgetvalue(r, i, 1), PQgetvalue(r, i, 0), NULL,
                                strtoll(PQgetvalue(r, i, 2), NULL, 10)};
    return s->each(s->ctx, &u);
}

static int pg_index_usage(void *be, store_index_fn each, void *ctx, struct error *err)
{
    struct index_sink sink = {each, ctx};
    struct run r = {.which = S_INDEX_USAGE, .row = index_row, .ctx = &sink};
    return run(be, &r, err);
}

/* ---- the resource monitor ------------------------------------------------ */

/* A percentage or latency: negative (not known) is NULL. */
static void param_known(struct params *ps, double v)
{
    if (v < 0 || v != v)
        param(ps, NULL);
    else
        param_f64(ps, v);
}

static double known_or_minus_one(const PGresult *r, int i, int col)
{
    return PQgetisnull(r, i, col) ? -1 : strtod(PQgetvalue(r, i, col), NULL);
}

static int pg_sample_insert(void *be, const struct store_sample *x, struct error *err)
{
    struct run r = {.which = S_SAMPLE_INSERT};
    param_i64(&r.ps, x->ts);
    param(&r.ps, x->instance);
    const double pct[] = {x->cpu,  x->memory, x->disk,     x->disk_io,  x->process_cpu,
                          x->process_memory, x->p95, x->p99, x->rate_4xx, x->rate_5xx};
    for (int i = 0; i < 10; i++)
        param_known(&r.ps, pct[i]);
    param_i64(&r.ps, x->rss_bytes);
    param_i64(&r.ps, x->net_rx_bytes);
    param_i64(&r.ps, x->net_tx_bytes);
    param_i64(&r.ps, x->requests);
    return run(be, &r, err);
}

static int pg_alert_insert(void *be, const struct store_alert *a, struct error *err)
{
    struct run r = {.which = S_ALERT_INSERT};
    param_i64(&r.ps, a->ts);
    param(&r.ps, a->instance);
    param(&r.ps, a->metric);
    param(&r.ps, a->state);
    param_f64(&r.ps, a->value);
    param_f64(&r.ps, a->threshold);
    return run(be, &r, err);
}

struct sample_sink {
    store_sample_fn each;
    void *ctx;
};

static int sample_sink_row(void *ctx, const PGresult *r, int i)
{
    struct sample_sink *s = ctx;
    struct store_sample x;
    memset(&x, 0, sizeof x);
    x.ts = strtoll(PQgetvalue(r, i, 0), NULL, 10);
    field(x.instance, sizeof x.instance, PQgetvalue(r, i, 1));
    double *pct[] = {&x.cpu,  &x.memory, &x.disk,     &x.disk_io,  &x.process_cpu,
                     &x.process_memory, &x.p95, &x.p99, &x.rate_4xx, &x.rate_5xx};
    for (int k = 0; k < 10; k++)
        *pct[k] = known_or_minus_one(r, i, 2 + k);
    x.rss_bytes = strtoll(PQgetvalue(r, i, 12), NULL, 10);
    x.net_rx_bytes = strtoll(PQgetvalue(r, i, 13), NULL, 10);
    x.net_tx_bytes = strtoll(PQgetvalue(r, i, 14), NULL, 10);
    x.requests = strtoll(PQgetvalue(r, i, 15), NULL, 10);
    return s->each(s->ctx, &x);
}

static int pg_sample_list(void *be, int64_t since, int limit, store_sample_fn each, void *ctx,
                          struct error *err)
{
    struct sample_sink sink = {each, ctx};
    struct run r = {.which = S_SAMPLE_LIST, .row = sample_sink_row, .ctx = &sink};
    param_i64(&r.ps, since);
    param_i64(&r.ps, limit);
    return run(be, &r, err);
}

struct alert_sink {
    store_alert_fn each;
    void *ctx;
};

static int alert_sink_row(void *ctx, const PGresult *r, int i)
{
    struct alert_sink *s = ctx;
    struct store_alert a;
    memset(&a, 0, sizeof a);
    a.ts = strtoll(PQgetvalue(r, i, 0), NULL, 10);
    field(a.instance, sizeof a.instance, PQgetvalue(r, i, 1));
    field(a.metric, sizeof a.metric, PQgetvalue(r, i, 2));
    field(a.state, sizeof a.state, PQgetvalue(r, i, 3));
    a.value = strtod(PQgetvalue(r, i, 4), NULL);
    a.threshold = strtod(PQgetvalue(r, i, 5), NULL);
    return s->each(s->ctx, &a);
}

static int pg_alert_list(void *be, int64_t since, int limit, store_alert_fn each, void *ctx,
                         struct error *err)
{
    struct alert_sink sink = {each, ctx};
    struct run r = {.which = S_ALERT_LIST, .row = alert_sink_row, .ctx = &sink};
    param_i64(&r.ps, since);
    param_i64(&r.ps, limit);
    return run(be, &r, err);
}

static int count_row(void *ctx, const PGresult *r, int i)
{
    *(int64_t *)ctx = strtoll(PQgetvalue(r, i, 0), NULL, 10);
    return 0;
}

static int pg_monitor_prune(void *be, int64_t before, int64_t *deleted, struct error *err)
{
    *deleted = 0;
    struct run r = {.which = S_MONITOR_PRUNE, .row = count_row, .ctx = deleted};
    param_i64(&r.ps, before);
    return run(be, &r, err);
}

static int pg_backup(void *be, const char *path, struct error *err)
{
    (void)be;
    (void)path;
    return err_set(err, ERR_INVALID_ARGUMENT, "", "a PostgreSQL store is backed up with pg_dump");
}

const struct store_ops store_pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .ping = pg_ping,
    .pool_stats = pg_pool_stats,
    .chart_insert = pg_chart_insert,
    .chart_query = pg_chart_query,
    .chart_update = pg_chart_update,
    .chart_delete = pg_chart_delete,
    .key_insert = pg_key_insert,
    .key_find = pg_key_find,
    .key_list = pg_key_list,
    .key_revoke = pg_key_revoke,
    .sample_insert = pg_sample_insert,
    .sample_list = pg_sample_list,
    .alert_insert = pg_alert_insert,
    .alert_list = pg_alert_list,
    .monitor_prune = pg_monitor_prune,
    .index_usage = pg_index_usage,
    .backup = pg_backup,
};
