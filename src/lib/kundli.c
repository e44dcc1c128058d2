/* kundli.c - libkundli's public API (include/kundli.h): a thin facade over
 * the engine and the JSON writers. It checks arguments, allocates through
 * the context's allocator, and never aborts.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <kundli.h>

#include "common/alloc.h"
#include "common/err.h"
#include "common/jsonw.h"
#include "engine/civil.h"
#include "engine/context.h"
#include "engine/kundli.h"
#include "engine/match.h"
#include "engine/panchang.h"
#include "engine/zodiac.h"
#include "output/kundli_json.h"
#include "output/match_json.h"
#include "output/panchang_json.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The public status values are the engine's result codes. */
#define X(sym, name) _Static_assert((int)KD_##sym == (int)sym, #sym " differs");
ERR_TABLE(X)
#undef X
_Static_assert(sizeof(struct kd_error) == sizeof(struct error), "kd_error layout");
_Static_assert(offsetof(struct kd_error, field) == offsetof(struct error, field), "field");
_Static_assert(offsetof(struct kd_error, message) == offsetof(struct error, message), "message");
_Static_assert(KD_SECTIONS_ALL == SECTIONS_DEFAULT, "sections");
_Static_assert((KD_SECTIONS_ALL | KD_SECTION_SVG | KD_SECTION_KP | KD_SECTION_STRENGTH |
                KD_SECTION_TRANSITS) == SECTIONS_ALL,
               "sections");
_Static_assert(KD_SECTION_KP == SECTION_KP, "section bits");
_Static_assert(KD_SECTION_YOGAS == SECTION_YOGAS && KD_SECTION_SVG == SECTION_SVG, "section bits");
_Static_assert(KD_SECTION_STRENGTH == SECTION_STRENGTH, "section bits");
_Static_assert(KD_SECTION_SUMMARY == SECTION_SUMMARY, "section bits");
_Static_assert(KD_SECTION_ASPECTS == SECTION_ASPECTS && KD_SECTION_TRANSITS == SECTION_TRANSITS,
               "section bits");
_Static_assert((int)KD_PLUTO == (int)GRAHA_PLUTO && (int)KD_PISCES == (int)PISCES, "bodies, signs");

/* Documents larger than this are refused, never truncated. */
#define DOC_LIMIT (16u << 20)

struct kd_context {
    struct context engine;
};

struct kd_birth {
    struct kd_context *ctx;
    struct birth birth;
};

struct kd_options {
    struct kd_context *ctx;
    struct chart_options options;
};

struct kd_chart {
    struct kd_context *ctx;
    bool computed;
    struct kundli k;
};

static struct error *E(struct kd_error *e)
{
    return (struct error *)e;
}

static int bad_argument(struct kd_error *err, const char *what)
{
    return err_set(E(err), ERR_INVALID_ARGUMENT, "", "%s", what);
}

static int no_memory(struct kd_error *err)
{
    return err_set(E(err), ERR_NO_MEMORY, "", "out of memory");
}

const char *kd_strerror(int status)
{
    return status == KD_OK ? "ok" : err_name(status);
}

const char *kd_error_field(const struct kd_error *err)
{
    return err ? err->field : "";
}

const char *kd_error_message(const struct kd_error *err)
{
    return err ? err->message : "";
}

const char *kd_version(void)
{
    return KUNDLI_VERSION;
}

/* ---- the context -------------------------------------------------------- */

int kd_context_new(const struct kd_config *config, struct kd_context **out, struct kd_error *err)
{
    struct kd_config cfg = KD_CONFIG_INIT;
    struct alloc a = alloc_libc;
    if (!out)
        return bad_argument(err, "out is NULL");
    *out = NULL;
    if (config) {
        if (config->size < offsetof(struct kd_config, allocator) + sizeof config->allocator)
            return bad_argument(err, "kd_config.size is too small: start from KD_CONFIG_INIT");
        memcpy(&cfg, config, sizeof cfg < config->size ? sizeof cfg : config->size);
    }
    if (cfg.allocator) {
        const struct kd_allocator *h = cfg.allocator;
        if (h->size < offsetof(struct kd_allocator, user) + sizeof h->user)
            return bad_argument(err, "kd_allocator.size is too small: start from "
                                     "KD_ALLOCATOR_INIT");
        if (!h->malloc || !h->realloc || !h->free)
            return bad_argument(err, "an allocator needs malloc, realloc and free");
        a = (struct alloc){h->malloc, h->realloc, h->free, h->user};
    }
    struct kd_context *ctx = a.malloc(sizeof *ctx, a.user);
    if (!ctx)
        return no_memory(err);
    int rc = context_init(&ctx->engine, cfg.ephe_path, cfg.zoneinfo_dir, &a, E(err));
    if (rc) {
        context_free(&ctx->engine);
        a.free(ctx, a.user);
        return rc;
    }
    *out = ctx;
    return KD_OK;
}

