/* chart_json.c - serialises struct chart with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/chart_json.h"

#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/karaka.h"
#include "output/display_json.h"

#include <math.h>
#include <stdio.h>

#define DEG 8 /* decimals for angles: 1e-8 deg = 0.000036 arcsec */

static void write_dms(struct jsonw *w, double deg)
{
    int d, m;
    double s;
    char buf[32];
    zodiac_dms(deg, &d, &m, &s);
    snprintf(buf, sizeof buf, "%d\xC2\xB0%02d\xE2\x80\xB2%05.2f\xE2\x80\xB3", d, m, s);
    jw_str(w, buf);
}

/* Fields shared by the lagna, the MC and the grahas; the display names in
 * lang (enum lang) beside the names, when given. */
static void write_zodiac(struct jsonw *w, const struct zodiac_pos *p, int lang)
{
    int lord = sign_lord(p->sign), nlord = nakshatra_lord(p->nakshatra);
    jw_kfixed(w, "longitude", p->longitude, DEG);
    jw_kstr(w, "sign", sign_name(p->sign));
    display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, p->sign);
    jw_kint(w, "sign_number", p->sign + 1);
    jw_kstr(w, "sign_lord", graha_name(lord));
    display_json_write(w, "sign_lord_display", lang, LANG_KIND_GRAHA, lord);
    jw_kfixed(w, "degree", p->degree, DEG);
    jw_key(w, "dms");
    write_dms(w, p->degree);
    jw_kstr(w, "nakshatra", nakshatra_name(p->nakshatra));
    display_json_write(w, "nakshatra_display", lang, LANG_KIND_NAKSHATRA, p->nakshatra);
    jw_kint(w, "nakshatra_number", p->nakshatra + 1);
    jw_kstr(w, "nakshatra_lord", graha_name(nlord));
    display_json_write(w, "nakshatra_lord_display", lang, LANG_KIND_GRAHA, nlord);
    jw_kint(w, "pada", p->pada);
}

