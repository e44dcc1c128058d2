/* test_store.c - the store (src/store/): one suite of cases, run against
 * SQLite in a temporary folder and, when KUNDLI_TEST_PG_URL names a
 * database (scripts/pg.sh run sets it), against PostgreSQL: round trips,
 * users kept apart, keyset pages, updates, searches, lookups, keys, the
 * index report, backup, the resource monitor's samples and alerts (insert,
 * list since, retention), threads, reopening, a busy pool, and (PostgreSQL,
 * with KUNDLI_TEST_PG_SH) an outage of the server and the recovery.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "store/store.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

struct fixture {
    struct store *s;
    char url[512];
    char dir[256]; /* SQLite: the temporary folder */
    bool pg;
    char run[9]; /* random, so that users and keys of a run never meet another's */
};

/* A user name unique to this run. */
static void user_of(const struct fixture *f, const char *who, char *out, size_t size)
{
    snprintf(out, size, "%s-%s", who, f->run);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void chart_init(struct store_chart *c, const char *user, const char *name, const char *date,
                       const char *time, double lat, double lon)
{
    memset(c, 0, sizeof *c);
    snprintf(c->user_id, sizeof c->user_id, "%s", user);
    c->name = (char *)name;
    c->birth_json = "{\"date\":\"1990-01-01\",\"time\":\"10:00\",\"tz\":\"Asia/Kolkata\"}";
    c->chart_json = "{\"planets\":[{\"name\":\"Sun\",\"longitude\":256.5}],\"houses\":[]}";
    snprintf(c->date, sizeof c->date, "%s", date);
    snprintf(c->time, sizeof c->time, "%s", time);
    c->latitude = lat;
    c->longitude = lon;
    snprintf(c->engine_version, sizeof c->engine_version, "0.1.0");
}

static void insert_ok(struct fixture *f, struct store_chart *c)
{
    struct error e = {0};
    int rc = store_chart_insert(f->s, c, &e);
    if (rc != 0)
        fail_msg("insert: %s: %s", err_name(rc), e.message);
}

static void assert_json_equal(const char *a, const char *b)
{
    cJSON *ja = cJSON_Parse(a), *jb = cJSON_Parse(b);
    assert_non_null(ja);
    assert_non_null(jb);
    if (!cJSON_Compare(ja, jb, 1))
        fail_msg("JSON differs: %s vs %s", a, b);
    cJSON_Delete(ja);
    cJSON_Delete(jb);
}

/* Collects the ids (and names) of a listing. */
struct ids {
    char id[300][STORE_ID_LEN + 1];
    char name[300][64];
    int64_t created[300];
    int n;
};

static int collect(void *ctx, const struct store_chart *c)
{
    struct ids *ids = ctx;
    assert_true(ids->n < 300);
    snprintf(ids->id[ids->n], sizeof ids->id[0], "%s", c->id);
    snprintf(ids->name[ids->n], sizeof ids->name[0], "%s", c->name);
    ids->created[ids->n] = c->created_at;
    ids->n++;
    return 0;
}

static bool has_name(const struct ids *ids, const char *name)
{
    for (int i = 0; i < ids->n; i++)
        if (strcmp(ids->name[i], name) == 0)
            return true;
    return false;
}

/* ---- setups -------------------------------------------------------------- */

static void new_run_id(struct fixture *f)
{
    unsigned char r[4];
    assert_int_equal(getrandom(r, sizeof r, 0), (ssize_t)sizeof r);
    snprintf(f->run, sizeof f->run, "%02x%02x%02x%02x", r[0], r[1], r[2], r[3]);
}

static int open_store(struct fixture *f)
{
    struct store_config cfg = {.url = f->url, .pool_max = 16, .pool_min = 2, .wait_ms = 2000};
    struct error e = {0};
    int rc = store_open(&cfg, &f->s, &e);
    if (rc != 0)
        fprintf(stderr, "store_open: %s: %s\n", err_name(rc), e.message);
    return rc;
}

static int setup_sqlite(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    /* In memory when there is /dev/shm: synchronous=FULL syncs every commit,
     * which on a disk costs this suite seconds and proves nothing here. */
    const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                      : getenv("TMPDIR")            ? getenv("TMPDIR")
                                                    : "/tmp";
    snprintf(f->dir, sizeof f->dir, "%s/kundli-store-XXXXXX", tmp);
    if (!mkdtemp(f->dir))
        return -1;
    /* A folder that does not exist yet: the store makes it. */
    snprintf(f->url, sizeof f->url, "sqlite:%s/data/kundli.db", f->dir);
    new_run_id(f);
    *state = f;
    return open_store(f);
}

static int setup_pg(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->url, sizeof f->url, "%s", getenv("KUNDLI_TEST_PG_URL"));
    f->pg = true;
    new_run_id(f);
    *state = f;
    return open_store(f);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->s);
    if (f->dir[0]) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", f->dir);
    }
    free(f);
    return 0;
}

