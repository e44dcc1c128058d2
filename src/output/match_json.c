/* match_json.c - serialises struct match with the streaming writer: the
 * Ashtakoota kootas or the ten poruthams, the verdict and manglik.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/match_json.h"

#include "output/display_json.h"

static void write_person(struct jsonw *w, const char *key, const struct match_person *p, int lang)
{
    jw_key(w, key);
    jw_obj(w);
    jw_kstr(w, "nakshatra", nakshatra_name(p->nakshatra));
    display_json_write(w, "nakshatra_display", lang, LANG_KIND_NAKSHATRA, p->nakshatra);
    jw_kint(w, "pada", p->pada);
    jw_kstr(w, "moon_sign", sign_name(p->moon_sign));
    display_json_write(w, "moon_sign_display", lang, LANG_KIND_SIGN, p->moon_sign);
    jw_obj_end(w);
}

static void write_kootas(struct jsonw *w, const struct match *m, int lang)
{
    jw_key(w, "kootas");
    jw_arr(w);
    for (int i = 0; i < KOOTA_COUNT; i++) {
        const struct koota *k = &m->kootas[i];
        jw_obj(w);
        jw_kstr(w, "name", match_koota_name(i));
        display_json_write(w, "display", lang, LANG_KIND_KOOTA, i);
        jw_kfixed(w, "points", k->points, 1);
        jw_kfixed(w, "max", k->max, 0);
        jw_kstr(w, "reason", k->reason);
        if (k->exception != MATCH_EXC_NONE) {
            jw_kstr(w, "exception", k->exception_text);
            jw_kstr(w, "exception_code", match_exception_code(k->exception));
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_kfixed(w, "total", m->total, 1);
    jw_kfixed(w, "max", m->max, 0);
}

static void write_papa_side(struct jsonw *w, const char *key, const struct match_person *p,
                            double total)
{
    jw_key(w, key);
    jw_obj(w);
    jw_kfixed(w, "lagna", p->papa[PAPA_LAGNA], 2);
    jw_kfixed(w, "moon", p->papa[PAPA_MOON], 2);
    jw_kfixed(w, "venus", p->papa[PAPA_VENUS], 2);
    jw_kfixed(w, "total", total, 2);
    jw_obj_end(w);
}

static void write_poruthams(struct jsonw *w, const struct match *m, int lang)
{
    jw_key(w, "poruthams");
    jw_arr(w);
    for (int i = 0; i < PORUTHAM_COUNT; i++) {
        const struct porutham *p = &m->poruthams[i];
        jw_obj(w);
        jw_kstr(w, "name", match_porutham_name(i));
        display_json_write(w, "display", lang, LANG_KIND_PORUTHAM, i);
        jw_kbool(w, "present", p->present);
        if (p->deciding)
            jw_kbool(w, "deciding", true);
        jw_kstr(w, "reason", p->reason);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_kint(w, "count", m->count);
    jw_kint(w, "max", PORUTHAM_COUNT);
    jw_kbool(w, "rajju_ok", m->rajju_ok);
    jw_kbool(w, "vedha_ok", m->vedha_ok);
    if (m->have_papasamyam) {
        jw_key(w, "papasamyam");
        jw_obj(w);
        write_papa_side(w, "boy", &m->boy, m->papa_boy);
        write_papa_side(w, "girl", &m->girl, m->papa_girl);
        jw_kbool(w, "balanced", m->papa_balanced);
        jw_kstr(w, "reason", m->papa_reason);
        jw_obj_end(w);
    }
}

void match_json_write(struct jsonw *w, const struct match *m, int lang)
{
    jw_obj(w);
    jw_kstr(w, "system", match_system_name(m->system));
    if (m->system == MATCH_SYSTEM_ASHTAKOOTA)
        jw_kstr(w, "school", match_school_name(m->school));
    write_person(w, "boy", &m->boy, lang);
    write_person(w, "girl", &m->girl, lang);
    if (m->system == MATCH_SYSTEM_PORUTHAM)
        write_poruthams(w, m, lang);
    else
        write_kootas(w, m, lang);
    jw_key(w, "verdict");
    jw_obj(w);
    jw_kstr(w, "band", match_band_name(m->verdict.band));
    jw_kstr(w, "text", m->verdict.text);
    jw_kstr(w, "source", m->verdict.source);
    jw_obj_end(w);
    if (m->have_manglik) {
        jw_key(w, "manglik");
        jw_obj(w);
        jw_kbool(w, "boy", m->boy.manglik);
        jw_kbool(w, "girl", m->girl.manglik);
        jw_kbool(w, "compatible", m->manglik_compatible);
        jw_kstr(w, "reason", m->manglik_reason);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

void match_pair_json_write(struct jsonw *w, const struct match_cell *c, int manglik)
{
    jw_kfixed(w, "total", c->total2 / 2.0, 1);
    jw_key(w, "kootas");
    jw_obj(w);
    bool any = false;
    for (int i = 0; i < KOOTA_COUNT; i++) {
        jw_kfixed(w, match_koota_name(i), c->points2[i] / 2.0, 1);
        any = any || c->exception[i] != MATCH_EXC_NONE;
    }
    jw_obj_end(w);
    if (any) {
        jw_key(w, "exceptions");
        jw_obj(w);
        for (int i = 0; i < KOOTA_COUNT; i++)
            if (c->exception[i] != MATCH_EXC_NONE)
                jw_kstr(w, match_koota_name(i), match_exception_code(c->exception[i]));
        jw_obj_end(w);
    }
    if (manglik >= 0)
        jw_kbool(w, "manglik_compatible", manglik != 0);
}
