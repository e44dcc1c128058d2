/* aspects_json.c - serialises struct aspects with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/aspects_json.h"

#include "output/display_json.h"

#include <math.h>

/* "key_display": the names of a list, in lang (nothing without lang). */
static void display_list(struct jsonw *w, const char *key, int lang, int kind, const int *index,
                         int n)
{
    if (lang == LANG_NONE)
        return;
    jw_key(w, key);
    jw_arr(w);
    for (int i = 0; i < n; i++)
        jw_str(w, lang_name(lang, kind, index[i]));
    jw_arr_end(w);
}

static void write_drishti(struct jsonw *w, const struct drishti *d, bool objects, int lang)
{
    jw_obj(w);
    jw_key(w, "nth");
    jw_arr(w);
    for (int i = 0; i < d->count; i++)
        jw_int(w, d->nth[i]);
    jw_arr_end(w);
    jw_key(w, "signs");
    jw_arr(w);
    for (int i = 0; i < d->count; i++)
        jw_str(w, sign_name(d->sign[i]));
    jw_arr_end(w);
    display_list(w, "signs_display", lang, LANG_KIND_SIGN, d->sign, d->count);
    jw_key(w, "houses");
    jw_arr(w);
    for (int i = 0; i < d->count; i++)
        jw_int(w, d->house[i]);
    jw_arr_end(w);
    jw_key(w, "grahas");
    jw_arr(w);
    for (int i = 0; i < d->ngrahas; i++) {
        if (!objects) {
            jw_str(w, graha_name(d->grahas[i]));
            continue;
        }
        jw_obj(w);
        jw_kstr(w, "name", graha_name(d->grahas[i]));
        display_json_write(w, "display", lang, LANG_KIND_GRAHA, d->grahas[i]);
        if (isfinite(d->strength_virupa[i]))
            jw_kfixed(w, "strength_virupa", d->strength_virupa[i], 2);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    if (!objects)
        display_list(w, "grahas_display", lang, LANG_KIND_GRAHA, d->grahas, d->ngrahas);
    jw_obj_end(w);
}

void aspects_json_write(struct jsonw *w, const struct aspects *m, const struct chart *c)
{
    const int lang = c->options.lang;
    jw_obj(w);
    jw_kstr(w, "node_aspects", node_aspects_name(m->node_aspects));
    jw_key(w, "grahas");
    jw_arr(w);
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        const struct graha_aspects *a = &m->g[g];
        jw_obj(w);
        jw_kstr(w, "name", graha_name(g));
        display_json_write(w, "display", lang, LANG_KIND_GRAHA, g);
        jw_kstr(w, "sign", sign_name(a->sign));
        display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, a->sign);
        jw_key(w, "graha_drishti");
        write_drishti(w, &a->graha_drishti, true, lang);
        jw_key(w, "rashi_drishti");
        write_drishti(w, &a->rashi_drishti, false, lang);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}
