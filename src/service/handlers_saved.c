/* handlers_saved.c - saved charts: a user's births with name, tags and
 * notes, their computed planets and houses, and the engine version that
 * made them, kept in the store (store/store.h) and only ever shown to the
 * key's own user. Create, list (cursor pages), get, patch, delete, search,
 * bulk lookup, NDJSON export (streamed) and import, and the admin index
 * report. Each runs on a compute worker (api.c), never on an I/O thread.
 * Pages of a user's list are cached in Redis when it is configured; every
 * write bumps the user's version there, so no page older than the write is
 * read again (cache_redis.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "app/mem.h"
#include "common/jsonscan.h"
#include "common/jsonw.h"
#include "engine/chart.h"
#include "engine/section.h"
#include "output/error_json.h"
#include "service/api.h"
#include "service/cache_redis.h"
#include "service/charts.h"
#include "service/jobs.h"
#include "service/request_json.h"
#include "service/storage.h"
#include "service/timefmt.h"
#include "service/stream.h"
#include "store/store.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TAGS_MAX 20        /* tags of a chart */
#define TAG_CHARS_MAX 40   /* characters of a tag */
#define LIST_DEFAULT 20    /* charts in a page unless limit= says */
#define IMPORT_LINES_MAX 1000
#define CURSOR_LEN 32      /* base64url of 8 bytes created_at and 16 bytes id */
#define DOC_LIMIT (16u << 20)

/* ---- what a read returns: fields= and sections= ------------------------- */

enum field {
    F_NAME = 1 << 0,
    F_TAGS = 1 << 1,
    F_NOTES = 1 << 2,
    F_BIRTH = 1 << 3,
    F_OPTIONS = 1 << 4,
    F_CREATED = 1 << 5,
    F_UPDATED = 1 << 6,
    F_ENGINE = 1 << 7,
    F_PLANETS = 1 << 8,
    F_HOUSES = 1 << 9,
    F_ALL = (1 << 10) - 1,
};

static const struct {
    const char *name;
    unsigned bits;
} field_names[] = {
    {"name", F_NAME},           {"tags", F_TAGS},       {"notes", F_NOTES},
    {"birth", F_BIRTH},         {"options", F_OPTIONS}, {"created_at", F_CREATED},
    {"updated_at", F_UPDATED},  {"engine_version", F_ENGINE},
    {"chart", F_PLANETS | F_HOUSES}, {"planets", F_PLANETS}, {"houses", F_HOUSES},
};

/* The query of a read: the projection and the page. */
struct view {
    unsigned fields;   /* enum field bits */
    unsigned sections; /* sections to recompute besides planets and houses */
    int limit;
    bool have_cursor;
    struct store_cursor cursor;
    /* search */
    const char *date, *time;
    const char *lat, *lon, *radius;
};

static int parse_fields(const char *list, unsigned *out, struct error *err)
{
    *out = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool known = false;
        for (size_t i = 0; i < sizeof field_names / sizeof field_names[0]; i++)
            if (strlen(field_names[i].name) == n && strncmp(field_names[i].name, p, n) == 0) {
                *out |= field_names[i].bits;
                known = true;
            }
        if (!known)
            return err_set(err, ERR_INVALID_VALUE, "fields",
                           "unknown field '%.*s'; fields are name, tags, notes, birth, options, "
                           "created_at, updated_at, engine_version, chart, planets, houses",
                           (int)(n > 40 ? 40 : n), p);
        p += n;
        if (*p == ',')
            p++;
    }
    if (!*out)
        return err_set(err, ERR_INVALID_VALUE, "fields", "fields lists at least one field");
    return 0;
}

static int parse_int(const char *v, int lo, int hi, const char *field, int *out,
                     struct error *err)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi)
        return err_set(err, ERR_INVALID_VALUE, field, "%s must be a whole number %d..%d", field,
                       lo, hi);
    *out = (int)n;
    return 0;
}

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* A cursor is base64url (no padding) of created_at (8 bytes, big-endian)
 * and the id's 16 bytes. */
static void cursor_encode(const struct store_cursor *c, char out[CURSOR_LEN + 1])
{
    unsigned char raw[24];
    uint64_t t = (uint64_t)c->created_at;
    for (int i = 0; i < 8; i++)
        raw[i] = (unsigned char)(t >> (56 - 8 * i));
    for (int i = 0; i < 16; i++)
        raw[8 + i] = (unsigned char)strtoul((char[3]){c->id[2 * i], c->id[2 * i + 1], 0}, NULL, 16);
    for (int i = 0, o = 0; i < 24; i += 3) {
        uint32_t v = (uint32_t)raw[i] << 16 | (uint32_t)raw[i + 1] << 8 | raw[i + 2];
        out[o++] = b64url[v >> 18];
        out[o++] = b64url[(v >> 12) & 63];
        out[o++] = b64url[(v >> 6) & 63];
        out[o++] = b64url[v & 63];
    }
    out[CURSOR_LEN] = '\0';
}

