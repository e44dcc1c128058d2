/* handlers_stream.c - the long responses made in steps as the client reads
 * them: POST /v1/kundli/stream (one chart line per NDJSON body line) and
 * POST /v1/match/matrix (the best girls of each boy). Each step is a job
 * of the compute queue; the body goes out through a stream (stream.h),
 * whose pause and resume hold the work to the client's reading, as a batch
 * does (handlers_chart.c).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "app/mem.h"
#include "common/jsonw.h"
#include "engine/match.h"
#include "engine/match_table.h"
#include "output/match_json.h"
#include "service/api.h"
#include "service/charts.h"
#include "service/jobs.h"
#include "service/metrics.h"
#include "service/request_json.h"
#include "service/spool.h"
#include "service/stream.h"
#include "service/stream_line.h"
#include "service/workpool.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID_MAX 256 /* bytes of an id as JSON text */

/* ---- steps: a body made by jobs, held to the client's reading ------------ */

struct steps {
    struct service *svc;
    struct stream *out;
    /* Writes the next part of the body to out; true when it was the last. */
    bool (*step)(struct steps *st);
    void (*free)(struct steps *st);
};

static void steps_run(void *arg, bool cancelled);

static void steps_queue(void *ctx)
{
    struct steps *st = ctx;
    if (jobs_submit(st->svc->jobs, steps_run, st, true) != 0)
        stream_end(st->out, false); /* shutting down */
}

static void steps_release(void *ctx)
{
    struct steps *st = ctx;
    st->free(st);
}

/* After a step: ends the body, or goes on now, later (paused until the
 * client has read enough: stream_read resumes it) or not at all (the client
 * left). st may be freed on return. */
static void steps_advance(struct steps *st, bool last)
{
    if (last) {
        stream_end(st->out, true);
        return;
    }
    switch (stream_yield(st->out)) {
    case STREAM_GO: steps_queue(st); break;
    case STREAM_PAUSE: break;
    case STREAM_GONE: stream_end(st->out, false); break;
    }
}

static void steps_run(void *arg, bool cancelled)
{
    struct steps *st = arg;
    if (cancelled) {
        stream_end(st->out, false);
        return;
    }
    steps_advance(st, st->step(st));
}

/* Starts st's body as r's streamed reply (NDJSON): the first step here, the
 * others as jobs. */
static void steps_start(struct steps *st, struct request *rq, struct reply *r)
{
    struct stream_producer p = {.resume = steps_queue, .release = steps_release, .ctx = st};
    st->out = stream_new(rq->accept_gzip, p);
    r->status = 200;
    r->stream = st->out;
    r->gzip = rq->accept_gzip;
    r->content_type = "application/x-ndjson";
    steps_advance(st, st->step(st)); /* may free st on return */
}

/* ---- lines of the output -------------------------------------------------- */

/* The JSON text of an id member (a string or a whole number) into out;
 * false (err filled, field `field`) for another value. */
static bool id_text(const cJSON *id, char out[ID_MAX + 1], const char *field, struct error *err)
{
    if (cJSON_IsNumber(id) && id->valuedouble == (double)(long long)id->valuedouble &&
        id->valuedouble < 1e15 && id->valuedouble > -1e15) {
        snprintf(out, ID_MAX + 1, "%lld", (long long)id->valuedouble);
        return true;
    }
    if (cJSON_IsString(id)) {
        struct jsonw w;
        jw_init(&w, ID_MAX);
        jw_str(&w, id->valuestring);
        bool ok = jw_finish(&w, NULL) == 0;
        if (ok)
            snprintf(out, ID_MAX + 1, "%s", w.buf);
        jw_free(&w);
        if (ok)
            return true;
        err_set(err, ERR_TOO_LARGE, field, "an id has at most %d bytes", ID_MAX - 6);
        return false;
    }
    err_set(err, ERR_INVALID_VALUE, field, "id must be a string or a whole number");
    return false;
}

