/* dosha_table.c - manglik with its references and cancellations, kaal sarp
 * and sade sati at the as-of date as one table of doshas (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include "engine/civil.h"

#include <math.h>

static const char *yes_no(bool b)
{
    return b ? "yes" : "no";
}

/* Name of manglik reference r: "Lagna", "Moon", "Venus". */
static const char *manglik_ref_name(int r)
{
    if (r == MANGLIK_LAGNA)
        return ashtakavarga_row_name(AV_LAGNA);
    return graha_name(r == MANGLIK_MOON ? GRAHA_MOON : GRAHA_VENUS);
}

static void print_manglik(FILE *f, const struct manglik *m)
{
    bool raw = m->from_lagna || m->from_moon || m->from_venus;
    fprintf(f, "%-10s %-8s Mars in %s; houses", "Manglik", yes_no(m->present),
            sign_name(m->mars_sign));
    for (int h = 1, first = 1; h <= 12; h++)
        if ((MANGLIK_HOUSES >> h) & 1u) {
            fprintf(f, "%s%d", first ? " " : ",", h);
            first = 0;
        }
    fprintf(f, " counted from the lagna, Moon and Venus%s\n",
            raw && !m->present ? "; dosha cancelled" : "");
    fprintf(f, "  %-9s %-10s  %-5s  %s\n", "From", "Mars house", "Dosha", "Cancelled");
    for (int r = 0; r < MANGLIK_REF_COUNT; r++)
        fprintf(f, "  %-9s %10d  %-5s  %s\n", manglik_ref_name(r), m->house[r], yes_no(m->raw[r]),
                yes_no(m->cancelled[r]));
    for (int c = 0; c < MANGLIK_CANCEL_COUNT; c++)
        if (m->cancellations & (1u << c))
            fprintf(f, "  Cancellation %s: %s\n", dosha_manglik_cancel_name(c),
                    dosha_manglik_cancel_description(c));
}

static void print_kaal_sarp(FILE *f, const struct kaal_sarp *ks)
{
    const char *status = ks->status == KAAL_SARP_FULL      ? "full"
                         : ks->status == KAAL_SARP_PARTIAL ? "partial"
                                                           : "no";
    fprintf(f, "%-10s %-8s ", "Kaal sarp", status);
    if (ks->present)
        fprintf(f, "%s, %s, ", dosha_kaal_sarp_name(ks->type),
                ks->savya ? "savya (Rahu to Ketu)" : "apasavya (Ketu to Rahu)");
    fprintf(f, "Rahu in house %d", ks->rahu_house);
    if (ks->outside >= 0)
        fprintf(f, ", outside the axis: %s", graha_name(ks->outside));
    if (ks->on_axis) {
        fprintf(f, ", on the axis:");
        for (int g = 0; g < GRAHA_SEVEN; g++)
            if (ks->on_axis & (1u << g))
                fprintf(f, " %s", graha_name(g));
    }
    fprintf(f, "\n");
}

/* A sade sati cycle (Julian days UT) as its start and end, or "none". */
static void print_cycle(FILE *f, const char *name, bool valid, const struct sade_sati_cycle *cy,
                        const struct chart *c)
{
    char start[32], end[32];
    if (!valid) {
        fprintf(f, "  %-9s none\n", name);
        return;
    }
    table_format_time(civil_seconds_from_jd(cy->start), c, start);
    table_format_time(civil_seconds_from_jd(cy->end), c, end);
    fprintf(f, "  %-9s %s  %s\n", name, start, end);
}

static void print_sade_sati(FILE *f, const struct sade_sati *s, const struct chart *c)
{
    char as_of[32];
    struct zodiac_pos saturn;
    int d, m;
    double sec;
    table_format_time(civil_seconds_from_jd(s->as_of), c, as_of);
    zodiac_locate(s->saturn_longitude, &saturn);
    zodiac_dms(saturn.degree, &d, &m, &sec);
    fprintf(f, "%-10s %-8s as of %s: Saturn in %s %d\xC2\xB0%02d', phase %s; natal Moon in %s\n",
            "Sade sati", yes_no(s->active), as_of, sign_name(s->saturn_sign), d, m,
            dosha_sade_sati_phase_name(s->phase), sign_name(s->moon_sign));
    print_cycle(f, "Current", s->active, &s->current, c);
    print_cycle(f, "Next", !isnan(s->next.start), &s->next, c);
}

void doshas_table_write(FILE *f, const struct kundli *k)
{
    if (!(k->chart.options.sections & SECTION_DOSHAS))
        return;
    fprintf(f, "\nDoshas\n");
    fprintf(f, "%-10s %-8s %s\n", "Dosha", "Present", "Detail");
    print_manglik(f, &k->doshas.manglik);
    print_kaal_sarp(f, &k->doshas.kaal_sarp);
    print_sade_sati(f, &k->doshas.sade_sati, &k->chart);
}