static int cursor_decode(const char *s, struct store_cursor *c, struct error *err)
{
    unsigned char raw[24];
    if (strlen(s) != CURSOR_LEN)
        goto bad;
    for (int i = 0, o = 0; i < CURSOR_LEN; i += 4) {
        uint32_t v = 0;
        for (int k = 0; k < 4; k++) {
            const char *at = s[i + k] ? strchr(b64url, s[i + k]) : NULL;
            if (!at)
                goto bad;
            v = v << 6 | (uint32_t)(at - b64url);
        }
        raw[o++] = (unsigned char)(v >> 16);
        raw[o++] = (unsigned char)(v >> 8);
        raw[o++] = (unsigned char)v;
    }
    uint64_t t = 0;
    for (int i = 0; i < 8; i++)
        t = t << 8 | raw[i];
    if (t > (uint64_t)INT64_MAX)
        goto bad;
    c->created_at = (int64_t)t;
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        c->id[2 * i] = hex[raw[8 + i] >> 4];
        c->id[2 * i + 1] = hex[raw[8 + i] & 15];
    }
    c->id[STORE_ID_LEN] = '\0';
    return 0;
bad:
    return err_set(err, ERR_INVALID_VALUE, "cursor",
                   "cursor is not one this server gave (use next_cursor as it came)");
}

struct query {
    struct view *v;
    struct error *err;
    bool list, search; /* which parameters the endpoint takes */
};

static int query_param(void *ctx, const char *k, const char *val)
{
    struct query *q = ctx;
    struct view *v = q->v;
    if (strcmp(k, "fields") == 0)
        return parse_fields(val, &v->fields, q->err);
    if (strcmp(k, "sections") == 0) {
        int rc = sections_parse(val, &v->sections, q->err);
        if (rc)
            snprintf(q->err->field, sizeof q->err->field, "sections");
        v->sections &= ~(unsigned)(SECTION_PLANETS | SECTION_HOUSES); /* stored */
        return rc;
    }
    if ((q->list || q->search) && strcmp(k, "limit") == 0)
        return parse_int(val, 1, SAVED_PAGE_MAX, "limit", &v->limit, q->err);
    if (q->list && strcmp(k, "cursor") == 0) {
        v->have_cursor = true;
        return cursor_decode(val, &v->cursor, q->err);
    }
    if (q->search) {
        const char **slot = strcmp(k, "date") == 0        ? &v->date
                            : strcmp(k, "time") == 0      ? &v->time
                            : strcmp(k, "lat") == 0       ? &v->lat
                            : strcmp(k, "lon") == 0       ? &v->lon
                            : strcmp(k, "radius_km") == 0 ? &v->radius
                                                          : NULL;
        if (slot) {
            *slot = val;
            return 0;
        }
    }
    char field[48];
    snprintf(field, sizeof field, "%.40s", k);
    return err_set(q->err, ERR_UNKNOWN_FIELD, field, "unknown query parameter '%.40s'", k);
}

static int parse_view(struct request *rq, struct view *v, bool list, bool search,
                      struct error *err)
{
    memset(v, 0, sizeof *v);
    v->fields = F_ALL;
    v->limit = LIST_DEFAULT;
    struct query q = {v, err, list, search};
    return http_query_each(rq, query_param, &q, err);
}

/* ---- writing a saved chart ---------------------------------------------- */

/* Recomputes sections of a saved chart through the L1 cache and writes
 * each as a member of the open "chart" object. */
static int write_sections(struct jsonw *w, struct request *rq, const struct store_chart *c,
                          unsigned sections, struct error *err)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON *birth = cJSON_Parse(c->birth_json), *options = cJSON_Parse(c->options_json);
    struct birth b;
    struct chart_options o;
    struct rendered out = {0};
    int rc;
    if (birth)
        cJSON_AddItemToObject(doc, "birth", birth);
    if (options)
        cJSON_AddItemToObject(doc, "options", options);
    rc = request_chart(doc, &b, &o, "", err);
    if (rc == 0)
        rc = birth_check_complete(&b, err);
    if (rc == 0) {
        o.sections = sections;
        default_as_of(&o);
        rc = charts_render(rq->svc, &b, &o, false, NULL, rq->deadline, RENDER_ANY, &out, err);
    }
    for (int id = 0; rc == 0 && id < SECTION_COUNT; id++) {
        const char *val;
        size_t n;
        if ((sections & (1u << id)) && json_member(out.body, out.len, section_name(id), &val, &n)) {
            jw_key(w, section_name(id));
            jw_raw(w, val, n);
        }
    }
    free(out.body);
    cJSON_Delete(doc);
    return rc;
}