/* {"id": ID, <where>: N, "error": {code, message, field}} and a newline. */
static char *error_line(const char *id, const char *side, const char *where, long n,
                        const struct error *err, size_t *len)
{
    struct jsonw w;
    jw_init(&w, 4096);
    jw_obj(&w);
    jw_key(&w, "id");
    jw_raw(&w, id, strlen(id));
    if (side)
        jw_kstr(&w, "side", side);
    jw_kint(&w, where, n);
    jw_key(&w, "error");
    jw_obj(&w);
    jw_kstr(&w, "code", err_name(err->code));
    jw_kstr(&w, "message", err->message);
    jw_kstr(&w, "field", err->field);
    jw_obj_end(&w);
    jw_obj_end(&w);
    char *s = jw_take(&w, len);
    jw_free(&w);
    s = xrealloc(s, *len + 2);
    s[(*len)++] = '\n';
    s[*len] = '\0';
    return s;
}

/* ---- POST /v1/kundli/stream ------------------------------------------------ */

struct item {
    char *text; /* the body line */
    size_t len;
    long line;
    char *out; /* the output line */
    size_t out_len;
};

struct kstream {
    struct steps st;
    struct spool *in;
    long line;   /* body lines read */
    bool in_end; /* no more lines */
    bool read_error;
    double queued; /* when this step was queued or started: rows' deadlines count from it */
    int count;
    struct item items[STREAM_STEP];
};

void stream_line(struct service *svc, const char *text, size_t len, long line, double deadline,
                 char **out, size_t *out_len)
{
    struct error err;
    struct birth b;
    struct chart_options o;
    struct rendered doc;
    cJSON *json = NULL;
    char id[ID_MAX + 1];
    err_clear(&err);
    snprintf(id, sizeof id, "%ld", line);
    int rc = request_parse_json(text, len, &json, &err);
    if (rc == 0 && !cJSON_IsObject(json))
        rc = err_set(&err, ERR_INVALID_VALUE, "",
                     "a line is an object {\"id\", \"birth\": {...}, \"options\": {...}}");
    if (rc == 0) {
        cJSON *idv = cJSON_DetachItemFromObjectCaseSensitive(json, "id");
        if (idv && !id_text(idv, id, "id", &err))
            rc = err.code;
        cJSON_Delete(idv);
    }
    if (rc == 0)
        rc = request_chart(json, &b, &o, "", &err);
    if (rc == 0)
        rc = birth_check_complete(&b, &err);
    if (rc == 0 && service_now() > deadline)
        rc = err_set(&err, ERR_DEADLINE_EXCEEDED, "", "the line's deadline passed");
    if (rc == 0) {
        default_as_of(&o);
        rc = charts_render(svc, &b, &o, false, NULL, deadline, RENDER_ANY, &doc, &err);
    }
    cJSON_Delete(json);
    if (rc) {
        *out = error_line(id, NULL, "line", line, &err, out_len);
        return;
    }
    /* the document with the id first: {"id":ID, + the document after its '{' */
    size_t idlen = strlen(id);
    size_t n = 6 + idlen + 1 + doc.len - 1 + 1;
    char *s = xmalloc(n + 1);
    memcpy(s, "{\"id\":", 6);
    memcpy(s + 6, id, idlen);
    s[6 + idlen] = ',';
    memcpy(s + 7 + idlen, doc.body + 1, doc.len - 1);
    s[n - 1] = '\n';
    free(doc.body);
    *out = s;
    *out_len = n;
}

void stream_line_too_long(long line, char **out, size_t *out_len)
{
    struct error err;
    char id[32];
    snprintf(id, sizeof id, "%ld", line);
    err_set(&err, ERR_TOO_LARGE, "", "a line has at most %d bytes", STREAM_LINE_MAX);
    *out = error_line(id, NULL, "line", line, &err, out_len);
}

void stream_refuse(struct stream_refusal *r, int code, const char *message)
{
    struct error e;
    struct reply rep = {0};
    err_set(&e, code, "", "%s", message);
    http_error_reply(&rep, &e);
    *r = (struct stream_refusal){.status = rep.status, .body = rep.body, .len = rep.len};
}

