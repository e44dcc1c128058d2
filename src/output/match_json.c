/* match_json.c - serialises struct match with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/match_json.h"

static void write_person(struct jsonw *w, const char *key, const struct match_person *p)
{
    jw_key(w, key);
    jw_obj(w);
    jw_kstr(w, "nakshatra", nakshatra_name(p->nakshatra));
    jw_kint(w, "pada", p->pada);
    jw_kstr(w, "moon_sign", sign_name(p->moon_sign));
    jw_obj_end(w);
}

void match_json_write(struct jsonw *w, const struct match *m)
{
    jw_obj(w);
    write_person(w, "boy", &m->boy);
    write_person(w, "girl", &m->girl);
    jw_key(w, "kootas");
    jw_arr(w);
    for (int i = 0; i < KOOTA_COUNT; i++) {
        const struct koota *k = &m->kootas[i];
        jw_obj(w);
        jw_kstr(w, "name", match_koota_name(i));
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
