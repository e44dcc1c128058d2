/* match_matrix_cmd.c - `kundli match-matrix`: every boy of one file against
 * every girl of another, the best k girls of each boy with their kootas.
 * Each person's chart is computed once (on every core); the pairs are
 * lookups in the table of match_table.h. --bench measures the pairs per
 * second of one core.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/rows.h"

#include "app/mem.h"
#include "common/jsonw.h"
#include "engine/match.h"
#include "engine/match_table.h"
#include "output/match_json.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define THREADS_MAX 64
#define TOP_MAX 10000

static void usage(FILE *f)
{
    fputs(
        "usage: kundli match-matrix --boys FILE --girls FILE [--top K] [--min-score S]\n"
        "                           [--threads N] [chart options]\n"
        "       kundli match-matrix --bench [--n N] [--top K]\n"
        "\n"
        "Ashtakoota matching of every boy against every girl: for each boy, in input\n"
        "order, one NDJSON line with his best K girls (default 10) scoring at least S\n"
        "(default 0, of 36), best first, equal scores in the girls' order:\n"
        "  {\"id\": BOY, \"matches\": [{\"id\": GIRL, \"total\": 30.5, \"kootas\": {\"varna\":\n"
        "   1.0, ...}, \"exceptions\": {...}, \"manglik_compatible\": true}, ...]}\n"
        "\"exceptions\" (the parihara codes of 'kundli match --json') only when a koota\n"
        "has one; \"manglik_compatible\" only when both rows are births.\n"
        "\n"
        "A file (- for standard input, once) is CSV with a header row or NDJSON, as\n"
        "'kundli bulk' reads: each row a birth (id, date, time, tz, lat, lon or place,\n"
        "and chart options) or a Moon given directly, nakshatra NAME:PADA (\"Rohini:2\",\n"
        "or nakshatra Rohini and pada 2). A person's chart is computed once. A bad row\n"
        "gives {\"id\", \"side\": \"boy\"|\"girl\", \"line\", \"error\": {...}} first and is left\n"
        "out.\n"
        "\n"
        "options:\n"
        "  --top K          girls per boy, 1..10000 (default 10)\n"
        "  --min-score S    the lowest total listed, 0..36 in steps of 0.5 (default 0)\n"
        "  --threads N      threads computing the charts (default: the number of cores)\n"
        "  --school S       north (default) or jhora: whose Ashtakoota tables, as for\n"
        "                   'kundli match' (each school is a table of its own)\n"
        "  --system S       ashtakoota (the only system a matrix ranks by)\n"
        "  chart options    --ayanamsa, --node, ... (see 'kundli chart --help'): defaults\n"
        "                   for every birth\n"
        "  --bench          time the matrix of --n random boys and girls (default 4000)\n"
        "                   on one core, against match_compute pair by pair\n"
        "  --help           this text\n"
        "\n"
        "Exit status: 0 when every row was read, 1 when some row failed (its error\n"
        "line is in the output), 2 on a bad argument or an unreadable file.\n",
        f);
}

struct person {
    char *id; /* JSON text */
    long line;
    struct match_person p;
    uint8_t key;
    bool birth; /* computed from b and o */
    struct birth b;
    struct chart_options o;
    bool ok;
    struct error err;
};

struct side {
    const char *name; /* "boy" | "girl" */
    struct person *v;
    long n, cap;
};

/* A person from a row: a Moon given as nakshatra (and pada), or a birth
 * (computed later). */
