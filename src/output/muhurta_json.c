/* muhurta_json.c - serialises a muhurta search with the streaming writer:
 * each window's factors are its segments' values, merged where a value
 * runs on, with the local times of their changes.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/muhurta_json.h"

#include "engine/panchang.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The factors of a window, in the order of the document. */
enum factor {
    F_VARA,
    F_TITHI,
    F_NAKSHATRA,
    F_YOGA,
    F_KARANA,
    F_LAGNA,
    F_SUN_SIGN,
    F_MASA,
    F_TARA,    /* per native */
    F_CHANDRA, /* per native */
    F_COUNT
};

static const char *const factor_keys[F_COUNT] = {
    "vara", "tithi", "nakshatra", "yoga", "karana", "lagna", "sun_sign", "masa", "tara", "chandra",
};

/* The factor's value in a state (native n for tara and chandra). */
static int value_of(const struct muhurta_state *s, int f, int n)
{
    switch (f) {
    case F_VARA: return s->vara;
    case F_TITHI: return s->tithi;
    case F_NAKSHATRA: return s->nakshatra;
    case F_YOGA: return s->yoga;
    case F_KARANA: return s->karana;
    case F_LAGNA: return s->lagna;
    case F_SUN_SIGN: return s->sun_sign;
    case F_MASA: return s->masa * 2 + (s->adhika ? 1 : 0);
    case F_TARA: return s->tara[n];
    default: return s->chandra[n];
    }
}

static void write_iso(struct jsonw *w, const struct muhurta_query *q, const char *key, double ut,
                      bool with_ut)
{
    struct tz_conv conv;
    char iso[32], k[32];
    tz_ut_to_local(q->zone, ut, q->place.longitude, &conv);
    int offset = (int)lround(conv.offset);
    civil_format_iso(ut, &offset, iso);
    jw_kstr(w, key, iso);
    if (with_ut) {
        snprintf(k, sizeof k, "%s_ut", key);
        civil_format_iso(ut, NULL, iso);
        jw_kstr(w, k, iso);
    }
}

static void write_value(struct jsonw *w, const struct muhurta_state *s, int f, int n)
{
    int v = value_of(s, f, n);
    switch (f) {
    case F_VARA:
        jw_kint(w, "number", v + 1);
        jw_kstr(w, "name", panchang_vara_name(v));
        break;
    case F_TITHI:
        jw_kint(w, "number", v);
        jw_kstr(w, "name", panchang_tithi_name(v));
        jw_kstr(w, "paksha", panchang_paksha_name(panchang_paksha_of(v)));
        break;
    case F_NAKSHATRA:
        jw_kint(w, "number", v);
        jw_kstr(w, "name", nakshatra_name(v - 1));
        break;
    case F_YOGA:
        jw_kint(w, "number", v);
        jw_kstr(w, "name", panchang_yoga_name(v));
        break;
    case F_KARANA:
        jw_kint(w, "number", v);
        jw_kstr(w, "name", panchang_karana_name(v));
        break;
    case F_LAGNA:
    case F_SUN_SIGN:
        jw_kint(w, "number", v + 1);
        jw_kstr(w, "name", sign_name(v));
        break;
    case F_MASA:
        jw_kint(w, "number", s->masa);
        jw_kstr(w, "name", panchang_masa_name(s->masa));
        jw_kbool(w, "adhika", s->adhika);
        break;
    case F_TARA:
        jw_kint(w, "number", v);
        jw_kstr(w, "name", muhurta_tara_name(v));
        break;
    default: jw_kint(w, "house", v); break;
    }
}

/* One factor over segs[0 .. count-1]: a list of its values, each with the
 * local times it holds within them. */
static void write_factor(struct jsonw *w, const struct muhurta_result *r,
                         const struct muhurta_segment *segs, size_t count, int f)
{
    const struct muhurta_query *q = &r->query;
    int natives = f == F_TARA || f == F_CHANDRA ? q->nnatives : 1;
    jw_key(w, factor_keys[f]);
    jw_arr(w);
    for (int n = 0; n < natives; n++)
        for (size_t i = 0; i < count;) {
            size_t j = i + 1;
            while (j < count && value_of(&segs[j].state, f, n) == value_of(&segs[i].state, f, n))
                j++;
            jw_obj(w);
            if (f == F_TARA || f == F_CHANDRA)
                jw_kstr(w, "native", q->natives[n].role);
            write_value(w, &segs[i].state, f, n);
            write_iso(w, q, "start", segs[i].start, false);
            write_iso(w, q, "end", segs[j - 1].end, false);
            jw_obj_end(w);
            i = j;
        }
    jw_arr_end(w);
}

static void write_factors(struct jsonw *w, const struct muhurta_result *r,
                          const struct muhurta_segment *segs, size_t count)
{
    jw_key(w, "factors");
    jw_obj(w);
    for (int f = 0; f < F_COUNT; f++)
        if ((f != F_TARA && f != F_CHANDRA) || r->query.nnatives)
            write_factor(w, r, segs, count, f);
    jw_obj_end(w);
}

static void write_span(struct jsonw *w, const struct muhurta_result *r, double start, double end)
{
    write_iso(w, &r->query, "start", start, true);
    write_iso(w, &r->query, "end", end, true);
    jw_kint(w, "minutes", (long long)llround((end - start) / 60.0));
}