/* Writes c as the saved-chart document of view v. */
static int write_saved(struct jsonw *w, struct request *rq, const struct store_chart *c,
                       const struct view *v, struct error *err)
{
    unsigned f = v ? v->fields : F_ALL;
    unsigned sections = v ? v->sections : 0;
    char when[40];
    jw_obj(w);
    jw_kstr(w, "id", c->id);
    if (f & F_NAME)
        jw_kstr(w, "name", c->name);
    if (f & F_TAGS) {
        jw_key(w, "tags");
        jw_raw(w, c->tags_json, strlen(c->tags_json));
    }
    if (f & F_NOTES)
        jw_kstr(w, "notes", c->notes);
    if (f & F_BIRTH) {
        jw_key(w, "birth");
        jw_raw(w, c->birth_json, strlen(c->birth_json));
    }
    if (f & F_OPTIONS) {
        jw_key(w, "options");
        jw_raw(w, c->options_json, strlen(c->options_json));
    }
    if (f & F_CREATED) {
        timefmt_rfc3339(c->created_at, when);
        jw_kstr(w, "created_at", when);
    }
    if (f & F_UPDATED) {
        timefmt_rfc3339(c->updated_at, when);
        jw_kstr(w, "updated_at", when);
    }
    if (f & F_ENGINE)
        jw_kstr(w, "engine_version", c->engine_version);
    if ((f & (F_PLANETS | F_HOUSES)) || sections) {
        jw_key(w, "chart");
        jw_obj(w);
        size_t len = strlen(c->chart_json);
        const char *val;
        size_t n;
        if ((f & F_PLANETS) && json_member(c->chart_json, len, "planets", &val, &n)) {
            jw_key(w, "planets");
            jw_raw(w, val, n);
        }
        if ((f & F_HOUSES) && json_member(c->chart_json, len, "houses", &val, &n)) {
            jw_key(w, "houses");
            jw_raw(w, val, n);
        }
        if (sections) {
            int rc = write_sections(w, rq, c, sections, err);
            if (rc)
                return rc;
        }
        jw_obj_end(w);
    }
    jw_obj_end(w);
    return 0;
}

/* Answers r with a store or handler error (503s mark the store down). */
static void reply_failure(struct request *rq, struct reply *r, int rc, struct error *err)
{
    storage_note(rq->svc, rc);
    if (err->code == ERR_OK)
        err_set(err, rc, "", "the request failed");
    http_error_reply(r, err);
}

/* ---- the input of a save: POST /v1/kundlis and each import line --------- */

struct input {
    const cJSON *name, *tags, *notes, *birth, *options;
    int64_t created_at, updated_at; /* import only; 0: now */
};

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Reads and validates obj's members. import: a line of an export, which
 * also carries id, created_at, updated_at, engine_version and chart. */
static int parse_input(const cJSON *obj, bool import, struct input *in, struct error *err)
{
    memset(in, 0, sizeof *in);
    if (!cJSON_IsObject(obj))
        return err_set(err, ERR_INVALID_VALUE, "",
                       "expected an object {\"name\", \"birth\", \"options\", \"tags\", \"notes\"}");
    for (const cJSON *m = obj->child; m; m = m->next) {
        const char *k = m->string;
        if (strcmp(k, "name") == 0)
            in->name = m;
        else if (strcmp(k, "tags") == 0)
            in->tags = m;
        else if (strcmp(k, "notes") == 0)
            in->notes = m;
        else if (strcmp(k, "birth") == 0)
            in->birth = m;
        else if (strcmp(k, "options") == 0)
            in->options = m;
        else if (import && (strcmp(k, "created_at") == 0 || strcmp(k, "updated_at") == 0)) {
            int64_t t;
            if (!cJSON_IsString(m) || !timefmt_parse_rfc3339(m->valuestring, &t))
                return err_set(err, ERR_INVALID_VALUE, k,
                               "%s must be RFC 3339: YYYY-MM-DDTHH:MM:SS[.ffffff]Z", k);
            *(k[0] == 'c' ? &in->created_at : &in->updated_at) = t;
        } else if (import && (strcmp(k, "id") == 0 || strcmp(k, "engine_version") == 0 ||
                              strcmp(k, "chart") == 0)) {
            continue; /* made anew: a fresh id, the chart by this engine */
        } else {
            char field[48];
            snprintf(field, sizeof field, "%.40s", k);
            return err_set(err, ERR_UNKNOWN_FIELD, field, "unknown field '%.40s'", k);
        }
    }
    if (in->name && (!cJSON_IsString(in->name) || utf8_chars(in->name->valuestring) > STORE_NAME_MAX))
        return err_set(err, ERR_INVALID_VALUE, "name", "name is a string of at most %d characters",
                       STORE_NAME_MAX);
    if (in->notes &&
        (!cJSON_IsString(in->notes) || strlen(in->notes->valuestring) > STORE_NOTES_MAX))
        return err_set(err, ERR_INVALID_VALUE, "notes", "notes are a string of at most %d bytes",
                       STORE_NOTES_MAX);
    if (in->tags) {
        if (!cJSON_IsArray(in->tags) || cJSON_GetArraySize(in->tags) > TAGS_MAX)
            return err_set(err, ERR_INVALID_VALUE, "tags", "tags are an array of at most %d strings",
                           TAGS_MAX);
        int i = 0;
        for (const cJSON *t = in->tags->child; t; t = t->next, i++) {
            if (!cJSON_IsString(t) || utf8_chars(t->valuestring) > TAG_CHARS_MAX) {
                char field[24];
                snprintf(field, sizeof field, "tags[%d]", i);
                return err_set(err, ERR_INVALID_VALUE, field,
                               "a tag is a string of at most %d characters", TAG_CHARS_MAX);
            }
        }
    }
    return 0;
}

