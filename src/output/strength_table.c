/* strength_table.c - the strength section for `kundli chart`: shadbala by
 * component, bhava bala and vimshopaka bala (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

static const char *const abbrev[STRENGTH_GRAHAS] = {"Sun", "Moon", "Mars", "Merc",
                                                    "Jup", "Ven",  "Sat"};

/* One row: a label and the seven grahas' values. */
static void row(FILE *f, const char *label, const struct strength *s, size_t offset)
{
    fprintf(f, "  %-14s", label);
    for (int g = 0; g < STRENGTH_GRAHAS; g++)
        fprintf(f, "%9.2f", *(const double *)((const char *)&s->graha[g] + offset));
    fputc('\n', f);
}

#define ROW(label, field) row(f, label, s, offsetof(struct shadbala, field))

void strength_table_write(FILE *f, const struct kundli *k)
{
    if (!(k->chart.options.sections & SECTION_STRENGTH))
        return;
    const struct strength *s = &k->strength;
    fprintf(f, "\nShadbala (virupas; 60 = 1 rupa; school %s)\n  %-14s",
            strength_school_name(s->school), "");
    for (int g = 0; g < STRENGTH_GRAHAS; g++) { /* right-aligned in 9 columns */
        const char *name =
            k->chart.options.lang == LANG_NONE ? abbrev[g] : table_name(k, LANG_KIND_GRAHA, g);
        for (int w = table_width(name); w < 9; w++)
            fputc(' ', f);
        fputs(name, f);
    }
    fputc('\n', f);
    ROW("uchcha", uchcha);
    ROW("saptavargaja", saptavargaja);
    ROW("ojayugma", ojayugma);
    ROW("kendradi", kendradi);
    ROW("drekkana", drekkana);
    ROW("= sthana", sthana);
    ROW("dig", dig);
    ROW("nathonnatha", nathonnatha);
    ROW("paksha", paksha);
    ROW("tribhaga", tribhaga);
    ROW("abda", abda);
    ROW("masa", masa);
    ROW("vara", vara);
    ROW("hora", hora);
    ROW("ayana", ayana);
    ROW("yuddha", yuddha);
    ROW("= kala", kala);
    ROW("cheshta", cheshta);
    ROW("naisargika", naisargika);
    ROW("drik", drik);
    ROW("total", total);
    ROW("rupas", rupas);
    ROW("required", required);
    ROW("ratio", ratio);
    ROW("ishta phala", ishta);
    ROW("kashta phala", kashta);
    fprintf(
        f, "  lords: year %s, month %s, weekday %s, hora %s",
        table_name(k, LANG_KIND_GRAHA, s->abda_lord), table_name(k, LANG_KIND_GRAHA, s->masa_lord),
        table_name(k, LANG_KIND_GRAHA, s->vara_lord), table_name(k, LANG_KIND_GRAHA, s->hora_lord));
    if (s->war_winner >= 0)
        fprintf(f, "; war: %s beats %s", table_name(k, LANG_KIND_GRAHA, s->war_winner),
                table_name(k, LANG_KIND_GRAHA, s->war_loser));
    fputc('\n', f);

    fprintf(f, "\nBhava bala (virupas)\nHouse Sign        Madhya   Lord     Adhipati   Dig  "
               "Drishti    Total  Rupas\n");
    for (int h = 0; h < 12; h++) {
        const struct bhava_bala *b = &s->bhava[h];
        fprintf(f, "%-5d ", h + 1);
        table_put(f, table_name(k, LANG_KIND_SIGN, b->sign), 11);
        fprintf(f, " %7.2f  ", b->madhya);
        table_put(f, table_name(k, LANG_KIND_GRAHA, b->lord), 8);
        fprintf(f, " %8.2f %5.0f %8.2f %8.2f %6.2f\n", b->adhipati, b->dig, b->drishti, b->total,
                b->rupas);
    }

    fprintf(f, "\nVimshopaka bala (of 20)\nGraha     Shadvarga Saptavarga Dashavarga "
               "Shodasavarga\n");
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        table_put(f, table_name(k, LANG_KIND_GRAHA, g), 9);
        fprintf(f, " %9.2f %10.2f %10.2f %12.2f\n", s->vimshopaka[g][VIMSHOPAKA_SHADVARGA],
                s->vimshopaka[g][VIMSHOPAKA_SAPTAVARGA], s->vimshopaka[g][VIMSHOPAKA_DASHAVARGA],
                s->vimshopaka[g][VIMSHOPAKA_SHODASAVARGA]);
    }
}
