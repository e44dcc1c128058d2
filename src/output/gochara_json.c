/* gochara_json.c - serialises struct gochara with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/gochara_json.h"

#include "engine/civil.h"
#include "engine/tz.h"
#include "output/display_json.h"

#include <math.h>

#define DEG 8 /* decimals for angles, as in chart_json.c */

/* Writes key (UT) and key_local (birth zone) for the instant jd. */
static void write_instant(struct jsonw *w, const char *key, const char *key_local, double jd,
                          const struct chart *c)
{
    char iso[32];
    double secs = civil_seconds_from_jd(jd);
    civil_format_iso(secs, NULL, iso);
    jw_kstr(w, key, iso);
    if (!c->zone)
        return;
    struct tz_conv local;
    tz_ut_to_local(c->zone, secs, c->birth.longitude, &local);
    int offset = (int)lround(local.offset);
    civil_format_iso(secs, &offset, iso);
    jw_kstr(w, key_local, iso);
}

static void write_window(struct jsonw *w, const char *key, const struct transit_span *s,
                         const struct chart *c)
{
    jw_key(w, key);
    if (isnan(s->start)) {
        jw_null(w);
        return;
    }
    jw_obj(w);
    write_instant(w, "start", "start_local", s->start, c);
    write_instant(w, "end", "end_local", s->end, c);
    jw_obj_end(w);
}

static void write_graha(struct jsonw *w, int g, const struct gochara_graha *t,
                        const struct chart *c)
{
    const int lang = c->options.lang;
    jw_obj(w);
    jw_kstr(w, "name", graha_name(g));
    display_json_write(w, "display", lang, LANG_KIND_GRAHA, g);
    jw_kfixed(w, "longitude", t->pos.longitude, DEG);
    jw_kstr(w, "sign", sign_name(t->pos.sign));
    display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, t->pos.sign);
    jw_kfixed(w, "degree", t->pos.degree, DEG);
    jw_kstr(w, "nakshatra", nakshatra_name(t->pos.nakshatra));
    display_json_write(w, "nakshatra_display", lang, LANG_KIND_NAKSHATRA, t->pos.nakshatra);
    jw_kint(w, "pada", t->pos.pada);
    jw_kfixed(w, "speed", t->speed, DEG);
    jw_kbool(w, "retrograde", t->retrograde);
    jw_kint(w, "house", t->house);
    jw_kint(w, "house_from_moon", t->house_from_moon);
    jw_kbool(w, "favourable", t->favourable);
    jw_key(w, "vedha_house");
    if (t->favourable)
        jw_int(w, t->vedha_house);
    else
        jw_null(w);
    jw_key(w, "vedha_by");
    jw_arr(w);
    for (int by = 0; by < GRAHA_CLASSICAL; by++)
        if (t->vedha_by & (1u << by))
            jw_str(w, graha_name(by));
    jw_arr_end(w);
    if (lang != LANG_NONE) {
        jw_key(w, "vedha_by_display");
        jw_arr(w);
        for (int by = 0; by < GRAHA_CLASSICAL; by++)
            if (t->vedha_by & (1u << by))
                jw_str(w, lang_name(lang, LANG_KIND_GRAHA, by));
        jw_arr_end(w);
    }
    jw_kbool(w, "obstructed", t->obstructed);
    jw_key(w, "bindus");
    if (t->bindus >= 0)
        jw_int(w, t->bindus);
    else
        jw_null(w);
    jw_kint(w, "sarva_bindus", t->sarva_bindus);
    jw_key(w, "next_sign_change");
    jw_obj(w);
    write_instant(w, "at", "at_local", t->next_change, c);
    jw_kstr(w, "sign", sign_name(t->next_sign));
    display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, t->next_sign);
    jw_kstr(w, "direction", t->next_sign == (t->pos.sign + 1) % 12 ? "forward" : "backward");
    jw_obj_end(w);
    jw_obj_end(w);
}

void gochara_json_write(struct jsonw *w, const struct gochara *m, const struct chart *c)
{
    jw_obj(w);
    write_instant(w, "as_of", "as_of_local", m->jd_ut, c);
    const int lang = c->options.lang;
    jw_kstr(w, "lagna_sign", sign_name(m->lagna_sign));
    display_json_write(w, "lagna_sign_display", lang, LANG_KIND_SIGN, m->lagna_sign);
    jw_kstr(w, "moon_sign", sign_name(m->moon_sign));
    display_json_write(w, "moon_sign_display", lang, LANG_KIND_SIGN, m->moon_sign);
    jw_key(w, "grahas");
    jw_arr(w);
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        write_graha(w, g, &m->g[g], c);
    jw_arr_end(w);
    jw_key(w, "chandrashtama");
    jw_obj(w);
    jw_kstr(w, "sign", sign_name(m->chandrashtama_sign));
    display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, m->chandrashtama_sign);
    jw_kbool(w, "active", m->chandrashtama_active);
    write_window(w, "current", &m->chandrashtama_current, c);
    write_window(w, "next", &m->chandrashtama_next, c);
    jw_obj_end(w);
    jw_obj_end(w);
}
