/* bulk_cmd.c - `kundli bulk`: charts of many births from CSV or NDJSON, on
 * every core, in input order. The main thread reads rows into a ring of
 * slots (a bounded window) and writes finished slots in order; worker
 * threads parse each row with the engine's one birth parser, compute and
 * write the chart document (as `kundli chart --json`) or its error record.
 * Memory is the window's, whatever the number of rows.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/fields.h"
#include "cli/rows.h"

#include "app/mem.h"
#include "common/jsonw.h"
#include "engine/kundli.h"
#include "output/kundli_json.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define THREADS_MAX 64
#define WINDOW_PER_THREAD 32 /* rows in flight per worker */
#define CHUNK 4              /* rows a worker takes at a time */
#define DOC_LIMIT (16u << 20)

static void usage(FILE *f)
{
    fputs(
        "usage: kundli bulk [--in FILE|-] [--out FILE|-] [--format csv|ndjson]\n"
        "                   [--fields PATHS] [--threads N] [--resume] [chart options]\n"
        "\n"
        "Computes the chart of every birth in the input, on N threads, and writes one\n"
        "line per input row, in input order.\n"
        "\n"
        "input (--in, default standard input): CSV with a header row, or NDJSON, one\n"
        "  JSON object a line (--format, default: NDJSON when the first character is\n"
        "  '{'). Columns / keys: id, date, time, tz (or timezone), lat, lon, alt, fold,\n"
        "  place (a city, as 'kundli chart --place'), and any chart option (ayanamsa,\n"
        "  node, houses, positions, sections, dasha_levels, as_of, ...). An NDJSON line\n"
        "  may also be a POST /v1/kundli body with an id: {\"id\", \"birth\", \"options\"}.\n"
        "  Empty cells and null values are not given. A row without an id is known by\n"
        "  its line number.\n"
        "output (--out, default standard output):\n"
        "  NDJSON (default): the chart document as 'kundli chart --json' prints it,\n"
        "  with the row's \"id\" first; a row that fails gives\n"
        "  {\"id\", \"line\", \"error\": {\"code\", \"message\", \"field\"}} and the run goes on.\n"
        "  --fields PATHS: CSV instead, columns id, the paths, error_line, error_code,\n"
        "  error_field, error_message. A path is dotted: ascendant.sign,\n"
        "  planets.Moon.nakshatra (an array element by its name, any case),\n"
        "  planets.1.longitude (or by index from 0), houses.0.sign, panchang.tithi.name.\n"
        "options:\n"
        "  --threads N         worker threads (default: the number of cores)\n"
        "  --resume            skip the ids already in --out FILE and append to it (a\n"
        "                      cut last line is removed first)\n"
        "  --format csv|ndjson the input's format\n"
        "  chart options       --sections, --ayanamsa, --houses, --node, ... (see\n"
        "                      'kundli chart --help'): defaults for every row, which a\n"
        "                      row's own columns override\n"
        "  --help              this text\n"
        "\n"
        "Progress (rows/s, ETA) goes to standard error when it is a terminal.\n"
        "Exit status: 0 when every row gave a chart, 1 when any row failed (its error\n"
        "record is in the output), 2 on a bad argument, an unreadable input, a bad CSV\n"
        "header or an unwritable output.\n",
        f);
}

enum slot_state { SLOT_FREE, SLOT_FILLED, SLOT_DONE };

struct slot {
    struct row row;
    struct buf out; /* the output line */
    bool failed;
    enum slot_state state; /* under bulk.mu */
};

struct bulk {
    const struct context *ctx;
    struct birth birth; /* defaults from the flags */
    struct chart_options options;
    bool csv; /* --fields: CSV output */
    struct field_path fields[FIELDS_MAX];
    int nfields;
    struct slot *slots;
    long window;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    long filled; /* rows handed to the slots */
    long next;   /* the first row no worker has taken */
    bool eof;
    bool writer_waits;
    bool seen[FIELDS_MAX]; /* a field was found in some document (under mu) */
};

/* ---- one row ------------------------------------------------------------ */

