/* sensitivity_table.c - the text table of `kundli sensitivity` (see
 * sensitivity_table.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/sensitivity_table.h"

#include "output/sensitivity_json.h"

#include <math.h>

static const char *value(int kind, int v, char *buf, size_t cap)
{
    return v == SENSITIVITY_NONE ? "(none)" : sensitivity_value_text(kind, v, buf, cap);
}

/* "318 s (5m18s)", or "none within the window". */
static void print_margin(FILE *f, const char *side, double m)
{
    if (isnan(m)) {
        fprintf(f, "%s none within the window", side);
        return;
    }
    long s = (long)m;
    fprintf(f, "%s %ld s (%ldh%02ldm%02lds)", side, s, s / 3600, s / 60 % 60, s % 60);
}

void sensitivity_table_write(FILE *f, const struct sensitivity *s)
{
    const struct chart *c = &s->chart;
    const struct birth *b = &c->birth;
    char a[64], d[64], local[32], asof[32];
    int off = (int)lround(c->tz.offset);
    civil_format_iso(s->birth, &off, local);
    civil_format_iso(s->as_of, NULL, asof);
    asof[10] = '\0';
    fprintf(f, "Birth-time sensitivity of %s (%s) at %.4f, %.4f\n", local, c->zone_name,
            b->latitude, b->longitude);
    fprintf(f, "window +-%ld s, houses %s, dasha at %s\n\n", (long)s->window,
            house_system_name(c->options.house_system), asof);
    const struct sensitivity_state *st = &s->at_birth;
    fprintf(f, "At birth   lagna %s, %s; D9 lagna %s; D10 lagna %s\n",
            value(SENS_LAGNA_SIGN, st->value[SENS_LAGNA_SIGN], a, sizeof a),
            value(SENS_LAGNA_PADA, st->value[SENS_LAGNA_PADA], d, sizeof d),
            sign_name(st->value[SENS_D9_LAGNA]), sign_name(st->value[SENS_D10_LAGNA]));
    fprintf(f, "           Moon %s; dasha %s\n",
            value(SENS_MOON_PADA, st->value[SENS_MOON_PADA], a, sizeof a),
            value(SENS_DASHA, st->value[SENS_DASHA], d, sizeof d));
    fprintf(f, "Margin     ");
    print_margin(f, "earlier", s->margin_earlier);
    fprintf(f, "; ");
    print_margin(f, "later", s->margin_later);
    fprintf(f, "\n\n%-8s %-25s %-11s %5s  %-20s %s\n", "offset", "local time", "change", "house",
            "from", "to");
    for (int i = 0; i < s->count; i++) {
        const struct sensitivity_change *ch = &s->changes[i];
        int o = (int)lround(ch->offset);
        char house[8] = "";
        civil_format_iso(ch->ut, &o, local);
        if (ch->kind == SENS_HOUSE_CUSP)
            snprintf(house, sizeof house, "%d", ch->house);
        fprintf(f, "%+7llds %-25s %-11s %5s  %-20s %s\n", llround(ch->ut - s->birth), local,
                sensitivity_kind_name(ch->kind), house, value(ch->kind, ch->from, a, sizeof a),
                value(ch->kind, ch->to, d, sizeof d));
    }
    if (s->count == 0)
        fprintf(f, "(no change within the window)\n");
}