/* ---- cases --------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "trip", user, sizeof user);
    struct store_chart c;
    chart_init(&c, user, "Ramanujan \xe0\xa4\xb0\xe0\xa4\xbe", "1887-12-22", "18:00:00", 10.95,
               79.38);
    c.notes = "born in Erode; it's \"noted\"";
    c.tags_json = "[\"math\",\"family\"]";
    c.options_json = "{\"ayanamsa\":\"lahiri\"}";
    insert_ok(f, &c);
    assert_int_equal(strlen(c.id), 32);
    assert_int_equal(strspn(c.id, "0123456789abcdef"), 32);
    assert_true(c.created_at > 1600000000000000LL);
    assert_true(c.updated_at == c.created_at);

    struct store_chart got;
    struct error e = {0};
    assert_int_equal(store_chart_get(f->s, user, c.id, &got, &e), 0);
    assert_string_equal(got.id, c.id);
    assert_string_equal(got.user_id, user);
    assert_string_equal(got.name, "Ramanujan \xe0\xa4\xb0\xe0\xa4\xbe");
    assert_string_equal(got.notes, "born in Erode; it's \"noted\"");
    assert_json_equal(got.tags_json, "[\"math\",\"family\"]");
    assert_json_equal(got.birth_json, c.birth_json);
    assert_json_equal(got.options_json, "{\"ayanamsa\":\"lahiri\"}");
    assert_json_equal(got.chart_json, c.chart_json);
    if (!f->pg) { /* SQLite keeps the text as given */
        assert_string_equal(got.chart_json, c.chart_json);
        assert_string_equal(got.tags_json, "[\"math\",\"family\"]");
    }
    assert_string_equal(got.date, "1887-12-22");
    assert_string_equal(got.time, "18:00:00");
    assert_true(got.latitude == 10.95);
    assert_true(got.longitude == 79.38);
    assert_string_equal(got.engine_version, "0.1.0");
    assert_true(got.created_at == c.created_at);
    assert_true(got.updated_at == c.updated_at);
    store_chart_free(&got);

    /* Defaults: no notes, tags or options. */
    struct store_chart d;
    chart_init(&d, user, "", "2000-02-29", "00:00:00", -33.86, 151.2);
    insert_ok(f, &d);
    assert_int_equal(store_chart_get(f->s, user, d.id, &got, &e), 0);
    assert_string_equal(got.name, "");
    assert_string_equal(got.notes, "");
    assert_json_equal(got.tags_json, "[]");
    assert_json_equal(got.options_json, "{}");
    store_chart_free(&got);
}

static void test_validation(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "valid", user, sizeof user);
    struct store_chart c;
    struct error e = {0};
    char name[1024];

    chart_init(&c, user, "x", "1990-02-30", "10:00:00", 0, 0);
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "date");
    chart_init(&c, user, "x", "1990-02-03", "24:00:00", 0, 0);
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "time");
    chart_init(&c, user, "x", "1990-02-03", "10:00:00", 90.5, 0);
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_LATITUDE);
    chart_init(&c, user, "x", "1990-02-03", "10:00:00", 0, -180.01);
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_LONGITUDE);

    memset(name, 'a', 201);
    name[201] = '\0';
    chart_init(&c, user, name, "1990-02-03", "10:00:00", 0, 0);
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "name");
    /* 200 characters of three bytes each are a valid name. */
    for (int i = 0; i < 200; i++)
        memcpy(name + 3 * i, "\xe0\xa4\x95", 3);
    name[600] = '\0';
    chart_init(&c, user, name, "1990-02-03", "10:00:00", 0, 0);
    insert_ok(f, &c);

    char notes[4098];
    memset(notes, 'n', 4097);
    notes[4097] = '\0';
    chart_init(&c, user, "x", "1990-02-03", "10:00:00", 0, 0);
    c.notes = notes;
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "notes");
    notes[4096] = '\0';
    insert_ok(f, &c);

    chart_init(&c, user, "x", "1990-02-03", "10:00:00", 0, 0);
    c.tags_json = "{\"a\":1}";
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "tags");
    c.tags_json = "[\"a\",1]";
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    c.tags_json = NULL;
    c.birth_json = "{\"date\":";
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "birth");
    c.birth_json = NULL;
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);

    chart_init(&c, "", "x", "1990-02-03", "10:00:00", 0, 0);
    assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "user_id");
}

