/* ashtakavarga_table.c - the bhinnashtakavarga grid (a row per graha and
 * the lagna, a column per sign) and the sarvashtakavarga row (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

void ashtakavarga_table_write(FILE *f, const struct kundli *k)
{
    const struct ashtakavarga *a = &k->ashtakavarga;
    if (!(k->chart.options.sections & SECTION_ASHTAKAVARGA))
        return;
    fprintf(f, "\nAshtakavarga (bindus per sign; sarva adds the rows Sun .. Saturn)\n");
    fprintf(f, "%-9s", "Bhinna");
    for (int s = 0; s < 12; s++)
        fprintf(f, " %3.3s", sign_name(s));
    fprintf(f, "  %5s\n", "Total");
    for (int r = 0; r < AV_ROWS; r++) {
        fprintf(f, "%-9s", ashtakavarga_row_name(r));
        for (int s = 0; s < 12; s++)
            fprintf(f, " %3d", a->bhinna[r][s]);
        fprintf(f, "  %5d\n", a->bhinna_total[r]);
    }
    fprintf(f, "%-9s", "Sarva");
    for (int s = 0; s < 12; s++)
        fprintf(f, " %3d", a->sarva[s]);
    fprintf(f, "  %5d\n", a->sarva_total);
}