int stream_head_check(struct service *s, const struct stream_head *h, struct stream_refusal *r)
{
    const char *allow;
    int methods;
    double now = service_now();
    struct reply rep = {0};
    *r = (struct stream_refusal){0};
    if (atomic_load(&s->draining))
        stream_refuse(r, ERR_UNAVAILABLE, "the server is shutting down");
    else if (api_route(h->path, &allow, &methods) != EP_KUNDLI_STREAM)
        stream_refuse(r, ERR_NOT_FOUND, "this port serves only POST /v1/kundli/stream");
    else if (strcmp(h->method, "POST") != 0) {
        stream_refuse(r, ERR_METHOD_NOT_ALLOWED, "use POST");
        r->allow = allow;
    } else if (!http_body_type_ok(EP_KUNDLI_STREAM, h->content_type))
        stream_refuse(r, ERR_UNSUPPORTED_MEDIA_TYPE,
                      "send the body as Content-Type: application/x-ndjson");
    else if (api_rate_limit(s->rl_ip, h->ip, now, "address", &rep) == 0 && s->cfg.auth_compute) {
        char user[AUTH_USER_MAX + 1];
        bool admin;
        api_check_key(s, h->authorization, now, false, user, &admin, &rep);
    }
    if (rep.status)
        *r = (struct stream_refusal){.status = rep.status,
                                     .body = rep.body,
                                     .len = rep.len,
                                     .retry_after = rep.retry_after,
                                     .authenticate = rep.authenticate};
    return r->status;
}

void stream_finished(struct service *s, const char *id, int status, double seconds, size_t bytes)
{
    metrics_observe_request(s->metrics, EP_KUNDLI_STREAM, status, seconds);
    if (!s->log)
        return;
    struct request rq = {.svc = s,
                         .method = HTTP_POST,
                         .path = "/v1/kundli/stream",
                         .endpoint = EP_KUNDLI_STREAM,
                         .status = status,
                         .bytes = bytes};
    snprintf(rq.id, sizeof rq.id, "%s", id);
    http_access_log(&rq, seconds);
}

static void stream_item(void *ctx, int k)
{
    struct kstream *ks = ctx;
    struct item *it = &ks->items[k];
    if (!it->out)
        stream_line(ks->st.svc, it->text, it->len, it->line,
                    ks->queued + ks->st.svc->cfg.deadline_ms / 1000.0, &it->out, &it->out_len);
}

/* Reads the next step's lines from the spool (blank lines skipped). */
static void stream_read_step(struct kstream *ks)
{
    ks->count = 0;
    while (ks->count < STREAM_STEP && !ks->in_end) {
        const char *line;
        size_t len;
        int cut;
        int rc = spool_line(ks->in, &line, &len, &cut);
        if (rc <= 0) {
            ks->in_end = true;
            ks->read_error = rc < 0;
            break;
        }
        ks->line++;
        if (len == strspn(line, " \t\r"))
            continue;
        struct item *it = &ks->items[ks->count++];
        it->line = ks->line;
        it->out = NULL;
        if (cut) { /* answered here, not parsed */
            it->text = NULL;
            stream_line_too_long(ks->line, &it->out, &it->out_len);
            continue;
        }
        it->text = xmalloc(len + 1);
        memcpy(it->text, line, len + 1);
        it->len = len;
    }
}

static bool kstream_step(struct steps *st)
{
    struct kstream *ks = (struct kstream *)st;
    if (ks->queued == 0)
        ks->queued = service_now();
    stream_read_step(ks);
    workpool_run(st->svc->pool, ks->count, stream_item, ks);
    for (int k = 0; k < ks->count; k++) {
        struct item *it = &ks->items[k];
        stream_write(st->out, it->out, it->out_len);
        free(it->out);
        free(it->text);
        it->out = it->text = NULL;
    }
    ks->count = 0;
    ks->queued = service_now(); /* the next step's rows count from here */
    return ks->in_end;
}

static void kstream_free(struct steps *st)
{
    struct kstream *ks = (struct kstream *)st;
    for (int k = 0; k < ks->count; k++) {
        free(ks->items[k].out);
        free(ks->items[k].text);
    }
    spool_free(ks->in);
    free(ks);
}

void handle_kundli_stream(struct request *rq, struct reply *r)
{
    struct kstream *ks = xcalloc(1, sizeof *ks);
    ks->st.svc = rq->svc;
    ks->st.step = kstream_step;
    ks->st.free = kstream_free;
    ks->in = rq->spool ? rq->spool : spool_new(); /* an empty body: no lines */
    rq->spool = NULL;
    steps_start(&ks->st, rq, r);
}

/* ---- POST /v1/match/matrix -------------------------------------------------- */

#define MATRIX_STEP 64 /* boys per job */

struct mperson {
    char id[ID_MAX + 1];
    const cJSON *obj;
    struct match_person p;
    uint8_t key;
    bool ok;
    struct error err;
};

