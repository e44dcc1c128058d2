/* store.c - the store's one front (see store.h): opens a backend by its URL,
 * validates every argument, makes chart ids and timestamps, narrows a
 * "near" search to a bounding box and filters it by the exact distance,
 * then calls the backend (store_sqlite.c, store_pg.c) through store_ops.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "store/store.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "store/store_impl.h"

#define EARTH_RADIUS_KM 6371.0088 /* IUGG mean radius */
#define PAGE_MAX 1000
#define DEG (180.0 / M_PI)

struct store {
    const struct store_ops *ops;
    void *be;
};

/* ---- small helpers ------------------------------------------------------- */

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* 128 random bits from the kernel as 32 lowercase hex digits. */
static int new_id(char out[STORE_ID_LEN + 1], struct error *err)
{
    unsigned char raw[STORE_ID_LEN / 2];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return err_set(err, ERR_INTERNAL, "", "no random bytes from the kernel");
        got += (size_t)n;
    }
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof raw; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[STORE_ID_LEN] = '\0';
    return ERR_OK;
}

static bool is_hex(const char *s, size_t len)
{
    if (!s || strlen(s) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

static bool is_id(const char *id)
{
    return is_hex(id, STORE_ID_LEN);
}

static int check_user(const char *user, struct error *err)
{
    size_t n = user ? strlen(user) : 0;
    if (n == 0 || n > STORE_USER_MAX)
        return err_set(err, ERR_INVALID_VALUE, "user_id", "a user id has 1 to %d bytes",
                       STORE_USER_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)user[i] < 0x20 || user[i] == 0x7f)
            return err_set(err, ERR_INVALID_VALUE, "user_id",
                           "a user id has no control characters");
    return ERR_OK;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool is_date(const char *d)
{
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return false;
    int y = digits(d, 4), m = digits(d + 5, 2), day = digits(d + 8, 2);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && day == 29 && !leap);
}

static bool is_time(const char *t)
{
    if (!t || strlen(t) != 8 || t[2] != ':' || t[5] != ':')
        return false;
    int h = digits(t, 2), m = digits(t + 3, 2), s = digits(t + 6, 2);
    return h >= 0 && h < 24 && m >= 0 && m < 60 && s >= 0 && s < 60;
}

/* Characters of UTF-8 text (bytes that do not continue a sequence). */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int check_name(const char *name, struct error *err)
{
    if (strlen(name) > 4 * STORE_NAME_MAX || utf8_chars(name) > STORE_NAME_MAX)
        return err_set(err, ERR_INVALID_VALUE, "name", "a name has at most %d characters",
                       STORE_NAME_MAX);
    return ERR_OK;
}

static int check_notes(const char *notes, struct error *err)
{
    if (strlen(notes) > STORE_NOTES_MAX)
        return err_set(err, ERR_INVALID_VALUE, "notes", "notes have at most %d bytes",
                       STORE_NOTES_MAX);
    return ERR_OK;
}

/* JSON text of at most max bytes; array_of_strings: tags. */
static int check_json(const char *text, size_t max, bool array_of_strings, const char *field,
                      struct error *err)
{
    if (!text)
        return err_set(err, ERR_INVALID_VALUE, field, "%s is missing", field);
    size_t n = strlen(text);
    if (n > max)
        return err_set(err, ERR_INVALID_VALUE, field, "%s has more than %zu bytes", field, max);
    cJSON *doc = cJSON_ParseWithLength(text, n);
    int rc = ERR_OK;
    if (!doc) {
        rc = err_set(err, ERR_INVALID_VALUE, field, "%s is not valid JSON", field);
        goto out;
    }
    if (array_of_strings) {
        if (!cJSON_IsArray(doc)) {
            rc = err_set(err, ERR_INVALID_VALUE, field, "%s is not a JSON array", field);
            goto out;
        }
        const cJSON *item;
        cJSON_ArrayForEach(item, doc)
        {
            if (!cJSON_IsString(item)) {
                rc = err_set(err, ERR_INVALID_VALUE, field, "%s holds a value not a string", field);
                goto out;
            }
        }
    }
out:
    cJSON_Delete(doc);
    return rc;
}

static int check_limit(int limit, struct error *err)
{
    if (limit < 1 || limit > PAGE_MAX)
        return err_set(err, ERR_INVALID_VALUE, "limit", "limit must be 1 to %d", PAGE_MAX);
    return ERR_OK;
}

static void copy_field(char *dst, size_t size, const char *src)
{
    size_t n = src ? strnlen(src, size - 1) : 0;
    memcpy(dst, src ? src : "", n);
    dst[n] = '\0';
}

/* ---- opening ------------------------------------------------------------- */

static int or_default(int v, int def)
{
    return v > 0 ? v : def;
}

int store_open(const struct store_config *config, struct store **out, struct error *err)
{
    *out = NULL;
    struct store_config cfg = {0};
    if (config)
        cfg = *config;
    cfg.pool_max = or_default(cfg.pool_max, 100);
    cfg.pool_min = cfg.pool_min > 0 ? cfg.pool_min : config && config->pool_min < 0 ? 0 : 10;
    if (cfg.pool_min > cfg.pool_max)
        cfg.pool_min = cfg.pool_max;
    cfg.idle_s = or_default(cfg.idle_s, 10);
    cfg.wait_ms = or_default(cfg.wait_ms, 5000);
    cfg.busy_timeout_ms = or_default(cfg.busy_timeout_ms, 5000);
    const char *url = cfg.url && *cfg.url ? cfg.url : STORE_DEFAULT_PATH;

    struct store *s = calloc(1, sizeof *s);
    if (!s)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    int rc;
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0) {
        s->ops = &store_pg_ops;
        rc = store_pg_open(url, &cfg, &s->be, err);
    } else {
        const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
        if (strncmp(path, "//", 2) == 0) /* sqlite:///abs/path */
            path += 2;
        s->ops = &store_sqlite_ops;
        rc = *path ? store_sqlite_open(path, &cfg, &s->be, err)
                   : err_set(err, ERR_INVALID_ARGUMENT, "database", "the database path is empty");
    }
    if (rc != ERR_OK) {
        free(s);
        return rc;
    }
    *out = s;
    return ERR_OK;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    s->ops->close(s->be);
    free(s);
}

