/* summary_table.c - the native's summary (avakhada chakra) as a two-column
 * table (see tables.h).
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
    fprintf(f, "%-16s %s pada %d, lord %s\n", "Nakshatra", nakshatra_name(s->nakshatra), s->pada,
            graha_name(s->nakshatra_lord));
    fprintf(f, "%-16s %s, lord %s\n", "Rashi", sign_name(s->rashi), graha_name(s->rashi_lord));
    fprintf(f, "%-16s %s, lord %s\n", "Lagna", sign_name(s->lagna), graha_name(s->lagna_lord));
    fprintf(f, "%-16s %s (Moon in house %d), %s (by nakshatra)\n", "Paya",
            summary_paya_name(s->paya_moon_house), s->moon_house,
            summary_paya_name(s->paya_nakshatra));
    fprintf(f, "%-16s %s\n", "Tatva", summary_tatva_name(s->tatva));
    fprintf(f, "%-16s %s (%s)\n", "Namakshar", s->name, s->display);
    fprintf(f, "%-16s %s\n", "Yunja", summary_yunja_name(s->yunja));
    if (s->before_sunrise)
        fprintf(f, "%-16s %s (Vedic day, from sunrise); civil date %s, before sunrise\n", "Weekday",
                panchang_vara_name(s->vedic_weekday), panchang_vara_name(s->civil_weekday));
    else
        fprintf(f, "%-16s %s\n", "Weekday", panchang_vara_name(s->vedic_weekday));
}