/* The reasons of an exclusion: each (rule, native, value) that fails in
 * its segments, once. */
static void write_reasons(struct jsonw *w, const struct muhurta_result *r,
                          const struct muhurta_excluded *x)
{
    const struct muhurta_query *q = &r->query;
    jw_key(w, "reasons");
    jw_arr(w);
    for (int n = 0; n < q->nnatives; n++)
        for (int k = 0; k < 2; k++) {
            if (!(x->personal & (1u << (2 * n + k))))
                continue;
            int last = -1;
            for (size_t i = 0; i < x->count; i++) {
                const struct muhurta_segment *g = &r->segments[x->first + i];
                if (!(g->verdict.personal & (1u << (2 * n + k))))
                    continue;
                int v = k == 0 ? g->state.tara[n] : g->state.chandra[n];
                if (v == last)
                    continue;
                last = v;
                jw_obj(w);
                jw_kstr(w, "rule",
                        muhurta_rule_name(k == 0 ? MUHURTA_RULE_TARA : MUHURTA_RULE_CHANDRA));
                jw_kstr(w, "native", q->natives[n].role);
                if (k == 0) {
                    jw_kint(w, "tara", v);
                    jw_kstr(w, "name", muhurta_tara_name(v));
                } else {
                    jw_kint(w, "house", v);
                }
                jw_obj_end(w);
            }
        }
    jw_arr_end(w);
}

static void write_rules(struct jsonw *w, const struct muhurta_query *q)
{
    size_t n;
    const struct muhurta_rule_row *rows = muhurta_rule_table(&n);
    jw_key(w, "rules");
    jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        const struct muhurta_rule_row *row = &rows[i];
        if (!(row->purposes & (1u << q->purpose)))
            continue;
        bool personal = row->rule == MUHURTA_RULE_TARA || row->rule == MUHURTA_RULE_CHANDRA;
        if (personal && !q->nnatives)
            continue;
        jw_obj(w);
        jw_kstr(w, "rule", muhurta_rule_name(row->rule));
        jw_kstr(w, "requires", row->text);
        jw_kstr(w, "source", row->source);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_natives(struct jsonw *w, const struct muhurta_query *q)
{
    jw_key(w, "natives");
    jw_arr(w);
    for (int i = 0; i < q->nnatives; i++) {
        const struct muhurta_native *n = &q->natives[i];
        jw_obj(w);
        jw_kstr(w, "role", n->role);
        jw_key(w, "nakshatra");
        jw_obj(w);
        jw_kint(w, "number", n->nakshatra);
        jw_kstr(w, "name", nakshatra_name(n->nakshatra - 1));
        jw_kint(w, "pada", n->pada);
        jw_obj_end(w);
        jw_key(w, "moon_sign");
        jw_obj(w);
        jw_kint(w, "number", n->moon_sign + 1);
        jw_kstr(w, "name", sign_name(n->moon_sign));
        jw_obj_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void muhurta_json_write(struct jsonw *w, const struct muhurta_result *r)
{
    const struct muhurta_query *q = &r->query;
    char buf[16];
    jw_obj(w);
    jw_kstr(w, "purpose", muhurta_purpose_name(q->purpose));
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", q->from.year, q->from.month, q->from.day);
    jw_kstr(w, "from", buf);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", q->to.year, q->to.month, q->to.day);
    jw_kstr(w, "to", buf);
    jw_kstr(w, "timezone", r->zone_name);
    jw_kfixed(w, "latitude", q->place.latitude, 6);
    jw_kfixed(w, "longitude", q->place.longitude, 6);
    jw_key(w, "settings");
    jw_obj(w);
    jw_kstr(w, "ayanamsa", eph_ayanamsa_name(q->options.ayanamsa));
    jw_kfixed(w, "ayanamsa_value", r->ayanamsa_value, 8);
    jw_kstr(w, "ephemeris", r->ephemeris == EPH_SWISS ? "swiss_ephemeris" : "moshier");
    jw_kstr(w, "sunrise_convention", "hindu_disc_centre_no_refraction");
    jw_kstr(w, "lunar_month", "amanta");
    jw_kstr(w, "resolution", "minute");
    jw_obj_end(w);
    jw_key(w, "range");
    jw_obj(w);
    write_iso(w, q, "start", q->begin, true);
    write_iso(w, q, "end", q->end, true);
    jw_obj_end(w);
    write_rules(w, q);
    write_natives(w, q);
    jw_key(w, "windows");
    jw_arr(w);
    for (size_t i = 0; i < r->nwindows; i++) {
        const struct muhurta_window *win = &r->windows[i];
        jw_obj(w);
        write_span(w, r, win->start, win->end);
        jw_kint(w, "score", win->score);
        write_factors(w, r, r->segments + win->first, win->count);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "excluded");
    jw_arr(w);
    for (size_t i = 0; i < r->nexcluded; i++) {
        const struct muhurta_excluded *x = &r->excluded[i];
        jw_obj(w);
        write_span(w, r, x->start, x->end);
        write_reasons(w, r, x);
        write_factors(w, r, r->segments + x->first, x->count);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}