static void person_of_row(struct person *p, const struct row *r, const struct birth *base_b,
                          const struct chart_options *base_o)
{
    const char *nak = NULL, *pada = NULL;
    p->ok = false;
    if (r->bad) {
        p->err = r->err;
        return;
    }
    for (int i = 0; i < r->n; i++) {
        if (strcmp(ROW_KEY(r, i), "nakshatra") == 0)
            nak = ROW_VALUE(r, i);
        else if (strcmp(ROW_KEY(r, i), "pada") == 0)
            pada = ROW_VALUE(r, i);
    }
    if (nak) {
        char text[96];
        for (int i = 0; i < r->n; i++)
            if (strcmp(ROW_KEY(r, i), "nakshatra") != 0 && strcmp(ROW_KEY(r, i), "pada") != 0) {
                err_set(&p->err, ERR_UNKNOWN_FIELD, ROW_KEY(r, i),
                        "a row with a nakshatra has only id, nakshatra and pada");
                return;
            }
        snprintf(text, sizeof text, "%.60s%s%.8s", nak, pada ? ":" : "", pada ? pada : "");
        p->ok = match_person_parse(&p->p, text, "nakshatra", &p->err) == 0;
        return;
    }
    p->b = *base_b;
    p->o = *base_o;
    for (int i = 0; i < r->n; i++) {
        const char *key = ROW_KEY(r, i);
        for (int j = 0; j < i; j++)
            if (strcmp(birth_param_name(ROW_KEY(r, j)), birth_param_name(key)) == 0) {
                birth_param_duplicate(key, ROW_KEY(r, j), &p->err);
                return;
            }
        if (birth_param_set(&p->b, &p->o, key, ROW_VALUE(r, i), &p->err))
            return;
    }
    if (birth_check_complete(&p->b, &p->err))
        return;
    p->birth = true;
    p->ok = true;
}