static void test_isolation(void **state)
{
    struct fixture *f = *state;
    char a[STORE_USER_MAX + 1], b[STORE_USER_MAX + 1];
    user_of(f, "iso-a", a, sizeof a);
    user_of(f, "iso-b", b, sizeof b);
    struct store_chart c;
    chart_init(&c, a, "A's", "1975-05-05", "05:05:05", 28.6, 77.2);
    insert_ok(f, &c);

    struct store_chart got;
    struct error e = {0};
    assert_int_equal(store_chart_get(f->s, b, c.id, &got, &e), ERR_NOT_FOUND);
    assert_null(got.name);
    assert_int_equal(store_chart_update(f->s, b, c.id, "mine now", NULL, NULL, NULL, &e),
                     ERR_NOT_FOUND);
    assert_int_equal(store_chart_delete(f->s, b, c.id, &e), ERR_NOT_FOUND);
    struct ids ids = {0};
    assert_int_equal(store_chart_list(f->s, b, 100, NULL, collect, &ids, &e), 0);
    assert_int_equal(store_chart_export(f->s, b, collect, &ids, &e), 0);
    assert_int_equal(store_chart_search_date(f->s, b, "1975-05-05", NULL, 10, collect, &ids, &e),
                     0);
    assert_int_equal(
        store_chart_search_date(f->s, b, "1975-05-05", "05:05:05", 10, collect, &ids, &e), 0);
    assert_int_equal(store_chart_search_near(f->s, b, 28.6, 77.2, 50, 10, collect, &ids, &e), 0);
    const char *one[] = {c.id};
    assert_int_equal(store_chart_lookup(f->s, b, one, 1, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 0);

    /* A's chart is untouched, and A sees it everywhere. */
    assert_int_equal(store_chart_get(f->s, a, c.id, &got, &e), 0);
    assert_string_equal(got.name, "A's");
    assert_true(got.updated_at == c.updated_at);
    store_chart_free(&got);
    assert_int_equal(store_chart_search_near(f->s, a, 28.6, 77.2, 50, 10, collect, &ids, &e), 0);
    assert_int_equal(store_chart_lookup(f->s, a, one, 1, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 2);

    /* Not an id at all: not found, like an unknown one. */
    assert_int_equal(store_chart_get(f->s, a, "../etc/passwd", &got, &e), ERR_NOT_FOUND);
    assert_int_equal(store_chart_get(f->s, a, "0123456789abcdef0123456789abcdef", &got, &e),
                     ERR_NOT_FOUND);
}

static void test_pagination(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "pages", user, sizeof user);
    /* 45 charts, three to each created_at: ties broken by id. */
    for (int i = 0; i < 45; i++) {
        struct store_chart c;
        char name[16];
        snprintf(name, sizeof name, "c%02d", i);
        chart_init(&c, user, name, "2001-01-01", "01:01:01", 1, 1);
        c.created_at = 1700000000000000LL + (i / 3) * 1000;
        insert_ok(f, &c);
    }
    struct ids all = {0};
    struct store_cursor cur;
    const struct store_cursor *after = NULL;
    int sizes[4] = {0};
    struct error e = {0};
    for (int page = 0; page < 4; page++) {
        int before = all.n;
        assert_int_equal(store_chart_list(f->s, user, 20, after, collect, &all, &e), 0);
        sizes[page] = all.n - before;
        if (sizes[page] == 0)
            break;
        cur.created_at = all.created[all.n - 1];
        snprintf(cur.id, sizeof cur.id, "%s", all.id[all.n - 1]);
        after = &cur;
    }
    assert_int_equal(sizes[0], 20);
    assert_int_equal(sizes[1], 20);
    assert_int_equal(sizes[2], 5);
    assert_int_equal(sizes[3], 0);
    assert_int_equal(all.n, 45);
    for (int i = 1; i < all.n; i++) { /* strictly descending (created_at, id): no repeat */
        bool desc = all.created[i] < all.created[i - 1] ||
                    (all.created[i] == all.created[i - 1] && strcmp(all.id[i], all.id[i - 1]) < 0);
        assert_true(desc);
    }
    /* Newest first: the last three inserted lead. */
    assert_true(strcmp(all.name[0], "c42") >= 0);

    /* The export streams the same order. */
    struct ids ex = {0};
    assert_int_equal(store_chart_export(f->s, user, collect, &ex, &e), 0);
    assert_int_equal(ex.n, 45);
    for (int i = 0; i < 45; i++)
        assert_string_equal(ex.id[i], all.id[i]);

    /* store_cursor_of gives the same cursor. */
    struct store_chart last;
    assert_int_equal(store_chart_get(f->s, user, all.id[19], &last, &e), 0);
    store_cursor_of(&last, &cur);
    store_chart_free(&last);
    struct ids p2 = {0};
    assert_int_equal(store_chart_list(f->s, user, 20, &cur, collect, &p2, &e), 0);
    assert_int_equal(p2.n, 20);
    assert_string_equal(p2.id[0], all.id[20]);

    assert_int_equal(store_chart_list(f->s, user, 0, NULL, collect, &p2, &e), ERR_INVALID_VALUE);
    assert_int_equal(store_chart_list(f->s, user, 1001, NULL, collect, &p2, &e), ERR_INVALID_VALUE);
}

/* A callback's non-zero return stops the listing and comes back. */
static int stop_at_two(void *ctx, const struct store_chart *c)
{
    (void)c;
    int *n = ctx;
    return ++*n == 2 ? 42 : 0;
}

static void test_stop(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "stop", user, sizeof user);
    for (int i = 0; i < 5; i++) {
        struct store_chart c;
        chart_init(&c, user, "s", "2001-01-01", "01:01:01", 1, 1);
        insert_ok(f, &c);
    }
    int n = 0;
    struct error e = {0};
    assert_int_equal(store_chart_export(f->s, user, stop_at_two, &n, &e), 42);
    assert_int_equal(n, 2);
    /* The connection is fine afterwards. */
    assert_int_equal(store_ping(f->s, &e), 0);
    struct ids ids = {0};
    assert_int_equal(store_chart_export(f->s, user, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 5);
}

static void test_update_delete(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "upd", user, sizeof user);
    struct store_chart c;
    chart_init(&c, user, "before", "1969-07-20", "20:17:40", 0.67, 23.47);
    c.notes = "old notes";
    c.tags_json = "[\"old\"]";
    insert_ok(f, &c);

    struct store_chart got;
    struct error e = {0};
    assert_int_equal(
        store_chart_update(f->s, user, c.id, "after", "[\"new\",\"tags\"]", "new notes", &got, &e),
        0);
    assert_string_equal(got.name, "after");
    assert_json_equal(got.tags_json, "[\"new\",\"tags\"]");
    assert_string_equal(got.notes, "new notes");
    assert_true(got.created_at == c.created_at);
    assert_true(got.updated_at > c.updated_at);
    assert_string_equal(got.date, "1969-07-20");
    assert_string_equal(got.time, "20:17:40");
    assert_true(got.latitude == 0.67 && got.longitude == 23.47);
    assert_json_equal(got.chart_json, c.chart_json);
    int64_t first = got.updated_at;
    store_chart_free(&got);

    /* Only the notes; the name stays. */
    assert_int_equal(store_chart_update(f->s, user, c.id, NULL, NULL, "", &got, &e), 0);
    assert_string_equal(got.name, "after");
    assert_string_equal(got.notes, "");
    assert_true(got.updated_at > first);
    store_chart_free(&got);

    /* Nothing to change: the chart as it is. */
    assert_int_equal(store_chart_update(f->s, user, c.id, NULL, NULL, NULL, &got, &e), 0);
    assert_string_equal(got.name, "after");
    store_chart_free(&got);

    assert_int_equal(store_chart_update(f->s, user, c.id, NULL, "[1]", NULL, NULL, &e),
                     ERR_INVALID_VALUE);
    assert_string_equal(e.field, "tags");

    assert_int_equal(store_chart_delete(f->s, user, c.id, &e), 0);
    assert_int_equal(store_chart_get(f->s, user, c.id, &got, &e), ERR_NOT_FOUND);
    assert_string_equal(err_name(e.code), "not_found");
    assert_int_equal(store_chart_delete(f->s, user, c.id, &e), ERR_NOT_FOUND);
    assert_int_equal(store_chart_update(f->s, user, c.id, "x", NULL, NULL, NULL, &e),
                     ERR_NOT_FOUND);
}

