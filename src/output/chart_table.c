/* chart_table.c - the head of the readable chart (birth, UT, settings) and
 * the D1 tables of the lagna and grahas and of the houses (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/karaka.h"

#include <math.h>

void table_format_time(double ut, const struct chart *c, char out[32])
{
    struct tz_conv local;
    tz_ut_to_local(c->zone, ut, c->birth.longitude, &local);
    int off = (int)lround(local.offset);
    civil_format_iso(ut, &off, out);
    out[16] = '\0'; /* to the minute */
}

void chart_table_head(FILE *f, const struct kundli *k)
{
    const struct chart *c = &k->chart;
    char ut[32], off[16];
    civil_format_iso(c->tz.ut, NULL, ut);
    civil_format_offset((int)lround(c->tz.offset), off);
    fprintf(f, "Birth    %04d-%02d-%02d %02d:%02d:%02d %s (%s %s)  lat %.4f lon %.4f\n",
            c->birth.local.year, c->birth.local.month, c->birth.local.day, c->birth.local.hour,
            c->birth.local.minute, c->birth.local.second, c->zone_name, c->tz.abbrev, off,
            c->birth.latitude, c->birth.longitude);
    fprintf(f, "UT       %s  JD %.6f  delta T %.1f s\n", ut, c->jd_ut, c->delta_t);
    fprintf(f, "Settings ayanamsa %s %.6f\xC2\xB0, node %s, houses %s%s, ephemeris %s\n",
            eph_ayanamsa_name(c->options.ayanamsa), c->ayanamsa_value, node_name(c->options.node),
            house_system_name(c->house_system_used), c->house_fallback ? " (fallback)" : "",
            c->ephemeris == EPH_SWISS ? "swiss" : "moshier");
}

/* Name, sign, degree, nakshatra and pada columns of a row, the names in
 * the chart's language. */
static void print_pos(FILE *f, const struct kundli *k, const char *name, const struct zodiac_pos *p)
{
    int d, m;
    double s;
    zodiac_dms(p->degree, &d, &m, &s);
    table_put(f, name, 9);
    fputc(' ', f);
    table_put(f, table_name(k, LANG_KIND_SIGN, p->sign), 11);
    fprintf(f, " %2d\xC2\xB0%02d'%05.2f\"  ", d, m, s);
    table_put(f, table_name(k, LANG_KIND_NAKSHATRA, p->nakshatra), 17);
    fprintf(f, " %d", p->pada);
}

void planets_table_write(FILE *f, const struct kundli *k)
{
    const struct chart *c = &k->chart;
    if (!(c->options.sections & SECTION_PLANETS))
        return;
    fprintf(f, "\nPlanets\n");
    fprintf(f, "%-9s %-11s %-13s %-17s %s  %-5s %-5s %-13s %-4s %s\n", "Body", "Sign", "Degree",
            "Nakshatra", "Pada", "House", "Bhava", "Dignity", "Flag", "Karaka");
    print_pos(f, k, table_name(k, LANG_KIND_LAGNA, 0), &c->ascendant);
    fprintf(f, "     1\n");
    for (int g = 0; g < c->ngrahas; g++) {
        const struct graha_pos *gp = &c->grahas[g];
        char flags[4] = "";
        size_t n = 0;
        if (gp->retrograde && g != GRAHA_RAHU && g != GRAHA_KETU)
            flags[n++] = 'R';
        if (gp->combust)
            flags[n++] = 'C';
        flags[n] = '\0';
        print_pos(f, k, table_name(k, LANG_KIND_GRAHA, g), &gp->pos);
        fprintf(f, "     %-5d %-5d %-13s %-4s %s\n", gp->house, gp->bhava,
                dignity_name(gp->dignity), flags,
                gp->karaka == KARAKA_NONE ? "" : karaka_name(gp->karaka));
    }
}

void houses_table_write(FILE *f, const struct kundli *k)
{
    const struct chart *c = &k->chart;
    if (!(c->options.sections & SECTION_HOUSES))
        return;
    fprintf(f, "\nHouses\n");
    fprintf(f, "%-5s %-11s %-8s %-13s %s\n", "House", "Sign", "Lord", "Cusp", "Occupants");
    for (int h = 0; h < 12; h++) {
        const struct house *hs = &c->houses[h];
        int d, m;
        double s;
        zodiac_dms(hs->cusp - 30.0 * zodiac_part(hs->cusp, 30.0), &d, &m, &s);
        fprintf(f, "%-5d ", h + 1);
        table_put(f, table_name(k, LANG_KIND_SIGN, hs->sign), 11);
        fputc(' ', f);
        table_put(f, table_name(k, LANG_KIND_GRAHA, sign_lord(hs->sign)), 8);
        fprintf(f, " %2d\xC2\xB0%02d'%05.2f\"  ", d, m, s);
        for (int g = 0; g < c->ngrahas; g++)
            if (hs->occupants & (1u << g))
                fprintf(f, "%s ", table_name(k, LANG_KIND_GRAHA, g));
        fprintf(f, "\n");
    }
}
