/* places.c - the gazetteer over libgeonames (see places.h): GeoNames' own
 * query folds every city's name on each call (~0.3 s), so the cities are
 * copied once into a flat index with their names folded (lower case, no
 * accents), and every search is a scan of that index.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "places/places.h"

#include <geonames.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUALIFIERS_MAX 3
#define SUGGEST_MAX 5

struct city {
    uint32_t name, state, country, code, tz; /* offsets into the pool */
    uint32_t fname, fstate, fcountry, fcode; /* folded */
    double latitude, longitude;
    unsigned population;
};

struct places {
    pthread_mutex_t lock; /* serialises the build */
    atomic_bool ready;    /* the index is built (or failed: n == 0) */
    struct city *cities;
    size_t n;
    char *pool;
    size_t pool_len, pool_cap;
};

struct places *places_new(void)
{
    struct places *p = calloc(1, sizeof *p);
    if (p)
        pthread_mutex_init(&p->lock, NULL);
    return p;
}

void places_free(struct places *p)
{
    if (!p)
        return;
    pthread_mutex_destroy(&p->lock);
    free(p->cities);
    free(p->pool);
    free(p);
}

/* Lower-case ASCII of UTF-8 text s (len bytes): accents dropped (GLib's
 * transliteration), blanks trimmed and runs of them made one space.
 * Writes at most cap - 1 bytes; false for invalid UTF-8. */
