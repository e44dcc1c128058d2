/* store.h - the store of users' saved charts and API keys, one interface
 * over two backends: SQLite (store_sqlite.c, the default, one file) and
 * PostgreSQL (store_pg.c, for several instances). Both behave alike; the
 * differences are written at the declaration they concern.
 *
 * Threads: a struct store is shared by any number of threads. Every call
 * blocks its thread until the database answered or a timeout passed.
 * Results: 0 (ERR_OK) or a negative enum err (common/err.h); err, when not
 * NULL, gets the field at fault and a sentence that never names a file,
 * a host or a password.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STORE_H
#define KUNDLI_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/err.h"

#define STORE_ID_LEN 32         /* chart ids: 32 lowercase hex digits (128 random bits) */
#define STORE_USER_MAX 64       /* user ids: 1..64 bytes, no control characters */
#define STORE_NAME_MAX 200      /* chart names: at most 200 characters (UTF-8) */
#define STORE_NOTES_MAX 4096    /* notes: at most 4 KiB */
#define STORE_TAGS_MAX 4096     /* the tags array as JSON text: at most 4 KiB */
#define STORE_DOC_MAX (4 << 20) /* birth, options, chart JSON: at most 4 MiB each */
#define STORE_ENGINE_MAX 31     /* engine_version: at most 31 bytes */
#define STORE_KEY_ID_MAX 32     /* API key ids: 1..32 of [A-Za-z0-9_-] */
#define STORE_LOOKUP_MAX 100    /* ids in one store_chart_lookup */
#define STORE_DEFAULT_PATH "./data/kundli.db"

struct store; /* opaque */

/* How to open a store. Zero fields take the defaults in brackets. */
struct store_config {
    /* "sqlite:PATH", a plain PATH, or "postgres://..." / "postgresql://..."
     * (libpq's URI, e.g. postgres://kundli@127.0.0.1:5432/kundli);
     * NULL or "": sqlite:./data/kundli.db. A SQLite file's folder is made
     * (mode 0750) if missing. */
    const char *url;
    int pool_max;        /* [100] connections at most (SQLite: reader connections) */
    int pool_min;        /* [10] opened at start and kept open; -1: none */
    int idle_s;          /* [10] idle connections above pool_min are closed after this */
    int wait_ms;         /* [5000] wait for a free connection, then ERR_STORE_BUSY */
    int busy_timeout_ms; /* [5000] SQLite: wait on another process's lock;
                            PostgreSQL: statement_timeout of every query */
};

/* Opens the store and brings its schema up to date: the migrations not yet
 * in table schema_version run in order, each in one transaction, so opening
 * again (or from several processes at once) is harmless. On success *out
 * is the store, to be closed with store_close().
 * ERR_STORE_UNAVAILABLE: the database cannot be opened or reached;
 * ERR_INVALID_ARGUMENT: a malformed url or config. */
int store_open(const struct store_config *config, struct store **out, struct error *err);

/* Closes every connection and frees s (NULL: nothing). No call on s may be
 * running or start afterwards. */
void store_close(struct store *s);

/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *s);

/* One round trip to the database (for /readyz): 0, ERR_STORE_UNAVAILABLE or
 * ERR_STORE_BUSY. */
int store_ping(struct store *s, struct error *err);

/* Pool figures, for metrics: connections open, idle among them, and calls
 * waiting for one now. SQLite counts its reader connections (the one
 * writer is not pooled). */
struct store_pool_stats {
    int open, idle, waiting;
};
void store_pool_stats(struct store *s, struct store_pool_stats *out);

/* ---- saved charts ------------------------------------------------------- */

/* One saved chart. The JSON fields are text: tags an array of strings,
 * birth the birth as the client sent it, options the options, chart the
 * computed document. JSON comes back equivalent, not byte for byte:
 * SQLite keeps the text as given, PostgreSQL (JSONB) re-spaces it and
 * orders object keys its own way. Times are microseconds since
 * 1970-01-01T00:00:00Z. */
struct store_chart {
    char id[STORE_ID_LEN + 1];
    char user_id[STORE_USER_MAX + 1];
    char *name;      /* never NULL in a result; "" allowed */
    char *notes;     /* NULL on insert: "" */
    char *tags_json; /* NULL on insert: "[]" */
    char *birth_json;
    char *options_json; /* NULL on insert: "{}" */
    char *chart_json;
    char date[11];              /* the birth's local civil date, YYYY-MM-DD */
    char time[9];               /* the birth's local civil time, HH:MM:SS */
    double latitude, longitude; /* degrees, north and east positive */
    char engine_version[STORE_ENGINE_MAX + 1];
    int64_t created_at, updated_at;
};

/* Frees the strings of a chart that a store call filled (get, update) and
 * sets them to NULL. Not for the borrowed charts of a store_chart_fn. */
void store_chart_free(struct store_chart *c);

