/* gochara_table.c - the transits at the as-of instant: each graha's sign,
 * houses from the lagna and the Moon, favourable or not and its vedha,
 * bindus and next sign change; then the chandrashtama windows, the names
 * in the chart's language (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include "engine/civil.h"
#include "engine/tz.h"

#include <math.h>
#include <string.h>

/* ut (seconds since 1970) as local "YYYY-MM-DDTHH:MM:SS" in the birth's
 * zone: the searches are exact to the second. */
static void format_second(double ut, const struct chart *c, char out[32])
{
    struct tz_conv local;
    tz_ut_to_local(c->zone, ut, c->birth.longitude, &local);
    int off = (int)lround(local.offset);
    civil_format_iso(ut, &off, out);
    out[19] = '\0';
}

void transits_table_write(FILE *f, const struct kundli *k)
{
    const struct gochara *t = &k->transits;
    char when[32];
    if (!(k->chart.options.sections & SECTION_TRANSITS))
        return;
    table_format_time(civil_seconds_from_jd(t->jd_ut), &k->chart, when);
    fprintf(f, "\nTransits at %s (natal lagna %s, Moon %s; houses whole signs)\n", when,
            table_name(k, LANG_KIND_SIGN, t->lagna_sign),
            table_name(k, LANG_KIND_SIGN, t->moon_sign));
    fprintf(f, "%-8s %-11s %6s %2s %5s %5s %-11s %-13s %6s %5s  %s\n", "Graha", "Sign", "Deg", "R",
            "House", "Moon", "Gochara", "Vedha by", "Bindus", "Sarva", "Next sign change");
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        const struct gochara_graha *x = &t->g[g];
        char gochara[24], vedha[128] = "", bindus[16] = "-", next[32];
        size_t n = 0;
        if (x->favourable)
            snprintf(gochara, sizeof gochara, "good (v%d)", x->vedha_house);
        else
            snprintf(gochara, sizeof gochara, "-");
        for (int by = 0; by < GRAHA_CLASSICAL && n < sizeof vedha; by++)
            if (x->vedha_by & (1u << by)) {
                int w = snprintf(vedha + n, sizeof vedha - n, "%s%s", n ? " " : "",
                                 table_name(k, LANG_KIND_GRAHA, by));
                n += w > 0 ? (size_t)w : 0;
            }
        if (!vedha[0])
            strcpy(vedha, "-");
        if (x->bindus >= 0)
            snprintf(bindus, sizeof bindus, "%d", x->bindus);
        format_second(civil_seconds_from_jd(x->next_change), &k->chart, next);
        table_put(f, table_name(k, LANG_KIND_GRAHA, g), 8);
        fputc(' ', f);
        table_put(f, table_name(k, LANG_KIND_SIGN, x->pos.sign), 11);
        /* 29.996 is not 30.00 */
        fprintf(f, " %6.2f %2s %5d %5d %-11s ", floor(x->pos.degree * 100) / 100,
                x->retrograde ? "R" : "", x->house, x->house_from_moon, gochara);
        table_put(f, vedha, 13);
        fprintf(f, " %6s %5d  %s -> %s\n", bindus, x->sarva_bindus, next,
                table_name(k, LANG_KIND_SIGN, x->next_sign));
    }
    fprintf(f, "Chandrashtama (Moon in %s, the 8th from the natal Moon):",
            table_name(k, LANG_KIND_SIGN, t->chandrashtama_sign));
    if (t->chandrashtama_active) {
        char a[32], b[32];
        format_second(civil_seconds_from_jd(t->chandrashtama_current.start), &k->chart, a);
        format_second(civil_seconds_from_jd(t->chandrashtama_current.end), &k->chart, b);
        fprintf(f, " now, %s .. %s;", a, b);
    }
    if (!isnan(t->chandrashtama_next.start)) {
        char a[32], b[32];
        format_second(civil_seconds_from_jd(t->chandrashtama_next.start), &k->chart, a);
        format_second(civil_seconds_from_jd(t->chandrashtama_next.end), &k->chart, b);
        fprintf(f, " next %s .. %s", a, b);
    }
    fprintf(f, "\n");
}
