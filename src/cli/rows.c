/* rows.c - CSV (libcsv) and NDJSON (cJSON) rows for the bulk commands (see
 * rows.h). Lines are read one at a time (getline, refused past
 * ROW_BYTES_MAX), so a reader holds one line, never the file.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/rows.h"

#include "app/mem.h"

#include <cjson/cJSON.h>
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

struct rows {
    FILE *f;
    enum rows_format format;
    char *line;
    size_t linecap;
    ssize_t linelen; /* the line in hand; -1 none */
    bool pending;    /* line holds a line not yet consumed */
    long lineno;     /* of the line in hand */
    uint64_t bytes;
    /* CSV */
    struct csv_parser csv;
    char *cols[ROW_FIELDS_MAX];
    int ncols;
    /* the row being assembled by the CSV callbacks */
    struct row *cur;
    int fieldno;
    bool row_end, started, too_large;
};

void row_init(struct row *r)
{
    memset(r, 0, sizeof *r);
}

void row_free(struct row *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

static void row_reset(struct row *r, long line)
{
    r->line = line;
    r->n = 0;
    r->len = 0;
    r->bad = false;
    err_clear(&r->err);
    r->id[0] = '\0';
}

/* A row without an id is known by its line number. */
static void row_default_id(struct row *r)
{
    if (!r->id[0])
        snprintf(r->id, sizeof r->id, "%ld", r->line);
}

/* Copies n bytes of s into r's buffer, NUL-terminated; its offset. */
static size_t row_put(struct row *r, const char *s, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 1024;
        while (cap < r->len + n + 1)
            cap *= 2;
        r->buf = xrealloc(r->buf, cap);
        r->cap = cap;
    }
    size_t at = r->len;
    memcpy(r->buf + at, s, n);
    r->buf[at + n] = '\0';
    r->len += n + 1;
    return at;
}

/* Adds field (key, value) unless the row is full (then it is bad). */
static void row_add(struct row *r, const char *key, const char *value, size_t vlen)
{
    if (r->bad)
        return;
    if (r->n == ROW_FIELDS_MAX) {
        r->bad = true;
        err_set(&r->err, ERR_TOO_LARGE, "", "a row has at most %d fields", ROW_FIELDS_MAX);
        return;
    }
    r->key[r->n] = row_put(r, key, strlen(key));
    r->value[r->n] = row_put(r, value, vlen);
    r->n++;
}

static void row_fail(struct row *r, int code, const char *field, const char *message)
{
    if (!r->bad) {
        r->bad = true;
        err_set(&r->err, code, field, "%s", message);
    }
}

/* s as a JSON string into out (cap bytes); false when it does not fit. */
static bool json_quote(char *out, size_t cap, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    if (cap < 3)
        return false;
    out[o++] = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[7];
        size_t k = 0;
        if (c == '"' || c == '\\') {
            esc[k++] = '\\';
            esc[k++] = (char)c;
        } else if (c < 0x20) {
            esc[k++] = '\\';
            esc[k++] = 'u';
            esc[k++] = '0';
            esc[k++] = '0';
            esc[k++] = hex[c >> 4];
            esc[k++] = hex[c & 15];
        } else {
            esc[k++] = (char)c;
        }
        if (o + k + 2 > cap)
            return false;
        memcpy(out + o, esc, k);
        o += k;
    }
    out[o++] = '"';
    out[o] = '\0';
    return true;
}

static void row_set_id_text(struct row *r, const char *s, size_t n)
{
    if (n == 0)
        return; /* no id: the line number stays */
    if (!json_quote(r->id, sizeof r->id, s, n))
        row_fail(r, ERR_TOO_LARGE, "id", "an id has at most 250 bytes");
}