const char *store_backend(const struct store *s)
{
    return s->ops->name;
}

int store_ping(struct store *s, struct error *err)
{
    return s->ops->ping(s->be, err);
}

void store_pool_stats(struct store *s, struct store_pool_stats *out)
{
    memset(out, 0, sizeof *out);
    s->ops->pool_stats(s->be, out);
}

/* ---- charts -------------------------------------------------------------- */

static char *dup_or_null(const char *s, bool *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = true;
    return d;
}

void store_chart_free(struct store_chart *c)
{
    if (!c)
        return;
    free(c->name);
    free(c->notes);
    free(c->tags_json);
    free(c->birth_json);
    free(c->options_json);
    free(c->chart_json);
    c->name = c->notes = c->tags_json = c->birth_json = c->options_json = c->chart_json = NULL;
}

/* A store_chart_fn: copies the (one) chart into ctx, a struct store_chart. */
static int copy_chart(void *ctx, const struct store_chart *c)
{
    struct store_chart *dst = ctx;
    store_chart_free(dst);
    *dst = *c;
    bool failed = false;
    dst->name = dup_or_null(c->name, &failed);
    dst->notes = dup_or_null(c->notes, &failed);
    dst->tags_json = dup_or_null(c->tags_json, &failed);
    dst->birth_json = dup_or_null(c->birth_json, &failed);
    dst->options_json = dup_or_null(c->options_json, &failed);
    dst->chart_json = dup_or_null(c->chart_json, &failed);
    if (failed) {
        store_chart_free(dst);
        return ERR_NO_MEMORY;
    }
    return 0;
}

void store_cursor_of(const struct store_chart *c, struct store_cursor *out)
{
    out->created_at = c->created_at;
    copy_field(out->id, sizeof out->id, c->id);
}

