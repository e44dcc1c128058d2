/* store_impl.h - what store.c (validation, ids, clocks, the distance
 * filter) asks of a backend: store_sqlite.c and store_pg.c each fill one
 * struct store_ops. Backends get validated arguments only.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STORE_IMPL_H
#define KUNDLI_STORE_IMPL_H

#include "store/store.h"

/* The chart queries, each one prepared statement per connection. */
enum chart_query_kind {
    Q_GET,        /* user, id */
    Q_LIST_FIRST, /* user, limit (-1: all, for the export) */
    Q_LIST_AFTER, /* user, after_created, after_id, limit */
    Q_DATE,       /* user, date, limit */
    Q_DATE_TIME,  /* user, date, time, limit */
    Q_NEAR,       /* user, lat_min..lat_max, lon_min..lon_max; no limit (store.c filters) */
    Q_LOOKUP,     /* user, ids[0..nids) (32-hex each, distinct) */
};

struct chart_query {
    enum chart_query_kind kind;
    const char *user;
    const char *id;
    int limit;
    int64_t after_created;
    const char *after_id;
    const char *date, *time;
    double lat_min, lat_max, lon_min, lon_max;
    const char *const *ids;
    int nids;
};

/* Every function returns 0 or an error code; the rows of a query go to
 * each, newest first, and each's non-zero return ends the query and is
 * returned. Writes return only after their commit. */
struct store_ops {
    const char *name; /* "sqlite", "postgresql" */
    void (*close)(void *be);
    int (*ping)(void *be, struct error *err);
    void (*pool_stats)(void *be, struct store_pool_stats *out);
    int (*chart_insert)(void *be, const struct store_chart *c, struct error *err);
    int (*chart_query)(void *be, const struct chart_query *q, store_chart_fn each, void *ctx,
                       struct error *err);
    /* name/tags/notes NULL: unchanged; updated_at becomes max(now, old + 1).
     * The updated row goes to each; ERR_NOT_FOUND when no row matched. */
    int (*chart_update)(void *be, const char *user, const char *id, const char *name,
                        const char *tags_json, const char *notes, int64_t now, store_chart_fn each,
                        void *ctx, struct error *err);
    int (*chart_delete)(void *be, const char *user, const char *id, struct error *err);
    int (*key_insert)(void *be, const struct store_key *k, struct error *err);
    int (*key_find)(void *be, const char *sha256, struct store_key *out, struct error *err);
    int (*key_list)(void *be, store_key_fn each, void *ctx, struct error *err);
    int (*key_revoke)(void *be, const char *key_id, int64_t now, struct error *err);
    int (*sample_insert)(void *be, const struct store_sample *x, struct error *err);
    int (*sample_list)(void *be, int64_t since, int limit, store_sample_fn each, void *ctx,
                       struct error *err);
    int (*alert_insert)(void *be, const struct store_alert *a, struct error *err);
    int (*alert_list)(void *be, int64_t since, int limit, store_alert_fn each, void *ctx,
                      struct error *err);
    /* Both tables; *deleted: rows deleted. */
    int (*monitor_prune)(void *be, int64_t before, int64_t *deleted, struct error *err);
    int (*index_usage)(void *be, store_index_fn each, void *ctx, struct error *err);
    int (*backup)(void *be, const char *path, struct error *err);
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

/* The config with defaults filled in. */
int store_sqlite_open(const char *path, const struct store_config *cfg, void **be,
                      struct error *err);
int store_pg_open(const char *url, const struct store_config *cfg, void **be, struct error *err);

#endif