/* Called once per chart of a listing, in the listing's order. c and its
 * strings are borrowed: valid only during the call. Return 0 for the next
 * one; any other value stops the listing, and the store call returns that
 * value. After a callback, a listing can still fail (e.g. the connection
 * broke mid-way): its return code says so. */
typedef int (*store_chart_fn)(void *ctx, const struct store_chart *c);

/* Saves c for c->user_id: validates it, then fills c->id (fresh random),
 * c->created_at (now, unless the caller set it non-zero: imports keep
 * their time) and c->updated_at (= created_at, unless the caller set a
 * later one: imports keep theirs too). Returns only after the
 * transaction committed (SQLite: synchronous=FULL, so it is on disk).
 * ERR_INVALID_VALUE (field: the member at fault, e.g. "name", "tags",
 * "date") or ERR_INVALID_LATITUDE / ERR_INVALID_LONGITUDE. */
int store_chart_insert(struct store *s, struct store_chart *c, struct error *err);

/* The chart id of user into *out (free with store_chart_free).
 * ERR_NOT_FOUND when there is none, when it is another user's, or when id
 * is not an id at all: the three look the same. */
int store_chart_get(struct store *s, const char *user, const char *id, struct store_chart *out,
                    struct error *err);

/* Where a page of a listing ended: the last chart's (created_at, id). */
struct store_cursor {
    int64_t created_at;
    char id[STORE_ID_LEN + 1];
};
/* The cursor after chart c. */
void store_cursor_of(const struct store_chart *c, struct store_cursor *out);

/* user's charts, newest first: ordered by (created_at DESC, id DESC), a
 * total order, so that pages never repeat or skip a chart. after: NULL for
 * the first page, else the cursor of the previous page's last chart. At
 * most limit (1..1000) charts. */
int store_chart_list(struct store *s, const char *user, int limit, const struct store_cursor *after,
                     store_chart_fn each, void *ctx, struct error *err);

/* Changes a chart's name, tags_json and/or notes (NULL: unchanged; the
 * limits of insert apply) and sets updated_at to now (always later than
 * before); created_at and everything else stay. out (may be NULL) gets the
 * chart as stored afterwards. With all three NULL nothing is written and
 * out gets the chart as it is. ERR_NOT_FOUND as store_chart_get. */
int store_chart_update(struct store *s, const char *user, const char *id, const char *name,
                       const char *tags_json, const char *notes, struct store_chart *out,
                       struct error *err);

/* Deletes a chart. ERR_NOT_FOUND as store_chart_get. */
int store_chart_delete(struct store *s, const char *user, const char *id, struct error *err);

/* user's charts born on date (YYYY-MM-DD) and, if time is not NULL, at
 * time (HH:MM:SS), newest first, at most limit (1..1000). */
int store_chart_search_date(struct store *s, const char *user, const char *date, const char *time,
                            int limit, store_chart_fn each, void *ctx, struct error *err);

/* user's charts born within radius_km (0 < r <= 20000) of (latitude,
 * longitude), newest first, at most limit (1..1000). Distance: great
 * circle (haversine) on a sphere of radius 6371.0088 km (the IUGG mean);
 * a chart exactly at radius_km is inside. The database narrows by a
 * bounding box on (latitude, longitude), then the exact distance filters. */
int store_chart_search_near(struct store *s, const char *user, double latitude, double longitude,
                            double radius_km, int limit, store_chart_fn each, void *ctx,
                            struct error *err);

/* The charts of user among ids[0..n) (n <= 100), in one query, newest
 * first. Unknown ids, other users' ids and strings that are not ids are
 * left out; a repeated id comes once. ERR_TOO_LARGE: n > 100. */
int store_chart_lookup(struct store *s, const char *user, const char *const *ids, int n,
                       store_chart_fn each, void *ctx, struct error *err);

/* All of user's charts, newest first, streamed from the database row by
 * row (memory does not grow with their number). */
int store_chart_export(struct store *s, const char *user, store_chart_fn each, void *ctx,
                       struct error *err);

/* ---- API keys ----------------------------------------------------------- */

/* An API key as stored: never the key itself, only the hex SHA-256 of it. */
struct store_key {
    char key_id[STORE_KEY_ID_MAX + 1]; /* short public id, e.g. for revoking */
    char user_id[STORE_USER_MAX + 1];
    bool admin;
    char sha256[65];    /* 64 lowercase hex digits */
    int64_t created_at; /* microseconds since the epoch */
    int64_t revoked_at; /* 0: in force */
};

/* Saves a key (key_id, user_id, admin, sha256; created_at is set to now,
 * revoked_at to 0). ERR_INVALID_VALUE: a malformed member, or a key_id or
 * sha256 already stored (field "key_id" or "sha256"). */
int store_key_insert(struct store *s, struct store_key *k, struct error *err);

