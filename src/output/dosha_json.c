/* dosha_json.c - serialises struct doshas with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/dosha_json.h"

#include "engine/civil.h"
#include "engine/tz.h"

#include <math.h>

#define DEG 8 /* decimals for angles, as in chart_json.c */

static void write_manglik(struct jsonw *w, const struct manglik *m)
{
    static const char *const refs[MANGLIK_REF_COUNT] = {"lagna", "moon", "venus"};
    jw_obj(w);
    jw_kbool(w, "present", m->present);
    jw_kbool(w, "from_lagna", m->from_lagna);
    jw_kbool(w, "from_moon", m->from_moon);
    jw_kbool(w, "from_venus", m->from_venus);
    jw_kstr(w, "mars_sign", sign_name(m->mars_sign));
    jw_key(w, "houses_counted");
    jw_arr(w);
    for (int h = 1; h <= 12; h++)
        if ((MANGLIK_HOUSES >> h) & 1u)
            jw_int(w, h);
    jw_arr_end(w);
    jw_key(w, "references");
    jw_arr(w);
    for (int r = 0; r < MANGLIK_REF_COUNT; r++) {
        jw_obj(w);
        jw_kstr(w, "from", refs[r]);
        jw_kint(w, "mars_house", m->house[r]);
        jw_kbool(w, "dosha", m->raw[r]);
        jw_kbool(w, "cancelled", m->cancelled[r]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "cancellations");
    jw_arr(w);
    for (int k = 0; k < MANGLIK_CANCEL_COUNT; k++) {
        if (!(m->cancellations & (1u << k)))
            continue;
        jw_obj(w);
        jw_kstr(w, "name", dosha_manglik_cancel_name(k));
        jw_kstr(w, "description", dosha_manglik_cancel_description(k));
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

static void write_kaal_sarp(struct jsonw *w, const struct kaal_sarp *k)
{
    static const char *const status[] = {"none", "full", "partial"};
    jw_obj(w);
    jw_kbool(w, "present", k->present);
    jw_kstr(w, "status", status[k->status]);
    jw_key(w, "type");
    if (k->present)
        jw_str(w, dosha_kaal_sarp_name(k->type));
    else
        jw_null(w);
    jw_kint(w, "rahu_house", k->rahu_house);
    jw_key(w, "direction");
    if (k->present)
        jw_str(w, k->savya ? "savya" : "apasavya");
    else
        jw_null(w);
    jw_key(w, "outside");
    if (k->outside >= 0)
        jw_str(w, graha_name(k->outside));
    else
        jw_null(w);
    jw_key(w, "on_axis");
    jw_arr(w);
    for (int g = 0; g < GRAHA_SEVEN; g++)
        if (k->on_axis & (1u << g))
            jw_str(w, graha_name(g));
    jw_arr_end(w);
    jw_obj_end(w);
}

/* Writes key (UT) and key_local (birth zone) for the instant jd. */
static void write_instant(struct jsonw *w, const char *key, const char *key_local, double jd,
                          const struct tz_zone *zone, const struct chart *c)
{
    char iso[32];
    double secs = civil_seconds_from_jd(jd);
    civil_format_iso(secs, NULL, iso);
    jw_kstr(w, key, iso);
    if (!zone)
        return;
    struct tz_conv local;
    tz_ut_to_local(zone, secs, c->birth.longitude, &local);
    int offset = (int)lround(local.offset);
    civil_format_iso(secs, &offset, iso);
    jw_kstr(w, key_local, iso);
}

static void write_cycle(struct jsonw *w, const char *key, bool valid,
                        const struct sade_sati_cycle *cy, const struct tz_zone *zone,
                        const struct chart *c)
{
    jw_key(w, key);
    if (!valid) {
        jw_null(w);
        return;
    }
    jw_obj(w);
    write_instant(w, "start", "start_local", cy->start, zone, c);
    write_instant(w, "end", "end_local", cy->end, zone, c);
    jw_obj_end(w);
}

static void write_sade_sati(struct jsonw *w, const struct sade_sati *s, const struct chart *c)
{
    const struct tz_zone *zone = c->zone;
    jw_obj(w);
    jw_kstr(w, "moon_sign", sign_name(s->moon_sign));
    write_instant(w, "as_of", "as_of_local", s->as_of, zone, c);
    jw_kfixed(w, "saturn_longitude", s->saturn_longitude, DEG);
    jw_kstr(w, "saturn_sign", sign_name(s->saturn_sign));
    jw_kstr(w, "phase", dosha_sade_sati_phase_name(s->phase));
    jw_kbool(w, "active", s->active);
    write_cycle(w, "current", s->active, &s->current, zone, c);
    write_cycle(w, "next", !isnan(s->next.start), &s->next, zone, c);
    jw_obj_end(w);
}

void dosha_json_write(struct jsonw *w, const struct doshas *m, const struct chart *c)
{
    jw_obj(w);
    jw_key(w, "manglik");
    write_manglik(w, &m->manglik);
    jw_key(w, "kaal_sarp");
    write_kaal_sarp(w, &m->kaal_sarp);
    jw_key(w, "sade_sati");
    write_sade_sati(w, &m->sade_sati, c);
    jw_obj_end(w);
}
