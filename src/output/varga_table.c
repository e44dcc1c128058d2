/* varga_table.c - the sixteen divisional charts as one grid of signs, and
 * a single divisional chart in detail (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

/* One row of the grid: the body's sign in each varga, as three letters. */
static void grid_row(FILE *f, const char *name, const struct vargas *vs, int g)
{
    fprintf(f, "%-9s", name);
    for (int v = 0; v < VARGA_COUNT; v++) {
        const struct varga_chart *vc = &vs->charts[v];
        fprintf(f, " %-3.3s", sign_name(g < 0 ? vc->ascendant.sign : vc->grahas[g].sign));
    }
    fprintf(f, "\n");
}

void vargas_table_write(FILE *f, const struct kundli *k)
{
    const struct vargas *vs = &k->vargas;
    if (!(k->chart.options.sections & SECTION_VARGAS))
        return;
    fprintf(f, "\nVargas (sign of the lagna and each graha in the sixteen divisional charts)\n");
    fprintf(f, "%-9s", "Body");
    for (int v = 0; v < VARGA_COUNT; v++)
        fprintf(f, " %-3s", varga_name(v));
    fprintf(f, "\n");
    grid_row(f, "Lagna", vs, -1);
    for (int g = 0; g < vs->ngrahas; g++)
        grid_row(f, graha_name(g), vs, g);
}

void varga_chart_table_write(FILE *f, const struct kundli *k, int v)
{
    if (!(k->chart.options.sections & SECTION_VARGAS) || v < 0 || v >= VARGA_COUNT)
        return;
    const struct varga_chart *vc = &k->vargas.charts[v];
    fprintf(f, "\n%s (%d parts)\n", varga_name(v), varga_division(v));
    fprintf(f, "  %-9s %-11s %6.2f\n", "Lagna", sign_name(vc->ascendant.sign),
            vc->ascendant.degree);
    for (int g = 0; g < k->vargas.ngrahas; g++)
        fprintf(f, "  %-9s %-11s %6.2f\n", graha_name(g), sign_name(vc->grahas[g].sign),
                vc->grahas[g].degree);
}
