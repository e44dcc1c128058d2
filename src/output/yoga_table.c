/* yoga_table.c - the yogas present in the chart, each with the grahas that
 * form it and its rule (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

void yogas_table_write(FILE *f, const struct kundli *k)
{
    const struct yogas *ys = &k->yogas;
    if (!(k->chart.options.sections & SECTION_YOGAS))
        return;
    fprintf(f, "\nYogas (%d of %d present)\n", ys->present_count, YOGA_COUNT);
    if (ys->present_count == 0)
        return;
    fprintf(f, "%-18s %-27s %s\n", "Yoga", "Grahas", "Rule");
    for (int i = 0; i < YOGA_COUNT; i++) {
        const struct yoga *y = &ys->y[i];
        char grahas[96] = "";
        size_t n = 0;
        if (!y->present)
            continue;
        for (int p = 0; p < y->nplanets && n < sizeof grahas; p++) {
            int w = snprintf(grahas + n, sizeof grahas - n, "%s%s", p ? " " : "",
                             graha_name(y->planets[p]));
            n += w > 0 ? (size_t)w : 0;
        }
        fprintf(f, "%-18s %-27s %s\n", yoga_name(i), grahas, yoga_description(i));
    }
}