struct matrix {
    struct steps st;
    cJSON *json;
    struct mperson *boys, *girls;
    int nboys, ngirls;
    int top, min_total2;
    uint8_t *keys; /* of the girls that are in */
    int *index;
    int m;
    int next_boy; /* the first boy not yet written */
    bool errors_written;
    const struct match_table *table;
};

/* A school's table is a pure function of its rules: built once, on first
 * use, and read by all. */
static pthread_once_t table_once[MATCH_SCHOOL_COUNT] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};
static struct match_table *pair_tables[MATCH_SCHOOL_COUNT];

static void table_build(int school)
{
    struct error err;
    struct match_options o;
    match_options_init(&o);
    o.school = school;
    pair_tables[school] = xmalloc(sizeof *pair_tables[school]);
    if (match_table_build(pair_tables[school], &o, &err) != 0)
        abort(); /* the representatives are valid by construction */
}

static void table_build_north(void)
{
    table_build(MATCH_SCHOOL_NORTH);
}

static void table_build_jhora(void)
{
    table_build(MATCH_SCHOOL_JHORA);
}

static const struct match_table *school_table(int school)
{
    static void (*const build[MATCH_SCHOOL_COUNT])(void) = {table_build_north, table_build_jhora};
    pthread_once(&table_once[school], build[school]);
    return pair_tables[school];
}

/* One person: {"id", "birth", "options"} or {"id", "nakshatra": "Rohini:2"
 * or "Rohini" / 4 with "pada": 2}. */
static int matrix_person(struct service *svc, struct mperson *mp, const char *prefix)
{
    cJSON *obj = (cJSON *)mp->obj;
    char field[64];
    struct error *err = &mp->err;
    if (!cJSON_IsObject(obj))
        return err_set(err, ERR_INVALID_VALUE, prefix,
                       "%s: a person is an object with a birth, or a nakshatra", prefix);
    const cJSON *nak = cJSON_GetObjectItemCaseSensitive(obj, "nakshatra");
    if (nak) {
        const cJSON *pada = NULL;
        for (const cJSON *m = obj->child; m; m = m->next) {
            if (strcmp(m->string, "pada") == 0) {
                pada = m;
            } else if (strcmp(m->string, "nakshatra") != 0 && strcmp(m->string, "id") != 0) {
                snprintf(field, sizeof field, "%s.%.30s", prefix, m->string);
                return err_set(err, ERR_UNKNOWN_FIELD, field,
                               "a person with a nakshatra has only id, nakshatra and pada");
            }
        }
        char text[96];
        snprintf(field, sizeof field, "%s.nakshatra", prefix);
        if (cJSON_IsString(nak))
            snprintf(text, sizeof text, "%.60s", nak->valuestring);
        else if (cJSON_IsNumber(nak) && nak->valuedouble == (int)nak->valuedouble)
            snprintf(text, sizeof text, "%d", (int)nak->valuedouble);
        else
            return err_set(err, ERR_UNKNOWN_NAKSHATRA, field,
                           "nakshatra must be NAME:PADA, a name or 1..27");
        if (pada) {
            if (!cJSON_IsNumber(pada) || pada->valuedouble != (int)pada->valuedouble) {
                snprintf(field, sizeof field, "%s.pada", prefix);
                return err_set(err, ERR_INVALID_VALUE, field, "pada must be a whole number 1..4");
            }
            size_t n = strlen(text);
            snprintf(text + n, sizeof text - n, ":%d", (int)pada->valuedouble);
        }
        return match_person_parse(&mp->p, text, field, err);
    }
    struct birth b;
    struct chart_options o;
    char pre[48];
    snprintf(pre, sizeof pre, "%s.", prefix);
    cJSON *idv = cJSON_DetachItemFromObjectCaseSensitive(obj, "id");
    int rc = request_chart(obj, &b, &o, pre, err);
    if (idv)
        cJSON_AddItemToObject(obj, "id", idv);
    if (rc)
        return rc;
    rc = match_person_compute(&svc->engine, &b, &o, &mp->p, err);
    if (rc)
        request_prefix_field(err, pre);
    return rc;
}

static void matrix_person_item(void *ctx, int i)
{
    struct matrix *mx = ctx;
    bool boy = i < mx->nboys;
    struct mperson *mp = boy ? &mx->boys[i] : &mx->girls[i - mx->nboys];
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%s[%d]", boy ? "boys" : "girls", boy ? i : i - mx->nboys);
    if (!mp->obj) { /* its id was refused */
        mp->ok = false;
        return;
    }
    mp->ok = matrix_person(mx->st.svc, mp, prefix) == 0;
    if (mp->ok)
        mp->key = (uint8_t)match_key(&mp->p);
}