/* The key in force whose hash is sha256 into *out. ERR_NOT_FOUND: no such
 * key, or it was revoked. */
int store_key_find(struct store *s, const char *sha256, struct store_key *out, struct error *err);

/* Every key, revoked ones too, oldest first. k is borrowed for the call;
 * the callback's return value works as for store_chart_fn. */
typedef int (*store_key_fn)(void *ctx, const struct store_key *k);
int store_key_list(struct store *s, store_key_fn each, void *ctx, struct error *err);

/* Revokes a key in force. ERR_NOT_FOUND: no such key in force. */
int store_key_revoke(struct store *s, const char *key_id, struct error *err);

/* ---- the resource monitor ----------------------------------------------- */

#define STORE_INSTANCE_MAX 128 /* an instance's name: 1..128 bytes, no control characters */
#define STORE_METRIC_MAX 32    /* an alert's metric: 1..32 of [a-z0-9_] */
#define STORE_MONITOR_MAX 10000 /* rows in one sample or alert listing */

/* One sample of the resource monitor. Percentages are 0..100 and the
 * latencies seconds; a negative one means "not known" (stored as NULL and
 * read back as -1). Byte and request figures are counters since some
 * start, as sampled. ts: microseconds since 1970-01-01T00:00:00Z. */
struct store_sample {
    int64_t ts;
    char instance[STORE_INSTANCE_MAX + 1]; /* which kundlid ("host:port") */
    double cpu, memory, disk;              /* system: CPU busy, memory used, disk used */
    double disk_io;                        /* busiest block device's busy time */
    double process_cpu, process_memory;    /* this process's CPU share and RSS share */
    double p95, p99;                       /* request latency quantiles of the interval */
    double rate_4xx, rate_5xx;             /* shares of 4xx and 5xx answers in the interval */
    int64_t rss_bytes;
    int64_t net_rx_bytes, net_tx_bytes; /* all interfaces but lo, since boot */
    int64_t requests;                   /* requests in the interval */
};

/* One alert of the monitor: metric crossed threshold with value at ts
 * (state "firing"), or went back (state "resolved"). */
struct store_alert {
    int64_t ts;
    char instance[STORE_INSTANCE_MAX + 1];
    char metric[STORE_METRIC_MAX + 1]; /* "cpu", "p95", "4xx_rate", ... */
    char state[9];                     /* "firing" or "resolved" */
    double value, threshold;
};

/* Saves a sample (ts 0: now). ERR_INVALID_VALUE: a malformed instance. */
int store_sample_insert(struct store *s, struct store_sample *x, struct error *err);

/* Samples with ts >= since, OLDEST first (ts, then instance), at most
 * limit (1..10000): a caller pages on by asking again from the last ts + 1.
 * x is borrowed for the call; a non-zero return stops the listing and is
 * returned. */
typedef int (*store_sample_fn)(void *ctx, const struct store_sample *x);
int store_sample_list(struct store *s, int64_t since, int limit, store_sample_fn each, void *ctx,
                      struct error *err);

/* Saves an alert (ts 0: now). ERR_INVALID_VALUE: a malformed instance,
 * metric or state. */
int store_alert_insert(struct store *s, struct store_alert *a, struct error *err);

/* Alerts with ts >= since, NEWEST first (ts DESC), at most limit
 * (1..10000); callback as store_sample_list. */
typedef int (*store_alert_fn)(void *ctx, const struct store_alert *a);
int store_alert_list(struct store *s, int64_t since, int limit, store_alert_fn each, void *ctx,
                     struct error *err);

/* Retention: deletes the samples and alerts with ts < before; *deleted
 * (may be NULL) gets how many rows went, both tables together. */
int store_monitor_prune(struct store *s, int64_t before, int64_t *deleted, struct error *err);

/* ---- operations --------------------------------------------------------- */

/* One line of the index usage report. PostgreSQL: one per index of the
 * store's tables, from pg_stat_user_indexes (query NULL, plan NULL, scans
 * the index's idx_scan since the statistics were reset). SQLite: one per
 * step of the plan of each of the store's own queries (EXPLAIN QUERY PLAN),
 * query its name ("chart_list"), index the index the step uses ("" for a
 * full scan), plan SQLite's words, scans -1. Strings borrowed. */
struct store_index_use {
    const char *query;
    const char *table;
    const char *index;
    const char *plan;
    int64_t scans;
};
typedef int (*store_index_fn)(void *ctx, const struct store_index_use *u);
int store_index_usage(struct store *s, store_index_fn each, void *ctx, struct error *err);

/* SQLite: copies the database into the file path (made or overwritten)
 * with SQLite's online backup, one consistent snapshot, while the store
 * stays in use (writers are not held up). PostgreSQL: ERR_INVALID_ARGUMENT,
 * the message says to use pg_dump. */
int store_backup(struct store *s, const char *path, struct error *err);

#endif