void kd_context_free(struct kd_context *ctx)
{
    if (!ctx)
        return;
    struct alloc a = ctx->engine.alloc;
    context_free(&ctx->engine);
    a.free(ctx, a.user);
}

int kd_ephemeris_range(const struct kd_context *ctx, double *first, double *last,
                       struct kd_error *err)
{
    if (!ctx)
        return bad_argument(err, "the context is NULL");
    if (first)
        *first = civil_seconds_from_jd(ctx->engine.jd_min);
    if (last)
        *last = civil_seconds_from_jd(ctx->engine.jd_max);
    return KD_OK;
}

void kd_free(struct kd_context *ctx, void *ptr)
{
    alloc_free(ctx ? &ctx->engine.alloc : NULL, ptr);
}

/* Allocates a zeroed object of size n whose first member is its context,
 * into *out. Returns KD_OK or an error. */
static int object_new(struct kd_context *ctx, size_t n, void **out, struct kd_error *err)
{
    if (!out)
        return bad_argument(err, "out is NULL");
    *out = NULL;
    if (!ctx)
        return bad_argument(err, "the context is NULL");
    struct kd_context **obj = alloc_calloc(&ctx->engine.alloc, 1, n);
    if (!obj)
        return no_memory(err);
    *obj = ctx;
    *out = obj;
    return KD_OK;
}

/* Frees an object made by object_new (its first member is its context). */
static void object_free(void *obj)
{
    if (obj) {
        struct kd_context *ctx = *(struct kd_context **)obj;
        alloc_free(&ctx->engine.alloc, obj);
    }
}

/* ---- inputs ------------------------------------------------------------- */

int kd_birth_new(struct kd_context *ctx, struct kd_birth **out, struct kd_error *err)
{
    int rc = object_new(ctx, sizeof **out, (void **)out, err);
    if (rc == KD_OK)
        birth_init(&(*out)->birth);
    return rc;
}

void kd_birth_free(struct kd_birth *birth)
{
    object_free(birth);
}

int kd_birth_parse_field(struct kd_birth *birth, const char *key, const char *value,
                         struct kd_error *err)
{
    if (!birth || !key || !value)
        return bad_argument(err, "birth, key and value must not be NULL");
    return birth_set(&birth->birth, key, value, E(err));
}

int kd_birth_parse_param(struct kd_birth *birth, struct kd_options *options, const char *key,
                         const char *value, struct kd_error *err)
{
    struct chart_options scratch;
    if (!birth || !key || !value)
        return bad_argument(err, "birth, key and value must not be NULL");
    if (!options)
        options_init(&scratch);
    return birth_param_set(&birth->birth, options ? &options->options : &scratch, key, value,
                           E(err));
}

int kd_birth_check(const struct kd_birth *birth, struct kd_error *err)
{
    if (!birth)
        return bad_argument(err, "birth is NULL");
    return birth_check_complete(&birth->birth, E(err));
}

int kd_options_new(struct kd_context *ctx, struct kd_options **out, struct kd_error *err)
{
    int rc = object_new(ctx, sizeof **out, (void **)out, err);
    if (rc == KD_OK)
        options_init(&(*out)->options);
    return rc;
}

void kd_options_free(struct kd_options *options)
{
    object_free(options);
}

int kd_options_set(struct kd_options *options, const char *key, const char *value,
                   struct kd_error *err)
{
    if (!options || !key || !value)
        return bad_argument(err, "options, key and value must not be NULL");
    return options_set(&options->options, key, value, E(err));
}

int kd_sections_parse(const char *list, unsigned *out, struct kd_error *err)
{
    if (!list || !out)
        return bad_argument(err, "list and out must not be NULL");
    return sections_parse(list, out, E(err));
}

const char *kd_section_name(unsigned bit)
{
    for (int i = 0; i < SECTION_COUNT; i++)
        if (bit == 1u << i)
            return section_name(i);
    return NULL;
}

/* The options to compute with: the caller's or the defaults, the sections
 * asked for, and "today" (UTC) for sade sati when as_of was not given. */
static void effective_options(const struct kd_options *options, unsigned sections,
                              struct chart_options *o)
{
    if (options)
        *o = options->options;
    else
        options_init(o);
    if (sections != KD_SECTIONS_FROM_OPTIONS)
        o->sections = sections & SECTIONS_ALL;
    options_default_as_of(o, (double)time(NULL));
}

/* ---- the chart ---------------------------------------------------------- */