/* Text of a JSON value as stored (malloc'd), or dflt's copy when absent. */
static char *json_text(const cJSON *v, const char *dflt)
{
    if (!v)
        return xstrdup(dflt);
    char *p = cJSON_PrintUnformatted(v);
    if (!p) {
        fputs("kundlid: out of memory printing JSON\n", stderr);
        abort();
    }
    char *copy = xstrdup(p);
    cJSON_free(p);
    return copy;
}

/* Computes and stores in: row is filled (free with free_row). */
static int save(struct request *rq, struct store *st, const struct input *in,
                struct store_chart *row, struct error *err)
{
    struct birth b;
    struct chart_options o;
    struct rendered doc = {0};
    cJSON *sub = cJSON_CreateObject();
    int rc;
    memset(row, 0, sizeof *row);
    if (!in->birth) {
        rc = err_set(err, ERR_MISSING_FIELD, "birth", "birth is required");
        goto out;
    }
    cJSON_AddItemReferenceToObject(sub, "birth", (cJSON *)in->birth);
    if (in->options)
        cJSON_AddItemReferenceToObject(sub, "options", (cJSON *)in->options);
    rc = request_chart(sub, &b, &o, "", err);
    if (rc == 0)
        rc = birth_check_complete(&b, err);
    if (rc)
        goto out;
    o.sections = SECTION_PLANETS | SECTION_HOUSES;
    default_as_of(&o);
    rc = charts_render(rq->svc, &b, &o, false, NULL, service_now() + rq->svc->cfg.deadline_ms / 1e3,
                       RENDER_ANY, &doc, err);
    if (rc)
        goto out;
    const char *planets, *houses;
    size_t np, nh;
    if (!json_member(doc.body, doc.len, "planets", &planets, &np) ||
        !json_member(doc.body, doc.len, "houses", &houses, &nh)) {
        rc = err_set(err, ERR_INTERNAL, "", "the chart lacks planets or houses");
        goto out;
    }
    struct jsonw w;
    jw_init(&w, DOC_LIMIT);
    jw_obj(&w);
    jw_key(&w, "planets");
    jw_raw(&w, planets, np);
    jw_key(&w, "houses");
    jw_raw(&w, houses, nh);
    jw_obj_end(&w);
    if (jw_finish(&w, err) != 0) {
        jw_free(&w);
        rc = err->code;
        goto out;
    }
    row->chart_json = jw_take(&w, NULL);
    jw_free(&w);
    memcpy(row->user_id, rq->user, sizeof row->user_id);
    row->name = xstrdup(in->name ? in->name->valuestring : "");
    row->notes = xstrdup(in->notes ? in->notes->valuestring : "");
    row->tags_json = json_text(in->tags, "[]");
    row->birth_json = json_text(in->birth, "{}");
    row->options_json = json_text(in->options, "{}");
    snprintf(row->date, sizeof row->date, "%04d-%02d-%02d", b.local.year, b.local.month,
             b.local.day);
    snprintf(row->time, sizeof row->time, "%02d:%02d:%02d", b.local.hour, b.local.minute,
             b.local.second);
    row->latitude = b.latitude;
    row->longitude = b.longitude;
    snprintf(row->engine_version, sizeof row->engine_version, "%s", ENGINE_VERSION);
    row->created_at = in->created_at;
    row->updated_at = in->updated_at;
    rc = store_chart_insert(st, row, err);
out:
    free(doc.body);
    cJSON_Delete(sub);
    return rc;
}

/* A write to rq->user's charts committed: no cached list page of theirs
 * is read again, on this instance or any other. */
static void lists_changed(struct request *rq)
{
    cache_redis_user_changed(rq->svc->redis, rq->user);
}

static void free_row(struct store_chart *row)
{
    free(row->name);
    free(row->notes);
    free(row->tags_json);
    free(row->birth_json);
    free(row->options_json);
    free(row->chart_json);
    memset(row, 0, sizeof *row);
}

/* The body as a JSON object, or NULL with r answered. */
static cJSON *body_json(struct request *rq, struct reply *r)
{
    struct error err;
    cJSON *json = NULL;
    if (request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, &err)) {
        http_error_reply(r, &err);
        return NULL;
    }
    return json;
}

static void create(struct request *rq, struct reply *r, struct store *st)
{
    struct error err;
    struct input in;
    struct store_chart row = {0};
    cJSON *json = body_json(rq, r);
    if (!json)
        return;
    err_clear(&err);
    int rc = parse_input(json, false, &in, &err);
    if (rc == 0)
        rc = save(rq, st, &in, &row, &err);
    if (rc == 0)
        lists_changed(rq);
    if (rc == 0) {
        struct jsonw w;
        jw_init(&w, DOC_LIMIT);
        rc = write_saved(&w, rq, &row, NULL, &err);
        if (rc == 0)
            reply_json(r, 201, &w);
        else
            jw_free(&w);
    }
    if (rc)
        reply_failure(rq, r, rc, &err);
    free_row(&row);
    cJSON_Delete(json);
}

