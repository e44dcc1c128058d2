/* kp_json.c - serialises struct kp with the streaming writer (see
 * kp_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/kp_json.h"

#include "engine/civil.h"
#include "engine/eph.h"
#include "engine/tz.h"
#include "output/display_json.h"

#include <math.h>
#include <stdio.h>

#define DEG 8 /* decimals for angles, as in chart_json.c */

/* lang (enum lang, here and below): LANG_NONE, or the language of the
 * display fields written beside the names. */
static void write_lords(struct jsonw *w, const struct kp_lords *l, bool sub_sub, int lang)
{
    jw_kstr(w, "sign_lord", graha_name(l->sign));
    display_json_write(w, "sign_lord_display", lang, LANG_KIND_GRAHA, l->sign);
    jw_kstr(w, "star_lord", graha_name(l->star));
    display_json_write(w, "star_lord_display", lang, LANG_KIND_GRAHA, l->star);
    jw_kstr(w, "sub_lord", graha_name(l->sub));
    display_json_write(w, "sub_lord_display", lang, LANG_KIND_GRAHA, l->sub);
    if (sub_sub) {
        jw_kstr(w, "sub_sub_lord", graha_name(l->sub_sub));
        display_json_write(w, "sub_sub_lord_display", lang, LANG_KIND_GRAHA, l->sub_sub);
    }
}

static void write_point(struct jsonw *w, const struct kp_point *p, int lang)
{
    int sign = zodiac_part(p->longitude, 30.0);
    int nakshatra = zodiac_part(p->longitude, NAKSHATRA_SPAN);
    jw_kfixed(w, "longitude", p->longitude, DEG);
    jw_kstr(w, "sign", sign_name(sign));
    display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, sign);
    jw_kstr(w, "nakshatra", nakshatra_name(nakshatra));
    display_json_write(w, "nakshatra_display", lang, LANG_KIND_NAKSHATRA, nakshatra);
    write_lords(w, &p->lords, true, lang);
}

/* The names of the grahas in bits, in graha order, as "key"; with lang
 * also their display names as "key_display" (the same order). */
static void write_grahas(struct jsonw *w, const char *key, unsigned bits, int lang)
{
    jw_key(w, key);
    jw_arr(w);
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        if (bits & (1u << g))
            jw_str(w, graha_name(g));
    jw_arr_end(w);
    if (lang == LANG_NONE)
        return;
    char display[32];
    snprintf(display, sizeof display, "%s_display", key);
    jw_key(w, display);
    jw_arr(w);
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        if (bits & (1u << g))
            jw_str(w, lang_name(lang, LANG_KIND_GRAHA, g));
    jw_arr_end(w);
}

/* The houses (1..12) whose bit is set. */
static void write_houses(struct jsonw *w, const char *key, unsigned bits)
{
    jw_key(w, key);
    jw_arr(w);
    for (int h = 0; h < 12; h++)
        if (bits & (1u << h))
            jw_int(w, h + 1);
    jw_arr_end(w);
}