static void test_search(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "search", user, sizeof user);
    struct store_chart c;
    chart_init(&c, user, "d1t10", "1990-01-01", "10:00:00", 13.0827, 80.2707);
    insert_ok(f, &c);
    chart_init(&c, user, "d1t11", "1990-01-01", "11:00:00", 13.0827, 80.2707);
    insert_ok(f, &c);
    chart_init(&c, user, "d2t10", "1990-01-02", "10:00:00", 13.0827, 80.2707);
    insert_ok(f, &c);

    struct ids ids = {0};
    struct error e = {0};
    assert_int_equal(store_chart_search_date(f->s, user, "1990-01-01", NULL, 10, collect, &ids, &e),
                     0);
    assert_int_equal(ids.n, 2);
    assert_string_equal(ids.name[0], "d1t11"); /* newest first */
    assert_string_equal(ids.name[1], "d1t10");
    ids.n = 0;
    assert_int_equal(
        store_chart_search_date(f->s, user, "1990-01-01", "10:00:00", 10, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 1);
    assert_string_equal(ids.name[0], "d1t10");
    ids.n = 0;
    assert_int_equal(store_chart_search_date(f->s, user, "1990-01-01", NULL, 1, collect, &ids, &e),
                     0);
    assert_int_equal(ids.n, 1);
    assert_int_equal(store_chart_search_date(f->s, user, "1990-13-01", NULL, 1, collect, &ids, &e),
                     ERR_INVALID_DATE);

    /* Near: 10 km around Chennai. 1 km of latitude is 1/111.195 degrees on
     * the store's sphere (6371.0088 km). */
    const double km = 180.0 / (3.14159265358979323846 * 6371.0088);
    char near_user[STORE_USER_MAX + 1];
    user_of(f, "near", near_user, sizeof near_user);
    chart_init(&c, near_user, "centre", "1990-01-01", "10:00:00", 13.0827, 80.2707);
    insert_ok(f, &c);
    chart_init(&c, near_user, "north-in", "1990-01-01", "10:00:00", 13.0827 + 9.999 * km, 80.2707);
    insert_ok(f, &c);
    chart_init(&c, near_user, "north-out", "1990-01-01", "10:00:00", 13.0827 + 10.001 * km,
               80.2707);
    insert_ok(f, &c);
    /* East: a degree of longitude is cos(lat) shorter. */
    double ekm = km / cos(13.0827 * 3.14159265358979323846 / 180.0);
    chart_init(&c, near_user, "east-in", "1990-01-01", "10:00:00", 13.0827, 80.2707 + 9.99 * ekm);
    insert_ok(f, &c);
    chart_init(&c, near_user, "east-out", "1990-01-01", "10:00:00", 13.0827, 80.2707 + 10.01 * ekm);
    insert_ok(f, &c);
    chart_init(&c, near_user, "far", "1990-01-01", "10:00:00", 19.07, 72.87);
    insert_ok(f, &c);
    ids.n = 0;
    assert_int_equal(
        store_chart_search_near(f->s, near_user, 13.0827, 80.2707, 10.0, 100, collect, &ids, &e),
        0);
    assert_int_equal(ids.n, 3);
    assert_string_equal(ids.name[0], "east-in");
    assert_string_equal(ids.name[1], "north-in");
    assert_string_equal(ids.name[2], "centre");
    ids.n = 0;
    assert_int_equal(
        store_chart_search_near(f->s, near_user, 13.0827, 80.2707, 10.0, 2, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 2);
    ids.n = 0; /* Mumbai to Chennai is about 1030 km */
    assert_int_equal(
        store_chart_search_near(f->s, near_user, 13.0827, 80.2707, 1100, 100, collect, &ids, &e),
        0);
    assert_int_equal(ids.n, 6);
    assert_int_equal(store_chart_search_near(f->s, near_user, 13.0, 80.0, 0, 10, collect, &ids, &e),
                     ERR_INVALID_VALUE);

    /* Across the antimeridian and over a pole. */
    char edge_user[STORE_USER_MAX + 1];
    user_of(f, "edge", edge_user, sizeof edge_user);
    chart_init(&c, edge_user, "fiji-west", "1990-01-01", "10:00:00", -17.0, 179.99);
    insert_ok(f, &c);
    chart_init(&c, edge_user, "fiji-east", "1990-01-01", "10:00:00", -17.0, -179.99);
    insert_ok(f, &c);
    chart_init(&c, edge_user, "pole", "1990-01-01", "10:00:00", 89.95, 10.0);
    insert_ok(f, &c);
    ids.n = 0;
    assert_int_equal(
        store_chart_search_near(f->s, edge_user, -17.0, 179.995, 5, 10, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 2);
    ids.n = 0;
    assert_int_equal(
        store_chart_search_near(f->s, edge_user, 89.95, -170.0, 20, 10, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 1);
    assert_string_equal(ids.name[0], "pole");
}

static void test_lookup(void **state)
{
    struct fixture *f = *state;
    char a[STORE_USER_MAX + 1], b[STORE_USER_MAX + 1];
    user_of(f, "look-a", a, sizeof a);
    user_of(f, "look-b", b, sizeof b);
    static char mine[30][STORE_ID_LEN + 1], theirs[30][STORE_ID_LEN + 1];
    for (int i = 0; i < 30; i++) {
        struct store_chart c;
        chart_init(&c, a, "a", "1990-01-01", "10:00:00", 1, 1);
        insert_ok(f, &c);
        memcpy(mine[i], c.id, sizeof mine[i]);
        chart_init(&c, b, "b", "1990-01-01", "10:00:00", 1, 1);
        insert_ok(f, &c);
        memcpy(theirs[i], c.id, sizeof theirs[i]);
    }
    const char *ids[101];
    static char unknown[38][STORE_ID_LEN + 1];
    int n = 0;
    for (int i = 0; i < 30; i++) {
        ids[n++] = mine[i];
        ids[n++] = theirs[i];
    }
    for (int i = 0; i < 38; i++) {
        snprintf(unknown[i], sizeof unknown[i], "%032x", i);
        ids[n++] = unknown[i];
    }
    ids[n++] = "not-an-id'); DROP TABLE charts; --";
    ids[n++] = mine[0]; /* a repeat */
    assert_int_equal(n, 100);
    struct ids got = {0};
    struct error e = {0};
    assert_int_equal(store_chart_lookup(f->s, a, ids, n, collect, &got, &e), 0);
    assert_int_equal(got.n, 30);
    for (int i = 0; i < 30; i++) {
        bool found = false;
        for (int j = 0; j < got.n && !found; j++)
            found = strcmp(got.id[j], mine[i]) == 0;
        assert_true(found);
    }
    ids[n++] = mine[1];
    assert_int_equal(store_chart_lookup(f->s, a, ids, n, collect, &got, &e), ERR_TOO_LARGE);
    got.n = 0;
    assert_int_equal(store_chart_lookup(f->s, a, ids, 0, collect, &got, &e), 0);
    assert_int_equal(got.n, 0);
}

struct keys {
    int n, revoked;
    bool saw_admin;
    char suffix[16];
};

static int count_keys(void *ctx, const struct store_key *k)
{
    struct keys *ks = ctx;
    if (!strstr(k->key_id, ks->suffix))
        return 0;
    ks->n++;
    ks->revoked += k->revoked_at > 0;
    ks->saw_admin = ks->saw_admin || k->admin;
    return 0;
}

static void test_keys(void **state)
{
    struct fixture *f = *state;
    struct store_key k = {0}, got;
    struct error e = {0};
    snprintf(k.key_id, sizeof k.key_id, "k1%s", f->run);
    user_of(f, "keyuser", k.user_id, sizeof k.user_id);
    k.admin = true;
    memset(k.sha256, 'a', 64);
    memcpy(k.sha256, f->run, 8);
    assert_int_equal(store_key_insert(f->s, &k, &e), 0);
    assert_true(k.created_at > 0);

    assert_int_equal(store_key_find(f->s, k.sha256, &got, &e), 0);
    assert_string_equal(got.key_id, k.key_id);
    assert_string_equal(got.user_id, k.user_id);
    assert_true(got.admin);
    assert_true(got.revoked_at == 0);
    assert_true(got.created_at == k.created_at);

    struct store_key k2 = k;
    k2.sha256[63] = 'c';
    assert_int_equal(store_key_insert(f->s, &k2, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "key_id");
    k2.sha256[63] = 'a';
    snprintf(k2.key_id, sizeof k2.key_id, "k2%s", f->run);
    assert_int_equal(store_key_insert(f->s, &k2, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "sha256");
    k2.admin = false;
    memset(k2.sha256, 'b', 64);
    memcpy(k2.sha256, f->run, 8);
    assert_int_equal(store_key_insert(f->s, &k2, &e), 0);
    memcpy(k2.sha256, "ZZ", 2);
    assert_int_equal(store_key_insert(f->s, &k2, &e), ERR_INVALID_VALUE);

    struct keys ks = {0};
    snprintf(ks.suffix, sizeof ks.suffix, "%s", f->run);
    assert_int_equal(store_key_list(f->s, count_keys, &ks, &e), 0);
    assert_int_equal(ks.n, 2);
    assert_int_equal(ks.revoked, 0);
    assert_true(ks.saw_admin);

    assert_int_equal(store_key_revoke(f->s, k.key_id, &e), 0);
    assert_int_equal(store_key_find(f->s, k.sha256, &got, &e), ERR_NOT_FOUND);
    assert_int_equal(store_key_revoke(f->s, k.key_id, &e), ERR_NOT_FOUND);
    assert_int_equal(store_key_revoke(f->s, "no-such-key", &e), ERR_NOT_FOUND);
    memset(&ks, 0, sizeof ks);
    snprintf(ks.suffix, sizeof ks.suffix, "%s", f->run);
    assert_int_equal(store_key_list(f->s, count_keys, &ks, &e), 0);
    assert_int_equal(ks.n, 2);
    assert_int_equal(ks.revoked, 1);
}

struct usage {
    char seen[64][160]; /* "query index" (SQLite) or "index" (PostgreSQL) */
    int n;
};

static int note_usage(void *ctx, const struct store_index_use *u)
{
    struct usage *us = ctx;
    assert_non_null(u->table);
    assert_non_null(u->index);
    if (us->n < 64)
        snprintf(us->seen[us->n++], sizeof us->seen[0], "%s %s", u->query ? u->query : "-",
                 u->index);
    return 0;
}

static bool used(const struct usage *us, const char *what)
{
    for (int i = 0; i < us->n; i++)
        if (strcmp(us->seen[i], what) == 0)
            return true;
    return false;
}

static void test_index_usage(void **state)
{
    struct fixture *f = *state;
    struct usage us = {0};
    struct error e = {0};
    assert_int_equal(store_index_usage(f->s, note_usage, &us, &e), 0);
    if (f->pg) {
        const char *want[] = {"- charts_pkey",         "- charts_user",    "- charts_user_created",
                              "- charts_date_time",    "- charts_lat_lon", "- api_keys_pkey",
                              "- api_keys_sha256_key", "- api_keys_user"};
        for (size_t i = 0; i < sizeof want / sizeof *want; i++)
            if (!used(&us, want[i]))
                fail_msg("index report lacks %s", want[i] + 2);
    } else {
        const char *want[] = {
            "chart_list charts_user_created", "chart_list_after charts_user_created",
            "chart_get sqlite_autoindex_charts_1", "key_find sqlite_autoindex_api_keys_2"};
        for (size_t i = 0; i < sizeof want / sizeof *want; i++)
            if (!used(&us, want[i])) {
                for (int j = 0; j < us.n; j++)
                    fprintf(stderr, "  %s\n", us.seen[j]);
                fail_msg("index report lacks %s", want[i]);
            }
    }
}

static void test_backup(void **state)
{
    struct fixture *f = *state;
    struct error e = {0};
    if (f->pg) {
        assert_int_equal(store_backup(f->s, "/tmp/never.db", &e), ERR_INVALID_ARGUMENT);
        assert_non_null(strstr(e.message, "pg_dump"));
        return;
    }
    char user[STORE_USER_MAX + 1];
    user_of(f, "backup", user, sizeof user);
    for (int i = 0; i < 3; i++) {
        struct store_chart c;
        chart_init(&c, user, "kept", "1990-01-01", "10:00:00", 1, 1);
        insert_ok(f, &c);
    }
    char path[400];
    snprintf(path, sizeof path, "%s/backup.db", f->dir);
    assert_int_equal(store_backup(f->s, path, &e), 0);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT count(*) FROM charts WHERE user_id = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 3);
    sqlite3_finalize(st);
    sqlite3_close(db);

    /* A folder that does not exist: an error that does not name it. */
    assert_int_equal(store_backup(f->s, "/nonexistent-kundli/b.db", &e), ERR_STORE_UNAVAILABLE);
    assert_null(strstr(e.message, "nonexistent-kundli"));
}

/* ---- threads ------------------------------------------------------------- */

#define WRITERS 8
#define PER_WRITER 25

struct worker {
    struct fixture *f;
    char user[STORE_USER_MAX + 1];
    int id;
    int failures;
    int reads;
    atomic_int *stop;
};

static void *writer(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < PER_WRITER; i++) {
        struct store_chart c;
        char name[32];
        snprintf(name, sizeof name, "w%d-%d", w->id, i);
        chart_init(&c, w->user, name, "2010-10-10", "10:10:10", 10, 10);
        struct error e = {0};
        if (store_chart_insert(w->f->s, &c, &e) != 0)
            w->failures++;
    }
    return NULL;
}

static int count_only(void *ctx, const struct store_chart *c)
{
    (void)c;
    (*(int *)ctx)++;
    return 0;
}

static void *reader(void *arg)
{
    struct worker *w = arg;
    while (!atomic_load(w->stop)) {
        int n = 0;
        struct error e = {0};
        if (store_chart_list(w->f->s, w->user, 50, NULL, count_only, &n, &e) != 0)
            w->failures++;
        w->reads++;
    }
    return NULL;
}

static void test_threads(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "threads", user, sizeof user);
    struct worker w[WRITERS + 2];
    pthread_t t[WRITERS + 2];
    atomic_int stop = 0;
    for (int i = 0; i < WRITERS + 2; i++) {
        w[i] = (struct worker){.f = f, .id = i, .stop = &stop};
        snprintf(w[i].user, sizeof w[i].user, "%s", user);
        assert_int_equal(pthread_create(&t[i], NULL, i < WRITERS ? writer : reader, &w[i]), 0);
    }
    for (int i = 0; i < WRITERS; i++)
        pthread_join(t[i], NULL);
    atomic_store(&stop, 1);
    for (int i = WRITERS; i < WRITERS + 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < WRITERS + 2; i++)
        assert_int_equal(w[i].failures, 0);
    assert_true(w[WRITERS].reads > 0);

    static struct ids all;
    memset(&all, 0, sizeof all);
    struct error e = {0};
    assert_int_equal(store_chart_export(f->s, user, collect, &all, &e), 0);
    assert_int_equal(all.n, WRITERS * PER_WRITER);
    for (int i = 0; i < WRITERS; i++)
        for (int j = 0; j < PER_WRITER; j++) {
            char name[32];
            snprintf(name, sizeof name, "w%d-%d", i, j);
            assert_true(has_name(&all, name));
        }
}

/* ---- opening, pools, outages --------------------------------------------- */

static void test_reopen(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "reopen", user, sizeof user);
    struct store_chart c;
    chart_init(&c, user, "survives", "1990-01-01", "10:00:00", 1, 1);
    insert_ok(f, &c);
    store_close(f->s);
    f->s = NULL;
    assert_int_equal(open_store(f), 0); /* the migrations find nothing to do */
    struct store *second = f->s;        /* and two stores at once share the database */
    assert_int_equal(open_store(f), 0);
    store_close(second);
    struct store_chart got;
    struct error e = {0};
    assert_int_equal(store_chart_get(f->s, user, c.id, &got, &e), 0);
    assert_string_equal(got.name, "survives");
    store_chart_free(&got);
    assert_string_equal(store_backend(f->s), f->pg ? "postgresql" : "sqlite");
}

struct busy {
    struct store *s;
    int rc;
    int64_t ms;
};

/* Inside a listing the one connection is taken: a ping must wait, then give up. */
static int ping_inside(void *ctx, const struct store_chart *c)
{
    (void)c;
    struct busy *b = ctx;
    struct error e = {0};
    int64_t t0 = mono_ms();
    b->rc = store_ping(b->s, &e);
    b->ms = mono_ms() - t0;
    return 0;
}

static void test_busy(void **state)
{
    struct fixture *f = *state;
    char user[STORE_USER_MAX + 1];
    user_of(f, "busy", user, sizeof user);
    struct store_chart c;
    chart_init(&c, user, "one", "1990-01-01", "10:00:00", 1, 1);
    insert_ok(f, &c);
    struct store_config cfg = {.url = f->url, .pool_max = 1, .pool_min = 1, .wait_ms = 200};
    struct store *s = NULL;
    struct error e = {0};
    assert_int_equal(store_open(&cfg, &s, &e), 0);
    struct busy b = {s, 0, 0};
    assert_int_equal(store_chart_export(s, user, ping_inside, &b, &e), 0);
    assert_int_equal(b.rc, ERR_STORE_BUSY);
    assert_true(b.ms >= 190 && b.ms < 1500);
    struct store_pool_stats ps;
    store_pool_stats(s, &ps);
    assert_int_equal(ps.open, 1);
    assert_int_equal(ps.idle, 1);
    assert_int_equal(store_ping(s, &e), 0);
    store_close(s);
}

static void test_unavailable(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    struct error e = {0};
    struct store_config cfg = {0};
    int64_t t0 = mono_ms();
    if (f->pg) {
        /* Nobody listens on port 1; the password must not leak. */
        cfg.url = "postgres://kundli:secret@127.0.0.1:1/kundli";
        assert_int_equal(store_open(&cfg, &s, &e), ERR_STORE_UNAVAILABLE);
        assert_null(strstr(e.message, "secret"));
        assert_null(strstr(e.message, "127.0.0.1"));
    } else {
        cfg.url = "sqlite:/proc/kundli-nowhere/x.db";
        assert_int_equal(store_open(&cfg, &s, &e), ERR_STORE_UNAVAILABLE);
        assert_null(strstr(e.message, "kundli-nowhere"));
    }
    assert_true(mono_ms() - t0 < 1000);
    assert_null(s);
}

static int sh(const char *verb)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sh '%s' %s '%s'", getenv("KUNDLI_TEST_PG_SH"), verb,
             getenv("KUNDLI_TEST_PG_DIR"));
    return system(cmd);
}