static void error_record(struct bulk *bk, struct slot *s, const struct error *err)
{
    struct buf *o = &s->out;
    s->failed = true;
    if (bk->csv) {
        char text[ROW_ID_MAX + 1], line[32];
        size_t n = fields_json_text(s->row.id, strlen(s->row.id), text, sizeof text);
        fields_cell_text(o, text, n);
        for (int i = 0; i < bk->nfields; i++)
            buf_add(o, ",", 1);
        snprintf(line, sizeof line, ",%ld,", s->row.line);
        buf_str(o, line);
        buf_str(o, err_name(err->code));
        buf_add(o, ",", 1);
        fields_cell_text(o, err->field, strlen(err->field));
        buf_add(o, ",", 1);
        fields_cell_text(o, err->message, strlen(err->message));
        buf_add(o, "\n", 1);
        return;
    }
    struct jsonw w;
    jw_init(&w, 4096);
    jw_obj(&w);
    jw_key(&w, "id");
    jw_raw(&w, s->row.id, strlen(s->row.id));
    jw_kint(&w, "line", s->row.line);
    jw_key(&w, "error");
    jw_obj(&w);
    jw_kstr(&w, "code", err_name(err->code));
    jw_kstr(&w, "message", err->message);
    jw_kstr(&w, "field", err->field);
    jw_obj_end(&w);
    jw_obj_end(&w);
    buf_add(o, w.buf, w.len);
    buf_add(o, "\n", 1);
    jw_free(&w);
}

/* The birth and options of a row: the flags' defaults, then its fields
 * through the one parser. */
static int row_input(struct bulk *bk, const struct row *r, struct birth *b, struct chart_options *o,
                     struct error *err)
{
    *b = bk->birth;
    *o = bk->options;
    if (r->bad) {
        *err = r->err;
        return err->code;
    }
    for (int i = 0; i < r->n; i++) {
        const char *key = ROW_KEY(r, i);
        for (int j = 0; j < i; j++)
            if (strcmp(birth_param_name(ROW_KEY(r, j)), birth_param_name(key)) == 0)
                return birth_param_duplicate(key, ROW_KEY(r, j), err);
        int rc = birth_param_set(b, o, key, ROW_VALUE(r, i), err);
        if (rc)
            return rc;
    }
    return birth_check_complete(b, err);
}

static void chart_line(struct bulk *bk, struct slot *s, const struct jsonw *doc, bool *seen)
{
    struct buf *o = &s->out;
    if (!bk->csv) {
        buf_str(o, "{\"id\":");
        buf_str(o, s->row.id);
        buf_add(o, ",", 1);
        buf_add(o, doc->buf + 1, doc->len - 1); /* after the document's '{' */
        buf_add(o, "\n", 1);
        return;
    }
    char text[ROW_ID_MAX + 1];
    size_t n = fields_json_text(s->row.id, strlen(s->row.id), text, sizeof text);
    fields_cell_text(o, text, n);
    for (int i = 0; i < bk->nfields; i++) {
        const char *v;
        size_t vlen;
        buf_add(o, ",", 1);
        if (fields_get(doc->buf, doc->len, &bk->fields[i], &v, &vlen)) {
            fields_cell_json(o, v, vlen);
            seen[i] = true;
        }
    }
    buf_str(o, ",,,,\n");
}

static void run_row(struct bulk *bk, struct slot *s, struct kundli *k, struct jsonw *w, bool *seen)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    err_clear(&err);
    s->out.len = 0;
    s->failed = false;
    int rc = row_input(bk, &s->row, &b, &o, &err);
    if (rc == 0)
        rc = kundli_compute(bk->ctx, &b, &o, k, NULL, &err);
    if (rc == 0) {
        jw_reset(w);
        kundli_json_write(w, k, SECTIONS_ALL);
        rc = jw_finish(w, &err);
    }
    if (rc)
        error_record(bk, s, &err);
    else
        chart_line(bk, s, w, seen);
}

static void *worker(void *arg)
{
    struct bulk *bk = arg;
    struct kundli *k = xmalloc(sizeof *k);
    struct jsonw w;
    bool seen[FIELDS_MAX] = {false};
    jw_init(&w, DOC_LIMIT);
    pthread_mutex_lock(&bk->mu);
    for (;;) {
        while (bk->next == bk->filled && !bk->eof)
            pthread_cond_wait(&bk->work, &bk->mu);
        if (bk->next == bk->filled)
            break;
        long a = bk->next, b = bk->filled < a + CHUNK ? bk->filled : a + CHUNK;
        bk->next = b;
        pthread_mutex_unlock(&bk->mu);
        for (long i = a; i < b; i++)
            run_row(bk, &bk->slots[i % bk->window], k, &w, seen);
        pthread_mutex_lock(&bk->mu);
        for (long i = a; i < b; i++)
            bk->slots[i % bk->window].state = SLOT_DONE;
        if (bk->writer_waits)
            pthread_cond_signal(&bk->done);
    }
    for (int i = 0; i < bk->nfields; i++)
        bk->seen[i] |= seen[i];
    pthread_mutex_unlock(&bk->mu);
    jw_free(&w);
    free(k);
    return NULL;
}

