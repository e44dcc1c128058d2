/* summary_table.c - the native's summary (avakhada chakra) as a two-column
 * table (see tables.h); the nakshatra, signs, lords and weekdays in the
 * chart's language, the avakhada names (varna .. nadi, paya, tatva, yunja)
 * in English.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include "engine/match.h"

void summary_table_write(FILE *f, const struct kundli *k)
{
    const struct summary *s = &k->summary;
    if (!(k->chart.options.sections & SECTION_SUMMARY))
        return;
    fprintf(f, "\nSummary (avakhada chakra)\n");
    fprintf(f, "%-16s %s\n", "Varna", match_varna_name(s->varna));
    fprintf(f, "%-16s %s\n", "Vashya", match_vashya_name(s->vashya));
    fprintf(f, "%-16s %s\n", "Yoni", match_yoni_name(s->yoni));
    fprintf(f, "%-16s %s\n", "Gana", match_gana_name(s->gana));
    fprintf(f, "%-16s %s\n", "Nadi", match_nadi_name(s->nadi));
    fprintf(f, "%-16s %s pada %d, lord %s\n", "Nakshatra",
            table_name(k, LANG_KIND_NAKSHATRA, s->nakshatra), s->pada,
            table_name(k, LANG_KIND_GRAHA, s->nakshatra_lord));
    fprintf(f, "%-16s %s, lord %s\n", "Rashi", table_name(k, LANG_KIND_SIGN, s->rashi),
            table_name(k, LANG_KIND_GRAHA, s->rashi_lord));
    fprintf(f, "%-16s %s, lord %s\n", "Lagna", table_name(k, LANG_KIND_SIGN, s->lagna),
            table_name(k, LANG_KIND_GRAHA, s->lagna_lord));
    fprintf(f, "%-16s %s (Moon in house %d), %s (by nakshatra)\n", "Paya",
            summary_paya_name(s->paya_moon_house), s->moon_house,
            summary_paya_name(s->paya_nakshatra));
    fprintf(f, "%-16s %s\n", "Tatva", summary_tatva_name(s->tatva));
    fprintf(f, "%-16s %s (%s)\n", "Namakshar", s->name, s->display);
    fprintf(f, "%-16s %s\n", "Yunja", summary_yunja_name(s->yunja));
    if (s->before_sunrise)
        fprintf(f, "%-16s %s (Vedic day, from sunrise); civil date %s, before sunrise\n", "Weekday",
                table_name(k, LANG_KIND_VARA, s->vedic_weekday),
                table_name(k, LANG_KIND_VARA, s->civil_weekday));
    else
        fprintf(f, "%-16s %s\n", "Weekday", table_name(k, LANG_KIND_VARA, s->vedic_weekday));
}