static void test_outage(void **state)
{
    struct fixture *f = *state;
    if (!f->pg || !getenv("KUNDLI_TEST_PG_SH") || !getenv("KUNDLI_TEST_PG_DIR")) {
        if (f->pg)
            fprintf(stderr, "outage: skipped (KUNDLI_TEST_PG_SH or KUNDLI_TEST_PG_DIR unset)\n");
        skip();
    }
    char user[STORE_USER_MAX + 1];
    user_of(f, "outage", user, sizeof user);
    struct store_chart c;
    chart_init(&c, user, "before", "1990-01-01", "10:00:00", 1, 1);
    insert_ok(f, &c);

    assert_int_equal(sh("pause"), 0);
    struct error e = {0};
    struct store_chart got;
    char id[STORE_ID_LEN + 1];
    memcpy(id, c.id, sizeof id);
    for (int i = 0; i < 3; i++) {
        int64_t t0 = mono_ms();
        assert_int_equal(store_ping(f->s, &e), ERR_STORE_UNAVAILABLE);
        assert_int_equal(store_chart_get(f->s, user, id, &got, &e), ERR_STORE_UNAVAILABLE);
        chart_init(&c, user, "during", "1990-01-01", "10:00:00", 1, 1);
        assert_int_equal(store_chart_insert(f->s, &c, &e), ERR_STORE_UNAVAILABLE);
        assert_true(mono_ms() - t0 < 1000);
    }
    assert_int_equal(sh("resume"), 0);
    /* Back at the first call: no restart of the store. */
    assert_int_equal(store_ping(f->s, &e), 0);
    struct ids ids = {0};
    assert_int_equal(store_chart_export(f->s, user, collect, &ids, &e), 0);
    assert_int_equal(ids.n, 1);
    assert_string_equal(ids.name[0], "before");
    chart_init(&c, user, "after", "1990-01-01", "10:00:00", 1, 1);
    insert_ok(f, &c);
}