/* ---- listings ----------------------------------------------------------- */

struct page {
    struct request *rq;
    const struct view *v;
    struct jsonw *w;
    int count, limit;   /* written, and at most */
    bool more;          /* a chart beyond limit exists */
    struct store_cursor last;
    struct error *err;
};

static int page_item(void *ctx, const struct store_chart *c)
{
    struct page *p = ctx;
    if (p->count == p->limit) {
        p->more = true;
        return 1; /* stop: the one past the page only says there is more */
    }
    int rc = write_saved(p->w, p->rq, c, p->v, p->err);
    if (rc)
        return rc;
    p->count++;
    store_cursor_of(c, &p->last);
    return 0;
}

/* Ends an {"items": [...] document and sends it, or the error. */
static void reply_items(struct request *rq, struct reply *r, struct jsonw *w, int rc,
                        struct page *p, bool paged, struct error *err)
{
    if (rc == 1 && p->more)
        rc = 0;
    if (rc) {
        jw_free(w);
        reply_failure(rq, r, rc, err);
        return;
    }
    jw_arr_end(w);
    if (paged) {
        jw_key(w, "next_cursor");
        if (p->more) {
            char cur[CURSOR_LEN + 1];
            cursor_encode(&p->last, cur);
            jw_str(w, cur);
        } else {
            jw_null(w);
        }
    }
    jw_obj_end(w);
    reply_json(r, 200, w);
}

/* The name of a page in the list cache: everything its bytes depend on
 * besides the user and their charts (fields, limit, cursor). */
static void list_view(const struct view *v, char out[64])
{
    char cur[CURSOR_LEN + 1] = "-";
    if (v->have_cursor)
        cursor_encode(&v->cursor, cur);
    snprintf(out, 64, "f%x.l%d.c%s", v->fields, v->limit, cur);
}

static void list(struct request *rq, struct reply *r, struct store *st)
{
    struct error err;
    struct view v;
    char view[64];
    int64_t version = -1;
    err_clear(&err);
    if (parse_view(rq, &v, true, false, &err)) {
        http_error_reply(r, &err);
        return;
    }
    /* Pages that recompute sections (which depend on today's date) are
     * not cached; the others are the store's bytes as they were sent. */
    bool cacheable = rq->svc->redis && v.sections == 0;
    if (cacheable) {
        list_view(&v, view);
        if (cache_redis_list_get(rq->svc->redis, rq->user, view, &r->body, &r->len, &version)) {
            r->status = 200;
            rq->cache = CACHE_HIT_L2;
            return;
        }
        rq->cache = CACHE_MISS;
    }
    struct jsonw w;
    jw_init(&w, DOC_LIMIT);
    jw_obj(&w);
    jw_key(&w, "items");
    jw_arr(&w);
    struct page p = {rq, &v, &w, 0, v.limit, false, {0}, &err};
    int rc = store_chart_list(st, rq->user, v.limit + 1, v.have_cursor ? &v.cursor : NULL,
                              page_item, &p, &err);
    reply_items(rq, r, &w, rc, &p, true, &err);
    if (cacheable && r->status == 200)
        cache_redis_list_put(rq->svc->redis, rq->user, view, version, r->body, r->len);
}

void handle_kundlis(struct request *rq, struct reply *r)
{
    struct error err;
    struct store *st = storage_get(rq->svc, &err);
    if (!st) {
        http_error_reply(r, &err);
        return;
    }
    if (rq->method == HTTP_POST)
        create(rq, r, st);
    else
        list(rq, r, st);
}

