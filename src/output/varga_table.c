/* varga_table.c - the sixteen divisional charts as one grid of signs, and
 * a single divisional chart in detail (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

/* The width of the grid's columns: the widest short sign name of the
 * chart's language (3 in English: "Ari" .. "Pis"). */
static int column_width(const struct kundli *k)
{
    int width = 3;
    for (int s = 0; s < 12; s++) {
        int w = table_width(table_name(k, LANG_KIND_SIGN_SHORT, s));
        width = w > width ? w : width;
    }
    return width;
}

/* One row of the grid: the body's sign in each varga, as its short name. */
static void grid_row(FILE *f, const struct kundli *k, const char *name, int g, int width)
{
    const struct vargas *vs = &k->vargas;
    table_put(f, name, 9);
    for (int v = 0; v < VARGA_COUNT; v++) {
        const struct varga_chart *vc = &vs->charts[v];
        fputc(' ', f);
        table_put(
            f, table_name(k, LANG_KIND_SIGN_SHORT, g < 0 ? vc->ascendant.sign : vc->grahas[g].sign),
            v == VARGA_COUNT - 1 ? 0 : width);
    }
    fprintf(f, "\n");
}

void vargas_table_write(FILE *f, const struct kundli *k)
{
    const struct vargas *vs = &k->vargas;
    if (!(k->chart.options.sections & SECTION_VARGAS))
        return;
    fprintf(f, "\nVargas (sign of the lagna and each graha in the sixteen divisional charts)\n");
    int width = column_width(k);
    fprintf(f, "%-9s", "Body");
    for (int v = 0; v < VARGA_COUNT; v++)
        fprintf(f, " %-*s", width, varga_name(v));
    fprintf(f, "\n");
    grid_row(f, k, table_name(k, LANG_KIND_LAGNA, 0), -1, width);
    for (int g = 0; g < vs->ngrahas; g++)
        grid_row(f, k, table_name(k, LANG_KIND_GRAHA, g), g, width);
}

void varga_chart_table_write(FILE *f, const struct kundli *k, int v)
{
    if (!(k->chart.options.sections & SECTION_VARGAS) || v < 0 || v >= VARGA_COUNT)
        return;
    const struct varga_chart *vc = &k->vargas.charts[v];
    fprintf(f, "\n%s (%d parts)\n", varga_name(v), varga_division(v));
    for (int g = -1; g < k->vargas.ngrahas; g++) {
        fputs("  ", f);
        table_put(f, g < 0 ? table_name(k, LANG_KIND_LAGNA, 0) : table_name(k, LANG_KIND_GRAHA, g),
                  9);
        fputc(' ', f);
        table_put(f, table_name(k, LANG_KIND_SIGN, g < 0 ? vc->ascendant.sign : vc->grahas[g].sign),
                  11);
        fprintf(f, " %6.2f\n", g < 0 ? vc->ascendant.degree : vc->grahas[g].degree);
    }
}
