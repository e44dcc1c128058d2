/* aspects_table.c - what each graha aspects, by graha drishti and by rashi
 * drishti: the houses (with their signs) and the grahas in them (see
 * tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include <string.h>

/* "1 Sco, 7 Tau" and "Mars Saturn" of one drishti, each cut to its width. */
static void cells(const struct drishti *d, char houses[48], char grahas[64])
{
    size_t n = 0, m = 0;
    houses[0] = grahas[0] = '\0';
    for (int i = 0; i < d->count && n < 48; i++) {
        int w = snprintf(houses + n, 48 - n, "%s%d %.3s", i ? ", " : "", d->house[i],
                         sign_name(d->sign[i]));
        n += w > 0 ? (size_t)w : 0;
    }
    for (int i = 0; i < d->ngrahas && m < 64; i++) {
        int w = snprintf(grahas + m, 64 - m, "%s%s", i ? " " : "", graha_name(d->grahas[i]));
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
        char gh[48], gg[64], rh[48], rg[64];
        cells(&a->graha_drishti, gh, gg);
        cells(&a->rashi_drishti, rh, rg);
        fprintf(f, "%-8s %-4.3s %-22s %-22s %-26s %s\n", graha_name(g), sign_name(a->sign), gh, gg,
                rh, rg);
    }
}
