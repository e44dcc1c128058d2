/* kp_table.c - section kp for `kundli chart`: the cusps and the grahas with
 * their sign, star, sub and sub-sub lords, the significators of each house
 * at four levels, and the ruling planets (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include "engine/civil.h"
#include "engine/eph.h"

/* A graha's short name: three letters of the English name ("Sun", "Moo",
 * "Mar", ...), or with option lang its abbreviation in a drawn chart. */
static const char *abbr(const struct kundli *k, int g, char out[4])
{
    if (k->chart.options.lang != LANG_NONE)
        return table_name(k, LANG_KIND_GRAHA_SHORT, g);
    const char *n = graha_name(g);
    out[0] = n[0];
    out[1] = n[1];
    out[2] = n[2];
    out[3] = '\0';
    return out;
}

/* One row: the label, the sign, the degree in it and the four lords (the
 * names in the chart's language), and the house when house > 0. */
static void print_point(FILE *f, const struct kundli *k, const char *label,
                        const struct kp_point *p, int house)
{
    int d, m;
    double s;
    int sign = zodiac_part(p->longitude, 30.0);
    zodiac_dms(p->longitude - 30.0 * sign, &d, &m, &s);
    table_put(f, label, 8);
    fputc(' ', f);
    table_put(f, table_name(k, LANG_KIND_SIGN, sign), 12);
    fprintf(f, " %2d\xC2\xB0%02d\xE2\x80\xB2%02d\xE2\x80\xB3 ", d, m, (int)s);
    const int lords[4] = {p->lords.sign, p->lords.star, p->lords.sub, p->lords.sub_sub};
    for (int i = 0; i < 4; i++) {
        fputc(' ', f);
        table_put(f, table_name(k, LANG_KIND_GRAHA, lords[i]), 8);
    }
    if (house > 0)
        fprintf(f, " %5d", house);
    fputc('\n', f);
}

static void print_grahas(FILE *f, const struct kundli *k, unsigned bits)
{
    char a[4];
    int n = 0;
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        if (bits & (1u << g))
            fprintf(f, "%s%s", n++ ? "," : "", abbr(k, g, a));
    if (!n)
        fputc('-', f);
}

void kp_table_write(FILE *f, const struct kundli *k)
{
    const struct kp *kp = &k->kp;
    char label[16];
    if (!(k->chart.options.sections & SECTION_KP))
        return;
    fprintf(f, "\nKrishnamurti Paddhati (%s ayanamsa %.6f\xC2\xB0, %s houses",
            eph_ayanamsa_name(kp->ayanamsa), kp->ayanamsa_value,
            kp->placidus ? "Placidus" : "Porphyry (Placidus undefined here)");
    if (kp->horary > 0)
        fprintf(f, ", horary number %d", kp->horary);
    fputs(")\n", f);
    fprintf(f, "%-8s %-12s %-11s %-8s %-8s %-8s %-8s\n", "cusp", "sign", "degree", "sign", "star",
            "sub", "sub-sub");
    for (int h = 0; h < 12; h++) {
        snprintf(label, sizeof label, "%d", h + 1);
        print_point(f, k, label, &kp->cusps[h], 0);
    }
    fprintf(f, "%-8s %-12s %-11s %-8s %-8s %-8s %-8s %s\n", "graha", "sign", "degree", "sign",
            "star", "sub", "sub-sub", "house");
    for (int g = 0; g < kp->ngrahas; g++)
        print_point(f, k, table_name(k, LANG_KIND_GRAHA, g), &kp->grahas[g], kp->house[g]);
    fputs("significators   level 1 (in star of occupants) | 2 (occupants) | "
          "3 (in star of lord) | 4 (lord)\n",
          f);
    for (int h = 0; h < 12; h++) {
        fprintf(f, "  house %2d  ", h + 1);
        for (int l = 0; l < KP_LEVELS; l++) {
            if (l)
                fputs(" | ", f);
            print_grahas(f, k, kp->level[h][l]);
        }
        fputc('\n', f);
    }
    const struct kp_ruling *r = &kp->ruling;
    char at[32];
    table_format_time(civil_seconds_from_jd(r->jd_ut), &k->chart, at);
    fprintf(
        f, "ruling planets at %s (%s): day %s; lagna %s/%s/%s; Moon %s/%s/%s; list ", at,
        kp->ruling_as_of ? "as_of" : "the chart's moment",
        table_name(k, LANG_KIND_GRAHA, r->day_lord), table_name(k, LANG_KIND_GRAHA, r->lagna.sign),
        table_name(k, LANG_KIND_GRAHA, r->lagna.star), table_name(k, LANG_KIND_GRAHA, r->lagna.sub),
        table_name(k, LANG_KIND_GRAHA, r->moon.sign), table_name(k, LANG_KIND_GRAHA, r->moon.star),
        table_name(k, LANG_KIND_GRAHA, r->moon.sub));
    for (int i = 0; i < r->count; i++)
        fprintf(f, "%s%s", i ? ", " : "", table_name(k, LANG_KIND_GRAHA, r->planets[i]));
    fputc('\n', f);
}