int kd_chart_new(struct kd_context *ctx, struct kd_chart **out, struct kd_error *err)
{
    return object_new(ctx, sizeof **out, (void **)out, err);
}

void kd_chart_free(struct kd_chart *chart)
{
    object_free(chart);
}

int kd_compute(struct kd_context *ctx, const struct kd_birth *birth,
               const struct kd_options *options, unsigned sections, struct kd_chart *chart,
               struct kd_error *err)
{
    struct chart_options o;
    if (!ctx || !birth || !chart)
        return bad_argument(err, "ctx, birth and chart must not be NULL");
    chart->computed = false;
    effective_options(options, sections, &o);
    int rc = birth_check_complete(&birth->birth, E(err));
    if (rc == 0)
        rc = kundli_compute(&ctx->engine, &birth->birth, &o, &chart->k, NULL, E(err));
    chart->computed = rc == 0;
    return rc;
}

int kd_chart_position(const struct kd_chart *chart, int body, struct kd_position *out,
                      struct kd_error *err)
{
    struct kd_position p = {.size = sizeof p};
    const struct zodiac_pos *z;
    if (!chart || !out || out->size < offsetof(struct kd_position, longitude))
        return bad_argument(err, "chart and out must not be NULL; set out->size");
    if (!chart->computed)
        return bad_argument(err, "the chart has not been computed");
    const struct chart *c = &chart->k.chart;
    if (body == KD_ASCENDANT || body == KD_MC) {
        z = body == KD_ASCENDANT ? &c->ascendant : &c->mc;
        p.house = body == KD_ASCENDANT ? 1 : chart_house_of_sign(c, z->sign);
    } else if (body >= 0 && body < c->ngrahas) {
        const struct graha_pos *g = &c->grahas[body];
        z = &g->pos;
        p.house = g->house;
        p.speed = g->speed;
        p.retrograde = g->retrograde;
    } else {
        return err_set(E(err), ERR_INVALID_ARGUMENT, "body",
                       "body %d was not computed (outer planets need outer_planets=true)", body);
    }
    p.longitude = z->longitude;
    p.sign = z->sign;
    p.degree = z->degree;
    p.nakshatra = z->nakshatra;
    p.pada = z->pada;
    size_t n = out->size < sizeof p ? out->size : sizeof p;
    memcpy((char *)out + sizeof p.size, (char *)&p + sizeof p.size, n - sizeof p.size);
    return KD_OK;
}

const char *kd_sign_name(int sign)
{
    return sign >= 0 && sign < 12 ? sign_name(sign) : NULL;
}

const char *kd_body_name(int body)
{
    if (body == KD_ASCENDANT)
        return "Lagna";
    if (body == KD_MC)
        return "MC";
    return body >= 0 && body < GRAHA_COUNT ? graha_name(body) : NULL;
}

const char *kd_nakshatra_name(int nakshatra)
{
    return nakshatra >= 0 && nakshatra < 27 ? nakshatra_name(nakshatra) : NULL;
}

/* ---- JSON --------------------------------------------------------------- */

/* Hands w's whole document to the caller as a string, or fails. */
static int take_document(struct jsonw *w, char **out, size_t *len, struct kd_error *err)
{
    int rc = jw_finish(w, E(err));
    if (rc) {
        jw_free(w);
        return rc;
    }
    *out = jw_take(w, len);
    return *out ? KD_OK : no_memory(err);
}

int kd_json_string(const struct kd_chart *chart, unsigned sections, char **out, size_t *len,
                   struct kd_error *err)
{
    struct jsonw w;
    if (!chart || !out)
        return bad_argument(err, "chart and out must not be NULL");
    *out = NULL;
    if (!chart->computed)
        return bad_argument(err, "the chart has not been computed");
    if (sections == KD_SECTIONS_FROM_OPTIONS)
        sections = SECTIONS_ALL;
    jw_init_alloc(&w, DOC_LIMIT, &chart->ctx->engine.alloc);
    kundli_json_write(&w, &chart->k, sections);
    return take_document(&w, out, len, err);
}

int kd_json_write(const struct kd_chart *chart, unsigned sections, kd_write_fn write, void *user,
                  struct kd_error *err)
{
    char *doc = NULL;
    size_t len = 0;
    if (!write)
        return bad_argument(err, "write must not be NULL");
    int rc = kd_json_string(chart, sections, &doc, &len, err);
    if (rc)
        return rc;
    if (write(user, doc, len) != 0)
        rc = err_set(E(err), ERR_INTERNAL, "", "the writer stopped");
    kd_free(chart->ctx, doc);
    return rc;
}

/* ---- matching and the panchang ------------------------------------------ */

