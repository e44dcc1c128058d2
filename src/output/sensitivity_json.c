/* sensitivity_json.c - the sensitivity document (see sensitivity_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/sensitivity_json.h"

#include "engine/eph.h"
#include "output/chart_json.h"

#include <math.h>
#include <stdio.h>

char *sensitivity_value_text(int kind, int v, char *out, size_t cap)
{
    if (v == SENSITIVITY_NONE)
        snprintf(out, cap, "%s", "");
    else if (kind == SENS_LAGNA_PADA || kind == SENS_MOON_PADA)
        snprintf(out, cap, "%s %d", nakshatra_name(v / 4), v % 4 + 1);
    else if (kind == SENS_DASHA)
        snprintf(out, cap, "%s/%s", graha_name(v / 16), graha_name(v % 16));
    else
        snprintf(out, cap, "%s", sign_name(v));
    return out;
}

/* A value, or null when there is none (a dasha outside its 120 years). */
static void write_value(struct jsonw *w, int kind, int v)
{
    char text[64];
    if (v == SENSITIVITY_NONE)
        jw_null(w);
    else
        jw_str(w, sensitivity_value_text(kind, v, text, sizeof text));
}

static void write_settings(struct jsonw *w, const struct sensitivity *s)
{
    const struct chart *c = &s->chart;
    const struct chart_options *o = &c->options;
    char date[32];
    jw_key(w, "settings");
    jw_obj(w);
    jw_kstr(w, "ayanamsa", eph_ayanamsa_name(o->ayanamsa));
    jw_kstr(w, "house_system", house_system_name(o->house_system));
    jw_kstr(w, "house_system_used", house_system_name(c->house_system_used));
    jw_kstr(w, "positions", positions_name(o->true_positions));
    jw_kbool(w, "topocentric", o->topocentric);
    jw_kfixed(w, "dasha_year_days", o->dasha_year_days, 6);
    civil_format_iso(s->as_of, NULL, date);
    date[10] = '\0';
    jw_kstr(w, "as_of", date);
    jw_obj_end(w);
}

static void write_window(struct jsonw *w, const struct sensitivity *s)
{
    char iso[32];
    jw_key(w, "window");
    jw_obj(w);
    jw_kint(w, "seconds", (long long)s->window);
    civil_format_iso(s->birth - s->window, NULL, iso);
    jw_kstr(w, "from", iso);
    civil_format_iso(s->birth + s->window, NULL, iso);
    jw_kstr(w, "to", iso);
    jw_obj_end(w);
}

static void write_at_birth(struct jsonw *w, const struct sensitivity *s)
{
    jw_key(w, "at_birth");
    jw_obj(w);
    for (int k = 0; k < SENS_KIND_COUNT; k++) {
        if (k == SENS_HOUSE_CUSP)
            continue;
        jw_key(w, sensitivity_kind_name(k));
        write_value(w, k, s->at_birth.value[k]);
    }
    jw_key(w, "house_cusps");
    jw_arr(w);
    for (int h = 1; h <= 12; h++) {
        if (!(s->houses & (1u << (h - 1))))
            continue;
        jw_obj(w);
        jw_kint(w, "house", h);
        jw_key(w, "sign");
        write_value(w, SENS_HOUSE_CUSP, s->at_birth.cusp[h - 1]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

static void write_margin(struct jsonw *w, const struct sensitivity *s)
{
    jw_key(w, "margin");
    jw_obj(w);
    jw_key(w, "earlier");
    if (isnan(s->margin_earlier))
        jw_null(w);
    else
        jw_int(w, (long long)s->margin_earlier);
    jw_key(w, "later");
    if (isnan(s->margin_later))
        jw_null(w);
    else
        jw_int(w, (long long)s->margin_later);
    jw_obj_end(w);
}

static void write_change(struct jsonw *w, const struct sensitivity *s,
                         const struct sensitivity_change *ch)
{
    char iso[32];
    int offset = (int)lround(ch->offset);
    jw_obj(w);
    civil_format_iso(ch->ut, NULL, iso);
    jw_kstr(w, "ut", iso);
    civil_format_iso(ch->ut, &offset, iso);
    jw_kstr(w, "local", iso);
    jw_kint(w, "offset", llround(ch->ut - s->birth));
    jw_kstr(w, "kind", sensitivity_kind_name(ch->kind));
    if (ch->kind == SENS_HOUSE_CUSP)
        jw_kint(w, "house", ch->house);
    jw_key(w, "from");
    write_value(w, ch->kind, ch->from);
    jw_key(w, "to");
    write_value(w, ch->kind, ch->to);
    jw_obj_end(w);
}

void sensitivity_json_write(struct jsonw *w, const struct sensitivity *s)
{
    chart_json_write_input(w, &s->chart);
    write_settings(w, s);
    write_window(w, s);
    write_at_birth(w, s);
    write_margin(w, s);
    jw_kint(w, "count", s->count);
    jw_key(w, "changes");
    jw_arr(w);
    for (int i = 0; i < s->count; i++)
        write_change(w, s, &s->changes[i]);
    jw_arr_end(w);
    jw_obj_end(w);
}
