/* ashtakavarga_json.c - serialises struct ashtakavarga with the streaming
 * writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/ashtakavarga_json.h"

static void write_signs(struct jsonw *w, const int *v)
{
    jw_arr(w);
    for (int s = 0; s < 12; s++)
        jw_int(w, v[s]);
    jw_arr_end(w);
}

void ashtakavarga_json_write(struct jsonw *w, const struct ashtakavarga *m,
                             const struct chart *c)
{
    (void)c;
    jw_obj(w);
    jw_key(w, "bhinna");
    jw_obj(w);
    for (int r = 0; r < AV_ROWS; r++) {
        int row[12];
        for (int s = 0; s < 12; s++)
            row[s] = m->bhinna[r][s];
        jw_key(w, ashtakavarga_row_name(r));
        write_signs(w, row);
    }
    jw_obj_end(w);
    jw_key(w, "bhinna_totals");
    jw_obj(w);
    for (int r = 0; r < AV_ROWS; r++)
        jw_kint(w, ashtakavarga_row_name(r), m->bhinna_total[r]);
    jw_obj_end(w);
    jw_key(w, "sarva");
    write_signs(w, m->sarva);
    jw_kint(w, "sarva_total", m->sarva_total);
    jw_obj_end(w);
}