static int load(const char *path, struct side *s, const struct birth *b,
                const struct chart_options *o)
{
    struct error err;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "kundli match-matrix: %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct rows *rs = rows_open(f, ROWS_AUTO, &err);
    struct row r;
    int rc = 0;
    row_init(&r);
    if (!rs) {
        fprintf(stderr, "kundli match-matrix: %s: %s\n", path, err.message);
        rc = -1;
        goto out;
    }
    while ((rc = rows_next(rs, &r)) == 1) {
        if (s->n == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 1024;
            s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
        }
        struct person *p = &s->v[s->n++];
        memset(p, 0, sizeof *p);
        p->id = xstrdup(r.id);
        p->line = r.line;
        person_of_row(p, &r, b, o);
    }
    if (rc < 0)
        fprintf(stderr, "kundli match-matrix: %s: %s\n", path, strerror(errno));
out:
    row_free(&r);
    rows_close(rs);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* ---- the charts, once per person, on every core -------------------------- */

struct compute {
    const struct context *ctx;
    struct person *v;
    long n;
    atomic_long next;
};

static void *compute_worker(void *arg)
{
    struct compute *c = arg;
    for (;;) {
        long i = atomic_fetch_add(&c->next, 1);
        if (i >= c->n)
            return NULL;
        struct person *p = &c->v[i];
        if (p->ok && p->birth)
            p->ok = match_person_compute(c->ctx, &p->b, &p->o, &p->p, &p->err) == 0;
        if (p->ok)
            p->key = (uint8_t)match_key(&p->p);
    }
}

static void compute_all(const struct context *ctx, struct side *s, long threads)
{
    struct compute c = {.ctx = ctx, .v = s->v, .n = s->n};
    pthread_t tid[THREADS_MAX];
    atomic_init(&c.next, 0);
    for (long t = 0; t < threads; t++)
        pthread_create(&tid[t], NULL, compute_worker, &c);
    for (long t = 0; t < threads; t++)
        pthread_join(tid[t], NULL);
}

/* Prints the error line of every failed person of s; returns their count. */
static long print_errors(const struct side *s, struct jsonw *w)
{
    long bad = 0;
    for (long i = 0; i < s->n; i++) {
        const struct person *p = &s->v[i];
        if (p->ok)
            continue;
        bad++;
        jw_reset(w);
        jw_obj(w);
        jw_key(w, "id");
        jw_raw(w, p->id, strlen(p->id));
        jw_kstr(w, "side", s->name);
        jw_kint(w, "line", p->line);
        jw_key(w, "error");
        jw_obj(w);
        jw_kstr(w, "code", err_name(p->err.code));
        jw_kstr(w, "message", p->err.message);
        jw_kstr(w, "field", p->err.field);
        jw_obj_end(w);
        jw_obj_end(w);
        fwrite(w->buf, 1, w->len, stdout);
        fputc('\n', stdout);
    }
    return bad;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* --bench: n random boys and girls (random padas and degrees). */
static int bench(long n, long k)
{
    struct error err;
    struct match_table *t = xmalloc(sizeof *t);
    double t0 = now_s();
    if (match_table_build(t, NULL, &err)) {
        fprintf(stderr, "kundli match-matrix: %s\n", err.message);
        free(t);
        return EXIT_FAILURE;
    }
    double build = now_s() - t0;
    struct match_person *people = xmalloc((size_t)(2 * n) * sizeof *people);
    uint8_t *keys = xmalloc((size_t)(2 * n));
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (long i = 0; i < 2 * n; i++) {
        int nak = (int)(next_random(&seed) % 27), pada = 1 + (int)(next_random(&seed) % 4);
        match_person_set(&people[i], nak, pada, "", &err);
        int in_sign = (4 * nak + pada - 1) % 9;
        people[i].moon_degree =
            (in_sign + (double)(next_random(&seed) % 1000) / 1000.0) * 10.0 / 3.0;
        keys[i] = (uint8_t)match_key(&people[i]);
    }
    const uint8_t *girls = keys + n;
    struct match_rank *top = xmalloc((size_t)k * sizeof *top);
    long sum = 0;
    t0 = now_s();
    for (long b = 0; b < n; b++) {
        int got = match_table_top(t, keys[b], girls, (int)n, 0, (int)k, top);
        sum += got ? top[0].total2 : 0;
    }
    double scan = now_s() - t0;
    /* match_compute pair by pair on a sample, for comparison */
    long sample = n < 1000 ? n * n : 1000000;
    struct match m;
    double tot = 0;
    t0 = now_s();
    for (long i = 0; i < sample; i++) {
        match_compute(&people[i % n], &people[n + (i / n) % n], NULL, &m, &err);
        tot += m.total;
    }
    double direct = now_s() - t0;
    double pairs = (double)n * (double)n;
    printf("kundli match-matrix --bench: %ld boys x %ld girls, top %ld, one core\n", n, n, k);
    printf("  table build (%d x %d pairs)   %10.2f ms\n", MATCH_KEYS, MATCH_KEYS, build * 1e3);
    printf("  matrix scan + top-k           %10.3f s   %.1f million pairs/s\n", scan,
           pairs / scan / 1e6);
    printf("  match_compute pair by pair    %10.3f s   %.2f million pairs/s (%ld pairs)\n", direct,
           (double)sample / direct / 1e6, sample);
    printf("  (checksums %ld %.1f)\n", sum, tot);
    free(top);
    free(keys);
    free(people);
    free(t);
    return 0;
}

int cmd_match_matrix(const struct context *ctx, int argc, char **argv)
{
    const char *boys_path = NULL, *girls_path = NULL;
    long top = 10, threads = sysconf(_SC_NPROCESSORS_ONLN), n = 4000;
    double min_score = 0;
    bool do_bench = false;
    struct birth base_b;
    struct chart_options base_o;
    struct match_options mo;
    struct error err;
    birth_init(&base_b);
    options_init(&base_o);
    match_options_init(&mo);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--bench") == 0) {
            do_bench = true;
            continue;
        }
        if (strcmp(a, "--school") == 0 || strcmp(a, "--system") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v) {
                fprintf(stderr, "kundli match-matrix: %s needs a value\n", a);
                return EXIT_USAGE;
            }
            if (match_options_set(&mo, a + 2, v, &err) || match_options_check(&mo, &err)) {
                snprintf(err.field, sizeof err.field, "%s", a);
                return args_fail(&err);
            }
            continue;
        }
        if (strcmp(a, "--boys") == 0 || strcmp(a, "--girls") == 0 || strcmp(a, "--top") == 0 ||
            strcmp(a, "--min-score") == 0 || strcmp(a, "--threads") == 0 || strcmp(a, "--n") == 0) {
            const char *v = args_value(argc, argv, &i);
            bool ok = v != NULL;
            if (ok && strcmp(a, "--boys") == 0)
                boys_path = v;
            else if (ok && strcmp(a, "--girls") == 0)
                girls_path = v;
            else if (ok && strcmp(a, "--top") == 0)
                ok = args_int(v, 1, TOP_MAX, &top);
            else if (ok && strcmp(a, "--threads") == 0)
                ok = args_int(v, 1, THREADS_MAX, &threads);
            else if (ok && strcmp(a, "--n") == 0)
                ok = args_int(v, 1, 100000, &n);
            else if (ok) /* --min-score */
                ok = birth_parse_number(v, &min_score) && min_score >= 0 && min_score <= 36 &&
                     min_score * 2 == (double)(long)(min_score * 2);
            if (!ok) {
                fprintf(stderr,
                        "kundli match-matrix: bad or missing value for %s (try "
                        "--help)\n",
                        a);
                return EXIT_USAGE;
            }
            continue;
        }
        int rc = args_birth_flag(argc, argv, &i, &base_b, &base_o, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli match-matrix: unknown option '%s' (try --help)\n", a);
            return EXIT_USAGE;
        }
    }
    if (do_bench)
        return bench(n, top);
    if (!boys_path || !girls_path) {
        fprintf(stderr, "kundli match-matrix: give --boys FILE and --girls FILE (try --help)\n");
        return EXIT_USAGE;
    }
    if (strcmp(boys_path, "-") == 0 && strcmp(girls_path, "-") == 0) {
        fprintf(stderr, "kundli match-matrix: only one of --boys and --girls can be -\n");
        return EXIT_USAGE;
    }
    if (threads < 1)
        threads = 1;

    struct side boys = {.name = "boy"}, girls = {.name = "girl"};
    struct match_table *t = NULL;
    int status = EXIT_USAGE;
    if (load(boys_path, &boys, &base_b, &base_o) < 0 ||
        load(girls_path, &girls, &base_b, &base_o) < 0)
        goto out;
    compute_all(ctx, &boys, threads);
    compute_all(ctx, &girls, threads);
    t = xmalloc(sizeof *t);
    if (match_table_build(t, &mo, &err)) {
        status = args_fail(&err);
        goto out;
    }
    struct jsonw w;
    jw_init(&w, 64u << 20);
    long bad = print_errors(&boys, &w) + print_errors(&girls, &w);
    /* The girls that are in, their keys densely for the scan. */
    long m = 0;
    uint8_t *keys = xmalloc((size_t)girls.n + 1);
    long *index = xmalloc(((size_t)girls.n + 1) * sizeof *index);
    for (long j = 0; j < girls.n; j++)
        if (girls.v[j].ok) {
            keys[m] = girls.v[j].key;
            index[m++] = j;
        }
    struct match_rank *ranks = xmalloc((size_t)top * sizeof *ranks);
    for (long i = 0; i < boys.n; i++) {
        const struct person *b = &boys.v[i];
        if (!b->ok)
            continue;
        int got = match_table_top(t, b->key, keys, (int)m, (int)(min_score * 2), (int)top, ranks);
        jw_reset(&w);
        jw_obj(&w);
        jw_key(&w, "id");
        jw_raw(&w, b->id, strlen(b->id));
        jw_key(&w, "matches");
        jw_arr(&w);
        for (int r = 0; r < got; r++) {
            const struct person *g = &girls.v[index[ranks[r].girl]];
            int manglik = b->p.have_manglik && g->p.have_manglik
                              ? match_manglik_compatible(b->p.manglik, g->p.manglik)
                              : -1;
            jw_obj(&w);
            jw_key(&w, "id");
            jw_raw(&w, g->id, strlen(g->id));
            match_pair_json_write(&w, &t->cell[b->key][g->key], manglik);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
        if (jw_finish(&w, &err) != 0) {
            fprintf(stderr, "kundli match-matrix: %s\n", err.message);
            break;
        }
        fwrite(w.buf, 1, w.len, stdout);
        fputc('\n', stdout);
    }
    jw_free(&w);
    free(ranks);
    free(keys);
    free(index);
    status = fflush(stdout) != 0 ? EXIT_USAGE : bad ? 1 : 0;
out:
    for (long i = 0; i < boys.n; i++)
        free(boys.v[i].id);
    for (long i = 0; i < girls.n; i++)
        free(girls.v[i].id);
    free(boys.v);
    free(girls.v);
    free(t);
    return status;
}