int store_chart_insert(struct store *s, struct store_chart *c, struct error *err)
{
    struct store_chart row = *c;
    if (!row.name)
        row.name = "";
    if (!row.notes)
        row.notes = "";
    if (!row.tags_json)
        row.tags_json = "[]";
    if (!row.options_json)
        row.options_json = "{}";
    int rc = check_user(row.user_id, err);
    if (rc == ERR_OK)
        rc = check_name(row.name, err);
    if (rc == ERR_OK)
        rc = check_notes(row.notes, err);
    if (rc == ERR_OK)
        rc = check_json(row.tags_json, STORE_TAGS_MAX, true, "tags", err);
    if (rc == ERR_OK)
        rc = check_json(row.birth_json, STORE_DOC_MAX, false, "birth", err);
    if (rc == ERR_OK)
        rc = check_json(row.options_json, STORE_DOC_MAX, false, "options", err);
    if (rc == ERR_OK)
        rc = check_json(row.chart_json, STORE_DOC_MAX, false, "chart", err);
    if (rc != ERR_OK)
        return rc;
    if (!is_date(row.date))
        return err_set(err, ERR_INVALID_VALUE, "date", "date must be an existing YYYY-MM-DD");
    if (!is_time(row.time))
        return err_set(err, ERR_INVALID_VALUE, "time", "time must be HH:MM:SS");
    if (!(row.latitude >= -90.0 && row.latitude <= 90.0))
        return err_set(err, ERR_INVALID_LATITUDE, "latitude",
                       "latitude must be between -90 and 90");
    if (!(row.longitude >= -180.0 && row.longitude <= 180.0))
        return err_set(err, ERR_INVALID_LONGITUDE, "longitude",
                       "longitude must be between -180 and 180");
    if (strnlen(row.engine_version, sizeof row.engine_version) >= sizeof row.engine_version)
        return err_set(err, ERR_INVALID_VALUE, "engine_version", "engine_version is too long");
    if (row.created_at < 0)
        return err_set(err, ERR_INVALID_VALUE, "created_at", "created_at is negative");

    rc = new_id(row.id, err);
    if (rc != ERR_OK)
        return rc;
    if (row.created_at == 0)
        row.created_at = now_us();
    if (row.updated_at < row.created_at)
        row.updated_at = row.created_at;
    rc = s->ops->chart_insert(s->be, &row, err);
    if (rc == ERR_OK) {
        memcpy(c->id, row.id, sizeof c->id);
        c->created_at = row.created_at;
        c->updated_at = row.updated_at;
    }
    return rc;
}

static int not_found(struct error *err)
{
    return err_set(err, ERR_NOT_FOUND, "id", "no such chart");
}

int store_chart_get(struct store *s, const char *user, const char *id, struct store_chart *out,
                    struct error *err)
{
    memset(out, 0, sizeof *out);
    int rc = check_user(user, err);
    if (rc != ERR_OK)
        return rc;
    if (!is_id(id))
        return not_found(err);
    struct chart_query q = {.kind = Q_GET, .user = user, .id = id, .limit = 1};
    rc = s->ops->chart_query(s->be, &q, copy_chart, out, err);
    if (rc == ERR_NO_MEMORY)
        return err_set(err, rc, "", "out of memory");
    if (rc == ERR_OK && !out->name)
        return not_found(err);
    return rc;
}

int store_chart_list(struct store *s, const char *user, int limit, const struct store_cursor *after,
                     store_chart_fn each, void *ctx, struct error *err)
{
    int rc = check_user(user, err);
    if (rc == ERR_OK)
        rc = check_limit(limit, err);
    if (rc != ERR_OK)
        return rc;
    struct chart_query q = {.kind = Q_LIST_FIRST, .user = user, .limit = limit};
    if (after) {
        if (!is_id(after->id) || after->created_at < 0)
            return err_set(err, ERR_INVALID_VALUE, "cursor", "not a cursor of this listing");
        q.kind = Q_LIST_AFTER;
        q.after_created = after->created_at;
        q.after_id = after->id;
    }
    return s->ops->chart_query(s->be, &q, each, ctx, err);
}

