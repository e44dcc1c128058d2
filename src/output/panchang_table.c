/* panchang_table.c - the panchang at birth: a summary line and a table of
 * the five limbs with sunrise and sunset (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

/* A limb's row; detail may be empty. */
static void row(FILE *f, const char *limb, int number, const char *name, const char *detail)
{
    fprintf(f, "%-10s %3d  ", limb, number);
    if (*detail) {
        table_put(f, name, 20);
        fprintf(f, " %s\n", detail);
    } else {
        fprintf(f, "%s\n", name);
    }
}

/* Sunrise or sunset (event "rise" or "set") in the place's zone. */
static void time_row(FILE *f, const char *name, const char *event, const struct panchang_time *t)
{
    char iso[32];
    if (!t->valid) {
        fprintf(f, "%-10s      none (the Sun does not %s)\n", name, event);
        return;
    }
    civil_format_iso(t->ut, &t->offset, iso);
    fprintf(f, "%-10s      %s\n", name, iso);
}

void panchang_table_write(FILE *f, const struct kundli *k)
{
    const struct panchang *p = &k->panchang;
    char detail[160];
    if (!(k->chart.options.sections & SECTION_PANCHANG))
        return;
    const char *vara = table_name(k, LANG_KIND_VARA, p->vara);
    const char *tithi = table_name(k, LANG_KIND_TITHI, p->tithi - 1);
    const char *nakshatra = table_name(k, LANG_KIND_NAKSHATRA, p->nakshatra - 1);
    const char *yoga = table_name(k, LANG_KIND_YOGA, p->yoga - 1);
    const char *karana = table_name(k, LANG_KIND_KARANA, panchang_karana_index(p->karana));
    fprintf(f, "\nPanchang  %s, tithi %d %s, nakshatra %s %d, yoga %s, karana %s\n", vara, p->tithi,
            tithi, nakshatra, p->pada, yoga, karana);
    fprintf(f, "%-10s %3s  %-20s %s\n", "Limb", "No.", "Name", "Detail");
    /* enum graha runs in weekday order: the vara's lord is graha p->vara */
    snprintf(detail, sizeof detail, "%s, lord %s", panchang_vara_sanskrit(p->vara),
             table_name(k, LANG_KIND_GRAHA, p->vara));
    row(f, "Vara", p->vara + 1, vara, detail);
    snprintf(detail, sizeof detail, "%s paksha, elongation %.2f\xC2\xB0",
             k->chart.options.lang == LANG_NONE ? panchang_paksha_name(p->paksha)
                                                : table_name(k, LANG_KIND_PAKSHA, p->paksha),
             p->elongation);
    row(f, "Tithi", p->tithi, tithi, detail);
    snprintf(detail, sizeof detail, "pada %d, lord %s", p->pada,
             table_name(k, LANG_KIND_GRAHA, nakshatra_lord(p->nakshatra - 1)));
    row(f, "Nakshatra", p->nakshatra, nakshatra, detail);
    snprintf(detail, sizeof detail, "sidereal Sun + Moon %.2f\xC2\xB0", p->yoga_longitude);
    row(f, "Yoga", p->yoga, yoga, detail);
    row(f, "Karana", p->karana, karana, "");
    time_row(f, "Sunrise", "rise", &p->sunrise);
    time_row(f, "Sunset", "set", &p->sunset);
}
