/* svg_table.c - the registry's table of section svg for `kundli chart`:
 * the drawings are printed by --svg, not as a table (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

void svg_table_write(FILE *f, const struct kundli *k)
{
    if (!(k->chart.options.sections & SECTION_SVG))
        return;
    fprintf(f, "\nDrawings (%s style)\n", chart_style_name(k->chart.options.chart_style));
    fputs("print one as SVG with --svg north|south|east [--varga D9]\n", f);
}