int store_chart_export(struct store *s, const char *user, store_chart_fn each, void *ctx,
                       struct error *err)
{
    int rc = check_user(user, err);
    if (rc != ERR_OK)
        return rc;
    struct chart_query q = {.kind = Q_LIST_FIRST, .user = user, .limit = -1};
    return s->ops->chart_query(s->be, &q, each, ctx, err);
}

int store_chart_update(struct store *s, const char *user, const char *id, const char *name,
                       const char *tags_json, const char *notes, struct store_chart *out,
                       struct error *err)
{
    struct store_chart scratch = {0};
    struct store_chart *dst = out ? out : &scratch;
    memset(dst, 0, sizeof *dst);
    int rc = check_user(user, err);
    if (rc == ERR_OK && name)
        rc = check_name(name, err);
    if (rc == ERR_OK && notes)
        rc = check_notes(notes, err);
    if (rc == ERR_OK && tags_json)
        rc = check_json(tags_json, STORE_TAGS_MAX, true, "tags", err);
    if (rc != ERR_OK)
        return rc;
    if (!is_id(id))
        return not_found(err);
    if (!name && !tags_json && !notes) {
        rc = store_chart_get(s, user, id, dst, err);
    } else {
        rc = s->ops->chart_update(s->be, user, id, name, tags_json, notes, now_us(), copy_chart,
                                  dst, err);
        if (rc == ERR_NO_MEMORY)
            err_set(err, rc, "", "out of memory");
        else if (rc == ERR_NOT_FOUND)
            not_found(err);
    }
    store_chart_free(&scratch);
    return rc;
}

int store_chart_delete(struct store *s, const char *user, const char *id, struct error *err)
{
    int rc = check_user(user, err);
    if (rc != ERR_OK)
        return rc;
    if (!is_id(id))
        return not_found(err);
    rc = s->ops->chart_delete(s->be, user, id, err);
    if (rc == ERR_NOT_FOUND)
        not_found(err);
    return rc;
}

int store_chart_search_date(struct store *s, const char *user, const char *date, const char *time,
                            int limit, store_chart_fn each, void *ctx, struct error *err)
{
    int rc = check_user(user, err);
    if (rc == ERR_OK)
        rc = check_limit(limit, err);
    if (rc != ERR_OK)
        return rc;
    if (!is_date(date))
        return err_set(err, ERR_INVALID_DATE, "date", "date must be an existing YYYY-MM-DD");
    if (time && !is_time(time))
        return err_set(err, ERR_INVALID_TIME, "time", "time must be HH:MM:SS");
    struct chart_query q = {.kind = time ? Q_DATE_TIME : Q_DATE,
                            .user = user,
                            .date = date,
                            .time = time,
                            .limit = limit};
    return s->ops->chart_query(s->be, &q, each, ctx, err);
}

/* Great-circle distance in km (haversine). */
static double distance_km(double lat1, double lon1, double lat2, double lon2)
{
    double p1 = lat1 / DEG, p2 = lat2 / DEG;
    double dp = (lat2 - lat1) / DEG, dl = (lon2 - lon1) / DEG;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * asin(fmin(1.0, sqrt(a)));
}

struct near {
    double lat, lon, radius_km;
    int limit, found;
    store_chart_fn each;
    void *ctx;
};

static int near_filter(void *ctx, const struct store_chart *c)
{
    struct near *n = ctx;
    if (distance_km(n->lat, n->lon, c->latitude, c->longitude) > n->radius_km)
        return 0;
    int rc = n->each(n->ctx, c);
    if (rc != 0)
        return rc;
    n->found++;
    return n->found >= n->limit ? 1 : 0; /* 1 from here is "enough", see below */
}

