/* panchang_table.c - the panchang at birth: a summary line and a table of
 * the five limbs with sunrise and sunset (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

/* A limb's row; detail may be empty. */
static void row(FILE *f, const char *limb, int number, const char *name, const char *detail)
{
    if (*detail)
        fprintf(f, "%-10s %3d  %-20s %s\n", limb, number, name, detail);
    else
        fprintf(f, "%-10s %3d  %s\n", limb, number, name);
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
    char detail[96];
    if (!(k->chart.options.sections & SECTION_PANCHANG))
        return;
    fprintf(f, "\nPanchang  %s, tithi %d %s, nakshatra %s %d, yoga %s, karana %s\n",
            panchang_vara_name(p->vara), p->tithi, panchang_tithi_name(p->tithi),
            nakshatra_name(p->nakshatra - 1), p->pada, panchang_yoga_name(p->yoga),
            panchang_karana_name(p->karana));
    fprintf(f, "%-10s %3s  %-20s %s\n", "Limb", "No.", "Name", "Detail");
    snprintf(detail, sizeof detail, "%s, lord %s", panchang_vara_sanskrit(p->vara),
             graha_name(p->vara)); /* enum graha runs in weekday order */
    row(f, "Vara", p->vara + 1, panchang_vara_name(p->vara), detail);
    snprintf(detail, sizeof detail, "%s paksha, elongation %.2f\xC2\xB0",
             panchang_paksha_name(p->paksha), p->elongation);
    row(f, "Tithi", p->tithi, panchang_tithi_name(p->tithi), detail);
    snprintf(detail, sizeof detail, "pada %d, lord %s", p->pada,
             graha_name(nakshatra_lord(p->nakshatra - 1)));
    row(f, "Nakshatra", p->nakshatra, nakshatra_name(p->nakshatra - 1), detail);
    snprintf(detail, sizeof detail, "sidereal Sun + Moon %.2f\xC2\xB0", p->yoga_longitude);
    row(f, "Yoga", p->yoga, panchang_yoga_name(p->yoga), detail);
    row(f, "Karana", p->karana, panchang_karana_name(p->karana), "");
    time_row(f, "Sunrise", "rise", &p->sunrise);
    time_row(f, "Sunset", "set", &p->sunset);
}
