/* yoga_json.c - serialises struct yogas with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/yoga_json.h"

void yoga_json_write(struct jsonw *w, const struct yogas *m, const struct chart *c)
{
    (void)c;
    jw_arr(w);
    for (int i = 0; i < YOGA_COUNT; i++) {
        const struct yoga *y = &m->y[i];
        jw_obj(w);
        jw_kstr(w, "name", yoga_name(i));
        jw_kbool(w, "present", y->present);
        jw_key(w, "planets");
        jw_arr(w);
        for (int k = 0; k < y->nplanets; k++)
            jw_str(w, graha_name(y->planets[k]));
        jw_arr_end(w);
        jw_kstr(w, "description", yoga_description(i));
        jw_kstr(w, "source", yoga_source(i));
        jw_obj_end(w);
    }
    jw_arr_end(w);
}