int store_chart_search_near(struct store *s, const char *user, double latitude, double longitude,
                            double radius_km, int limit, store_chart_fn each, void *ctx,
                            struct error *err)
{
    int rc = check_user(user, err);
    if (rc == ERR_OK)
        rc = check_limit(limit, err);
    if (rc != ERR_OK)
        return rc;
    if (!(latitude >= -90.0 && latitude <= 90.0))
        return err_set(err, ERR_INVALID_LATITUDE, "lat", "latitude must be between -90 and 90");
    if (!(longitude >= -180.0 && longitude <= 180.0))
        return err_set(err, ERR_INVALID_LONGITUDE, "lon", "longitude must be between -180 and 180");
    if (!(radius_km > 0.0 && radius_km <= 20000.0))
        return err_set(err, ERR_INVALID_VALUE, "radius_km",
                       "radius_km must be more than 0 and at most 20000");

    /* The box around the circle: latitude +- the angle; longitude +- the
     * widest spread of the circle, asin(sin d / cos lat), unless the circle
     * holds a pole or crosses the antimeridian (then every longitude). A
     * margin of 1e-9 degrees keeps rounding from cutting the edge. */
    const double margin = 1e-9;
    double d = radius_km / EARTH_RADIUS_KM;
    struct chart_query q = {.kind = Q_NEAR,
                            .user = user,
                            .lat_min = latitude - d * DEG - margin,
                            .lat_max = latitude + d * DEG + margin,
                            .lon_min = -180.0,
                            .lon_max = 180.0};
    if (q.lat_min > -90.0 && q.lat_max < 90.0) {
        double spread = sin(d) / cos(latitude / DEG);
        if (spread < 1.0) {
            double dlon = asin(spread) * DEG + margin;
            if (longitude - dlon >= -180.0 && longitude + dlon <= 180.0) {
                q.lon_min = longitude - dlon;
                q.lon_max = longitude + dlon;
            }
        }
    }
    struct near n = {latitude, longitude, radius_km, limit, 0, each, ctx};
    rc = s->ops->chart_query(s->be, &q, near_filter, &n, err);
    /* The filter's own stop (limit reached) is a success. */
    if (rc == 1 && n.found >= limit)
        rc = 0;
    return rc;
}

int store_chart_lookup(struct store *s, const char *user, const char *const *ids, int n,
                       store_chart_fn each, void *ctx, struct error *err)
{
    int rc = check_user(user, err);
    if (rc != ERR_OK)
        return rc;
    if (n < 0 || (n > 0 && !ids))
        return err_set(err, ERR_INVALID_ARGUMENT, "ids", "no ids");
    if (n > STORE_LOOKUP_MAX)
        return err_set(err, ERR_TOO_LARGE, "ids", "at most %d ids at once", STORE_LOOKUP_MAX);
    const char *keep[STORE_LOOKUP_MAX];
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!is_id(ids[i]))
            continue;
        bool seen = false;
        for (int j = 0; j < k && !seen; j++)
            seen = strcmp(keep[j], ids[i]) == 0;
        if (!seen)
            keep[k++] = ids[i];
    }
    if (k == 0)
        return ERR_OK;
    struct chart_query q = {.kind = Q_LOOKUP, .user = user, .ids = keep, .nids = k};
    return s->ops->chart_query(s->be, &q, each, ctx, err);
}

/* ---- keys ---------------------------------------------------------------- */

static bool is_key_id(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n > STORE_KEY_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = id[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
        if (!ok)
            return false;
    }
    return true;
}

int store_key_insert(struct store *s, struct store_key *k, struct error *err)
{
    int rc = check_user(k->user_id, err);
    if (rc != ERR_OK)
        return rc;
    if (!is_key_id(k->key_id))
        return err_set(err, ERR_INVALID_VALUE, "key_id", "a key id has 1 to %d of A-Z a-z 0-9 _ -",
                       STORE_KEY_ID_MAX);
    if (!is_hex(k->sha256, 64))
        return err_set(err, ERR_INVALID_VALUE, "sha256", "sha256 must be 64 lowercase hex digits");
    k->created_at = now_us();
    k->revoked_at = 0;
    return s->ops->key_insert(s->be, k, err);
}

int store_key_find(struct store *s, const char *sha256, struct store_key *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    if (!is_hex(sha256, 64))
        return err_set(err, ERR_NOT_FOUND, "", "no such key");
    int rc = s->ops->key_find(s->be, sha256, out, err);
    if (rc == ERR_NOT_FOUND)
        err_set(err, rc, "", "no such key");
    return rc;
}

