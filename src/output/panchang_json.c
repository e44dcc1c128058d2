/* panchang_json.c - serialises the birth panchang and the daily panchang
 * with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/panchang_json.h"

#include "engine/eph.h"
#include "engine/zodiac.h"
#include "output/display_json.h"

#include <stdio.h>

#define DEG 8 /* decimals for angles, as in chart_json.c */

/* "key": local ISO time with offset, "key_ut": UTC; both null if !t->valid. */
static void write_time(struct jsonw *w, const char *key, const struct panchang_time *t)
{
    char k[48], iso[32];
    snprintf(k, sizeof k, "%s_ut", key);
    if (!t->valid) {
        jw_key(w, key);
        jw_null(w);
        jw_key(w, k);
        jw_null(w);
        return;
    }
    civil_format_iso(t->ut, &t->offset, iso);
    jw_kstr(w, key, iso);
    civil_format_iso(t->ut, NULL, iso);
    jw_kstr(w, k, iso);
}

static void write_vara(struct jsonw *w, int vara, int lang)
{
    jw_key(w, "vara");
    jw_obj(w);
    jw_kint(w, "number", vara + 1);
    jw_kstr(w, "name", panchang_vara_name(vara));
    display_json_write(w, "display", lang, LANG_KIND_VARA, vara);
    jw_kstr(w, "sanskrit", panchang_vara_sanskrit(vara));
    jw_kstr(w, "lord", graha_name(vara)); /* enum graha runs in weekday order */
    display_json_write(w, "lord_display", lang, LANG_KIND_GRAHA, vara);
    jw_obj_end(w);
}

/* Number and name (and paksha, lord) of one limb's value, with their
 * display names in lang (enum lang) when given. */
static void write_tithi_fields(struct jsonw *w, int tithi, int lang)
{
    jw_kint(w, "number", tithi);
    jw_kstr(w, "name", panchang_tithi_name(tithi));
    display_json_write(w, "display", lang, LANG_KIND_TITHI, tithi - 1);
    int paksha = panchang_paksha_of(tithi);
    jw_kstr(w, "paksha", panchang_paksha_name(paksha));
    display_json_write(w, "paksha_display", lang, LANG_KIND_PAKSHA, paksha);
}

static void write_nakshatra_fields(struct jsonw *w, int nakshatra, int lang)
{
    jw_kint(w, "number", nakshatra);
    jw_kstr(w, "name", nakshatra_name(nakshatra - 1));
    display_json_write(w, "display", lang, LANG_KIND_NAKSHATRA, nakshatra - 1);
    int lord = nakshatra_lord(nakshatra - 1);
    jw_kstr(w, "lord", graha_name(lord));
    display_json_write(w, "lord_display", lang, LANG_KIND_GRAHA, lord);
}

static void write_yoga_fields(struct jsonw *w, int yoga, int lang)
{
    jw_kint(w, "number", yoga);
    jw_kstr(w, "name", panchang_yoga_name(yoga));
    display_json_write(w, "display", lang, LANG_KIND_YOGA, yoga - 1);
}

static void write_karana_fields(struct jsonw *w, int karana, int lang)
{
    jw_kint(w, "number", karana);
    jw_kstr(w, "name", panchang_karana_name(karana));
    if (lang != LANG_NONE) /* not even the index without lang */
        display_json_write(w, "display", lang, LANG_KIND_KARANA, panchang_karana_index(karana));
}

void panchang_json_write(struct jsonw *w, const struct panchang *p, const struct chart *c)
{
    int lang = c->options.lang;
    jw_obj(w);
    write_vara(w, p->vara, lang);
    jw_key(w, "tithi");
    jw_obj(w);
    write_tithi_fields(w, p->tithi, lang);
    jw_kfixed(w, "elongation", p->elongation, DEG);
    jw_obj_end(w);
    jw_key(w, "nakshatra");
    jw_obj(w);
    write_nakshatra_fields(w, p->nakshatra, lang);
    jw_kint(w, "pada", p->pada);
    jw_obj_end(w);
    jw_key(w, "yoga");
    jw_obj(w);
    write_yoga_fields(w, p->yoga, lang);
    jw_kfixed(w, "longitude", p->yoga_longitude, DEG);
    jw_obj_end(w);
    jw_key(w, "karana");
    jw_obj(w);
    write_karana_fields(w, p->karana, lang);
    jw_obj_end(w);
    write_time(w, "sunrise", &p->sunrise);
    write_time(w, "sunset", &p->sunset);
    jw_obj_end(w);
}

enum { LIMB_TITHI, LIMB_NAKSHATRA, LIMB_YOGA, LIMB_KARANA };

static void write_spans(struct jsonw *w, const char *key, const struct panchang_spans *l, int limb,
                        int lang)
{
    jw_key(w, key);
    jw_arr(w);
    for (int i = 0; i < l->count; i++) {
        const struct panchang_span *s = &l->span[i];
        jw_obj(w);
        switch (limb) {
        case LIMB_TITHI: write_tithi_fields(w, s->number, lang); break;
        case LIMB_NAKSHATRA: write_nakshatra_fields(w, s->number, lang); break;
        case LIMB_YOGA: write_yoga_fields(w, s->number, lang); break;
        default: write_karana_fields(w, s->number, lang); break;
        }
        write_time(w, "start", &s->start);
        write_time(w, "end", &s->end);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_period(struct jsonw *w, const char *key, const struct panchang_period *p,
                         const char *part_key)
{
    jw_key(w, key);
    jw_obj(w);
    jw_kint(w, part_key, p->part);
    write_time(w, "start", &p->start);
    write_time(w, "end", &p->end);
    jw_obj_end(w);
}

void panchang_day_json_write(struct jsonw *w, const struct panchang_day *d)
{
    char buf[16];
    jw_obj(w);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->date.year, d->date.month, d->date.day);
    jw_kstr(w, "date", buf);
    jw_kstr(w, "timezone", d->zone_name);
    jw_kfixed(w, "latitude", d->latitude, 6);
    jw_kfixed(w, "longitude", d->longitude, 6);
    jw_key(w, "settings");
    jw_obj(w);
    jw_kstr(w, "ayanamsa", eph_ayanamsa_name(d->ayanamsa));
    jw_kfixed(w, "ayanamsa_value", d->ayanamsa_value, DEG);
    jw_kstr(w, "ephemeris", d->ephemeris == EPH_SWISS ? "swiss_ephemeris" : "moshier");
    jw_kstr(w, "sunrise_convention", "hindu_disc_centre_no_refraction");
    display_json_write_lang(w, d->lang);
    jw_obj_end(w);
    write_vara(w, d->vara, d->lang);
    write_time(w, "sunrise", &d->sunrise);
    write_time(w, "sunset", &d->sunset);
    write_time(w, "next_sunrise", &d->next_sunrise);
    write_time(w, "moonrise", &d->moonrise);
    write_time(w, "moonset", &d->moonset);
    write_spans(w, "tithi", &d->tithi, LIMB_TITHI, d->lang);
    write_spans(w, "nakshatra", &d->nakshatra, LIMB_NAKSHATRA, d->lang);
    write_spans(w, "yoga", &d->yoga, LIMB_YOGA, d->lang);
    write_spans(w, "karana", &d->karana, LIMB_KARANA, d->lang);
    write_period(w, "rahu_kalam", &d->rahu_kalam, "part");
    write_period(w, "yamaganda", &d->yamaganda, "part");
    write_period(w, "gulika_kalam", &d->gulika_kalam, "part");
    write_period(w, "abhijit_muhurta", &d->abhijit_muhurta, "muhurta");
    jw_obj_end(w);
}
