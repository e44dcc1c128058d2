/* aspects_json.c - serialises struct aspects with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/aspects_json.h"

#include <math.h>

static void write_drishti(struct jsonw *w, const struct drishti *d, bool objects)
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
        if (isfinite(d->strength_virupa[i]))
            jw_kfixed(w, "strength_virupa", d->strength_virupa[i], 2);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

void aspects_json_write(struct jsonw *w, const struct aspects *m, const struct chart *c)
{
    (void)c;
    jw_obj(w);
    jw_kstr(w, "node_aspects", node_aspects_name(m->node_aspects));
    jw_key(w, "grahas");
    jw_arr(w);
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        const struct graha_aspects *a = &m->g[g];
        jw_obj(w);
        jw_kstr(w, "name", graha_name(g));
        jw_kstr(w, "sign", sign_name(a->sign));
        jw_key(w, "graha_drishti");
        write_drishti(w, &a->graha_drishti, true);
        jw_key(w, "rashi_drishti");
        write_drishti(w, &a->rashi_drishti, false);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}