uint64_t rows_id_hash(const char *id, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)id[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* ---- lines ---------------------------------------------------------------- */

/* The next line into rs->line (with its newline); false at the end or on
 * an error (ferror tells). */
static bool next_line(struct rows *rs)
{
    if (rs->pending) {
        rs->pending = false;
        return true;
    }
    rs->linelen = getline(&rs->line, &rs->linecap, rs->f);
    if (rs->linelen < 0)
        return false;
    rs->lineno++;
    rs->bytes += (uint64_t)rs->linelen;
    if (rs->linecap > 4 * ROW_BYTES_MAX && (size_t)rs->linelen < ROW_BYTES_MAX) {
        free(rs->line); /* one huge line does not keep its buffer */
        rs->line = NULL;
        rs->linecap = 0;
        rs->linelen = -1;
        return next_line(rs);
    }
    return true;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* ---- CSV ------------------------------------------------------------------ */

static int csv_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int csv_term(unsigned char c)
{
    return c == '\n';
}

static void on_header_field(void *data, size_t n, void *ctx)
{
    struct rows *rs = ctx;
    const char *s = data;
    if (rs->fieldno == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3; /* a UTF-8 byte order mark */
        n -= 3;
    }
    if (rs->ncols < ROW_FIELDS_MAX) {
        char *c = xmalloc(n + 1);
        memcpy(c, s, n);
        c[n] = '\0';
        rs->cols[rs->ncols] = c;
    }
    rs->ncols++;
    rs->fieldno++;
}

static void on_row_end(int c, void *ctx)
{
    (void)c;
    struct rows *rs = ctx;
    rs->row_end = true;
}

static void on_field(void *data, size_t n, void *ctx)
{
    struct rows *rs = ctx;
    struct row *r = rs->cur;
    int i = rs->fieldno++;
    rs->started = true;
    if (i >= rs->ncols || rs->too_large)
        return;
    if (strcmp(rs->cols[i], "id") == 0)
        row_set_id_text(r, data, n);
    else if (n > 0)
        row_add(r, rs->cols[i], data, n);
}

static int read_header(struct rows *rs, struct error *err)
{
    if (csv_init(&rs->csv, CSV_APPEND_NULL) != 0)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    csv_set_space_func(&rs->csv, csv_space);
    csv_set_term_func(&rs->csv, csv_term);
    rs->row_end = false;
    rs->fieldno = 0;
    while (!rs->row_end && next_line(rs)) {
        if (rs->fieldno == 0 && blank(rs->line, (size_t)rs->linelen))
            continue;
        if (csv_parse(&rs->csv, rs->line, (size_t)rs->linelen, on_header_field, on_row_end, rs) !=
            (size_t)rs->linelen)
            return err_set(err, ERR_NO_MEMORY, "", "the CSV header: %s",
                           csv_strerror(csv_error(&rs->csv)));
    }
    if (!rs->row_end)
        csv_fini(&rs->csv, on_header_field, on_row_end, rs);
    if (rs->ncols == 0)
        return err_set(err, ERR_MISSING_FIELD, "", "the CSV input has no header row");
    if (rs->ncols > ROW_FIELDS_MAX)
        return err_set(err, ERR_TOO_LARGE, "", "the CSV header has %d columns; at most %d",
                       rs->ncols, ROW_FIELDS_MAX);
    for (int i = 0; i < rs->ncols; i++) {
        char *c = rs->cols[i];
        if (!c[0])
            return err_set(err, ERR_MISSING_FIELD, "", "column %d of the CSV header has no name",
                           i + 1);
        for (int j = 0; j < i; j++)
            if (strcmp(rs->cols[j], c) == 0)
                return err_set(err, ERR_DUPLICATE_PARAMETER, c,
                               "column '%.40s' is in the CSV header twice", c);
    }
    return 0;
}

static int next_csv(struct rows *rs, struct row *r)
{
    rs->cur = r;
    rs->fieldno = 0;
    rs->row_end = rs->started = rs->too_large = false;
    size_t bytes = 0;
    bool any = false;
    row_reset(r, rs->lineno + 1);
    while (!rs->row_end) {
        if (!next_line(rs)) {
            if (ferror(rs->f))
                return -1;
            if (rs->started || rs->fieldno)
                csv_fini(&rs->csv, on_field, on_row_end, rs);
            break;
        }
        if (!rs->started && rs->fieldno == 0 && blank(rs->line, (size_t)rs->linelen)) {
            r->line = rs->lineno + 1; /* a blank line between rows */
            continue;
        }
        any = true;
        bytes += (size_t)rs->linelen;
        if (bytes > ROW_BYTES_MAX && !rs->too_large) {
            rs->too_large = true;
            row_fail(r, ERR_TOO_LARGE, "", "a row has at most 1 MiB");
        }
        csv_parse(&rs->csv, rs->line, (size_t)rs->linelen, on_field, on_row_end, rs);
    }
    if (!any && !rs->started)
        return 0;
    if (rs->fieldno != rs->ncols && !r->bad) {
        char msg[96];
        snprintf(msg, sizeof msg, "the row has %d fields; the header has %d", rs->fieldno,
                 rs->ncols);
        row_fail(r, ERR_INVALID_VALUE, "", msg);
    }
    row_default_id(r);
    return 1;
}

/* ---- NDJSON --------------------------------------------------------------- */

/* A JSON value as the field parser's text (as request bodies are read):
 * strings as they are, numbers in full precision, booleans, arrays of
 * strings as comma lists. false for an object, or an array of others. */
static bool value_text(const cJSON *v, char *out, size_t cap)
{
    out[0] = '\0';
    if (cJSON_IsString(v)) {
        snprintf(out, cap, "%s", v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        snprintf(out, cap, "%.17g", v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        snprintf(out, cap, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsArray(v)) {
        size_t n = 0;
        for (const cJSON *it = v->child; it && n < cap; it = it->next) {
            if (!cJSON_IsString(it))
                return false;
            n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? "," : "", it->valuestring);
        }
    } else if (!cJSON_IsNull(v)) {
        return false;
    }
    return true;
}

static void add_member(struct row *r, const cJSON *m, const char *group)
{
    char text[512], field[64];
    snprintf(field, sizeof field, "%s%s%.40s", group, group[0] ? "." : "", m->string);
    if (!value_text(m, text, sizeof text)) {
        row_fail(r, ERR_INVALID_VALUE, field,
                 "a field's value must be a string, a number, a boolean or a list of strings");
        return;
    }
    if (text[0])
        row_add(r, m->string, text, strlen(text));
}

static void add_members(struct row *r, const cJSON *obj, const char *group)
{
    for (const cJSON *m = obj->child; m && !r->bad; m = m->next)
        add_member(r, m, group);
}

static void set_json_id(struct row *r, const cJSON *id)
{
    if (cJSON_IsString(id)) {
        row_set_id_text(r, id->valuestring, strlen(id->valuestring));
    } else if (cJSON_IsNumber(id) && id->valuedouble == (double)(long long)id->valuedouble) {
        snprintf(r->id, sizeof r->id, "%lld", (long long)id->valuedouble);
    } else if (!cJSON_IsNull(id)) {
        row_fail(r, ERR_INVALID_VALUE, "id", "id must be a string or a whole number");
    }
}

static void parse_ndjson(struct row *r, const char *line, size_t n)
{
    const char *end = NULL;
    if (memchr(line, '\0', n)) {
        row_fail(r, ERR_INVALID_CHARACTER, "", "the line contains a NUL byte");
        return;
    }
    cJSON *root = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!root || (end && !blank(end, n - (size_t)(end - line)))) {
        char msg[96];
        const char *at = root ? end : cJSON_GetErrorPtr();
        long pos = at && at >= line && at <= line + n ? (long)(at - line) : 0;
        snprintf(msg, sizeof msg, "the line is not one JSON value (near byte %ld)", pos);
        row_fail(r, ERR_MALFORMED_JSON, "", msg);
        cJSON_Delete(root);
        return;
    }
    if (!cJSON_IsObject(root)) {
        row_fail(r, ERR_INVALID_VALUE, "", "a line must be a JSON object");
        cJSON_Delete(root);
        return;
    }
    const cJSON *birth = cJSON_GetObjectItemCaseSensitive(root, "birth");
    for (const cJSON *m = root->child; m && !r->bad; m = m->next) {
        for (const cJSON *e = root->child; e != m; e = e->next)
            if (strcmp(e->string, m->string) == 0) {
                char field[48];
                snprintf(field, sizeof field, "%.40s", m->string);
                row_fail(r, ERR_DUPLICATE_PARAMETER, field, "a key is given twice; give it once");
            }
        if (strcmp(m->string, "id") == 0) {
            set_json_id(r, m);
        } else if (birth &&
                   (strcmp(m->string, "birth") == 0 || strcmp(m->string, "options") == 0)) {
            if (!cJSON_IsObject(m))
                row_fail(r, ERR_INVALID_VALUE, m->string, "birth and options must be objects");
            else
                add_members(r, m, m->string);
        } else if (birth) {
            char field[48];
            snprintf(field, sizeof field, "%.40s", m->string);
            row_fail(r, ERR_UNKNOWN_FIELD, field,
                     "a line with \"birth\" has only id, birth and options");
        } else {
            add_member(r, m, "");
        }
    }
    cJSON_Delete(root);
}

static int next_ndjson(struct rows *rs, struct row *r)
{
    for (;;) {
        if (!next_line(rs))
            return ferror(rs->f) ? -1 : 0;
        if (!blank(rs->line, (size_t)rs->linelen))
            break;
    }
    row_reset(r, rs->lineno);
    if ((size_t)rs->linelen > ROW_BYTES_MAX)
        row_fail(r, ERR_TOO_LARGE, "", "a line has at most 1 MiB");
    else
        parse_ndjson(r, rs->line, (size_t)rs->linelen);
    row_default_id(r);
    return 1;
}

/* ---- the reader ----------------------------------------------------------- */

struct rows *rows_open(FILE *f, enum rows_format format, struct error *err)
{
    struct rows *rs = xcalloc(1, sizeof *rs);
    rs->f = f;
    rs->linelen = -1;
    if (format == ROWS_AUTO) {
        format = ROWS_CSV;
        while (next_line(rs)) {
            size_t n = (size_t)rs->linelen, i = strspn(rs->line, " \t\r\n");
            if (i == n)
                continue; /* a blank line */
            if (rs->line[i] == '{')
                format = ROWS_NDJSON;
            rs->pending = true;
            break;
        }
    }
    rs->format = format;
    if (format == ROWS_CSV && read_header(rs, err)) {
        rows_close(rs);
        return NULL;
    }
    return rs;
}

enum rows_format rows_format(const struct rows *rs)
{
    return rs->format;
}

int rows_columns(const struct rows *rs, const char *const **names)
{
    *names = (const char *const *)rs->cols;
    return rs->format == ROWS_CSV ? rs->ncols : 0;
}

int rows_next(struct rows *rs, struct row *r)
{
    return rs->format == ROWS_CSV ? next_csv(rs, r) : next_ndjson(rs, r);
}

uint64_t rows_bytes(const struct rows *rs)
{
    return rs->bytes;
}

void rows_close(struct rows *rs)
{
    if (!rs)
        return;
    if (rs->format == ROWS_CSV)
        csv_free(&rs->csv);
    for (int i = 0; i < rs->ncols && i < ROW_FIELDS_MAX; i++)
        free(rs->cols[i]);
    free(rs->line);
    free(rs);
}