/* ---- the resource monitor's tables ---- */

struct monitor_rows {
    int n;
    struct store_sample sample[8];
    struct store_alert alert[8];
};

static int note_sample(void *ctx, const struct store_sample *x)
{
    struct monitor_rows *m = ctx;
    assert_true(m->n < 8);
    m->sample[m->n++] = *x;
    return 0;
}

static int note_alert(void *ctx, const struct store_alert *a)
{
    struct monitor_rows *m = ctx;
    assert_true(m->n < 8);
    m->alert[m->n++] = *a;
    return 0;
}

static void sample_init(const struct fixture *f, struct store_sample *x, int64_t ts, double cpu)
{
    memset(x, 0, sizeof *x);
    x->ts = ts;
    snprintf(x->instance, sizeof x->instance, "host-%s:8080", f->run);
    x->cpu = cpu;
    x->memory = 50.5;
    x->disk = 99.75;
    x->disk_io = -1; /* not known: NULL, read back as -1 */
    x->process_cpu = 0;
    x->process_memory = 0.125;
    x->p95 = 0.25;
    x->p99 = -1;
    x->rate_4xx = 100;
    x->rate_5xx = 0.001;
    x->rss_bytes = 123456789;
    x->net_rx_bytes = INT64_C(1) << 40;
    x->net_tx_bytes = 42;
    x->requests = 7;
}