/* ---- resume ------------------------------------------------------------- */

/* The ids already written: a set of 64-bit hashes of their text. */
struct idset {
    uint64_t *slot; /* 0 = empty (a hash of 0 is stored as 1) */
    size_t cap, n;
};

static void idset_add(struct idset *s, uint64_t h)
{
    h = h ? h : 1;
    if (2 * (s->n + 1) > s->cap) {
        struct idset g = {xcalloc(s->cap ? 2 * s->cap : 1024, sizeof *g.slot),
                          s->cap ? 2 * s->cap : 1024, 0};
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i])
                idset_add(&g, s->slot[i]);
        free(s->slot);
        *s = g;
    }
    for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->slot[i] == h)
            return;
        if (!s->slot[i]) {
            s->slot[i] = h;
            s->n++;
            return;
        }
    }
}

static bool idset_has(const struct idset *s, uint64_t h)
{
    h = h ? h : 1;
    if (!s->cap)
        return false;
    for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->slot[i] == h)
            return true;
        if (!s->slot[i])
            return false;
    }
}

/* The hash of an id as its text (a string unescaped, a number as it is):
 * the same for the NDJSON and the CSV output. */
static uint64_t id_hash(const char *json, size_t len)
{
    char text[ROW_ID_MAX + 1];
    size_t n = fields_json_text(json, len, text, sizeof text);
    return rows_id_hash(text, n);
}

/* The id of a line this command wrote: NDJSON {"id":ID,...} or a CSV line
 * whose first cell is the id. */
static bool line_id(const char *line, size_t len, bool csv, uint64_t *h)
{
    if (csv) {
        char text[ROW_ID_MAX + 1];
        size_t n = 0;
        if (len && line[0] == '"') {
            for (size_t i = 1; i < len && n < ROW_ID_MAX; i++) {
                if (line[i] == '"' && !(i + 1 < len && line[i + 1] == '"'))
                    break;
                if (line[i] == '"')
                    i++;
                text[n++] = line[i];
            }
        } else {
            while (n < len && n < ROW_ID_MAX && line[n] != ',' && line[n] != '\n')
                text[n] = line[n], n++;
        }
        *h = rows_id_hash(text, n);
        return true;
    }
    static const char head[] = "{\"id\":";
    if (len < sizeof head || memcmp(line, head, sizeof head - 1) != 0)
        return false;
    const char *v = line + sizeof head - 1;
    size_t i = 0, rest = len - (sizeof head - 1);
    if (rest && v[0] == '"') {
        for (i = 1; i < rest && v[i] != '"'; i++)
            if (v[i] == '\\')
                i++;
        i++;
    } else {
        while (i < rest && v[i] != ',' && v[i] != '}')
            i++;
    }
    *h = id_hash(v, i < rest ? i : rest);
    return true;
}

/* Reads the ids of an earlier run's output at path into set, removes a
 * cut last line, and checks a CSV header. Returns 0 (also when there is no
 * file yet), or -1 after a message. *has_header: a CSV header is there. */