void handle_kundlis_search(struct request *rq, struct reply *r)
{
    struct error err;
    struct view v;
    struct store *st = storage_get(rq->svc, &err);
    if (!st) {
        http_error_reply(r, &err);
        return;
    }
    err_clear(&err);
    if (parse_view(rq, &v, false, true, &err)) {
        http_error_reply(r, &err);
        return;
    }
    bool by_date = v.date || v.time, by_place = v.lat || v.lon || v.radius;
    double lat = 0, lon = 0, radius = 0;
    char time[9] = "";
    if (by_date == by_place) {
        reply_error(r, ERR_MISSING_FIELD, by_date ? "date" : "",
                    "search by date (and time) or by lat, lon and radius_km, not both");
        return;
    }
    if (by_date) {
        if (!v.date) {
            reply_error(r, ERR_MISSING_FIELD, "date", "date is required with time");
            return;
        }
        if (v.time) { /* HH:MM or HH:MM:SS */
            size_t n = strlen(v.time);
            if (n != 5 && n != 8) {
                reply_error(r, ERR_INVALID_TIME, "time", "time must be HH:MM or HH:MM:SS");
                return;
            }
            snprintf(time, sizeof time, n == 5 ? "%s:00" : "%s", v.time);
        }
    } else {
        if (!v.lat || !v.lon || !v.radius) {
            reply_error(r, ERR_MISSING_FIELD, !v.lat ? "lat" : !v.lon ? "lon" : "radius_km",
                        "a search by place needs lat, lon and radius_km");
            return;
        }
        if (!birth_parse_number(v.lat, &lat) || lat < -90 || lat > 90) {
            reply_error(r, ERR_INVALID_LATITUDE, "lat", "lat must be between -90 and 90");
            return;
        }
        if (!birth_parse_number(v.lon, &lon) || lon < -180 || lon > 180) {
            reply_error(r, ERR_INVALID_LONGITUDE, "lon", "lon must be between -180 and 180");
            return;
        }
        if (!birth_parse_number(v.radius, &radius) || !(radius > 0) || radius > 20000) {
            reply_error(r, ERR_INVALID_VALUE, "radius_km",
                        "radius_km must be more than 0 and at most 20000");
            return;
        }
    }
    struct jsonw w;
    jw_init(&w, DOC_LIMIT);
    jw_obj(&w);
    jw_key(&w, "items");
    jw_arr(&w);
    struct page p = {rq, &v, &w, 0, v.limit, false, {0}, &err};
    int rc = by_date ? store_chart_search_date(st, rq->user, v.date, v.time ? time : NULL,
                                               v.limit, page_item, &p, &err)
                     : store_chart_search_near(st, rq->user, lat, lon, radius, v.limit,
                                               page_item, &p, &err);
    if (rc == ERR_INVALID_VALUE && strcmp(err.field, "time") == 0)
        rc = err_set(&err, ERR_INVALID_TIME, "time", "time must be an existing HH:MM or HH:MM:SS");
    else if (rc == ERR_INVALID_VALUE && strcmp(err.field, "date") == 0)
        rc = err_set(&err, ERR_INVALID_DATE, "date", "date must be an existing YYYY-MM-DD");
    reply_items(rq, r, &w, rc, &p, false, &err);
}

void handle_kundlis_lookup(struct request *rq, struct reply *r)
{
    struct error err;
    struct view v;
    const char *ids[STORE_LOOKUP_MAX];
    int n = 0;
    struct store *st = storage_get(rq->svc, &err);
    if (!st) {
        http_error_reply(r, &err);
        return;
    }
    err_clear(&err);
    if (parse_view(rq, &v, false, false, &err)) {
        http_error_reply(r, &err);
        return;
    }
    cJSON *json = body_json(rq, r);
    if (!json)
        return;
    const cJSON *list = NULL;
    if (!cJSON_IsObject(json)) {
        reply_error(r, ERR_INVALID_VALUE, "", "expected an object {\"ids\": [...]}");
        goto out;
    }
    for (const cJSON *m = json->child; m; m = m->next) {
        if (strcmp(m->string, "ids") != 0) {
            char field[48];
            snprintf(field, sizeof field, "%.40s", m->string);
            reply_error(r, ERR_UNKNOWN_FIELD, field, "unknown field; a lookup has only \"ids\"");
            goto out;
        }
        list = m;
    }
    if (!cJSON_IsArray(list)) {
        reply_error(r, ERR_MISSING_FIELD, "ids", "ids must be an array of 1 to %d chart ids",
                    STORE_LOOKUP_MAX);
        goto out;
    }
    if (cJSON_GetArraySize(list) > STORE_LOOKUP_MAX) {
        reply_error(r, ERR_TOO_LARGE, "ids", "a lookup takes at most %d ids", STORE_LOOKUP_MAX);
        goto out;
    }
    for (const cJSON *it = list->child; it; it = it->next, n++) {
        const char *s = cJSON_IsString(it) ? it->valuestring : "";
        bool ok = strlen(s) == STORE_ID_LEN;
        for (size_t i = 0; ok && i < STORE_ID_LEN; i++)
            ok = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
        if (!ok) {
            char field[24];
            snprintf(field, sizeof field, "ids[%d]", n);
            reply_error(r, ERR_INVALID_VALUE, field, "a chart id is 32 lowercase hex digits");
            goto out;
        }
        ids[n] = s;
    }
    struct jsonw w;
    jw_init(&w, DOC_LIMIT);
    jw_obj(&w);
    jw_key(&w, "items");
    jw_arr(&w);
    struct page p = {rq, &v, &w, 0, STORE_LOOKUP_MAX, false, {0}, &err};
    int rc = n ? store_chart_lookup(st, rq->user, ids, n, page_item, &p, &err) : 0;
    reply_items(rq, r, &w, rc, &p, false, &err);
out:
    cJSON_Delete(json);
}

/* ---- one chart: GET, PATCH, DELETE /v1/kundlis/{id} --------------------- */