int store_key_list(struct store *s, store_key_fn each, void *ctx, struct error *err)
{
    return s->ops->key_list(s->be, each, ctx, err);
}

int store_key_revoke(struct store *s, const char *key_id, struct error *err)
{
    if (!is_key_id(key_id))
        return err_set(err, ERR_NOT_FOUND, "key_id", "no such key in force");
    int rc = s->ops->key_revoke(s->be, key_id, now_us(), err);
    if (rc == ERR_NOT_FOUND)
        err_set(err, rc, "key_id", "no such key in force");
    return rc;
}

/* ---- the resource monitor ------------------------------------------------ */

static int check_instance(const char *instance, struct error *err)
{
    size_t n = strnlen(instance, STORE_INSTANCE_MAX + 1);
    if (n == 0 || n > STORE_INSTANCE_MAX)
        return err_set(err, ERR_INVALID_VALUE, "instance", "an instance has 1 to %d bytes",
                       STORE_INSTANCE_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)instance[i] < 0x20 || instance[i] == 0x7f)
            return err_set(err, ERR_INVALID_VALUE, "instance",
                           "an instance has no control characters");
    return ERR_OK;
}

static int check_monitor_limit(int limit, struct error *err)
{
    if (limit < 1 || limit > STORE_MONITOR_MAX)
        return err_set(err, ERR_INVALID_VALUE, "limit", "limit must be 1 to %d",
                       STORE_MONITOR_MAX);
    return ERR_OK;
}

int store_sample_insert(struct store *s, struct store_sample *x, struct error *err)
{
    int rc = check_instance(x->instance, err);
    if (rc != ERR_OK)
        return rc;
    if (x->ts == 0)
        x->ts = now_us();
    return s->ops->sample_insert(s->be, x, err);
}

int store_sample_list(struct store *s, int64_t since, int limit, store_sample_fn each, void *ctx,
                      struct error *err)
{
    int rc = check_monitor_limit(limit, err);
    return rc != ERR_OK ? rc : s->ops->sample_list(s->be, since, limit, each, ctx, err);
}

int store_alert_insert(struct store *s, struct store_alert *a, struct error *err)
{
    int rc = check_instance(a->instance, err);
    if (rc != ERR_OK)
        return rc;
    size_t n = strnlen(a->metric, sizeof a->metric);
    if (n == 0 || n > STORE_METRIC_MAX || strspn(a->metric, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
        return err_set(err, ERR_INVALID_VALUE, "metric", "a metric has 1 to %d of a-z 0-9 _",
                       STORE_METRIC_MAX);
    if (strcmp(a->state, "firing") != 0 && strcmp(a->state, "resolved") != 0)
        return err_set(err, ERR_INVALID_VALUE, "state", "state is firing or resolved");
    if (a->ts == 0)
        a->ts = now_us();
    return s->ops->alert_insert(s->be, a, err);
}

int store_alert_list(struct store *s, int64_t since, int limit, store_alert_fn each, void *ctx,
                     struct error *err)
{
    int rc = check_monitor_limit(limit, err);
    return rc != ERR_OK ? rc : s->ops->alert_list(s->be, since, limit, each, ctx, err);
}

int store_monitor_prune(struct store *s, int64_t before, int64_t *deleted, struct error *err)
{
    int64_t n = 0;
    int rc = s->ops->monitor_prune(s->be, before, &n, err);
    if (deleted)
        *deleted = n;
    return rc;
}

/* ---- operations ---------------------------------------------------------- */

int store_index_usage(struct store *s, store_index_fn each, void *ctx, struct error *err)
{
    return s->ops->index_usage(s->be, each, ctx, err);
}

int store_backup(struct store *s, const char *path, struct error *err)
{
    if (!path || !*path)
        return err_set(err, ERR_INVALID_ARGUMENT, "path", "no backup path");
    return s->ops->backup(s->be, path, err);
}
