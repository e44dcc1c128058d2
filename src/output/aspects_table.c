/* aspects_table.c - what each graha aspects, by graha drishti and by rashi
 * drishti: the houses (with their signs) and the grahas in them, the names
 * in the chart's language (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include <string.h>

/* "1 Sco, 7 Tau" and "Mars Saturn" of one drishti, each cut to its size. */
static void cells(const struct kundli *k, const struct drishti *d, char houses[96],
                  char grahas[128])
{
    size_t n = 0, m = 0;
    houses[0] = grahas[0] = '\0';
    for (int i = 0; i < d->count && n < 96; i++) {
        int w = snprintf(houses + n, 96 - n, "%s%d %s", i ? ", " : "", d->house[i],
                         table_name(k, LANG_KIND_SIGN_SHORT, d->sign[i]));
        n += w > 0 ? (size_t)w : 0;
    }
    for (int i = 0; i < d->ngrahas && m < 128; i++) {
        int w = snprintf(grahas + m, 128 - m, "%s%s", i ? " " : "",
                         table_name(k, LANG_KIND_GRAHA, d->grahas[i]));
        m += w > 0 ? (size_t)w : 0;
    }
    if (d->count == 0)
        strcpy(houses, "-");
}

void aspects_table_write(FILE *f, const struct kundli *k)
{
    const struct aspects *as = &k->aspects;
    if (!(k->chart.options.sections & SECTION_ASPECTS))
        return;
    fprintf(f,
            "\nAspects (graha drishti: Parashara, nodes %s; rashi drishti: Jaimini; "
            "houses from the lagna)\n",
            node_aspects_name(as->node_aspects));
    fprintf(f, "%-8s %-4s %-22s %-22s %-26s %s\n", "Graha", "Sign", "Graha drishti", "on",
            "Rashi drishti", "on");
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        const struct graha_aspects *a = &as->g[g];
        char gh[96], gg[128], rh[96], rg[128];
        cells(k, &a->graha_drishti, gh, gg);
        cells(k, &a->rashi_drishti, rh, rg);
        table_put(f, table_name(k, LANG_KIND_GRAHA, g), 8);
        fputc(' ', f);
        table_put(f, table_name(k, LANG_KIND_SIGN_SHORT, a->sign), 4);
        fputc(' ', f);
        table_put(f, gh, 22);
        fputc(' ', f);
        table_put(f, gg, 22);
        fputc(' ', f);
        table_put(f, rh, 26);
        fprintf(f, " %s\n", rg);
    }
}