static bool fold(const char *s, size_t len, char *out, size_t cap)
{
    if (!g_utf8_validate(s, (gssize)len, NULL))
        return false;
    bool plain = true; /* ASCII already: no transliteration (most names) */
    for (size_t i = 0; i < len && plain; i++)
        plain = (unsigned char)s[i] < 0x80;
    char *part = g_strndup(s, len);
    char *ascii = plain ? part : g_str_to_ascii(part, "C");
    size_t n = 0;
    bool blank = true; /* drops leading blanks */
    if (!plain)
        g_free(part);
    for (const char *c = ascii; *c && n + 1 < cap; c++) {
        char ch = g_ascii_tolower(*c);
        if (ch == ' ' || ch == '\t') {
            if (!blank)
                out[n++] = ' ';
            blank = true;
            continue;
        }
        out[n++] = ch;
        blank = false;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    g_free(ascii);
    return true;
}

/* Appends s to the pool; its offset, or UINT32_MAX when out of memory. */
static uint32_t pool_add(struct places *p, const char *s)
{
    size_t len = strlen(s) + 1;
    if (p->pool_len + len > p->pool_cap) {
        size_t cap = p->pool_cap ? 2 * p->pool_cap : 1u << 20;
        while (cap < p->pool_len + len)
            cap *= 2;
        char *grown = realloc(p->pool, cap);
        if (!grown)
            return UINT32_MAX;
        p->pool = grown;
        p->pool_cap = cap;
    }
    memcpy(p->pool + p->pool_len, s, len);
    p->pool_len += len;
    return (uint32_t)(p->pool_len - len);
}

static uint32_t pool_add_folded(struct places *p, const char *s)
{
    char buf[256];
    if (!fold(s, strlen(s), buf, sizeof buf))
        buf[0] = '\0';
    return pool_add(p, buf);
}

static bool build(struct places *p)
{
    int n = geonames_get_n_cities();
    if (n <= 0)
        return true;
    p->cities = calloc((size_t)n, sizeof *p->cities);
    if (!p->cities)
        return false;
    for (int i = 0; i < n; i++) {
        GeonamesCity *gc = geonames_get_city(i);
        if (!gc)
            continue;
        struct city *c = &p->cities[p->n];
        const char *name = geonames_city_get_name(gc);
        const char *state = geonames_city_get_state(gc);
        const char *country = geonames_city_get_country(gc);
        const char *code = geonames_city_get_country_code(gc);
        const char *tz = geonames_city_get_timezone(gc);
        state = state ? state : "";
        country = country ? country : "";
        code = code ? code : "";
        c->name = pool_add(p, name ? name : "");
        c->state = pool_add(p, state);
        c->country = pool_add(p, country);
        c->code = pool_add(p, code);
        c->tz = pool_add(p, tz ? tz : "");
        c->fname = pool_add_folded(p, name ? name : "");
        c->fstate = pool_add_folded(p, state);
        c->fcountry = pool_add_folded(p, country);
        c->fcode = pool_add_folded(p, code);
        c->latitude = geonames_city_get_latitude(gc);
        c->longitude = geonames_city_get_longitude(gc);
        c->population = geonames_city_get_population(gc);
        bool full = c->name == UINT32_MAX || c->state == UINT32_MAX || c->country == UINT32_MAX ||
                    c->code == UINT32_MAX || c->tz == UINT32_MAX || c->fname == UINT32_MAX ||
                    c->fstate == UINT32_MAX || c->fcountry == UINT32_MAX ||
                    c->fcode == UINT32_MAX;
        geonames_city_free(gc);
        if (full)
            return false;
        if (p->pool[c->tz]) /* a city without a zone cannot be a birth place */
            p->n++;
    }
    return true;
}

/* The index, built on first use; false when out of memory (then empty). */
static bool ready(struct places *p)
{
    if (atomic_load_explicit(&p->ready, memory_order_acquire))
        return p->cities != NULL || geonames_get_n_cities() <= 0;
    bool ok = true;
    pthread_mutex_lock(&p->lock);
    if (!atomic_load_explicit(&p->ready, memory_order_relaxed)) {
        ok = build(p);
        if (!ok) {
            free(p->cities);
            p->cities = NULL;
            p->n = 0;
        }
        atomic_store_explicit(&p->ready, true, memory_order_release);
    }
    pthread_mutex_unlock(&p->lock);
    return ok && (p->cities != NULL || geonames_get_n_cities() <= 0);
}

static const char *S(const struct places *p, uint32_t off)
{
    return p->pool + off;
}

static void to_place(const struct places *p, const struct city *c, struct place *out)
{
    out->name = S(p, c->name);
    out->state = S(p, c->state);
    out->country = S(p, c->country);
    out->country_code = S(p, c->code);
    out->timezone = S(p, c->tz);
    out->latitude = c->latitude;
    out->longitude = c->longitude;
    out->population = c->population;
}

/* A query split at its commas and folded: the name and the qualifiers. */
struct query {
    char name[PLACES_QUERY_MAX];
    char qual[QUALIFIERS_MAX][PLACES_QUERY_MAX];
    int nqual;
};

static bool parse_query(const char *text, struct query *q)
{
    size_t len = strlen(text);
    memset(q, 0, sizeof *q);
    if (len == 0 || len >= PLACES_QUERY_MAX)
        return false;
    const char *comma = strchr(text, ',');
    size_t n = comma ? (size_t)(comma - text) : len;
    if (!fold(text, n, q->name, sizeof q->name) || !q->name[0])
        return false;
    while (comma) {
        const char *part = comma + 1;
        comma = strchr(part, ',');
        n = comma ? (size_t)(comma - part) : strlen(part);
        if (q->nqual == QUALIFIERS_MAX || !fold(part, n, q->qual[q->nqual], PLACES_QUERY_MAX))
            return false;
        if (q->qual[q->nqual][0])
            q->nqual++;
    }
    return true;
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool qualifies(const struct places *p, const struct city *c, const struct query *q)
{
    for (int i = 0; i < q->nqual; i++) {
        const char *w = q->qual[i];
        if (!starts(S(p, c->fstate), w) && !starts(S(p, c->fcountry), w) &&
            strcmp(S(p, c->fcode), w) != 0)
            return false;
    }
    return true;
}

/* How name matches the folded query: 0 equal, 1 prefix, 2 a later word's
 * prefix, 3 not at all. */
static int match_class(const char *name, const char *q)
{
    if (strcmp(name, q) == 0)
        return 0;
    if (starts(name, q))
        return 1;
    for (const char *s = name; *s; s++)
        if ((*s == ' ' || *s == '-' || *s == '(') && starts(s + 1, q))
            return 2;
    return 3;
}

struct hit {
    uint32_t city;
    int rank; /* match class, or edit distance */
};

/* By rank, then population (largest first), then name. */
static int hit_cmp_with(const struct places *p, const struct hit *a, const struct hit *b)
{
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    const struct city *ca = &p->cities[a->city], *cb = &p->cities[b->city];
    if (ca->population != cb->population)
        return ca->population > cb->population ? -1 : 1;
    int c = strcmp(S(p, ca->name), S(p, cb->name));
    return c ? c : (a->city < b->city ? -1 : 1);
}

/* Keeps the best `cap` hits in h[0 .. *n-1], sorted, by insertion: the
 * lists are short (at most PLACES_LIMIT_MAX). */
static void keep(const struct places *p, struct hit *h, int *n, int cap, struct hit add)
{
    int at = *n;
    while (at > 0 && hit_cmp_with(p, &add, &h[at - 1]) < 0)
        at--;
    if (at >= cap)
        return;
    int last = *n < cap ? *n : cap - 1;
    memmove(&h[at + 1], &h[at], (size_t)(last - at) * sizeof *h);
    h[at] = add;
    if (*n < cap)
        (*n)++;
}

int places_search(struct places *p, const char *query, int limit, struct place *out)
{
    struct query q;
    struct hit hits[PLACES_LIMIT_MAX];
    int n = 0;
    if (!ready(p))
        return ERR_NO_MEMORY;
    if (limit < 1 || limit > PLACES_LIMIT_MAX || !parse_query(query, &q))
        return 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct city *c = &p->cities[i];
        int cls = match_class(S(p, c->fname), q.name);
        if (cls < 3 && qualifies(p, c, &q))
            keep(p, hits, &n, limit, (struct hit){(uint32_t)i, cls});
    }
    for (int i = 0; i < n; i++)
        to_place(p, &p->cities[hits[i].city], &out[i]);
    return n;
}

/* Levenshtein distance of two folded names, capped at cap + 1. */
static int distance(const char *a, const char *b, int cap)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int row[PLACES_QUERY_MAX + 1];
    if (la > PLACES_QUERY_MAX || lb > PLACES_QUERY_MAX || abs(la - lb) > cap)
        return cap + 1;
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0], best = i;
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j], v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            best = v < best ? v : best;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb];
}