static void patch(struct request *rq, struct reply *r, struct store *st, const char *id,
                  struct store_chart *out, struct error *err)
{
    cJSON *json = body_json(rq, r);
    char *tags = NULL;
    if (!json)
        return;
    struct input in;
    int rc = 0;
    if (!cJSON_IsObject(json)) {
        reply_error(r, ERR_INVALID_VALUE, "", "expected an object {\"name\", \"tags\", \"notes\"}");
        goto out;
    }
    for (const cJSON *m = json->child; m; m = m->next)
        if (strcmp(m->string, "name") && strcmp(m->string, "tags") && strcmp(m->string, "notes")) {
            char field[48];
            snprintf(field, sizeof field, "%.40s", m->string);
            reply_error(r, ERR_UNKNOWN_FIELD, field,
                        "only name, tags and notes of a saved chart can change");
            goto out;
        }
    rc = parse_input(json, false, &in, err);
    if (rc == 0) {
        tags = in.tags ? json_text(in.tags, "[]") : NULL;
        rc = store_chart_update(st, rq->user, id, in.name ? in.name->valuestring : NULL, tags,
                                in.notes ? in.notes->valuestring : NULL, out, err);
        if (rc == 0)
            lists_changed(rq);
    }
    if (rc == 0) {
        struct jsonw w;
        jw_init(&w, DOC_LIMIT);
        rc = write_saved(&w, rq, out, NULL, err);
        if (rc == 0)
            reply_json(r, 200, &w);
        else
            jw_free(&w);
    }
    if (rc)
        reply_failure(rq, r, rc, err);
out:
    free(tags);
    cJSON_Delete(json);
}

void handle_kundlis_id(struct request *rq, struct reply *r)
{
    struct error err;
    struct view v;
    struct store_chart c = {0};
    const char *id = rq->path + strlen("/v1/kundlis/");
    struct store *st = storage_get(rq->svc, &err);
    if (!st) {
        http_error_reply(r, &err);
        return;
    }
    err_clear(&err);
    int rc;
    if (rq->method == HTTP_PATCH) {
        patch(rq, r, st, id, &c, &err);
    } else if (rq->method == HTTP_DELETE) {
        rc = store_chart_delete(st, rq->user, id, &err);
        if (rc) {
            reply_failure(rq, r, rc, &err);
        } else {
            lists_changed(rq);
            r->status = 204;
        }
    } else if (parse_view(rq, &v, false, false, &err)) {
        http_error_reply(r, &err);
    } else {
        rc = store_chart_get(st, rq->user, id, &c, &err);
        struct jsonw w;
        jw_init(&w, DOC_LIMIT);
        if (rc == 0)
            rc = write_saved(&w, rq, &c, &v, &err);
        if (rc == 0) {
            reply_json(r, 200, &w);
            reply_gzip(rq, r);
        } else {
            jw_free(&w);
            reply_failure(rq, r, rc, &err);
        }
    }
    store_chart_free(&c);
}

/* ---- export: NDJSON, streamed a page per step --------------------------- */

struct export {
    struct service *svc;
    struct request rq; /* a copy: user and deadline for write_saved */
    struct stream *out;
    struct store_cursor after;
    bool started;
    struct jsonw w;
};

static int export_line(void *ctx, const struct store_chart *c)
{
    struct export *ex = ctx;
    struct error err;
    struct view v = {.fields = F_ALL};
    jw_reset(&ex->w);
    int rc = write_saved(&ex->w, &ex->rq, c, &v, &err);
    if (rc)
        return rc;
    if (jw_finish(&ex->w, &err) != 0)
        return ERR_TOO_LARGE;
    stream_write(ex->out, ex->w.buf, ex->w.len);
    stream_write(ex->out, "\n", 1);
    store_cursor_of(c, &ex->after);
    ex->started = true;
    return 0;
}

static void export_free(void *ctx)
{
    struct export *ex = ctx;
    jw_free(&ex->w);
    free(ex);
}

static void export_step(void *arg, bool cancelled);

static void export_queue_next(void *ctx)
{
    struct export *ex = ctx;
    if (jobs_submit(ex->svc->store_jobs, export_step, ex, true) != 0)
        stream_end(ex->out, false); /* shutting down */
}

static void export_advance(struct export *ex, int got_full_page)
{
    if (!got_full_page) {
        stream_end(ex->out, true);
        return;
    }
    switch (stream_yield(ex->out)) {
    case STREAM_GO:
        export_queue_next(ex);
        break;
    case STREAM_PAUSE:
        break;
    case STREAM_GONE:
        stream_end(ex->out, false);
        break;
    }
}

struct counter {
    struct export *ex;
    int n;
};

static int count_line(void *ctx, const struct store_chart *c)
{
    struct counter *k = ctx;
    int rc = export_line(k->ex, c);
    k->n += rc == 0;
    return rc;
}

/* One page: n charts written, or an error (the body is then cut). */
static int export_run(struct export *ex, int *n, struct error *err)
{
    struct store *st = storage_get(ex->svc, err);
    if (!st)
        return ERR_STORE_UNAVAILABLE;
    struct store_cursor before = ex->after;
    struct counter k = {ex, 0};
    int rc = store_chart_list(st, ex->rq.user, SAVED_EXPORT_PAGE, ex->started ? &before : NULL,
                              count_line, &k, err);
    *n = k.n;
    return rc;
}

static void export_step(void *arg, bool cancelled)
{
    struct export *ex = arg;
    struct error err;
    int n = 0;
    if (cancelled || export_run(ex, &n, &err) != 0) {
        stream_end(ex->out, false);
        return;
    }
    export_advance(ex, n == SAVED_EXPORT_PAGE);
}

