/* charts.c - chart documents through the L1 and L2 caches (see charts.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/charts.h"

#include "common/jsonw.h"
#include "app/mem.h"
#include "engine/kundli.h"
#include "output/chart_json.h"
#include "output/kundli_json.h"
#include "service/cache.h"
#include "service/cache_redis.h"
#include "service/gzip.h"
#include "service/http.h"
#include "service/metrics.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_LIMIT (4u << 20) /* no chart document comes near this */

static uint64_t bits(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return u;
}

/* The canonical computed input: what the document depends on, and nothing
 * of how the request spelt it. Sections take bits 32 .. 47, the dasha
 * options 48 .. 58, option explain bit 19. */
_Static_assert(SECTION_COUNT <= 16, "sections overflow their bits of the cache key");
_Static_assert(DASHA_SYSTEM_COUNT <= 5, "dasha_systems overflow their bits of the cache key");
static struct cache_key chart_key(const struct chart *c)
{
    const struct chart_options *o = &c->options;
    uint64_t k[10] = {
        bits(c->tz.ut),
        (uint64_t)llround(c->birth.latitude * 1e6),
        (uint64_t)llround(c->birth.longitude * 1e6),
        (uint64_t)llround(c->birth.altitude * 1e3),
        (uint64_t)o->ayanamsa | (uint64_t)o->node << 8 | (uint64_t)o->house_system << 12 |
            (uint64_t)o->true_positions << 16 | (uint64_t)o->topocentric << 17 |
            (uint64_t)o->outer_planets << 18 | (uint64_t)o->explain << 19 |
            (uint64_t)o->dasha_levels << 20 |
            (uint64_t)o->yogini_levels << 24 | (uint64_t)o->parivritti_hora << 27 |
            (uint64_t)(o->sections & SECTION_SVG ? o->chart_style : 0) << 28 |
            (uint64_t)o->node_aspects << 30 |
            (uint64_t)o->sections << 32 | (uint64_t)o->dasha_systems << 48 |
            (uint64_t)(o->ashtottari_levels - 1) << 53 | (uint64_t)(o->chara_levels - 1) << 55 |
            (uint64_t)(o->kalachakra_levels - 1) << 56 | (uint64_t)o->ashtottari_rule << 57 |
            (uint64_t)o->chara_method << 58,
        bits(o->dasha_year_days),
        /* the day of sade sati; the instant itself for the transits */
        bits(isnan(o->as_of)                    ? 0.0
             : (o->sections & SECTION_TRANSITS) ? o->as_of
                                                : floor(o->as_of / 86400.0)),
        (uint64_t)(o->lang + 1), /* LANG_NONE: 0, no display fields */
        0,                       /* the engine version, below */
        /* section kp: its frame, horary number and whether its ruling
         * planets are at as_of or at the chart's moment */
        (o->sections & SECTION_KP ? (uint64_t)o->kp_ayanamsa | (uint64_t)o->kp_horary << 8 |
                                        (uint64_t)o->as_of_given << 16 | 1ull << 17
                                  : 0) |
            /* section strength: its school (the default adds nothing) */
            (o->sections & SECTION_STRENGTH ? (uint64_t)o->strength_school << 24 : 0),
    };
    const char *version = ENGINE_VERSION;
    memcpy(&k[8], version, strlen(version) < 8 ? strlen(version) : 8);
    return cache_key_hash(k, sizeof k);
}

/* Strong ETag of the document: its cache key combined with the hash of the
 * request's own head, the only part that varies for one key. */
static void make_etag(struct cache_key key, const char *head, size_t n, char out[40])
{
    struct cache_key h = cache_key_hash(head, n);
    struct cache_key tag = {.hi = key.hi ^ h.hi, .lo = key.lo ^ h.lo};
    out[0] = '"';
    cache_key_hex(tag, out + 1);
    out[33] = '"';
    out[34] = '\0';
}

static void observe_stages(struct service *s, const struct chart_timing *t, double serialise_ns)
{
    for (int i = 0; i < STAGE_COUNT; i++)
        if (t->ns[i] > 0)
            metrics_observe_stage(s->metrics, i, t->ns[i] / 1e9);
    metrics_observe_stage(s->metrics, STAGE_COUNT, serialise_ns / 1e9);
}