/* Appends "Name (State, Country)" to buf (of cap bytes) after sep; false
 * when it no longer fits (buf stays as it was). */
static bool append(char *buf, size_t cap, const char *sep, const char *text)
{
    size_t len = strlen(buf), add = strlen(sep) + strlen(text);
    if (len + add + 1 > cap)
        return false;
    snprintf(buf + len, cap - len, "%s%s", sep, text);
    return true;
}

static void describe(const struct places *p, const struct city *c, bool with_name, char *out,
                     size_t cap)
{
    const char *state = S(p, c->state);
    /* the country by its code: five of them fit in one message */
    if (with_name)
        snprintf(out, cap, "%s (%s%s%s)", S(p, c->name), state, state[0] ? ", " : "",
                 S(p, c->code));
    else
        snprintf(out, cap, "%s%s%s", state, state[0] ? ", " : "", S(p, c->code));
}

/* ERR_UNKNOWN_PLACE for text, naming up to SUGGEST_MAX cities like it:
 * those of that name elsewhere (the qualifier failed), else names that
 * start with it, else names within a small edit distance. */
static int unknown(const struct places *p, const char *text, const struct query *q,
                   struct error *err)
{
    struct hit hits[SUGGEST_MAX];
    int n = 0;
    int cap = strlen(q->name) < 8 ? 1 : 2;
    for (int pass = 0; pass < 2 && n == 0; pass++)
        for (size_t i = 0; i < p->n; i++) {
            const char *fname = S(p, p->cities[i].fname);
            int rank = pass == 0 ? match_class(fname, q->name) : distance(q->name, fname, cap);
            if (rank < (pass == 0 ? 2 : cap + 1))
                keep(p, hits, &n, SUGGEST_MAX, (struct hit){(uint32_t)i, rank});
        }
    char msg[sizeof err->message];
    snprintf(msg, sizeof msg, "no city '%.60s' is known", text);
    for (int i = 0; i < n; i++) {
        char one[128];
        describe(p, &p->cities[hits[i].city], true, one, sizeof one);
        if (!append(msg, sizeof msg, i == 0 ? "; did you mean " : "; ", one))
            break;
    }
    if (n)
        append(msg, sizeof msg, "", "?");
    return err_set(err, ERR_UNKNOWN_PLACE, "birth.place", "%s", msg);
}

int places_resolve(void *gazetteer, const char *text, struct birth_place *out, struct error *err)
{
    struct places *p = gazetteer;
    struct query q;
    struct hit hits[SUGGEST_MAX + 1];
    int n = 0, total = 0;
    if (!ready(p))
        return err_set(err, ERR_NO_MEMORY, "birth.place", "out of memory loading the gazetteer");
    if (!parse_query(text, &q))
        return err_set(err, ERR_UNKNOWN_PLACE, "birth.place",
                       "place must be a city name, optionally with its state or country: "
                       "\"Chennai, India\"");
    for (size_t i = 0; i < p->n; i++) {
        const struct city *c = &p->cities[i];
        if (strcmp(S(p, c->fname), q.name) == 0 && qualifies(p, c, &q)) {
            keep(p, hits, &n, SUGGEST_MAX + 1, (struct hit){(uint32_t)i, 0});
            total++;
        }
    }
    if (n == 0) {
        struct query bare = q;
        bare.nqual = 0;
        return unknown(p, text, &bare, err);
    }
    const struct city *c = &p->cities[hits[0].city];
    /* One city, or one that dwarfs the others of its name */
    if (n > 1 && c->population < 10ull * p->cities[hits[1].city].population) {
        char msg[sizeof err->message];
        snprintf(msg, sizeof msg, "'%.50s' names %d cities; add the state or country, as in "
                 "\"%.30s, %.30s\": ", text, total, S(p, c->name),
                 S(p, c->state)[0] ? S(p, c->state) : S(p, c->country));
        for (int i = 0; i < n && i < SUGGEST_MAX; i++) {
            char one[128];
            describe(p, &p->cities[hits[i].city], false, one, sizeof one);
            if (!append(msg, sizeof msg, i ? "; " : "", one))
                break;
        }
        return err_set(err, ERR_AMBIGUOUS_PLACE, "birth.place", "%s", msg);
    }
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", S(p, c->name));
    snprintf(out->state, sizeof out->state, "%s", S(p, c->state));
    snprintf(out->country, sizeof out->country, "%s", S(p, c->country));
    snprintf(out->timezone, sizeof out->timezone, "%s", S(p, c->tz));
    out->latitude = c->latitude;
    out->longitude = c->longitude;
    return 0;
}