static void write_input(struct jsonw *w, const struct chart *c)
{
    const struct birth *b = &c->birth;
    char buf[40];
    jw_key(w, "input");
    jw_obj(w);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", b->local.year, b->local.month, b->local.day);
    jw_kstr(w, "date", buf);
    snprintf(buf, sizeof buf, "%02d:%02d:%02d", b->local.hour, b->local.minute, b->local.second);
    jw_kstr(w, "time", buf);
    jw_kstr(w, "timezone", c->zone_name);
    if (b->fold >= 0)
        jw_kint(w, "fold", b->fold);
    jw_kfixed(w, "latitude", b->latitude, 6);
    jw_kfixed(w, "longitude", b->longitude, 6);
    jw_kfixed(w, "altitude", b->altitude, 1);
    civil_format_iso(c->tz.ut, NULL, buf);
    jw_kstr(w, "ut", buf);
    jw_kfixed(w, "julian_day_ut", c->jd_ut, 10);
    jw_kfixed(w, "delta_t", c->delta_t, 3);
    civil_format_offset((int)lround(c->tz.offset), buf);
    jw_kstr(w, "utc_offset", buf);
    jw_kstr(w, "zone_abbreviation", c->tz.abbrev);
    if (b->have & BIRTH_RESOLVED_PLACE) {
        const struct birth_place *p = &b->resolved;
        jw_key(w, "place");
        jw_obj(w);
        jw_kstr(w, "name", p->name);
        jw_kstr(w, "state", p->state);
        jw_kstr(w, "country", p->country);
        jw_kfixed(w, "latitude", p->latitude, 5);
        jw_kfixed(w, "longitude", p->longitude, 5);
        jw_kstr(w, "timezone", p->timezone);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

static void write_settings(struct jsonw *w, const struct chart *c)
{
    const struct chart_options *o = &c->options;
    jw_key(w, "settings");
    jw_obj(w);
    jw_kstr(w, "ayanamsa", eph_ayanamsa_name(o->ayanamsa));
    jw_kfixed(w, "ayanamsa_value", c->ayanamsa_value, DEG);
    jw_key(w, "ayanamsa_dms");
    write_dms(w, c->ayanamsa_value);
    jw_kstr(w, "node", node_name(o->node));
    jw_kstr(w, "house_system", house_system_name(o->house_system));
    jw_kstr(w, "house_system_used", house_system_name(c->house_system_used));
    jw_kstr(w, "positions", positions_name(o->true_positions));
    jw_kbool(w, "topocentric", o->topocentric);
    jw_kbool(w, "outer_planets", o->outer_planets);
    jw_kfixed(w, "dasha_year_days", o->dasha_year_days, 6);
    jw_kint(w, "dasha_levels", o->dasha_levels);
    jw_kint(w, "yogini_levels", o->yogini_levels);
    jw_key(w, "dasha_systems");
    jw_arr(w);
    for (int i = 0; i < DASHA_SYSTEM_COUNT; i++)
        if (o->dasha_systems & (1u << i))
            jw_str(w, dasha_system_name(i));
    jw_arr_end(w);
    jw_kint(w, "ashtottari_levels", o->ashtottari_levels);
    jw_kint(w, "chara_levels", o->chara_levels);
    jw_kint(w, "kalachakra_levels", o->kalachakra_levels);
    jw_kstr(w, "ashtottari_rule", ashtottari_rule_name(o->ashtottari_rule));
    jw_kstr(w, "chara_method", chara_method_name(o->chara_method));
    jw_kstr(w, "hora", o->parivritti_hora ? "parivritti" : "parashara");
    display_json_write_lang(w, o->lang);
    jw_key(w, "sections");
    jw_arr(w);
    for (int i = 0; i < SECTION_COUNT; i++)
        if (o->sections & (1u << i))
            jw_str(w, section_name(i));
    jw_arr_end(w);
    jw_kstr(w, "ephemeris", c->ephemeris == EPH_SWISS ? "swiss_ephemeris" : "moshier");
    jw_kstr(w, "ephemeris_version", eph_version());
    jw_kstr(w, "engine_version", ENGINE_VERSION);
    jw_obj_end(w);
}

void chart_json_write_planets(struct jsonw *w, const struct chart *c)
{
    jw_arr(w);
    for (int g = 0; g < c->ngrahas; g++) {
        const struct graha_pos *gp = &c->grahas[g];
        jw_obj(w);
        jw_kstr(w, "name", graha_name(g));
        display_json_write(w, "display", c->options.lang, LANG_KIND_GRAHA, g);
        write_zodiac(w, &gp->pos, c->options.lang);
        jw_kfixed(w, "latitude", gp->latitude, DEG);
        jw_kfixed(w, "speed", gp->speed, DEG);
        jw_kbool(w, "retrograde", gp->retrograde);
        jw_kint(w, "house", gp->house);
        jw_kint(w, "bhava", gp->bhava);
        jw_kstr(w, "dignity", dignity_name(gp->dignity));
        if (gp->dignity >= DIGNITY_FRIEND && gp->dignity <= DIGNITY_ENEMY)
            jw_kstr(w, "relationship", relation_name(gp->relation));
        jw_kbool(w, "combust", gp->combust);
        jw_kfixed(w, "sun_distance", gp->sun_distance, 6);
        if (gp->karaka != KARAKA_NONE)
            jw_kstr(w, "karaka", karaka_name(gp->karaka));
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void chart_json_write_houses(struct jsonw *w, const struct chart *c)
{
    int lang = c->options.lang;
    jw_arr(w);
    for (int h = 0; h < 12; h++) {
        const struct house *hs = &c->houses[h];
        jw_obj(w);
        jw_kint(w, "number", h + 1);
        jw_kstr(w, "sign", sign_name(hs->sign));
        display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, hs->sign);
        int lord = sign_lord(hs->sign);
        jw_kstr(w, "lord", graha_name(lord));
        display_json_write(w, "lord_display", lang, LANG_KIND_GRAHA, lord);
        jw_kfixed(w, "cusp", hs->cusp, DEG);
        jw_key(w, "occupants");
        jw_arr(w);
        for (int g = 0; g < c->ngrahas; g++)
            if (hs->occupants & (1u << g))
                jw_str(w, graha_name(g));
        jw_arr_end(w);
        if (lang != LANG_NONE) {
            jw_key(w, "occupants_display");
            jw_arr(w);
            for (int g = 0; g < c->ngrahas; g++)
                if (hs->occupants & (1u << g))
                    jw_str(w, lang_name(lang, LANG_KIND_GRAHA, g));
            jw_arr_end(w);
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void chart_json_write_input(struct jsonw *w, const struct chart *c)
{
    jw_obj(w);
    write_input(w, c);
    jw_split(w);
}

void chart_json_write_members(struct jsonw *w, const struct chart *c)
{
    write_settings(w, c);
    jw_key(w, "ascendant");
    jw_obj(w);
    write_zodiac(w, &c->ascendant, c->options.lang);
    jw_obj_end(w);
    jw_key(w, "mc");
    jw_obj(w);
    write_zodiac(w, &c->mc, c->options.lang);
    jw_obj_end(w);
}