int charts_render(struct service *s, const struct birth *b, const struct chart_options *o,
                  bool want_gzip, const char *if_none_match, double deadline,
                  enum render_mode mode, struct rendered *out, struct error *err)
{
    struct chart time; /* the resolved instant: all a cache hit needs */
    struct kundli *k = NULL;
    const struct chart *c = &time;
    struct jsonw head, tail;
    struct cache_entry *e = NULL;
    struct cache_blob l2 = {0};
    void *deflated = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    jw_init(&head, 4096);
    jw_init(&tail, DOC_LIMIT);
    rc = chart_resolve_time(&s->engine, b, o, &time, err);
    if (rc)
        goto out;
    struct cache_key key = chart_key(&time);
    double now = service_now();
    const void *tail_json, *tail_deflated = NULL;
    size_t tail_len, deflated_len = 0;

    e = mode == RENDER_MISSED ? NULL : cache_get(s->cache, key, now);
    if (!e && mode == RENDER_HIT_ONLY) {
        out->missed = true;
        goto out;
    }
    /* L2 only off the I/O threads: a Redis round trip blocks (<= 50 ms) */
    if (!e && s->redis && cache_redis_get(s->redis, key, &l2)) {
        cache_put(s->cache, key, l2.json, l2.json_len, l2.deflated, l2.deflated_len, l2.tag, now);
        out->cache_hit = true;
        out->cache_l2 = true;
        memcpy(&time.delta_t, &l2.tag, sizeof l2.tag);
        tail_json = l2.json;
        tail_len = l2.json_len;
        tail_deflated = l2.deflated;
        deflated_len = l2.deflated_len;
    } else if (e) {
        out->cache_hit = true;
        uint64_t tag = cache_entry_tag(e);
        memcpy(&time.delta_t, &tag, sizeof tag); /* the tag keeps delta T */
        tail_json = cache_entry_json(e, &tail_len);
        tail_deflated = cache_entry_gzip(e, &deflated_len);
    } else {
        struct chart_timing t = {.now = service_now_ns};
        k = xmalloc(sizeof *k);
        c = &k->chart;
        rc = kundli_compute(&s->engine, b, o, k, &t, err);
        if (rc)
            goto out;
        if (service_now() > deadline) {
            rc = err_set(err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
            goto out;
        }
        double t0 = service_now_ns();
        kundli_json_write_rest(&tail, k, SECTIONS_ALL);
        observe_stages(s, &t, service_now_ns() - t0);
        rc = jw_finish(&tail, err);
        if (rc)
            goto out;
        tail_json = tail.buf;
        tail_len = tail.len;
    }
    chart_json_write_input(&head, c);
    make_etag(key, head.buf, head.len, out->etag);
    if (http_etag_match(if_none_match, out->etag)) {
        out->not_modified = true;
        goto store;
    }

    size_t total = head.len + tail_len;
    if (want_gzip && total >= GZIP_MIN_BYTES && head.len <= 65535) {
        if (!tail_deflated) {
            deflated = gzip_deflate(tail_json, tail_len, &deflated_len);
            tail_deflated = deflated;
        }
        out->body = gzip_splice(head.buf, head.len, tail_json, tail_len, tail_deflated,
                                deflated_len, &out->len);
        out->gzip = true;
    } else {
        out->body = xmalloc(total);
        memcpy(out->body, head.buf, head.len);
        memcpy(out->body + head.len, tail_json, tail_len);
        out->len = total;
    }
store:
    if (!out->cache_hit) { /* computed: fill both levels */
        uint64_t tag;
        memcpy(&tag, &c->delta_t, sizeof tag);
        cache_put(s->cache, key, tail.buf, tail.len, deflated, deflated ? deflated_len : 0, tag,
                  now);
        cache_redis_put(s->redis, key, tail.buf, tail.len, deflated, deflated ? deflated_len : 0,
                        tag);
    } else if (deflated) {
        cache_set_gzip(s->cache, key, deflated, deflated_len, now);
    }
out:
    if (e)
        cache_release(e);
    cache_redis_blob_free(&l2);
    free(deflated);
    jw_free(&head);
    jw_free(&tail);
    free(k);
    return rc;
}