/* Prefixes err's field with side ("boy." / "girl."), as kundlid does. */
static int side_error(struct kd_error *err, int rc, const char *side)
{
    if (err && rc) {
        char field[2 * sizeof err->field];
        int n = snprintf(field, sizeof field, "%s.%s", side, err->field);
        size_t len = n < 0 ? 0 : (size_t)n < sizeof err->field ? (size_t)n : sizeof err->field - 1;
        memcpy(err->field, field, len);
        err->field[len] = '\0';
    }
    return rc;
}

/* The Moon of one side: computed from its birth, or parsed from its
 * "NAKSHATRA:PADA". Errors are named under the side ("boy.", "girl."). */
static int match_side(struct kd_context *ctx, const struct kd_match_side *s, const char *side,
                      struct match_person *p, struct kd_error *err)
{
    struct kd_match_side in = KD_MATCH_SIDE_INIT;
    char field[32];
    if (!s || s->size < offsetof(struct kd_match_side, nakshatra) + sizeof s->nakshatra)
        return err_set(E(err), ERR_INVALID_ARGUMENT, side,
                       "%s: start the side from KD_MATCH_SIDE_INIT", side);
    memcpy(&in, s, sizeof in < s->size ? sizeof in : s->size);
    if (!in.birth && !in.nakshatra)
        return err_set(E(err), ERR_MISSING_FIELD, side, "%s needs a birth, or a nakshatra and pada",
                       side);
    if (!in.birth) {
        snprintf(field, sizeof field, "%s.nakshatra", side);
        return match_person_parse(p, in.nakshatra, field, E(err));
    }
    struct chart_options o;
    effective_options(in.options, SECTION_PLANETS, &o);
    int rc = match_person_compute(&ctx->engine, &in.birth->birth, &o, p, E(err));
    return rc ? side_error(err, rc, side) : KD_OK;
}

/* The text options of a match into mo (match_options_set's keys). */
static int match_options_from(const struct kd_match_options *in, struct match_options *mo,
                              struct kd_error *err)
{
    match_options_init(mo);
    if (!in)
        return 0;
    if (in->size < offsetof(struct kd_match_options, lang) + sizeof in->lang)
        return bad_argument(err, "struct kd_match_options: start from KD_MATCH_OPTIONS_INIT");
    const char *keys[] = {"system", "school", "lang"};
    const char *values[] = {in->system, in->school, in->lang};
    for (size_t i = 0; i < 3; i++)
        if (values[i] && values[i][0]) {
            int rc = match_options_set(mo, keys[i], values[i], E(err));
            if (rc)
                return rc;
        }
    return match_options_check(mo, E(err));
}

int kd_match_with(struct kd_context *ctx, const struct kd_match_side *boy,
                  const struct kd_match_side *girl, const struct kd_match_options *options,
                  char **out, size_t *len, struct kd_error *err)
{
    struct match_person b, g;
    struct match_options mo;
    struct match m;
    struct jsonw w;
    if (!ctx || !out)
        return bad_argument(err, "ctx and out must not be NULL");
    *out = NULL;
    int rc = match_options_from(options, &mo, err);
    if (rc == 0)
        rc = match_side(ctx, boy, "boy", &b, err);
    if (rc == 0)
        rc = match_side(ctx, girl, "girl", &g, err);
    if (rc == 0)
        rc = match_compute(&b, &g, &mo, &m, E(err));
    if (rc)
        return rc;
    jw_init_alloc(&w, DOC_LIMIT, &ctx->engine.alloc);
    match_json_write(&w, &m, mo.lang);
    return take_document(&w, out, len, err);
}

int kd_match(struct kd_context *ctx, const struct kd_match_side *boy,
             const struct kd_match_side *girl, char **out, size_t *len, struct kd_error *err)
{
    return kd_match_with(ctx, boy, girl, NULL, out, len, err);
}

int kd_panchang_day(struct kd_context *ctx, const struct kd_birth *day,
                    const struct kd_options *options, char **out, size_t *len, struct kd_error *err)
{
    struct chart_options o;
    struct panchang_day *d;
    struct jsonw w;
    if (!ctx || !day || !out)
        return bad_argument(err, "ctx, day and out must not be NULL");
    *out = NULL;
    effective_options(options, KD_SECTIONS_FROM_OPTIONS, &o);
    d = alloc_malloc(&ctx->engine.alloc, sizeof *d);
    if (!d)
        return no_memory(err);
    int rc = panchang_daily(&ctx->engine, &day->birth, &o, d, E(err));
    if (rc == 0) {
        jw_init_alloc(&w, DOC_LIMIT, &ctx->engine.alloc);
        panchang_day_json_write(&w, d);
        rc = take_document(&w, out, len, err);
    }
    alloc_free(&ctx->engine.alloc, d);
    return rc;
}
