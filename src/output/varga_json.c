/* varga_json.c - serialises struct vargas with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/varga_json.h"

#include "output/display_json.h"

#define DEG 8 /* decimals for angles, as in chart_json.c */

static void write_pos(struct jsonw *w, const struct varga_pos *p, int lang)
{
    jw_kstr(w, "sign", sign_name(p->sign));
    display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, p->sign);
    jw_kint(w, "sign_number", p->sign + 1);
    jw_kfixed(w, "degree", p->degree, DEG);
}

void varga_json_write(struct jsonw *w, const struct vargas *m, const struct chart *c)
{
    int lang = c->options.lang;
    jw_obj(w);
    for (int v = 0; v < VARGA_COUNT; v++) {
        const struct varga_chart *vc = &m->charts[v];
        jw_key(w, varga_name(v));
        jw_obj(w);
        jw_key(w, "ascendant");
        jw_obj(w);
        write_pos(w, &vc->ascendant, lang);
        jw_obj_end(w);
        jw_key(w, "planets");
        jw_arr(w);
        for (int g = 0; g < m->ngrahas; g++) {
            jw_obj(w);
            jw_kstr(w, "name", graha_name(g));
            display_json_write(w, "display", lang, LANG_KIND_GRAHA, g);
            write_pos(w, &vc->grahas[g], lang);
            jw_obj_end(w);
        }
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}