static int resume_read(const char *path, bool csv, const char *header, struct idset *set,
                       bool *has_header)
{
    FILE *f = fopen(path, "r");
    *has_header = false;
    if (!f)
        return errno == ENOENT
                   ? 0
                   : (fprintf(stderr, "kundli bulk: %s: %s\n", path, strerror(errno)), -1);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    off_t whole = 0; /* the end of the last complete line */
    long lines = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] != '\n')
            break; /* a cut last line */
        whole += n;
        if (csv && lines++ == 0) {
            if (strcmp(line, header) != 0) {
                fprintf(stderr,
                        "kundli bulk: %s: its CSV header is not that of these --fields; "
                        "resume with the same --fields\n",
                        path);
                rc = -1;
                break;
            }
            *has_header = true;
            continue;
        }
        uint64_t h;
        if (line_id(line, (size_t)n, csv, &h))
            idset_add(set, h);
    }
    free(line);
    fclose(f);
    if (rc == 0 && truncate(path, whole) != 0) {
        fprintf(stderr, "kundli bulk: %s: %s\n", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* ---- the command -------------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress {
    bool on;
    double start, last;
    uint64_t size; /* of the input file; 0 unknown */
};

static void progress_show(struct progress *p, long rows, uint64_t bytes, bool final)
{
    double t = now_s();
    if (!p->on || (!final && t - p->last < 0.5))
        return;
    p->last = t;
    double el = t - p->start, rate = el > 0 ? (double)rows / el : 0;
    char eta[32] = "";
    if (p->size && bytes && bytes < p->size)
        snprintf(eta, sizeof eta, ", ETA %.0f s", el * (double)(p->size - bytes) / (double)bytes);
    fprintf(stderr, "\r%ld rows, %.0f rows/s%s   %s", rows, rate, eta, final ? "\n" : "");
}

/* Writes the finished slots in order; with wait, blocks until slot
 * `*written` is finished first. */
static long flush(struct bulk *bk, long *written, bool wait, FILE *out, long *failed)
{
    pthread_mutex_lock(&bk->mu);
    if (wait)
        while (*written < bk->filled && bk->slots[*written % bk->window].state != SLOT_DONE) {
            bk->writer_waits = true;
            pthread_cond_wait(&bk->done, &bk->mu);
        }
    bk->writer_waits = false;
    long end = *written;
    while (end < bk->filled && bk->slots[end % bk->window].state == SLOT_DONE)
        end++;
    pthread_mutex_unlock(&bk->mu);
    for (long i = *written; i < end; i++) {
        struct slot *s = &bk->slots[i % bk->window];
        fwrite(s->out.p, 1, s->out.len, out);
        *failed += s->failed;
        s->state = SLOT_FREE; /* the main thread's own until filled again */
    }
    long n = end - *written;
    *written = end;
    return n;
}

static int open_input(const char *path, FILE **in, uint64_t *size)
{
    struct stat st;
    *size = 0;
    if (!path || strcmp(path, "-") == 0) {
        *in = stdin;
    } else if (!(*in = fopen(path, "r"))) {
        fprintf(stderr, "kundli bulk: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(*in), &st) == 0 && S_ISREG(st.st_mode))
        *size = (uint64_t)st.st_size;
    return 0;
}

/* The CSV output's header line. */
static void csv_header(const struct bulk *bk, struct buf *h)
{
    buf_str(h, "id");
    for (int i = 0; i < bk->nfields; i++) {
        buf_add(h, ",", 1);
        fields_cell_text(h, bk->fields[i].text, strlen(bk->fields[i].text));
    }
    buf_str(h, ",error_line,error_code,error_field,error_message\n");
}

int cmd_bulk(const struct context *ctx, int argc, char **argv)
{
    static struct bulk bk;
    const char *in_path = NULL, *out_path = NULL;
    enum rows_format format = ROWS_AUTO;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    bool resume = false;
    struct error err;

    memset(&bk, 0, sizeof bk);
    bk.ctx = ctx;
    birth_init(&bk.birth);
    options_init(&bk.options);
    err_clear(&err);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--resume") == 0) {
            resume = true;
            continue;
        }
        if (strcmp(a, "--in") == 0 || strcmp(a, "--out") == 0 || strcmp(a, "--format") == 0 ||
            strcmp(a, "--fields") == 0 || strcmp(a, "--threads") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v) {
                fprintf(stderr, "kundli bulk: %s needs a value\n", a);
                return EXIT_USAGE;
            }
            if (strcmp(a, "--in") == 0) {
                in_path = v;
            } else if (strcmp(a, "--out") == 0) {
                out_path = v;
            } else if (strcmp(a, "--format") == 0) {
                if (strcmp(v, "csv") != 0 && strcmp(v, "ndjson") != 0) {
                    fprintf(stderr, "kundli bulk: --format takes csv or ndjson\n");
                    return EXIT_USAGE;
                }
                format = v[0] == 'c' ? ROWS_CSV : ROWS_NDJSON;
            } else if (strcmp(a, "--fields") == 0) {
                bk.nfields = fields_parse(v, bk.fields, &err);
                if (bk.nfields < 0)
                    return args_fail(&err);
                bk.csv = true;
            } else if (!args_int(v, 1, THREADS_MAX, &threads)) {
                fprintf(stderr, "kundli bulk: --threads needs a whole number 1..%d\n", THREADS_MAX);
                return EXIT_USAGE;
            }
            continue;
        }
        int rc = args_birth_flag(argc, argv, &i, &bk.birth, &bk.options, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli bulk: unknown option '%s' (try --help)\n", a);
            return EXIT_USAGE;
        }
    }
    bool to_stdout = !out_path || strcmp(out_path, "-") == 0;
    if (resume && to_stdout) {
        fprintf(stderr, "kundli bulk: --resume needs --out FILE (it reads what is there)\n");
        return EXIT_USAGE;
    }
    if (threads < 1)
        threads = 1;
    options_default_as_of(&bk.options, (double)time(NULL));

    FILE *in = NULL, *out = stdout;
    uint64_t in_size;
    struct idset done = {0};
    struct buf header = {0};
    bool has_header = false;
    int status = EXIT_USAGE;
    struct rows *rs = NULL;
    if (bk.csv)
        csv_header(&bk, &header);
    if (resume && resume_read(out_path, bk.csv, header.p, &done, &has_header) != 0)
        goto out;
    if (open_input(in_path, &in, &in_size) != 0)
        goto out;
    rs = rows_open(in, format, &err);
    if (!rs) {
        fprintf(stderr, "kundli bulk: %s\n", err.message);
        goto out;
    }
    if (rows_format(rs) == ROWS_CSV) { /* a column no parser knows fails here, once */
        const char *const *cols;
        int n = rows_columns(rs, &cols);
        for (int i = 0; i < n; i++) {
            struct birth b = bk.birth;
            struct chart_options o = bk.options;
            if (strcmp(cols[i], "id") != 0 &&
                birth_param_set(&b, &o, cols[i], "", &err) == ERR_UNKNOWN_FIELD) {
                fprintf(stderr, "kundli bulk: unknown column '%s' in the CSV header\n", cols[i]);
                goto out;
            }
        }
    }
    if (!to_stdout && !(out = fopen(out_path, resume ? "a" : "w"))) {
        fprintf(stderr, "kundli bulk: %s: %s\n", out_path, strerror(errno));
        out = stdout;
        goto out;
    }
    if (bk.csv && !has_header)
        fwrite(header.p, 1, header.len, out);

    bk.window = threads * WINDOW_PER_THREAD;
    bk.slots = xcalloc((size_t)bk.window, sizeof *bk.slots);
    pthread_mutex_init(&bk.mu, NULL);
    pthread_cond_init(&bk.work, NULL);
    pthread_cond_init(&bk.done, NULL);
    pthread_t tid[THREADS_MAX];
    for (long t = 0; t < threads; t++)
        pthread_create(&tid[t], NULL, worker, &bk);

    struct progress pr = {.on = isatty(STDERR_FILENO), .start = now_s(), .size = in_size};
    long written = 0, failed = 0, skipped = 0;
    int read_rc;
    for (;;) {
        if (bk.filled - written >= bk.window) /* the window is full */
            flush(&bk, &written, true, out, &failed);
        struct slot *s = &bk.slots[bk.filled % bk.window];
        read_rc = rows_next(rs, &s->row);
        if (read_rc <= 0)
            break;
        if (done.n && idset_has(&done, id_hash(s->row.id, strlen(s->row.id)))) {
            skipped++;
            continue;
        }
        pthread_mutex_lock(&bk.mu);
        s->state = SLOT_FILLED;
        bk.filled++;
        pthread_cond_signal(&bk.work);
        pthread_mutex_unlock(&bk.mu);
        if ((bk.filled & 63) == 0) {
            flush(&bk, &written, false, out, &failed);
            progress_show(&pr, written, rows_bytes(rs), false);
        }
    }
    pthread_mutex_lock(&bk.mu);
    bk.eof = true;
    pthread_cond_broadcast(&bk.work);
    pthread_mutex_unlock(&bk.mu);
    while (written < bk.filled)
        flush(&bk, &written, true, out, &failed);
    for (long t = 0; t < threads; t++)
        pthread_join(tid[t], NULL);
    progress_show(&pr, written, rows_bytes(rs), true);

    status = failed ? 1 : 0;
    if (read_rc < 0) {
        fprintf(stderr, "kundli bulk: reading the input: %s\n", strerror(errno));
        status = EXIT_USAGE;
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "kundli bulk: writing the output: %s\n", strerror(errno));
        status = EXIT_USAGE;
    }
    if (skipped)
        fprintf(stderr, "kundli bulk: resumed: %ld rows were done already\n", skipped);
    for (int i = 0; i < bk.nfields && written > failed; i++)
        if (!bk.seen[i])
            fprintf(stderr, "kundli bulk: warning: field '%s' was in no chart\n",
                    bk.fields[i].text);
    for (long i = 0; i < bk.window; i++) {
        row_free(&bk.slots[i].row);
        buf_free(&bk.slots[i].out);
    }
    free(bk.slots);
    pthread_cond_destroy(&bk.work);
    pthread_cond_destroy(&bk.done);
    pthread_mutex_destroy(&bk.mu);
out:
    rows_close(rs);
    if (in && in != stdin)
        fclose(in);
    if (out != stdout && fclose(out) != 0 && status == 0) {
        fprintf(stderr, "kundli bulk: writing the output: %s\n", strerror(errno));
        status = EXIT_USAGE;
    }
    free(done.slot);
    buf_free(&header);
    return status;
}