static void write_errors(struct matrix *mx, struct mperson *v, int n, const char *side)
{
    for (int i = 0; i < n; i++) {
        if (v[i].ok)
            continue;
        size_t len;
        char *line = error_line(v[i].id, side, "index", i, &v[i].err, &len);
        stream_write(mx->st.out, line, len);
        free(line);
    }
}

static bool matrix_step(struct steps *st)
{
    struct matrix *mx = (struct matrix *)st;
    if (!mx->errors_written) {
        write_errors(mx, mx->boys, mx->nboys, "boy");
        write_errors(mx, mx->girls, mx->ngirls, "girl");
        mx->errors_written = true;
    }
    struct match_rank *ranks = xmalloc((size_t)mx->top * sizeof *ranks);
    struct jsonw w;
    jw_init(&w, 64u << 20);
    int end = mx->next_boy + MATRIX_STEP < mx->nboys ? mx->next_boy + MATRIX_STEP : mx->nboys;
    for (int i = mx->next_boy; i < end; i++) {
        const struct mperson *b = &mx->boys[i];
        if (!b->ok)
            continue;
        int got =
            match_table_top(mx->table, b->key, mx->keys, mx->m, mx->min_total2, mx->top, ranks);
        jw_reset(&w);
        jw_obj(&w);
        jw_key(&w, "id");
        jw_raw(&w, b->id, strlen(b->id));
        jw_key(&w, "matches");
        jw_arr(&w);
        for (int r = 0; r < got; r++) {
            const struct mperson *g = &mx->girls[mx->index[ranks[r].girl]];
            int manglik = b->p.have_manglik && g->p.have_manglik
                              ? match_manglik_compatible(b->p.manglik, g->p.manglik)
                              : -1;
            jw_obj(&w);
            jw_key(&w, "id");
            jw_raw(&w, g->id, strlen(g->id));
            match_pair_json_write(&w, &mx->table->cell[b->key][g->key], manglik);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
        if (jw_finish(&w, NULL) == 0) {
            stream_write(st->out, w.buf, w.len);
            stream_write(st->out, "\n", 1);
        }
    }
    jw_free(&w);
    free(ranks);
    mx->next_boy = end;
    return end == mx->nboys;
}

static void matrix_free(struct steps *st)
{
    struct matrix *mx = (struct matrix *)st;
    cJSON_Delete(mx->json);
    free(mx->boys);
    free(mx->girls);
    free(mx->keys);
    free(mx->index);
    free(mx);
}

/* The body's "options": {"school", "system"} by match_options_set; the
 * system must be ashtakoota. Not lang: the matrix's lines hold no names to
 * display (the kootas are keys). Returns 0 or the error. */
static int matrix_options(const cJSON *obj, struct match_options *mo, struct error *err)
{
    if (!cJSON_IsObject(obj))
        return err_set(err, ERR_INVALID_VALUE, "options", "options must be an object");
    for (const cJSON *o = obj->child; o; o = o->next) {
        int rc = strcmp(o->string, "lang") == 0
                     ? err_set(err, ERR_UNKNOWN_FIELD, "",
                               "unknown matrix option (school, system): its lines have no "
                               "names to display")
                 : cJSON_IsString(o)
                     ? match_options_set(mo, o->string, o->valuestring, err)
                     : err_set(err, ERR_INVALID_VALUE, "", "a match option is a string");
        if (rc) {
            snprintf(err->field, sizeof err->field, "options.%.40s", o->string);
            return rc;
        }
    }
    int rc = match_options_check(mo, err);
    if (rc == 0 && mo->system != MATCH_SYSTEM_ASHTAKOOTA)
        rc = err_set(err, ERR_INVALID_VALUE, "options.system",
                     "a matrix ranks by Ashtakoota points: system must be ashtakoota (match "
                     "porutham pair by pair with POST /v1/match)");
    return rc;
}

/* Reads a side's array into *out; 0 or r answered. */
static int matrix_side(const cJSON *arr, const char *name, struct mperson **out, int *n,
                       struct reply *r)
{
    if (!cJSON_IsArray(arr)) {
        reply_error(r, ERR_MISSING_FIELD, name, "%s must be an array of 1 to %d persons", name,
                    MATRIX_SIDE_MAX);
        return -1;
    }
    int count = cJSON_GetArraySize(arr);
    if (count < 1 || count > MATRIX_SIDE_MAX) {
        reply_error(r, count ? ERR_TOO_LARGE : ERR_INVALID_VALUE, name,
                    "%s must hold 1 to %d persons", name, MATRIX_SIDE_MAX);
        return -1;
    }
    *out = xcalloc((size_t)count, sizeof **out);
    *n = 0;
    for (const cJSON *it = arr->child; it; it = it->next) {
        struct mperson *mp = &(*out)[(*n)++];
        mp->obj = it;
        snprintf(mp->id, sizeof mp->id, "%d", *n - 1);
        const cJSON *id = cJSON_IsObject(it) ? cJSON_GetObjectItemCaseSensitive(it, "id") : NULL;
        char field[48];
        snprintf(field, sizeof field, "%s[%d].id", name, *n - 1);
        if (id && !id_text(id, mp->id, field, &mp->err))
            mp->obj = NULL; /* a bad id: the person is refused with its error */
    }
    return 0;
}

void handle_match_matrix(struct request *rq, struct reply *r)
{
    struct error err;
    cJSON *json = NULL;
    const cJSON *boys = NULL, *girls = NULL;
    double top = 10, min_score = 0;
    struct match_options mo;
    match_options_init(&mo);
    if (request_parse_json(rq->body ? rq->body : "", rq->body_len, &json, &err)) {
        http_error_reply(r, &err);
        return;
    }
    struct matrix *mx = xcalloc(1, sizeof *mx);
    mx->json = json;
    mx->st.svc = rq->svc;
    mx->st.step = matrix_step;
    mx->st.free = matrix_free;
    if (!cJSON_IsObject(json)) {
        reply_error(r, ERR_INVALID_VALUE, "",
                    "expected {\"boys\": [...], \"girls\": [...], \"top\", \"min_score\"}");
        goto fail;
    }
    for (const cJSON *m = json->child; m; m = m->next) {
        const char *k = m->string;
        if (strcmp(k, "boys") == 0) {
            boys = m;
        } else if (strcmp(k, "girls") == 0) {
            girls = m;
        } else if (strcmp(k, "options") == 0) {
            if (matrix_options(m, &mo, &err) != 0) {
                http_error_reply(r, &err);
                goto fail;
            }
        } else if (strcmp(k, "top") == 0 || strcmp(k, "min_score") == 0) {
            bool is_top = k[0] == 't';
            double v = cJSON_IsNumber(m) ? m->valuedouble : -1;
            bool ok = is_top ? v >= 1 && v <= MATRIX_TOP_MAX && v == (int)v
                             : v >= 0 && v <= 36 && v * 2 == (int)(v * 2);
            if (!ok) {
                reply_error(r, ERR_INVALID_VALUE, k,
                            is_top ? "top must be a whole number 1..1000"
                                   : "min_score must be 0..36 in steps of 0.5");
                goto fail;
            }
            *(is_top ? &top : &min_score) = v;
        } else {
            char field[48];
            snprintf(field, sizeof field, "%.40s", k);
            reply_error(r, ERR_UNKNOWN_FIELD, field,
                        "unknown field; a matrix has boys, girls, options, top and min_score");
            goto fail;
        }
    }
    if (matrix_side(boys, "boys", &mx->boys, &mx->nboys, r) ||
        matrix_side(girls, "girls", &mx->girls, &mx->ngirls, r))
        goto fail;
    mx->top = (int)top;
    mx->min_total2 = (int)(min_score * 2);
    mx->table = school_table(mo.school);
    /* Every person's chart, once, in parallel; then the girls that are in. */
    workpool_run(rq->svc->pool, mx->nboys + mx->ngirls, matrix_person_item, mx);
    if (service_now() > rq->deadline) {
        reply_error(r, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
        goto fail;
    }
    mx->keys = xmalloc((size_t)mx->ngirls);
    mx->index = xmalloc((size_t)mx->ngirls * sizeof *mx->index);
    for (int j = 0; j < mx->ngirls; j++)
        if (mx->girls[j].ok) {
            mx->keys[mx->m] = mx->girls[j].key;
            mx->index[mx->m++] = j;
        }
    steps_start(&mx->st, rq, r);
    return;
fail:
    matrix_free(&mx->st);
}