static void test_monitor_tables(void **state)
{
    struct fixture *f = *state;
    struct error e = {0};
    struct store_sample x;
    /* times in 1970, far below any real row: the assertions see only these */
    for (int i = 1; i <= 3; i++) {
        sample_init(f, &x, i * 1000, 10.0 * i);
        assert_int_equal(store_sample_insert(f->s, &x, &e), 0);
    }
    struct monitor_rows m = {0};
    assert_int_equal(store_sample_list(f->s, 2000, 10, note_sample, &m, &e), 0);
    assert_int_equal(m.n, 2); /* oldest first, from since on */
    assert_int_equal(m.sample[0].ts, 2000);
    assert_int_equal(m.sample[1].ts, 3000);
    const struct store_sample *y = &m.sample[1];
    assert_string_equal(y->instance, x.instance);
    assert_true(y->cpu == 30.0 && y->memory == 50.5 && y->disk == 99.75);
    assert_true(y->disk_io == -1 && y->p99 == -1);
    assert_true(y->process_cpu == 0 && y->process_memory == 0.125 && y->p95 == 0.25);
    assert_true(y->rate_4xx == 100 && y->rate_5xx == 0.001);
    assert_int_equal(y->rss_bytes, 123456789);
    assert_int_equal(y->net_rx_bytes, INT64_C(1) << 40);
    assert_int_equal(y->net_tx_bytes, 42);
    assert_int_equal(y->requests, 7);
    memset(&m, 0, sizeof m);
    assert_int_equal(store_sample_list(f->s, 0, 2, note_sample, &m, &e), 0);
    assert_int_equal(m.n, 2); /* the limit */
    assert_int_equal(m.sample[0].ts, 1000);
    assert_int_equal(m.sample[1].ts, 2000);

    struct store_alert a = {0};
    snprintf(a.instance, sizeof a.instance, "%s", x.instance);
    snprintf(a.metric, sizeof a.metric, "4xx_rate");
    const int64_t ts[3] = {1500, 2500, 3500};
    const char *states[3] = {"firing", "resolved", "firing"};
    for (int i = 0; i < 3; i++) {
        a.ts = ts[i];
        snprintf(a.state, sizeof a.state, "%s", states[i]);
        a.value = 12.5 + i;
        a.threshold = 0.0001;
        assert_int_equal(store_alert_insert(f->s, &a, &e), 0);
    }
    memset(&m, 0, sizeof m);
    assert_int_equal(store_alert_list(f->s, 2000, 10, note_alert, &m, &e), 0);
    assert_int_equal(m.n, 2); /* newest first */
    assert_int_equal(m.alert[0].ts, 3500);
    assert_string_equal(m.alert[0].state, "firing");
    assert_int_equal(m.alert[1].ts, 2500);
    assert_string_equal(m.alert[1].state, "resolved");
    assert_string_equal(m.alert[1].metric, "4xx_rate");
    assert_string_equal(m.alert[1].instance, x.instance);
    assert_true(m.alert[1].value == 13.5 && m.alert[1].threshold == 0.0001);

    /* validation */
    snprintf(a.metric, sizeof a.metric, "Bad!");
    assert_int_equal(store_alert_insert(f->s, &a, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "metric");
    snprintf(a.metric, sizeof a.metric, "cpu");
    snprintf(a.state, sizeof a.state, "open");
    assert_int_equal(store_alert_insert(f->s, &a, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "state");
    x.instance[0] = '\0';
    assert_int_equal(store_sample_insert(f->s, &x, &e), ERR_INVALID_VALUE);
    assert_string_equal(e.field, "instance");
    assert_int_equal(store_sample_list(f->s, 0, 0, note_sample, &m, &e), ERR_INVALID_VALUE);
    assert_int_equal(store_alert_list(f->s, 0, STORE_MONITOR_MAX + 1, note_alert, &m, &e),
                     ERR_INVALID_VALUE);

    /* retention: rows before 2600 go, in both tables */
    int64_t deleted = -1;
    assert_int_equal(store_monitor_prune(f->s, 2600, &deleted, &e), 0);
    assert_int_equal(deleted, 4); /* samples 1000 and 2000, alerts 1500 and 2500 */
    assert_int_equal(store_monitor_prune(f->s, 2600, &deleted, &e), 0);
    assert_int_equal(deleted, 0);
    memset(&m, 0, sizeof m);
    assert_int_equal(store_sample_list(f->s, 0, 10, note_sample, &m, &e), 0);
    assert_int_equal(m.n, 1);
    assert_int_equal(m.sample[0].ts, 3000);
    memset(&m, 0, sizeof m);
    assert_int_equal(store_alert_list(f->s, 0, 10, note_alert, &m, &e), 0);
    assert_int_equal(m.n, 1);
    assert_int_equal(m.alert[0].ts, 3500);
    /* ts 0 is now */
    sample_init(f, &x, 0, 1);
    assert_int_equal(store_sample_insert(f->s, &x, &e), 0);
    assert_true(x.ts > INT64_C(1600000000) * 1000000);
    assert_int_equal(store_monitor_prune(f->s, x.ts + 1, &deleted, &e), 0);
    assert_int_equal(deleted, 3);
}

#define CASES                                                                                      \
    cmocka_unit_test(test_round_trip), cmocka_unit_test(test_validation),                          \
        cmocka_unit_test(test_isolation), cmocka_unit_test(test_pagination),                       \
        cmocka_unit_test(test_stop), cmocka_unit_test(test_update_delete),                         \
        cmocka_unit_test(test_search), cmocka_unit_test(test_lookup), cmocka_unit_test(test_keys), \
        cmocka_unit_test(test_index_usage), cmocka_unit_test(test_backup),                         \
        cmocka_unit_test(test_monitor_tables),                                                     \
        cmocka_unit_test(test_threads), cmocka_unit_test(test_reopen),                             \
        cmocka_unit_test(test_busy), cmocka_unit_test(test_unavailable),                           \
        cmocka_unit_test(test_outage)

int main(void)
{
    const struct CMUnitTest cases[] = {CASES};
    int failed = cmocka_run_group_tests_name("store_sqlite", cases, setup_sqlite, teardown);
    const char *pg = getenv("KUNDLI_TEST_PG_URL");
    if (pg && *pg)
        failed += cmocka_run_group_tests_name("store_postgresql", cases, setup_pg, teardown);
    else
        fprintf(stderr, "store_postgresql: skipped: KUNDLI_TEST_PG_URL is not set "
                        "(scripts/pg.sh run sets it)\n");
    return failed;
}