void handle_kundlis_export(struct request *rq, struct reply *r)
{
    struct error err;
    struct view v;
    err_clear(&err);
    if (parse_view(rq, &v, false, false, &err) || v.fields != F_ALL || v.sections) {
        if (err.code == ERR_OK)
            err_set(&err, ERR_UNKNOWN_FIELD, "fields", "an export has every field");
        http_error_reply(r, &err);
        return;
    }
    struct export *ex = xcalloc(1, sizeof *ex);
    ex->svc = rq->svc;
    snprintf(ex->rq.user, sizeof ex->rq.user, "%s", rq->user);
    ex->rq.svc = rq->svc;
    ex->rq.deadline = rq->deadline;
    jw_init(&ex->w, DOC_LIMIT);
    struct stream_producer p = {.resume = export_queue_next, .release = export_free, .ctx = ex};
    ex->out = stream_new(rq->accept_gzip, p);
    /* The first page decides the status: a store that cannot answer is a
     * 503 with an error document, not a cut body. */
    int n = 0;
    int rc = export_run(ex, &n, &err);
    if (rc) {
        stream_detach(ex->out); /* no consumer: ending frees ex and the stream */
        stream_end(ex->out, false);
        reply_failure(rq, r, rc, &err);
        return;
    }
    r->status = 200;
    r->stream = ex->out;
    r->gzip = rq->accept_gzip;
    r->content_type = "application/x-ndjson";
    export_advance(ex, n == SAVED_EXPORT_PAGE);
}

/* ---- import: NDJSON lines, each saved anew ------------------------------ */

void handle_kundlis_import(struct request *rq, struct reply *r)
{
    struct error err;
    struct store *st = storage_get(rq->svc, &err);
    if (!st) {
        http_error_reply(r, &err);
        return;
    }
    const char *body = rq->body ? rq->body : "";
    int lines = 0;
    for (const char *p = body; *p; p++)
        lines += *p == '\n';
    if (lines + 1 > IMPORT_LINES_MAX && !(lines == IMPORT_LINES_MAX && body[rq->body_len - 1] == '\n')) {
        reply_error(r, ERR_TOO_LARGE, "", "an import takes at most %d lines", IMPORT_LINES_MAX);
        return;
    }
    struct jsonw w;
    jw_init(&w, DOC_LIMIT);
    jw_obj(&w);
    jw_key(&w, "results");
    jw_arr(&w);
    int imported = 0, failed = 0, line = 0;
    const char *p = body, *end = body + rq->body_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        const char *text = p;
        p += n + (nl != NULL);
        size_t k = 0;
        while (k < n && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'))
            k++;
        if (k == n)
            continue; /* blank lines are skipped */
        cJSON *json = NULL;
        struct input in;
        struct store_chart row = {0};
        err_clear(&err);
        int rc = request_parse_json(text, n, &json, &err);
        if (rc == 0)
            rc = parse_input(json, true, &in, &err);
        if (rc == 0)
            rc = save(rq, st, &in, &row, &err);
        jw_obj(&w);
        jw_kint(&w, "line", line);
        if (rc == 0) {
            jw_kstr(&w, "id", row.id);
            imported++;
        } else {
            storage_note(rq->svc, rc);
            struct jsonw e;
            const char *val;
            size_t vlen;
            jw_init(&e, 4096);
            error_json_write(&e, &err);
            if (json_member(e.buf, e.len, "error", &val, &vlen)) {
                jw_key(&w, "error");
                jw_raw(&w, val, vlen);
            }
            jw_free(&e);
            failed++;
        }
        jw_obj_end(&w);
        free_row(&row);
        cJSON_Delete(json);
    }
    if (imported > 0)
        lists_changed(rq);
    jw_arr_end(&w);
    jw_kint(&w, "imported", imported);
    jw_kint(&w, "failed", failed);
    jw_obj_end(&w);
    reply_json(r, 200, &w);
}

/* ---- admin -------------------------------------------------------------- */

static int index_item(void *ctx, const struct store_index_use *u)
{
    struct jsonw *w = ctx;
    jw_obj(w);
    jw_key(w, "query");
    u->query ? jw_str(w, u->query) : jw_null(w);
    jw_kstr(w, "table", u->table ? u->table : "");
    jw_kstr(w, "index", u->index ? u->index : "");
    jw_key(w, "plan");
    u->plan ? jw_str(w, u->plan) : jw_null(w);
    jw_key(w, "scans");
    u->scans >= 0 ? jw_int(w, u->scans) : jw_null(w);
    jw_obj_end(w);
    return 0;
}

void handle_index_usage(struct request *rq, struct reply *r)
{
    struct error err;
    struct store *st = storage_get(rq->svc, &err);
    if (!st) {
        http_error_reply(r, &err);
        return;
    }
    struct jsonw w;
    jw_init(&w, DOC_LIMIT);
    jw_obj(&w);
    jw_kstr(&w, "backend", store_backend(st));
    jw_key(&w, "indexes");
    jw_arr(&w);
    err_clear(&err);
    int rc = store_index_usage(st, index_item, &w, &err);
    if (rc) {
        jw_free(&w);
        reply_failure(rq, r, rc, &err);
        return;
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    reply_json(r, 200, &w);
}