static void write_significators(struct jsonw *w, const struct kp *kp, int lang)
{
    static const char *const levels[KP_LEVELS] = {"level1", "level2", "level3", "level4"};
    jw_obj(w);
    jw_key(w, "houses");
    jw_arr(w);
    for (int h = 0; h < 12; h++) {
        jw_obj(w);
        jw_kint(w, "house", h + 1);
        for (int l = 0; l < KP_LEVELS; l++)
            write_grahas(w, levels[l], kp->level[h][l], lang);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "planets");
    jw_arr(w);
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        unsigned all = 0, per[KP_LEVELS] = {0};
        for (int h = 0; h < 12; h++)
            for (int l = 0; l < KP_LEVELS; l++)
                if (kp->level[h][l] & (1u << g)) {
                    per[l] |= 1u << h;
                    all |= 1u << h;
                }
        jw_obj(w);
        jw_kstr(w, "name", graha_name(g));
        display_json_write(w, "display", lang, LANG_KIND_GRAHA, g);
        write_houses(w, "houses", all);
        for (int l = 0; l < KP_LEVELS; l++)
            write_houses(w, levels[l], per[l]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

static void write_ruling(struct jsonw *w, const struct kp *kp, const struct chart *c)
{
    int lang = c->options.lang;
    const struct kp_ruling *r = &kp->ruling;
    char iso[32];
    double secs = civil_seconds_from_jd(r->jd_ut);
    jw_obj(w);
    jw_kstr(w, "basis", kp->ruling_as_of ? "as_of" : "chart");
    civil_format_iso(secs, NULL, iso);
    jw_kstr(w, "at", iso);
    if (c->zone) {
        struct tz_conv local;
        tz_ut_to_local(c->zone, secs, c->birth.longitude, &local);
        int offset = (int)lround(local.offset);
        civil_format_iso(secs, &offset, iso);
        jw_kstr(w, "at_local", iso);
    }
    jw_kstr(w, "day_lord", graha_name(r->day_lord));
    display_json_write(w, "day_lord_display", lang, LANG_KIND_GRAHA, r->day_lord);
    jw_key(w, "lagna");
    jw_obj(w);
    jw_kfixed(w, "longitude", r->lagna_longitude, DEG);
    write_lords(w, &r->lagna, false, lang);
    jw_obj_end(w);
    jw_key(w, "moon");
    jw_obj(w);
    jw_kfixed(w, "longitude", r->moon_longitude, DEG);
    write_lords(w, &r->moon, false, lang);
    jw_obj_end(w);
    write_grahas(w, "nodes", r->nodes, lang);
    jw_key(w, "planets");
    jw_arr(w);
    for (int i = 0; i < r->count; i++)
        jw_str(w, graha_name(r->planets[i]));
    jw_arr_end(w);
    if (lang != LANG_NONE) {
        jw_key(w, "planets_display");
        jw_arr(w);
        for (int i = 0; i < r->count; i++)
            jw_str(w, lang_name(lang, LANG_KIND_GRAHA, r->planets[i]));
        jw_arr_end(w);
    }
    jw_obj_end(w);
}

void kp_json_write(struct jsonw *w, const struct kp *kp, const struct chart *c)
{
    int lang = c->options.lang;
    jw_obj(w);
    jw_kstr(w, "ayanamsa", eph_ayanamsa_name(kp->ayanamsa));
    jw_kfixed(w, "ayanamsa_value", kp->ayanamsa_value, DEG);
    jw_kstr(w, "house_system", "placidus");
    jw_kstr(w, "house_system_used", kp->placidus ? "placidus" : "porphyry");
    jw_key(w, "horary");
    if (kp->horary > 0) {
        struct kp_sub row;
        kp_sub_row(kp->horary, &row);
        jw_obj(w);
        jw_kint(w, "number", kp->horary);
        jw_kfixed(w, "ascendant", row.start, DEG);
        jw_kfixed(w, "armc", kp->armc, DEG);
        jw_obj_end(w);
    } else {
        jw_null(w);
    }
    jw_key(w, "cusps");
    jw_arr(w);
    for (int h = 0; h < 12; h++) {
        jw_obj(w);
        jw_kint(w, "house", h + 1);
        write_point(w, &kp->cusps[h], lang);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "planets");
    jw_arr(w);
    for (int g = 0; g < kp->ngrahas; g++) {
        jw_obj(w);
        jw_kstr(w, "name", graha_name(g));
        display_json_write(w, "display", lang, LANG_KIND_GRAHA, g);
        write_point(w, &kp->grahas[g], lang);
        jw_kint(w, "house", kp->house[g]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "significators");
    write_significators(w, kp, lang);
    jw_key(w, "ruling_planets");
    write_ruling(w, kp, c);
    jw_obj_end(w);
}
